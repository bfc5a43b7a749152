"""Each file under invalid/ is a description with one mistake; its first line names the field.

Loading it must raise SouverainError with a problem at exactly that field (and nothing
but SouverainError: no traceback ever reaches a user).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from souverain.errors import SouverainError
from souverain.model.loading import load_platform

CORPUS = sorted((Path(__file__).parent / "invalid").glob("*.yaml"))


def test_corpus_is_large_enough():
    assert len(CORPUS) >= 50


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_invalid_description_names_the_field(path: Path):
    expected = path.read_text().splitlines()[0].removeprefix("# expect: ").strip()
    with pytest.raises(SouverainError) as caught:
        load_platform(path)
    found = [p.path for p in caught.value.problems]
    assert expected in found, f"{path.name}: expected a problem at {expected}, got {found}"
    assert all(p.message for p in caught.value.problems)
