"""``mediacite check`` and ``mediacite lock``: pin every cited post to an archived copy.

The lockfile (``mediacite.lock``, :mod:`mediacite.lockfile`) holds one entry per cited post,
keyed by the post's identity (:attr:`Citation.identity`), never by position, so edits elsewhere
in a story do not touch it. ``check`` decides offline from the lockfile alone; ``lock`` (and
``check --online``) resolve what the lock lacks against the configured archive, which a
repository's ``pyproject.toml`` may only name if it is public (:func:`open_config_archive`).
Only regular files are read; a file or folder that cannot be read is an MC901 finding. With
``[tool.mediacite] unsourced = "warn"`` or ``"error"``, each sentence that reports a post the
story does not cite (a prose mention, :mod:`mediacite.extract.mentions`) is an MC301 finding:
``warn`` prints it without failing the check, ``error`` fails it; the default ``"off"`` does not
look for prose mentions at all.

Finding codes::

    MC101  the citation names no account (handle)
    MC102  the citation carries no date and no post id
    MC103  nothing identifies the post: no post id, no media links, no handle and date
    MC201  the post is not in the lockfile
    MC202  the lockfile says the post is not archived
    MC203  the lockfile says the archived copy does not match the citation
    MC204  the lockfile recorded an error for the post (re-run ``mediacite lock``)
    MC205  the lockfile says several archived posts could match
    MC206  the lockfile says the archive saw the post gone (deleted, suspended, withheld …)
    MC301  a sentence reports a post the story does not cite (off unless ``unsourced`` is set)
    MC901  the file (or folder) could not be read
"""

from __future__ import annotations

import bisect
import fnmatch
import os
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Literal, Protocol

import attrs
import regex

from mediacite._patterns import compile_later
from mediacite.encoders import terminal_line
from mediacite.errors import DecodingError, MediaciteError, UntrustedArchive, UsageError
from mediacite.extract.decode import MARKDOWN_SUFFIXES
from mediacite.inputs import open_input, read_limited
from mediacite.lockfile import LOCK_VERSION, Lockfile, write_atomic
from mediacite.models import Citation, Mention, Resolution

if TYPE_CHECKING:
    from mediacite.extract.decode import Decoded
    from mediacite.resolver.archives import Archive

__all__ = [
    "ARCHIVE_ENV",
    "CODES",
    "LOCK_VERSION",
    "MAX_CONFIG_BYTES",
    "UNSOURCED",
    "Config",
    "Finding",
    "Lockfile",
    "archive_trusted",
    "check_files",
    "file_citations",
    "file_records",
    "identifiable",
    "identity_key",
    "iter_files",
    "load_config",
    "open_config_archive",
    "write_atomic",
]

CODES: dict[str, str] = {
    "MC101": "no handle: the citation names no account",
    "MC102": "no date: the citation carries no date and no post id",
    "MC103": "cannot identify the post: no post id, no media links, no handle and date",
    "MC201": "not in the lockfile: run `mediacite lock`",
    "MC202": "not archived (per the lockfile)",
    "MC203": "the archived copy does not match the citation (per the lockfile)",
    "MC204": "resolving failed last time (per the lockfile): run `mediacite lock` again",
    "MC205": "ambiguous: several archived posts could match (per the lockfile)",
    "MC206": "unavailable: the archived copies show the post gone (per the lockfile)",
    "MC301": "social claim without a cited post: embed, link or archive the post it reports",
    "MC901": "cannot read the file",
}
_STATUS_CODES = {
    "not_archived": "MC202",
    "mismatch": "MC203",
    "error": "MC204",
    "ambiguous": "MC205",
    "unavailable": "MC206",
}
UNSOURCED = ("off", "warn", "error")
"""Values of ``[tool.mediacite] unsourced``: whether MC301 is checked, and how severe it is."""
Severity = Literal["error", "warning"]
LOCK_NAME = "mediacite.lock"
STORY_SUFFIXES = (*MARKDOWN_SUFFIXES, ".html", ".htm", ".xhtml", ".txt")
"""What stories are kept as: the Markdown family (Markdown, MDX, mdsvex, Quarto, R Markdown,
Nunjucks and Liquid templates), HTML and plain text. ``.pre-commit-hooks.yaml`` names the same."""
DEFAULT_INCLUDE = tuple(f"*{suffix}" for suffix in STORY_SUFFIXES)

ARCHIVE_ENV = "MEDIACITE_ARCHIVE"
"""The archive the user chose through the environment (overrides ``[tool.mediacite]``)."""

