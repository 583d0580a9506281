"""Every path of the project, derived from one root.

The root is the repository (the folder holding ``pyproject.toml``) unless the environment
variable ``REPORTLIB_ROOT`` names another; notebooks and modules never write literal paths.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DATA = Path(__file__).resolve().parent / "data"


def _find_root() -> Path:
    env = os.environ.get("REPORTLIB_ROOT")
    if env:
        return Path(env).resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file() and (folder / "reportlib").is_dir():
            return folder
    return Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Paths:
    """The project's folders; build one with :func:`project_paths`."""

    root: Path

    @property
    def raw(self) -> Path:
        return self.root / "data" / "raw"

    @property
    def processed(self) -> Path:
        return self.root / "data" / "processed"

    @property
    def cache(self) -> Path:
        return self.root / "data" / "processed" / "cache"

    @property
    def notebooks(self) -> Path:
        return self.root / "notebooks"

    @property
    def outputs(self) -> Path:
        env = os.environ.get("REPORTLIB_OUTPUTS")  # set by `reportlib study --out-dir DIR`
        return Path(env).resolve() if env else self.root / "outputs"

    @property
    def tables(self) -> Path:
        return self.outputs / "tables"

    @property
    def figures(self) -> Path:
        return self.outputs / "figures"

    @property
    def html(self) -> Path:
        return self.outputs / "html"

    @property
    def executed(self) -> Path:
        return self.outputs / "notebooks"


def project_paths(root: str | Path | None = None) -> Paths:
    """Paths of the project at ``root`` (default: ``REPORTLIB_ROOT`` or the repository)."""
    return Paths(Path(root).resolve() if root else _find_root())
