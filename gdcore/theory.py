r"""What the curvature predicts about a learning rate, before any step is taken.

Near a minimum a loss is a quadratic bowl with Hessian :math:`H`. Along an eigenvector of
:math:`H` with eigenvalue :math:`\lambda` one step multiplies the distance to the minimum by
:math:`1 - \eta\lambda`, so the walk shrinks, at worst, by

.. math::

    \rho(\eta) = \max_i \lvert 1 - \eta \lambda_i \rvert

per step. It converges when :math:`\rho < 1`, that is when :math:`\eta < 2/\lambda_{max}`,
and it is fastest at :math:`\eta^* = 2/(\lambda_{min} + \lambda_{max})`, where
:math:`\rho^* = (\kappa - 1)/(\kappa + 1)` with :math:`\kappa = \lambda_{max}/\lambda_{min}`.

The four regimes of a learning rate, as the lessons name them:

``"crawl"``
    too small: below the fast band, every direction shrinks slowly and in one sign;
``"fast"``
    each step shrinks the error at least as well as :data:`FAST_CONTRACTION`, or needs at
    most twice the steps of the best rate (:math:`\rho \le \sqrt{\rho^*}`), whichever band is
    wider;
``"oscillating"``
    above the fast band but below the wall: the steepest direction overshoots, flipping sign
    each step, and still shrinks;
``"diverging"``
    :math:`\eta \ge 2/\lambda_{max}`: the steepest direction grows (or, at the wall, never
    shrinks).
"""

import numpy as np

from ._validate import as_count, as_finite, as_hessian, as_number, as_positive, as_vector

__all__ = [
    "FAST_CONTRACTION",
    "REGIMES",
    "contraction",
    "critical_learning_rate",
    "curvatures",
    "measured_contraction",
    "optimal_learning_rate",
    "regime",
    "regime_boundaries",
    "steps_to_reduce",
]

FAST_CONTRACTION = 0.75
"""A rate whose steps each remove at least a quarter of the error counts as fast."""

REGIMES = ("crawl", "fast", "oscillating", "diverging")


def curvatures(hessian):
    r"""The smallest and largest eigenvalue of a Hessian, :math:`(\lambda_{min}, \lambda_{max})`.

    Parameters
    ----------
    hessian : array_like, shape (d, d), or float
        Symmetric, with no negative eigenvalue and a positive largest one (a bowl). A number
        is the curvature of a function of one variable (the 1 × 1 Hessian).

    Returns
    -------
    (float, float)

    Examples
    --------
    >>> curvatures([[1.0, 0.0], [0.0, 3.0]])
    (1.0, 3.0)
    """
    eigenvalues = np.linalg.eigvalsh(as_hessian("hessian", hessian))
    low, high = float(eigenvalues[0]), float(eigenvalues[-1])
    # Round-off can leave a flat direction at -1e-17; only a real dip is an error.
    if low < -1e-12 * max(abs(high), 1.0):
        raise ValueError(
            f"hessian has a negative eigenvalue ({low:.3g}): the point is not a minimum"
        )
    if high <= 0:
        raise ValueError("hessian has no positive eigenvalue: the loss has no bowl to descend")
    return max(low, 0.0), high


def critical_learning_rate(hessian):
    r"""The learning rate above which gradient descent diverges, :math:`2/\lambda_{max}`.

    Examples
    --------
    On :math:`L(w) = w^2` the Hessian is 2 and the wall is at 1.

    >>> critical_learning_rate([[2.0]]), critical_learning_rate(2.0)
    (1.0, 1.0)
    """
    return 2 / curvatures(hessian)[1]


def optimal_learning_rate(hessian):
    r"""The fixed learning rate that shrinks the error fastest.

    .. math::

        \eta^* = \frac{2}{\lambda_{min} + \lambda_{max}}

    Examples
    --------
    >>> optimal_learning_rate([[1.0, 0.0], [0.0, 3.0]])
    0.5
    """
    return 2 / sum(curvatures(hessian))


def contraction(hessian, learning_rate):
    r"""The factor by which one step shrinks the distance to the minimum, at worst.

    .. math::

        \rho(\eta) = \max_i \lvert 1 - \eta \lambda_i \rvert

    Parameters
    ----------
    hessian : array_like, shape (d, d)
    learning_rate : float

    Returns
    -------
    float
        Below 1 the walk converges; at or above 1 it does not.

    Examples
    --------
    >>> contraction([[1.0, 0.0], [0.0, 3.0]], 0.5)
    0.5
    """
    low, high = curvatures(hessian)
    eta = as_positive("learning_rate", learning_rate)
    return max(abs(1 - eta * low), abs(1 - eta * high))


