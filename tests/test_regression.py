"""Tests for gdcore.regression: the loss of a line, its derivatives and its minimum."""

import tracemalloc

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import BAD_DATA, line_data

import gdcore
from gdcore import regression as reg


def test_least_squares_of_exact_line_is_that_line():
    m, b = gdcore.least_squares([0, 1, 2], [1, 3, 5])
    assert (m, b) == (2.0, 1.0)
    assert type(m) is float and type(b) is float


@given(line_data())
def test_gradient_agrees_with_finite_differences(data):
    x, y = data
    w = np.array([0.7, -1.3])
    analytic = gdcore.mse_gradient(*w, x, y)
    numeric = gdcore.numerical_gradient(lambda v: gdcore.mse(*v, x, y), w)
    scale = 1 + np.abs(numeric).max()
    np.testing.assert_allclose(analytic, numeric, atol=1e-5 * scale)


@given(line_data())
def test_gradient_vanishes_at_least_squares(data):
    x, y = data
    m, b = gdcore.least_squares(x, y)
    scale = 1 + np.abs(gdcore.mse_gradient(0.0, 0.0, x, y)).max() * (1 + np.abs(x).max())
    assert np.abs(gdcore.mse_gradient(m, b, x, y)).max() < 1e-9 * scale


@given(line_data())
def test_least_squares_is_no_worse_than_nearby_lines(data):
    x, y = data
    m, b = gdcore.least_squares(x, y)
    best = gdcore.mse(m, b, x, y)
    for dm, db in [(1e-3, 0), (-1e-3, 0), (0, 1e-3), (0, -1e-3)]:
        assert gdcore.mse(m + dm, b + db, x, y) >= best - 1e-9 * (1 + best)


@given(line_data())
def test_hessian_agrees_with_differences_of_the_gradient(data):
    x, y = data
    numeric = np.column_stack([
        gdcore.numerical_gradient(lambda v, i=i: gdcore.mse_gradient(*v, x, y)[i], [0.3, 0.4])
        for i in range(2)
    ])
    hessian = gdcore.mse_hessian(x)
    np.testing.assert_allclose(numeric, hessian, rtol=1e-4, atol=1e-4)


def test_loss_and_gradient_broadcast_over_a_grid_of_lines():
    data = gdcore.noisy_line(10)
    M, B = np.meshgrid(np.linspace(0, 3, 4), np.linspace(-1, 1, 3))
    losses = gdcore.mse(M, B, data.x, data.y)
    dm, db = gdcore.mse_gradient(M, B, data.x, data.y)
    assert losses.shape == dm.shape == db.shape == (3, 4)
    i, j = 2, 1
    assert losses[i, j] == pytest.approx(gdcore.mse(M[i, j], B[i, j], data.x, data.y))
    assert dm[i, j] == pytest.approx(gdcore.mse_gradient(M[i, j], B[i, j], data.x, data.y)[0])


def test_landscape_matches_the_functions_it_wraps():
    data = gdcore.mountain_temperatures()
    land = gdcore.mse_landscape(data.x, data.y)
    points = np.array([[0.0, 0.0], [-6.0, 18.0], [3.0, -2.0]])
    np.testing.assert_allclose(
        land.gradient(points), np.column_stack(gdcore.mse_gradient(*points.T, data.x, data.y))
    )
    np.testing.assert_allclose(land.value(points), gdcore.mse(*points.T, data.x, data.y))
    np.testing.assert_allclose(land.minima[0], gdcore.least_squares(data.x, data.y))
    low, high = land.window.T
    assert np.all((low < land.minima[0]) & (land.minima[0] < high))


@pytest.mark.parametrize("bad, error", BAD_DATA)
@pytest.mark.parametrize(
    "call",
    [
        lambda v: gdcore.mse(1.0, 0.0, v, v),
        lambda v: gdcore.mse_gradient(1.0, 0.0, [1.0, 2.0], v),
        lambda v: gdcore.least_squares(v, [1.0, 2.0]),
        lambda v: gdcore.mse_hessian(v),
        lambda v: gdcore.predict(1.0, 0.0, v),
    ],
)
def test_bad_data_gets_a_clear_error(call, bad, error):
    with pytest.raises(error, match=r"\b(x|y)\b"):
        call(bad)


