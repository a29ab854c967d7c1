"""The checkers of the learner's own functions: the gradient of the loss and one step of
descent (see the package's introduction for what they compare and how)."""


import numbers
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .._validate import as_callable
from ._feedback import Feedback, failure, not_yet, safe_text, to_float
from ._slips import (
    CASES,
    GRADIENT_SLIPS,
    LINEAR_CASES,
    LINEAR_GRADIENT_SLIPS,
    STEP_SLIPS,
    close,
    gradient,
    linear_gradient,
    per_point_message,
    scaling_hints,
    shape_error_hint,
    step,
    table,
)

__all__ = ["check_descent_step", "check_linear_mse_gradient", "check_mse_gradient"]


# ---------------------------------------------------------------------------------------------
# Calling the learner's function


@dataclass(frozen=True)
class _Task:
    """One exercise: how the learner's function is called, what it should return, the slips
    its answers are compared with, and the words of the messages."""

    call: str  # how the function is called
    names: tuple[str, str]  # its two outputs, as the messages name them
    return_line: str
    per_point: str  # what to say when an output has one number per data point
    with_rate: bool
    right: Callable  # case -> the right answer
    correct: str  # the message when the answer is right in every case
    slips: tuple  # (case -> what the slip returns, the message after "Not yet: ")
    hints: bool  # whether to say which wrong output is a scaled right one
    closing: str = ""  # the last words for a wrong answer that matches no slip
    cases: tuple = CASES  # the test cases the function is called on
    read: Callable | None = None  # (result, case, task, clues) -> answer; by default a pair
    error_hint: Callable | None = None  # (error, case) -> words on the slip an error points to


def _length(value):
    """``len(value)``, or None when it has none (or its ``__len__`` fails)."""
    try:
        return len(value)
    except Exception:
        return None


def _as_items(result, two):
    """The learner's result as a list of two items, or the reason it is not a pair."""
    if result is None:
        return not_yet(
            "your function returned None. Did you forget the `return` line? It should end "
            f"with {two.split(': ')[1]}."
        )
    if isinstance(result, np.ndarray):
        if result.ndim == 0:
            return not_yet(f"your function returned one number; it should return {two}.")
        if result.size != 2 and result.shape[0] != 2:
            return not_yet(
                f"your function returned an array of shape {result.shape}; it should return "
                f"{two}."
            )
        return list(result.ravel()) if result.size == 2 else list(result)
    size = None if isinstance(result, (str, bytes, dict, set)) else _length(result)
    if size is None:
        # One number of any kind (a float, a Fraction, a 0-d tensor) or something else.
        if isinstance(result, (numbers.Number, np.generic)) or to_float(result)[0] is not None:
            return not_yet(f"your function returned one number; it should return {two}.")
        return not_yet(
            f"your function returned a {type(result).__name__}; it should return {two}."
        )
    if size != 2:
        count = {0: "no values", 1: "1 value"}.get(size, f"{size} values")
        return not_yet(f"your function returned {count}; it should return exactly {two}.")
    # Any sequence of two will do: a tuple, a list, a tensor, a pandas Series...
    try:
        items = list(result)
    except Exception as error:
        return not_yet(f"your function returned a {type(result).__name__} whose two values "
                       f"could not be read ({failure(error)}); it should return {two}.")
    return items if len(items) == 2 else not_yet(
        f"your function returned a {type(result).__name__} that gave {len(items)} values "
        f"when read one by one; it should return {two}.")


def _grad_hint(error):
    """What to do when the learner's answer is a tensor that requires grad (torch refuses to
    turn one into numbers), or nothing when the error is another."""
    if "grad" not in safe_text(error):
        return ""
    return (" (a tensor that requires grad gives its numbers with `.detach()`, or its one "
            "number with `.item()`)")


