"""The benchmark's wrk parser and report (the benchmarks themselves run with ``make bench``)."""

from bench import load, report

WRK = """Running 10s test @ http://127.0.0.1:8001/careers/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    40.12ms   10.01ms  120.00ms   70.00%
  Latency Distribution
     50%   38.50ms
     75%   45.00ms
     90%  800.00us
     99%    1.20s
  1990 requests in 10.01s, 50.00MB read
  Non-2xx or 3xx responses: 3
  Socket errors: connect 0, read 1, write 0, timeout 2
Requests/sec:    198.80
Transfer/sec:      5.00MB
"""


def test_wrk_output_is_read_with_units_and_every_kind_of_error():
    result = load.parse(WRK)
    assert result["p50_ms"] == 38.5
    assert result["p90_ms"] == 0.8
    assert result["p99_ms"] == 1200.0
    assert result["requests"] == 1990
    assert result["rps"] == 198.8
    assert result["errors"] == 6


def page(name, queries, median, extra):
    return {"name": name, "url": "/", "queries": queries, "median_ms": median, "p95_ms": median,
            "bytes": 1, "ratio": median / 10, "extra_queries": extra}  # fmt: skip


def run(size, listing_queries, listing_ms, errors=0):
    names = ["bare page (baseline)", "listing", "listing, keyword search", "posting, open",
             "home page with open positions block", "listing, after a publish",
             "posting, open, after a publish",
             "listing, keyword search, after a publish"]  # fmt: skip
    pages = [page(names[0], 8, 10, 0), page(names[1], listing_queries, listing_ms, 8),
             page(names[2], 17, 25, 9), page(names[3], 16, 12, 8),
             page(names[4], 20, 15, 12), page(names[5], 21, 40, 13),
             page(names[6], 18, 14, 10), page(names[7], 23, 160, 15)]  # fmt: skip
    loaded = {"rps": 100.0, "p50_ms": 1, "p90_ms": 2, "p99_ms": 3, "errors": 0}
    return {"size": size, "cache": "none", "pages": pages,
            "load": {"bare page (baseline)": loaded, "listing": {**loaded, "rps": 60.0,
                     "errors": errors}, "posting, open": loaded}}  # fmt: skip


def results(*runs):
    return {"date": "2026-11-24", "machine": "test", "repeat": 5, "load_seconds": 1,
            "workers": 2, "runs": list(runs)}  # fmt: skip


def test_report_shows_met_and_missed_targets():
    text = report.render(results(run(1000, 16, 15), run(10000, 16, 30, errors=2)))
    assert (
        "| Listing, any filter, page or language (N=10,000, no cache) | ≤ 3.0× bare | 3.00× "
        "| yes |" in text
    )
    assert (
        "| New keyword search (N=10,000, no cache) | ≤ 4.0× bare | 16.00× (listing, keyword "
        "search, after a publish, the worst of 2) | **no** |" in text
    )
    assert (
        "| First request after a publish (N=10,000, no cache) | ≤ 3.0× bare | 4.00× (listing, "
        "after a publish, the worst of 2) | **no** |" in text
    )
    assert "| Posting (N=10,000, no cache) | ≤ 1.5× bare | 1.20× | yes |" in text
    assert "| Open positions block (N=10,000, no cache) | ≤ 2.0× bare | 1.50× | yes |" in text
    assert "| Errors under load (N=10,000, no cache) | 0 | 2 | **no** |" in text
    assert "| Same number of queries at every N | every page | same | yes |" in text
    assert "N=1,000, no cache) |" not in text  # the targets are read at the largest size


def test_report_with_redis_and_a_load_test_that_answered_nothing():
    cached = {**run(10000, 9, 14), "cache": "redis"}
    for measured in cached["load"].values():
        measured["rps"] = 0.0
    text = report.render(results(run(10000, 16, 30), cached))
    assert (
        "| Listing between publishes (N=10,000, Redis cache) | ≤ 1.3× bare | 1.40× | **no** |"
        in text
    )
    assert "| 10,000 | Redis cache | listing | 0 (× —) |" in text
    assert (
        "| Listing throughput (N=10,000, Redis cache) | ≥ ½ of bare | no request answered "
        "| **no** |" in text
    )


def test_report_says_when_query_counts_differ_between_sizes():
    text = report.render(results(run(1000, 16, 15), run(10000, 17, 15)))
    assert "| Same number of queries at every N | every page | differs | **no** |" in text
    assert "| listing | 16 / 17 (+8) |" in text


def test_targets_are_checked_at_ten_thousand_when_a_run_goes_further():
    text = report.render(results(run(1000, 16, 15), run(10000, 16, 30), run(50000, 16, 90)))
    assert "(N=10,000, no cache)" in text
    assert "(N=50,000, no cache)" not in text
    assert "N=50,000: median ms" in text  # the growth is still shown


def test_a_page_with_fewer_queries_than_the_bare_page_shows_a_minus():
    """A listing served from the cache makes fewer queries than the bare page, whose language
    menu makes one: the report shows -1, not +-1."""
    pages = results(run(10000, 7, 30))["runs"][0]["pages"]
    pages[1]["extra_queries"] = -1
    text = report.render({**results(), "runs": [{**run(10000, 7, 30), "pages": pages}]})
    assert "| listing | 7 (-1) |" in text
    assert "| -1 (7 in all) |" in text
    assert "+-" not in text