def test_mismatched_lengths_are_named():
    with pytest.raises(ValueError, match="x and y must have the same length, got 3 and 2"):
        gdcore.mse(1.0, 0.0, [1, 2, 3], [1, 2])


@pytest.mark.parametrize("bad", [np.nan, np.inf, "a", [np.nan, 1.0]])
def test_bad_slope_or_intercept_gets_a_clear_error(bad):
    with pytest.raises((ValueError, TypeError), match=r"^m "):
        gdcore.mse(bad, 0.0, [1, 2], [1, 2])


def test_constant_x_cannot_determine_a_line():
    with pytest.raises(ValueError, match="x must take at least two different values"):
        gdcore.least_squares([2.0, 2.0, 2.0], [1.0, 2.0, 3.0])


# The gradient on a batch of the data, for stochastic descent.


@given(line_data())
def test_batch_gradient_on_every_point_is_the_full_gradient(data):
    x, y = data
    w = np.array([0.7, -1.3])
    batch_gradient = reg.mse_batch_gradient(x, y)
    np.testing.assert_allclose(batch_gradient(w, np.arange(len(x))), gdcore.mse_gradient(*w, x, y),
                               rtol=1e-12, atol=1e-12)


@given(line_data(min_size=3))
def test_batch_gradient_is_the_gradient_on_the_batch_alone(data):
    x, y = data
    w, batch = np.array([0.3, 2.0]), np.array([2, 0])
    np.testing.assert_allclose(reg.mse_batch_gradient(x, y)(w, batch),
                               gdcore.mse_gradient(*w, x[batch], y[batch]), rtol=1e-12, atol=1e-12)


def test_full_gradient_is_the_mean_of_the_single_point_gradients():
    data = gdcore.noisy_line(12)
    batch_gradient = reg.mse_batch_gradient(data.x, data.y)
    singles = [batch_gradient([1.0, 0.5], [i]) for i in range(12)]
    np.testing.assert_allclose(np.mean(singles, axis=0),
                               batch_gradient([1.0, 0.5], np.arange(12)), rtol=1e-12)


@pytest.mark.parametrize("bad, error", BAD_DATA)
def test_batch_gradient_names_bad_data(bad, error):
    with pytest.raises(error, match=r"^x"):
        reg.mse_batch_gradient(bad, [1.0, 2.0])


def test_batch_gradient_rejects_an_empty_batch():
    with pytest.raises(ValueError, match=r"^indices"):
        reg.mse_batch_gradient([0.0, 1.0], [1.0, 2.0])([0.0, 0.0], [])


# 24 points, so the indices that name one are 0 to 23.
TWENTY_FOUR = reg.mse_batch_gradient(np.arange(24.0), 2 * np.arange(24.0) + 1)


@pytest.mark.parametrize(
    "indices, error, message",
    [
        pytest.param([0.0, 1.5], TypeError, r"whole numbers between 0 and 23, got float",
                     id="fractions"),
        pytest.param([0.0, 1.0], TypeError, r"whole numbers between 0 and 23, got float",
                     id="whole floats"),
        pytest.param([3, 24], ValueError, r"whole numbers between 0 and 23, got 24",
                     id="one past the end"),
        pytest.param([3, -1], ValueError, r"whole numbers between 0 and 23, got -1",
                     id="negative, which would wrap around to the end"),
        pytest.param(np.array([-24]), ValueError, r"between 0 and 23, got -24",
                     id="negative, the first point from the end"),
        pytest.param([], ValueError, r"name at least one data point", id="empty list"),
        pytest.param(np.array([], dtype=int), ValueError, r"name at least one data point",
                     id="empty integer array"),
        pytest.param([True, False] * 12, TypeError, r"not booleans.*np\.flatnonzero",
                     id="a boolean mask of the right length"),
        pytest.param([True, False], TypeError, r"not booleans", id="a short boolean mask"),
        pytest.param(True, TypeError, r"not booleans", id="one boolean"),
        pytest.param([[0, 1], [2, 3]], ValueError, r"1-dimensional.*shape \(2, 2\)",
                     id="2-D"),
        pytest.param(None, TypeError, r"got None", id="None"),
        pytest.param("1", TypeError, r"not a string", id="string"),
        pytest.param([[1], [1, 2]], TypeError, r"ragged", id="ragged"),
        pytest.param([1, None], TypeError, r"between 0 and 23", id="None among them"),
        pytest.param([1j], TypeError, r"between 0 and 23", id="complex"),
    ],
)
def test_batch_gradient_names_bad_indices(indices, error, message):
    with pytest.raises(error, match=rf"^indices (must|are).*{message}"):
        TWENTY_FOUR([0.0, 0.0], indices)