def _as_value(item, name, case, task):
    """One output of the learner's function as a float, or Feedback on why it is not one."""
    if item is None:
        return not_yet(f"your {name} is None; it should be a number.")
    if item is Ellipsis:  # the placeholder the exercise cells ship with
        return not_yet(f"your {name} is still `...`: replace it with your formula.")
    if isinstance(item, (complex, np.complexfloating)):
        return not_yet(f"your {name} is a complex number; it should be a real number.")
    if isinstance(item, (str, bytes)):
        return not_yet(f"your {name} is a {type(item).__name__}, not a number.")
    if not isinstance(item, np.ndarray):
        value, error = to_float(item)
        if value is not None:
            return value
        size = _length(item)
        if size is None:  # not a sequence either
            what = f"your {name} is a {type(item).__name__}, not a number"
            if error is None:
                return not_yet(f"{what}.")
            return not_yet(f"{what}: `float()` could not turn it into one "
                           f"({failure(error)}){_grad_hint(error)}.")
        kind = type(item).__name__
        try:  # a list, a tuple, a tensor of several numbers: what is inside?
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                array = np.asarray(item)
        except Exception:  # a ragged list, say
            array = None
        if array is None or (array.dtype.kind == "O" and array.size != 1):
            return not_yet(f"your {name} is a {kind}, not a number.")
        item = array
    array = item
    if array.dtype.kind == "c":
        return not_yet(f"your {name} is a complex number; it should be a real number.")
    if array.size == len(case.x) and array.size > 1:
        return not_yet(
            f"your {name} is an array of {array.size} numbers, one per data point, instead "
            f"of a single number: {task.per_point}."
        )
    if array.size != 1:
        return not_yet(
            f"your {name} is an array of shape {array.shape}; it should be a single number."
        )
    if array.dtype.kind == "b":
        return not_yet(f"your {name} is True or False, not a number.")
    if array.dtype.kind not in "iuf":
        # One element of another kind: a Fraction or Decimal in an object array, say.
        return _as_value(array.reshape(())[()], name, case, task)
    return float(array.reshape(()))


def _as_answer(result, case, task, clues=()):
    """The learner's result as a float array of two, or Feedback that says what is wrong."""
    first, second = task.names
    two = f"two numbers, {first} and {second}: {task.return_line}"
    items = _as_items(result, two)
    if isinstance(items, Feedback):
        return items

    values = []
    for name, item in zip(task.names, items, strict=True):
        value = _as_value(item, name, case, task)
        if isinstance(value, Feedback):
            return value
        inputs = case.describe(task.with_rate)
        clue = "".join(f" (NumPy warned: {warned}.)" for warned in clues)
        if np.isnan(value):
            return not_yet(
                f"your {name} came out as NaN (not a number) with {inputs}.{clue} NaN comes "
                "from 0/0 or from an operation on an empty array: look for a division."
            )
        if not np.isfinite(value):
            return not_yet(
                f"your {name} came out infinite with {inputs}.{clue} Look for a division by "
                "zero."
            )
        values.append(value)
    return np.array(values)


