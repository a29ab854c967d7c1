"""nbval runs the lessons as another processor would.

The committed outputs are made on this processor (`make notebooks`). nbval runs the student
edition (student/) and the gallery as this processor does, and the lessons (notebooks/) as the
last of `tools.notebooks.processors` would: NumPy's optional SIMD targets and OpenBLAS's fast
kernels switched off. Every text output must come out as committed on both, so a lesson that
prints bits that depend on the processor fails here, not on a learner's machine; and each
notebook is run once, not once per processor. `python -m tools.notebooks portable` checks
every configuration, one by one.
"""

import os
from functools import cache
from pathlib import Path

import pytest

from tools import notebooks

LESSONS = Path(__file__).resolve().parent / "notebooks"


@cache
def another_processor():
    """The name of the processor the lessons run as, and the environment variables it sets."""
    name, env = notebooks.processors()[-1]
    return name, {key: value for key, value in env.items() if os.environ.get(key) != value}


def pytest_report_header(config):
    name, changes = another_processor()
    settings = " ".join(f"{key}={value!r}" for key, value in changes.items())
    return f"nbval runs {LESSONS.name}/ as: {name}" + (f" ({settings})" if settings else "")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    # nbval starts a notebook's kernel while setting up its first cell, and the kernel
    # inherits this process's environment; NumPy here has long read it, so it is unaffected.
    changes = another_processor()[1] if item.path.parent == LESSONS else {}
    saved = {key: os.environ.get(key) for key in changes}
    os.environ.update(changes)
    try:
        return (yield)
    finally:
        for key, value in saved.items():
            if value is None:
                del os.environ[key]
            else:
                os.environ[key] = value
