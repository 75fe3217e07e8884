"""The documentation describes what the code does: generated parts match, every command is
documented, every doc the README links exists."""

from __future__ import annotations

import re
from pathlib import Path

from ndp.contract import contract
from ndp.contract.describe import BEGIN, END, contract_markdown

ROOT = Path(__file__).resolve().parents[2]


def test_data_contract_doc_holds_the_generated_contract() -> None:
    text = (ROOT / "docs" / "data-contract.md").read_text()
    generated = text.split(BEGIN, 1)[1].split(END, 1)[0]
    assert generated.strip() == contract_markdown().strip(), (
        "docs/data-contract.md is out of date: regenerate its last part with "
        "`ndp sources --format markdown`"
    )


def test_every_source_column_and_enum_value_is_documented() -> None:
    text = (ROOT / "docs" / "data-contract.md").read_text()
    for source in contract().sources.values():
        assert f"### {source.name}" in text
        for column in source.columns:
            assert f"`{column}`" in text, f"{source.name}.{column}"
    for values in contract().enums.values():
        for value in values:
            assert value in text


def test_readme_links_point_at_existing_docs() -> None:
    readme = (ROOT / "README.md").read_text()
    for link in re.findall(r"\]\(([^)#]+)\)", readme):
        assert (ROOT / link).is_file(), link


def test_readme_quick_start_is_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    quick = readme.split("## Quick start", 1)[1].split("```")[1]
    assert quick.split() == ["make", "demo", "make", "test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text()
