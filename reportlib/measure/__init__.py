"""Measuring: a corpus in, the ``indicators`` table and the panels built on it out.

Numbers with their units and qualifiers (``quantities``), tables flattened into text
(``flat_tables``), every figure about a known indicator with its verbatim quote (``indicators``),
and targets set beside outcomes, revisions and conflicts (``panel``).
"""
