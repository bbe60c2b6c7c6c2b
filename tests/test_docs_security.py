"""docs/security.md names the tests that prove each control: every one it names exists."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAMED = re.compile(r"`((?:[\w/]+\.py)?)(?:::(\w+))?`")


def named_tests() -> list[tuple[str, str | None]]:
    text = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    named, last_file = [], None
    for path, name in NAMED.findall(text):
        if not path and not name:
            continue
        if path:
            last_file = path if Path(path).name.startswith("test_") else None  # a code path, not a test
        if last_file:
            named.append((last_file, name or None))
    return named


def test_security_md_names_tests_for_its_controls():
    assert len(named_tests()) > 80


def test_every_test_security_md_names_exists():
    missing = []
    for path, name in named_tests():
        file = ROOT / "tests" / path
        if not file.exists() or (name and f"def {name}(" not in file.read_text(encoding="utf-8")):
            missing.append(f"{path}::{name}")
    assert not missing, missing
