"""Tests for gdcore.descent: plain gradient descent, one run and many rates at once."""

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import BAD_COUNTS, BAD_RATES

import gdcore


def square_gradient(w):
    """The slope of L(w) = w², whose critical learning rate is 1."""
    return 2 * w


def test_path_starts_at_start_and_follows_the_update_rule():
    run = gdcore.gradient_descent(square_gradient, [3.0], 0.1, 5)
    assert run.path.shape == (6, 1)
    assert run.path[0, 0] == 3.0
    np.testing.assert_allclose(run.path[1:], run.path[:-1] - 0.1 * square_gradient(run.path[:-1]))


@pytest.mark.parametrize(
    "rate, status", [(0.2, "converged"), (0.05, "max_steps"), (1.1, "diverged")]
)
def test_square_converges_crawls_and_diverges(rate, status):
    run = gdcore.gradient_descent(square_gradient, 1.0, rate, 100, tolerance=1e-6)
    assert run.status == status
    assert gdcore.regime([[2.0]], rate) == {0.2: "fast", 0.05: "crawl", 1.1: "diverging"}[rate]


@pytest.fixture
def line_problem():
    data = gdcore.mountain_temperatures()
    return data, gdcore.mse_landscape(data.x, data.y)


def test_below_the_critical_rate_descent_lands_on_least_squares(line_problem):
    data, land = line_problem
    rate = 0.95 * gdcore.critical_learning_rate(land.hessian)
    run = gdcore.gradient_descent(
        lambda w: np.array(gdcore.mse_gradient(*w, data.x, data.y)), [0.0, 0.0], rate, 5000,
        loss=lambda w: gdcore.mse(*w, data.x, data.y),
    )
    assert run.status == "converged"
    np.testing.assert_allclose(run.final, gdcore.least_squares(data.x, data.y), atol=1e-7)
    assert run.losses[-1] == pytest.approx(land.value(land.minima[0]))


def test_above_the_critical_rate_descent_diverges_cleanly(line_problem):
    _, land = line_problem
    rate = 1.05 * gdcore.critical_learning_rate(land.hessian)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = gdcore.gradient_descent(land.gradient, [0.0, 0.0], rate, 5000, loss=land.value)
    assert run.status == "diverged"
    assert np.all(np.isfinite(run.path)) and np.all(np.isfinite(run.losses))
    assert run.losses[-1] > 1e6 * run.losses[0]  # it climbed far above where it began


def test_overflow_ends_the_run_without_warnings_or_non_finite_points():
    # A gradient that explodes: the run must stop at its last finite point, quietly.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = gdcore.gradient_descent(
            lambda w: np.exp(w**2), [1.0], 10.0, 100, divergence_factor=1e300
        )
    assert run.status == "diverged"
    assert np.all(np.isfinite(run.path))


def test_measured_contraction_matches_theory(line_problem):
    _, land = line_problem
    # Rates where one direction clearly dominates after 100 steps (near the wall the two
    # directions shrink at almost the same pace, and their mixture hides the slower one).
    for rate in (0.3 * gdcore.optimal_learning_rate(land.hessian),
                 gdcore.optimal_learning_rate(land.hessian),
                 0.99 * gdcore.critical_learning_rate(land.hessian)):
        run = gdcore.gradient_descent(land.gradient, [0.0, 0.0], rate, 200, tolerance=0)
        error = np.linalg.norm(run.path - land.minima[0], axis=1)
        measured = (error[200] / error[100]) ** (1 / 100)
        assert measured == pytest.approx(gdcore.contraction(land.hessian, rate), rel=1e-3)


def test_converged_run_stops_at_the_first_small_gradient():
    run = gdcore.gradient_descent(square_gradient, 1.0, 0.25, 100, tolerance=1e-3)
    assert run.status == "converged"
    assert run.gradient_norms[-1] <= 1e-3 < run.gradient_norms[-2]
    assert run.steps == len(run.path) - 1 == 11


def test_zero_steps_returns_the_start():
    run = gdcore.gradient_descent(square_gradient, [2.0, 1.0], 0.1, 0)
    assert run.path.shape == (1, 2) and run.status == "max_steps"


