"""Tests for gdcore.theory: what the Hessian predicts, checked against real runs."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import BAD_RATES

import gdcore
from gdcore import theory


@st.composite
def bowls(draw):
    """A random 2-D positive definite Hessian."""
    low = draw(st.floats(0.01, 10))
    kappa = draw(st.floats(1, 1e3))
    angle = draw(st.floats(0, np.pi))
    rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    return rotation @ np.diag([low, low * kappa]) @ rotation.T


def test_square_has_its_wall_at_one():
    assert gdcore.critical_learning_rate([[2.0]]) == 1.0
    assert gdcore.optimal_learning_rate([[2.0]]) == 0.5
    assert gdcore.contraction([[2.0]], 0.5) == 0.0


@given(bowls())
def test_optimal_rate_minimises_the_contraction(hessian):
    best = gdcore.optimal_learning_rate(hessian)
    low, high = gdcore.curvatures(hessian)
    rho_best = gdcore.contraction(hessian, best)
    assert rho_best == pytest.approx((high - low) / (high + low), abs=1e-9)
    for factor in (0.9, 1.1):
        assert gdcore.contraction(hessian, factor * best) >= rho_best - 1e-12


@given(bowls())
def test_contraction_crosses_one_at_the_critical_rate(hessian):
    critical = gdcore.critical_learning_rate(hessian)
    assert gdcore.contraction(hessian, 0.999 * critical) < 1
    assert gdcore.contraction(hessian, 1.001 * critical) > 1


@given(bowls())
def test_regimes_are_in_order_and_the_best_rate_is_fast(hessian):
    fast_start, fast_end, critical = gdcore.regime_boundaries(hessian)
    assert 0 < fast_start <= fast_end < critical
    assert gdcore.regime(hessian, gdcore.optimal_learning_rate(hessian)) == "fast"
    rates = np.geomspace(1e-3, 2, 200) * critical
    names = [gdcore.regime(hessian, r) for r in rates]
    order = [theory.REGIMES.index(n) for n in names]
    assert order == sorted(order)


def test_regime_boundaries_are_where_the_names_change():
    hessian = gdcore.mse_hessian(gdcore.mountain_temperatures().x)
    fast_start, fast_end, critical = gdcore.regime_boundaries(hessian)
    assert gdcore.regime(hessian, 0.999 * fast_start) == "crawl"
    assert gdcore.regime(hessian, 1.001 * fast_start) == "fast"
    assert gdcore.regime(hessian, 0.999 * fast_end) == "fast"
    assert gdcore.regime(hessian, 1.001 * fast_end) == "oscillating"
    assert gdcore.regime(hessian, 0.999 * critical) == "oscillating"
    assert gdcore.regime(hessian, critical) == "diverging"


def test_oscillating_rates_flip_the_sign_of_the_steep_direction():
    land = gdcore.bowl(10.0)
    _, fast_end, critical = gdcore.regime_boundaries(land.hessian)
    rate = (fast_end + critical) / 2
    run = gdcore.gradient_descent(land.gradient, [1.0, 1.0], rate, 6)
    steep = run.path[:, 1]
    assert np.all(np.sign(steep[1:]) == -np.sign(steep[:-1]))


def test_predicted_steps_match_the_measured_steps():
    land = gdcore.bowl(10.0)
    for rate in (0.02, 0.1, gdcore.optimal_learning_rate(land.hessian), 0.19):
        run = gdcore.gradient_descent(land.gradient, [0.0, 1.0], rate, 10_000, tolerance=1e-6)
        # Start on the steep axis only: the distance shrinks by |1 - rate * 10| exactly.
        predicted = gdcore.steps_to_reduce([[10.0]], rate, 1e-6 / 10)
        assert run.steps == predicted
        assert gdcore.steps_to_reduce(land.hessian, rate, 1e-7) >= predicted


def test_steps_to_reduce_is_infinite_past_the_wall():
    assert gdcore.steps_to_reduce([[2.0]], 1.0, 0.5) == np.inf
    assert gdcore.steps_to_reduce([[2.0]], 0.5, 1e-9) == 1.0


@pytest.mark.parametrize(
    "hessian, message",
    [
        ([[1.0, 2.0]], "square"),
        ([[1.0, 2.0], [0.0, 1.0]], "symmetric"),
        ([[-1.0, 0.0], [0.0, 2.0]], "negative eigenvalue"),
        ([[0.0]], "no positive eigenvalue"),
        ([[np.nan]], "finite"),
        ([1.0, 2.0], "2-dimensional"),
    ],
)
def test_bad_hessians_are_named(hessian, message):
    with pytest.raises(ValueError, match=f"hessian.*{message}|{message}"):
        gdcore.critical_learning_rate(hessian)


@pytest.mark.parametrize("bad, error", BAD_RATES)
def test_bad_learning_rates_are_named(bad, error):
    with pytest.raises(error, match="learning_rate"):
        gdcore.regime([[2.0]], bad)


@pytest.mark.parametrize("factor", [0.0, 1.0, 2.0, np.nan])
def test_bad_factor_is_named(factor):
    with pytest.raises(ValueError, match="factor"):
        gdcore.steps_to_reduce([[2.0]], 0.1, factor)


def test_a_number_is_the_curvature_of_a_one_variable_function():
    assert gdcore.critical_learning_rate(2.0) == gdcore.critical_learning_rate([[2.0]]) == 1.0
    assert gdcore.regime(2, 0.95) == "oscillating"


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"path": None}, TypeError, "^path"),
        ({"path": [[1.0, 2.0], [0.5, 1.0]]}, ValueError, "^minimum must have 2"),
        ({"window": 0}, ValueError, "^window"),
        ({"window": 2.5}, TypeError, "^window"),
    ],
)
def test_measured_contraction_names_bad_input(kwargs, error, match):
    arguments = {"path": [[1.0], [0.5], [0.25]], "minimum": [0.0], **kwargs}
    with pytest.raises(error, match=match):
        gdcore.measured_contraction(**arguments)


def test_measured_contraction_takes_the_path_of_a_one_variable_walk():
    assert gdcore.measured_contraction([1.0, 0.5, 0.25], 0.0) == 0.5
