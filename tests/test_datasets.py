"""Tests for gdcore.datasets: seeded, documented data with the promised shape."""

import numpy as np
import pytest

import gdcore


def test_same_seed_same_data_and_another_seed_differs():
    a, b = gdcore.mountain_temperatures(), gdcore.mountain_temperatures()
    np.testing.assert_array_equal(a.y, b.y)
    assert not np.array_equal(a.y, gdcore.mountain_temperatures(seed=1).y)


def test_mountain_temperatures_falls_about_the_lapse_rate():
    data = gdcore.mountain_temperatures(200)
    m, b = gdcore.least_squares(data.x, data.y)
    assert m == pytest.approx(-6.5, abs=0.5) and b == pytest.approx(18, abs=1)
    assert data.x.min() >= 0.4 and data.x.max() <= 3.6


def test_metres_are_kilometres_times_a_thousand():
    km, m = gdcore.mountain_temperatures(), gdcore.mountain_temperatures(units="m")
    np.testing.assert_allclose(m.x, 1000 * km.x)
    np.testing.assert_array_equal(m.y, km.y)
    assert m.x_label == "altitude (m)"


def test_noisy_line_without_noise_is_the_line():
    data = gdcore.noisy_line(10, slope=-1.5, intercept=4, noise=0)
    assert gdcore.least_squares(data.x, data.y) == pytest.approx((-1.5, 4))


@pytest.mark.parametrize(
    "call, error, name",
    [
        (lambda: gdcore.mountain_temperatures(1), ValueError, "n"),
        (lambda: gdcore.mountain_temperatures(2.0), TypeError, "n"),
        (lambda: gdcore.mountain_temperatures(units="ft"), ValueError, "units"),
        (lambda: gdcore.noisy_line(noise=-1), ValueError, "noise"),
        (lambda: gdcore.noisy_line(noise=np.nan), ValueError, "noise"),
    ],
)
def test_bad_arguments_are_named(call, error, name):
    with pytest.raises(error, match=rf"^{name}\b"):
        call()


def test_wavy_curve_is_seeded_and_bends_where_no_line_can_follow():
    data = gdcore.datasets.wavy_curve()
    np.testing.assert_array_equal(data.y, gdcore.datasets.wavy_curve().y)
    assert not np.array_equal(data.y, gdcore.datasets.wavy_curve(seed=1).y)
    assert len(data.x) == 40 and np.all(np.diff(data.x) >= 0)
    assert data.x.min() >= -3 and data.x.max() <= 3
    # The best line leaves most of the waves unexplained: far more than the noise (0.1²).
    m, b = gdcore.least_squares(data.x, data.y)
    assert gdcore.mse(m, b, data.x, data.y) > 20 * 0.1**2


def test_wavy_curve_without_noise_is_the_curve():
    data = gdcore.datasets.wavy_curve(15, noise=0.0)
    np.testing.assert_allclose(data.y, np.sin(2 * data.x) + 0.3 * data.x)


@pytest.mark.parametrize(
    "call, error, name",
    [
        (lambda: gdcore.datasets.wavy_curve(1), ValueError, "n"),
        (lambda: gdcore.datasets.wavy_curve(2.0), TypeError, "n"),
        (lambda: gdcore.datasets.wavy_curve(noise=-1), ValueError, "noise"),
        (lambda: gdcore.datasets.wavy_curve(noise=np.nan), ValueError, "noise"),
        (lambda: gdcore.datasets.wavy_curve(noise="0.1"), TypeError, "noise"),
    ],
)
def test_wavy_curve_bad_arguments_are_named(call, error, name):
    with pytest.raises(error, match=rf"^{name}\b"):
        call()


@pytest.mark.parametrize(
    "make, name",
    [
        (lambda: gdcore.noisy_line(slope=np.nan), "slope"),
        (lambda: gdcore.noisy_line(slope=np.inf), "slope"),
        (lambda: gdcore.noisy_line(intercept=np.nan), "intercept"),
        (lambda: gdcore.noisy_line(slope="2"), "slope"),
        (lambda: gdcore.noisy_line(noise=None), "noise"),
        (lambda: gdcore.noisy_line(seed=-1), "seed"),
        (lambda: gdcore.mountain_temperatures(seed=1.5), "seed"),
        (lambda: gdcore.datasets.wavy_curve(seed="a"), "seed"),
    ],
)
def test_every_parameter_is_checked_by_name(make, name):
    with pytest.raises((TypeError, ValueError), match=rf"^{name} "):
        make()


def test_coastal_temperatures_recovers_its_lapse_rate_and_coastal_effect():
    # Least squares on many stations finds the slopes the data were made with: −0.0065 °C
    # per m, +0.025 °C per km inland, 17 °C on the coast at sea level.
    data = gdcore.coastal_temperatures(2000)
    b, per_m, per_km = gdcore.linear_least_squares(gdcore.add_intercept(data.x), data.y)
    assert per_m == pytest.approx(-0.0065, abs=3e-4)
    assert per_km == pytest.approx(0.025, abs=2e-3)
    assert b == pytest.approx(17, abs=0.3)
    assert data.x.shape == (2000, 2) and data.y.shape == (2000,)
    assert 0 <= data.x[:, 0].min() and data.x[:, 0].max() <= 2500
    assert 0 <= data.x[:, 1].min() and data.x[:, 1].max() <= 300
    assert data.feature_labels == ("altitude (m)", "distance from the sea (km)")


def test_coastal_temperatures_is_seeded():
    a, b = gdcore.coastal_temperatures(), gdcore.coastal_temperatures()
    np.testing.assert_array_equal(a.x, b.x)
    np.testing.assert_array_equal(a.y, b.y)
    assert not np.array_equal(a.y, gdcore.coastal_temperatures(seed=1).y)


@pytest.mark.parametrize(
    "call, error, name",
    [
        (lambda: gdcore.coastal_temperatures(3), ValueError, "n"),
        (lambda: gdcore.coastal_temperatures(40.0), TypeError, "n"),
        (lambda: gdcore.coastal_temperatures(seed=-1), ValueError, "seed"),
    ],
)
def test_coastal_temperatures_bad_arguments_are_named(call, error, name):
    with pytest.raises(error, match=rf"^{name}\b"):
        call()
