r"""The linear model :math:`\hat y = X w`: design matrices, and the mean squared error of w.

.. math::

    L(w) = \frac{1}{n} \lVert X w - y \rVert^2

Each column of X is a feature; a column of ones carries the intercept. A line is the model
with ``X = [1, x]`` (see :mod:`gdcore.regression` for it in the terms of m and b). A
polynomial is linear in its weights, so fitting one is linear regression on the columns
1, x, x², ...; standardised columns keep the loss nearly round.
"""

import numpy as np

from ._stopping import _check_common, _first_stop, _length, _limit
from ._validate import as_count, as_data, as_positive
from .descent import DescentResult
from .landscapes import Landscape

__all__ = [
    "add_intercept",
    "linear_least_squares",
    "linear_mse",
    "linear_mse_descent",
    "linear_mse_descent_at",
    "linear_mse_gradient",
    "linear_mse_hessian",
    "linear_mse_slopes_slice",
    "polynomial_design",
    "polynomial_features",
    "standardize",
]


def polynomial_features(x, degree):
    r"""The design matrix of a polynomial: columns :math:`1, x, x^2, \dots, x^{degree}`.

    A polynomial is linear in its weights, so fitting it is linear regression on these
    columns.

    Parameters
    ----------
    x : array_like, shape (n,)
    degree : int
        Highest power, at least 1.

    Returns
    -------
    ndarray, shape (n, degree + 1)

    Examples
    --------
    >>> polynomial_features([1, 2, 3], 2)
    array([[1., 1., 1.],
           [1., 2., 4.],
           [1., 3., 9.]])
    """
    x = as_data("x", x)
    degree = as_count("degree", degree)
    if degree < 1:
        raise ValueError(f"degree must be at least 1, got {degree}")
    return x[:, None] ** np.arange(degree + 1)


def add_intercept(features):
    """Put a column of ones before the feature columns, for the intercept weight.

    Parameters
    ----------
    features : array_like, shape (n, k)

    Returns
    -------
    ndarray, shape (n, k + 1)

    Examples
    --------
    >>> add_intercept([[2.0], [3.0]])
    array([[1., 2.],
           [1., 3.]])
    """
    features = as_data("features", features, ndim=2)
    return np.column_stack([np.ones(len(features)), features])


def polynomial_design(x, degree, reference=None):
    r"""The design matrix of a polynomial, its powers standardised: columns 1, z_1, ..., z_degree.

    .. math::

        X = \bigl[\, 1 \;\; z_1 \;\; \cdots \;\; z_p \,\bigr], \qquad
        z_j = \frac{x^j - \mu_j}{\sigma_j},

    where :math:`\mu_j` and :math:`\sigma_j` are the mean and standard deviation of the
    powers :math:`r^j` of the `reference` inputs (`x` itself by default), as
    :func:`standardize` computes them. Raw powers of x differ in size by orders of
    magnitude, which makes the loss a long narrow valley; standardised, they make it nearly
    round, and gradient descent can take large steps.

    To evaluate a polynomial fitted on training inputs at other points (a grid for a plot,
    test data), pass the training inputs as `reference`: every point is then scaled as the
    training points were, and the same weights apply.

    Parameters
    ----------
    x : array_like, shape (n,)
        Where to evaluate the columns.
    degree : int
        Highest power, at least 1.
    reference : array_like, shape (m,), optional
        The inputs whose powers set each column's mean and spread; by default, `x`. Each
        power from 1 to `degree` must take at least two different values on them.

    Returns
    -------
    ndarray, shape (n, degree + 1)
        A column of ones, then the standardised powers 1 to `degree`.

    Examples
    --------
    >>> polynomial_design([0.0, 1.0, 2.0], 2).round(4)
    array([[ 1.    , -1.2247, -0.9806],
           [ 1.    ,  0.    , -0.3922],
           [ 1.    ,  1.2247,  1.3728]])

    A new point, scaled as the training inputs 0, 1, 2 were:

    >>> polynomial_design([3.0], 2, reference=[0.0, 1.0, 2.0]).round(4)
    array([[1.    , 2.4495, 4.3146]])
    """
    powers = polynomial_features(x, degree)[:, 1:]  # checks x and degree by name
    if reference is None:
        reference_powers = powers
    else:
        reference_powers = polynomial_features(as_data("reference", reference), degree)[:, 1:]
    mean, scale = reference_powers.mean(axis=0), reference_powers.std(axis=0)
    constant = np.flatnonzero(scale == 0)
    if constant.size:
        name = "x" if reference is None else "reference"
        raise ValueError(
            f"{name} must give every power from 1 to {degree} at least two different values "
            f"to standardise it, but its power {constant[0] + 1} is constant"
        )
    return add_intercept((powers - mean) / scale)


