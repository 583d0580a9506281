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
the figures reported for their year) and ``markdown`` (rendering); the names are re-exported here.
"""

from reportlib.report.narrative.comparison import (  # noqa: F401
    _ambition_sentence,
    _extremes_sentence,
    _theme_sentence,
    corpus_comparison,
)
from reportlib.report.narrative.markdown import (  # noqa: F401
    _footnote,
    escape_markdown,
    render_markdown,
)
from reportlib.report.narrative.model import (  # noqa: F401
    _MD_SPECIAL,
    _VALUE_LABELS,
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
    _doc_src,
    _en_name,
    _group_order,
    _headline,
    _indicator_order,
    _join_en,
    _join_zh,
    _opening,
    _ordinal,
    _ranked,
    _rows_by_id,
    _share_claims,
    _side,
    _sort_targets,
    _src,
    _subject,
    _topic_labels,
    _topic_shares,
    _unit_en,
    _units_en,
    _value_claim,
    _year_caveat,
    _year_claim,
    format_number,
    off_year,
)
from reportlib.report.narrative.profiles import (  # noqa: F401
    _CLAUSE,
    _alone_sentence,
    _district_name,
    _emphasis_section,
    _example,
    _levels_sentence,
    _missing_sentences,
    _results_section,
    _target_sentence,
    _term_sentence,
    _topic_sentence,
    _years_of,
    district_profile,
)
from reportlib.report.narrative.results import (  # noqa: F401
    DOC_NAMES,
    PANEL_NEEDS,
    _compute_results,
    _other_statement,
    _panel,
    _result_sentence,
    _results,
    _truth,
    target_results,
)

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
    "district_profile",
    "escape_markdown",
    "format_number",
    "off_year",
    "render_markdown",
    "target_results",
]
