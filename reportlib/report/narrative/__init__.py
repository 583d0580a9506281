"""District profiles and corpus comparisons in words, generated from the study's tables.

Each sentence is a :class:`Sentence` holding its Chinese and English text and the
:class:`Claim` behind every number in it (the value shown, what it is, the table rows it comes
from), so a test can re-derive every number and a reader can follow every footnote to a
document and a verbatim quote. Wording follows the data: equal values are "the same", a
district alone in its year is never ranked, and "not stated in the report" is said only when
the report exists and the tables hold no row of the indicator.

>>> from reportlib.report.narrative import format_number
>>> format_number(6.50), format_number(13590.0), format_number(0.58)
('6.5', '13590', '0.58')

The package is split by what it writes: ``model`` (claims, sentences and the phrases numbers are
written in), ``profiles`` (one place), ``comparison`` (all places), ``results`` (targets against
the figures reported for their year) and ``markdown`` (rendering); their public
names are exported here (helpers stay in their module).
"""

from reportlib.report.narrative.comparison import corpus_comparison
from reportlib.report.narrative.markdown import escape_markdown, render_markdown
from reportlib.report.narrative.model import (
    MEASURE_ORDER,
    MET_EN,
    MET_ZH,
    QUALIFIER_EN,
    QUALIFIER_ZH,
    RANKED_MEASURES,
    Claim,
    Narrative,
    Section,
    Sentence,
    Source,
    en_name,
    format_number,
    off_year,
    value_claim,
    year_claim,
)
from reportlib.report.narrative.profiles import district_name, district_profile
from reportlib.report.narrative.results import DOC_NAMES, PANEL_NEEDS, result_sentence, target_results

__all__ = [
    "DOC_NAMES",
    "MEASURE_ORDER",
    "MET_EN",
    "MET_ZH",
    "PANEL_NEEDS",
    "QUALIFIER_EN",
    "QUALIFIER_ZH",
    "RANKED_MEASURES",
    "Claim",
    "Narrative",
    "Section",
    "Sentence",
    "Source",
    "corpus_comparison",
    "district_name",
    "district_profile",
    "en_name",
    "escape_markdown",
    "format_number",
    "off_year",
    "render_markdown",
    "result_sentence",
    "target_results",
    "value_claim",
    "year_claim",
]