def _as_system(w, X, y):
    X = as_data("X", X, ndim=2)
    y = as_data("y", y)
    if len(y) != len(X):
        raise ValueError(f"X and y must have the same number of rows, got {len(X)} and {len(y)}")
    if w is None:
        return X, y
    w = as_data("w", w)
    if len(w) != X.shape[1]:
        raise ValueError(f"w must have one weight per column of X ({X.shape[1]}), got {len(w)}")
    return w, X, y


def linear_mse(w, X, y):
    r"""Mean squared error of the linear model :math:`\hat y = X w`.

    .. math::

        L(w) = \frac{1}{n} \lVert X w - y \rVert^2

    Parameters
    ----------
    w : array_like, shape (k,)
    X : array_like, shape (n, k)
    y : array_like, shape (n,)

    Returns
    -------
    float

    Examples
    --------
    >>> X = add_intercept([[0.0], [1.0], [2.0]])
    >>> linear_mse([1.0, 2.0], X, [1, 3, 5])
    0.0
    """
    w, X, y = _as_system(w, X, y)
    return float(np.mean((X @ w - y) ** 2))


def linear_mse_gradient(w, X, y):
    r"""The gradient of :func:`linear_mse`.

    .. math::

        \nabla L(w) = \frac{2}{n} X^\top (X w - y)

    With ``X = add_intercept(x[:, None])`` and ``w = (b, m)`` this is
    :func:`gdcore.mse_gradient` in the other order.

    Parameters
    ----------
    w : array_like, shape (k,)
    X : array_like, shape (n, k)
    y : array_like, shape (n,)

    Returns
    -------
    ndarray, shape (k,)

    Examples
    --------
    >>> X = add_intercept([[0.0], [1.0], [2.0]])
    >>> linear_mse_gradient([0.0, 0.0], X, [1, 3, 5])
    array([-6.        , -8.66666667])
    """
    w, X, y = _as_system(w, X, y)
    return 2 / len(y) * X.T @ (X @ w - y)


def linear_mse_hessian(X):
    r"""The Hessian of :func:`linear_mse`, :math:`\frac{2}{n} X^\top X`.

    Parameters
    ----------
    X : array_like, shape (n, k)

    Returns
    -------
    ndarray, shape (k, k)

    Examples
    --------
    >>> linear_mse_hessian(add_intercept([[0.0], [1.0], [2.0]]))
    array([[2.        , 2.        ],
           [2.        , 3.33333333]])
    """
    X = as_data("X", X, ndim=2)
    return 2 / len(X) * X.T @ X


def linear_least_squares(X, y):
    """The weights that minimise :func:`linear_mse`, by a least-squares solver.

    When the columns of `X` are linearly dependent, many weights fit equally well; this
    returns the one of smallest length.

    Parameters
    ----------
    X : array_like, shape (n, k)
    y : array_like, shape (n,)

    Returns
    -------
    ndarray, shape (k,)

    Examples
    --------
    >>> linear_least_squares(polynomial_features([0, 1, 2], 1), [1, 3, 5])
    array([1., 2.])
    """
    X, y = _as_system(None, X, y)
    return np.linalg.lstsq(X, y, rcond=None)[0]


