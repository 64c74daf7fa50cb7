"""Locations of the project's files, resolved from this file and never from the working directory."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
STATIC = ROOT / "static"
SOURCES = DATA / "sources"
