"""Numerical derivatives, for checking derivations done by hand."""

import numpy as np

from ._validate import as_callable, as_positive, as_vector

__all__ = ["numerical_gradient", "numerical_hessian"]


def _single(f, w):
    """``f(w)`` as a float, refused by name when it is not a single number."""
    value = np.asarray(f(w), dtype=float)
    if value.size != 1:
        raise ValueError(
            f"f must return a single number (the loss at w), got an array of shape {value.shape}"
        )
    return float(value.reshape(()))


def _vector(gradient, w):
    """``gradient(w)`` as a float vector of w's shape, refused by name otherwise."""
    g = np.asarray(gradient(w), dtype=float)
    if g.shape != w.shape:
        raise ValueError(f"gradient must return an array of w's shape {w.shape}, got {g.shape}")
    return g


def numerical_gradient(f, w, step=1e-6):
    r"""The gradient of `f` at `w` by central differences.

    .. math::

        \frac{\partial f}{\partial w_i} \approx \frac{f(w + h_i e_i) - f(w - h_i e_i)}{2 h_i},
        \qquad h_i = \text{step} \cdot \max(1, \lvert w_i \rvert)

    The error is of order :math:`h^2` (times the third derivative), far below what a wrong
    derivation gives.

    Parameters
    ----------
    f : callable
        ``f(w) -> float`` for ``w`` of shape (d,).
    w : float or array_like, shape (d,)
    step : float, default 1e-6
        The relative step :math:`h`.

    Returns
    -------
    ndarray, shape (d,)

    Examples
    --------
    >>> numerical_gradient(lambda w: w[0] ** 2 + 3 * w[1], [1.0, 5.0]).round(6)
    array([2., 3.])
    """
    f = as_callable("f", f)
    w = as_vector("w", w)
    step = as_positive("step", step)
    h = step * np.maximum(1.0, np.abs(w))
    grad = np.empty_like(w)
    for i, e in enumerate(np.eye(len(w))):
        grad[i] = (_single(f, w + h[i] * e) - _single(f, w - h[i] * e)) / (2 * h[i])
    return grad


def numerical_hessian(gradient, w, step=1e-5):
    r"""The Hessian at `w` by central differences of an exact `gradient`.

    .. math::

        H_{ij} \approx \frac{g_i(w + h_j e_j) - g_i(w - h_j e_j)}{2 h_j}

    then symmetrised, :math:`(H + H^\top)/2`. Near a minimum of any smooth loss, its
    eigenvalues play the part of the curvatures in :mod:`gdcore.theory`.

    Parameters
    ----------
    gradient : callable
        ``gradient(w) -> ndarray`` of shape (d,).
    w : float or array_like, shape (d,)
    step : float, default 1e-5

    Returns
    -------
    ndarray, shape (d, d)

    Examples
    --------
    >>> numerical_hessian(lambda w: np.array([2 * w[0] + w[1], w[0] + 6 * w[1]]), [1.0, 2.0])
    array([[2., 1.],
           [1., 6.]])
    """
    gradient = as_callable("gradient", gradient)
    w = as_vector("w", w)
    step = as_positive("step", step)
    h = step * np.maximum(1.0, np.abs(w))
    columns = [
        (_vector(gradient, w + h[j] * e) - _vector(gradient, w - h[j] * e)) / (2 * h[j])
        for j, e in enumerate(np.eye(len(w)))
    ]
    hessian = np.column_stack(columns)
    return (hessian + hessian.T) / 2
