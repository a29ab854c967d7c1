"""Tests for gdcore.network: a one-hidden-layer network, its backpropagated gradient, and
training it with the same gradient descent that fits a line."""

import numpy as np
import pytest

import gdcore
from gdcore.datasets import wavy_curve
from gdcore.network import (
    init_network,
    network_gradient,
    network_loss,
    network_predict,
    pack_network,
    unpack_network,
)


@pytest.mark.parametrize("hidden", [1, 3, 8])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_backpropagation_agrees_with_finite_differences(hidden, seed):
    data = wavy_curve(15, seed=seed)
    rng = np.random.default_rng(seed)
    # Jiggle every weight, b2 included, so that no part starts at a special value.
    w = init_network(hidden, seed) + rng.normal(0.0, 0.3, 3 * hidden + 1)
    backprop = network_gradient(w, data.x, data.y)
    numeric = gdcore.numerical_gradient(lambda v: network_loss(v, data.x, data.y), w)
    np.testing.assert_allclose(backprop, numeric, rtol=1e-6, atol=1e-8)


def test_a_network_that_fits_the_data_exactly_feels_no_slope():
    w = init_network(4, seed=3)
    x = np.linspace(-2, 2, 9)
    y = network_predict(w, x)
    assert network_loss(w, x, y) == 0.0
    np.testing.assert_allclose(network_gradient(w, x, y), 0.0, atol=1e-15)


def test_prediction_is_a_weighted_sum_of_tanh_curves():
    w = init_network(5, seed=1) + 0.1
    W1, b1, W2, b2 = unpack_network(w)
    x = np.linspace(-3, 3, 7)
    by_hand = sum(W2[j] * np.tanh(W1[j] * x + b1[j]) for j in range(5)) + b2
    np.testing.assert_allclose(network_predict(w, x), by_hand, rtol=1e-12)


def test_loss_is_the_mean_squared_error_of_the_prediction():
    data = wavy_curve()
    w = init_network()
    expected = np.mean((network_predict(w, data.x) - data.y) ** 2)
    assert network_loss(w, data.x, data.y) == pytest.approx(expected, rel=1e-12)


def test_pack_and_unpack_are_inverses():
    w = np.arange(10.0)
    W1, b1, W2, b2 = unpack_network(w)
    assert W1.shape == b1.shape == W2.shape == (3,) and isinstance(b2, float)
    np.testing.assert_array_equal(pack_network(W1, b1, W2, b2), w)


def test_init_is_seeded_and_scaled():
    w = init_network(6, seed=4)
    assert w.shape == (19,)
    np.testing.assert_array_equal(w, init_network(6, seed=4))
    assert not np.array_equal(w, init_network(6, seed=5))
    np.testing.assert_allclose(init_network(6, seed=4, scale=2.0), 2 * w)
    assert unpack_network(w)[3] == 0.0


def test_gradient_descent_trains_the_network_past_any_line():
    # The run notebook 07 shows: the same gradient_descent that fits a line, on 25 weights.
    data = wavy_curve()
    m, b = gdcore.least_squares(data.x, data.y)
    best_line = gdcore.mse(m, b, data.x, data.y)
    run = gdcore.gradient_descent(
        lambda w: network_gradient(w, data.x, data.y), init_network(hidden=8, seed=0),
        learning_rate=0.1, steps=3000, loss=lambda w: network_loss(w, data.x, data.y),
    )
    assert run.status == "max_steps" and run.path.shape == (3001, 25)
    assert run.losses[-1] < run.losses[0] / 20
    assert run.losses[-1] < best_line / 20
    # What is left is about the noise in the data (standard deviation 0.1).
    assert run.losses[-1] < 2 * 0.1**2


@pytest.mark.parametrize(
    "call, error, name",
    [
        (lambda: unpack_network(np.ones(6)), ValueError, "w must hold 3 × hidden"),
        (lambda: unpack_network(np.ones(1)), ValueError, "w must hold 3 × hidden"),
        (lambda: unpack_network([1.0, np.nan, 0.0, 0.0]), ValueError, "w must contain only"),
        (lambda: network_predict(np.ones(4), [[1.0]]), ValueError, "x must be 1-dimensional"),
        (lambda: network_loss(np.ones(4), [1.0, 2.0], [1.0]), ValueError, "x and y"),
        (lambda: network_gradient(np.ones(4), [], []), ValueError, "x must not be empty"),
        (lambda: network_gradient(np.ones(4), [1.0], "a"), TypeError, "y must be"),
        (lambda: init_network(0), ValueError, "hidden must be at least 1"),
        (lambda: init_network(2.0), TypeError, "hidden"),
        (lambda: init_network(3, seed=-1), ValueError, "seed"),
        (lambda: init_network(3, seed=0.5), TypeError, "seed"),
        (lambda: init_network(3, scale=0.0), ValueError, "scale"),
        (lambda: init_network(3, scale=np.inf), ValueError, "scale"),
        (lambda: pack_network([1.0], [1.0, 2.0], [1.0], 0.0), ValueError, "W1, b1 and W2"),
        (lambda: pack_network([1.0], [1.0], [1.0], [0.0, 1.0]), ValueError, "b2"),
    ],
)
def test_bad_arguments_are_named(call, error, name):
    with pytest.raises(error, match=rf"^{name}"):
        call()
