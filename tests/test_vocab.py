"""The view's closed vocabularies are parsed once, at the edges (link, command line), by one parser each.

Functions below the edges trust what they are given, so the refusals are tested here and at the edges:
the link parser (tests/test_state.py) and the command line (below).
"""

import subprocess
import sys
from pathlib import Path

import pytest

from regions.base import vocab

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("good", ["2022", "2020"])
def test_layout_parses(good):
    assert vocab.parse_layout(good) == good


@pytest.mark.parametrize("bad", ["2021", "", "2022 ", 2022, None, "17"])
def test_layout_refused_naming_the_parameter_and_the_choices(bad):
    with pytest.raises(ValueError, match=r"^layout: .* is not one of 2022, 2020$"):
        vocab.parse_layout(bad)


def test_the_parameter_name_is_the_callers():
    with pytest.raises(ValueError, match=r"^--layout: "):
        vocab.parse_layout("1999", param="--layout")


@pytest.mark.parametrize(("raw", "lang"), [("en", "en"), ("RU", "ru"), ("Kk", "kk")])
def test_lang_parses_any_case(raw, lang):
    assert vocab.parse_lang(raw) == lang


@pytest.mark.parametrize("bad", ["de", "", "english", 1])
def test_lang_refused(bad):
    with pytest.raises(ValueError, match=r"^lang: "):
        vocab.parse_lang(bad)


@pytest.mark.parametrize("bad", ["loose", "", "inherits"])
def test_lineage_rule_refused(bad):
    with pytest.raises(ValueError, match=r"^lineage_rule: "):
        vocab.parse_lineage_rule(bad)


def test_lineage_rule_parses_any_case():
    assert vocab.parse_lineage_rule("STRICT") == "strict"


@pytest.mark.parametrize(
    "argv",
    [
        ["table", "--layout", "2019"],
        ["table", "--lineage-rule", "loose"],
        ["delivery", "--layout", "2021"],
    ],
)
def test_command_line_refuses_a_value_outside_the_vocabulary(argv):
    res = subprocess.run([sys.executable, "-m", "regions", *argv], cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 2
    assert "Traceback" not in res.stderr and ("--layout" in res.stderr or "--lineage-rule" in res.stderr)
