"""Argument checks shared by the public functions.

Every check names the argument it rejects, so that a learner who passes the wrong thing reads
what was expected instead of a traceback from deep inside NumPy.
"""

import numbers

import numpy as np


def _kind(value):
    """A few words for what `value` is, for messages: "None", "a dict", "a list of str"."""
    if value is None:
        return "None"
    name = type(value).__name__
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


def as_finite(name, values):
    """Return `values`, a number or an array of any shape, as a finite float array.

    Anything that is not plainly numbers is refused by name, with what it was: None, a
    string, a dict, a ragged list, complex numbers, an object array holding something that
    is not a number. (``np.asarray(None, dtype=float)`` would be NaN, and strings of digits
    would be parsed: both would be a silent, wrong coercion.)
    """
    expected = f"{name} must be a number or an array of numbers"
    if isinstance(values, (str, bytes)):
        raise TypeError(f"{expected}, not a string")
    if values is None or isinstance(values, (dict, set, frozenset)):
        raise TypeError(f"{expected}, got {_kind(values)}")
    try:
        raw = np.asarray(values)
    except (TypeError, ValueError) as error:
        # NumPy refuses a ragged list (rows of different lengths) here.
        if "inhomogeneous" in str(error):
            what = f"a ragged {type(values).__name__} (its rows have different lengths)"
        else:
            what = f"{_kind(values)} ({error})"
        raise TypeError(f"{expected}, got {what}") from None
    except Exception as error:  # a tensor that refuses to become an array, say
        raise TypeError(f"{expected}, got {_kind(values)} ({type(error).__name__}: "
                        f"{error})") from None
    kind = raw.dtype.kind
    if kind in "biuf":
        array = raw.astype(float)
    elif kind == "c":
        raise TypeError(f"{expected}, got complex numbers")
    elif kind == "O":
        # Python objects: Fractions, Decimals and the like are numbers; None, strings,
        # lists of different lengths and dicts are not.
        items = []
        for item in raw.flat:
            what = _kind(values) if raw.ndim == 0 else f"{_kind(values)} holding {_kind(item)}"
            if item is None or isinstance(item, (str, bytes, dict, list, tuple, set)):
                raise TypeError(f"{expected}, got {what}")
            try:
                items.append(float(item))
            except OverflowError:
                raise ValueError(f"{name} must contain only finite numbers "
                                 f"(found one too large for a float)") from None
            except Exception:
                raise TypeError(f"{expected}, got {what}") from None
        array = np.array(items, dtype=float).reshape(raw.shape)
    else:
        what = "strings" if kind in "US" else f"values of type {raw.dtype}"
        raise TypeError(f"{expected}, got {what}")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must contain only finite numbers (found NaN or inf)")
    return array


def as_data(name, values, *, ndim=1):
    """Return `values` as a float array of `ndim` dimensions, non-empty and finite."""
    array = as_finite(name, values)
    if array.ndim != ndim:
        hint = ""
        if ndim == 1 and array.ndim == 2 and 1 in array.shape:
            hint = f" (a single row or column: pass {name}.ravel())"
        raise ValueError(f"{name} must be {ndim}-dimensional, got shape {array.shape}{hint}")
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


def as_point(name, value, what="(w₁, w₂)"):
    """Return `value` as a point of the plane: two finite numbers, named by `what`."""
    point = as_vector(name, value)
    if point.shape != (2,):
        raise ValueError(f"{name} must be a pair {what} of numbers, got {point.size} value"
                         f"{'' if point.size == 1 else 's'}")
    return point


def as_number(name, value):
    """Return `value` as a finite float (a real number or a 0-d array of one, not a bool)."""
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
        value = value.item()
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
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
    """Return a finite, square, symmetric matrix as a float array; a number is 1 × 1."""
    if np.ndim(matrix) == 0 and matrix is not None and not isinstance(matrix, (str, bytes)):
        matrix = [[matrix]]  # the curvature of a function of one variable
    matrix = as_data(name, matrix, ndim=2)
    rows, cols = matrix.shape
    if rows != cols:
        raise ValueError(f"{name} must be square, got shape {matrix.shape}")
    if not np.allclose(matrix, matrix.T, rtol=1e-10, atol=1e-12 * np.abs(matrix).max()):
        raise ValueError(f"{name} must be symmetric")
    return matrix
