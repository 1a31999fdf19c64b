"""Extraction: bytes → decoded document → platform rules → :class:`~mediacite.models.Citation`.

Nothing in this package touches the network, reads files or mutates global state. The readers:
:mod:`~mediacite.extract.decode` (bytes to text, HTML or not), :mod:`~mediacite.extract.text`
(flattened text, in memory or streamed), :mod:`~mediacite.extract.html` with
:mod:`~mediacite.extract.htmldoc` (HTML pages); each asks every module of
:mod:`~mediacite.extract.platforms` for its rules. Prose mentions of posts, when asked for,
are found by :mod:`~mediacite.extract.prose` (the prose of a text, Markdown or HTML document),
:mod:`~mediacite.extract.mentions` (the document: context, backing, records),
:mod:`~mediacite.extract.cues` (one sentence), :mod:`~mediacite.extract.sentences` and
:mod:`~mediacite.extract.lexicon` (the word lists, package data read on first use). The public
entry points are the ``mediacite.extract*`` functions; the modules here are the platform
author's API.
"""
