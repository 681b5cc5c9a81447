"""The home page's initial JavaScript, compressed: the sum over the scripts (and modulepreloads)
that frontend/dist/index.html references, each counted as its .br beside it, else its .gz, else
gzipped here (or raw, if smaller). Exits 1 above the issue's target. After
`npm --prefix frontend run build`:

    .venv/bin/python -m bench.frontend_weight [DIST]
"""

from __future__ import annotations

import gzip
import sys
from html.parser import HTMLParser
from pathlib import Path

TARGET_BYTES = 150 * 1024
DIST = Path(__file__).resolve().parent.parent / "frontend" / "dist"


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" and found.get("src"):
            self.urls.append(found["src"] or "")
        elif tag == "link" and found.get("rel") == "modulepreload" and found.get("href"):
            self.urls.append(found["href"] or "")


def compressed_size(file: Path) -> tuple[int, str]:
    for suffix in (".br", ".gz"):
        packed = file.with_name(file.name + suffix)
        if packed.is_file():
            return packed.stat().st_size, suffix[1:]
    raw = file.read_bytes()
    # The build skips a twin that would not be smaller, and the server then sends the file raw.
    return min(len(raw), len(gzip.compress(raw, compresslevel=9))), "gzip(computed) or raw"


def main(argv: list[str]) -> int:
    dist = Path(argv[0]) if argv else DIST
    parser = _Scripts()
    parser.feed((dist / "index.html").read_text(encoding="utf-8"))
    total = 0
    for url in dict.fromkeys(parser.urls):
        file = dist / url.lstrip("/")
        size, how = compressed_size(file)
        total += size
        print(f"{url}: {file.stat().st_size} B raw, {size} B {how}")
    print(f"initial JS, compressed: {total} B ({total / 1024:.1f} KiB); target {TARGET_BYTES // 1024} KiB")
    return 1 if total > TARGET_BYTES else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
