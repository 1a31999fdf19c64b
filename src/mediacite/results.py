"""Result collections: what ``extract*`` and ``resolve`` return.

:class:`CitationList` is a plain ``list`` of :class:`~mediacite.models.Citation`, and
:class:`ResolutionList` one of :class:`~mediacite.models.Resolution`, with the same helpers
for export and display: ``to_records()``, ``to_jsonl()``, ``to_dataframe()`` (pandas, the
``mediacite[pandas]`` extra), ``timeline()`` (matplotlib, the ``mediacite[plot]`` extra),
``format()`` for publication strings, and rich reprs in notebooks and IPython. pandas and
matplotlib are imported only when those methods are called. Every list keeps its type through
``+``, slicing, ``filter()``, ``where()`` and ``sorted()``. :class:`MentionList` holds prose
mentions of posts (``extract(..., mentions=True).mentions``). :class:`Corpus` is what
:func:`mediacite.extract_corpus` returns: the citations and a :class:`DocumentList`, one
:class:`~mediacite.models.DocumentRecord` per document read (and the mentions, when asked for).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Container, Hashable, Iterable
from typing import TYPE_CHECKING, Any, Generic, Protocol, SupportsIndex, TypeVar, overload

import attrs

from mediacite.models import Citation, DocumentRecord, Mention, Resolution

if TYPE_CHECKING:
    import pandas
    from matplotlib.axes import Axes

    from mediacite.display import PrettyPrinter
    from mediacite.formats import Markup, Style

__all__ = ["CitationList", "Corpus", "DocumentList", "MentionList", "ResolutionList"]

_T = TypeVar("_T", Citation, Resolution)

_DATE_COLUMNS = ("date", "article_date")
_TIME_COLUMNS = ("posted_at",)


def _import_pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:
        raise ImportError("to_dataframe() needs pandas: pip install 'mediacite[pandas]'") from exc
    return pandas


class _Record(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


_R = TypeVar("_R", bound=_Record)
_Self = TypeVar("_Self", bound="_RecordList[Any]")


class _RecordList(list[_R], Generic[_R]):
    """A list of records that stays its own type through ``+``, slicing and the filters.

    The builtin ``sorted()`` always returns a plain ``list``; :meth:`sorted` keeps the type.
    """

    @overload
    def __getitem__(self, index: SupportsIndex) -> _R: ...

    @overload
    def __getitem__(self: _Self, index: slice) -> _Self: ...

    def __getitem__(self, index: SupportsIndex | slice) -> Any:
        """Return an item, or a slice as the same list type."""
        if isinstance(index, slice):
            return self._new(super().__getitem__(index))
        return super().__getitem__(index)

    def _new(self: _Self, items: Iterable[Any]) -> _Self:
        cls: Any = type(self)
        return cls(items)  # type: ignore[no-any-return]

    def __add__(self: _Self, other: Iterable[Any]) -> _Self:  # type: ignore[override]
        """``a + b``: a new list of this type with the items of both."""
        return self._new([*self, *other])

    def __radd__(self: _Self, other: Iterable[Any]) -> _Self:
        """``[...] + a``: a new list of this type."""
        return self._new([*other, *self])

    def __mul__(self: _Self, count: SupportsIndex) -> _Self:
        """``a * n``: a new list of this type."""
        return self._new(super().__mul__(count))

    def copy(self: _Self) -> _Self:
        """A shallow copy, of this type."""
        return self._new(self)

    def filter(self: _Self, predicate: Callable[[_R], object]) -> _Self:
        """Keep the items for which ``predicate(item)`` is true."""
        return self._new(item for item in self if predicate(item))

    def where(self: _Self, **fields: Any) -> _Self:
        """Keep the items whose fields have the given values: ``where(platform="twitter")``.

        A tuple, list or set of values means any one of them (``where(kind=("byline",
        "link"))``). A resolution's fields are its own (``status``) and its citation's.
        """
        tests = [(name, _one_of(value)) for name, value in fields.items()]
        return self._new(
            item for item in self if all(self._field(item, n) in values for n, values in tests)
        )

    def _field(self, item: Any, name: str) -> Any:
        try:
            return getattr(item, name)
        except AttributeError:
            raise AttributeError(f"{type(self).__name__}.where(): no field {name!r}") from None

    def sorted(
        self: _Self, *, key: Callable[[_R], Any] | None = None, reverse: bool = False
    ) -> _Self:
        """A sorted copy of this type (the builtin ``sorted()`` returns a plain ``list``)."""
        return self._new(sorted(self, key=key, reverse=reverse))

    def to_records(self) -> list[dict[str, Any]]:
        """Plain dicts, one per item: each item's JSON record (``to_dict()``), ISO dates."""
        return [item.to_dict() for item in self]

    def to_jsonl(self) -> str:
        """JSON Lines: one record per line."""
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in self.to_records())


