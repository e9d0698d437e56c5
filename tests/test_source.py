"""The source article is the one captured, byte for byte."""

import hashlib

import pytest

from recount import paths
from recount.errors import InputError
from recount.ledger import load_source

PINNED = "685002a66039480f536e719b3260a793d48920c888e31006cb0d3e815396bd25"


def test_source_hash_is_pinned():
    assert hashlib.sha256(paths.source_path().read_bytes()).hexdigest() == PINNED
    assert paths.SOURCE_SHA256 == PINNED


def test_source_readme_states_the_hash():
    assert PINNED in (paths.DATA_DIR / "source" / "README.md").read_text(encoding="utf-8")


def test_source_matches_the_shared_copy_when_present():
    shared = paths.ROOT.parent / "shared" / "source" / "article.zh.txt"
    if not shared.exists():
        pytest.skip("no shared/ copy beside the checkout")
    assert shared.read_bytes() == paths.source_path().read_bytes()


def test_edited_source_is_refused_with_the_line_that_changed(data_copy):
    src = paths.source_path(data_copy)
    text = src.read_text(encoding="utf-8").replace("复工率82.57%", "复工率82.58%")
    src.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_source(data_copy)
    assert exc.value.line == 48
    assert "sha256" in str(exc.value) and "article.zh.txt" in str(exc.value)
