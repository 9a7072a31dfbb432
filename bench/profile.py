"""Where a page's time goes: one request under cProfile with its queries timed, for each page that misses a target,
so that RESULTS.md names the cause of each miss from a measurement."""

import cProfile
import pstats
import time
from pathlib import Path

from django.db import connection

from .database import ROOT

# Functions that only pass a request on (decorators, middleware, the view's own frame when it is all of the request)
# take nearly all of its time and say nothing about where it goes: those above this share are left out.
WRAPPER_SHARE = 0.9
SHOWN = 4
OWN = str(ROOT / "mobilise")
SITE_PACKAGES = "site-packages/"


def _where(filename, line, function):
    if filename.startswith(OWN):
        return f"{Path(filename).relative_to(OWN)}:{function}"
    if SITE_PACKAGES in filename:
        return f"{filename.split(SITE_PACKAGES, 1)[1]}:{function}"
    return function if filename == "~" else f"{Path(filename).name}:{function}"


def _share(part, whole):
    # Three places: on a busy machine a fast page's database share can be under half a percent, yet not nothing.
    return round(part / whole, 3) if whole else 0.0


def request(client, path, prepare=None):
    """One GET of path (after prepare(), as the timed requests had it) under the profiler: the shares of its time
    spent waiting on the database and rendering templates, the project's own functions that take most of it
    (cumulative) and the functions that take most of it themselves."""
    if prepare:
        prepare()
    profiler, queries = cProfile.Profile(), []

    def timed(execute, *args):
        began = time.perf_counter()
        try:
            return execute(*args)
        finally:
            queries.append(time.perf_counter() - began)

    with connection.execute_wrapper(timed):
        start = time.perf_counter()
        profiler.enable()
        client.get(path)
        profiler.disable()
        total = time.perf_counter() - start
    stats = pstats.Stats(profiler).stats  # (file, line, function) -> (calls, calls, own s, cumulative s, callers)
    rendering = sum(
        cumulative
        for (filename, _, function), (*_, cumulative, _callers) in stats.items()
        if function == "render" and "django/template/backends/" in filename
    )
    own = sorted(
        (
            (cumulative, _where(*key))
            for key, (*_, cumulative, _callers) in stats.items()
            if key[0].startswith(OWN) and cumulative < WRAPPER_SHARE * total
        ),
        reverse=True,
    )
    itself = sorted(((own_s, _where(*key)) for key, (_, _, own_s, *_rest) in stats.items()), reverse=True)
    return {
        "profiled_ms": round(total * 1000, 1),
        "database": _share(sum(queries), total),
        "queries": len(queries),
        "slowest_query_ms": round(max(queries, default=0) * 1000, 1),
        "templates": _share(rendering, total),
        "own": [[where, _share(seconds, total)] for seconds, where in own[:SHOWN]],
        "itself": [[where, _share(seconds, total)] for seconds, where in itself[:SHOWN]],
    }


def _listed(pairs):
    return "; ".join(f"{where} {share:.0%}" for where, share in pairs)


def table(records, fixes):
    """RESULTS.md's lines for the profiled records: one row a page, with what would bring it under its targets."""
    profiled = [r for r in records if "profile" in r]
    if not profiled:
        return []
    out = [
        "",
        "Where the time goes in each page that misses a target (one request under cProfile, which slows it about",
        "twice over; shares of that request's time; templates include the queries they run):",
        "",
        "| page | database (queries; slowest) | templates | the project's own code (cumulative) | "
        "most time in itself | what would bring it under |",
        "|---|---|---|---|---|---|",
    ]
    for record in profiled:
        p = record["profile"]
        out.append(
            f"| {record['name']} ({record['scale']}) | {p['database']:.0%} ({p['queries']}; "
            f"{p['slowest_query_ms']} ms) | {p['templates']:.0%} | {_listed(p['own'])} | {_listed(p['itself'])} | "
            f"{fixes.get(record['name'], '')} |"
        )
    return out
