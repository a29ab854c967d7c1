r"""A tiny neural network: one input, one hidden layer of tanh units, one output.

.. math::

    \hat y(x) = \sum_{j=1}^{h} W2_j \tanh(W1_j x + b1_j) + b2

Each hidden unit j bends the input into an S-shaped curve, :math:`\tanh(W1_j x + b1_j)`, with
its own steepness :math:`W1_j` and its own place (it crosses zero at :math:`x = -b1_j/W1_j`);
the output adds the h curves up with weights :math:`W2_j` and shifts the sum by :math:`b2`.
With enough units the sum can follow any smooth curve, which no line can. (The names are the
ones deep-learning libraries use: weights W and biases b, layer 1 then layer 2.)

All the weights are packed into ONE flat vector

.. code-block:: text

    w = [W1_1 ... W1_h, b1_1 ... b1_h, W2_1 ... W2_h, b2]        (3 h + 1 numbers)

so that :func:`gdcore.gradient_descent` trains the network unchanged: the network is just
another loss :math:`L(w)` to walk down, and :func:`network_gradient` is its slope, found by
backpropagation.
"""

import numpy as np

from ._validate import as_count, as_data, as_pair, as_positive

__all__ = [
    "init_network",
    "network_gradient",
    "network_loss",
    "network_predict",
    "pack_network",
    "unpack_network",
]


def unpack_network(w):
    r"""Split the flat weight vector into the network's four parts.

    Parameters
    ----------
    w : array_like, shape (3 h + 1,)
        The weights, packed as ``[W1, b1, W2, b2]``.

    Returns
    -------
    (W1, b1, W2, b2) : ndarray of shape (h,), three times, and a float
        Input weights, hidden biases, output weights, output bias.

    Examples
    --------
    >>> W1, b1, W2, b2 = unpack_network([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0])
    >>> W1, b1, W2, b2
    (array([1., 2.]), array([3., 4.]), array([5., 6.]), 7.0)
    """
    w = as_data("w", w)
    hidden, leftover = divmod(len(w) - 1, 3)
    if hidden < 1 or leftover:
        raise ValueError(
            "w must hold 3 × hidden + 1 numbers (W1, b1 and W2 for each hidden unit, then b2),"
            f" got {len(w)}"
        )
    W1, b1, W2 = w[:hidden], w[hidden : 2 * hidden], w[2 * hidden : 3 * hidden]
    return W1, b1, W2, float(w[-1])


def pack_network(W1, b1, W2, b2):
    """Put the network's four parts into one flat weight vector, the inverse of unpacking.

    Parameters
    ----------
    W1, b1, W2 : array_like, shape (h,)
    b2 : float

    Returns
    -------
    ndarray, shape (3 h + 1,)

    Examples
    --------
    >>> pack_network([1.0, 2.0], [3.0, 4.0], [5.0, 6.0], 7.0)
    array([1., 2., 3., 4., 5., 6., 7.])
    """
    W1, b1, W2 = as_data("W1", W1), as_data("b1", b1), as_data("W2", W2)
    if not len(W1) == len(b1) == len(W2):
        raise ValueError(
            f"W1, b1 and W2 must have one entry per hidden unit, got {len(W1)}, {len(b1)}"
            f" and {len(W2)}"
        )
    b2 = as_data("b2", np.atleast_1d(b2))
    if b2.size != 1:
        raise ValueError(f"b2 must be a single number, got {b2.size}")
    return np.concatenate([W1, b1, W2, b2])


def init_network(hidden=8, seed=0, scale=1.0):
    r"""Random starting weights for a network of `hidden` tanh units.

    The input weights and hidden biases are drawn from a normal distribution with standard
    deviation `scale`, so that the units' bends fall among inputs of size about 1 to 3; the
    output weights with standard deviation :math:`\text{scale}/\sqrt{h}`, so that the sum of
    `hidden` curves starts no larger than one; the output bias starts at 0. Random starts
    matter: units that start equal get equal gradients and stay equal forever.

    Parameters
    ----------
    hidden : int, default 8
        The number of hidden units, h ≥ 1.
    seed : int, default 0
    scale : float, default 1.0

    Returns
    -------
    ndarray, shape (3 h + 1,)

    Examples
    --------
    >>> w = init_network(hidden=4)
    >>> w.shape
    (13,)
    >>> bool(np.array_equal(w, init_network(hidden=4))), float(w[-1])
    (True, 0.0)
    """
    hidden = as_count("hidden", hidden)
    if hidden < 1:
        raise ValueError(f"hidden must be at least 1, got {hidden}")
    seed = as_count("seed", seed)
    scale = as_positive("scale", scale)
    rng = np.random.default_rng(seed)
    W1 = rng.normal(0.0, scale, hidden)
    b1 = rng.normal(0.0, scale, hidden)
    W2 = rng.normal(0.0, scale / np.sqrt(hidden), hidden)
    return pack_network(W1, b1, W2, 0.0)


