"""What the methods page says, measured from the run: accuracy of the extraction, the choice of K.

``extraction_accuracy`` scores the study's indicators table against the hand-labelled gold set
with the benchmark's own scorer (``benchmarks/accuracy.py``), on the files of the gold set that
this corpus holds, so the page states the accuracy of *this* run and says when it cannot be
measured. ``k_choice`` reads the topic search's table (``coherence.csv``) whatever columns it has
and says which K was chosen, with its coherence and stability beside the other candidates.
"""

from __future__ import annotations

import importlib.util
import logging
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from reportlib.paths import project_paths

log = logging.getLogger(__name__)

ACCURACY_SCRIPT = Path("benchmarks") / "accuracy.py"  # under the project root


@dataclass(frozen=True)
class Accuracy:
    """Recall and precision of the extraction on the gold rows of this corpus's files."""

    files: int
    gold: int
    recall: float
    judged: int
    precision: float
    gold_file: str


def _load_scorer(root: Path):
    path = root / ACCURACY_SCRIPT
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("reportlib_accuracy", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)  # the benchmark's scorer: one definition of "correct"
    return module


def extraction_accuracy(indicators: pd.DataFrame, *, root: str | Path | None = None) -> Accuracy | None:
    """The benchmark's recall and precision on this run's rows; None when no gold file is of this corpus."""
    root = Path(root) if root else project_paths().root
    try:
        scorer = _load_scorer(root)
        if scorer is None:
            return None
        corpora = getattr(scorer, "CORPORA", None)  # name → (raw folder, gold file); older: one GOLD
        gold_files = [g for _, g in corpora.values()] if corpora else [scorer.GOLD]
        sources = set(indicators["source"].dropna())
        files, gold_n, recalled, judged, correct, used = 0, 0, 0, 0, 0, []
        for path in gold_files:
            if not Path(path).is_file():
                continue
            gold = scorer.read_gold(path)
            gold = gold[gold["source"].isin(sources)]
            if gold.empty:
                continue
            scores, _ = scorer.score(indicators, gold)
            t = scorer.total(scores)
            files, gold_n, recalled = files + len(scores), gold_n + t.gold, recalled + t.recalled
            judged, correct = judged + t.judged, correct + t.correct
            used.append(Path(path).name)
    except Exception as exc:  # the benchmark changed shape: the page says "not measured"
        log.warning("extraction accuracy not measured: %s", exc)
        return None
    if not gold_n:
        return None
    return Accuracy(files, gold_n, recalled / gold_n, judged, correct / judged if judged else float("nan"),
                    ", ".join(used))


def accuracy_inputs(*, root: str | Path | None = None) -> dict[str, str]:
    """What the page's measured accuracy rests on, name → content hash: the benchmark's scorer, its
    gold files and the texts of its corpora (the study runs the methods page again when one changes)."""
    from reportlib.read.cache import file_hash
    from reportlib.read.sources import list_raw_files

    root = Path(root) if root else project_paths().root
    files = {str(ACCURACY_SCRIPT): root / ACCURACY_SCRIPT}
    try:
        scorer = _load_scorer(root)
        corpora = getattr(scorer, "CORPORA", None) if scorer else None
        for name, (folder, gold_file) in sorted((corpora or {}).items()):
            files[f"{name} gold {Path(gold_file).name}"] = Path(gold_file)
            if Path(folder).is_dir():
                files.update({f"{name} text {p.relative_to(folder)}": p for p in list_raw_files([Path(folder)])})
    except Exception as exc:  # the benchmark changed shape: its script's hash still stands for it
        log.warning("accuracy inputs not listed: %s", exc)
    out = {}
    for name, path in sorted(files.items()):
        try:
            out[name] = file_hash(path)
        except OSError:
            out[name] = "absent"
    return out


GOLD_SETS = {  # the benchmark's corpora, as the methods page names them
    "seeds": ("上海各区报告（本研究的原始文件）", "Shanghai district reports (the study's raw files)"),
    "provincial": ("2026年省级政府工作报告", "2026 provincial work reports"),
    "hailar": ("海拉尔区2012–2015年政府工作报告", "Hailar District work reports 2012-2015"),
}


def gold_accuracy(*, root: str | Path | None = None) -> pd.DataFrame:
    """The benchmark's recall and precision on each of its gold sets whose texts are present.

    The seeds, the provincial reports and the Hailar reports are each read and scored as
    ``benchmarks/accuracy.py`` does; a set whose folder is absent is left out (the page says so).
    Columns: corpus, files, gold, recalled, recall, judged, correct, precision.
    """
    root = Path(root) if root else project_paths().root
    rows = []
    try:
        scorer = _load_scorer(root)
        corpora = getattr(scorer, "CORPORA", None) if scorer else None
        for name, (folder, gold_file) in (corpora or {}).items():
            if not Path(folder).is_dir() or not Path(gold_file).is_file():
                continue
            scores, _ = scorer.score(scorer.extract(name), scorer.read_gold(gold_file))
            t = scorer.total(scores)
            rows.append({"corpus": name, "files": len(scores), "gold": t.gold, "recalled": t.recalled,
                         "recall": t.recall, "judged": t.judged, "correct": t.correct, "precision": t.precision})
    except Exception as exc:  # the benchmark changed shape: the page says "not measured"
        log.warning("accuracy on the gold sets not measured: %s", exc)
        return pd.DataFrame(columns=["corpus", "files", "gold", "recalled", "recall", "judged", "correct",
                                     "precision"])
    return pd.DataFrame(rows, columns=["corpus", "files", "gold", "recalled", "recall", "judged", "correct",
                                       "precision"])