def _one_of(value: Any) -> Container[Any]:
    if isinstance(value, (tuple, list, set, frozenset)):
        return frozenset(value) if all(isinstance(v, Hashable) for v in value) else list(value)
    return (value,)


class _Results(_RecordList[_T], Generic[_T]):
    """The helpers both result lists share."""

    def _field(self, item: Any, name: str) -> Any:
        if isinstance(item, Resolution) and not hasattr(item, name):
            item = item.citation
        return super()._field(item, name)

    def _flat_records(self) -> list[dict[str, Any]]:
        return self.to_records()

    def to_dataframe(self) -> pandas.DataFrame:
        """Return a pandas DataFrame, one row per item (needs the ``mediacite[pandas]`` extra).

        Columns are the record's keys; ``date`` and ``article_date`` become datetimes and
        ``posted_at`` a UTC timestamp (missing values are ``NaT``).
        """
        pd = _import_pandas()
        frame = pd.DataFrame.from_records(self._flat_records(), columns=self._columns())
        for column in _DATE_COLUMNS:
            frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d", errors="coerce")
        for column in _TIME_COLUMNS:
            frame[column] = pd.to_datetime(frame[column], utc=True, errors="coerce")
        return frame  # type: ignore[no-any-return]

    def _columns(self) -> list[str]:
        return [field.name for field in attrs.fields(Citation)]

    def timeline(self, *, ax: Axes | None = None, title: str | None = None) -> Axes:
        """Plot posts cited per day per handle (needs the ``mediacite[plot]`` extra).

        See :func:`mediacite.plot.timeline`.
        """
        from mediacite.plot import timeline

        return timeline(self, ax=ax, title=title)

    def _repr_html_(self) -> str:
        from mediacite.display import table_html

        return table_html(self, title=type(self).__name__)

    def _repr_pretty_(self, p: PrettyPrinter, cycle: bool) -> None:
        from mediacite.display import table_text

        p.text(
            f"{type(self).__name__}(...)" if cycle else table_text(self, title=type(self).__name__)
        )


class MentionList(_RecordList[Mention]):
    """A list of prose mentions of posts (:class:`~mediacite.models.Mention`), in document order.

    ``to_records()``, ``to_jsonl()`` and ``to_dataframe()`` work as for citations; the
    DataFrame's ``sourced`` column holds the backing citation's identity key (or ``None``).
    """

    @property
    def unsourced(self) -> MentionList:
        """The mentions that no citation of the same document backs."""
        return self.filter(lambda m: m.sourced is None)

    def to_dataframe(self) -> pandas.DataFrame:
        """Return a pandas DataFrame, one row per mention (needs ``mediacite[pandas]``).

        Columns are the record's keys; ``date`` and ``article_date`` become datetimes.
        """
        pd = _import_pandas()
        rows = []
        for record in self.to_records():
            sourced = record["sourced"]
            rows.append({**record, "sourced": sourced["identity"] if sourced else None})
        columns = ["type", *(f.name for f in attrs.fields(Mention))]
        frame = pd.DataFrame.from_records(rows, columns=columns)
        for column in _DATE_COLUMNS:
            frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d", errors="coerce")
        return frame  # type: ignore[no-any-return]

    def _repr_html_(self) -> str:
        from mediacite.display import mention_table_html

        return mention_table_html(self, title=type(self).__name__)

    def _repr_pretty_(self, p: PrettyPrinter, cycle: bool) -> None:
        from mediacite.display import mention_table_text

        p.text("MentionList(...)" if cycle else mention_table_text(self, title="MentionList"))