def _taken(curvatures, learning_rate, k):
    """For each curvature λ (a row) and number of steps k (a column), how far the walk has
    gone along that eigenvector per unit of the start's slope: (1 − (1 − ηλ)^k) / λ, or kη
    where λ = 0. Call it under ``np.errstate``: a diverging walk overflows."""
    shrink = learning_rate * curvatures
    # The share of the way to the bottom covered along each eigenvector, 1 - (1 - ηλ)^k:
    # through log1p where 1 - ηλ > 0, to keep the digits of a tiny ηλ that 1 - ηλ loses;
    # where it is negative the walk overshoots, and the sign flips at every step.
    covered = np.empty((len(shrink), len(k)))
    calm = shrink < 1
    covered[calm] = -np.expm1(np.log1p(-shrink[calm, None]) * k)
    flips = np.where(k % 2, -1.0, 1.0)
    covered[~calm] = 1 - flips * np.exp(np.log(shrink[~calm, None] - 1) * k)
    covered[:, k == 0] = 0.0  # no step yet (and 0 · log 0 is not a number)
    return np.where(curvatures[:, None] != 0, covered / curvatures[:, None], learning_rate * k)


def linear_mse_descent(X, y, learning_rate, steps, start=None, *, tolerance=1e-8,
                       divergence_factor=1e6):
    r"""Gradient descent on :func:`linear_mse`, every step at once, from its closed form.

    The loss is quadratic, so its walk has a formula. With the Hessian
    :math:`H = Q \operatorname{diag}(\lambda) Q^\top`, each step shrinks the slope along
    the eigenvector :math:`q_i` by the factor :math:`1 - \eta \lambda_i`, and

    .. math::

        w_k = w_0 - Q \operatorname{diag}\Bigl(\frac{1 - (1 - \eta \lambda_i)^k}
              {\lambda_i}\Bigr) Q^\top \nabla L(w_0)

    (:math:`k \eta` where :math:`\lambda_i = 0`). The run is the one
    :func:`gdcore.gradient_descent` takes on :func:`linear_mse_gradient`, with the same
    stopping rules and its losses recorded, up to rounding; but every step costs a few
    matrix products at once instead of a turn of a loop, so 20,000 steps take milliseconds.

    Parameters
    ----------
    X : array_like, shape (n, k)
    y : array_like, shape (n,)
    learning_rate : float
        The step size :math:`\eta > 0`.
    steps : int
        The largest number of steps to take.
    start : array_like, shape (k,), optional
        The starting weights :math:`w_0`; zeros by default.
    tolerance, divergence_factor : float
        As in :func:`gdcore.gradient_descent`.

    Returns
    -------
    DescentResult

    Examples
    --------
    >>> from gdcore import gradient_descent
    >>> X, y = polynomial_design([0.0, 1.0, 2.0, 3.0], 2), [1.0, 0.0, 2.0, 5.0]
    >>> run = linear_mse_descent(X, y, 0.5, 1000)
    >>> loop = gradient_descent(lambda w: linear_mse_gradient(w, X, y), [0.0, 0.0, 0.0], 0.5,
    ...                         1000, loss=lambda w: linear_mse(w, X, y))
    >>> run.status, run.steps, loop.status, loop.steps
    ('converged', 470, 'converged', 470)
    >>> bool(np.allclose(run.path, loop.path) and np.allclose(run.losses, loop.losses))
    True
    """
    X, y = _as_system(None, X, y)
    w = np.zeros(X.shape[1]) if start is None else as_data("start", start)
    if len(w) != X.shape[1]:
        raise ValueError(f"start must have one weight per column of X ({X.shape[1]}), got "
                         f"{len(w)}")
    learning_rate, steps, tolerance, divergence_factor = _check_common(
        learning_rate, steps, tolerance, divergence_factor
    )
    curvatures, Q = np.linalg.eigh(linear_mse_hessian(X))
    slope = Q.T @ linear_mse_gradient(w, X, y)  # the start's slope along each eigenvector
    # Below, one column per step. A diverging walk overflows: its steps past the numbers are
    # cut off further down, as the loop's are.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        taken = _taken(curvatures, learning_rate, np.arange(steps + 1))
        path = w[:, None] - Q @ (taken * slope[:, None])
        residuals = X @ path - y[:, None]
        losses = np.mean(residuals**2, axis=0)
        gradients = 2 / len(y) * X.T @ residuals
        # A root of a sum of squares is faster than _length's running hypot; it overflows
        # only for a walk already far past any limit, whose lengths are then taken with care.
        norms = np.sqrt(np.sum(gradients**2, axis=0))
        huge = ~np.isfinite(norms)
        norms[huge] = _length(gradients[:, huge].T)
    # Where the loop would stop: at rest (converged), or past the limit or the numbers
    # (diverged; a point past the numbers is not recorded, and neither is its loss).
    if not np.isfinite(norms[0]):
        raise ValueError("gradient is not finite at the start")
    limit = _limit(divergence_factor, norms[0])
    finite = np.isfinite(norms) & np.isfinite(losses)
    converged = norms <= tolerance
    end, status = _first_stop(converged, ~finite | (norms > limit), finite, steps)
    return DescentResult(path[:, :end].T, losses[:end], norms[:end], status,
                         learning_rate)