def gold_sentence(acc: pd.DataFrame, lang: str = "zh") -> str:
    """One sentence per gold set: its recall and precision, with the caveat that the rules were made on it."""
    if acc.empty:
        return {"zh": "基准测试的标注集不在本机，未能测量。",
                "en": "The benchmark's gold sets are not on this machine: not measured."}[lang]
    parts = []
    for r in acc.to_dict("records"):
        zh, en = GOLD_SETS.get(r["corpus"], (r["corpus"], r["corpus"]))
        if lang == "zh":
            parts.append(f"{zh}：{r['files']}个文件、{r['gold']}条标注，召回率{r['recall']:.1%}，"
                         f"准确率{r['precision']:.1%}（可判断的{r['judged']}条中）")
        else:
            parts.append(f"{en}: {r['files']} files, {r['gold']} labelled figures, recall {r['recall']:.1%}, "
                         f"precision {r['precision']:.1%} (of {r['judged']} judged)")
    if lang == "zh":
        return ("在全部人工标注集上测得的抽取准确率——" + "；".join(parts) + "。抽取规则正是在这些文本上开发的，"
                "因此这些数字偏乐观：对其他地区、年份和版式的报告，准确率会更低。")
    return ("Extraction accuracy measured on every hand-labelled gold set: " + "; ".join(parts) + ". The rules "
            "were developed on these very texts, so the numbers are optimistic: on reports of other places, years "
            "and layouts accuracy will be lower.")


def chosen_k(coherence: pd.DataFrame) -> int | None:
    """The K the topic search chose: its ``chosen`` flag, else the best ``c_v``."""
    if coherence is None or coherence.empty or "k" not in coherence:
        return None
    if "chosen" in coherence:
        flag = coherence["chosen"].map(lambda v: str(v).strip().lower() in ("true", "1"))
        if flag.any():
            return int(coherence.loc[flag, "k"].iloc[0])
    if "c_v" in coherence:
        return int(coherence.sort_values(["c_v", "k"], ascending=[False, True])["k"].iloc[0])
    return None


def _num(x: object) -> str:
    return f"{float(x):.2f}" if x is not None and pd.notna(x) else "—"


def k_choice(coherence: pd.DataFrame) -> tuple[str, str]:
    """Why this K, in Chinese and English: its c_v and stability, and the most stable K beside it."""
    k = chosen_k(coherence)
    if k is None:
        return ("主题数K的搜索结果缺失。", "The search for the number of topics left no table.")
    row = coherence[coherence["k"] == k].iloc[0]
    has_stab = "stability" in coherence and coherence["stability"].notna().any()
    zh = f"选定的主题数为K = {k}：一致性c_v为{_num(row.get('c_v'))}"
    en = f"The chosen number of topics is K = {k}: coherence c_v {_num(row.get('c_v'))}"
    if has_stab:
        zh += f"，稳定性为{_num(row.get('stability'))}"
        en += f", stability {_num(row.get('stability'))}"
        best = coherence.sort_values(["stability", "k"], ascending=[False, True]).iloc[0]
        if int(best["k"]) != k and float(best["stability"]) > float(row["stability"]):
            zh += (f"。更稳定的是K = {int(best['k'])}（稳定性{_num(best['stability'])}，"
                   f"c_v {_num(best.get('c_v'))}）：所选K以稳定性换取了一致性，主题划分在不同随机种子下不如它稳定")
            en += (f". K = {int(best['k'])} is more stable (stability {_num(best['stability'])}, c_v "
                   f"{_num(best.get('c_v'))}): the chosen K trades stability for coherence, so its topics "
                   "are less reproducible across seeds")
        else:
            zh += "，也是候选中最稳定的"
            en += ", also the most stable of the candidates"
    rule = [c for c in coherence.columns if c in ("rule", "reason", "why")]
    if rule and pd.notna(row.get(rule[0])):
        from reportlib.text.topics import K_RULE, K_RULE_ZH

        text = str(row[rule[0]])
        if text.strip() == K_RULE.strip():  # the library's rule: its Chinese words on the Chinese page
            zh += f"（选择规则：{K_RULE_ZH}）"
        elif not re.search(r"[A-Za-z]{3}", text):
            zh += f"（选择规则：{text}）"
        en += f" (rule: {text})"
    return zh + "。", en + "."
