"""Which tokens a comparison counts: place names and segmentation debris are left out by default.

Keyness and topic models compare reports; a place's own name (徐汇, 北外滩, 莘庄镇) tells which
report a word came from, not what it says, and ranks first in every district's key terms.
Segmentation debris (及物 of 传感器及物联网, 放在, 编制工作) is no subject either. Both are found
by rule from the corpus dictionary and jieba's own dictionary, with the rules' words as data
(``token_rules.csv``), never a list of one corpus's words.

>>> from reportlib.text.dictionary import TermDictionary
>>> d = TermDictionary.of(pd.DataFrame({"term": ["徐汇", "莘庄镇"], "source": ["division", "town"]}))
>>> [is_place(t, d) for t in ("徐汇", "徐汇区", "徐汇滨江", "莘庄镇", "创新")]
[True, True, True, True, False]
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cache

import pandas as pd

from reportlib import lexicon
from reportlib.text.dictionary import TermDictionary
from reportlib.text.tokens import default_tags

log = logging.getLogger(__name__)

#: Shortest place name that marks a longer token as place-bound by its start (徐汇 → 徐汇滨江).
PREFIX_MIN_LEN = 2
#: jieba's tag of direction words (方位词: 南部, 东部): where in a place, not what.
DIRECTION_TAGS = frozenset({"f"})
#: Directions: a place's initial and one of them is a part of the place (青东, 浦南).
DIRECTIONS = frozenset("东西南北中")
#: jieba tags of verbs: a verb with a complement (放在) or a verb + generic head (编制工作) is debris.
VERB_TAGS = frozenset({"v", "vd", "vi", "vg"})


@cache
def token_rules() -> dict[str, frozenset[str]]:
    """kind → values of ``token_rules.csv`` (function characters, complements, generic heads)."""
    rules: dict[str, set[str]] = {}
    for row in lexicon.read_rows("token_rules.csv"):
        rules.setdefault(row["kind"], set()).add(row["value"])
    return {k: frozenset(v) for k, v in rules.items()}


def is_place(token: str, dictionary: TermDictionary) -> bool:
    """Whether ``token`` names a place: a place of the dictionary or a token starting with one
    (徐汇滨江, 青浦新城), a part of one (青东: 青浦's east) or a direction (南部, 东部)."""
    if token in dictionary.places or default_tags().get(token) in DIRECTION_TAGS:
        return True
    prefixes = _prefixes(dictionary)
    if len(token) == 2 and token[1] in DIRECTIONS and token[0] in _initials(dictionary):
        return True
    return any(token[:n] in prefixes for n in range(PREFIX_MIN_LEN, len(token)))


_INITIALS: dict[str, frozenset[str]] = {}


def _initials(dictionary: TermDictionary) -> frozenset[str]:
    """First characters of the corpus's own district and town names (青 of 青浦, 浦 of 浦东)."""
    if dictionary.key not in _INITIALS:
        _INITIALS[dictionary.key] = frozenset(n[0] for n in _prefixes(dictionary))
    return _INITIALS[dictionary.key]


_PREFIXES: dict[str, frozenset[str]] = {}


def _prefixes(dictionary: TermDictionary) -> frozenset[str]:
    """Place names that mark a longer token: the corpus's own places, not the whole division tree.

    A tree's short name can be a word (复兴, 和平); the corpus's districts, towns and curated
    places are names wherever they start a token.
    """
    if dictionary.key not in _PREFIXES:
        t = dictionary.table
        own = set(t.loc[t["source"].isin(["own", "town", "place"]), "term"])
        own |= {n for d in lexicon.districts() for n in (d.name, d.short)}
        _PREFIXES[dictionary.key] = frozenset(n for n in own if len(n) >= PREFIX_MIN_LEN)
    return _PREFIXES[dictionary.key]


def is_debris(token: str, dictionary: TermDictionary) -> bool:
    """Whether ``token`` is a segmentation accident or a generic compound, not a subject.

    Three rules: a word jieba made up (in neither dictionary) that starts or ends with a
    function character (及物 of 传感器及物联网); a verb with a complement (放在, 用于); a verb +
    a generic head (编制工作). Terms the texts mark or the curated lists hold never are;
    collocations (规划 + 编制工作) go through the rules.
    """
    if token in dictionary.terms and token not in dictionary.phrases:
        return False
    rules, tags = token_rules(), default_tags()
    tag = tags.get(token)
    if tag is None and (token[0] in rules["function_char"] or token[-1] in rules["function_char"]):
        return True
    if tag in VERB_TAGS and len(token) == 2 and token[-1] in rules["complement"]:
        return True
    head = next((h for h in rules["generic_head"] if token.endswith(h) and len(token) > len(h)), None)
    if head is None:
        return False
    stem = token[: -len(head)]  # 编制 of 编制工作, or its last word: 编制 of 规划编制工作
    return tags.get(stem) in VERB_TAGS | {"vn"} or tags.get(stem[-2:]) in VERB_TAGS | {"vn"}


def token_filter(dictionary: TermDictionary, *, places: bool = False) -> Callable[[str], bool]:
    """A predicate: whether a comparison counts the token (places only when ``places``)."""
    memo: dict[str, bool] = {}

    def keep(token: str) -> bool:
        if token not in memo:
            memo[token] = not is_debris(token, dictionary) and (places or not is_place(token, dictionary))
        return memo[token]

    return keep


def comparable(tokens: pd.DataFrame, dictionary: TermDictionary, *, places: bool = False) -> pd.DataFrame:
    """``tokens`` (``tokenize_corpus``) without place names and debris; units left empty dropped."""
    keep = token_filter(dictionary, places=places)
    out = tokens.copy()
    out["tokens"] = [[t for t in toks if keep(t)] for toks in out["tokens"]]
    out["n_tokens"] = out["tokens"].map(len)
    dropped = int(tokens["n_tokens"].sum() - out["n_tokens"].sum())
    log.info("comparisons count %d tokens; %d place names and debris left out", int(out["n_tokens"].sum()),
             dropped)
    return out[out["n_tokens"] > 0].reset_index(drop=True)
