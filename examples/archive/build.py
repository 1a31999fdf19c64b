"""Build the offline example archive: ``tweets.wacz`` and ``citations.jsonl`` beside this file.

The pages are the project's own fixture corpus (``tests/resolve_support/corpus.py``): legacy
twitter.com HTML, og-only pages, a JSON capture, a deleted-post page, t.co redirects with a
lowercase decoy. The output is deterministic, so the committed files can be checked against
a fresh build. Then, with no network::

    mediacite resolve examples/archive/citations.jsonl --archive examples/archive/tweets.wacz

Usage: ``python examples/archive/build.py [OUTPUT_DIR]``.
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "tests"))

from mediacite.resolver.archives.local import index_warc, write_cdxj  # noqa: E402
from resolve_support import corpus  # noqa: E402

WARC_NAME = "corpus.warc.gz"
ZIP_DATE = (2024, 1, 1, 0, 0, 0)


def _member(zf: zipfile.ZipFile, name: str, data: bytes, *, compress: bool) -> dict[str, object]:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    info.external_attr = 0o644 << 16
    zf.writestr(info, data)
    return {
        "name": name.rsplit("/", 1)[-1],
        "path": name,
        "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
    }


def build_wacz(path: Path) -> Path:
    """Write the corpus as a WACZ 1.1.1 file at ``path``."""
    warc = io.BytesIO()
    corpus.write_warc(warc)
    warc_bytes = warc.getvalue()
    index = io.StringIO()
    write_cdxj(index_warc(io.BytesIO(warc_bytes), WARC_NAME), index)
    pages = [{"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}]
    seen = set()
    for page in corpus.PAGES:
        if page.url in seen or not page.status.startswith("200"):
            continue
        seen.add(page.url)
        pages.append(
            {
                "url": page.url,
                "ts": page.captured.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "title": page.url,
            }
        )
    pages_jsonl = "".join(json.dumps(p, sort_keys=True) + "\n" for p in pages)
    with zipfile.ZipFile(path, "w") as zf:
        resources = [
            _member(zf, f"archive/{WARC_NAME}", warc_bytes, compress=False),
            _member(zf, "indexes/index.cdxj", index.getvalue().encode(), compress=True),
            _member(zf, "pages/pages.jsonl", pages_jsonl.encode(), compress=True),
        ]
        package = {
            "profile": "data-package",
            "wacz_version": "1.1.1",
            "title": "mediacite example archive",
            "description": "Invented posts in the shapes tweets are archived in (no real data).",
            "created": "2024-01-01T00:00:00Z",
            "software": "mediacite examples/archive/build.py",
            "resources": resources,
        }
        _member(
            zf,
            "datapackage.json",
            json.dumps(package, indent=2, sort_keys=True).encode(),
            compress=True,
        )
    return path


def write_citations(path: Path) -> Path:
    """Write the corpus citations as JSONL records (the ``extract --format jsonl`` shape)."""
    lines = [json.dumps(c.to_dict(), sort_keys=True) for c in corpus.citations()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main(argv: list[str]) -> int:
    """Build both files into ``argv[1]`` (default: this folder)."""
    out = Path(argv[1]) if len(argv) > 1 else HERE
    out.mkdir(parents=True, exist_ok=True)
    print(build_wacz(out / "tweets.wacz"))
    print(write_citations(out / "citations.jsonl"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
