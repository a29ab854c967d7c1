"""Tests for gdcore.landscapes: every mountain's gradient is its slope, its minima are minima and
its coordinates have names; basins label each start as the plain loop of steps does."""

import inspect

import numpy as np
import pytest

import gdcore
from gdcore import landscapes


def made_from_nothing():
    """Every public function of gdcore.landscapes that makes a Landscape when called with no
    arguments: a new landscape is tested here without anyone having to list it."""
    found = []
    for name in landscapes.__all__:
        make = getattr(landscapes, name)
        if isinstance(make, type) or not callable(make):
            continue
        parameters = inspect.signature(make).parameters.values()
        if all(p.default is not p.empty for p in parameters):
            if isinstance(make(), landscapes.Landscape):
                found.append(make)
    return found


FACTORIES = made_from_nothing()
LINE = gdcore.mountain_temperatures()
LANDSCAPES = [
    *(make() for make in FACTORIES),
    # Made from arguments: other settings, other modules, slices.
    gdcore.bowl(50.0),
    gdcore.mse_landscape(LINE.x, LINE.y),
    gdcore.section(gdcore.valleys(), [0.0, 4.0], 1),
    gdcore.section(gdcore.mse_landscape(LINE.x, LINE.y), [0.0, 0.0], 0),
]


def test_the_landscapes_are_found_in_the_module():
    names = {make.__name__ for make in FACTORIES}
    assert {"mountain_profile", "valley_profile", "bowl", "valleys"} <= names
    assert names.isdisjoint({"basins", "section"})  # these need arguments


@pytest.fixture(params=LANDSCAPES, ids=lambda land: land.name)
def land(request):
    return request.param


def test_gradient_agrees_with_finite_differences(land):
    rng = np.random.default_rng(0)
    low, high = land.window.T
    for w in rng.uniform(low, high, size=(20, land.dimension)):
        numeric = gdcore.numerical_gradient(land.value, w)
        np.testing.assert_allclose(land.gradient(w), numeric, rtol=1e-6, atol=1e-6)


def test_value_and_gradient_work_on_stacks(land):
    grid = np.zeros((3, 4, land.dimension))
    assert land.value(grid).shape == (3, 4)
    assert land.gradient(grid).shape == (3, 4, land.dimension)


def test_minima_are_minima_inside_the_window(land):
    low, high = land.window.T
    for w in land.minima:
        assert np.all((low < w) & (w < high))
        np.testing.assert_allclose(land.gradient(w), 0, atol=1e-8)
        for step in 1e-3 * np.eye(land.dimension):
            assert land.value(w + step) > land.value(w) < land.value(w - step)
    values = land.value(land.minima)
    assert np.all(values[0] <= values + 1e-12)  # the global minimum comes first


@pytest.mark.parametrize("land", [land for land in LANDSCAPES if land.hessian is not None],
                         ids=lambda land: land.name)
def test_hessian_of_a_quadratic_agrees_with_the_gradient(land):
    columns = [
        gdcore.numerical_gradient(lambda w, i=i: land.gradient(w)[i], np.ones(land.dimension))
        for i in range(land.dimension)
    ]
    np.testing.assert_allclose(np.array(columns), land.hessian, rtol=1e-6)


def test_mountain_walk_reaches_the_valley_and_a_huge_step_diverges():
    land = gdcore.mountain_profile()
    good = gdcore.gradient_descent(land.gradient, -4.0, 0.5, 500)
    assert good.status == "converged"
    assert good.final[0] == pytest.approx(land.minima[0, 0], abs=1e-6)
    assert gdcore.gradient_descent(land.gradient, -4.0, 5.0, 500).status == "diverged"


def test_mountain_profile_has_a_shoulder_and_no_summit():
    # The docstring's story: one stationary point (the floor, at 1.002); the bump on the left
    # eases the slope to about -0.54 near x = -2.6 without making it zero.
    land = gdcore.mountain_profile()
    x = np.linspace(*land.window[0], 200_001)
    slope = land.gradient(x[:, None])[:, 0]
    crossings = x[:-1][np.sign(slope[:-1]) != np.sign(slope[1:])]
    assert crossings == pytest.approx([1.002], abs=1e-3)
    left = x < 0
    assert slope[left].max() == pytest.approx(-0.54, abs=0.005)
    assert x[left][np.argmax(slope[left])] == pytest.approx(-2.6, abs=0.05)
    # The formula the docstring gives.
    np.testing.assert_allclose(land.value(x[:, None]),
                               0.25 * (x - 1) ** 2 + 1.5 * np.exp(-((x + 2) ** 2)))


def test_the_deepest_valley_is_the_narrowest():
    land = gdcore.valley_profile()
    curvatures = [gdcore.numerical_hessian(land.gradient, floor)[0, 0] for floor in land.minima]
    assert np.argmax(curvatures) == 0
    assert curvatures == pytest.approx([15.97, 0.742, 1.658], abs=0.01)


