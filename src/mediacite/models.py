"""Immutable records: citations, mentions, their positions, snapshots, resolutions, documents.

:class:`Citation`, :class:`Mention` (with its :class:`Backing`), :class:`Span`,
:class:`Snapshot`, :class:`Resolution`, :class:`DocumentRecord`.

Every record converts to a plain JSON-ready ``dict`` with ``to_dict()`` and back with
``from_dict()``; the round trip is exact. The JSON shape is documented in ``docs/schema.md``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal

import attrs

if TYPE_CHECKING:
    from mediacite.display import PrettyPrinter
    from mediacite.formats import Markup, Style

__all__ = [
    "CUE_KINDS",
    "FLAGS",
    "KINDS",
    "REGIONS",
    "STATUSES",
    "Backing",
    "Citation",
    "CueKind",
    "DocumentRecord",
    "Kind",
    "Mention",
    "Region",
    "Resolution",
    "Snapshot",
    "Span",
    "Status",
    "is_mention_record",
]

Kind = Literal["byline", "widget", "blockquote", "shortcode", "rendered", "card", "stub", "link"]
KINDS: tuple[Kind, ...] = (
    "byline",
    "widget",
    "blockquote",
    "shortcode",
    "rendered",
    "card",
    "stub",
    "link",
)

Region = Literal["main", "aside", "header", "nav", "footer", "comments"]
REGIONS: tuple[Region, ...] = ("main", "aside", "header", "nav", "footer", "comments")
"""Where in a page a citation sits: the article itself (``main``) or page chrome."""

FLAGS: dict[str, str] = {
    "dated_after_article": "the cited date is later than the citing article's date",
    "year_from_article": "the cited date had no year; the article's year was used",
}
"""Values of :attr:`Citation.flags`, with their meaning."""

Status = Literal[
    "verified", "archived", "mismatch", "unavailable", "not_archived", "ambiguous", "error"
]
STATUSES: tuple[Status, ...] = (
    "verified",
    "archived",
    "mismatch",
    "unavailable",
    "not_archived",
    "ambiguous",
    "error",
)
"""Values of :attr:`Resolution.status` (``docs/archives.md`` says when each is given)."""


CueKind = Literal["platform-verb", "platform-phrase", "post-noun", "context-noun", "context-verb"]
CUE_KINDS: dict[str, str] = {
    "platform-verb": "a verb that names the platform: tweeted, retweeted, twitterte, tuiteó",
    "platform-phrase": "a phrase that names the platform: wrote on Instagram, auf Twitter, sur X",
    "post-noun": "a noun for a post that names the platform: a tweet, Trump's tweet, a retweet",
    "context-noun": "a post noun without a platform word (the post, the caption); the platform "
    "comes from the neighbouring sentence or the post it introduces",
    "context-verb": "a writing or posting verb without a platform word (he wrote, she posted); "
    "the platform comes from the neighbouring sentence or the post it introduces",
}
"""Values of :attr:`Mention.cue_kind`, with their meaning."""


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        raise TypeError("expected a sequence of strings, got a single string")
    return tuple(value)


def _spans(value: Iterable[Span | Mapping[str, int]]) -> tuple[Span, ...]:
    return tuple(v if isinstance(v, Span) else Span(**v) for v in value)


@attrs.frozen
class Span:
    """Where something sits in a decoded document: character offsets and 1-based line/column."""

    start: int
    end: int
    line: int
    column: int


@attrs.frozen(kw_only=True)
class Citation:
    """One cited social-media post, as found in one document.

    ``start``/``end`` are character offsets of the whole citation in the decoded input;
    ``line``/``column`` are 1-based and locate ``start``. ``article_date`` is the date of the
    citing document when it is known; ``flags`` name what is odd about the citation (see
    :data:`FLAGS`). ``region`` says where in the page it sits (:data:`REGIONS`), and
    ``also_at`` holds the positions of the other places the same document cites the same post.
    """

    platform: str
    kind: Kind
    post_id: str | None = None
    handle: str | None = None
    author: str | None = None
    date: str | None = None
    date_text: str | None = None
    posted_at: str | None = None
    text: str | None = None
    media: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    urls: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    mentions: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    hashtags: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    url: str | None = None
    source: str | None = None
    article_date: str | None = None
    flags: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    region: Region = "main"
    also_at: tuple[Span, ...] = attrs.field(default=(), converter=_spans)
    start: int = 0
    end: int = 0
    line: int = 1
    column: int = 1

    @property
    def span(self) -> Span:
        """The citation's position as a :class:`Span`."""
        return Span(self.start, self.end, self.line, self.column)

    @property
    def identity(self) -> tuple[str, ...]:
        """A key naming the cited post, independent of where it is cited.

        The post id when known; otherwise platform, lower-cased handle, date and media — and,
        when there are no media links, a digest of the post text, so that two posts by one
        account on one day stay apart.
        """
        if self.post_id:
            return (self.platform, "id", self.post_id)
        key = (self.platform, "byline", (self.handle or "").lower(), self.date or "")
        if self.media:
            return (*key, *sorted(self.media))
        import hashlib

        folded = " ".join((self.text or "").casefold().split())
        return (*key, "text-" + hashlib.sha1(folded.encode("utf-8")).hexdigest()[:12])

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON record (lists for sequences, ``None`` for unknown values)."""
        record = attrs.asdict(self, recurse=False)
        for name in ("media", "urls", "mentions", "hashtags", "flags"):
            record[name] = list(record[name])
        record["also_at"] = [attrs.asdict(span) for span in self.also_at]
        return record

    @classmethod
    def from_dict(cls, record: Mapping[str, Any]) -> Citation:
        """Build a citation from a record made by :meth:`to_dict` (unknown keys are rejected)."""
        unknown = set(record) - {f.name for f in attrs.fields(cls)}
        if unknown:
            raise ValueError(f"unknown citation field(s): {', '.join(sorted(unknown))}")
        return cls(**record)

    def format(
        self,
        style: Style | str = "apa",
        resolution: Resolution | None = None,
        *,
        markup: Markup = "text",
        attachment: str | None = None,
    ) -> str:
        """Format as ``"apa"``, ``"mla"`` or ``"chicago"`` (see :mod:`mediacite.formats`)."""
        from mediacite.formats import format_citation

        return format_citation(self, style, resolution, markup=markup, attachment=attachment)

    def _repr_html_(self) -> str:
        from mediacite.display import citation_html

        return citation_html(self)

    def _repr_pretty_(self, p: PrettyPrinter, cycle: bool) -> None:
        from mediacite.display import citation_text

        p.text("Citation(...)" if cycle else citation_text(self))


def _backing(value: Backing | Mapping[str, Any] | None) -> Backing | None:
    if value is None or isinstance(value, Backing):
        return value
    return Backing(**value)


@attrs.frozen(kw_only=True)
class Backing:
    """The citation in the same document that backs a mention.

    ``identity`` is the cited post's identity key (:attr:`Citation.identity` joined with
    ``:``, as in the lockfile); ``start``/``end``/``line``/``column`` locate the citation.
    """

    identity: str
    start: int
    end: int
    line: int
    column: int

    @classmethod
    def of(cls, citation: Citation) -> Backing:
        """The backing reference to ``citation``."""
        return cls(
            identity=":".join(citation.identity),
            start=citation.start,
            end=citation.end,
            line=citation.line,
            column=citation.column,
        )


@attrs.frozen(kw_only=True)
class Mention:
    """A sentence that reports a post without citing it: ``Trump tweeted on Monday that …``.

    ``platform`` is the platform the post was made on; ``author`` the poster as the sentence
    writes them (``None`` when only a pronoun names them), ``handle`` the account when the
    sentence shows it. ``cue`` is the phrase that says a post was made and ``cue_kind`` its
    kind (:data:`CUE_KINDS`); ``quote`` the reported content when the sentence quotes or
    paraphrases it. ``date`` (ISO) is the day the sentence fixes (``on Monday`` resolved
    against ``article_date``), ``date_text`` the words that fix it. ``sourced`` is the
    citation in the same document by the same poster on the same platform, or ``None``.
    ``start``/``end``/``line``/``column`` locate the sentence (in HTML, its block element).
    """

    platform: str
    author: str | None = None
    handle: str | None = None
    cue: str
    cue_kind: CueKind
    quote: str | None = None
    sentence: str
    date: str | None = None
    date_text: str | None = None
    sourced: Backing | None = attrs.field(default=None, converter=_backing)
    language: str
    source: str | None = None
    article_date: str | None = None
    start: int = 0
    end: int = 0
    line: int = 1
    column: int = 1

    @property
    def is_sourced(self) -> bool:
        """Whether a citation in the same document backs the mention."""
        return self.sourced is not None

    @property
    def span(self) -> Span:
        """The mention's position as a :class:`Span`."""
        return Span(self.start, self.end, self.line, self.column)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON record: ``{"type": "mention", ...}``.

        ``sourced`` is an object (:class:`Backing`) or ``None``.
        """
        record: dict[str, Any] = {"type": "mention"}
        record.update(attrs.asdict(self, recurse=False))
        record["sourced"] = attrs.asdict(self.sourced) if self.sourced else None
        return record

    @classmethod
    def from_dict(cls, record: Mapping[str, Any]) -> Mention:
        """Build a mention from a record made by :meth:`to_dict` (unknown keys are rejected)."""
        fields = dict(record)
        if fields.pop("type", "mention") != "mention":
            raise ValueError(f"not a mention record: type {record.get('type')!r}")
        unknown = set(fields) - {f.name for f in attrs.fields(cls)}
        if unknown:
            raise ValueError(f"unknown mention field(s): {', '.join(sorted(unknown))}")
        return cls(**fields)


def is_mention_record(record: Mapping[str, Any]) -> bool:
    """Whether a JSON record is a :class:`Mention` (``"type": "mention"``), not a citation."""
    return record.get("type") == "mention"


@attrs.frozen(kw_only=True)
class Snapshot:
    """One archived capture (a Memento) of a URL."""

    archive: str
    original_url: str
    archived_url: str
    captured_at: str
    status: int | None = None
    mimetype: str | None = None
    digest: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON record."""
        return attrs.asdict(self)

    @classmethod
    def from_dict(cls, record: Mapping[str, Any]) -> Snapshot:
        """Build a snapshot from a record made by :meth:`to_dict`."""
        return cls(**record)


