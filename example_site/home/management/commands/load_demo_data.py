"""Load the example site's demo content. Running it again changes nothing."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale, Page, Site

from careers import posting_index
from careers.models import (
    CareersIndexPage,
    EqualOpportunityStatement,
    HiringOrganisation,
    JobPostingPage,
    Organisation,
    PostingLocation,
)
from home import demo_content
from home.models import HomePage

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "changeme"  # noqa: S105 - a demo login, printed for the person running the demo
#: Where ``make demo`` serves the site; the default Site says so, as absolute links follow it.
BASE_URL = "http://127.0.0.1:8000"


class Command(BaseCommand):
    help = "Create the demo site: organisations, a careers section and postings, with translations."

    #: Where the site is served, and its content (``load_allied_demo_data`` changes both).
    base_url = BASE_URL
    content = demo_content

    def handle(self, *args, **options):
        with transaction.atomic():
            created = self.load()
            # Publishing keeps the listing index up to date; rebuilding it is cheap and makes
            # sure a demo loaded into an older database lists everything.
            posting_index.rebuild()
        if created:
            self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        else:
            self.stdout.write("Demo content is already loaded; nothing changed.")
        careers = CareersIndexPage.objects.filter(locale=Locale.get_default()).first()
        base_url = self.base_url
        self.stdout.write(
            f"\n  Site:     {base_url}/\n"
            f"  Careers:  {base_url}{careers.url if careers else '/careers/'}\n"
            f"  Admin:    {base_url}/admin/\n"
            f"  API:      {base_url}/api/v2/postings/\n"
            f"  Login:    {ADMIN_USERNAME} / {ADMIN_PASSWORD}\n"
        )

    def load(self):
        self.created = False
        self.user = self.admin_user()
        locales = self.locales()
        home = self.home_page()
        self.site_address()
        organisations = {
            key: self.organisation(data) for key, data in self.content.ORGANISATIONS.items()
        }
        statement = self.statement()
        careers = self.careers_page(home)
        postings = [self.posting(careers, data, organisations) for data in self.content.POSTINGS]
        self.home_body(home, careers)
        if settings.WAGTAIL_I18N_ENABLED:
            from home import demo_translations

            for code, plan in self.content.TRANSLATED.items():
                if code not in locales:
                    continue
                drafts = [postings[i] for i in plan["drafts"]]
                objects = [home, careers, statement]
                objects += [postings[i] for i in plan["published"]] + drafts
                if demo_translations.translate(objects, locales[code], self.user, drafts=drafts):
                    self.created = True
        return self.created

    def admin_user(self):
        User = get_user_model()
        user = User.objects.filter(username=ADMIN_USERNAME).first()
        if user is None:
            user = User.objects.create_superuser(
                ADMIN_USERNAME, "admin@example.org", ADMIN_PASSWORD
            )
            self.created = True
        return user

    def locales(self):
        codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
        if not settings.WAGTAIL_I18N_ENABLED:
            codes = codes[:1]
        result = {}
        for code in codes:
            result[code], created = Locale.objects.get_or_create(language_code=code)
            self.created |= created
        return result

    def home_page(self):
        site = Site.objects.filter(is_default_site=True).first()
        home = HomePage.objects.filter(locale=Locale.get_default()).first()
        if home is None:
            root = Page.get_first_root_node() or self.root_page()
            old_root = site.root_page if site else None
            home = HomePage(
                title=self.content.HOME["title"],
                slug="home",
                introduction=self.content.HOME["introduction"],
            )
            if old_root is not None and old_root.slug == "home":
                old_root.slug = "welcome-old"
                old_root.save()
            root.add_child(instance=home)
            home.save_revision(user=self.user).publish()
            if site is None:
                site = Site(hostname="localhost", port=80, is_default_site=True)
            site.root_page = home
            site.site_name = self.content.HOME["title"]
            site.save()
            if old_root is not None and old_root.pk != home.pk:
                old_root.delete()
            self.created = True
        return home

    def site_address(self):
        """Put the default Site on the address the demo is served on and prints (Wagtail's
        migrations make it ``localhost:80``)."""
        address = urlsplit(self.base_url)
        site = Site.objects.get(is_default_site=True)
        if (site.hostname, site.port) != (address.hostname, address.port):
            site.hostname, site.port = address.hostname, address.port
            site.save()
            self.created = True

    def root_page(self):
        """A tree root, for a database emptied by ``flush`` (migrations made the first one)."""
        self.created = True
        return Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.get_default()))

    def organisation(self, data):
        organisation = Organisation.objects.filter(
            translation_key=data["translation_key"], locale=Locale.get_default()
        ).first()
        if organisation is None:
            organisation = Organisation.objects.create(
                locale=Locale.get_default(),
                **data,
            )
            self.created = True
        return organisation

    def statement(self):
        data = self.content.STATEMENT
        statement = EqualOpportunityStatement.objects.filter(
            translation_key=data["translation_key"], locale=Locale.get_default()
        ).first()
        if statement is None:
            statement = EqualOpportunityStatement.objects.create(
                locale=Locale.get_default(), is_default=True, **data
            )
            self.created = True
        return statement

    def careers_page(self, home):
        careers = (
            CareersIndexPage.objects.child_of(home)
            .filter(slug=self.content.CAREERS["slug"])
            .first()
        )
        if careers is None:
            careers = CareersIndexPage(**self.content.CAREERS)
            home.add_child(instance=careers)
            careers.save_revision(user=self.user).publish()
            self.created = True
        return careers

    def posting(self, careers, data, organisations):
        posting = JobPostingPage.objects.child_of(careers).filter(slug=data["slug"]).first()
        if posting is not None:
            return posting
        body = data["body"]()
        for child in body:
            if child["type"] == "about_organisation":
                key = child["value"]["organisation"]
                child["value"]["organisation"] = organisations[key].pk
        posting = JobPostingPage(
            title=data["title"],
            slug=data["slug"],
            introduction=data["introduction"],
            body=body,
            application_documents=data["documents"],
            **data["fields"],
        )
        posting.hiring_organisations = [
            HiringOrganisation(organisation=organisations[key], role=role, sort_order=index)
            for index, (key, role) in enumerate(
                entry if isinstance(entry, tuple) else (entry, "employer")
                for entry in data["organisations"]
            )
        ]
        posting.locations = [
            PostingLocation(city=city, country=country, sort_order=index)
            for index, (city, country) in enumerate(data.get("locations", []))
        ]
        careers.add_child(instance=posting)
        posting.save_revision(user=self.user).publish()
        self.created = True
        return posting

    def home_body(self, home, careers):
        if home.careers_page_id and home.body:
            return
        home.careers_page = careers
        home.body = [
            demo_content.block(
                "open_positions",
                {
                    "heading": "",
                    "listing_page": careers.pk,
                    "organisations": [],
                    "limit": 3,
                    "show_all_link": True,
                },
            )
        ]
        home.save_revision(user=self.user).publish()
        self.created = True
