"""Tests for gdcore.theory: what the Hessian predicts, checked against real runs."""

import numpy as np
import pytest
from hypothesis import assume, given
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
def test_regimes_are_in_order_and_the_best_rate_zig_zags(hessian):
    crawl_end, zig_zag_start, wall = gdcore.regime_boundaries(hessian)
    low, high = gdcore.curvatures(hessian)
    assert 0 < crawl_end <= zig_zag_start < wall
    assert zig_zag_start == pytest.approx(1 / high) and wall == pytest.approx(2 / high)
    assert crawl_end == pytest.approx(min(0.01 / low, 1 / high))
    if high > low * (1 + 1e-9):  # a round bowl's best rate lands on the floor in one step
        assert gdcore.regime(hessian, gdcore.optimal_learning_rate(hessian)) == "zig-zag"
    rates = np.geomspace(1e-3, 2, 200) * wall
    names = [gdcore.regime(hessian, r) for r in rates]
    order = [theory.REGIMES.index(n) for n in names]
    assert order == sorted(order)
    assert set(names) >= {"crawl", "zig-zag", "diverging"}


@given(bowls(), st.floats(1e-4, 3))
def test_each_regime_means_what_it_says_on_the_path(hessian, share):
    # Read the regime off a real walk, in the words of the definitions: along the steepest
    # direction, does a step cross the floor, and does it land nearer? Along the flattest,
    # how much of the distance left does a step take off?
    low, high = gdcore.curvatures(hessian)
    rate = share * 2 / high
    # Exactly on a boundary a step lands on the floor, or 1% off, to within rounding.
    assume(not np.isclose([share, share, rate * low], [0.5, 1.0, 0.01], rtol=1e-6).any())
    _, vectors = np.linalg.eigh(hessian)
    run = gdcore.gradient_descent(lambda w: hessian @ w, vectors.sum(axis=1), rate, 3,
                                  tolerance=0.0)
    flat, steep = (run.path @ vectors).T  # the coordinates along the eigen-directions
    crosses = bool(np.all(np.sign(steep[1:]) == -np.sign(steep[:-1])))
    nearer = bool(np.all(np.abs(steep[1:]) < np.abs(steep[:-1])))
    name = gdcore.regime(hessian, rate)
    assert crosses is (name in ("zig-zag", "diverging")), (name, steep)
    assert nearer is (name != "diverging"), (name, steep)
    if name in ("crawl", "smooth"):
        assert np.all(steep > 0) and np.all(flat > 0)  # one side, never crossing
        taken = 1 - flat[1] / flat[0]
        assert bool(taken < 0.01) is (name == "crawl"), (name, taken)


def test_on_the_square_the_bands_are_where_the_definitions_put_them():
    # f(w) = w², λ = 2: crawl below 0.005, smooth to 0.5, zig-zag to 1, diverging from 1.
    expected = [(0.001, "crawl"), (0.0049, "crawl"), (0.0051, "smooth"), (0.2, "smooth"),
                (0.5, "smooth"), (0.5001, "zig-zag"), (0.99, "zig-zag"), (1.0, "diverging"),
                (1.1, "diverging")]
    assert [(eta, gdcore.regime([[2.0]], eta)) for eta in dict(expected)] == expected


def test_a_walk_that_zig_zags_changes_sign_every_step_and_a_smooth_one_never_does():
    for rate, name in ((0.7, "zig-zag"), (0.3, "smooth")):
        assert gdcore.regime([[2.0]], rate) == name
        run = gdcore.gradient_descent(lambda w: 2 * w, 1.0, rate, 8, tolerance=0.0)
        signs = np.sign(run.path[:, 0])
        flips = np.all(signs[1:] == -signs[:-1])
        assert flips if name == "zig-zag" else np.all(signs == 1)


def test_regime_boundaries_are_where_the_names_change():
    hessian = gdcore.mse_hessian(gdcore.mountain_temperatures().x)
    crawl_end, zig_zag_start, wall = gdcore.regime_boundaries(hessian)
    assert gdcore.regime(hessian, 0.999 * crawl_end) == "crawl"
    assert gdcore.regime(hessian, 1.001 * crawl_end) == "smooth"
    assert gdcore.regime(hessian, zig_zag_start) == "smooth"
    assert gdcore.regime(hessian, 1.001 * zig_zag_start) == "zig-zag"
    assert gdcore.regime(hessian, 0.999 * wall) == "zig-zag"
    assert gdcore.regime(hessian, wall) == "diverging"


