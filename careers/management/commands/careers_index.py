"""``manage.py careers_index``: rebuild the listing index, or with ``--check`` report drift."""

from django.core.management.base import BaseCommand, CommandError

from careers import posting_index
from careers.syndication.index import reindex_syndicated


class Command(BaseCommand):
    help = (
        "Rebuild the careers listing index from the live postings. With --check, change "
        "nothing: report rows missing, extra or different, and exit with status 1 if any."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Report how the index differs from the postings, without changing it.",
        )

    def handle(self, *args, check=False, **options):
        if not check:
            count = posting_index.rebuild()
            syndicated = reindex_syndicated()
            self.stdout.write(
                f"Listing index rebuilt: {count} rows, and {syndicated} of other sites' postings."
            )
            return
        missing, extra, different = posting_index.drift()
        for label, rows in (("missing", missing), ("extra", extra), ("different", different)):
            for posting_key, locale_id in rows:
                self.stdout.write(f"{label}: posting {posting_key}, locale {locale_id}")
        if missing or extra or different:
            raise CommandError(
                f"The listing index has drifted: {len(missing)} rows missing, {len(extra)} "
                f"extra, {len(different)} different. Run manage.py careers_index to rebuild it."
            )
        self.stdout.write("The listing index is up to date.")
