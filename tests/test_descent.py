"""Tests for gdcore.descent: plain gradient descent, one run, many rates and many starts at
once, and momentum. (Stochastic descent is tested in test_stochastic.py.)"""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import BAD_COUNTS, BAD_RATES

import gdcore
from gdcore.descent import descent_from_starts


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
def test_square_converges_is_still_walking_and_diverges(rate, status):
    run = gdcore.gradient_descent(square_gradient, 1.0, rate, 100, tolerance=1e-6)
    assert run.status == status
    # 0.05 has not arrived after 100 steps, yet each step takes 10% off and never crosses
    # the floor: smooth, not a crawl (that is below 0.005, a step taking less than 1% off).
    assert gdcore.regime([[2.0]], rate) == {0.2: "smooth", 0.05: "smooth",
                                            1.1: "diverging"}[rate]


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



# Many starts at once.


def test_many_starts_agree_with_single_runs():
    land = gdcore.valleys()
    rng = np.random.default_rng(0)
    starts = np.vstack([rng.uniform(-6, 6, size=(40, 2)), [[30.0, 30.0], [3.0, 2.0]]])
    seen = set()
    for rate in (0.01, 0.05, 0.15):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            many = descent_from_starts(land.gradient, starts, rate, 500, tolerance=1e-6)
        assert many.status.shape == many.steps.shape == (len(starts),)
        assert many.final.shape == starts.shape and np.all(np.isfinite(many.final))
        np.testing.assert_array_equal(many.starts, starts)
        for i, start in enumerate(starts):
            run = gdcore.gradient_descent(land.gradient, start, rate, 500, tolerance=1e-6)
            assert (many.status[i], many.steps[i]) == (run.status, run.steps)
            np.testing.assert_array_equal(many.final[i], run.final)
        seen |= set(many.status)
    assert seen == {"converged", "diverged", "max_steps"}


@settings(max_examples=40)
@given(
    starts=st.lists(st.floats(-1e300, 1e300), min_size=1, max_size=6),
    rate=st.floats(0.01, 1.5),
    steps=st.integers(0, 400),
    factor=st.sampled_from([10.0, 1e6, 1e300, None]),
)
def test_each_start_ends_as_gradient_descent_does(starts, rate, steps, factor):
    many = descent_from_starts(lambda W: 2 * W, np.array(starts)[:, None], rate, steps,
                                      divergence_factor=factor)
    for i, start in enumerate(starts):
        if factor is None and start != 0:
            # No divergence test: a walk ends as diverged only when it overflows.
            run = gdcore.gradient_descent(lambda w: 2 * w, start, rate, steps,
                                          divergence_factor=1e308 / abs(start))
        else:
            run = gdcore.gradient_descent(lambda w: 2 * w, start, rate, steps,
                                          divergence_factor=factor or 1e6)
        assert (many.status[i], many.steps[i]) == (run.status, run.steps)
        np.testing.assert_array_equal(many.final[i], run.final)


def test_without_a_divergence_test_only_an_overflow_is_divergence():
    # Next to the summit the slope is almost flat: it grows a million times on the way down
    # into a valley, which the usual test takes for divergence.
    land = gdcore.valleys()
    starts = [[-0.270845, -0.923039], [30.0, 30.0]]
    usual = descent_from_starts(land.gradient, starts, 0.01, 2000)
    none = descent_from_starts(land.gradient, starts, 0.01, 2000, divergence_factor=None)
    assert usual.status.tolist() == ["diverged", "diverged"]
    assert none.status.tolist() == ["converged", "diverged"]


def test_a_start_whose_slope_is_not_finite_stops_there_alone():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        many = descent_from_starts(lambda W: np.exp(W**2) - 1, [[30.0], [0.0]], 0.1, 10)
    assert many.status.tolist() == ["diverged", "converged"]
    assert many.steps.tolist() == [0, 0]
    np.testing.assert_array_equal(many.final, [[30.0], [0.0]])


