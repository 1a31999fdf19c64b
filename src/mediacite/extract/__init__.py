"""Extraction: bytes → decoded document → platform rules → :class:`~mediacite.models.Citation`.

Nothing in this package touches the network, reads files or mutates global state. The readers:
:mod:`~mediacite.extract.decode` (bytes to text, HTML or not), :mod:`~mediacite.extract.text`
(flattened text, in memory or streamed), :mod:`~mediacite.extract.html` with
:mod:`~mediacite.extract.htmldoc` (HTML pages); each asks every module of
:mod:`~mediacite.extract.platforms` for its rules. The public entry points are the
``mediacite.extract*`` functions; the modules here are the platform author's API.
"""
