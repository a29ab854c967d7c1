r"""Gradient descent: take a step against the slope, again and again.

Every function here runs the plain full-batch update

.. math::

    w_{k+1} = w_k - \eta \, \nabla L(w_k),

the update of ``torch.optim.SGD`` without momentum, and returns the whole path. Nothing is
printed. A run ends in one of three ways:

``"converged"``
    the gradient's length fell to `tolerance` or below;
``"diverged"``
    the gradient grew to `divergence_factor` times its starting length, or a number
    overflowed: the run stops there, and the path holds only finite points;
``"max_steps"``
    neither happened within `steps` steps.
"""

from dataclasses import dataclass

import numpy as np

from ._validate import as_callable, as_count, as_data, as_number, as_positive, as_vector

__all__ = ["DescentResult", "SweepResult", "gradient_descent", "learning_rate_sweep"]

STATUSES = ("converged", "diverged", "max_steps")


@dataclass(frozen=True)
class DescentResult:
    """What a run of gradient descent did.

    Attributes
    ----------
    path : ndarray, shape (k + 1, d)
        Every point visited; row 0 is the start, row k the last finite point.
    losses : ndarray, shape (k + 1,), or None
        The loss at each point of the path, when a loss function was given.
    gradient_norms : ndarray, shape (k + 1,)
        The length of the gradient at each point of the path.
    status : str
        ``"converged"``, ``"diverged"`` or ``"max_steps"``.
    learning_rate : float
    """

    path: np.ndarray
    losses: np.ndarray | None
    gradient_norms: np.ndarray
    status: str
    learning_rate: float

    @property
    def steps(self):
        """The number of steps taken, k."""
        return len(self.path) - 1

    @property
    def final(self):
        """The last point of the path."""
        return self.path[-1]

    def first(self, k):
        """The run as it stood after its first `k` steps (all of it when `k` is larger).

        Examples
        --------
        >>> run = gradient_descent(lambda w: 2 * w, 1.0, 0.25, 100, tolerance=1e-3)
        >>> run.status, run.first(3).status, run.first(3).path.ravel()
        ('converged', 'max_steps', array([1.   , 0.5  , 0.25 , 0.125]))
        """
        k = as_count("k", k)
        if k >= self.steps:
            return self
        losses = None if self.losses is None else self.losses[: k + 1]
        return DescentResult(self.path[: k + 1], losses, self.gradient_norms[: k + 1],
                             "max_steps", self.learning_rate)


def _check_common(learning_rate, steps, tolerance, divergence_factor):
    return (
        as_positive("learning_rate", learning_rate),
        as_count("steps", steps),
        _as_tolerance(tolerance),
        _as_divergence_factor(divergence_factor),
    )


def _as_tolerance(tolerance):
    tolerance = as_number("tolerance", tolerance)
    if tolerance < 0:
        raise ValueError(f"tolerance must not be negative, got {tolerance}")
    return tolerance


def _as_divergence_factor(factor):
    factor = as_positive("divergence_factor", factor)
    if factor <= 1:
        raise ValueError(f"divergence_factor must be greater than 1, got {factor}")
    return factor


def _checked_gradient(gradient, w):
    """Call the user's gradient quietly; return None when the answer is not finite."""
    with np.errstate(over="ignore", invalid="ignore"):
        g = np.asarray(gradient(w), dtype=float)
    if g.shape != w.shape:
        raise ValueError(
            f"gradient must return an array of the start's shape {w.shape}, got {g.shape}"
        )
    return g if np.all(np.isfinite(g)) else None


def gradient_descent(
    gradient,
    start,
    learning_rate,
    steps,
    *,
    loss=None,
    tolerance=1e-8,
    divergence_factor=1e6,
):
    r"""Walk downhill from `start` by steps of `learning_rate` times the slope.

    .. math::

        w_{k+1} = w_k - \eta \, \nabla L(w_k)

    Parameters
    ----------
    gradient : callable
        ``gradient(w) -> ndarray`` of the same shape as ``w``, the slope :math:`\nabla L`.
    start : float or array_like, shape (d,)
        The starting point :math:`w_0`; a number is a point in one dimension.
    learning_rate : float
        The step size :math:`\eta > 0`.
    steps : int
        The largest number of steps to take.
    loss : callable, optional
        ``loss(w) -> float``; when given, its value at every point is recorded.
    tolerance : float, default 1e-8
        Stop as converged once :math:`\lVert \nabla L(w_k) \rVert \le` tolerance.
    divergence_factor : float, default 1e6
        Stop as diverged once the gradient is this many times longer than at the start.

    Returns
    -------
    DescentResult

    Examples
    --------
    On :math:`L(w) = w^2` the slope is :math:`2w`; each step multiplies w by
    :math:`1 - 2\eta`.

    >>> run = gradient_descent(lambda w: 2 * w, start=1.0, learning_rate=0.25, steps=3)
    >>> run.path.ravel()
    array([1.   , 0.5  , 0.25 , 0.125])
    >>> run.status
    'max_steps'
    >>> gradient_descent(lambda w: 2 * w, 1.0, 1.1, 1000).status
    'diverged'
    """
    gradient = as_callable("gradient", gradient)
    if loss is not None:
        loss = as_callable("loss", loss)
    w = as_vector("start", start)
    learning_rate, steps, tolerance, divergence_factor = _check_common(
        learning_rate, steps, tolerance, divergence_factor
    )

    g = _checked_gradient(gradient, w)
    if g is None:
        raise ValueError("gradient is not finite at the start")
    limit = divergence_factor * np.linalg.norm(g)
    path, norms = [w], [np.linalg.norm(g)]
    status = "max_steps"
    # Overflow is an expected ending here (a diverging walk), reported by the status, so
    # NumPy's warnings are silenced and every new point is checked instead.
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            if norms[-1] <= tolerance:
                break
            w = w - learning_rate * g
            g = _checked_gradient(gradient, w) if np.all(np.isfinite(w)) else None
            norm = np.inf if g is None else np.linalg.norm(g)
            if not norm <= limit:
                status = "diverged"
                if np.isfinite(norm):
                    path.append(w)
                    norms.append(norm)
                break
            path.append(w)
            norms.append(norm)
    if status == "max_steps" and norms[-1] <= tolerance:
        status = "converged"

    path, norms, losses = np.array(path), np.array(norms), None
    if loss is not None:
        with np.errstate(over="ignore", invalid="ignore"):
            losses = np.array([loss(p) for p in path], dtype=float)
        if not np.isfinite(losses[0]):
            raise ValueError("loss is not finite at the start")
        # A loss that overflowed marks where the walk left the numbers behind: stop there.
        end = np.argmin(np.isfinite(losses)) or len(losses)
        if end < len(losses):
            path, norms, losses, status = path[:end], norms[:end], losses[:end], "diverged"
    return DescentResult(path, losses, norms, status, learning_rate)


