r"""Gradient descent: take a step against the slope, again and again.

:func:`gradient_descent` runs the plain full-batch update

.. math::

    w_{k+1} = w_k - \eta \, \nabla L(w_k),

the update of ``torch.optim.SGD`` without momentum, and returns the whole path.
:func:`momentum_descent` is the same with a heavy ball's velocity, as
``torch.optim.SGD(momentum=...)``. :func:`learning_rate_sweep` and :func:`descent_from_starts`
run many walks at once, at many rates or from many starts, and keep where each ended. On a
quadratic bowl, :func:`quadratic_descent` takes either walk in closed form, every step at
once. (For the road toward deep learning, :mod:`gdcore.stochastic` has descent on small
random batches of the data.) Nothing is printed. A run ends in one of three ways:

``"converged"``
    the gradient's length fell to `tolerance` or below (with momentum, the velocity's too);
``"diverged"``
    the gradient grew past `divergence_factor` times its starting length, or a number
    overflowed: the run stops there, and the path holds only finite points;
``"max_steps"``
    neither happened within `steps` steps.
"""

from dataclasses import dataclass

import numpy as np

from ._stopping import (
    _arrive,
    _as_divergence_factor,
    _as_tolerance,
    _check_common,
    _checked_gradient,
    _first_stop,
    _length,
    _limit,
    _record_losses,
)
from ._validate import (
    as_callable,
    as_count,
    as_data,
    as_hessian,
    as_number,
    as_positive,
    as_vector,
)

__all__ = [
    "DescentResult",
    "StartsResult",
    "SweepResult",
    "descent_from_starts",
    "gradient_descent",
    "learning_rate_sweep",
    "momentum_descent",
    "quadratic_descent",
]

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


def _walk(gradient, w, learning_rate, momentum, steps, tolerance, divergence_factor):
    r"""The loop that plain and momentum descent share: step, check, record.

    .. math::

        v_{k+1} = \beta v_k + \nabla L(w_k), \qquad w_{k+1} = w_k - \eta \, v_{k+1},
        \qquad v_0 = 0

    With :math:`\beta = 0` the velocity is the slope itself (:math:`0 \cdot v + g` is `g`
    to the last bit), and this is plain gradient descent.

    Returns
    -------
    (path, norms, status) : list of ndarray, list of float, str
    """
    g = _checked_gradient(gradient, w)
    if g is None:
        raise ValueError("gradient is not finite at the start")
    limit = _limit(divergence_factor, _length(g))
    path, norms = [w], [_length(g)]
    velocity = np.zeros_like(w)
    status = "max_steps"
    # Overflow is an expected ending here (a diverging walk), reported by the status, so
    # NumPy's warnings are silenced and every new point is checked instead.
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(steps + 1):
            velocity = momentum * velocity + g
            # At rest: the slope is flat and (with momentum) nothing carries the walk on.
            # A ball rolling fast through the bottom of a valley has not converged.
            if norms[-1] <= tolerance and _length(velocity) <= tolerance:
                status = "converged"
                break
            if k == steps:
                break
            w = w - learning_rate * velocity
            g = _arrive(gradient, w, limit, path, norms)
            if g is None:
                status = "diverged"
                break
    return path, norms, status


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
        A start where the slope is almost zero (next to a saddle or a ridge) makes this
        test strict: pass a larger factor there.

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

    # The loop is _walk (above), shared with momentum_descent: with momentum 0 its every
    # step is w - learning_rate * gradient(w).
    path, norms, status = _walk(gradient, w, learning_rate, 0.0, steps, tolerance,
                                divergence_factor)
    path, norms, losses, status = _record_losses(loss, path, norms, status)
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
    a few times what one does, not a thousand times.

    Parameters
    ----------
    gradient : callable
        ``gradient(W) -> ndarray`` for a stack of points ``W`` of shape ``(r, d)``, returning
        the gradient at each, shape ``(r, d)``. The landscapes in :mod:`gdcore.landscapes` and
        :func:`gdcore.mse_landscape` work this way.
    start : float or array_like, shape (d,)
    learning_rates : float or array_like, shape (r,)
        Positive, finite step sizes (a single number is one run).
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
    rates = as_vector("learning_rates", learning_rates)
    if np.any(rates <= 0):
        raise ValueError("learning_rates must all be positive")
    _, steps, tolerance, divergence_factor = _check_common(
        1.0, steps, tolerance, divergence_factor
    )

    W = np.tile(w0, (len(rates), 1))
    G = _checked_gradient(gradient, W)
    if G is None:
        raise ValueError("gradient is not finite at the start")
    # Lengths are measured as in gradient_descent (with hypot, which cannot overflow), so
    # that each run stops where gradient_descent would, even from a huge start.
    limit = _limit(divergence_factor, _length(G[0]))
    status, stopped_at, W = _walk_together(gradient, W, G, rates[:, None], limit, steps,
                                           tolerance)
    return SweepResult(rates, status, stopped_at, W)


