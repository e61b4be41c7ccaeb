"""``manage.py careers_sync``: fetch the allied sites' feeds that are due (for cron)."""

from django.core.management.base import BaseCommand, CommandError

from careers.models import SyndicationSource
from careers.syndication.sync import describe, sync_due_sources


class Command(BaseCommand):
    help = (
        "Fetch the feeds of the syndication sources whose next fetch is due, store their "
        "postings and update the listings. Run it every few minutes from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source",
            help="Only this source: its id or its name.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Fetch now, even if the next fetch is not due (or the source is disabled).",
        )

    def handle(self, *args, source=None, force=False, **options):
        sources = None
        if source:
            matches = SyndicationSource.objects.filter(name__iexact=source)
            if source.isdigit():
                matches = matches | SyndicationSource.objects.filter(pk=int(source))
            sources = list(matches.order_by("pk"))
            if not sources:
                raise CommandError(f"No syndication source has the id or name {source!r}.")
        done = sync_due_sources(force=force, sources=sources)
        if not done:
            self.stdout.write("No source is due.")
        for fetched_source, result in done:
            self.stdout.write(describe(fetched_source, result))
