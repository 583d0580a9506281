"""District profiles and corpus comparisons in words, generated from the study's tables.

Each sentence is a :class:`Sentence` holding its statement as data (a :class:`Phrase`: the kind
of statement, its places, indicators and values, worded per language by ``sentences.csv``) and the
:class:`Claim` behind every number in it (the value shown, what it is, the table rows it comes
from), so a test can re-derive every number and a reader can follow every footnote to a
document and a verbatim quote. Wording follows the data: equal values are "the same", a
district alone in its year is never ranked, and "not stated in the report" is said only when
the report exists and the tables hold no row of the indicator.

>>> from reportlib.report.narrative import format_number
>>> format_number(6.50), format_number(13590.0), format_number(0.58)
('6.5', '13590', '0.58')

The package is split by what it writes: ``wording`` (the parts of a statement and their words
per language), ``model`` (claims, sentences and the values numbers are written as), ``profiles``
(one place), ``comparison`` (all places), ``results`` (targets against the figures reported for
their year) and ``markdown`` (rendering); their public names are exported here.
"""

from reportlib.report.narrative.comparison import corpus_comparison, scope_section
from reportlib.report.narrative.markdown import escape_markdown, render_markdown
from reportlib.report.narrative.model import (
    MEASURE_ORDER,
    RANKED_MEASURES,
    Claim,
    Narrative,
    Section,
    Sentence,
    Source,
    format_number,
    off_year,
    value_claim,
    year_claim,
)
from reportlib.report.narrative.profiles import district_name, district_profile
from reportlib.report.narrative.results import RESULT_COLUMNS, low_base, result_sentence, target_results
from reportlib.report.narrative.wording import (
    Indicator,
    Label,
    Listing,
    Phrase,
    Place,
    Points,
    Unit,
    Value,
    place_name,
)

__all__ = [
    "MEASURE_ORDER",
    "RANKED_MEASURES",
    "RESULT_COLUMNS",
    "Claim",
    "Indicator",
    "Label",
    "Listing",
    "Narrative",
    "Phrase",
    "Place",
    "Points",
    "Section",
    "Sentence",
    "Source",
    "Unit",
    "Value",
    "corpus_comparison",
    "district_name",
    "district_profile",
    "escape_markdown",
    "format_number",
    "low_base",
    "off_year",
    "place_name",
    "render_markdown",
    "result_sentence",
    "scope_section",
    "target_results",
    "value_claim",
    "year_claim",
]