@pytest.mark.parametrize(
    "change, error, name",
    [
        (dict(gradient="2w"), TypeError, "gradient must be a function"),
        (dict(starts=[1.0, 2.0]), ValueError, "starts must be 2-dimensional"),
        (dict(starts=[[np.nan]]), ValueError, "starts must contain only finite"),
        (dict(learning_rate=0.0), ValueError, "learning_rate"),
        (dict(steps=2.5), TypeError, "steps"),
        (dict(tolerance=-1.0), ValueError, "tolerance"),
        (dict(divergence_factor=1.0), ValueError, "divergence_factor"),
        (dict(gradient=lambda W: W[:, :1]), ValueError, "gradient must return an array of the "
                                                        "starts' shape"),
    ],
)
def test_bad_arguments_for_many_starts_are_named(change, error, name):
    arguments = dict(gradient=lambda W: 2 * W, starts=[[1.0, 2.0]], learning_rate=0.1, steps=10)
    with pytest.raises(error, match=rf"^{name}"):
        descent_from_starts(**(arguments | change))


# Momentum: the heavy ball, as torch.optim.SGD(momentum=β) steps.

from gdcore.descent import momentum_descent  # noqa: E402


@pytest.mark.parametrize("rate", [0.05, 0.2, 0.9, 1.1])
def test_momentum_zero_is_plain_descent_to_the_last_bit(rate, line_problem):
    square = dict(gradient=square_gradient, start=1.5, loss=lambda w: float(w[0] ** 2))
    _, land = line_problem
    line = dict(gradient=land.gradient, start=[0.0, 0.0], loss=land.value)
    for problem in (square, line):
        plain = gdcore.gradient_descent(**problem, learning_rate=rate, steps=300)
        ball = momentum_descent(**problem, learning_rate=rate, momentum=0.0, steps=300)
        assert ball.status == plain.status
        np.testing.assert_array_equal(ball.path, plain.path)
        np.testing.assert_array_equal(ball.losses, plain.losses)
        np.testing.assert_array_equal(ball.gradient_norms, plain.gradient_norms)


def test_momentum_path_follows_the_heavy_ball_update():
    land = gdcore.bowl(10.0)
    rate, beta = 0.05, 0.8
    run = momentum_descent(land.gradient, [2.0, -1.0], rate, beta, 40, tolerance=0)
    velocity = (run.path[:-1] - run.path[1:]) / rate  # v_{k+1} = (w_k - w_{k+1}) / η
    previous = np.vstack([np.zeros(2), velocity[:-1]])  # v_0 = 0
    np.testing.assert_allclose(velocity, beta * previous + land.gradient(run.path[:-1]),
                               rtol=1e-9, atol=1e-12)


def test_momentum_crosses_a_narrow_valley_in_far_fewer_steps():
    land = gdcore.bowl(50.0)
    rate = 0.01  # a quarter of plain descent's critical rate, 2/50
    assert rate < gdcore.critical_learning_rate(land.hessian)
    plain = gdcore.gradient_descent(land.gradient, [1.0, 1.0], rate, 20000, tolerance=1e-6)
    ball = momentum_descent(land.gradient, [1.0, 1.0], rate, 0.9, 20000, tolerance=1e-6)
    assert plain.status == ball.status == "converged"
    assert ball.steps < plain.steps / 3
    np.testing.assert_allclose(ball.final, land.minima[0], atol=1e-5)


@pytest.mark.parametrize("factor, status", [(0.97, "converged"), (1.03, "diverged")])
def test_momentum_moves_the_wall_out_to_two_times_one_plus_beta_over_lambda(factor, status):
    # The heavy ball on a bowl converges for η < 2(1 + β)/λmax: further than plain descent.
    land, beta = gdcore.bowl(50.0), 0.9
    rate = factor * 2 * (1 + beta) / 50
    assert rate > gdcore.critical_learning_rate(land.hessian)  # plain descent diverges here
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = momentum_descent(land.gradient, [1.0, 1.0], rate, beta, 20000, tolerance=1e-6,
                               loss=land.value)
    assert run.status == status
    assert np.all(np.isfinite(run.path)) and np.all(np.isfinite(run.losses))


def test_momentum_far_too_large_a_rate_diverges_cleanly():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = momentum_descent(gdcore.bowl(50.0).gradient, [1.0, 1.0], 5.0, 0.9, 5000)
        exploding = momentum_descent(lambda w: np.exp(w**2), [1.0], 10.0, 0.9, 100,
                                     divergence_factor=1e300)
    assert run.status == exploding.status == "diverged"
    assert np.all(np.isfinite(run.path)) and np.all(np.isfinite(exploding.path))


