"""The set-up promises: pinned requirements, Binder in step with them, the package importable
as installed (not through sys.path)."""

import re
from pathlib import Path

import gdcore

ROOT = Path(__file__).resolve().parents[1]


def pins(path):
    lines = [line.split("#")[0].strip() for line in path.read_text().splitlines()]
    return [line for line in lines if line and not line.startswith("-r")]


def test_every_requirement_is_pinned_exactly():
    for name in ("requirements.txt", "requirements-dev.txt", "binder/requirements.txt"):
        for line in pins(ROOT / name):
            assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[0-9][\w.]*", line), f"{name}: {line}"


def test_binder_pins_the_same_versions_as_the_notebooks():
    assert sorted(pins(ROOT / "binder/requirements.txt")) == sorted(pins(ROOT / "requirements.txt"))


def test_binder_runs_python_3_11_and_installs_gdcore():
    assert (ROOT / "binder/runtime.txt").read_text().strip() == "python-3.11"
    post_build = (ROOT / "binder/postBuild").read_text()
    assert "set -euo pipefail" in post_build and "pip install --no-deps -e ." in post_build
    assert "python -m tools.notebooks student" in post_build  # the student edition too


def test_gdcore_is_imported_from_this_checkout():
    assert Path(gdcore.__file__).resolve().parent == ROOT / "gdcore"


def test_version_matches_pyproject():
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert f'version = "{gdcore.__version__}"' in pyproject


def test_a_regular_install_ships_every_subpackage():
    # The editable install the Makefile makes sees the whole folder; a wheel holds only the
    # packages pyproject names, and gdcore's __init__ imports its subpackages.
    import tomllib

    from setuptools import find_packages

    include = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "packages"]["find"]["include"]
    shipped = set(find_packages(where=ROOT, include=include))
    on_disk = {".".join(path.parent.relative_to(ROOT).parts)
               for path in (ROOT / "gdcore").rglob("__init__.py")}
    assert on_disk <= shipped and {"gdcore.plotting", "gdcore.widgets"} <= on_disk