def test_the_lesson_rates_on_the_mountain_data_fall_where_notebook_04_says():
    # λmin = 0.3698, λmax = 11.4487: crawl below 0.0270, smooth to 0.0873, zig-zag to 0.1747.
    hessian = gdcore.mse_hessian(gdcore.mountain_temperatures().x)
    bounds = gdcore.regime_boundaries(hessian)
    assert [f"{b:.4f}" for b in bounds] == ["0.0270", "0.0873", "0.1747"]
    names = {eta: gdcore.regime(hessian, eta)
             for eta in (0.02, 0.05, 0.1, 0.15, 0.1692, 0.173, 0.18)}
    assert names == {0.02: "crawl", 0.05: "smooth", 0.1: "zig-zag", 0.15: "zig-zag",
                     0.1692: "zig-zag", 0.173: "zig-zag", 0.18: "diverging"}


def test_a_flat_direction_crawls_all_the_way_to_the_zig_zag():
    hessian = [[0.0, 0.0], [0.0, 2.0]]
    assert gdcore.regime_boundaries(hessian) == (0.5, 0.5, 1.0)
    assert [gdcore.regime(hessian, eta) for eta in (0.1, 0.5, 0.6)] == [
        "crawl", "crawl", "zig-zag"]


def test_every_regime_has_one_meaning_that_names_what_the_path_shows():
    assert tuple(theory.REGIME_MEANINGS) == theory.REGIMES
    assert all(m and "." not in m for m in theory.REGIME_MEANINGS.values())
    assert "1%" in theory.REGIME_MEANINGS["crawl"] and "1%" in theory.REGIME_MEANINGS["smooth"]
    assert "crosses" in theory.REGIME_MEANINGS["zig-zag"]
    assert "crosses" in theory.REGIME_MEANINGS["diverging"]


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
    assert gdcore.regime(2, 0.95) == "zig-zag"


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


def test_a_rate_on_a_border_up_to_rounding_counts_as_on_it():
    # Standardised data: λmax comes out as 2 plus a rounding error, and the best rate 0.5 of
    # a round bowl lands on the floor in one step: smooth, not zig-zag.
    z = gdcore.standardize(gdcore.mountain_temperatures().x)[0]
    hessian = gdcore.mse_hessian(z)
    assert gdcore.regime(hessian, gdcore.optimal_learning_rate(hessian)) == "smooth"
    assert gdcore.regime(hessian, 0.5 * (1 + 1e-9)) == "zig-zag"
    assert gdcore.regime(hessian, 1.0) == "diverging"


@given(bowls())
def test_principal_directions_are_unit_eigenvectors_flattest_first(hessian):
    directions = gdcore.principal_directions(hessian)
    low, high = gdcore.curvatures(hessian)
    np.testing.assert_allclose(directions @ directions.T, np.eye(2), atol=1e-12)
    # H v = λ v, in the order of curvatures: each row is stretched by its own eigenvalue.
    scale = max(high, 1.0)
    np.testing.assert_allclose(hessian @ directions[0], low * directions[0], atol=1e-9 * scale)
    np.testing.assert_allclose(hessian @ directions[1], high * directions[1],
                               atol=1e-9 * scale)
    lead = [row[np.flatnonzero(np.abs(row) > 1e-9)[0]] for row in directions]
    assert all(value > 0 for value in lead)


def test_principal_directions_of_the_line_split_a_step_into_two_factors():
    # Along each direction a step of gradient descent multiplies the error by 1 - ηλ:
    # measured on a real walk, not taken from the formula.
    data = gdcore.mountain_temperatures()
    land = gdcore.mse_landscape(data.x, data.y)
    directions = gdcore.principal_directions(land.hessian)
    run = gdcore.gradient_descent(land.gradient, [0.0, 0.0], 0.15, steps=10, tolerance=0)
    components = (run.path - land.minima[0]) @ directions.T
    factors = 1 - 0.15 * np.array(gdcore.curvatures(land.hessian))
    np.testing.assert_allclose(components[1:] / components[:-1],
                               np.tile(factors, (10, 1)), rtol=1e-9)


def test_principal_directions_keep_their_sign_and_name_bad_input():
    np.testing.assert_array_equal(gdcore.principal_directions([[1.0, 0.0], [0.0, 3.0]]),
                                  np.eye(2))
    np.testing.assert_array_equal(gdcore.principal_directions(2.0), [[1.0]])
    with pytest.raises(ValueError, match=r"^hessian must be symmetric"):
        gdcore.principal_directions([[1.0, 2.0], [0.0, 1.0]])
    with pytest.raises(ValueError, match=r"^hessian has a negative eigenvalue"):
        gdcore.principal_directions([[1.0, 0.0], [0.0, -1.0]])