def network_predict(w, x):
    r"""The network's output at each input.

    .. math::

        \hat y_i = \sum_{j=1}^{h} W2_j \tanh(W1_j x_i + b1_j) + b2

    Parameters
    ----------
    w : array_like, shape (3 h + 1,)
        The packed weights.
    x : array_like, shape (n,)

    Returns
    -------
    ndarray, shape (n,)

    Examples
    --------
    One unit, :math:`\hat y = 2 \tanh(x) + 1`:

    >>> network_predict([1.0, 0.0, 2.0, 1.0], [0.0, 100.0])
    array([1., 3.])
    """
    W1, b1, W2, b2 = unpack_network(w)
    x = as_data("x", x)
    # One row per input, one column per hidden unit.
    return np.tanh(np.outer(x, W1) + b1) @ W2 + b2


def network_loss(w, x, y):
    r"""Mean squared error of the network on the data (x, y).

    .. math::

        L(w) = \frac{1}{n} \sum_{i=1}^{n} \bigl(\hat y_i - y_i\bigr)^2

    Parameters
    ----------
    w : array_like, shape (3 h + 1,)
    x, y : array_like, shape (n,)

    Returns
    -------
    float

    Examples
    --------
    >>> network_loss([1.0, 0.0, 2.0, 1.0], [0.0, 100.0], [1.0, 1.0])
    2.0
    """
    x, y = as_pair("x", x, "y", y)
    return float(np.mean((network_predict(w, x) - y) ** 2))


def network_gradient(w, x, y):
    r"""The gradient of :func:`network_loss`, by backpropagation.

    The forward pass computes, for each input :math:`x_i` and hidden unit j,

    .. math::

        z_{ij} = W1_j x_i + b1_j, \qquad a_{ij} = \tanh z_{ij}, \qquad
        \hat y_i = \sum_j W2_j a_{ij} + b2, \qquad
        L = \frac{1}{n} \sum_i (\hat y_i - y_i)^2 .

    The backward pass applies the chain rule from the loss back to each weight, reusing what
    the forward pass kept (with :math:`\tanh' z = 1 - \tanh^2 z`):

    .. math::

        \frac{\partial L}{\partial \hat y_i} = \frac{2}{n}(\hat y_i - y_i), \qquad
        \frac{\partial L}{\partial b2} = \sum_i \frac{\partial L}{\partial \hat y_i}, \qquad
        \frac{\partial L}{\partial W2_j} = \sum_i \frac{\partial L}{\partial \hat y_i} a_{ij},

        \frac{\partial L}{\partial z_{ij}}
            = \frac{\partial L}{\partial \hat y_i} \, W2_j \, (1 - a_{ij}^2), \qquad
        \frac{\partial L}{\partial b1_j} = \sum_i \frac{\partial L}{\partial z_{ij}}, \qquad
        \frac{\partial L}{\partial W1_j} = \sum_i \frac{\partial L}{\partial z_{ij}} x_i .

    Each derivative is one multiplication away from the one before: that is why
    backpropagation costs about as much as the forward pass, however many weights there are.

    Parameters
    ----------
    w : array_like, shape (3 h + 1,)
    x, y : array_like, shape (n,)

    Returns
    -------
    ndarray, shape (3 h + 1,)
        Packed like `w`.

    Examples
    --------
    >>> from gdcore import numerical_gradient
    >>> w, x, y = init_network(hidden=3), [-1.0, 0.5, 2.0], [0.0, 1.0, -1.0]
    >>> backprop = network_gradient(w, x, y)
    >>> finite_differences = numerical_gradient(lambda v: network_loss(v, x, y), w)
    >>> bool(np.allclose(backprop, finite_differences, atol=1e-8))
    True
    """
    W1, b1, W2, b2 = unpack_network(w)
    x, y = as_pair("x", x, "y", y)

    # Forward pass, keeping every intermediate the backward pass needs.
    z = np.outer(x, W1) + b1  # (n, h): what goes into each hidden unit
    a = np.tanh(z)  # (n, h): what comes out of it
    y_hat = a @ W2 + b2  # (n,): the network's prediction

    # Backward pass: the chain rule, from the loss back to each weight.
    d_y_hat = 2 * (y_hat - y) / len(x)  # ∂L/∂ŷ_i
    d_b2 = np.sum(d_y_hat)  # ŷ_i moves one for one with b2
    d_W2 = a.T @ d_y_hat  # ŷ_i moves by a_ij per unit of W2_j
    d_a = np.outer(d_y_hat, W2)  # ∂L/∂a_ij: ŷ_i moves by W2_j per unit of a_ij
    d_z = d_a * (1 - a**2)  # through tanh: its slope is 1 - tanh²
    d_b1 = np.sum(d_z, axis=0)  # z_ij moves one for one with b1_j
    d_W1 = x @ d_z  # z_ij moves by x_i per unit of W1_j

    return pack_network(d_W1, d_b1, d_W2, d_b2)
