"""The Nu HTML Checker (npm's vnu-jar on Debian's Java) over many pages in one run of the checker.

Starting the JVM costs seconds, so tests collect the HTML of their pages and check them all at once.
"""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def missing_checker() -> str | None:
    """Why the checker cannot run here, or None when it can."""
    if not VNU_JAR.exists():
        return f"The Nu HTML Checker is not at {VNU_JAR}: run `npm ci` first."
    if not shutil.which("java"):
        return "The Nu HTML Checker needs Java: install Debian's `default-jre-headless` (scripts/system-deps.sh)."
    return None


def check_html(documents: dict[str, str]) -> dict[str, list[str]]:
    """Check each named HTML document; the errors found, by name, for the documents that have any."""
    problem = missing_checker()
    if problem:
        raise AssertionError(problem)
    if not documents:
        return {}
    names = list(documents)
    with tempfile.TemporaryDirectory(prefix="vnu-") as folder:
        files = []
        for number, name in enumerate(names):
            path = Path(folder) / f"{number}.html"
            path.write_text(documents[name], encoding="utf-8")
            files.append(path)
        by_uri = {path.as_uri(): name for path, name in zip(files, names, strict=True)}
        # The checker writes file:/tmp/... (one slash); Path.as_uri() writes file:///tmp/...
        by_uri.update({uri.replace("file:///", "file:/"): name for uri, name in list(by_uri.items())})
        run = subprocess.run(
            ["java", "-Xss1024k", "-jar", str(VNU_JAR), "--errors-only", "--exit-zero-always", "--format", "json"]
            + [str(path) for path in files],
            capture_output=True,
            text=True,
            check=False,
        )
    try:
        messages = json.loads(run.stderr)["messages"]
    except (ValueError, KeyError) as error:
        raise AssertionError(f"The Nu HTML Checker failed ({run.returncode}): {run.stderr[-2000:]}") from error
    errors: dict[str, list[str]] = {}
    for message in messages:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        name = by_uri.get(message.get("url", ""), message.get("url", "?"))
        where = f"line {message['lastLine']}: " if "lastLine" in message else ""
        extract = " ".join(message.get("extract", "").split())
        errors.setdefault(name, []).append(f"{where}{message['message']}" + (f"  [{extract}]" if extract else ""))
    return errors


def report(errors: dict[str, list[str]]) -> str:
    """The errors as a message that names each page and lists its errors under it."""
    count = sum(len(found) for found in errors.values())
    lines = [f"The Nu HTML Checker found {count} error(s) on {len(errors)} page(s):"]
    for name, found in sorted(errors.items()):
        lines.append(f"{name}:")
        lines.extend(f"    {line}" for line in found)
    return "\n".join(lines)