def _as_vector(result, case, task, clues=()):
    """The learner's gradient as a float array of one entry per weight, or Feedback on why
    it is not one."""
    k = case.k
    wanted = f"one number per weight, {k} here: `return 2 / len(y) * X.T @ (X @ w - y)`"
    if result is None:
        return not_yet("your function returned None. Did you forget the `return` line? It "
                       f"should return {wanted}.")
    if result is Ellipsis:  # the placeholder the exercise cell ships with
        return not_yet("your gradient is still `...`: replace it with your formula.")
    if isinstance(result, (str, bytes, dict, set)):
        return not_yet(f"your function returned a {type(result).__name__}; it should return "
                       f"{wanted}.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            array = np.asarray(result)
            if array.dtype.kind not in "biufc":
                array = array.astype(float)
    except Exception as error:
        return not_yet(f"your function returned a {type(result).__name__} that could not be "
                       f"read as numbers ({failure(error)}){_grad_hint(error)}; it should "
                       f"return {wanted}.")
    if array.dtype.kind == "c":
        return not_yet("your gradient holds complex numbers; it should be real.")
    if array.dtype.kind == "b":
        return not_yet("your gradient is True or False, not numbers.")
    if array.ndim == 0:
        return not_yet(f"your function returned one number; it should return {wanted}. The "
                       "mean of all the products is one number; Xᵀ(Xw − y) keeps one per "
                       "column of X.")
    if array.size != k or max(array.shape) != k:
        said = per_point_message(array.shape, case)
        if said is None:
            said = (f"your gradient has shape {array.shape}; it should have one entry per "
                    f"weight, shape ({k},).")
        return not_yet(said)
    values = array.astype(float).ravel()
    inputs = case.describe()
    clue = "".join(f" (NumPy warned: {warned}.)" for warned in clues)
    if np.isnan(values).any():
        return not_yet(f"your gradient came out as NaN (not a number) with {inputs}.{clue} "
                       "NaN comes from 0/0 or from an operation on an empty array: look for a "
                       "division.")
    if not np.isfinite(values).all():
        return not_yet(f"your gradient came out infinite with {inputs}.{clue} Look for a "
                       "division by zero.")
    return values


def _function_name(fn):
    """What to call the learner's function in a message: its name, or "fn"."""
    try:
        name = fn.__name__
    except Exception:  # a callable object, functools.partial, a broken property
        return "fn"
    # A lambda is called "<lambda>"; a name may even have been set to a number.
    return name if isinstance(name, str) and name.isidentifier() else "fn"


def _answers(fn, task):
    """The learner's answers to every case, shape (cases, 2), or Feedback on the first failure."""
    name = _function_name(fn)
    read = _as_answer if task.read is None else task.read
    rows = []
    for case in task.cases:
        # Copies, so that a function that changes x or y in place cannot spoil later cases.
        # Warnings are caught, not printed: a NaN or inf is reported below, with NumPy's
        # warning as a clue.
        args = case.arguments(task.with_rate)
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                result = fn(*args)
                # Reading the answer runs the learner's objects too (a tensor's __float__),
                # so it is inside the same net.
                clues = [safe_text(w.message) for w in caught
                         if issubclass(w.category, RuntimeWarning)]
                answer = read(result, case, task, clues[:1])
        except NotImplementedError:  # a placeholder that raises, as some exercises ship
            return not_yet(
                f"your function raises NotImplementedError: replace that line in `{name}` "
                "with your formula."
            )
        except Exception as error:
            hint = "" if task.error_hint is None else task.error_hint(error, case)
            return not_yet(
                f"your function raised an error when called as `{name}{task.call}` with "
                f"{case.describe(task.with_rate)}.\n{failure(error)}{hint}\nRun that call "
                "yourself to see which line it comes from."
            )
        if isinstance(answer, Feedback):
            return answer
        rows.append(answer)
    return np.array(rows)


# ---------------------------------------------------------------------------------------------
# The checkers


def _number(value, other=None):
    """`value` to 6 significant digits, or as many as it takes to differ from `other`."""
    for digits in (6, 10, 17):
        text = f"{value:.{digits}g}"
        if other is None or text != f"{other:.{digits}g}":
            break
    return text


def _which_differ(received, expected):
    """For each output, whether it is wrong in any case."""
    return ~close(received, expected).all(axis=0)


def _listed(names):
    """"A", "A and B", "A, B and C"."""
    *first, last = names
    return f"{', '.join(first)} and {last}" if first else last


def _example(received, expected, task, wrong):
    """A sentence with the first case where a wrong output differs, and the two numbers."""
    differs = ~close(received, expected)
    i = int(np.flatnonzero(differs[:, wrong].any(axis=1))[0])
    inputs = task.cases[i].describe(task.with_rate)
    if wrong.all():
        should = ", ".join(_number(e, r) for e, r in zip(expected[i], received[i], strict=True))
        got = ", ".join(_number(r, e) for e, r in zip(expected[i], received[i], strict=True))
        return f"For example, with {inputs}, they should be ({should}) but you returned ({got})."
    j = int(np.flatnonzero(wrong)[0])
    e, r = expected[i, j], received[i, j]
    return (
        f"For example, with {inputs}, your {task.names[j]} should be {_number(e, r)} but you "
        f"returned {_number(r, e)}."
    )


_GRADIENT_TASK = _Task(
    call="(m, b, x, y)",
    names=("∂L/∂m", "∂L/∂b"),
    return_line="`return dL_dm, dL_db`",
    per_point="take the mean over the data points (`np.mean(...)`, or the sum divided by n)",
    with_rate=False,
    right=gradient,
    correct=f"Correct! Your ∂L/∂m and ∂L/∂b match the exact derivatives on {len(CASES)} test "
    "cases.",
    slips=GRADIENT_SLIPS,
    hints=True,
)
_STEP_TASK = _Task(
    call="(m, b, x, y, learning_rate)",
    names=("new m", "new b"),
    return_line="`return m_new, b_new`",
    per_point="the gradient it uses should be averaged over the data points (`np.mean(...)`)",
    with_rate=True,
    right=step,
    correct=f"Correct! Your step matches m − η ∂L/∂m, b − η ∂L/∂b on {len(CASES)} test cases, "
    "with learning rates 0.05 and 0.1.",
    slips=STEP_SLIPS,
    hints=False,
    closing=" Check the gradient you use with `check_mse_gradient`, then the update "
    "m − η ∂L/∂m, b − η ∂L/∂b.",
)


_LINEAR_GRADIENT_TASK = _Task(
    call="(w, X, y)",
    names=tuple(f"∂L/∂w{j}".translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))
                for j in range(LINEAR_CASES[0].k)),
    return_line="`return 2 / len(y) * X.T @ (X @ w - y)`",
    per_point="",  # the reader words it, with the shapes
    with_rate=False,
    right=linear_gradient,
    correct=f"Correct! Your gradient matches (2/n) Xᵀ(Xw − y) on {len(LINEAR_CASES)} test "
    "cases.",
    slips=LINEAR_GRADIENT_SLIPS,
    hints=False,
    closing=" Build it from the residuals r = Xw − y: the gradient is (2/n) Xᵀ r.",
    cases=LINEAR_CASES,
    read=_as_vector,
    error_hint=shape_error_hint,
)


