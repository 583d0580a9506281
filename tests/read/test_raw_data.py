"""data/raw is immutable: the files match their manifest byte for byte."""

from __future__ import annotations

import hashlib

from conftest import RAW


def test_raw_files_match_manifest():
    manifest = (RAW / "MANIFEST.sha256").read_text(encoding="utf-8").split("\n")
    entries = [line.split() for line in manifest if line.strip()]
    assert len(entries) >= 5
    for digest, name in entries:
        assert hashlib.sha256((RAW / name).read_bytes()).hexdigest() == digest, name


def test_every_raw_file_is_in_the_manifest():
    listed = {line.split()[1] for line in (RAW / "MANIFEST.sha256").read_text().splitlines()}
    present = {p.name for p in RAW.glob("*.txt")}
    assert present == listed