@attrs.frozen(kw_only=True)
class Resolution:
    """What the archives say about one :class:`Citation`.

    ``status`` is one of :data:`STATUSES`; "not archived" is a result, not an error.
    ``evidence`` maps each check made (``handle``, ``date``, ``text`` …) to its outcome;
    ``evidence["tombstone"]`` describes a capture saying the post is gone (see
    :attr:`tombstone`).
    """

    citation: Citation
    status: Status
    snapshot: Snapshot | None = None
    evidence: Mapping[str, Any] = attrs.field(factory=dict)
    candidates: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    error: str | None = None

    @property
    def tombstone(self) -> str | None:
        """The kind of tombstone captured for the post (``deleted``, ``suspended`` …), if any."""
        found = self.evidence.get("tombstone")
        return str(found["kind"]) if isinstance(found, Mapping) and "kind" in found else None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON record."""
        return {
            "citation": self.citation.to_dict(),
            "status": self.status,
            "snapshot": self.snapshot.to_dict() if self.snapshot else None,
            "evidence": dict(self.evidence),
            "candidates": list(self.candidates),
            "error": self.error,
        }

    @classmethod
    def from_dict(cls, record: Mapping[str, Any]) -> Resolution:
        """Build a resolution from a record made by :meth:`to_dict`."""
        snapshot = record.get("snapshot")
        return cls(
            citation=Citation.from_dict(record["citation"]),
            status=record["status"],
            snapshot=Snapshot.from_dict(snapshot) if snapshot else None,
            evidence=dict(record.get("evidence") or {}),
            candidates=record.get("candidates") or (),
            error=record.get("error"),
        )

    def format(
        self, style: Style | str = "apa", *, markup: Markup = "text", attachment: str | None = None
    ) -> str:
        """Format the citation, citing the archived copy when it was found."""
        from mediacite.formats import format_citation

        return format_citation(self.citation, style, self, markup=markup, attachment=attachment)

    def robust_link(self, text: str | None = None) -> str:
        """Return Robust Links HTML for the archived post (see :mod:`mediacite.formats`)."""
        from mediacite.formats import robust_link

        return robust_link(self, text)

    def _repr_html_(self) -> str:
        from mediacite.display import resolution_html

        return resolution_html(self)

    def _repr_pretty_(self, p: PrettyPrinter, cycle: bool) -> None:
        from mediacite.display import resolution_text

        p.text("Resolution(...)" if cycle else resolution_text(self))


@attrs.frozen(kw_only=True)
class DocumentRecord:
    """One document read, whatever it cited: a row of the documents table.

    ``source`` names the document as citations do (a path, a URL, a JSONL record's ``url`` or
    ``id``) and ``where`` locates it for messages (``dump.jsonl:12``, ``crawl.warc.gz@1234``).
    ``kind`` is ``html`` or ``text`` (``None`` when it could not be read). ``domain`` is the
    host of ``canonical_url``, else of an http(s) ``source``. ``article_date`` is the date the
    document states, and ``date_source`` where: ``meta``, ``json-ld``, ``time``, ``url``,
    ``front-matter``, ``date-line`` (the document), ``record`` (a JSONL field) or ``captured``
    (a WARC record's capture date, used when the page states none). ``citations`` counts the
    citations found; ``problems`` says why the document, or part of it, could not be read.
    """

    source: str
    where: str
    kind: str | None = None
    domain: str | None = None
    canonical_url: str | None = None
    article_date: str | None = None
    date_source: str | None = None
    citations: int = 0
    problems: tuple[str, ...] = attrs.field(default=(), converter=_strings)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON record (``problems`` as a list)."""
        record = attrs.asdict(self, recurse=False)
        record["problems"] = list(self.problems)
        return record

    @classmethod
    def from_dict(cls, record: Mapping[str, Any]) -> DocumentRecord:
        """Build a record from :meth:`to_dict` output (unknown keys are rejected)."""
        unknown = set(record) - {f.name for f in attrs.fields(cls)}
        if unknown:
            raise ValueError(f"unknown document field(s): {', '.join(sorted(unknown))}")
        return cls(**record)
