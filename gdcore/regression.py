r"""Fitting a line y = m x + b: its loss, the loss's gradient and Hessian, and its minimum.

The loss throughout is the mean squared error

.. math::

    L(m, b) = \frac{1}{n} \sum_{i=1}^{n} \bigl(y_i - (m x_i + b)\bigr)^2 .

``m`` and ``b`` may be arrays of the same shape (a grid of candidate lines, say): the loss and
its gradient are then computed for every pair at once. The vector form of the same model,
:math:`\hat y = X w` for several features and polynomials, is :mod:`gdcore.linear_model`.
"""

import math

import numpy as np

from ._validate import as_data, as_finite, as_pair
from .landscapes import Landscape

__all__ = [
    "least_squares",
    "mse",
    "mse_batch_gradient",
    "mse_gradient",
    "mse_hessian",
    "mse_landscape",
    "predict",
]


def _as_line(m, b):
    """Return m and b as float arrays of one shape, each with a trailing axis for the data."""
    m, b = as_finite("m", m), as_finite("b", b)
    try:
        m, b = np.broadcast_arrays(m, b)
    except ValueError:
        raise ValueError(f"m and b must have the same shape, got {m.shape} and {b.shape}") from None
    return m[..., None], b[..., None]


# Lines are taken this many (line, data point) pairs at a time: a grid of lines times a large
# data set would otherwise need memory for every pair at once (a 200 × 200 grid of lines on
# 5,000 points is 1.6 GB per temporary array); a block is half a megabyte.
_BLOCK = 2**16


