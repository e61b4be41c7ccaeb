"""Load the demo's second site: an allied organisation's own site (its own database, in
Portuguese and French), whose careers listing also shows the network's postings through a
syndication source. Run with ``--settings=example_site.settings.allied``, as ``make demo``
does. Running it again changes nothing."""

from careers.models import SyndicationSource
from home import allied_content

from .load_demo_data import Command as NetworkCommand


class Command(NetworkCommand):
    help = "Create the allied site of the demo: its own posting, and the network's as a source."

    base_url = allied_content.BASE_URL
    content = allied_content

    def load(self):
        created = super().load()
        careers = self.careers
        source = SyndicationSource.objects.filter(feed_url=allied_content.NETWORK_FEED).first()
        if source is None:
            source = SyndicationSource.objects.create(**allied_content.SOURCE)
            source.listings.set([careers])
            source.save()
            created = self.created = True
        return created

    def careers_page(self, home):
        self.careers = super().careers_page(home)
        return self.careers

    def handle(self, *args, **options):
        super().handle(*args, **options)
        feed = allied_content.NETWORK_FEED
        self.stdout.write(f"  Syndicates: {feed} (manage.py careers_sync fetches it)\n")