def test_rolling_through_the_bottom_is_not_arriving():
    # On w², η = 0.25, β = 0.5: the ball is at 0 after two steps, with the slope flat but the
    # velocity 1. It rolls on; it converges only once it comes to rest.
    run = momentum_descent(square_gradient, 1.0, 0.25, 0.5, 200, tolerance=1e-3)
    assert run.path[2, 0] == 0.0 and run.gradient_norms[2] == 0.0
    assert run.status == "converged" and run.steps > 2
    last_velocity = (run.path[-2] - run.path[-1]) / 0.25
    assert np.linalg.norm(last_velocity) < 2e-3


@given(
    start=st.floats(-1e3, 1e3, allow_nan=False),
    rate=st.floats(1e-4, 10.0, allow_nan=False),
    beta=st.floats(0.0, 0.99),
    steps=st.integers(0, 300),
)
def test_any_momentum_run_on_the_square_ends_cleanly(start, rate, beta, steps):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = momentum_descent(square_gradient, start, rate, beta, steps, tolerance=1e-6,
                               loss=lambda w: float(w[0] ** 2))
    assert run.status in ("converged", "diverged", "max_steps")
    assert np.all(np.isfinite(run.path)) and np.all(np.isfinite(run.losses))
    assert run.path.shape == (run.steps + 1, 1) and run.steps <= steps


@pytest.mark.parametrize("bad, error", [(-0.1, ValueError), (1.0, ValueError),
                                        (1.5, ValueError), (np.nan, ValueError),
                                        (np.inf, ValueError), (-np.inf, ValueError),
                                        (np.float32("nan"), ValueError),
                                        (np.array(1.0), ValueError), (1 - 1e-17, ValueError),
                                        ("0.9", TypeError), (True, TypeError),
                                        (np.bool_(False), TypeError), ([0.9], TypeError),
                                        (None, TypeError)])
def test_bad_momentum_is_named(bad, error):
    with pytest.raises(error, match=r"^momentum"):
        momentum_descent(square_gradient, 1.0, 0.1, bad, 10)


def test_other_bad_momentum_arguments_are_named():
    with pytest.raises(ValueError, match=r"^learning_rate"):
        momentum_descent(square_gradient, 1.0, 0.0, 0.9, 10)
    with pytest.raises(TypeError, match=r"^steps"):
        momentum_descent(square_gradient, 1.0, 0.1, 0.9, 2.5)
    with pytest.raises(TypeError, match=r"^gradient must be a function"):
        momentum_descent(None, 1.0, 0.1, 0.9, 10)
    with pytest.raises(TypeError, match=r"^loss must be a function"):
        momentum_descent(square_gradient, 1.0, 0.1, 0.9, 10, loss=3)


# ---------------------------------------------------------------------------------------------
# Huge starts and huge factors: the divergence test must not overflow into "never".

HUGE = [
    pytest.param(1e200, 1.5, 1e6, id="huge start"),
    pytest.param(1e200, 1.5, 1e308, id="huge start, huge factor"),
    pytest.param(1.0, 1.5, 1e308, id="huge factor"),
]


@pytest.mark.parametrize("start, rate, factor", HUGE)
def test_a_huge_walk_ends_cleanly_as_diverged(start, rate, factor):
    runs = [
        gdcore.gradient_descent(lambda w: 2 * w, start, rate, 2000, divergence_factor=factor),
        gdcore.momentum_descent(lambda w: 2 * w, start, 2 * rate, 0.5, 2000,
                                divergence_factor=factor),
    ]
    for run in runs:
        assert run.status == "diverged"
        assert np.all(np.isfinite(run.path)) and np.all(np.isfinite(run.gradient_norms))


def test_a_huge_start_still_converges_at_a_small_rate():
    run = gdcore.gradient_descent(lambda w: 2 * w, 1e200, 0.1, 5000)
    assert run.status == "converged" and abs(run.final[0]) < 1e-8


@settings(max_examples=40)
@given(
    start=st.floats(1e-3, 1e300) | st.floats(-1e300, -1e-3),
    rate=st.floats(0.01, 1.5),
    factor=st.sampled_from([10.0, 1e6, 1e300, 1e308]),
)
def test_the_sweep_agrees_with_gradient_descent_on_status_and_steps(start, rate, factor):
    sweep = gdcore.learning_rate_sweep(lambda w: 2 * w, start, [rate], 600,
                                       divergence_factor=factor)
    run = gdcore.gradient_descent(lambda w: 2 * w, start, rate, 600, divergence_factor=factor)
    assert sweep.status[0] == run.status
    assert sweep.steps[0] == run.steps
    assert np.all(np.isfinite(sweep.final))