@dataclass(frozen=True)
class StartsResult:
    """What gradient descent did from each of many starts.

    Attributes
    ----------
    starts : ndarray, shape (r, d)
    status : ndarray of str, shape (r,)
        ``"converged"``, ``"diverged"`` or ``"max_steps"`` for each start.
    steps : ndarray of int, shape (r,)
        The step at which each run converged or diverged, or the step limit.
    final : ndarray, shape (r, d)
        Where each run stopped (its last finite point).
    learning_rate : float
    """

    starts: np.ndarray
    status: np.ndarray
    steps: np.ndarray
    final: np.ndarray
    learning_rate: float


def descent_from_starts(
    gradient,
    starts,
    learning_rate,
    steps,
    *,
    tolerance=1e-8,
    divergence_factor=1e6,
):
    r"""Run gradient descent from many starts at once, at one learning rate.

    .. math::

        w^{(i)}_{k+1} = w^{(i)}_k - \eta \, \nabla L\bigl(w^{(i)}_k\bigr),
        \qquad i = 1, \dots, r

    Each run follows :func:`gradient_descent` from its own start (the same update and the same
    stopping rules, its divergence test measured against its own starting slope); all runs
    advance together, one array operation per step, as in :func:`learning_rate_sweep`. A
    start where the gradient is not finite ends there, diverged after 0 steps (where
    :func:`gradient_descent` would refuse it), so that one bad start does not stop the rest.

    Parameters
    ----------
    gradient : callable
        ``gradient(W) -> ndarray`` for a stack of points ``W`` of shape ``(r, d)``, returning
        the gradient at each, shape ``(r, d)``, as the landscapes of
        :mod:`gdcore.landscapes` do.
    starts : array_like, shape (r, d)
        One starting point per row.
    learning_rate : float
        The step size :math:`\eta > 0`, the same for every run.
    steps : int
    tolerance : float, default 1e-8
        As in :func:`gradient_descent`.
    divergence_factor : float or None, default 1e6
        As in :func:`gradient_descent`; ``None`` turns the test off, so that only an overflow
        ends a run as diverged (every other run takes all its steps unless it converges).

    Returns
    -------
    StartsResult

    Examples
    --------
    On the landscape of four valleys, the start decides the valley, and one start too far out
    is flung away at once:

    >>> from gdcore.landscapes import valleys
    >>> land = valleys()
    >>> run = descent_from_starts(land.gradient, [[4, 4], [-4, -4], [20, 20], [30, 30]],
    ...                           0.01, 1000)
    >>> run.status
    array(['converged', 'converged', 'converged', 'diverged'], dtype='<U9')
    >>> run.steps
    array([722, 270, 281,   3])
    >>> run.final[:3].round(2)
    array([[ 3.  ,  2.  ],
           [-3.78, -3.28],
           [-3.78, -3.28]])
    """
    gradient = as_callable("gradient", gradient)
    W = as_data("starts", starts, ndim=2)
    learning_rate = as_positive("learning_rate", learning_rate)
    steps = as_count("steps", steps)
    tolerance = _as_tolerance(tolerance)
    if divergence_factor is not None:
        divergence_factor = _as_divergence_factor(divergence_factor)
    with np.errstate(over="ignore", invalid="ignore"):
        G = np.asarray(gradient(W), dtype=float)
    if G.shape != W.shape:
        raise ValueError(
            f"gradient must return an array of the starts' shape {W.shape}, got {G.shape}"
        )
    # Without a test, the limit is the largest float: only an overflow passes it.
    if divergence_factor is None:
        limit = np.finfo(float).max
    else:
        limit = _limit(divergence_factor, _length(G))
    status, stopped_at, final = _walk_together(gradient, W, G, learning_rate, limit, steps,
                                               tolerance)
    return StartsResult(W, status, stopped_at, final, learning_rate)


