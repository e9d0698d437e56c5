"""The source article is the one captured, byte for byte."""

import hashlib

import pytest

from recount import paths
from recount.errors import InputError
from recount.ledger import load_source

def test_the_source_loads_under_its_pinned_hash_and_its_readme_states_it():
    """load_source checks the file against paths.SOURCE_SHA256 (an edited copy is refused below)."""
    assert load_source().encode("utf-8") == paths.source_path().read_bytes()
    assert hashlib.sha256(paths.source_path().read_bytes()).hexdigest() == paths.SOURCE_SHA256
    assert paths.SOURCE_SHA256 in (paths.DATA_DIR / "source" / "README.md").read_text(encoding="utf-8")


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
