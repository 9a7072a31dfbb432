"""Where the benchmark's data lives: one database per scale, seed and code version, built once and reused.

SQLite databases are files under bench/.cache/; on PostgreSQL (DATABASE_URL) each is a database of its own on
that server, named after the same key. A database counts as built only once its bench_meta row is written, so an
interrupted build is started again rather than measured half-full.
"""

import hashlib
import json
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from django.conf import settings
from django.core.cache import caches
from django.db import connection

from mobilise.core import schema

from . import generate

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"


def cache_key(scale, seed):
    """Changes when the scale, the seed, the generator or any migration changes."""
    digest = hashlib.sha256(f"{scale.name}:{seed}".encode())
    # The generator, the schema, and the cadence rules it fills contact dates by.
    for path in [
        *sorted(Path(generate.__file__).parent.glob("generate*.py")),
        ROOT / "mobilise/stakeholders/models.py",
        *sorted(ROOT.glob("mobilise/*/migrations/0*.py")),
    ]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _switch(name):
    connection.close()
    connection.settings_dict["NAME"] = name
    settings.DATABASES["default"]["NAME"] = name
    # What the process keeps is keyed by ids and data generations, which another dataset holds too: a server never
    # changes database, but this process does.
    for cache in caches.all():
        cache.clear()


def url(base_url):
    """The DATABASE_URL of the database in use, for the load tests' server processes."""
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        return f"sqlite:///{name}"
    parts = urlsplit(base_url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _built():
    if "bench_meta" not in connection.introspection.table_names():
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT counts FROM bench_meta")
        row = cursor.fetchone()
    return json.loads(row[0]) if row else None


def use(scale, seed, base_url, log):
    """Point Django at the scale's database, building it first if need be; returns rows per model."""
    key = cache_key(scale, seed)
    if connection.vendor == "sqlite":
        CACHE.mkdir(parents=True, exist_ok=True)
        path = CACHE / f"{scale.name}-{seed}-{key}.sqlite3"
        _switch(str(path))
        if _built() is None:
            connection.close()
            for stale in CACHE.glob(f"{scale.name}-{seed}-*.sqlite3*"):  # this one half-built, or older versions
                stale.unlink()
    else:
        name = f"bench_{scale.name}_{seed}_{key}"
        # Through the server's maintenance database: the one DATABASE_URL names need not exist.
        maintenance = urlunsplit(urlsplit(base_url)._replace(path="/postgres"))
        with psycopg.connect(maintenance, autocommit=True) as admin:
            if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                admin.execute(f'CREATE DATABASE "{name}"')
        _switch(name)
    counts = _built()
    if counts is not None:
        log(f"Using the {scale.name} dataset built before ({connection.settings_dict['NAME']})")
        return counts
    log(f"Building the {scale.name} dataset (seed {seed}); later runs reuse it")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # a build interrupted part way leaves tables behind
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    schema.build_from_models()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")
    counts = generate.build(scale, seed)
    with connection.cursor() as cursor:
        # Fresh statistics and, on PostgreSQL, the visibility map, as autovacuum (or PRAGMA optimize on SQLite)
        # would keep them in service; otherwise autovacuum works through millions of new rows while pages are timed.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        cursor.execute("CREATE TABLE bench_meta (counts TEXT NOT NULL)")
        cursor.execute("INSERT INTO bench_meta (counts) VALUES (%s)", [json.dumps(counts)])
    connection.close()  # measured on a connection set up as the site's are, not the build's
    return counts
