r"""Adam: gradient descent that scales each weight's step by the size of its own slopes.

Feature scaling (notebook 05) makes a stretched valley round by dividing each feature by its
spread, once, before descent starts. :func:`adam_descent` does the same per weight, on the
fly: it divides each coordinate's step by a running root-mean-square of that coordinate's own
slopes, so that a weight whose slopes are large and one whose slopes are small both move by
about the learning rate. It also averages the slopes themselves, as momentum does.

The update is ``torch.optim.Adam``'s, with its defaults and its bias correction; the stopping
rules are those of :mod:`gdcore.descent` (see :func:`adam_descent`).
"""

import numpy as np

from ._stopping import _arrive, _check_common, _checked_gradient, _length, _limit, _record_losses
from ._validate import as_callable, as_number, as_positive, as_vector
from .descent import DescentResult

__all__ = ["adam_descent"]


def _as_beta(name, beta):
    beta = as_number(name, beta)
    if not 0 <= beta < 1:
        raise ValueError(f"{name} must be at least 0 and less than 1, got {beta}")
    return beta


def adam_descent(
    gradient,
    start,
    learning_rate,
    steps,
    *,
    beta1=0.9,
    beta2=0.999,
    eps=1e-8,
    loss=None,
    tolerance=1e-8,
    divergence_factor=1e6,
):
    r"""Walk downhill with Adam: average the slopes, and divide each weight's step by the
    root-mean-square of its own slopes.

    With :math:`g_t = \nabla L(w_{t-1})` at step :math:`t = 1, 2, \dots` and
    :math:`m_0 = v_0 = 0`, every operation coordinate by coordinate:

    .. math::

        m_t = \beta_1 m_{t-1} + (1 - \beta_1)\, g_t, \qquad
        v_t = \beta_2 v_{t-1} + (1 - \beta_2)\, g_t^2,

        \hat m_t = \frac{m_t}{1 - \beta_1^t}, \qquad
        \hat v_t = \frac{v_t}{1 - \beta_2^t}, \qquad
        w_t = w_{t-1} - \eta \, \frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon} .

    :math:`m` is a running average of the slopes (momentum), :math:`v` of their squares; the
    bias corrections undo the pull of their zero starts, so that the first step is
    :math:`\eta\, g_1 / (\lvert g_1 \rvert + \epsilon)`: about :math:`\eta` along every
    coordinate, whatever the size of its slope. This is the update of
    ``torch.optim.Adam(params, lr=η, betas=(β1, β2), eps=ε)``, with the same defaults.

    Parameters
    ----------
    gradient : callable
        ``gradient(w) -> ndarray`` of the same shape as ``w``, the slope :math:`\nabla L`.
    start : float or array_like, shape (d,)
        The starting point :math:`w_0`; a number is a point in one dimension.
    learning_rate : float
        :math:`\eta > 0`: about how far each coordinate moves per step.
    steps : int
        The largest number of steps to take.
    beta1 : float, default 0.9
        :math:`\beta_1`, with :math:`0 \le \beta_1 < 1`: how long the slopes are remembered.
    beta2 : float, default 0.999
        :math:`\beta_2`, with :math:`0 \le \beta_2 < 1`: how long their squares are.
    eps : float, default 1e-8
        :math:`\epsilon > 0`, which keeps the division finite where the slopes are zero.
    loss : callable, optional
        ``loss(w) -> float``; when given, its value at every point is recorded.
    tolerance : float, default 1e-8
        Stop as converged once :math:`\lVert \nabla L(w_t) \rVert` and the length of the next
        average slope :math:`\hat m_{t+1}` are both at most this, as
        :func:`gdcore.momentum_descent` asks of its velocity: a walk that only passes through
        a flat point, carried by the slopes before it, has not arrived. The test is on the
        slopes, not on the step: Adam's step divides by the slopes' own size, so it need not
        shrink with them, and at a fixed :math:`\eta` a walk may keep stepping around the
        bottom (status ``"max_steps"``) without ever meeting a small tolerance.
    divergence_factor : float, default 1e6
        Stop as diverged once the gradient is this many times longer than at the start, or a
        number overflows; the path then holds only finite points.

    Returns
    -------
    DescentResult

    Examples
    --------
    Each coordinate's first step is about η, however different the slopes' sizes:

    >>> run = adam_descent(lambda w: np.array([2000.0, 0.002]) * w, [1.0, 1.0],
    ...                    learning_rate=0.1, steps=1)
    >>> run.path.round(6)
    array([[1. , 1. ],
           [0.9, 0.9]])

    On a bowl 50 times steeper one way than the other, where plain descent needs 1833 steps
    at η = 0.01 (see :func:`gdcore.momentum_descent`):

    >>> from gdcore import bowl
    >>> land = bowl(50.0)
    >>> run = adam_descent(land.gradient, [1.0, 1.0], 0.1, 5000, tolerance=1e-6)
    >>> run.status, run.steps
    ('converged', 322)
    """
    gradient = as_callable("gradient", gradient)
    if loss is not None:
        loss = as_callable("loss", loss)
    w = as_vector("start", start)
    beta1, beta2 = _as_beta("beta1", beta1), _as_beta("beta2", beta2)
    eps = as_positive("eps", eps)
    learning_rate, steps, tolerance, divergence_factor = _check_common(
        learning_rate, steps, tolerance, divergence_factor
    )

    g = _checked_gradient(gradient, w)
    if g is None:
        raise ValueError("gradient is not finite at the start")
    limit = _limit(divergence_factor, _length(g))
    path, norms = [w], [_length(g)]
    # v is kept as its square root, root_v = √v, updated by hypot: the same numbers, but a
    # slope of 1e200 (finite) would square to infinity and freeze the walk.
    m, root_v = np.zeros_like(w), np.zeros_like(w)
    status = "max_steps"
    # A diverging walk may overflow (a slope squared, a huge point): that ending is reported
    # by the status, so NumPy's warnings are silenced and every new point is checked instead.
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        for t in range(1, steps + 2):
            m = beta1 * m + (1 - beta1) * g
            m_hat = m / (1 - beta1**t)
            # At rest: the slope is flat, and so is the average that would drive the step.
            if norms[-1] <= tolerance and _length(m_hat) <= tolerance:
                status = "converged"
                break
            if t == steps + 1:
                break
            root_v = np.hypot(np.sqrt(beta2) * root_v, np.sqrt(1 - beta2) * g)
            root_v_hat = root_v / np.sqrt(1 - beta2**t)  # √v̂
            # The ratio first: it is about 1, while η times m̂ could overflow.
            w = w - learning_rate * (m_hat / (root_v_hat + eps))
            g = _arrive(gradient, w, limit, path, norms)
            if g is None:
                status = "diverged"
                break
    path, norms, losses, status = _record_losses(loss, path, norms, status)
    return DescentResult(path, losses, norms, status, learning_rate)
