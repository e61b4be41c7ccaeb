import time

from django.core.management.base import BaseCommand

from bench import data


class Command(BaseCommand):
    help = "Build (or grow) the benchmark data set: N postings in each of 4 languages."

    def add_arguments(self, parser):
        parser.add_argument("postings", type=int)

    def handle(self, *args, postings, **options):
        started = time.perf_counter()
        result = data.build(postings)
        seconds = time.perf_counter() - started
        self.stdout.write(f"{result} in {seconds:.0f} s")