def _walk_together(gradient, W, G, eta, limit, steps, tolerance):
    """The loop of :func:`learning_rate_sweep` and :func:`descent_from_starts`: many runs of
    gradient descent, one per row of `W`, advanced together by one array operation per step.

    Each row stops by the rules of :func:`gradient_descent`: converged once its gradient's
    length is at most `tolerance`, diverged once it is past `limit` or not finite, where the
    row keeps its last finite point.

    Parameters
    ----------
    W, G : ndarray, shape (r, d)
        The starting points and their gradients (a row of `G` that is not finite ends its run
        at once, as diverged after 0 steps).
    eta : float or ndarray, shape (r, 1)
        The learning rate, or each run's.
    limit : float or ndarray, shape (r,)
        The gradient length past which a run has diverged, or each run's.

    Returns
    -------
    (status, stopped_at, final) : ndarray of str, ndarray of int, ndarray
    """
    r, d = W.shape
    status = np.full(r, "max_steps")
    stopped_at = np.full(r, steps)
    final = W.copy()
    # The runs still walking, by their row of the results. A run that stops leaves the
    # stack, so that every step works on the live runs only.
    alive = np.arange(r)
    limit = np.broadcast_to(np.asarray(limit, dtype=float), (r,))
    # Two bounds settle almost every run at once, each step, for a few cheap operations
    # (hypot on a tall stack of short rows costs more than most gradients): a run whose
    # first slope component alone is past the tolerance has not converged, and while no
    # slope component of any run comes near the smallest limit, none has diverged. Only the
    # runs these leave unsettled are measured as gradient_descent measures them. (The margin
    # of 1e-9 is far wider than the round-off of hypot.)
    W_previous = W

    with np.errstate(over="ignore", invalid="ignore"):
        low = tolerance * (1 + 1e-9)
        high = limit.min() / (np.sqrt(d) * (1 + 1e-9))
        for k in range(steps + 1):
            # NaN fails every comparison: a run that overflowed is always looked at closely.
            # (A point that overflowed has a slope that overflowed: the slope alone is checked.)
            if not (G.max() <= high and G.min() >= -high):
                unsettled = np.arange(len(alive))
            elif not np.abs(G[:, 0]).min() > low:
                unsettled = np.flatnonzero(~(np.abs(G[:, 0]) > low))
            else:
                unsettled = ()
            if len(unsettled):
                lengths = _length(G[unsettled])
                # Still walking means tolerance < |g| <= limit.
                done = ~((lengths > tolerance) & (lengths <= limit[alive[unsettled]]))
                if done.any():
                    rows, lengths = unsettled[done], lengths[done]
                    converged = lengths <= tolerance
                    overflowed = ~np.isfinite(lengths) | ~np.all(np.isfinite(W[rows]), axis=1)
                    runs = alive[rows]
                    status[runs] = np.where(converged, "converged", "diverged")
                    # A run that overflowed stops at its last finite point, as
                    # gradient_descent's; a start whose slope is not finite stops where it is.
                    stopped_at[runs] = np.maximum(k - overflowed, 0)
                    final[runs] = np.where(overflowed[:, None], W_previous[rows], W[rows])
                    keep = np.ones(len(alive), dtype=bool)
                    keep[rows] = False
                    alive, W, W_previous, G = alive[keep], W[keep], W_previous[keep], G[keep]
                    if np.ndim(eta):
                        eta = eta[keep]
                    if not len(alive):
                        break
                    high = limit[alive].min() / (np.sqrt(d) * (1 + 1e-9))
            if k == steps:
                break
            # W - ηg, written over the fresh array of ηg: one new array per step.
            move = eta * G
            W_previous, W = W, np.subtract(W, move, out=move)
            G = np.asarray(gradient(W), dtype=float)
    final[alive] = W
    return status, stopped_at, final