def _check(fn, task):
    """The Feedback on the learner's function `fn` for `task`: the body of both checkers.

    A `fn` that cannot be called is refused with a TypeError; otherwise it is called on every
    case. An answer that cannot be read (an exception, None, the wrong shape, NaN) is
    described as it is; an answer right in every case passes; a wrong one gets the message
    of the first of `task.slips` that it matches in every case. Otherwise the message names
    the wrong output (or both) with the first case where it differs, then, with
    `task.hints`, which wrong output is a scaled right one, then `task.closing`.
    """
    fn = as_callable("fn", fn)
    received = _answers(fn, task)
    if isinstance(received, Feedback):
        return received
    expected = table(task.right, task.cases)
    if close(received, expected).all():
        return Feedback(True, task.correct)
    for slipped, message in task.slips:
        if close(received, table(slipped, task.cases)).all():
            return not_yet(message)

    wrong = _which_differ(received, expected)
    names = np.array(task.names)
    if wrong.all():
        text = ("neither your {} nor your {} is right yet.".format(*task.names)
                if len(task.names) == 2 else f"none of your {_listed(names)} is right yet.")
    else:
        bad, good = names[wrong], names[~wrong]
        text = (f"your {_listed(bad)} {'is' if len(bad) == 1 else 'are'} not right yet "
                f"(your {_listed(good)} {'is' if len(good) == 1 else 'are'}).")
    hints = ""
    if task.hints:
        columns = [(task.names[j], received[:, j], expected[:, j]) for j in np.flatnonzero(wrong)]
        hints = scaling_hints(columns, task.cases)
    return not_yet(f"{text} {_example(received, expected, task, wrong)}{hints}{task.closing}")


