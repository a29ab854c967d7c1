"""Argument checks shared by the public functions.

Every check names the argument it rejects, so that a learner who passes the wrong thing reads
what was expected instead of a traceback from deep inside NumPy.
"""

import numbers

import numpy as np


def as_finite(name, values):
    """Return `values`, a number or an array of any shape, as a finite float array."""
    if isinstance(values, (str, bytes)):
        raise TypeError(f"{name} must be a number or an array of numbers, not a string")
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as error:
        raise TypeError(f"{name} must be a number or an array of numbers ({error})") from None
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must contain only finite numbers (found NaN or inf)")
    return array


def as_data(name, values, *, ndim=1):
    """Return `values` as a float array of `ndim` dimensions, non-empty and finite."""
    array = as_finite(name, values)
    if array.ndim != ndim:
        raise ValueError(f"{name} must be {ndim}-dimensional, got shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} must not be empty")
    return array


def as_pair(x_name, x, y_name, y):
    """Return `x` and `y` as 1-D data arrays of the same length."""
    x, y = as_data(x_name, x), as_data(y_name, y)
    if x.shape != y.shape:
        raise ValueError(
            f"{x_name} and {y_name} must have the same length, got {x.size} and {y.size}"
        )
    return x, y


def as_vector(name, values):
    """Return a finite parameter vector; a scalar becomes a vector of length 1."""
    return as_data(name, np.atleast_1d(values) if np.ndim(values) == 0 else values)


def as_number(name, value):
    """Return `value` as a finite float (a real number, not a bool)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return value


def as_positive(name, value):
    """Return `value` as a positive finite float."""
    value = as_number(name, value)
    if value <= 0:
        raise ValueError(f"{name} must be positive, got {value}")
    return value


def as_count(name, value):
    """Return `value` as a non-negative int (an integer, not a float or a bool)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number, got {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{name} must not be negative, got {value}")
    return int(value)


def as_callable(name, value):
    """Return `value` if it can be called."""
    if not callable(value):
        raise TypeError(f"{name} must be a function, got {type(value).__name__}")
    return value


def as_hessian(name, matrix):
    """Return a finite, square, symmetric matrix as a float array."""
    matrix = as_data(name, matrix, ndim=2)
    rows, cols = matrix.shape
    if rows != cols:
        raise ValueError(f"{name} must be square, got shape {matrix.shape}")
    if not np.allclose(matrix, matrix.T, rtol=1e-10, atol=1e-12 * np.abs(matrix).max()):
        raise ValueError(f"{name} must be symmetric")
    return matrix
