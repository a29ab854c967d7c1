r"""What the curvature predicts about a learning rate, before any step is taken.

Near a minimum a loss is a quadratic bowl with Hessian :math:`H`. Along an eigenvector of
:math:`H` with eigenvalue :math:`\lambda` one step multiplies the distance to the minimum by
:math:`1 - \eta\lambda`, so the walk shrinks, at worst, by

.. math::

    \rho(\eta) = \max_i \lvert 1 - \eta \lambda_i \rvert

per step. It converges when :math:`\rho < 1`, that is when :math:`\eta < 2/\lambda_{max}`,
and it is fastest at :math:`\eta^* = 2/(\lambda_{min} + \lambda_{max})`, where
:math:`\rho^* = (\kappa - 1)/(\kappa + 1)` with :math:`\kappa = \lambda_{max}/\lambda_{min}`.

The four regimes of a learning rate, as the lessons name them (:data:`REGIMES`). Each is a
thing a learner can see on the path; the first that applies names the rate:

``"diverging"``
    :math:`\eta \ge 2/\lambda_{max}` (the wall). Along the steepest direction each step jumps
    across the valley and lands further out than it started (exactly at the wall: as far
    out, for ever).
``"zig-zag"``
    :math:`1/\lambda_{max} < \eta < 2/\lambda_{max}`. Along the steepest direction each step
    overshoots the valley floor and lands on the other side (the factor
    :math:`1 - \eta\lambda_{max}` is negative), the jumps shrinking. The best fixed rate
    :math:`2/(\lambda_{min} + \lambda_{max})` is in this band whenever
    :math:`\lambda_{min} < \lambda_{max}`: the fastest walk zig-zags.
``"crawl"``
    :math:`\eta \le 1/\lambda_{max}`, and each step takes less than 1% off what is left of
    the distance along the flattest direction: :math:`1 - \eta\lambda_{min} >`
    :data:`CRAWL_CONTRACTION`, that is :math:`\eta < 0.01/\lambda_{min}`.
``"smooth"``
    the rest of :math:`\eta \le 1/\lambda_{max}`: every direction approaches its floor from
    one side, never crossing it, and each step takes at least 1% off.

:data:`REGIME_MEANINGS` says the same in one line per regime, for status lines, legends and
feedback.
"""

import numpy as np

from ._validate import as_count, as_finite, as_hessian, as_number, as_positive, as_vector

__all__ = [
    "CRAWL_CONTRACTION",
    "REGIMES",
    "REGIME_MEANINGS",
    "contraction",
    "critical_learning_rate",
    "curvatures",
    "measured_contraction",
    "optimal_learning_rate",
    "principal_directions",
    "regime",
    "regime_boundaries",
    "steps_to_reduce",
]

CRAWL_CONTRACTION = 0.99
"""A rate whose steps each keep more than this share of the distance left along the flattest
direction (take less than 1% off) crawls."""

REGIMES = ("crawl", "smooth", "zig-zag", "diverging")
"""The regimes in order of the learning rate, smallest first."""

REGIME_MEANINGS = {
    "crawl": "each step takes less than 1% off the distance left along the flattest direction",
    "smooth": "every direction nears its floor from one side, at least 1% a step",
    "zig-zag": "each step crosses the floor along the steepest direction and lands nearer",
    "diverging": "each step crosses the floor along the steepest direction and lands no nearer",
}
"""What each regime looks like on the path, in one line: the words status lines, the sweep's
legend and the exercises' feedback use."""


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


