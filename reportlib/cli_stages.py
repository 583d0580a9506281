"""Subcommands of the later stages; each stage appends its registrar to ``REGISTRARS``."""

from __future__ import annotations

import argparse
from collections.abc import Callable

REGISTRARS: list[Callable[[argparse._SubParsersAction], None]] = []


def _text_stage(sub: argparse._SubParsersAction) -> None:
    from .text import register

    register(sub)


REGISTRARS.append(_text_stage)


def _study_stage(sub: argparse._SubParsersAction) -> None:
    from .study import register

    register(sub)


REGISTRARS.append(_study_stage)


def _indicator_stage(sub: argparse._SubParsersAction) -> None:
    from .panel import register

    register(sub)


REGISTRARS.append(_indicator_stage)


def _narrative_stage(sub: argparse._SubParsersAction) -> None:
    from .narrative import register

    register(sub)


REGISTRARS.append(_narrative_stage)