@dataclass(frozen=True)
class SweepResult:
    """What gradient descent did at each of many learning rates.

    Attributes
    ----------
    learning_rates : ndarray, shape (r,)
    status : ndarray of str, shape (r,)
        ``"converged"``, ``"diverged"`` or ``"max_steps"`` for each rate.
    steps : ndarray of int, shape (r,)
        The step at which each run converged or diverged, or the step limit.
    final : ndarray, shape (r, d)
        Where each run stopped (its last finite point).
    """

    learning_rates: np.ndarray
    status: np.ndarray
    steps: np.ndarray
    final: np.ndarray


def learning_rate_sweep(
    gradient,
    start,
    learning_rates,
    steps,
    *,
    tolerance=1e-8,
    divergence_factor=1e6,
):
    r"""Run gradient descent at many learning rates at once, from the same start.

    Each run follows :func:`gradient_descent` exactly (the same update and the same stopping
    rules); all runs advance together, one array operation per step, so a thousand rates cost
    little more than one.

    Parameters
    ----------
    gradient : callable
        ``gradient(W) -> ndarray`` for a stack of points ``W`` of shape ``(r, d)``, returning
        the gradient at each, shape ``(r, d)``. The landscapes in :mod:`gdcore.landscapes` and
        :func:`gdcore.mse_landscape` work this way.
    start : float or array_like, shape (d,)
    learning_rates : array_like, shape (r,)
        Positive, finite step sizes.
    steps : int
    tolerance, divergence_factor : float
        As in :func:`gradient_descent`.

    Returns
    -------
    SweepResult

    Examples
    --------
    >>> sweep = learning_rate_sweep(lambda w: 2 * w, 1.0, [0.05, 0.2, 1.1], steps=100,
    ...                             tolerance=1e-6)
    >>> sweep.status
    array(['max_steps', 'converged', 'diverged'], dtype='<U9')
    >>> sweep.steps
    array([100,  29,  76])
    """
    gradient = as_callable("gradient", gradient)
    w0 = as_vector("start", start)
    rates = as_data("learning_rates", learning_rates)
    if np.any(rates <= 0):
        raise ValueError("learning_rates must all be positive")
    _, steps, tolerance, divergence_factor = _check_common(
        1.0, steps, tolerance, divergence_factor
    )

    W = np.tile(w0, (len(rates), 1))
    G = _checked_gradient(gradient, W)
    if G is None:
        raise ValueError("gradient is not finite at the start")
    # Squared lengths are compared with squared thresholds: one square root fewer per step.
    # (A threshold whose square overflows is infinite, which is what it means anyway.)
    with np.errstate(over="ignore"):
        tolerance2 = np.square(np.float64(tolerance))
        limit2 = np.square(divergence_factor * np.linalg.norm(G[0]))
    status = np.full(len(rates), "max_steps")
    stopped_at = np.full(len(rates), steps)
    # A finished run keeps its place with a rate of zero, so that every step is a few
    # operations on the whole stack instead of a gather and scatter of the live runs.
    eta = rates[:, None].copy()
    active = np.ones(len(rates), dtype=bool)
    W_previous = W

    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(steps + 1):
            g2 = np.einsum("ij,ij->i", G, G)
            # NaN fails both comparisons, so an overflowed run counts as finished too.
            finished = active & ((g2 <= tolerance2) | ~(g2 <= limit2)
                                 | ~np.isfinite(np.einsum("ij,ij->i", W, W)))
            if finished.any():
                rows = np.flatnonzero(finished)
                converged = g2[rows] <= tolerance2
                if k == steps:
                    rows = rows[converged]  # at the step limit, only convergence is news
                    converged = converged[converged]
                overflowed = ~np.isfinite(g2[rows]) | ~np.all(np.isfinite(W[rows]), axis=1)
                status[rows] = np.where(converged, "converged", "diverged")
                stopped_at[rows] = k - overflowed
                # A run that overflowed stops at its last finite point, as gradient_descent's.
                W[rows[overflowed]] = W_previous[rows[overflowed]]
                active[rows] = False
                eta[rows], G[rows] = 0.0, 0.0  # 0 × inf would be NaN
                if not active.any():
                    break
            if k == steps:
                break
            W_previous, W = W, W - eta * G
            G = np.asarray(gradient(W), dtype=float)
    return SweepResult(rates, status, stopped_at, W)