class CitationList(_Results[Citation]):
    """A list of citations, in document order.

    ``mentions`` holds the document's prose mentions of posts when they were asked for
    (``extract(..., mentions=True)``), else ``None``. Lists made from this one (slices,
    ``filter()``, ``where()``, ``sorted()``) keep them; ``a + b`` joins both lists' mentions.
    """

    def __init__(
        self, citations: Iterable[Citation] = (), mentions: Iterable[Mention] | None = None
    ) -> None:
        super().__init__(citations)
        self.mentions = (
            mentions
            if mentions is None or isinstance(mentions, MentionList)
            else MentionList(mentions)
        )

    def _new(self, items: Iterable[Any]) -> CitationList:
        return CitationList(items, self.mentions)

    def __add__(self, other: Iterable[Any]) -> CitationList:  # type: ignore[override]
        """``a + b``: the citations of both, and the mentions of both when either has any."""
        theirs = other.mentions if isinstance(other, CitationList) else None
        mentions = (
            None
            if self.mentions is None and theirs is None
            else ([*(self.mentions or ()), *(theirs or ())])
        )
        return CitationList([*self, *other], mentions)

    def format(
        self, style: Style | str = "apa", *, markup: Markup = "text", attachment: str | None = None
    ) -> list[str]:
        """Each citation in a publication style (see :func:`mediacite.formats.format_citation`)."""
        from mediacite.formats import format_citation

        return [format_citation(c, style, markup=markup, attachment=attachment) for c in self]


class ResolutionList(_Results[Resolution]):
    """A list of resolutions, in the order of the citations resolved.

    Its DataFrame has one row per resolution: the citation's columns, then ``status``, the
    snapshot's ``archive``, ``original_url``, ``archived_url`` and ``captured_at``,
    ``evidence`` and ``error``.
    """

    @property
    def citations(self) -> CitationList:
        """Return the citations resolved, in the same order."""
        return CitationList(r.citation for r in self)

    def by_status(self, *statuses: str) -> ResolutionList:
        """Keep the resolutions whose status is one of ``statuses``."""
        return ResolutionList(r for r in self if r.status in statuses)

    def _flat_records(self) -> list[dict[str, Any]]:
        rows = []
        for r in self:
            s = r.snapshot
            rows.append(
                {
                    **r.citation.to_dict(),
                    "status": r.status,
                    "archive": s.archive if s else None,
                    "original_url": s.original_url if s else None,
                    "archived_url": s.archived_url if s else None,
                    "captured_at": s.captured_at if s else None,
                    "evidence": dict(r.evidence),
                    "error": r.error,
                }
            )
        return rows

    def _columns(self) -> list[str]:
        return [
            *super()._columns(),
            "status",
            "archive",
            "original_url",
            "archived_url",
            "captured_at",
            "evidence",
            "error",
        ]

    def format(
        self, style: Style | str = "apa", *, markup: Markup = "text", attachment: str | None = None
    ) -> list[str]:
        """Each citation in a publication style, citing the archived copy when found."""
        from mediacite.formats import format_citation

        return [
            format_citation(r.citation, style, r, markup=markup, attachment=attachment)
            for r in self
        ]

    def robust_links(self) -> list[str]:
        """Robust Links HTML for every resolution found archived (the others are left out)."""
        from mediacite.formats import ARCHIVED_STATUSES, robust_link

        return [robust_link(r) for r in self if r.snapshot and r.status in ARCHIVED_STATUSES]


class DocumentList(_RecordList[DocumentRecord]):
    """The documents table: one :class:`~mediacite.models.DocumentRecord` per document read."""

    def to_dataframe(self) -> pandas.DataFrame:
        """Return a pandas DataFrame, one row per document (needs ``mediacite[pandas]``).

        Columns are the record's keys; ``article_date`` becomes a datetime (``NaT`` when the
        document states none) and ``problems`` a list per row.
        """
        pd = _import_pandas()
        columns = [field.name for field in attrs.fields(DocumentRecord)]
        frame = pd.DataFrame.from_records(self.to_records(), columns=columns)
        frame["article_date"] = pd.to_datetime(
            frame["article_date"], format="%Y-%m-%d", errors="coerce"
        )
        return frame  # type: ignore[no-any-return]


@attrs.frozen
class Corpus:
    """What :func:`mediacite.extract_corpus` returns: the citations and the documents table.

    ``documents`` has one row per document read, those that cite nothing included, so counts
    per outlet and date have their denominator; join the two on ``source``. ``mentions`` holds
    every document's prose mentions of posts when they were asked for, else ``None``.
    """

    citations: CitationList
    documents: DocumentList
    mentions: MentionList | None = None