def _as_momentum(momentum):
    momentum = as_number("momentum", momentum)
    if not 0 <= momentum < 1:
        raise ValueError(f"momentum must be at least 0 and less than 1, got {momentum}")
    return momentum


def momentum_descent(
    gradient,
    start,
    learning_rate,
    momentum,
    steps,
    *,
    loss=None,
    tolerance=1e-8,
    divergence_factor=1e6,
):
    r"""Walk downhill like a heavy ball: each step carries on part of the step before.

    .. math::

        v_{k+1} = \beta \, v_k + \nabla L(w_k), \qquad
        w_{k+1} = w_k - \eta \, v_{k+1}, \qquad v_0 = 0

    The velocity :math:`v` adds up the slopes felt so far, each older one weighed down by
    :math:`\beta` per step. Along a narrow valley the slopes across it flip sign and cancel,
    while the slopes along it agree and add up: the walk goes faster where it should. This is
    the update of ``torch.optim.SGD(params, lr=η, momentum=β)``. With :math:`\beta = 0` it is
    :func:`gradient_descent`, step for step.

    Parameters
    ----------
    gradient : callable
        ``gradient(w) -> ndarray`` of the same shape as ``w``, the slope :math:`\nabla L`.
    start : float or array_like, shape (d,)
        The starting point :math:`w_0`; a number is a point in one dimension.
    learning_rate : float
        The step size :math:`\eta > 0`.
    momentum : float
        :math:`\beta`, with :math:`0 \le \beta < 1`; 0.9 is the usual choice.
    steps : int
        The largest number of steps to take.
    loss : callable, optional
        ``loss(w) -> float``; when given, its value at every point is recorded.
    tolerance : float, default 1e-8
        Stop as converged once :math:`\lVert \nabla L(w_k) \rVert` and the length of the next
        velocity are both at most this: a ball that rolls fast through the bottom of the
        valley has not arrived.
    divergence_factor : float, default 1e6
        Stop as diverged once the gradient is this many times longer than at the start.
        A start where the slope is almost zero (next to a saddle or a ridge) makes this
        test strict: pass a larger factor there.

    Returns
    -------
    DescentResult

    Examples
    --------
    On :math:`L(w) = w^2` the ball reaches the bottom, 0, in two steps, and rolls past it:

    >>> run = momentum_descent(lambda w: 2 * w, 1.0, learning_rate=0.25, momentum=0.5,
    ...                        steps=3)
    >>> run.path.ravel()
    array([ 1.  ,  0.5 ,  0.  , -0.25])

    On a bowl 50 times steeper one way than the other, at the same learning rate:

    >>> from gdcore import bowl
    >>> land = bowl(50.0)
    >>> gradient_descent(land.gradient, [1.0, 1.0], 0.01, 5000).steps
    1833
    >>> momentum_descent(land.gradient, [1.0, 1.0], 0.01, 0.9, 5000).steps
    423
    """
    gradient = as_callable("gradient", gradient)
    if loss is not None:
        loss = as_callable("loss", loss)
    w = as_vector("start", start)
    momentum = _as_momentum(momentum)
    learning_rate, steps, tolerance, divergence_factor = _check_common(
        learning_rate, steps, tolerance, divergence_factor
    )
    path, norms, status = _walk(gradient, w, learning_rate, momentum, steps, tolerance,
                                divergence_factor)
    path, norms, losses, status = _record_losses(loss, path, norms, status)
    return DescentResult(path, losses, norms, status, learning_rate)