@pytest.mark.parametrize(
    "w, error, message",
    [
        pytest.param([0.0, 0.0, 0.0], ValueError, r"\(m, b\).*shape \(3,\)", id="three"),
        pytest.param([0.0], ValueError, r"\(m, b\).*shape \(1,\)", id="one"),
        pytest.param(0.0, ValueError, r"\(m, b\).*shape \(\)", id="a number"),
        pytest.param([[0.0, 0.0], [0.0, 0.0]], ValueError, r"\(m, b\).*shape \(2, 2\)",
                     id="2 x 2"),
        pytest.param([np.nan, 0.0], ValueError, r"finite", id="NaN"),
        pytest.param(np.array([0.0, np.nan]), ValueError, r"finite", id="NaN in an array"),
        pytest.param([0.0, np.inf], ValueError, r"finite", id="inf"),
        pytest.param(np.array([-np.inf, 1.0]), ValueError, r"finite", id="-inf in an array"),
        pytest.param("ab", TypeError, r"not a string", id="string"),
        pytest.param(None, TypeError, r"got None", id="None"),
        pytest.param([1.0, "a"], TypeError, r"number", id="a string among them"),
    ],
)
def test_batch_gradient_names_a_bad_line(w, error, message):
    with pytest.raises(error, match=rf"^w .*{message}"):
        TWENTY_FOUR(w, [0, 1])


@given(
    n=st.integers(1, 30),
    valid=st.lists(st.integers(0, 29), max_size=5),
    bad=st.integers(-(2**62), -1) | st.integers(30, 2**62),
    dtype=st.sampled_from([np.int64, np.int32, np.intp]),
    where=st.integers(0, 5),
)
def test_any_index_outside_the_data_is_refused(n, valid, bad, dtype, where):
    """Wherever the stray index sits in the batch, and however far out it is."""
    batch = [i % n for i in valid]
    batch.insert(where % (len(batch) + 1), bad if bad < 0 else n - 1 + (bad - 29))
    if dtype is np.int32:
        batch = [int(np.clip(i, -(2**31), 2**31 - 1)) for i in batch]
    batch_gradient = reg.mse_batch_gradient(np.arange(n, dtype=float), np.ones(n))
    with pytest.raises(ValueError, match=rf"^indices must be whole numbers between 0 and {n - 1}"):
        batch_gradient([1.0, 0.0], np.array(batch, dtype=dtype))


@given(line_data(min_size=3), st.sampled_from([np.int8, np.uint8, np.int32, np.uint64, list]))
def test_any_kind_of_whole_number_names_the_same_batch(data, kind):
    x, y = data
    w, batch = np.array([0.3, 2.0]), [2, 0, 2]  # a point may be drawn twice
    indices = batch if kind is list else np.array(batch, dtype=kind)
    np.testing.assert_allclose(reg.mse_batch_gradient(x, y)(w, indices),
                               gdcore.mse_gradient(*w, x[batch], y[batch]), rtol=1e-12,
                               atol=1e-12)


def test_a_single_index_is_a_batch_of_one():
    for index in (5, np.int64(5), np.array(5)):
        np.testing.assert_array_equal(TWENTY_FOUR((1.0, 0.0), index),
                                      TWENTY_FOUR((1.0, 0.0), [5]))