MAX_CONFIG_BYTES = 1 << 20
"""Largest ``pyproject.toml`` read (real ones are a few KB)."""

MAX_IGNORE_SPACE = 64
"""Whitespace allowed around ``mediacite:`` in an ignore comment."""
MAX_IGNORE_CODES = 256
"""Characters of codes an ignore comment may list (MC codes are six characters each)."""
_IGNORE_COMMENT = compile_later(
    rf"<!--\s{{0,{MAX_IGNORE_SPACE}}}mediacite:\s{{0,{MAX_IGNORE_SPACE}}}ignore\b"
    rf"([^>]{{0,{MAX_IGNORE_CODES}}}?)-->",
    regex.IGNORECASE,
)
_COMMENT_SPAN = 2 * MAX_IGNORE_SPACE + MAX_IGNORE_CODES + 32
"""Longer than any ignore comment: how much text a chunk boundary may cut one across."""
_TAG = compile_later(r"<(/?)([A-Za-z][\w:.-]*)([^>]*+)(>?)")
_IGNORE_ATTR = compile_later(r"(?<![\w-])data-mediacite-ignore(?![\w-])", regex.IGNORECASE)
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
"""The HTML standard's void elements: no content, no end tag."""

Origin = Literal["default", "pyproject", "environment", "command line"]
Silence = frozenset[str] | None
"""Codes an ignore marker silences for a citation or mention: ``None`` for none, empty for all."""


class _Located(Protocol):
    """What an ignore marker is matched against: a citation or a prose mention."""

    @property
    def start(self) -> int: ...

    @property
    def line(self) -> int: ...


