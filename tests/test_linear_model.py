"""Tests for gdcore.linear_model: the vector form is the line form reordered, the gradient is
the slope, least squares recovers an exact polynomial, and standardised columns have mean 0 and
spread 1 (and round the bowl)."""

import numpy as np
import pytest
from hypothesis import assume, given
from strategies import BAD_DATA, line_data

import gdcore
from gdcore.linear_model import polynomial_design


@given(line_data(min_size=3))
def test_vector_form_is_the_line_form_reordered(data):
    x, y = data
    X = gdcore.add_intercept(x[:, None])
    b, m = 0.5, -0.25
    np.testing.assert_allclose(gdcore.linear_mse([b, m], X, y), gdcore.mse(m, b, x, y))
    dm, db = gdcore.mse_gradient(m, b, x, y)
    np.testing.assert_allclose(
        gdcore.linear_mse_gradient([b, m], X, y), [db, dm], rtol=1e-9, atol=1e-9
    )
    np.testing.assert_allclose(gdcore.linear_mse_hessian(X), gdcore.mse_hessian(x)[::-1, ::-1])
    np.testing.assert_allclose(
        gdcore.linear_least_squares(X, y), gdcore.least_squares(x, y)[::-1], atol=1e-6
    )


def test_polynomial_fit_recovers_an_exact_polynomial():
    x = np.linspace(-1, 1, 15)
    y = 1 - 2 * x + 0.5 * x**3
    w = gdcore.linear_least_squares(gdcore.polynomial_features(x, 3), y)
    np.testing.assert_allclose(w, [1, -2, 0, 0.5], atol=1e-10)


def test_linear_gradient_agrees_with_finite_differences():
    rng = np.random.default_rng(1)
    X, y, w = rng.normal(size=(12, 4)), rng.normal(size=12), rng.normal(size=4)
    numeric = gdcore.numerical_gradient(lambda v: gdcore.linear_mse(v, X, y), w)
    np.testing.assert_allclose(gdcore.linear_mse_gradient(w, X, y), numeric, rtol=1e-6)