def check_mse_gradient(fn):
    r"""Check a learner's gradient of the mean squared error, and say which slip it looks like.

    The function should return the two partial derivatives of
    :math:`L(m, b) = \frac{1}{n} \sum (y_i - (m x_i + b))^2`,

    .. math::

        \frac{\partial L}{\partial m}
            = -\frac{2}{n} \sum_{i=1}^{n} x_i \bigl(y_i - (m x_i + b)\bigr),
        \qquad
        \frac{\partial L}{\partial b} = -\frac{2}{n} \sum_{i=1}^{n} \bigl(y_i - (m x_i + b)\bigr),

    written any way at all: a loop, NumPy, :math:`\frac{2}{n} \sum x_i (\hat y_i - y_i)`, as a
    tuple, a list or an array of two numbers. It is called on three data sets (NumPy arrays)
    at two points (m, b) each, and compared with :func:`gdcore.mse_gradient`. A wrong answer
    is compared with the common slips: the factor 2 missing, a sum instead of a mean, the
    sign flipped (and these together), x forgotten in ∂L/∂m, the two partials swapped.
    Otherwise the feedback says which partial is wrong, with an input to try, and whether it
    is the right one scaled by one of those slips.

    Parameters
    ----------
    fn : callable
        ``fn(m, b, x, y) -> (dL_dm, dL_db)``, with m and b floats and x and y NumPy arrays.

    Returns
    -------
    Feedback
        Whether the gradient is right and, if not, which slip it looks like. Whatever `fn`
        does is reported in the message, not raised (see :mod:`gdcore.exercises`).

    Raises
    ------
    TypeError
        If `fn` is not a function.

    See Also
    --------
    check_descent_step : the step of descent that uses this gradient.

    Notes
    -----
    A function that never returns hangs the checker with it: interrupt the kernel (the ■
    button) and look for a loop whose condition never changes.

    Examples
    --------
    >>> import numpy as np
    >>> from gdcore import mse_gradient
    >>> check_mse_gradient(mse_gradient).passed
    True
    >>> def gradient(m, b, x, y):
    ...     residual = y - (m * x + b)
    ...     return -np.mean(x * residual), -np.mean(residual)  # the 2 is missing
    >>> print(check_mse_gradient(gradient))
    ✘ Not yet: your ∂L/∂m and ∂L/∂b are each half of what they should be — it looks like the
    factor 2 from the chain rule (d/du u² = 2u) is missing.
    """
    return _check(fn, _GRADIENT_TASK)


