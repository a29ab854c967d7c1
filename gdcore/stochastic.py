r"""Stochastic and mini-batch gradient descent: each step feels the slope of a few data points.

:func:`stochastic_descent` shuffles the data every epoch, cuts it into batches and takes one
step per batch,

.. math::

    w \leftarrow w - \eta_t \, \nabla L_B(w),

where :math:`L_B` is the loss on the batch alone and the rate :math:`\eta_t` may fall from
epoch to epoch: the update of ``torch.optim.SGD`` on a ``DataLoader(shuffle=True)``, with a
scheduler for the rate. It returns the whole path, as :func:`gdcore.gradient_descent` does,
and prints nothing. A run ends as ``"diverged"`` (the gradient on all the data grew too long,
or a number overflowed) or ``"max_steps"``: its steps are noisy, so it has no test of
convergence.
"""

import numbers
from dataclasses import dataclass

import numpy as np

from ._stopping import (
    _arrive,
    _as_divergence_factor,
    _checked_gradient,
    _length,
    _limit,
    _record_losses,
)
from ._validate import as_callable, as_count, as_number, as_positive, as_vector
from .descent import DescentResult

__all__ = ["StochasticResult", "stochastic_descent"]


@dataclass(frozen=True)
class StochasticResult(DescentResult):
    r"""What a run of stochastic (mini-batch) gradient descent did.

    The same as :class:`~gdcore.DescentResult`, one row of the path per step (per batch),
    plus where each epoch ended. ``losses`` and ``gradient_norms`` are measured on all the
    data at each point, for the plots; the walk itself only ever felt the batches' slopes.

    Attributes
    ----------
    path, losses, gradient_norms, status
        As in :class:`~gdcore.DescentResult`; `status` is ``"diverged"`` or ``"max_steps"``.
    learning_rate : float
        The starting rate :math:`\eta`; epoch t stepped with
        :math:`\eta / (1 + \text{decay} \cdot t)`.
    epoch_ends : ndarray of int, shape (epochs completed,)
        The row of the path where each epoch ended: ``losses[epoch_ends]`` is the loss after
        each epoch.
    """

    epoch_ends: np.ndarray

    def first(self, k):
        """The run as it stood after its first `k` steps (all of it when `k` is larger).

        Examples
        --------
        >>> run = stochastic_descent(lambda w, i: 2 * w, 1.0, 0.25, n=4, batch_size=2,
        ...                          epochs=3)
        >>> run.epoch_ends, run.first(3).epoch_ends
        (array([2, 4, 6]), array([2]))
        """
        k = as_count("k", k)
        if k >= self.steps:
            return self
        losses = None if self.losses is None else self.losses[: k + 1]
        return StochasticResult(self.path[: k + 1], losses, self.gradient_norms[: k + 1],
                                "max_steps", self.learning_rate,
                                self.epoch_ends[self.epoch_ends <= k])


