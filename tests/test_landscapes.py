"""Tests for gdcore.landscapes: every mountain's gradient is its slope, and its minima are
minima."""

import numpy as np
import pytest

import gdcore

LANDSCAPES = [
    gdcore.mountain_profile(),
    gdcore.valley_profile(),
    gdcore.bowl(),
    gdcore.bowl(50.0),
    gdcore.valleys(),
    gdcore.mse_landscape(gdcore.mountain_temperatures().x, gdcore.mountain_temperatures().y),
]


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
