"""Build `report.html` from an output folder: one self-contained page (no network, a strict
Content-Security-Policy that lets only its own script run), every value put into the page as text,
right-to-left text shown right-to-left.

The page carries the folder's data compressed (`rasad.report.data`): a small index that is inflated
when the page opens, and the article texts in chunks inflated when an article is opened. The
compressed bytes are embedded as they are (`rasad.report.textcode.embed`), so the page is written in
windows-1252 and everything else in it is ASCII.

Example::

    write_report(Path("out"))
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from markupsafe import Markup

from rasad.outputs import REPORT, write_lines_atomic
from rasad.report.data import build_payload
from rasad.report.textcode import WINDOWS_1252_C1, pack

RTL_LANGS = frozenset({"ar", "fa", "ur", "he", "ps", "ckb", "ku", "yi"})


def direction(lang: str | None) -> str:
    """`rtl` for right-to-left languages, else `ltr` (`auto` when unknown)."""
    if not lang or lang == "und":
        return "auto"
    return "rtl" if lang in RTL_LANGS else "ltr"


def _template(name: str) -> str:
    return (resources.files("rasad") / "report" / "templates" / name).read_text("utf-8")


def script_hash(script: str) -> str:
    """The CSP source that allows exactly this inline script.

    >>> script_hash("")
    'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='
    """
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def json_for_script(value: Any) -> Markup:
    """ASCII JSON that is safe inside a <script> element (no `<`, so no `</script>`).

    >>> str(json_for_script(["</script>", "ب"]))
    '["\\\\u003c/script>","\\\\u0628"]'
    """
    return Markup(json.dumps(value, separators=(",", ":")).replace("<", "\\u003c"))


def ascii_script(script: str) -> str:
    """JavaScript source with every non-ASCII character written as a `\\u` escape (the page is not UTF-8).

    >>> ascii_script('const a = "→ ب";')
    'const a = "\\\\u2192 \\\\u0628";'
    """
    def escape(m: re.Match[str]) -> str:
        units = m.group().encode("utf-16-be")
        return "".join(f"\\u{int.from_bytes(units[i:i + 2], 'big'):04x}" for i in range(0, len(units), 2))

    return re.sub(r"[^\x00-\x7f]", escape, script)


def render_report(out_dir: Path) -> Iterator[str]:
    """The report's HTML, in pieces (the page is streamed to the file)."""
    from jinja2 import Environment, select_autoescape

    payload = build_payload(out_dir)
    script = ascii_script(_template("report.js"))
    if "</script" in script.lower():
        raise ValueError("report.js must not contain '</script'")
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    return env.from_string(_template("report.html.j2")).generate(
        count=len(payload.index["articles"].get("id", [])),
        index=Markup(pack(payload.index)),  # raw bytes: never entity-escaped (see textcode.embed)
        chunks=(Markup(chunk) for chunk in payload.chunks),
        world=json_for_script(json.loads(_template("world_110m.json"))),
        c1=json_for_script(WINDOWS_1252_C1),
        css=Markup(_template("report.css")),
        script=Markup(script),
        script_hash=script_hash(script),
    )


def write_report(out_dir: Path) -> Path:
    """Write `out_dir/report.html` from the files in `out_dir`; returns its path."""
    path = out_dir / REPORT
    write_lines_atomic(path, render_report(out_dir), encoding="latin-1")
    return path