def quadratic_descent(hessian, start, learning_rate, steps, momentum=0.0, *, minimum=None,
                      tolerance=1e-8, divergence_factor=1e6):
    r"""Plain or momentum descent on a quadratic bowl, every step at once.

    On :math:`L(w) = \tfrac12 (w - w^*)^\top H (w - w^*)` the slope is
    :math:`H (w - w^*)`, so a step is a matrix product: the error :math:`e = w - w^*` and the
    velocity :math:`v` move together as

    .. math::

        \begin{pmatrix} e_{k+1} \\ v_{k+1} \end{pmatrix} = M
        \begin{pmatrix} e_k \\ v_k \end{pmatrix}, \qquad
        M = \begin{pmatrix} I - \eta H & -\eta \beta I \\ H & \beta I \end{pmatrix},

    and the k-th point comes from :math:`M^k`. All the powers are built by doubling
    (:math:`M^0 \dots M^{n-1}`, times :math:`M^n`, gives :math:`M^n \dots M^{2n-1}`), a dozen
    batched matrix products for 2,000 steps instead of 2,000 turns of a loop. The run is the
    one :func:`momentum_descent` takes (:func:`gradient_descent` when :math:`\beta = 0`) on
    this loss, with the same stopping rules and the loss recorded, up to rounding.

    Parameters
    ----------
    hessian : array_like, shape (d, d)
        :math:`H`, symmetric.
    start : float or array_like, shape (d,)
    learning_rate : float
        The step size :math:`\eta > 0`.
    steps : int
        The largest number of steps to take.
    momentum : float, default 0.0
        :math:`\beta`, with :math:`0 \le \beta < 1`.
    minimum : array_like, shape (d,), optional
        :math:`w^*`, the origin by default.
    tolerance, divergence_factor : float
        As in :func:`momentum_descent`.

    Returns
    -------
    DescentResult

    Examples
    --------
    >>> from gdcore import bowl
    >>> land = bowl(50.0)
    >>> run = quadratic_descent(land.hessian, [1.0, 1.0], 0.01, 5000, momentum=0.9)
    >>> loop = momentum_descent(land.gradient, [1.0, 1.0], 0.01, 0.9, 5000, loss=land.value)
    >>> run.status, run.steps, loop.status, loop.steps
    ('converged', 423, 'converged', 423)
    >>> bool(np.allclose(run.path, loop.path, rtol=0, atol=1e-12)
    ...      and np.allclose(run.losses, loop.losses, rtol=0, atol=1e-12))
    True
    """
    H = as_hessian("hessian", hessian)
    e = as_vector("start", start)
    if len(H) != len(e):
        raise ValueError(f"hessian must have one row and column per coordinate of the start"
                         f" ({len(e)}), got shape {H.shape}")
    center = np.zeros_like(e) if minimum is None else as_vector("minimum", minimum)
    if center.shape != e.shape:
        raise ValueError(f"minimum must have the start's {len(e)} coordinates, got"
                         f" {len(center)}")
    e = e - center
    momentum = _as_momentum(momentum)
    learning_rate, steps, tolerance, divergence_factor = _check_common(
        learning_rate, steps, tolerance, divergence_factor
    )
    d, identity = len(e), np.eye(len(e))
    M = np.block([[identity - learning_rate * H, -learning_rate * momentum * identity],
                  [H, momentum * identity]])
    powers = np.empty((steps + 2, 2 * d, 2 * d))  # up to the velocity after the last step
    powers[0] = np.eye(2 * d)
    # A diverging walk overflows; its steps past the numbers are cut off below, as the
    # loop's are.
    with np.errstate(over="ignore", invalid="ignore"):
        done = 1
        while done < len(powers):
            more = min(done, len(powers) - done)
            powers[done:done + more] = powers[done - 1] @ M @ powers[:more]
            done += more
        states = powers @ np.concatenate([e, np.zeros(d)])
        errors, velocities = states[:-1, :d], states[1:, d:]
        gradients = errors @ H
        losses = 0.5 * np.sum(errors * gradients, axis=1)
    norms, speeds = _length(gradients), _length(velocities)
    if not np.isfinite(norms[0]):
        raise ValueError("gradient is not finite at the start")
    if not np.isfinite(losses[0]):
        raise ValueError("loss is not finite at the start")
    finite = np.isfinite(norms) & np.all(np.isfinite(errors), axis=1) & np.isfinite(losses)
    # As in the loop: at rest once the slope and the next velocity are both flat; diverged
    # past the limit or the numbers (a point past the numbers is not recorded).
    converged = (norms <= tolerance) & (speeds <= tolerance)
    diverged = ~finite | (norms > _limit(divergence_factor, norms[0]))
    end, status = _first_stop(converged, diverged, finite, steps)
    return DescentResult(errors[:end] + center, losses[:end], norms[:end], status,
                         learning_rate)