def linear_mse_descent_at(X, y, learning_rate, steps, start=None):
    r"""The weights gradient descent on :func:`linear_mse` reaches after each of the given
    numbers of steps, from the closed form of the walk.

    .. math::

        w_k = w_0 - Q \operatorname{diag}\Bigl(\frac{1 - (1 - \eta \lambda_i)^k}
              {\lambda_i}\Bigr) Q^\top \nabla L(w_0)

    as in :func:`linear_mse_descent`, but only at the step counts asked for, so that a walk
    of a trillion steps costs no more than one of ten: what a plot of the error against the
    number of steps on a log axis needs. The rate must be below the wall
    :math:`2/\lambda_{\max}`, where the walk settles; to watch a walk diverge, use
    :func:`linear_mse_descent`.

    Parameters
    ----------
    X : array_like, shape (n, k)
    y : array_like, shape (n,)
    learning_rate : float
        The step size :math:`\eta`, with :math:`0 < \eta < 2/\lambda_{\max}`.
    steps : array_like of int, shape (m,)
        The numbers of steps, each 0 or more, in any order.
    start : array_like, shape (k,), optional
        The starting weights :math:`w_0`; zeros by default.

    Returns
    -------
    ndarray, shape (m, k)
        Row i holds the weights after ``steps[i]`` steps.

    Examples
    --------
    >>> X, y = polynomial_design([0.0, 1.0, 2.0, 3.0], 2), [1.0, 0.0, 2.0, 5.0]
    >>> run = linear_mse_descent(X, y, 0.5, 30, tolerance=0)
    >>> at = linear_mse_descent_at(X, y, 0.5, [0, 7, 30])
    >>> bool(np.allclose(at, run.path[[0, 7, 30]]))
    True

    After very many steps the walk has reached least squares:

    >>> bool(np.allclose(linear_mse_descent_at(X, y, 0.5, [10**9])[0],
    ...                  linear_least_squares(X, y)))
    True
    """
    X, y = _as_system(None, X, y)
    w = np.zeros(X.shape[1]) if start is None else as_data("start", start)
    if len(w) != X.shape[1]:
        raise ValueError(f"start must have one weight per column of X ({X.shape[1]}), got "
                         f"{len(w)}")
    learning_rate = as_positive("learning_rate", learning_rate)
    counts = np.atleast_1d(as_data("steps", np.atleast_1d(steps)))
    if np.any(counts < 0) or np.any(counts != np.round(counts)):
        raise ValueError("steps must hold whole numbers of steps, 0 or more")
    curvatures, Q = np.linalg.eigh(linear_mse_hessian(X))
    wall = 2 / curvatures[-1] if curvatures[-1] > 0 else np.inf  # no curvature: no wall
    if learning_rate >= wall:
        raise ValueError(f"learning_rate must be below the wall 2/λmax = {wall:.4g} for the "
                         f"walk to settle, got {learning_rate:.4g}; linear_mse_descent shows "
                         "a diverging walk")
    slope = Q.T @ linear_mse_gradient(w, X, y)
    with np.errstate(invalid="ignore", divide="ignore"):  # 0 · log 0 at a rate of 1/λ
        taken = _taken(curvatures, learning_rate, counts)
    return (w[:, None] - Q @ (taken * slope[:, None])).T