def steps_to_reduce(hessian, learning_rate, factor):
    r"""The steps predicted to shrink the error by `factor`.

    The least whole k with :math:`\rho(\eta)^k \le` `factor`.

    Parameters
    ----------
    hessian : array_like, shape (d, d)
    learning_rate : float
    factor : float
        The reduction wanted, between 0 and 1 (1e-6 for "a millionth of the start").

    Returns
    -------
    float
        A whole number of steps, or ``inf`` when the rate does not converge.

    Examples
    --------
    >>> steps_to_reduce([[1.0, 0.0], [0.0, 3.0]], 0.5, 1e-6)
    20.0
    """
    factor = as_number("factor", factor)
    if not 0 < factor < 1:
        raise ValueError(f"factor must be between 0 and 1, got {factor}")
    rho = contraction(hessian, learning_rate)
    if rho >= 1:
        return float("inf")
    if rho == 0:
        return 1.0
    return float(np.ceil(np.log(factor) / np.log(rho) - 1e-9))


def regime_boundaries(hessian):
    r"""The learning rates where the regime changes: crawl | fast | oscillating | diverging.

    Returns
    -------
    (float, float, float)
        The start of the fast band, its end, and the critical rate :math:`2/\lambda_{max}`.
        With a flat direction (:math:`\lambda_{min} = 0`) nothing is fast: the first two
        are equal.

    Examples
    --------
    On :math:`L(w) = w^2`: crawl below 0.125, fast to 0.875, oscillating to 1, then diverging.

    >>> regime_boundaries([[2.0]])
    (0.125, 0.875, 1.0)
    """
    low, high = curvatures(hessian)
    rho_best = (high - low) / (high + low)
    rho_fast = max(FAST_CONTRACTION, np.sqrt(rho_best))
    # Solve rho(eta) = rho_fast on each side of the best rate.
    fast_start = (1 - rho_fast) / low if low > 0 else np.inf
    fast_end = (1 + rho_fast) / high
    return float(min(fast_start, fast_end)), float(fast_end), 2 / high


def regime(hessian, learning_rate):
    """Which of crawl, fast, oscillating or diverging a learning rate falls in.

    Parameters
    ----------
    hessian : array_like, shape (d, d)
    learning_rate : float

    Returns
    -------
    str
        One of :data:`REGIMES`.

    Examples
    --------
    >>> [regime([[2.0]], eta) for eta in (0.05, 0.2, 0.95, 1.1)]
    ['crawl', 'fast', 'oscillating', 'diverging']
    """
    eta = as_positive("learning_rate", learning_rate)
    fast_start, fast_end, critical = regime_boundaries(hessian)
    if eta >= critical:
        return "diverging"
    if eta > fast_end:
        return "oscillating"
    if eta >= fast_start:
        return "fast"
    return "crawl"


def measured_contraction(path, minimum, window=20):
    r"""The shrink per step a walk actually showed, over its last `window` steps.

    .. math::

        \hat\rho = \left(\frac{\lVert w_k - w^* \rVert}{\lVert w_{k-j} - w^* \rVert}\right)^{1/j},
        \qquad j = \min(\text{window}, k)

    Compare it with :func:`contraction`, the theory's prediction. Early on, the two can
    differ: the prediction is for the slowest direction, which takes some steps to dominate.

    Parameters
    ----------
    path : array_like, shape (k + 1, d)
    minimum : array_like, shape (d,)
    window : int, default 20

    Returns
    -------
    float
        ``nan`` for a path of a single point, or one that starts at the minimum.

    Examples
    --------
    >>> measured_contraction([[1.0], [0.5], [0.25]], [0.0])
    0.5
    """
    path = as_finite("path", path)
    if path.ndim == 1:  # the walk of a function of one variable
        path = path[:, None]
    if path.ndim != 2 or len(path) == 0:
        raise ValueError(f"path must have shape (k + 1, d), got shape {path.shape}")
    minimum = as_vector("minimum", minimum)
    if minimum.shape != path.shape[1:]:
        raise ValueError(
            f"minimum must have {path.shape[1]} coordinates, as each point of the path, got "
            f"{len(minimum)}"
        )
    window = as_count("window", window)
    if window < 1:
        raise ValueError(f"window must be at least 1, got {window}")
    error = np.linalg.norm(path - minimum, axis=1)
    j = min(window, len(error) - 1)
    if j < 1 or error[-1 - j] == 0:
        return float("nan")
    return float((error[-1] / error[-1 - j]) ** (1 / j))