def _per_line(m, b, x, y, reduce):
    """Apply ``reduce(residuals, x)`` to each line's residuals, a block of lines at a time.

    Returns a list of arrays of the shape of `m`, one per output of `reduce`.
    """
    m, b = _as_line(m, b)
    shape = m.shape[:-1]
    m, b = m.reshape(-1, 1), b.reshape(-1, 1)
    rows = max(1, _BLOCK // len(x))
    blocks = [reduce(y - (m[i : i + rows] * x + b[i : i + rows]), x)
              for i in range(0, max(len(m), 1), rows)]
    return [np.concatenate(parts).reshape(shape) for parts in zip(*blocks, strict=True)]


def _scalar(value):
    """Return a 0-d array as a Python float, anything else unchanged."""
    return float(value) if np.ndim(value) == 0 else value


def predict(m, b, x):
    r"""The line's prediction :math:`\hat y_i = m x_i + b` at each `x`.

    Parameters
    ----------
    m, b : float or array_like
        Slope and intercept (arrays of one shape for many lines at once).
    x : array_like, shape (n,)
        Inputs.

    Returns
    -------
    ndarray, shape ``m.shape + (n,)``

    Examples
    --------
    >>> predict(2.0, 1.0, [0, 1, 2])
    array([1., 3., 5.])
    """
    x = as_data("x", x)
    m, b = _as_line(m, b)
    return m * x + b


def mse(m, b, x, y):
    r"""Mean squared error of the line y = m x + b on the data (x, y).

    .. math::

        L(m, b) = \frac{1}{n} \sum_{i=1}^{n} \bigl(y_i - (m x_i + b)\bigr)^2

    Parameters
    ----------
    m, b : float or array_like
        Slope and intercept (arrays of one shape for many lines at once).
    x, y : array_like, shape (n,)
        The data.

    Returns
    -------
    float, or ndarray of the shape of `m`

    Examples
    --------
    >>> mse(2.0, 1.0, [0, 1, 2], [1, 3, 5])
    0.0
    >>> mse(0.0, 0.0, [0, 1, 2], [1, 3, 5])
    11.666666666666666
    """
    x, y = as_pair("x", x, "y", y)
    (loss,) = _per_line(m, b, x, y, lambda residual, x: (np.mean(residual**2, axis=-1),))
    return _scalar(loss)


def mse_gradient(m, b, x, y):
    r"""The partial derivatives of :func:`mse` with respect to m and b.

    .. math::

        \frac{\partial L}{\partial m}
            = -\frac{2}{n} \sum_{i=1}^{n} x_i \bigl(y_i - (m x_i + b)\bigr),
        \qquad
        \frac{\partial L}{\partial b} = -\frac{2}{n} \sum_{i=1}^{n} \bigl(y_i - (m x_i + b)\bigr)

    Parameters
    ----------
    m, b : float or array_like
        Slope and intercept (arrays of one shape for many lines at once).
    x, y : array_like, shape (n,)
        The data.

    Returns
    -------
    (dL_dm, dL_db) : tuple of float, or of ndarray of the shape of `m`

    Examples
    --------
    >>> mse_gradient(0.0, 0.0, [0, 1, 2], [1, 3, 5])
    (-8.666666666666666, -6.0)
    """
    x, y = as_pair("x", x, "y", y)
    dL_dm, dL_db = _per_line(m, b, x, y, lambda residual, x: (
        -2 * np.mean(x * residual, axis=-1), -2 * np.mean(residual, axis=-1)))
    return _scalar(dL_dm), _scalar(dL_db)


def _as_line_weights(w):
    """Return the line `w` = (m, b) as two finite floats, or say by name what is wrong.

    Stochastic descent calls a batch gradient thousands of times, always with a float array
    of two: that case costs two float checks; anything else goes through the full check.
    """
    if not (isinstance(w, np.ndarray) and w.dtype == np.float64 and w.shape == (2,)):
        w = as_finite("w", w)  # None, strings, complex numbers, NaN and inf are named here
        if w.shape != (2,):
            raise ValueError(f"w must be a line (m, b): two numbers, got shape {w.shape}")
    m, b = w.tolist()  # Python floats: quicker to check than NumPy scalars
    if not (math.isfinite(m) and math.isfinite(b)):
        raise ValueError("w must contain only finite numbers (found NaN or inf)")
    return m, b


def _indices_expected(n):
    return f"indices must be whole numbers between 0 and {n - 1}"


def _as_batch(indices, n):
    """Return `indices` as a non-empty 1-D integer array, none of them negative.

    Checked cheaply, on the array's kind and its least value, since stochastic descent asks
    for thousands of batches; an index past the end is left to the caller (see
    :func:`_gather`).
    """
    if not isinstance(indices, np.ndarray):
        if isinstance(indices, (str, bytes)):
            raise TypeError(f"{_indices_expected(n)}, not a string")
        try:
            indices = np.asarray(indices)
        except (TypeError, ValueError) as error:
            what = "a ragged list" if "inhomogeneous" in str(error) else type(indices).__name__
            raise TypeError(f"{_indices_expected(n)}, got {what}") from None
    if indices.size == 0:
        raise ValueError("indices must name at least one data point")
    kind = indices.dtype.kind
    if kind not in "iu":
        if kind == "b":
            # NumPy would read booleans as a mask; a learner may mean 0 and 1. Neither guess
            # is safe, so say how to turn a mask into indices.
            raise TypeError(f"{_indices_expected(n)}, not booleans (to pick the points where "
                            f"a mask is True, pass np.flatnonzero(mask))")
        if kind == "O" and indices.ndim == 0 and indices.item() is None:
            raise TypeError(f"{_indices_expected(n)}, got None")
        what = {"f": "floats", "c": "complex numbers", "U": "strings", "S": "strings",
                "O": "values NumPy cannot store as integers"}
        raise TypeError(f"{_indices_expected(n)}, got {what.get(kind, indices.dtype)}")
    if indices.ndim != 1:
        if indices.ndim != 0:
            raise ValueError(f"indices must be a 1-dimensional array of whole numbers, got "
                             f"shape {indices.shape}")
        indices = indices.reshape(1)  # a single index: a batch of one
    # NumPy would count a negative index from the end: a batch [-1] would silently be the
    # last point, a wrong answer rather than an error.
    low = indices.min()
    if low < 0:
        raise ValueError(f"{_indices_expected(n)}, got {low}")
    return indices


def _gather(values, indices):
    """``values[indices]`` for indices that are not negative, naming one past the end."""
    try:
        return values[indices]
    except IndexError:
        raise ValueError(f"{_indices_expected(len(values))}, got {indices.max()}") from None


def mse_batch_gradient(x, y):
    r"""The gradient of :func:`mse` on a batch of the data, for :func:`gdcore.stochastic_descent`.

    Returns a function of the line ``w = (m, b)`` and the indices of a batch :math:`B`: the
    gradient of the loss on those points alone, the same formula as :func:`mse_gradient` with
    the mean taken over the batch,

    .. math::

        \frac{\partial L_B}{\partial m}
            = -\frac{2}{|B|} \sum_{i \in B} x_i \bigl(y_i - (m x_i + b)\bigr),
        \qquad
        \frac{\partial L_B}{\partial b}
            = -\frac{2}{|B|} \sum_{i \in B} \bigl(y_i - (m x_i + b)\bigr).

    On all the indices it is :func:`mse_gradient`.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        The data.

    Returns
    -------
    callable
        ``batch_gradient(w, indices) -> ndarray`` of shape (2,), :math:`(\partial L_B/\partial m,
        \partial L_B/\partial b)`, where

        - `w` is the line: two finite numbers (m, b);
        - `indices` is a non-empty 1-D array of integers from 0 to n - 1 (a single integer is a
          batch of one). An index may appear more than once: that point then counts twice.

        Anything else raises ``TypeError`` (floats, even whole ones like ``2.0``; booleans,
        which NumPy would read as a mask: pass ``np.flatnonzero(mask)``) or ``ValueError``
        (an empty batch, a 2-D array, an index out of range). Negative indices are refused
        too: NumPy would count them from the end, and a batch ``[-1]`` would silently be the
        last point. Its attribute ``n`` is the number of data points, which
        :func:`gdcore.stochastic_descent` checks its own `n` against.

    Examples
    --------
    >>> batch_gradient = mse_batch_gradient([0, 1, 2], [1, 3, 5])
    >>> batch_gradient([0.0, 0.0], [0, 1, 2])
    array([-8.66666667, -6.        ])
    >>> batch_gradient([0.0, 0.0], [2])
    array([-20., -10.])
    >>> batch_gradient([0.0, 0.0], [-1])
    Traceback (most recent call last):
        ...
    ValueError: indices must be whole numbers between 0 and 2, got -1
    """
    x, y = as_pair("x", x, "y", y)
    n = len(x)

    def batch_gradient(w, indices):
        m, b = _as_line_weights(w)
        indices = _as_batch(indices, n)
        xb, yb = _gather(x, indices), y[indices]
        residual = yb - (m * xb + b)
        return np.array([-2 * np.mean(xb * residual), -2 * np.mean(residual)])

    batch_gradient.n = n
    return batch_gradient


def mse_hessian(x):
    r"""The Hessian of :func:`mse` in (m, b); it does not depend on y, m or b.

    .. math::

        H = \frac{2}{n} \begin{pmatrix} \sum x_i^2 & \sum x_i \\ \sum x_i & n \end{pmatrix}

    Its eigenvalues set how large a learning rate may be (see :mod:`gdcore.theory`).

    Parameters
    ----------
    x : array_like, shape (n,)

    Returns
    -------
    ndarray, shape (2, 2)

    Examples
    --------
    >>> mse_hessian([0, 1, 2])
    array([[3.33333333, 2.        ],
           [2.        , 2.        ]])
    """
    x = as_data("x", x)
    mean_x = x.mean()
    return 2 * np.array([[np.mean(x**2), mean_x], [mean_x, 1.0]])


def least_squares(x, y):
    r"""The slope and intercept that minimise :func:`mse`, in closed form.

    .. math::

        m = \frac{\sum (x_i - \bar x)(y_i - \bar y)}{\sum (x_i - \bar x)^2},
        \qquad b = \bar y - m \bar x

    Parameters
    ----------
    x, y : array_like, shape (n,)
        The data; `x` must take at least two different values.

    Returns
    -------
    (m, b) : tuple of float

    Examples
    --------
    >>> least_squares([0, 1, 2], [1, 3, 5])
    (2.0, 1.0)
    """
    x, y = as_pair("x", x, "y", y)
    dx = x - x.mean()
    spread = np.sum(dx**2)
    if spread == 0:
        raise ValueError("x must take at least two different values to determine a line")
    m = np.sum(dx * (y - y.mean())) / spread
    return float(m), float(y.mean() - m * x.mean())


def mse_landscape(x, y):
    r"""The loss :func:`mse` over the plane of (m, b), as a :class:`~gdcore.Landscape`.

    The loss is quadratic in (m, b), so its gradient is affine, :math:`H w - c` with
    :math:`c = \frac{2}{n}(\sum x_i y_i, \sum y_i)`: the same numbers as :func:`mse_gradient`,
    cheap enough to evaluate for a thousand learning rates at once.

    Its value is computed from a few sums of the data, not from the data, so that a contour
    grid costs the same for 20 points or 20,000. Around the least-squares line
    :math:`(m^*, b^*)`, with residuals :math:`r_i`, :math:`u = m - m^*`,
    :math:`v = b - b^*` and :math:`p = u \bar x + v`,

    .. math::

        L(m, b) = \overline{r^2} + u^2 \,\overline{(x - \bar x)^2} + p^2
                  - 2u\,\overline{r (x - \bar x)} - 2p\,\bar r
                  + 2up\,\overline{(x - \bar x)},

    where a bar is a mean over the data. The last three terms vanish but for round-off (they
    are kept, so the identity is exact); the first three are never negative, so nothing large
    cancels, and the grid is as accurate as the direct sum.

    Parameters
    ----------
    x, y : array_like, shape (n,)

    Returns
    -------
    Landscape
        With ``hessian`` set, ``minima`` the least-squares line, a ``window`` around it, and
        the coordinates labelled ``("slope m", "intercept b")``.

    Examples
    --------
    >>> land = mse_landscape([0, 1, 2], [1, 3, 5])
    >>> land.minima
    array([[2., 1.]])
    >>> land.gradient([0.0, 0.0])
    array([-8.66666667, -6.        ])
    >>> round(land.value([0.0, 0.0]), 12), mse(0.0, 0.0, [0, 1, 2], [1, 3, 5])
    (11.666666666667, 11.666666666666666)
    """
    x, y = as_pair("x", x, "y", y)
    optimum = np.array(least_squares(x, y))
    hessian = mse_hessian(x)
    c = 2 * np.array([np.mean(x * y), np.mean(y)])

    # The few sums the value needs (see the docstring), each computed once.
    mean_x = x.mean()
    dx = x - mean_x
    residual = y - (optimum[0] * x + optimum[1])
    floor, spread = np.mean(residual**2), np.mean(dx**2)
    r_dx, r_mean, dx_mean = np.mean(residual * dx), np.mean(residual), np.mean(dx)

    def value(w):
        w = np.asarray(w, dtype=float)
        # Far out (a diverged walk) the loss may be larger than a float: that is inf.
        with np.errstate(over="ignore", invalid="ignore"):
            u, v = w[..., 0] - optimum[0], w[..., 1] - optimum[1]
            p = u * mean_x + v
            loss = (floor + u**2 * spread + p**2
                    - 2 * (u * r_dx + p * r_mean) + 2 * u * p * dx_mean)
        # The round-off terms may push an exact fit (a loss of 0) a hair below zero.
        return _scalar(np.maximum(loss, 0.0))

    def gradient(w):
        return np.asarray(w, dtype=float) @ hessian - c

    # A window that holds the optimum and the origin (a natural start), with a margin.
    low = np.minimum(optimum, 0) - 0.5 * np.abs(optimum) - 1
    high = np.maximum(optimum, 0) + 0.5 * np.abs(optimum) + 1
    return Landscape(
        name="mean squared error",
        value=value,
        gradient=gradient,
        minima=optimum[None, :],
        window=np.column_stack([low, high]),
        hessian=hessian,
        labels=("slope m", "intercept b"),
    )