@given(
    start=st.floats(-1e3, 1e3, allow_nan=False),
    rate=st.floats(1e-4, 10.0, allow_nan=False),
    steps=st.integers(0, 300),
)
def test_any_run_on_the_square_ends_cleanly(start, rate, steps):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = gdcore.gradient_descent(square_gradient, start, rate, steps, tolerance=1e-6,
                                      loss=lambda w: float(w[0] ** 2))
    assert run.status in ("converged", "diverged", "max_steps")
    assert np.all(np.isfinite(run.path)) and np.all(np.isfinite(run.losses))
    assert run.path.shape == (run.steps + 1, 1) and run.steps <= steps
    if rate < 0.999 and start != 0:
        assert run.status != "diverged"
    if rate > 1.001 and abs(start) > 1e-6 and steps > 200:
        assert run.status == "diverged"


@pytest.mark.parametrize("bad, error", BAD_RATES)
def test_bad_learning_rate_is_named(bad, error):
    with pytest.raises(error, match="learning_rate"):
        gdcore.gradient_descent(square_gradient, 1.0, bad, 10)


@pytest.mark.parametrize("bad, error", BAD_COUNTS)
def test_bad_step_count_is_named(bad, error):
    with pytest.raises(error, match="steps"):
        gdcore.gradient_descent(square_gradient, 1.0, 0.1, bad)


def test_other_bad_arguments_are_named():
    with pytest.raises(TypeError, match="gradient must be a function"):
        gdcore.gradient_descent("2w", 1.0, 0.1, 10)
    with pytest.raises(ValueError, match="start must contain only finite"):
        gdcore.gradient_descent(square_gradient, np.nan, 0.1, 10)
    with pytest.raises(ValueError, match="start must not be empty"):
        gdcore.gradient_descent(square_gradient, [], 0.1, 10)
    with pytest.raises(ValueError, match="gradient must return an array of the start's shape"):
        gdcore.gradient_descent(lambda w: np.zeros(3), [1.0, 2.0], 0.1, 10)
    with pytest.raises(ValueError, match="tolerance"):
        gdcore.gradient_descent(square_gradient, 1.0, 0.1, 10, tolerance=-1)


def test_sweep_agrees_with_single_runs(line_problem):
    _, land = line_problem
    critical = gdcore.critical_learning_rate(land.hessian)
    rates = np.geomspace(0.01, 1.3, 25) * critical
    sweep = gdcore.learning_rate_sweep(land.gradient, [0.0, 0.0], rates, 400, tolerance=1e-6)
    for i, rate in enumerate(rates):
        run = gdcore.gradient_descent(land.gradient, [0.0, 0.0], rate, 400, tolerance=1e-6)
        assert (sweep.status[i], sweep.steps[i]) == (run.status, run.steps)
        np.testing.assert_allclose(sweep.final[i], run.final, rtol=1e-9)
    assert set(sweep.status) == {"converged", "diverged", "max_steps"}


def test_sweep_steps_are_fewest_near_the_optimal_rate(line_problem):
    _, land = line_problem
    rates = np.geomspace(0.05, 1.0, 400) * gdcore.critical_learning_rate(land.hessian)
    sweep = gdcore.learning_rate_sweep(land.gradient, [0.0, 0.0], rates, 5000, tolerance=1e-8)
    best = rates[np.argmin(np.where(sweep.status == "converged", sweep.steps, np.inf))]
    assert best == pytest.approx(gdcore.optimal_learning_rate(land.hessian), rel=0.05)


def test_sweep_overflow_stops_quietly():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sweep = gdcore.learning_rate_sweep(
            lambda W: np.exp(W**2), [1.0], [1e-3, 10.0], 50, divergence_factor=1e300
        )
    assert sweep.status[1] == "diverged" and np.all(np.isfinite(sweep.final))


def test_sweep_rejects_bad_rates():
    with pytest.raises(ValueError, match="learning_rates must all be positive"):
        gdcore.learning_rate_sweep(square_gradient, 1.0, [0.1, 0.0], 10)
    with pytest.raises(ValueError, match="learning_rates must contain only finite"):
        gdcore.learning_rate_sweep(square_gradient, 1.0, [0.1, np.inf], 10)
