"""Reading: raw files in, ``documents`` and ``sections`` out.

Bytes are decoded (``sources``), cleaned (``normalize``), cut into reports and page chrome
(``segment``), described by place, year and type (``metadata``), cut into headed sections
(``sections``) and gathered as a :class:`~reportlib.read.corpus.Corpus` (``corpus``, pickled by
``cache``). Nothing here knows about indicators, text models or the study.
"""