def standardize(features):
    r"""Rescale each column to mean 0 and standard deviation 1.

    .. math::

        z_{ij} = \frac{x_{ij} - \mu_j}{\sigma_j}

    Standardise the features before :func:`add_intercept` (a column of ones cannot be
    rescaled).

    Parameters
    ----------
    features : array_like, shape (n,) or (n, k)

    Returns
    -------
    (z, mean, scale) : tuple of ndarray
        The rescaled features (same shape as `features`), and each column's mean and standard
        deviation, so that ``features == z * scale + mean``.

    Examples
    --------
    >>> z, mean, scale = standardize([1.0, 2.0, 3.0])
    >>> z.round(4)
    array([-1.2247,  0.    ,  1.2247])
    >>> float(mean), round(float(scale), 4)
    (2.0, 0.8165)
    """
    ndim = np.ndim(features)
    features = as_data("features", features, ndim=ndim if ndim in (1, 2) else 2)
    mean, scale = features.mean(axis=0), features.std(axis=0)
    if np.any(scale == 0):
        raise ValueError("features has a constant column, which cannot be standardised")
    return (features - mean) / scale, mean, scale


def linear_mse_slopes_slice(X, y, half_width, *, labels=None):
    r"""The loss :func:`linear_mse` with the intercept held at its best value, as a
    :class:`~gdcore.Landscape` of the slopes: a slice through the bottom of the bowl.

    The loss is quadratic, so with :math:`v^*` the least-squares slopes, :math:`L^*` the
    least-squares loss and :math:`H_s` the slopes' block of the Hessian (all of
    :math:`H = \frac{2}{n}X^\top X` but its first row and column), the slice is exactly
    :math:`L^* + \tfrac12 (v - v^*)^\top H_s (v - v^*)`.

    Parameters
    ----------
    X : array_like, shape (n, d)
        A design matrix whose first column is the intercept's ones
        (:func:`add_intercept`), with d >= 2.
    y : array_like, shape (n,)
    half_width : float
        The window runs this far either side of each best slope.
    labels : tuple of str, optional
        One name per slope, for the axes.

    Returns
    -------
    Landscape
        With ``hessian`` :math:`H_s`, ``minima`` the least-squares slopes and a ``window``
        of ``half_width`` around them.

    Examples
    --------
    >>> X = add_intercept([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0], [3.0, 1.0]])
    >>> y = X @ [1.0, 2.0, -1.0]
    >>> bowl = linear_mse_slopes_slice(X, y, 0.5)
    >>> bowl.minima.round(6)
    array([[ 2., -1.]])
    >>> round(float(bowl.value([2.5, -1.0])), 12), float(linear_mse([1.0, 2.5, -1.0], X, y))
    (0.875, 0.875)
    """
    X = as_data("X", X, ndim=2)
    y = as_data("y", y)
    half_width = as_positive("half_width", half_width)
    if X.shape[1] < 2:
        raise ValueError(f"X must have an intercept column and at least one slope, got "
                         f"{X.shape[1]} column(s)")
    best = linear_least_squares(X, y)
    hessian = linear_mse_hessian(X)[1:, 1:]
    floor = linear_mse(best, X, y)
    slopes = best[1:]

    def value(v):
        gap = np.asarray(v, dtype=float) - slopes
        return floor + 0.5 * np.einsum("...i,ij,...j->...", gap, hessian, gap)

    window = np.column_stack([slopes - half_width, slopes + half_width])
    return Landscape("slice through the bottom", value,
                     lambda v: (np.asarray(v, dtype=float) - slopes) @ hessian,
                     slopes[None, :], window, hessian=hessian, labels=labels)