def check_descent_step(fn):
    r"""Check a learner's single step of gradient descent on the mean squared error.

    The step moves both parameters against the gradient, both computed at the old point:

    .. math::

        m \leftarrow m - \eta \, \frac{\partial L}{\partial m}(m, b), \qquad
        b \leftarrow b - \eta \, \frac{\partial L}{\partial b}(m, b)

    It is called on three data sets (NumPy arrays) at two points each, with learning rates
    0.05 and 0.1, and compared with the step computed from :func:`gdcore.mse_gradient`. A
    wrong answer is compared with the common slips: a step uphill, the learning rate left
    out, b updated with the new m (or m with the new b), the gradient or only the change
    returned, the two swapped, and a right step around a slipped gradient (see
    :func:`check_mse_gradient`). Otherwise the feedback says which parameter is wrong, with
    an input to try.

    Parameters
    ----------
    fn : callable
        ``fn(m, b, x, y, learning_rate) -> (m_new, b_new)``.

    Returns
    -------
    Feedback
        Whether the step is right and, if not, which slip it looks like. Whatever `fn` does
        is reported in the message, not raised (see :mod:`gdcore.exercises`).

    Raises
    ------
    TypeError
        If `fn` is not a function.

    See Also
    --------
    check_mse_gradient : check the gradient inside the step on its own.

    Notes
    -----
    A function that never returns hangs the checker with it: interrupt the kernel (the ■
    button) and look for a loop whose condition never changes.

    Examples
    --------
    >>> from gdcore import mse_gradient
    >>> def step(m, b, x, y, learning_rate):
    ...     dL_dm, dL_db = mse_gradient(m, b, x, y)
    ...     return m - learning_rate * dL_dm, b - learning_rate * dL_db
    >>> check_descent_step(step).passed
    True
    >>> def uphill(m, b, x, y, learning_rate):
    ...     dL_dm, dL_db = mse_gradient(m, b, x, y)
    ...     return m + learning_rate * dL_dm, b + learning_rate * dL_db
    >>> print(check_descent_step(uphill))
    ✘ Not yet: your step goes uphill: it adds η times the gradient instead of subtracting it
    (or the gradient it uses has the wrong sign). The gradient points uphill, so step against
    it: m − η ∂L/∂m and b − η ∂L/∂b.
    """
    return _check(fn, _STEP_TASK)


def check_linear_mse_gradient(fn):
    r"""Check a learner's vector gradient of the mean squared error, and say which slip it
    looks like.

    The function should return the gradient of :math:`L(w) = \frac{1}{n}\lVert Xw - y
    \rVert^2`, one entry per weight,

    .. math::

        \nabla L(w) = \frac{2}{n} X^\top (X w - y),

    written any way at all: a matrix product, a loop over the columns, ``(X @ w - y) @ X``,
    a list or an array. It is called on three small systems (NumPy arrays; three weights on
    4, 5 and 7 data points) and compared with :func:`gdcore.linear_mse_gradient`. A wrong
    answer is compared with the common slips: 1/n instead of 2/n, the factor 2/n missing, a
    sum instead of a mean, the residual written y − Xw (the sign flipped), and these
    together. An answer of the wrong shape, or a shape error from NumPy, is read for the
    slip it points to: Xᵀ forgotten (one number per data point, or X times the residuals
    entry by entry) and the transposes swapped (X (Xw − y) does not fit).

    Parameters
    ----------
    fn : callable
        ``fn(w, X, y) -> gradient``, with w of shape (k,), X of shape (n, k) and y of shape
        (n,), NumPy arrays.

    Returns
    -------
    Feedback
        Whether the gradient is right and, if not, which slip it looks like. Whatever `fn`
        does is reported in the message, not raised (see :mod:`gdcore.exercises`).

    Raises
    ------
    TypeError
        If `fn` is not a function.

    See Also
    --------
    check_mse_gradient : the same gradient for the line, as two partial derivatives.

    Notes
    -----
    A function that never returns hangs the checker with it: interrupt the kernel (the ■
    button) and look for a loop whose condition never changes.

    Examples
    --------
    >>> from gdcore import linear_mse_gradient
    >>> check_linear_mse_gradient(linear_mse_gradient).passed
    True
    >>> def gradient(w, X, y):
    ...     return 2 / len(y) * X.T @ (y - X @ w)  # the residual the wrong way round
    >>> print(check_linear_mse_gradient(gradient))
    ✘ Not yet: your gradient has the right size but the wrong sign — it looks like the
    residual was written y − Xw instead of Xw − y (the derivative of (y − Xw)² brings a minus
    sign from the inside; with Xw − y there is none).
    >>> def placeholder(w, X, y):
    ...     return ...
    >>> print(check_linear_mse_gradient(placeholder))
    ✘ Not yet: your gradient is still `...`: replace it with your formula.
    """
    return _check(fn, _LINEAR_GRADIENT_TASK)
