"""Tests for gdcore.stochastic: mini-batch descent visits every point once per epoch, is plain
descent when the batch is all the data, settles with a decaying rate, and ends cleanly."""

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gdcore
from gdcore.regression import mse_batch_gradient
from gdcore.stochastic import StochasticResult, stochastic_descent


@pytest.fixture
def batch_problem():
    """The line through the mountain temperatures: batch gradient, n, loss, least squares."""
    data = gdcore.mountain_temperatures()
    best = np.array(gdcore.least_squares(data.x, data.y))
    return (mse_batch_gradient(data.x, data.y), len(data.x),
            lambda w: gdcore.mse(*w, data.x, data.y), best)


def test_full_batch_is_gradient_descent(batch_problem):
    batch_gradient, n, loss, _ = batch_problem
    everyone = np.arange(n)
    sgd = stochastic_descent(batch_gradient, [0.0, 0.0], 0.1, n, batch_size=n, epochs=50,
                             loss=loss, seed=3)
    gd = gdcore.gradient_descent(lambda w: batch_gradient(w, everyone), [0.0, 0.0], 0.1, 50,
                                 loss=loss, tolerance=0)
    assert sgd.status == gd.status == "max_steps"
    # Equal up to round-off: each epoch sums the same points in a shuffled order.
    np.testing.assert_allclose(sgd.path, gd.path, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(sgd.losses, gd.losses, rtol=1e-10)
    np.testing.assert_allclose(sgd.gradient_norms, gd.gradient_norms, rtol=1e-8, atol=1e-12)
    np.testing.assert_array_equal(sgd.epoch_ends, np.arange(1, 51))


def test_each_epoch_visits_every_point_once_in_batches():
    seen = []

    def spy(w, indices):
        seen.append(np.array(indices))
        return np.zeros_like(w)

    n, batch_size, epochs = 10, 3, 4
    run = stochastic_descent(spy, [0.0], 0.1, n, batch_size=batch_size, epochs=epochs)
    # The first call is the slope on all the data at the start; after each step, the slope on
    # all the data is measured again (for the record); the batches are the calls in between.
    everyone = [i for i, s in enumerate(seen) if len(s) == n]
    batches = [s for i, s in enumerate(seen) if i not in everyone]
    assert len(batches) == epochs * 4 and run.steps == epochs * 4
    assert [len(b) for b in batches[:4]] == [3, 3, 3, 1]
    for e in range(epochs):
        np.testing.assert_array_equal(np.sort(np.concatenate(batches[4 * e : 4 * e + 4])),
                                      np.arange(n))
    np.testing.assert_array_equal(run.epoch_ends, [4, 8, 12, 16])
    assert isinstance(run, StochasticResult) and run.status == "max_steps"


def test_rate_decays_as_one_over_one_plus_decay_times_epoch():
    # A slope of 1 everywhere: each step moves w by exactly the rate of its epoch.
    run = stochastic_descent(lambda w, i: np.ones_like(w), [0.0], 0.6, 6, batch_size=3,
                             epochs=4, decay=0.5)
    moves = -np.diff(run.path[:, 0])
    expected = np.repeat([0.6 / (1 + 0.5 * t) for t in range(4)], 2)
    np.testing.assert_allclose(moves, expected, rtol=1e-12)
    assert run.learning_rate == 0.6


def test_mini_batches_with_decay_settle_near_least_squares(batch_problem):
    batch_gradient, n, loss, best = batch_problem
    run = stochastic_descent(batch_gradient, [0.0, 0.0], 0.1, n, batch_size=4, epochs=200,
                             decay=0.1, loss=loss)
    assert run.status == "max_steps" and run.steps == 200 * 6
    np.testing.assert_allclose(run.final, best, atol=0.1)
    assert run.losses[run.epoch_ends[-1]] < 1.01 * loss(best)


def test_a_fixed_rate_keeps_jittering_where_a_decaying_one_settles(batch_problem):
    batch_gradient, n, _, best = batch_problem

    def last_epoch_distance(decay):
        run = stochastic_descent(batch_gradient, [0.0, 0.0], 0.1, n, batch_size=4,
                                 epochs=200, decay=decay)
        return np.linalg.norm(run.path[run.epoch_ends[-2] :] - best, axis=1).max()

    assert last_epoch_distance(0.1) < last_epoch_distance(0.0) / 5


def test_same_seed_same_run_other_seed_other_run(batch_problem):
    batch_gradient, n, _, _ = batch_problem

    def run(seed):
        return stochastic_descent(batch_gradient, [0.0, 0.0], 0.05, n, batch_size=4, epochs=5,
                                  seed=seed).path

    np.testing.assert_array_equal(run(7), run(7))
    assert not np.allclose(run(7), run(8))


def test_starting_at_the_minimum_is_not_divergence(batch_problem):
    # The slope on all the data is flat there, yet each batch's slope is not.
    batch_gradient, n, _, best = batch_problem
    run = stochastic_descent(batch_gradient, best, 0.1, n, batch_size=1, epochs=20)
    assert run.status == "max_steps"
    assert run.gradient_norms[0] < 1e-9 < run.gradient_norms[1]


def test_too_large_a_rate_diverges_cleanly(batch_problem):
    batch_gradient, n, loss, _ = batch_problem
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = stochastic_descent(batch_gradient, [0.0, 0.0], 5.0, n, batch_size=4, epochs=20,
                                 loss=loss)
        exploding = stochastic_descent(lambda w, i: np.exp(w**2), [1.0], 10.0, 5, batch_size=2,
                                       divergence_factor=1e300)
    assert run.status == exploding.status == "diverged"
    assert np.all(np.isfinite(run.path)) and np.all(np.isfinite(run.losses))
    assert np.all(np.isfinite(exploding.path))
    assert np.all(run.epoch_ends < len(run.path))  # only the epochs that were completed


def test_first_steps_of_a_stochastic_run_keep_their_epochs(batch_problem):
    batch_gradient, n, loss, _ = batch_problem
    run = stochastic_descent(batch_gradient, [0.0, 0.0], 0.05, n, batch_size=5, epochs=3,
                             loss=loss)
    early = run.first(7)
    assert isinstance(early, StochasticResult) and early.steps == 7
    np.testing.assert_array_equal(early.epoch_ends, [5])
    np.testing.assert_array_equal(early.losses, run.losses[:8])
    assert run.first(100) is run


def test_zero_epochs_returns_the_start(batch_problem):
    batch_gradient, n, _, _ = batch_problem
    run = stochastic_descent(batch_gradient, [1.0, 2.0], 0.1, n, epochs=0)
    assert run.path.shape == (1, 2) and run.epoch_ends.size == 0 and run.status == "max_steps"


@pytest.mark.parametrize(
    "change, error, name",
    [
        (dict(n=0), ValueError, "n"),
        (dict(n=4.0), TypeError, "n"),
        (dict(batch_size=0), ValueError, "batch_size"),
        (dict(batch_size=11), ValueError, "batch_size"),
        (dict(batch_size=2.0), TypeError, "batch_size"),
        (dict(epochs=-1), ValueError, "epochs"),
        (dict(epochs=2.5), TypeError, "epochs"),
        (dict(decay=-0.1), ValueError, "decay"),
        (dict(decay=np.nan), ValueError, "decay"),
        (dict(decay="0.1"), TypeError, "decay"),
        (dict(seed=-1), ValueError, "seed"),
        (dict(seed=1.5), TypeError, "seed"),
        (dict(learning_rate=0.0), ValueError, "learning_rate"),
        (dict(learning_rate="0.1"), TypeError, "learning_rate"),
        (dict(start=[np.nan]), ValueError, "start"),
        (dict(batch_gradient="slope"), TypeError, "batch_gradient"),
        (dict(batch_gradient=lambda w, i: np.ones(3)), ValueError, "batch_gradient must return"),
        (dict(loss=1.0), TypeError, "loss"),
        (dict(divergence_factor=1.0), ValueError, "divergence_factor"),
    ],
)
def test_bad_stochastic_arguments_are_named(change, error, name):
    arguments = dict(batch_gradient=lambda w, i: 2 * w, start=[1.0], learning_rate=0.1, n=10)
    with pytest.raises(error, match=rf"^{name}\b"):
        stochastic_descent(**(arguments | change))


@pytest.mark.parametrize("n", [23, 25, 1, 100])
def test_n_must_be_the_number_of_points_the_batch_gradient_was_made_from(n, batch_problem):
    # Fewer would silently fit the line to the first n points only; more would ask for points
    # that do not exist.
    batch_gradient, points, _, _ = batch_problem
    assert points == 24
    with pytest.raises(ValueError, match=rf"^n must be the number of data points "
                                         rf"batch_gradient was made from, 24, got {n}$"):
        stochastic_descent(batch_gradient, [0.0, 0.0], 0.1, n)


def test_a_start_that_is_not_a_line_is_named(batch_problem):
    batch_gradient, n, _, _ = batch_problem
    with pytest.raises(ValueError, match=r"^w must be a line \(m, b\)"):
        stochastic_descent(batch_gradient, [0.0], 0.1, n)


@given(batch_size=st.integers(1, 24), epochs=st.integers(0, 4), seed=st.integers(0, 2**64),
       decay=st.floats(0.0, 10.0))
def test_every_batch_a_run_makes_is_one_the_batch_gradient_accepts(batch_size, epochs, seed,
                                                                   decay):
    data = gdcore.mountain_temperatures()
    run = stochastic_descent(mse_batch_gradient(data.x, data.y), [0.0, 0.0], 0.01, 24,
                             batch_size=batch_size, epochs=epochs, seed=seed, decay=decay)
    assert run.steps == epochs * -(-24 // batch_size) and run.status == "max_steps"


@pytest.mark.parametrize("start, rate, factor", [
    pytest.param(1e200, 1.5, 1e6, id="huge start"),
    pytest.param(1e200, 1.5, 1e308, id="huge start, huge factor"),
    pytest.param(1.0, 1.5, 1e308, id="huge factor"),
])
def test_a_huge_walk_ends_cleanly_as_diverged(start, rate, factor):
    # The divergence test must not overflow into "never".
    run = stochastic_descent(lambda w, i: 2 * w, start, rate, n=4, epochs=1000,
                             divergence_factor=factor)
    assert run.status == "diverged"
    assert np.all(np.isfinite(run.path)) and np.all(np.isfinite(run.gradient_norms))