def test_the_batch_gradient_knows_how_many_points_it_was_made_from():
    assert TWENTY_FOUR.n == 24


# ---------------------------------------------------------------------------------------------
# Odd data named; grids of lines that cost memory for the grid only.


@pytest.mark.parametrize(
    "call",
    [
        lambda v: gdcore.mse(1.0, 0.0, v, [1.0, 2.0]),
        lambda v: gdcore.mse_gradient(1.0, 0.0, v, [1.0, 2.0]),
        lambda v: gdcore.least_squares(v, [1.0, 2.0]),
        lambda v: gdcore.mse_landscape(v, [1.0, 2.0]),
    ],
)
def test_none_as_data_is_named_not_called_nan(call):
    with pytest.raises(TypeError, match=r"^x must be a number or an array of numbers, got None$"):
        call(None)


def test_a_column_of_data_is_refused_with_a_hint():
    with pytest.raises(ValueError, match=r"x must be 1-dimensional.*x\.ravel\(\)"):
        gdcore.mse(1.0, 0.0, [[1.0], [2.0]], [1.0, 2.0])


LANDSCAPE_DATA = {
    "noisy line": gdcore.noisy_line(50, seed=1),
    "another noisy line": gdcore.noisy_line(300, slope=-4.0, intercept=30.0, noise=3.0, seed=7),
    "an exact line": gdcore.noisy_line(10, noise=0.0),
    "temperatures": gdcore.mountain_temperatures(),
    "temperatures in metres": gdcore.mountain_temperatures(units="m"),
    "wavy curve": gdcore.datasets.wavy_curve(seed=3),
}


@pytest.mark.parametrize("data", LANDSCAPE_DATA.values(), ids=LANDSCAPE_DATA)
def test_the_landscape_from_sums_matches_the_direct_loss(data):
    land = gdcore.mse_landscape(data.x, data.y)
    (m_low, m_high), (b_low, b_high) = land.window
    M, B = np.meshgrid(np.linspace(m_low, m_high, 41), np.linspace(b_low, b_high, 37))
    M, B = np.append(M, land.minima[0, 0]), np.append(B, land.minima[0, 1])  # and the floor
    direct = np.array([np.mean((data.y - (m * data.x + b)) ** 2)
                       for m, b in zip(M, B, strict=True)])
    from_sums = land.value(np.stack([M, B], axis=-1))
    assert np.all(from_sums >= 0)
    np.testing.assert_allclose(from_sums, direct, rtol=0, atol=1e-9 * direct.max())


def _peak_bytes(call):
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_contour_grid_costs_memory_for_the_grid_not_the_data():
    data = gdcore.noisy_line(5000)
    land = gdcore.mse_landscape(data.x, data.y)
    M, B = np.meshgrid(np.linspace(0, 4, 200), np.linspace(-1, 3, 200))
    grid = np.stack([M, B], axis=-1)
    assert _peak_bytes(lambda: land.value(grid)) < 4e6
    # mse itself, on the same grid, takes the lines a block at a time.
    assert _peak_bytes(lambda: gdcore.mse(M, B, data.x, data.y)) < 8e6
    assert _peak_bytes(lambda: gdcore.mse_gradient(M, B, data.x, data.y)) < 8e6


@given(line_data())
def test_mse_in_blocks_is_mse_line_by_line(data):
    x, y = data
    M, B = np.meshgrid(np.linspace(-2, 2, 5), np.linspace(-3, 3, 4))
    original, reg._BLOCK = reg._BLOCK, 2 * len(x) + 1  # blocks of two lines, and a last one
    try:
        blocked = gdcore.mse(M, B, x, y), *gdcore.mse_gradient(M, B, x, y)
    finally:
        reg._BLOCK = original
    one_by_one = np.array([[gdcore.mse(m, b, x, y), *gdcore.mse_gradient(m, b, x, y)]
                           for m, b in zip(M.ravel(), B.ravel(), strict=True)])
    for got, expected in zip(blocked, one_by_one.T, strict=True):
        assert got.shape == M.shape
        np.testing.assert_array_equal(got.ravel(), expected)