def test_valley_profile_has_three_valleys_and_the_start_decides():
    land = gdcore.valley_profile()
    assert len(land.minima) == 3
    ends = {round(gdcore.gradient_descent(land.gradient, x0, 0.05, 2000).final[0], 2)
            for x0 in (-4.5, 0.5, 4.8)}
    assert ends == set(np.round(land.minima[:, 0], 2))


def test_valleys_has_four_minima_reached_from_four_corners():
    land = gdcore.valleys()
    ends = [gdcore.gradient_descent(land.gradient, start, 0.01, 5000).final
            for start in ([4, 4], [-4, 4], [-4, -4], [4, -4])]
    np.testing.assert_allclose(np.array(ends), land.minima, atol=1e-6)


def test_the_slope_of_the_four_valleys_is_the_formula_to_the_last_bit():
    # The gradient is written in place for speed; each number must still be the formula's.
    w = np.random.default_rng(2).normal(scale=[[4.0, 4.0]], size=(500, 2))
    u, v = w[:, 0], w[:, 1]
    a, b = u**2 + v - 11, u + v**2 - 7
    np.testing.assert_array_equal(gdcore.valleys().gradient(w),
                                  np.stack([4 * u * a + 2 * b, 2 * a + 4 * v * b], axis=-1) / 10)
    np.testing.assert_array_equal(gdcore.valleys().gradient(w[7]),
                                  gdcore.valleys().gradient(w)[7])


def test_bowl_rejects_a_condition_number_below_one():
    with pytest.raises(ValueError, match="condition_number must be at least 1"):
        gdcore.bowl(0.5)
    with pytest.raises(TypeError, match="condition_number"):
        gdcore.bowl("10")


def test_a_large_step_cannot_settle_in_the_narrow_deep_valley():
    land = gdcore.valley_profile()
    deepest, wide = land.minima[0, 0], land.minima[1, 0]
    small = gdcore.gradient_descent(land.gradient, 2.0, 0.05, 3000)
    large = gdcore.gradient_descent(land.gradient, 2.0, 0.6, 3000)
    assert small.final[0] == pytest.approx(deepest, abs=1e-6)
    assert large.final[0] == pytest.approx(wide, abs=1e-6)
    # The theory says why: 0.6 is past the deepest valley's wall, not past the wide one's.
    walls = [gdcore.critical_learning_rate(gdcore.numerical_hessian(land.gradient, floor))
             for floor in (land.minima[0], land.minima[1])]
    assert walls[0] < 0.6 < walls[1]


# ---------------------------------------------------------------------------------------------
# Points with the wrong number of coordinates; slices that have valleys.

@pytest.mark.parametrize("make", FACTORIES, ids=lambda f: f.__name__)
def test_a_point_with_the_wrong_number_of_coordinates_is_named(make):
    land = make()
    d = land.dimension
    wrong = np.zeros(d + 1)
    for function in (land.value, land.gradient):
        with pytest.raises(ValueError, match=rf"has {d} coordinates?\b.*shape \(\.\.\., {d}\)"):
            function(wrong)
    with pytest.raises(ValueError, match=rf"has {d} coordinate"):
        gdcore.gradient_descent(land.gradient, wrong, 0.01, 10)
    with pytest.raises(ValueError, match=rf"^starts must be a stack of points with {d}"):
        gdcore.basins(land, wrong, 0.01, 10)


SLICES = [
    (gdcore.valleys, [0.0, 0.0], 0, None),
    (gdcore.valleys, [0.0, 4.0], 1, None),
    (gdcore.valleys, [3.0, 2.0], 0, 1.0),
    (lambda: gdcore.bowl(4.0), [1.0, 0.5], 1, None),
    (gdcore.valley_profile, [0.0], 0, None),
]


@pytest.mark.parametrize("make, point, axis, half_width", SLICES)
def test_a_slice_knows_its_valley_floors(make, point, axis, half_width):
    piece = gdcore.section(make(), point, axis, half_width)
    assert len(piece.minima) >= 1
    (low, high), floors = piece.window[0], piece.minima[:, 0]
    assert np.all((low <= floors) & (floors <= high))
    np.testing.assert_allclose(piece.gradient(piece.minima), 0.0, atol=1e-9)
    # Each is a floor (lower than either side), and the deepest comes first.
    for floor in floors:
        assert piece.value([floor]) < min(piece.value([floor - 1e-3]), piece.value([floor + 1e-3]))
    assert np.all(np.diff(piece.value(piece.minima)) >= 0)


def test_a_slice_of_a_one_variable_landscape_has_its_minima():
    land = gdcore.valley_profile()
    piece = gdcore.section(land, [0.0], 0)
    np.testing.assert_allclose(piece.minima, land.minima, atol=1e-7)