@attrs.frozen
class Config:
    """``[tool.mediacite]`` settings (paths are relative to the pyproject's folder).

    ``archive_origin`` says who chose the archive: ``pyproject`` (the repository's
    configuration, which is not trusted), or the user (``environment``, ``command line``).
    """

    root: Path = attrs.field(factory=Path.cwd)
    lock: str = "mediacite.lock"
    archive: str = "wayback"
    ignore: tuple[str, ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    """Globs (case-insensitive) of the files checked inside folders: ``include``, or the
    stories (:data:`DEFAULT_INCLUDE`) plus ``extend-include``."""
    archive_origin: Origin = "default"
    unsourced: str = attrs.field(default="off", validator=attrs.validators.in_(UNSOURCED))
    """Whether prose mentions of posts the story does not cite are findings (MC301), and how
    severe: ``off``, ``warn`` (reported, the check passes) or ``error``."""

    @property
    def lock_path(self) -> Path:
        """Where the lockfile lives."""
        return self.root / self.lock


def _read_pyproject(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib
    try:
        with open_input(path) as stream:
            text = read_limited(stream, "pyproject.toml", MAX_CONFIG_BYTES).decode("utf-8")
        data = tomllib.loads(text)
    except (OSError, ValueError, MediaciteError) as exc:
        raise MediaciteError(f"{path}: {exc}") from exc
    table = data.get("tool", {}).get("mediacite", {})
    if not isinstance(table, dict):
        raise MediaciteError(f"{path}: [tool.mediacite] must be a table")
    return table


def _setting(path: Path, table: Mapping[str, Any], name: str, default: Any) -> Any:
    value = table.get(name, default)
    if isinstance(default, str) and not isinstance(value, str):
        raise MediaciteError(f"{path}: [tool.mediacite] {name} must be a string")
    if isinstance(default, tuple):
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            raise MediaciteError(f"{path}: [tool.mediacite] {name} must be a list of strings")
        return tuple(value)
    return value


def _inside(folder: Path, path: Path) -> bool:
    """Whether ``path`` (resolved, symbolic links included) lies inside ``folder``."""
    return path.parent.resolve().joinpath(path.name).is_relative_to(folder.resolve())


def load_config(start: Path | None = None, environ: Mapping[str, str] | None = None) -> Config:
    """Read ``[tool.mediacite]`` from the nearest ``pyproject.toml`` at or above ``start``.

    ``MEDIACITE_ARCHIVE`` in ``environ`` (default: the process environment) overrides the
    file's ``archive``. The file's ``lock`` must stay inside its folder: a repository's
    configuration never makes mediacite write elsewhere.
    """
    env = os.environ if environ is None else environ
    here = (start or Path.cwd()).resolve()
    config = Config(root=here)
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if not os.path.lexists(candidate):
            continue
        table = _read_pyproject(candidate)
        lock = _setting(candidate, table, "lock", LOCK_NAME)
        if not lock or Path(lock).is_absolute() or not _inside(folder, folder / lock):
            raise MediaciteError(
                f"{candidate}: [tool.mediacite] lock must be a path inside {folder}, "
                f"not {lock!r} (use --lock to write elsewhere)"
            )
        has_archive = "archive" in table
        unsourced = _setting(candidate, table, "unsourced", "off")
        if unsourced not in UNSOURCED:
            raise MediaciteError(
                f"{candidate}: [tool.mediacite] unsourced must be one of "
                f"{', '.join(repr(v) for v in UNSOURCED)}, not {unsourced!r}"
            )
        config = Config(
            root=folder,
            lock=lock,
            archive=_setting(candidate, table, "archive", "wayback"),
            ignore=_setting(candidate, table, "ignore", ()),
            include=(
                *_setting(candidate, table, "include", DEFAULT_INCLUDE),
                *_setting(candidate, table, "extend-include", ()),
            ),
            archive_origin="pyproject" if has_archive else "default",
            unsourced=unsourced,
        )
        break
    if env.get(ARCHIVE_ENV):
        config = attrs.evolve(config, archive=env[ARCHIVE_ENV], archive_origin="environment")
    return config


def archive_trusted(config: Config, *, allow_local: bool = False) -> bool:
    """Whether the configured archive may be anything: the user chose it, or trusts the repo.

    ``allow_local`` is ``--allow-local-archive``; ``MEDIACITE_ALLOW_LOCAL_ARCHIVE`` counts too.
    """
    from mediacite.resolver.trust import allow_local_from_env

    return config.archive_origin != "pyproject" or allow_local or allow_local_from_env()


def open_config_archive(config: Config, *, allow_local: bool = False) -> Archive:
    """Open the configured archive, under the trust policy (see ``docs/security.md``).

    An archive named by ``pyproject.toml`` must be public unless ``allow_local`` (the user's
    ``--allow-local-archive`` or ``MEDIACITE_ALLOW_LOCAL_ARCHIVE=1``); its local paths are
    relative to the pyproject's folder. Raises :class:`~mediacite.errors.UntrustedArchive`
    with a message saying where the archive was named and how to allow it, and
    :class:`~mediacite.errors.MediaciteError` for an archive that cannot be opened.
    """
    from mediacite.resolver.archives import open_archive
    from mediacite.resolver.trust import parse_spec

    spec = config.archive
    from_repo = config.archive_origin == "pyproject"
    trusted = archive_trusted(config, allow_local=allow_local)
    named = {
        "pyproject": f"{config.root / 'pyproject.toml'}: [tool.mediacite] archive",
        "environment": ARCHIVE_ENV,
        "command line": "--archive",
        "default": "archive",
    }[config.archive_origin]
    try:
        parsed = parse_spec(spec)
        if from_repo and parsed.kind == "local" and "://" not in parsed.text:
            spec = str(config.root / parsed.text)
        return open_archive(spec, trusted=trusted, relative_to=config.lock_path.parent)
    except UntrustedArchive as exc:
        raise UntrustedArchive(
            f"{named} {exc.spec!r} is "
            f"{exc.reason}; a repository's configuration may only name public http(s) "
            "archives. If you trust this repository, pass --allow-local-archive (or set "
            "MEDIACITE_ALLOW_LOCAL_ARCHIVE=1); or choose the archive yourself with --archive",
            spec=exc.spec,
            reason=exc.reason,
        ) from None
    except (OSError, ValueError) as exc:
        raise MediaciteError(f"{named}: {exc}") from exc


def identifiable(citation: Citation) -> bool:
    """Whether a citation names its post well enough to look it up in an archive."""
    return bool(citation.post_id or citation.media or (citation.handle and citation.date))


def identity_key(citation: Citation) -> str:
    """The lockfile key of a cited post (independent of where it is cited)."""
    return ":".join(citation.identity)


@attrs.frozen(order=True)
class Finding:
    """One problem at one place: ``path:line:col: CODE message``.

    ``severity`` is ``error`` (the check fails) or ``warning`` (reported only: MC301 with
    ``unsourced = "warn"``).
    """

    path: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = "error"

    def text(self) -> str:
        """The ``path:line:col: CODE message`` line."""
        return f"{self.path}:{self.line}:{self.column}: {self.code} {self.message}"

    def github(self) -> str:
        """A GitHub Actions workflow command (an annotation on the line).

        Escaped as the runner's command parser expects, so no file name or message can end
        the command early or start another: ``%``, CR and LF everywhere, and ``:`` and ``,``
        in property values too.
        """
        return (
            f"::{self.severity} file={_property(self.path)},line={self.line},col={self.column},"
            f"title={_property(self.code)}::{_data(self.message)}"
        )


def _data(text: str) -> str:
    """Escape a workflow command's message (what follows ``::``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """Escape a workflow command's property value (``file=``, ``title=``)."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


@attrs.frozen
class _Comment:
    """An ignore comment: where it ends, the line it starts on, and the codes it names."""

    end: int
    line: int
    codes: frozenset[str]


def _ignore_comments(chunks: Iterable[str]) -> Iterator[_Comment]:
    """The ``<!-- mediacite: ignore … -->`` comments of a text given in consecutive pieces.

    Offsets and lines count from the start of the first piece; one pass, with a carry over
    piece boundaries longer than any such comment.
    """
    offset, line, carry = 0, 1, ""
    pieces = iter(chunks)
    piece = next(pieces, None)
    while piece is not None:
        following = next(pieces, None)
        text = carry + piece
        horizon = len(text) if following is None else max(0, len(text) - _COMMENT_SPAN)
        counted = end = 0
        for m in _IGNORE_COMMENT.finditer(text):
            if m.start() >= horizon:
                break
            line += text.count("\n", counted, m.start())
            counted = m.start()
            yield _Comment(offset + m.end(), line, frozenset(m.group(1).split()))
            end = m.end()
        cut = max(horizon, end)
        line += text.count("\n", counted, cut)
        offset += cut
        carry = text[cut:]
        piece = following


def _comment_silences(
    citations: Sequence[_Located], comments: Iterable[_Comment]
) -> dict[int, Silence]:
    """For each citation (by index), what a comment on its line or the line before silences.

    The first comment that starts on the line before the citation or on its line, and ends
    before the citation starts, decides. Citations and comments are merged in one pass.
    Prose mentions are matched the same way (at their sentence, or in HTML their paragraph).
    """
    found: dict[int, Silence] = {}
    stream = iter(comments)
    upcoming = next(stream, None)
    kept: list[_Comment] = []
    for index in sorted(range(len(citations)), key=lambda i: citations[i].start):
        citation = citations[index]
        while upcoming is not None and upcoming.end <= citation.start:
            if upcoming.line >= citation.line - 1 and not any(
                c.line == upcoming.line for c in kept
            ):
                kept.append(upcoming)
            upcoming = next(stream, None)
        kept = [c for c in kept if c.line >= citation.line - 1]
        if kept:
            found[index] = kept[0].codes
    return found


def _ignored_regions(html: str) -> list[tuple[int, int]]:
    """Where elements carrying ``data-mediacite-ignore`` sit in ``html``: sorted, disjoint.

    Each region runs from the element's start tag to its end tag (to the end of the document
    when it is never closed; to the end of the tag for void elements). One pass over the tags.
    """
    depth: dict[str, int] = {}
    open_ignored: dict[str, list[tuple[int, int]]] = {}
    regions: list[tuple[int, int]] = []
    for m in _TAG.finditer(html):
        name = m.group(2).lower()
        if m.group(1):
            level = max(depth.get(name, 0) - 1, 0)
            depth[name] = level
            stack = open_ignored.get(name, [])
            while stack and stack[-1][0] > level:
                regions.append((stack.pop()[1], m.start()))
            continue
        ignored = _IGNORE_ATTR.search(m.group(3)) is not None
        if name in _VOID or m.group(3).endswith("/"):
            if ignored:
                regions.append((m.start(), m.end()))
            continue
        depth[name] = depth.get(name, 0) + 1
        if ignored:
            open_ignored.setdefault(name, []).append((depth[name], m.start()))
    regions.extend((start, len(html)) for stack in open_ignored.values() for _, start in stack)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(regions):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _in_regions(regions: Sequence[tuple[int, int]], offset: int) -> bool:
    at = bisect.bisect_right(regions, offset, key=lambda region: region[0]) - 1
    return at >= 0 and offset < regions[at][1]


def _citation_findings(
    citation: Citation, lock: Lockfile, online: Mapping[str, Resolution]
) -> Iterator[tuple[str, str]]:
    if citation.handle is None and citation.post_id is None:
        yield "MC101", CODES["MC101"]
    if citation.date is None and citation.post_id is None:
        yield "MC102", CODES["MC102"]
    if not identifiable(citation):
        yield "MC103", CODES["MC103"]
        return
    key = identity_key(citation)
    entry = lock.entries.get(key)
    status = entry["status"] if entry else None
    detail = entry.get("error") if entry else None
    if status == "unavailable" and entry is not None:
        detail = _tombstone_kind(entry.get("evidence") or {})
    if key in online:
        status, detail = online[key].status, online[key].error or online[key].tombstone
    if status is None:
        yield "MC201", CODES["MC201"]
    elif status in _STATUS_CODES:
        code = _STATUS_CODES[status]
        yield code, CODES[code] + (f": {detail}" if detail else "")


def _tombstone_kind(evidence: Mapping[str, Any]) -> str | None:
    """The kind of tombstone (``deleted``, ``suspended`` …) recorded in a lock entry's evidence."""
    tombstone = evidence.get("tombstone")
    kind = tombstone.get("kind") if isinstance(tombstone, Mapping) else tombstone
    return kind if isinstance(kind, str) else None


def _unreadable(path: str, reason: str) -> Finding:
    return Finding(path, 1, 1, "MC901", f"{CODES['MC901']}: {reason}")


def iter_files(
    paths: Sequence[str], include: Sequence[str], *, skip: Path | None = None
) -> Iterator[str | Finding]:
    """Files to check: files named explicitly, and matching files inside directories.

    Folders are walked without following symbolic links to folders, leaving out hidden ones
    (``.git``); a folder that cannot be read is an MC901 finding, never skipped in silence.
    Globs match file names case-insensitively. The lockfile (``skip``, or any file named
    ``mediacite.lock``) is never a story: inside a folder it is left out, named explicitly it
    raises :class:`~mediacite.errors.UsageError`.
    """
    patterns = [pattern.lower() for pattern in include]
    for given in paths:
        if os.path.isdir(given):
            failures: list[OSError] = []
            for folder, dirs, files in os.walk(given, onerror=failures.append):
                while failures:
                    yield _folder_finding(failures.pop())
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    path = os.path.join(folder, name)
                    if _is_lockfile(path, skip):
                        continue
                    if any(fnmatch.fnmatchcase(name.lower(), p) for p in patterns):
                        yield path
            while failures:
                yield _folder_finding(failures.pop())
        elif _is_lockfile(given, skip):
            raise UsageError(
                f"{given} is the lockfile, not a story: check the stories that cite posts "
                "(mediacite check stories/), and `mediacite lock` to update the lockfile"
            )
        elif os.path.lexists(given):
            yield given
        else:
            yield _unreadable(given, "no such file")


def _folder_finding(error: OSError) -> Finding:
    where = str(error.filename or "?")
    return Finding(where, 1, 1, "MC901", f"cannot read the folder: {error.strerror or error}")


def _is_lockfile(path: str, lock: Path | None) -> bool:
    if os.path.basename(path) == LOCK_NAME:
        return True
    if lock is None:
        return False
    try:
        return os.path.samefile(path, lock)
    except OSError:
        return False


def _stream_chunks(stream: BinaryIO, head: bytes) -> Iterator[str]:
    """The decoded text of a text file, piece by piece (as the text reader decodes it)."""
    from mediacite.extract.decode import text_decoder
    from mediacite.extract.text import CHUNK_BYTES

    decoder, name, skip = text_decoder(head)
    data = head[skip:]
    try:
        while data:
            yield decoder.decode(data)
            data = stream.read(CHUNK_BYTES)
        yield decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        raise DecodingError(f"not valid {name} any more: the file changed while read") from exc


def _document_records(
    decoded: Decoded, path: str, *, mentions: bool
) -> tuple[list[Citation], list[Mention]]:
    """The citations (and, with ``mentions``, the prose mentions) of a document read whole.

    A story checked for citations only imports the Markdown reader: a pre-commit hook never
    pays for the HTML one.
    """
    if decoded.kind == "markdown" and not mentions:
        from mediacite.extract.markdown import extract_markdown

        return extract_markdown(decoded.text, source=path), []
    from mediacite._api import extract

    found = extract(
        decoded.utf8 or decoded.text, input=decoded.kind, source=path, mentions=mentions
    )
    return list(found), list(found.mentions or ())


def file_citations(path: str) -> list[tuple[Citation, Silence]]:
    """The citations of one file, each with the codes an ignore marker silences for it.

    Only regular files are read. HTML and Markdown are read whole, up to
    :data:`~mediacite.limits.MAX_DOCUMENT_BYTES` and
    :data:`~mediacite.limits.MAX_MARKDOWN_BYTES`; text is streamed, twice (citations,
    then ignore comments), so memory stays flat whatever its size. Raises
    :class:`~mediacite.errors.InputError` or ``OSError`` when the file cannot be read.
    """
    return file_records(path)[0]


def _silences(
    text: str, items: Sequence[_Located], comments: list[_Comment], *, markup: bool
) -> list[Silence]:
    """What ignore markers silence for each item of a document read whole.

    Comments count everywhere; ``data-mediacite-ignore`` elements only in ``markup`` (HTML and
    Markdown).
    """
    silenced = _comment_silences(items, comments)
    regions = _ignored_regions(text) if markup else []
    for index, item in enumerate(items):
        if _in_regions(regions, item.start):
            silenced[index] = frozenset()
    return [silenced.get(index) for index in range(len(items))]


def file_records(
    path: str, *, mentions: bool = False
) -> tuple[list[tuple[Citation, Silence]], list[tuple[Mention, Silence]]]:
    """The citations of one file and, with ``mentions``, its prose mentions of posts.

    Each comes with the codes an ignore marker silences for it, as in :func:`file_citations`.
    Finding mentions reads a text file whole too, up to
    :data:`~mediacite.limits.MAX_DOCUMENT_BYTES`.
    """
    from mediacite.extract.decode import MARKDOWN_SNIFF_CHARS, decode_document, detect_input
    from mediacite.extract.text import CHUNK_BYTES, iter_text_stream
    from mediacite.limits import MAX_DOCUMENT_BYTES, MAX_MARKDOWN_BYTES

    with open_input(path) as stream:
        size = os.fstat(stream.fileno()).st_size
        kind = detect_input(stream.read(MARKDOWN_SNIFF_CHARS), path, size=size)
        stream.seek(0)
        if kind != "text" or mentions:
            limit = MAX_MARKDOWN_BYTES if kind == "markdown" else MAX_DOCUMENT_BYTES
            what = {"html": "HTML page", "markdown": "story"}.get(kind, "text file")
            decoded = decode_document(read_limited(stream, what, limit), input=kind, name=path)
            citations, said = _document_records(decoded, path, mentions=mentions)
            text, markup = decoded.text, kind != "text"
            comments = list(_ignore_comments([text]))
            quiet = _silences(text, citations, comments, markup=markup)
            heard = _silences(text, said, comments, markup=markup)
            return list(zip(citations, quiet, strict=True)), list(zip(said, heard, strict=True))
        citations = list(iter_text_stream(stream, source=path))
        stream.seek(0)
        head = stream.read(CHUNK_BYTES)
        silenced = _comment_silences(citations, _ignore_comments(_stream_chunks(stream, head)))
    return [(citation, silenced.get(index)) for index, citation in enumerate(citations)], []


def check_files(
    paths: Sequence[str],
    config: Config,
    *,
    lock: Lockfile | None = None,
    online: Mapping[str, Resolution] | None = None,
) -> list[Finding]:
    """Every finding in ``paths`` against the lockfile (and fresh ``online`` resolutions)."""
    lock = lock if lock is not None else Lockfile.load(config.lock_path)
    findings: list[Finding] = []
    for item in iter_files(paths, config.include, skip=config.lock_path):
        if isinstance(item, Finding):
            findings.append(item)
            continue
        try:
            cited, said = file_records(item, mentions=config.unsourced != "off")
        except (MediaciteError, OSError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            findings.append(_unreadable(item, reason))
            continue
        for citation, silenced in cited:
            for code, message in _citation_findings(citation, lock, online or {}):
                if not _silenced(code, config, silenced):
                    findings.append(Finding(item, citation.line, citation.column, code, message))
        severity: Severity = "warning" if config.unsourced == "warn" else "error"
        for mention, silenced in said:
            if mention.sourced is None and not _silenced("MC301", config, silenced):
                message = _unsourced_message(mention)
                findings.append(
                    Finding(item, mention.line, mention.column, "MC301", message, severity)
                )
    return sorted(findings)


def _silenced(code: str, config: Config, silenced: Silence) -> bool:
    """Whether ``code`` is ignored: everywhere by the configuration, or here by a marker."""
    return code in config.ignore or (silenced is not None and (not silenced or code in silenced))


def _unsourced_message(mention: Mention) -> str:
    """MC301's message: who, on which platform, and the words that report the post."""
    who = mention.author or (f"@{mention.handle}" if mention.handle else "a poster")
    return f"{CODES['MC301']} ({terminal_line(who)} on {mention.platform}: {mention.cue!r})"