def test_standardize_gives_zero_mean_unit_spread_and_inverts():
    X = np.column_stack([np.linspace(400, 3600, 9), np.linspace(-1, 1, 9) ** 2])
    z, mean, scale = gdcore.standardize(X)
    np.testing.assert_allclose(z.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(z.std(axis=0), 1)
    np.testing.assert_allclose(z * scale + mean, X)


def test_standardizing_rounds_the_bowl():
    metres = gdcore.mountain_temperatures(units="m").x
    z, _, _ = gdcore.standardize(metres)
    low, high = gdcore.curvatures(gdcore.mse_hessian(metres))
    low_z, high_z = gdcore.curvatures(gdcore.mse_hessian(z))
    assert high / low > 1e6 and high_z / low_z == pytest.approx(1.0)


def test_constant_feature_cannot_be_standardised():
    with pytest.raises(ValueError, match="constant column"):
        gdcore.standardize([[1.0, 2.0], [1.0, 3.0]])


@pytest.mark.parametrize("degree, error", [(0, ValueError), (2.0, TypeError), (-1, ValueError)])
def test_bad_degree(degree, error):
    with pytest.raises(error, match="degree"):
        gdcore.polynomial_features([1.0, 2.0], degree)


@pytest.mark.parametrize("bad, error", BAD_DATA)
def test_bad_data_for_polynomial_features_gets_a_clear_error(bad, error):
    with pytest.raises(error, match=r"\bx\b"):
        gdcore.polynomial_features(bad, 2)


def test_mismatched_shapes_are_named():
    with pytest.raises(ValueError, match="X and y"):
        gdcore.linear_mse([1.0], [[1.0], [2.0]], [1.0])
    with pytest.raises(ValueError, match="w must have one weight per column"):
        gdcore.linear_mse([1.0, 2.0], [[1.0], [2.0]], [1.0, 2.0])


# ---------------------------------------------------------------------------------------------
# The standardised polynomial design.


def recipe(x, degree, train_x):
    """The three lines the widgets, notebook 05 and a benchmark each wrote for themselves."""
    raw = gdcore.polynomial_features(train_x, degree)[:, 1:]
    _, mean, scale = gdcore.standardize(raw)
    return np.column_stack([np.ones(len(x)),
                            (gdcore.polynomial_features(x, degree)[:, 1:] - mean) / scale])


@pytest.mark.parametrize("degree", [1, 2, 3, 7])
def test_polynomial_design_is_the_recipe(degree):
    train_x = gdcore.wavy_curve().x
    grid = np.linspace(-4.0, 4.0, 50)
    np.testing.assert_array_equal(polynomial_design(train_x, degree), recipe(train_x, degree,
                                                                             train_x))
    np.testing.assert_array_equal(polynomial_design(grid, degree, reference=train_x),
                                  recipe(grid, degree, train_x))


@given(line_data(min_size=4))
def test_the_intercept_column_is_ones_and_the_powers_are_standardised(data):
    x, _ = data
    assume(np.ptp(x**2) > 1e-3)  # the square must vary (not so when x is only ±1, say)
    X = polynomial_design(x, 2)
    assert X.shape == (len(x), 3)
    np.testing.assert_array_equal(X[:, 0], 1.0)
    np.testing.assert_allclose(X[:, 1:].mean(axis=0), 0.0, atol=1e-9)
    np.testing.assert_allclose(X[:, 1:].std(axis=0), 1.0, rtol=1e-9)


def test_standardising_changes_the_weights_not_the_fitted_curve():
    data = gdcore.wavy_curve()
    grid = np.linspace(data.x.min(), data.x.max(), 30)
    raw = gdcore.linear_least_squares(gdcore.polynomial_features(data.x, 3), data.y)
    scaled = gdcore.linear_least_squares(polynomial_design(data.x, 3), data.y)
    np.testing.assert_allclose(polynomial_design(grid, 3, reference=data.x) @ scaled,
                               gdcore.polynomial_features(grid, 3) @ raw, atol=1e-9)


def test_standardised_powers_round_the_bowl():
    x = gdcore.wavy_curve().x  # from -3 to 3
    for degree in (2, 3, 5):
        low, high = gdcore.curvatures(gdcore.linear_mse_hessian(
            gdcore.polynomial_features(x, degree)))
        low_z, high_z = gdcore.curvatures(gdcore.linear_mse_hessian(polynomial_design(x, degree)))
        assert high_z / low_z < (high / low) / 10


@pytest.mark.parametrize(
    "arguments, error, match",
    [
        (([1.0, None], 2), TypeError, r"^x must be"),
        (([1.0, 2.0], 0), ValueError, r"^degree must be at least 1"),
        (([1.0, 2.0], 2.0), TypeError, r"^degree"),
        (([1.0, 2.0], 2, [1.0, np.nan]), ValueError, r"^reference must contain only finite"),
        (([1.0, 2.0], 2, "abc"), TypeError, r"^reference"),
        (([1.0, 2.0], 2, [[1.0, 2.0]]), ValueError, r"^reference must be 1-dimensional"),
        (([1.0, 1.0], 1), ValueError, r"^x must give every power from 1 to 1 .* power 1 is "),
        (([1.0, 2.0], 2, [-1.0, 1.0]), ValueError, r"^reference must give every power from 1 "
                                                   r"to 2 .* power 2 is constant"),
    ],
)
def test_polynomial_design_names_bad_arguments(arguments, error, match):
    with pytest.raises(error, match=match):
        polynomial_design(*arguments)


def test_descent_at_chosen_steps_is_the_loop_of_gradient_descent():
    # An independent walk: gdcore.gradient_descent's loop on linear_mse_gradient, from a
    # start that is not zero, at a rate of 1/λmax and at the best rate (which overshoots).
    X, y = polynomial_design(np.linspace(-1, 2, 9), 3), np.sin(np.linspace(-1, 2, 9))
    hessian = gdcore.linear_mse_hessian(X)
    start = [0.5, -1.0, 0.25, 2.0]
    for rate in (gdcore.critical_learning_rate(hessian) / 2,
                 gdcore.optimal_learning_rate(hessian)):
        loop = gdcore.gradient_descent(lambda w: gdcore.linear_mse_gradient(w, X, y), start,
                                       rate, 200, tolerance=0)
        steps = [200, 0, 1, 57, 57]
        at = gdcore.linear_mse_descent_at(X, y, rate, steps, start=start)
        assert at.shape == (5, 4)
        np.testing.assert_allclose(at, loop.path[steps], rtol=1e-9, atol=1e-12)


def test_descent_at_a_huge_step_count_reaches_least_squares():
    # The walk on a badly conditioned bowl (degree 9 on 12 points) needs far more steps than
    # a loop could take; the closed form reaches least squares' weights without overflow.
    x = np.linspace(-3, 3, 12)
    X, y = polynomial_design(x, 9), np.cos(x)
    rate = gdcore.critical_learning_rate(gdcore.linear_mse_hessian(X)) / 2
    far = gdcore.linear_mse_descent_at(X, y, rate, [10**15])[0]
    np.testing.assert_allclose(far, gdcore.linear_least_squares(X, y), rtol=1e-6, atol=1e-6)
    # And the training error never rises along the way at this rate (every 1 − ηλ ≥ 0).
    walk = gdcore.linear_mse_descent_at(X, y, rate, np.geomspace(1, 1e15, 60).round())
    losses = [gdcore.linear_mse(w, X, y) for w in walk]
    assert np.all(np.diff(losses) <= 1e-12)


@pytest.mark.parametrize(
    "arguments, error, match",
    [
        ((0.45, [1, 2]), ValueError, r"^learning_rate must be below the wall"),
        ((-0.1, [1]), ValueError, r"^learning_rate must be positive"),
        ((0.1, [1.5]), ValueError, r"^steps must hold whole numbers"),
        ((0.1, [-1]), ValueError, r"^steps must hold whole numbers"),
        ((0.1, [np.nan]), ValueError, r"^steps\b"),
        ((0.1, "ten"), TypeError, r"^steps\b"),
    ],
)
def test_descent_at_names_bad_arguments(arguments, error, match):
    X = gdcore.add_intercept([[0.0], [1.0], [2.0]])  # λmax about 4.8, so the wall is 0.42
    with pytest.raises(error, match=match):
        gdcore.linear_mse_descent_at(X, [1.0, 3.0, 5.0], *arguments)


def test_descent_at_names_a_start_of_the_wrong_length():
    with pytest.raises(ValueError, match=r"^start must have one weight per column"):
        gdcore.linear_mse_descent_at(gdcore.add_intercept([[0.0], [1.0]]), [0.0, 1.0], 0.1,
                                     [3], start=[1.0, 2.0, 3.0])


def test_slopes_slice_is_the_loss_with_the_intercept_at_its_best():
    # Against the loss computed directly, intercept fixed at the least-squares value.
    rng = np.random.default_rng(3)
    X = gdcore.add_intercept(rng.normal(size=(20, 2)) * [1000.0, 100.0])
    y = rng.normal(size=20)
    best = gdcore.linear_least_squares(X, y)
    bowl = gdcore.linear_mse_slopes_slice(X, y, 0.5, labels=("a", "b"))
    np.testing.assert_allclose(bowl.minima[0], best[1:])
    for v in rng.normal(size=(5, 2)) * 0.01 + best[1:]:
        direct = gdcore.linear_mse(np.concatenate([best[:1], v]), X, y)
        np.testing.assert_allclose(bowl.value(v), direct, rtol=1e-9)
        step = 1e-7
        numeric = [(bowl.value(v + e) - bowl.value(v - e)) / (2 * step)
                   for e in np.eye(2) * step]
        np.testing.assert_allclose(bowl.gradient(v), numeric, rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(bowl.window, np.column_stack([best[1:] - 0.5, best[1:] + 0.5]))


@pytest.mark.parametrize("args, match", [
    (([[1.0], [1.0]], [1.0, 2.0], 1.0), "^X must have an intercept column"),
    (([[1.0, 2.0], [1.0, 3.0]], [1.0, 2.0], -1.0), "half_width"),
    (([[1.0, 2.0], [1.0, 3.0]], [1.0, np.nan], 1.0), "^y"),
])
def test_slopes_slice_names_bad_input(args, match):
    with pytest.raises(ValueError, match=match):
        gdcore.linear_mse_slopes_slice(*args)
