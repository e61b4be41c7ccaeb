"""The results of ``bench/run.py`` as the Markdown tables of docs/performance.md."""

CACHE_NAMES = {"none": "no cache", "redis": "Redis cache"}

#: (what, page, limit on the ratio of its median to the bare page's) at the largest size.
TIME_TARGETS = [
    ("Listing, median server time", "listing", 2.0),
    ("Posting, median server time", "posting, open", 1.5),
    ("Keyword search, median server time", "listing, keyword search", 3.0),
    ("Listing, first request after a publish", "listing, after a publish", 2.0),
    ("Posting, first request after a publish", "posting, open, after a publish", 1.5),
    ("Keyword search, first after a publish", "listing, keyword search, after a publish", 3.0),
]
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
            queries = " / ".join(map(str, counts)) + f" (+{extra})"
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
                f"{measured['rps']:.0f} (×{measured['rps'] / bare:.2f}) | "
                f"{measured.get('p50_ms', 0):.1f} | {measured.get('p90_ms', 0):.1f} | "
                f"{measured.get('p99_ms', 0):.1f} | {measured['errors']} |"
            )
    lines += ["", "### Targets", "", "| Target | Limit | Measured | Met |", "|---|---|---|---|"]
    lines += targets(results, sizes[-1])
    return "\n".join(lines)


def targets(results, size):
    lines = []
    for cache in CACHE_NAMES:
        run = next((r for r in results["runs"] if r["size"] == size and r["cache"] == cache), None)
        if run is None:
            continue
        pages = {row["name"]: row for row in run["pages"]}
        where = f"N={size:,}, {CACHE_NAMES[cache]}"
        for what, name, limit in TIME_TARGETS:
            ratio = pages[name]["ratio"]
            lines.append(
                f"| {what} ({where}) | ≤ {limit}× bare | {ratio:.2f}× | {_met(ratio <= limit)} |"
            )
        for what, name, limit in QUERY_TARGETS:
            extra = pages[name]["extra_queries"]
            lines.append(
                f"| {what} ({where}) | ≤ {limit} more than bare | +{extra} "
                f"({pages[name]['queries']} in all) | {_met(extra <= limit)} |"
            )
        bare = run["load"]["bare page (baseline)"]["rps"]
        listing = run["load"]["listing"]["rps"]
        errors = sum(measured["errors"] for measured in run["load"].values())
        lines.append(
            f"| Listing throughput ({where}) | ≥ ½ of bare | {listing / bare:.2f} of bare | "
            f"{_met(listing * 2 >= bare)} |"
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