def stochastic_descent(
    batch_gradient,
    start,
    learning_rate,
    n,
    *,
    batch_size=1,
    epochs=10,
    loss=None,
    decay=0.0,
    seed=0,
    divergence_factor=1e6,
):
    r"""Walk downhill feeling only the slope of a few data points at a time.

    Each epoch shuffles the indices of the `n` data points, cuts them into batches of
    `batch_size` (the last may be smaller), and takes one step per batch :math:`B`:

    .. math::

        w \leftarrow w - \eta_t \, \nabla L_B(w), \qquad
        \eta_t = \frac{\eta}{1 + \text{decay} \cdot t},

    where :math:`L_B` is the loss on the batch alone and :math:`t = 0, 1, \dots` counts the
    epochs. Each step is cheap and noisy: it points downhill only on average. With a fixed
    rate the walk keeps jittering about the minimum; a decaying rate lets it settle. With
    ``batch_size=n`` every step sees all the data and this is :func:`gdcore.gradient_descent`
    (up to round-off: the points are summed in another order).

    There is no test of convergence: a noisy step can be small by chance, and the slope on a
    batch need not vanish at the minimum. The run takes every step of every epoch, unless it
    diverges.

    Parameters
    ----------
    batch_gradient : callable
        ``batch_gradient(w, indices) -> ndarray`` of the shape of ``w``: the gradient of the
        loss on the data points ``indices`` alone (an integer array), a mean over them, as
        :func:`gdcore.mse_batch_gradient` makes.
    start : float or array_like, shape (d,)
    learning_rate : float
        The starting step size :math:`\eta > 0`.
    n : int
        The number of data points, at least 1; for a batch gradient made by
        :func:`gdcore.mse_batch_gradient`, the number it was made from (checked).
    batch_size : int, default 1
        Points per step, from 1 (one point at a time) to `n` (full batch).
    epochs : int, default 10
        Passes through the data.
    loss : callable, optional
        ``loss(w) -> float`` on all the data; when given, its value at every point is
        recorded.
    decay : float, default 0.0
        How fast the rate falls from epoch to epoch; 0 keeps it fixed.
    seed : int, default 0
        Seeds the one generator that shuffles every epoch, so a run can be repeated.
    divergence_factor : float, default 1e6
        Stop as diverged once the gradient on all the data is this many times longer than at
        the start (or than the first batch's, if that is longer: a start at the minimum
        has a flat slope but noisy batches).

    Returns
    -------
    StochasticResult
        The path has one row per step (``epochs * ceil(n / batch_size)`` steps when nothing
        diverges), row 0 the start.

    Examples
    --------
    A line through three points, two points per step, so two steps per epoch:

    >>> from gdcore.regression import mse_batch_gradient
    >>> x, y = [0.0, 1.0, 2.0], [1.0, 3.0, 5.0]
    >>> run = stochastic_descent(mse_batch_gradient(x, y), [0.0, 0.0], 0.1, n=3,
    ...                          batch_size=2, epochs=200, decay=0.01)
    >>> run.path.shape, run.epoch_ends[:3], run.status
    ((401, 2), array([2, 4, 6]), 'max_steps')
    >>> run.final.round(2)
    array([2., 1.])
    """
    batch_gradient = as_callable("batch_gradient", batch_gradient)
    if loss is not None:
        loss = as_callable("loss", loss)
    w = as_vector("start", start)
    learning_rate = as_positive("learning_rate", learning_rate)
    n = as_count("n", n)
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    # A batch gradient from mse_batch_gradient knows its data: a smaller n would silently fit
    # the first n points only, a larger one ask for points that do not exist.
    made_from = getattr(batch_gradient, "n", None)
    if isinstance(made_from, numbers.Integral) and made_from != n:
        raise ValueError(f"n must be the number of data points batch_gradient was made from, "
                         f"{made_from}, got {n}")
    batch_size = as_count("batch_size", batch_size)
    if not 1 <= batch_size <= n:
        raise ValueError(f"batch_size must be between 1 and n = {n}, got {batch_size}")
    epochs = as_count("epochs", epochs)
    decay = as_number("decay", decay)
    if decay < 0:
        raise ValueError(f"decay must not be negative, got {decay}")
    seed = as_count("seed", seed)
    divergence_factor = _as_divergence_factor(divergence_factor)

    everyone = np.arange(n)
    g = _checked_gradient(batch_gradient, w, everyone, name="batch_gradient")
    if g is None:
        raise ValueError("batch_gradient is not finite at the start")
    path, norms, epoch_ends = [w], [_length(g)], []
    limit = None  # set at the first step, when the first batch's slope is known
    rng = np.random.default_rng(seed)
    status = "max_steps"
    # As in gradient_descent: overflow is an expected ending, checked for, not warned about.
    with np.errstate(over="ignore", invalid="ignore"):
        for epoch in range(epochs):
            rate = learning_rate / (1 + decay * epoch)
            order = rng.permutation(n)
            for batch in (order[i : i + batch_size] for i in range(0, n, batch_size)):
                g = _checked_gradient(batch_gradient, w, batch, name="batch_gradient")
                if g is None:
                    status = "diverged"
                    break
                if limit is None:
                    limit = _limit(divergence_factor, max(norms[0], _length(g)))
                w = w - rate * g
                # The slope on all the data, for the record and the divergence test.
                if _arrive(batch_gradient, w, limit, path, norms, everyone,
                           name="batch_gradient") is None:
                    status = "diverged"
                    break
            if status == "diverged":
                break
            epoch_ends.append(len(path) - 1)

    path, norms, losses, status = _record_losses(loss, path, norms, status)
    epoch_ends = np.array(epoch_ends, dtype=int)
    return StochasticResult(path, losses, norms, status, learning_rate,
                            epoch_ends[epoch_ends < len(path)])
