"""Tests for gdcore.adam: Adam's update, checked by hand, its per-weight scaling, and its
endings (converged, diverged, max_steps) under the stopping rules the other descents share."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import BAD_COUNTS, BAD_RATES

import gdcore
from gdcore import adam_descent


def square_gradient(w):
    """The slope of L(w) = w²."""
    return 2 * w


def test_the_first_two_steps_are_the_hand_computation():
    # L(w) = w², slope 2w, from w = 1 at η = 0.1 with the defaults β1 = 0.9, β2 = 0.999,
    # ε = 1e-8.
    # Step 1: g = 2; m = 0.1 · 2 = 0.2, v = 0.001 · 4 = 0.004;
    #   m̂ = 0.2 / (1 − 0.9) = 2, v̂ = 0.004 / (1 − 0.999) = 4;
    #   w = 1 − 0.1 · 2 / (√4 + 1e-8) = 1 − 0.2 / 2.00000001.
    w1 = 1 - 0.2 / 2.00000001
    # Step 2: g = 2 w1; m = 0.9 · 0.2 + 0.1 g, v = 0.999 · 0.004 + 0.001 g²;
    #   m̂ = m / (1 − 0.81) = m / 0.19, v̂ = v / (1 − 0.998001) = v / 0.001999.
    g = 2 * w1
    m_hat = (0.18 + 0.1 * g) / 0.19
    v_hat = (0.003996 + 0.001 * g * g) / 0.001999
    w2 = w1 - 0.1 * m_hat / (math.sqrt(v_hat) + 1e-8)
    run = adam_descent(square_gradient, 1.0, 0.1, 2)
    assert run.path.ravel() == pytest.approx([1.0, w1, w2], rel=1e-13, abs=0)
    # The numbers themselves: step 1 is 0.1 (less a hair for ε); step 2 about 0.0996.
    assert w1 == pytest.approx(0.9, abs=1e-9)
    assert w2 == pytest.approx(0.9 - 0.1 * (0.36 / 0.19) / math.sqrt(0.007236 / 0.001999),
                               abs=1e-8)
    assert run.gradient_norms == pytest.approx([2.0, 2 * w1, 2 * w2], rel=1e-13)
    assert run.status == "max_steps" and run.learning_rate == 0.1


@pytest.mark.parametrize("eta", [0.001, 0.1, 3.0])
def test_the_first_step_moves_every_coordinate_by_about_eta_whatever_the_slopes_scale(eta):
    # Slopes from 0.01 to 10,000 times the point, of either sign: plain descent's first
    # step would differ by a factor of a million between coordinates; Adam's is η for each
    # (less the share ε takes, below 1e-5 of it here).
    scales = np.array([0.01, -0.5, 1.0, 30.0, -1e4])
    start = np.array([1.0, -2.0, 0.5, 3.0, 1.0])
    run = adam_descent(lambda w: scales * w, start, eta, 1)
    moved = run.path[1] - run.path[0]
    assert np.abs(moved) == pytest.approx(np.full(5, eta), rel=1e-5)
    assert np.array_equal(np.sign(moved), -np.sign(scales * start))  # each one downhill


def test_scaling_a_coordinates_slopes_leaves_the_walk_almost_unchanged():
    # m grows with the slopes and √v with their size: their ratio does not see a scale
    # (only ε does, at 1e-8 against slopes of about 1 and more).
    land = gdcore.bowl(50.0)
    run = adam_descent(land.gradient, [-2.8, 0.8], 0.1, 200, tolerance=0)
    scaled = adam_descent(lambda w: np.array([1e3, 1e-1]) * land.gradient(w), [-2.8, 0.8],
                          0.1, 200, tolerance=0)
    assert np.allclose(run.path, scaled.path, rtol=0, atol=1e-6)


def test_the_steps_adam_needs_hardly_grow_with_the_condition_number():
    # Plain descent's steps grow in proportion to κ (at 95 % of its wall); Adam's, at one
    # fixed η, hardly change: it rescales each axis of these axis-aligned bowls.
    plain, adam = [], []
    for kappa in [50.0, 1000.0]:
        land = gdcore.bowl(kappa)
        rate = 0.95 * gdcore.critical_learning_rate(land.hessian)
        plain.append(gdcore.gradient_descent(land.gradient, [-2.8, 0.8], rate, 50_000).steps)
        run = adam_descent(land.gradient, [-2.8, 0.8], 0.1, 50_000)
        assert run.status == "converged"
        adam.append(run.steps)
    assert plain[1] > 15 * plain[0]
    assert adam[1] < 1.3 * adam[0]


def test_a_converged_run_ends_where_slope_and_average_slope_are_flat():
    land = gdcore.bowl(10.0)
    run = adam_descent(land.gradient, [1.0, 1.0], 0.05, 10_000, tolerance=1e-6,
                       loss=land.value)
    assert run.status == "converged"
    assert run.gradient_norms[-1] <= 1e-6 and np.all(run.gradient_norms[:-1] > 0)
    assert np.linalg.norm(run.final) < 1e-5 and run.losses[-1] < 1e-11
    # the same run, a step shorter, had not arrived
    assert adam_descent(land.gradient, [1.0, 1.0], 0.05, run.steps - 1,
                        tolerance=1e-6).status == "max_steps"


def test_passing_through_a_flat_point_is_not_arriving():
    # L(w) = w² from 1 at η = 1 (ε tiny): the first step, η · 2 / √4, lands exactly on the
    # bottom, 0, where the slope is flat; but the averaged slope that drives the next step,
    # m̂ = 0.9 · 0.2 / 0.19, is not, so the walk is not at rest.
    run = adam_descent(square_gradient, 1.0, 1.0, 1, eps=1e-300, tolerance=1e-6)
    assert run.path.ravel().tolist() == [1.0, 0.0]
    assert run.gradient_norms[-1] == 0 and run.status == "max_steps"


@pytest.mark.parametrize("rate, start", [(1e3, 1.0), (1e300, 1.0), (1e75, 1e70)])
def test_a_diverging_run_ends_cleanly_with_a_finite_path(rate, start):
    # L(w) = w⁴, slope 4w³: a step of about η = 1e3 from 1 lands where the slope is some
    # 4e9, past a million times the first (at 1e300, past the numbers; from 1e70, a step of
    # 1e75 multiplies the slope by 1e15).
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = adam_descent(lambda w: 4 * w**3, start, rate, 1000, loss=lambda w: float(w[0] ** 4))
    assert run.status == "diverged"
    assert np.all(np.isfinite(run.path)) and np.all(np.isfinite(run.losses))
    assert np.all(np.isfinite(run.gradient_norms))


def test_a_huge_start_still_walks_down():
    # Slopes of 2e200 square past the largest float; v is kept as its square root, so the
    # walk does not freeze: each step is about η = 1e199.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = adam_descent(square_gradient, 1e200, 1e199, 5)
    assert np.diff(run.path.ravel()) == pytest.approx(np.full(5, -1e199), rel=0.05)


@given(
    start=st.floats(-1e3, 1e3, allow_nan=False),
    rate=st.floats(1e-4, 1e4, allow_nan=False),
    beta1=st.floats(0.0, 0.99),
    beta2=st.floats(0.0, 0.9999),
    steps=st.integers(0, 200),
)
def test_any_run_ends_cleanly(start, rate, beta1, beta2, steps):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = adam_descent(lambda w: 4 * w**3, start, rate, steps, beta1=beta1, beta2=beta2,
                           tolerance=1e-6, loss=lambda w: float(w[0] ** 4))
    assert run.status in ("converged", "diverged", "max_steps")
    assert np.all(np.isfinite(run.path)) and np.all(np.isfinite(run.losses))
    assert run.path.shape == (run.steps + 1, 1) and run.steps <= steps
    assert run.status != "max_steps" or run.steps == steps


@pytest.mark.parametrize("bad, error", BAD_RATES)
def test_bad_learning_rate_is_named(bad, error):
    with pytest.raises(error, match=r"^learning_rate"):
        adam_descent(square_gradient, 1.0, bad, 10)


@pytest.mark.parametrize("bad, error", BAD_COUNTS)
def test_bad_step_count_is_named(bad, error):
    with pytest.raises(error, match=r"^steps"):
        adam_descent(square_gradient, 1.0, 0.1, bad)


BAD_BETAS = [(-0.1, ValueError), (1.0, ValueError), (1.5, ValueError), (np.nan, ValueError),
             (np.inf, ValueError), ("0.9", TypeError), (True, TypeError), (None, TypeError),
             ([0.9], TypeError)]


@pytest.mark.parametrize("name", ["beta1", "beta2"])
@pytest.mark.parametrize("bad, error", BAD_BETAS)
def test_bad_betas_are_named(name, bad, error):
    with pytest.raises(error, match=rf"^{name}"):
        adam_descent(square_gradient, 1.0, 0.1, 10, **{name: bad})


@pytest.mark.parametrize("change, error, match", [
    ({"eps": 0.0}, ValueError, r"^eps"),
    ({"eps": -1e-8}, ValueError, r"^eps"),
    ({"eps": np.nan}, ValueError, r"^eps"),
    ({"eps": "1e-8"}, TypeError, r"^eps"),
    ({"tolerance": -1.0}, ValueError, r"^tolerance"),
    ({"divergence_factor": 1.0}, ValueError, r"^divergence_factor"),
    ({"loss": 3}, TypeError, r"^loss must be a function"),
    ({"gradient": "2w"}, TypeError, r"^gradient must be a function"),
    ({"start": np.nan}, ValueError, r"^start must contain only finite"),
    ({"start": []}, ValueError, r"^start must not be empty"),
    ({"gradient": lambda w: np.zeros(3)}, ValueError,
     r"^gradient must return an array of the start's shape"),
    ({"gradient": lambda w: np.full_like(w, np.inf)}, ValueError,
     r"^gradient is not finite at the start"),
])
def test_other_bad_arguments_are_named(change, error, match):
    arguments = {"gradient": square_gradient, "start": [1.0, 2.0], "learning_rate": 0.1,
                 "steps": 10} | change
    with pytest.raises(error, match=match):
        adam_descent(**arguments)


def test_zero_steps_returns_the_start():
    run = adam_descent(square_gradient, [2.0, 1.0], 0.1, 0, loss=lambda w: float(w @ w))
    assert run.path.shape == (1, 2) and run.status == "max_steps"
    assert run.losses.tolist() == [5.0]
