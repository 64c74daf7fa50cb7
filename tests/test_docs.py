"""The README's promises: its two commands, the CLI examples, and what CI runs."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _blocks():
    return re.findall(r"```bash\n(.*?)```", README, re.S)


def _requirements(name: str) -> list[str]:
    """The lines of a requirements file, following ``-r`` includes."""
    lines = []
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            lines += _requirements(line[3:].strip())
        elif line:
            lines.append(line)
    return lines


def test_readme_run_command_installs_the_apps_requirements_and_starts_the_app():
    # What the first command must do on a fresh machine, whatever its wording: install a requirements file
    # that pins streamlit, then start the project's entry point (the file holding the page navigation).
    install, run = _blocks()[0].strip().split(" && ")
    req = re.fullmatch(r"pip install -r (\S+)", install)
    app = re.fullmatch(r"streamlit run (\S+)", run)
    assert req and app, _blocks()[0]
    assert any(re.fullmatch(r"streamlit==[\d.]+", line) for line in _requirements(req.group(1)))
    assert "st.navigation" in (ROOT / app.group(1)).read_text(encoding="utf-8")


def test_readme_test_command_installs_the_test_tools_and_the_app():
    install, test = _blocks()[1].strip().split(" && ")
    req = re.fullmatch(r"pip install -r (\S+)", install)
    assert req and test.startswith("python -m pytest"), _blocks()[1]
    pins = _requirements(req.group(1))
    for tool in ("pytest", "playwright", "streamlit"):
        assert any(re.fullmatch(rf"{tool}==[\d.]+", line) for line in pins), tool


def test_ci_installs_dev_requirements_and_runs_the_readme_test_command():
    install, test = _blocks()[1].strip().split(" && ")
    assert "-r requirements-dev.txt" in CI and "pip install" in install
    assert re.search(rf"^{re.escape(test)}\s*$", CI, re.M)
    assert "apt-get install" in CI and "chromium" in CI
    assert "KZ_REQUIRE_BROWSER=1" in CI


def test_readme_screenshot_exists():
    for path in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README):
        assert (ROOT / path).exists(), path


def test_cli_examples_parse():
    # Every `python -m regions ...` example of the README is accepted by the real argument parser (a
    # renamed option or subcommand fails here, not in a reader's terminal).
    import shlex

    from regions.cli import _parser

    examples = [line.split("#", 1)[0] for line in _blocks()[2].splitlines()]
    examples = [shlex.split(e) for e in examples if e.startswith("python -m regions ")]
    assert len(examples) >= 5
    for argv in examples:
        _parser().parse_args(argv[3:])
