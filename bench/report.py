"""The results of ``bench/run.py`` as the Markdown tables of docs/performance.md."""

CACHE_NAMES = {"none": "no cache", "redis": "Redis cache"}


def _listing(name):
    """A listing at any filter, page or language, between publishes, keywords left out."""
    return name.startswith("listing") and "keyword" not in name and "after a publish" not in name


def _after_publish(name):
    return name.endswith("after a publish") and "keyword" not in name


#: The size issue 16's targets are set at; a run without it is checked at its largest size.
TARGET_SIZE = 10_000

#: Issue 16's targets at ``TARGET_SIZE``, per cache: (what, which pages, limit on the ratio of
#: a page's median to the bare page's). Where several pages are named, the worst one counts.
TIME_TARGETS = {
    "none": [
        ("Listing, any filter, page or language", _listing, 3.0),
        ("First request after a publish", _after_publish, 3.0),
        ("Posting", lambda name: name in ("posting, open", "posting, closed"), 1.5),
        ("New keyword search", lambda name: name.startswith("listing, keyword search"), 4.0),
        ("Open positions block", lambda name: name == "home page with open positions block", 2.0),
        ("Feeds", lambda name: name.startswith("feed,"), 2.0),
    ],
    "redis": [
        ("Listing between publishes", _listing, 1.3),
    ],
}
#: (what, page, most queries the app may add to the bare page's).
QUERY_TARGETS = [
    ("Listing, SQL queries", "listing", 12),
    ("Posting, SQL queries", "posting, open", 15),
    ("Open positions block, SQL queries", "home page with open positions block", 12),
]


def render(results):
    sizes = sorted({run["size"] for run in results["runs"]})
    caches = [c for c in CACHE_NAMES if any(run["cache"] == c for run in results["runs"])]
    lines = [
        f"Measured on {results['date']}: {results['machine']}.",
        "",
        f"Server time is the median and 95th percentile of {results['repeat']} requests per page "
        "through Django's test client; ×bare is the median divided by the bare page's median "
        "in the same run. Queries are SQL queries per request, the whole request included "
        "(Wagtail's site and page lookups too); +bare is how many more than the bare page.",
    ]
    for cache in caches:
        lines += ["", f"### Server time and queries, {CACHE_NAMES[cache]}", ""]
        header = "| Page | Queries (+bare) |"
        rule = "|---|---|"
        for size in sizes:
            header += f" N={size:,}: median ms (×bare) | p95 ms |"
            rule += "---:|---:|"
        lines += [header, rule]
        by_size = {run["size"]: run for run in results["runs"] if run["cache"] == cache}
        for index, row in enumerate(by_size[sizes[0]]["pages"]):
            counts = sorted({by_size[size]["pages"][index]["queries"] for size in sizes})
            extra = row["extra_queries"]
            queries = " / ".join(map(str, counts)) + f" ({extra:+d})"
            line = f"| {row['name']} | {queries} |"
            for size in sizes:
                measured = by_size[size]["pages"][index]
                line += (
                    f" {measured['median_ms']:.1f} (×{measured['ratio']:.2f}) |"
                    f" {measured['p95_ms']:.1f} |"
                )
            lines.append(line)
    lines += [
        "",
        "### Under load",
        "",
        f"gunicorn with {results['workers']} sync workers; wrk with 2 threads and 8 connections "
        f"for {results['load_seconds']} s per page, on the same machine over loopback.",
        "",
        "| N | Cache | Page | Requests/s (×bare) | p50 ms | p90 ms | p99 ms | Errors |",
        "|---:|---|---|---:|---:|---:|---:|---:|",
    ]
    for run in results["runs"]:
        bare = run["load"]["bare page (baseline)"]["rps"]
        for name, measured in run["load"].items():
            lines.append(
                f"| {run['size']:,} | {CACHE_NAMES[run['cache']]} | {name} | "
                f"{measured['rps']:.0f} ({_times(measured['rps'], bare)}) | "
                f"{measured.get('p50_ms', 0):.1f} | {measured.get('p90_ms', 0):.1f} | "
                f"{measured.get('p99_ms', 0):.1f} | {measured['errors']} |"
            )
    lines += ["", "### Targets", "", "| Target | Limit | Measured | Met |", "|---|---|---|---|"]
    lines += targets(results, TARGET_SIZE if TARGET_SIZE in sizes else sizes[-1])
    return "\n".join(lines)


def _times(value, bare):
    """``value`` as a multiple of the bare page's; a dash when the bare page answered nothing in
    the load test (a saturated machine: wrk's requests all timed out)."""
    return f"×{value / bare:.2f}" if bare else "× —"


def targets(results, size):
    lines = []
    for cache in CACHE_NAMES:
        run = next((r for r in results["runs"] if r["size"] == size and r["cache"] == cache), None)
        if run is None:
            continue
        pages = {row["name"]: row for row in run["pages"]}
        where = f"N={size:,}, {CACHE_NAMES[cache]}"
        for what, chosen, limit in TIME_TARGETS[cache]:
            rows = [row for name, row in pages.items() if chosen(name)]
            if not rows:
                continue
            worst = max(rows, key=lambda row: row["ratio"])
            measured = f"{worst['ratio']:.2f}×"
            if len(rows) > 1:
                measured += f" ({worst['name']}, the worst of {len(rows)})"
            lines.append(
                f"| {what} ({where}) | ≤ {limit}× bare | {measured} | "
                f"{_met(worst['ratio'] <= limit)} |"
            )
        for what, name, limit in QUERY_TARGETS:
            extra = pages[name]["extra_queries"]
            lines.append(
                f"| {what} ({where}) | ≤ {limit} more than bare | {extra:+d} "
                f"({pages[name]['queries']} in all) | {_met(extra <= limit)} |"
            )
        bare = run["load"]["bare page (baseline)"]["rps"]
        listing = run["load"]["listing"]["rps"]
        errors = sum(measured["errors"] for measured in run["load"].values())
        share = f"{listing / bare:.2f} of bare" if bare else "no request answered"
        lines.append(
            f"| Listing throughput ({where}) | ≥ ½ of bare | {share} | "
            f"{_met(bare > 0 and listing * 2 >= bare)} |"
        )
        lines.append(f"| Errors under load ({where}) | 0 | {errors} | {_met(errors == 0)} |")
    constant = all(
        len({r["pages"][i]["queries"] for r in results["runs"] if r["cache"] == cache}) == 1
        for cache in CACHE_NAMES
        for i in range(len(results["runs"][0]["pages"]))
        if any(r["cache"] == cache for r in results["runs"])
    )
    lines.append(
        f"| Same number of queries at every N | every page | "
        f"{'same' if constant else 'differs'} | {_met(constant)} |"
    )
    return lines


def _met(ok):
    return "yes" if ok else "**no**"
