import json

from django.core.cache import cache
from django.core.management.base import BaseCommand

from bench import measure


class Command(BaseCommand):
    help = "Server time and SQL queries of each benchmarked page, against the bare page."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=50)
        parser.add_argument("--json", help="Write the results to this file.")

    def handle(self, *args, repeat, json=None, **options):
        cache.clear()
        results = measure.run(repeat)
        for row in results:
            self.stdout.write(
                f"{row['name']:40} {row['queries']:4} queries  median {row['median_ms']:7.1f} ms"
                f"  p95 {row['p95_ms']:7.1f} ms  x{row['ratio']:.2f}"
            )
        if json:
            with open(json, "w") as output:
                _dump(results, output)


def _dump(results, output):
    json.dump(results, output, indent=2)