def test_a_slice_with_no_floor_in_its_window_has_none():
    piece = gdcore.section(gdcore.bowl(), [1.0, 1.0], 0, half_width=0.5)  # from 0.5 to 1.5
    assert piece.minima.shape == (0, 1)
    assert gdcore.basins(piece, [[1.0]], 0.1, 10).tolist() == [-1]


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"point": [1.0]}, ValueError, "^point must have 2 coordinates"),
        ({"point": None}, TypeError, "^point"),
        ({"axis": 1.0}, TypeError, "^axis"),
        ({"axis": 2}, ValueError, "^axis"),
        ({"half_width": -1.0}, ValueError, "^half_width"),
    ],
)
def test_section_names_bad_input(kwargs, error, match):
    arguments = {"landscape": gdcore.valleys(), "point": [0.0, 0.0], "axis": 0, **kwargs}
    with pytest.raises(error, match=match):
        gdcore.section(**arguments)


# ---------------------------------------------------------------------------------------------
# Basins: the labels of the plain loop basins ran before it walked by descent_from_starts.


def plain_loop_basins(landscape, starts, learning_rate, steps, radius=0.05):
    """Every start takes all `steps` steps, overflow and all; then the nearest minimum."""
    w = np.array(starts, dtype=float).reshape(-1, landscape.dimension)
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            w -= learning_rate * landscape.gradient(w)
        distances = np.linalg.norm(w[:, None, :] - landscape.minima[None, :, :], axis=-1)
    nearest = np.argmin(np.nan_to_num(distances, nan=np.inf), axis=1)
    reached = np.take_along_axis(distances, nearest[:, None], axis=1)[:, 0] < radius
    return np.where(reached, nearest, -1).reshape(np.shape(starts)[:-1])


@pytest.mark.parametrize("rate", [0.01, 0.15, 0.25, 0.5])  # 0.15: some walks stop dead on a
def test_basins_labels_as_the_plain_loop_does(rate):  # zero slope; 0.25 and 0.5: overflows
    land = gdcore.valleys()
    sides = [np.linspace(*land.window[i], 90) for i in range(2)]
    grid = np.stack(np.meshgrid(*sides), axis=-1)
    labels = gdcore.basins(land, grid, rate, 200)
    assert labels.shape == (90, 90)
    np.testing.assert_array_equal(labels, plain_loop_basins(land, grid, rate, 200))


def test_basins_of_odd_starts_as_the_plain_loop_does():
    # A minimum itself (a slope of exactly zero), a start whose slope overflows at once, a
    # start next to the summit, where the slope grows a million times before it settles.
    land = gdcore.valleys()
    starts = [[3.0, 2.0], [1e200, 0.0], [-0.270845, -0.923039], [4.0, 4.0]]
    labels = gdcore.basins(land, starts, 0.01, 2000)
    np.testing.assert_array_equal(labels, plain_loop_basins(land, starts, 0.01, 2000))
    assert labels[0] == 0 and labels[1] == -1 and labels[2] != -1


# ---------------------------------------------------------------------------------------------
# Labels: each coordinate's name, for the axes of the pictures.


def test_every_landscape_names_each_coordinate(land):
    assert isinstance(land.labels, tuple) and len(land.labels) == land.dimension
    assert all(isinstance(label, str) and label for label in land.labels)


def test_labels_by_default_and_for_the_line():
    assert gdcore.mountain_profile().labels == gdcore.valley_profile().labels == ("position x",)
    assert gdcore.bowl().labels == gdcore.valleys().labels == ("w₁", "w₂")
    data = gdcore.mountain_temperatures()
    assert gdcore.mse_landscape(data.x, data.y).labels == ("slope m", "intercept b")


@pytest.mark.parametrize("axis", [0, 1])
def test_a_slice_keeps_the_label_of_its_coordinate(axis):
    data = gdcore.mountain_temperatures()
    line = gdcore.mse_landscape(data.x, data.y)
    assert gdcore.section(line, line.minima[0], axis).labels == (line.labels[axis],)
    assert gdcore.section(gdcore.valleys(), [0.0, 0.0], axis).labels == (("w₁", "w₂")[axis],)


@pytest.mark.parametrize(
    "labels, error, match",
    [
        (("a",), ValueError, r"^labels must name each of the 2 coordinates, got 1 label$"),
        (("a", "b", "c"), ValueError, r"^labels must name each of the 2 coordinates, got 3"),
        ("ab", TypeError, r"^labels must be a tuple of 2 strings"),
        (("a", 2), TypeError, r"^labels must be a tuple of 2 strings"),
        (2, TypeError, r"^labels must be a tuple of 2 strings"),
    ],
)
def test_bad_labels_are_named(labels, error, match):
    bowl = gdcore.bowl()
    with pytest.raises(error, match=match):
        gdcore.Landscape("bowl", bowl.value, bowl.gradient, bowl.minima, bowl.window,
                         labels=labels)
