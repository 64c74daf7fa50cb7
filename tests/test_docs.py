"""The README's promises: its two commands, the CLI examples, and what CI runs."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _blocks():
    return re.findall(r"```bash\n(.*?)```", README, re.S)


def test_readme_gives_run_and_test_commands():
    blocks = _blocks()
    assert blocks[0].strip() == "pip install -r requirements.txt && streamlit run app.py"
    assert blocks[1].strip() == "pip install -r requirements-dev.txt && python -m pytest"


def test_ci_installs_dev_requirements_and_runs_the_readme_test_command():
    install, test = _blocks()[1].strip().split(" && ")
    assert "-r requirements-dev.txt" in CI and "pip install" in install
    assert re.search(rf"^{re.escape(test)}\s*$", CI, re.M)
    assert "apt-get install" in CI and "chromium" in CI
    assert "KZ_REQUIRE_BROWSER=1" in CI


def test_readme_screenshot_exists():
    for path in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README):
        assert (ROOT / path).exists(), path


def test_cli_examples_use_existing_subcommands():
    from regions.cli import _parser

    sub = next(a for a in _parser()._actions if a.dest == "command")
    for line in _blocks()[2].splitlines():
        m = re.match(r"python -m regions (\w+)", line)
        if m:
            assert m.group(1) in sub.choices, line
