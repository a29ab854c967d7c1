"""Every example in gdcore's docstrings runs and prints what it says.

Counting the examples guards against the suite quietly finding none (an example that is
never collected can drift from the code without anyone noticing).
"""

import doctest
import importlib
import pkgutil

import numpy as np
import pytest

import gdcore

# Every module, the private modules of gdcore's packages included (their functions are the
# public ones, lifted by the packages' __init__).
MODULES = [importlib.import_module(m.name)
           for m in pkgutil.walk_packages(gdcore.__path__, prefix="gdcore.")]
TESTS = [
    test
    for module in MODULES
    for test in doctest.DocTestFinder().find(module, globs={"np": np, **vars(module)})
    if test.examples
]


@pytest.mark.parametrize("test", TESTS, ids=lambda t: t.name)
def test_docstring_example(test):
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.failures == 0, f"{test.name} printed something else; run it to see"


def test_enough_examples_were_collected():
    assert sum(len(t.examples) for t in TESTS) >= 50


def test_every_public_maths_function_has_an_example():
    drawing = {*gdcore.plotting.__all__, *gdcore.widgets.__all__}
    public = [getattr(gdcore, name) for name in gdcore.__all__ if name not in drawing]
    documented = {t.name.rsplit(".", 1)[-1] for t in TESTS}
    missing = [f.__name__ for f in public if callable(f) and not isinstance(f, type)
               and f.__name__ not in documented]
    assert not missing, f"no docstring example for {missing}"
