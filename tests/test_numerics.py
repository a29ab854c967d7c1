"""Tests for gdcore.numerics: central differences."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gdcore


@given(st.lists(st.floats(-50, 50), min_size=1, max_size=5))
def test_central_differences_are_exact_for_quadratics(w):
    w = np.array(w)
    a = np.arange(1, len(w) + 1)
    numeric = gdcore.numerical_gradient(lambda v: np.sum(a * v**2) + 3 * v.sum(), w)
    np.testing.assert_allclose(numeric, 2 * a * w + 3, rtol=1e-6, atol=1e-5)


def test_error_shrinks_like_the_square_of_the_step():
    errors = [abs(gdcore.numerical_gradient(lambda v: np.sin(v[0]), 1.0, step=h)[0] - np.cos(1))
              for h in (1e-2, 1e-3)]
    assert errors[0] / errors[1] == pytest.approx(100, rel=0.01)


def test_bad_arguments_are_named():
    with pytest.raises(TypeError, match="f must be a function"):
        gdcore.numerical_gradient(3.0, [1.0])
    with pytest.raises(ValueError, match="w must contain only finite"):
        gdcore.numerical_gradient(np.sum, [np.nan])
    with pytest.raises(ValueError, match="step must be positive"):
        gdcore.numerical_gradient(np.sum, [1.0], step=0)


def test_a_function_that_returns_an_array_is_named():
    with pytest.raises(ValueError, match=r"^f must return a single number"):
        gdcore.numerical_gradient(lambda w: w**2, [1.0, 2.0])
    with pytest.raises(ValueError, match=r"^gradient must return an array of w's shape"):
        gdcore.numerical_hessian(lambda w: w[:1], [1.0, 2.0])