@pytest.mark.parametrize("start, rate, steps, factor", [
    (1.0, 1.5, 4, 10.0),  # |g| = 2 · 2^k passes 10 × 2 at k = 4, the last step
    (1e300, 1e10, 1, 1e6),  # the last step overflows
    (1.0, 1.5, 3, 10.0),  # one step short of the limit
])
def test_the_sweep_agrees_with_gradient_descent_on_the_last_step(start, rate, steps, factor):
    sweep = gdcore.learning_rate_sweep(lambda w: 2 * w, start, [rate], steps,
                                       divergence_factor=factor)
    run = gdcore.gradient_descent(lambda w: 2 * w, start, rate, steps, divergence_factor=factor)
    assert (sweep.status[0], sweep.steps[0]) == (run.status, run.steps)
    np.testing.assert_array_equal(sweep.final[0], run.final)


# ---------------------------------------------------------------------------------------------
# Descent on a quadratic bowl in closed form: the loop's walk, every step at once.

@given(
    kappa=st.floats(1.0, 1e3),
    start=st.tuples(st.floats(-1e3, 1e3), st.floats(-1e3, 1e3)),
    share=st.floats(0.01, 3.0),  # the rate, as a share of plain descent's wall 2/κ
    beta=st.sampled_from([0.0, 0.3, 0.9, 0.99]),
    steps=st.integers(0, 400),
)
@settings(max_examples=200, deadline=None)
def test_a_walk_on_a_quadratic_in_closed_form_is_the_loops(kappa, start, share, beta, steps):
    land = gdcore.bowl(kappa)
    rate = share * 2 / kappa
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = gdcore.quadratic_descent(land.hessian, start, rate, steps, beta)
    loop = momentum_descent(land.gradient, start, rate, beta, steps, loss=land.value)
    # Rounding may move a stop across the tolerance by a step; nothing more.
    assert run.status == loop.status
    assert abs(run.steps - loop.steps) <= (run.status == "converged")
    k = min(run.steps, loop.steps) + 1
    scale = np.abs(loop.path[:k]).max() + 1
    assert np.allclose(run.path[:k], loop.path[:k], rtol=1e-9, atol=1e-9 * scale)
    assert np.allclose(run.losses[:k], loop.losses[:k], rtol=1e-8, atol=1e-9 * scale**2)
    assert np.all(np.isfinite(run.path)) and np.all(np.isfinite(run.losses))


def test_a_quadratic_with_its_bottom_elsewhere_is_walked_relative_to_it():
    H = np.array([[2.0, 0.5], [0.5, 1.0]])
    bottom = np.array([3.0, -1.0])
    run = gdcore.quadratic_descent(H, [0.0, 0.0], 0.3, 500, 0.5, minimum=bottom)
    loop = momentum_descent(lambda w: H @ (w - bottom), [0.0, 0.0], 0.3, 0.5, 500)
    assert run.status == loop.status == "converged" and run.steps == loop.steps
    assert np.allclose(run.path, loop.path) and np.allclose(run.final, bottom)
    assert run.losses[-1] < 1e-15


@pytest.mark.parametrize("change, error, match", [
    ({"hessian": [[1.0, 2.0], [0.0, 1.0]]}, ValueError, "^hessian must be symmetric"),
    ({"hessian": np.eye(3)}, ValueError, "^hessian must have one row and column"),
    ({"minimum": [1.0]}, ValueError, "^minimum must have the start's 2"),
    ({"momentum": 1.0}, ValueError, "^momentum"),
    ({"learning_rate": -1.0}, ValueError, "^learning_rate"),
    ({"steps": 2.5}, TypeError, "^steps"),
    ({"start": [np.nan, 0.0]}, ValueError, "^start"),
])
def test_bad_arguments_to_quadratic_descent_are_named(change, error, match):
    arguments = {"hessian": np.eye(2), "start": [1.0, 1.0], "learning_rate": 0.1, "steps": 10,
                 "momentum": 0.5} | change
    with pytest.raises(error, match=match):
        gdcore.quadratic_descent(**arguments)