def principal_directions(hessian):
    r"""The Hessian's unit eigenvectors, flattest first: the axes of the bowl's rings.

    Along each, the slope points straight back at the bottom, and one step of gradient
    descent multiplies the error by its own factor :math:`1 - \eta\lambda_i`. An
    eigenvector's sign is arbitrary; each is returned with its first coordinate that is not
    zero (beyond rounding) positive, so that the same Hessian always gives the same arrows.

    Parameters
    ----------
    hessian : array_like, shape (d, d)
        Symmetric, as for :func:`curvatures`.

    Returns
    -------
    ndarray, shape (d, d)
        Row i is the unit eigenvector of the i-th smallest eigenvalue (the order of
        :func:`curvatures`): the error along it is ``directions @ (w - w_star)``.

    Examples
    --------
    >>> principal_directions([[3.0, 0.0], [0.0, 1.0]])
    array([[0., 1.],
           [1., 0.]])
    >>> principal_directions([[2.0, 1.0], [1.0, 2.0]]).round(4)  # λ = 1, then 3
    array([[ 0.7071, -0.7071],
           [ 0.7071,  0.7071]])
    """
    curvatures(hessian)  # a bowl, or a clear error
    directions = np.linalg.eigh(as_hessian("hessian", hessian))[1].T
    # One sign, whatever LAPACK chose: a unit vector has a coordinate of at least 1/sqrt(d),
    # so 1e-9 tells a real coordinate from a rounding error's.
    lead = directions[np.arange(len(directions)), np.argmax(np.abs(directions) > 1e-9, axis=1)]
    return directions * np.where(lead < 0, -1.0, 1.0)[:, None]


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
    r"""The learning rates where the regime changes: crawl | smooth | zig-zag | diverging.

    Returns
    -------
    (float, float, float)
        The end of the crawl, :math:`\min(0.01/\lambda_{min}, 1/\lambda_{max})`; the start of
        the zig-zag, :math:`1/\lambda_{max}`; and the wall, :math:`2/\lambda_{max}`, where
        diverging starts. With a flat direction (:math:`\lambda_{min} = 0`), or a condition
        number above 100, every rate up to :math:`1/\lambda_{max}` crawls: the first two are
        equal and no rate is smooth.

    Examples
    --------
    On :math:`L(w) = w^2` (:math:`\lambda = 2`): crawl below 0.005, smooth to 0.5, zig-zag
    to 1, diverging from 1.

    >>> [round(eta, 9) for eta in regime_boundaries([[2.0]])]
    [0.005, 0.5, 1.0]
    >>> regime_boundaries([[0.0, 0.0], [0.0, 2.0]])  # a flat direction: crawl to 1/λmax
    (0.5, 0.5, 1.0)
    """
    low, high = curvatures(hessian)
    zig_zag_start = 1 / high
    return float(min(_crawl_end(low), zig_zag_start)), zig_zag_start, 2 / high


_ROUNDING = 1e-12  # relative: far above the eigenvalues' rounding, far below any real choice


def _crawl_end(low):
    """The rate below which a step takes less than 1% off along the flattest direction."""
    return (1 - CRAWL_CONTRACTION) / low if low > 0 else np.inf


def regime(hessian, learning_rate):
    """Which of crawl, smooth, zig-zag or diverging a learning rate falls in.

    The first that applies, in the order diverging, zig-zag, crawl, smooth: see the module's
    introduction for what each means on the path.

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
    >>> [regime([[2.0]], eta) for eta in (0.001, 0.2, 0.7, 1.0)]
    ['crawl', 'smooth', 'zig-zag', 'diverging']

    A rate on a border up to rounding is on it: the best rate of a round bowl is smooth.

    >>> regime([[2.0000000000000004, 0.0], [0.0, 2.0]], 0.5)
    'smooth'

    """
    eta = as_positive("learning_rate", learning_rate)
    low, high = curvatures(hessian)
    # A rate on a border up to rounding counts as on it: a round bowl's λmax may come out as
    # 2.0000000000000004, and its best rate 0.5 must not zig-zag because of the last bit.
    if eta >= 2 / high * (1 - _ROUNDING):
        return "diverging"
    if eta > 1 / high * (1 + _ROUNDING):
        return "zig-zag"
    if eta < _crawl_end(low):
        return "crawl"
    return "smooth"


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
