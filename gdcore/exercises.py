r"""Checkers for the learners' own code: is it right, and if not, which slip does it look like?

Each checker calls the learner's function on three small seeded data sets, at two points on
each, and compares the answers with gdcore's own. The loss is the mean squared error of the
line y = m x + b,

.. math::

    L(m, b) = \frac{1}{n} \sum_{i=1}^{n} \bigl(y_i - (m x_i + b)\bigr)^2 .

The data are chosen so that the common slips give different numbers: x is not centred on
zero, m and b differ, no data set has two points, and the learning rates are not 1. A wrong
answer is compared with what each slip would have returned at the same inputs, and the
first slip that matches all of them names the feedback. Whatever the learner's function
does (raise an exception, return None, three numbers or NaN) is reported in the feedback,
never raised.
"""

import html
import numbers
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ._validate import as_callable, as_count, as_positive
from .datasets import mountain_temperatures
from .descent import gradient_descent
from .regression import mse_gradient, mse_landscape

__all__ = ["Feedback", "check_descent_step", "check_mse_gradient", "check_rate_guess"]

# A loop and a vectorised formula differ by round-off, far below what any slip changes.
RTOL, ATOL = 1e-6, 1e-9


@dataclass(frozen=True)
class Feedback:
    """The verdict on a learner's answer, which shows itself as a coloured box in a notebook.

    Attributes
    ----------
    passed : bool
        Whether the answer is right. ``bool(feedback)`` is the same, so that
        ``assert check_mse_gradient(my_gradient)`` works.
    message : str
        Plain text, in the second person: what is right, or which slip it looks like.

    Examples
    --------
    >>> feedback = Feedback(passed=True, message="Correct!")
    >>> bool(feedback), str(feedback)
    (True, '✔ Correct!')
    """

    passed: bool
    message: str

    def __bool__(self):
        return self.passed

    def __str__(self):
        return f"{'✔' if self.passed else '✘'} {self.message}"

    def _repr_pretty_(self, printer, cycle):
        # IPython's plain-text display: the message, not the dataclass's field list.
        printer.text(str(self))

    def _repr_html_(self):
        # Inline styles only, so the box needs no stylesheet. Where they are stripped (GitHub
        # sanitises notebook HTML), the bold mark and the words "Correct!" / "Not yet:" still
        # say it all. The text colour is set too, for dark themes.
        accent, background = ("#1a7f37", "#e6f4ea") if self.passed else ("#9a6700", "#fff5d6")
        mark = "✔" if self.passed else "✘"
        text = re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(self.message))
        text = text.replace("\n", "<br>")
        return (
            f'<div style="border-left: 6px solid {accent}; background: {background}; '
            'color: #1f2328; padding: 0.6em 0.9em; margin: 0.4em 0; border-radius: 4px; '
            'font-size: 1.1em; line-height: 1.5">'
            f'<strong style="color: {accent}">{mark}</strong> {text}</div>'
        )


# ---------------------------------------------------------------------------------------------
# The test cases


@dataclass(frozen=True)
class _Case:
    m: float
    b: float
    x: np.ndarray
    y: np.ndarray
    learning_rate: float

    def describe(self, with_rate):
        """The inputs as code a learner can paste to repeat the call."""

        def array(values):
            return f"np.array([{', '.join(repr(float(v)) for v in values)}])"

        rate = f", learning_rate = {self.learning_rate!r}" if with_rate else ""
        return f"m = {self.m!r}, b = {self.b!r}{rate}, x = {array(self.x)}, y = {array(self.y)}"


def _make_cases():
    # The first data set is small enough to check by hand, so it comes first and is the one
    # shown in most messages. The others are seeded and rounded to two decimals (so that the
    # printed values are exact). Every x has a mean far from zero and every n differs from 2.
    datasets = [(np.array([1.0, 2.0, 4.0]), np.array([3.0, 4.0, 9.0]))]
    rng = np.random.default_rng(2024)
    for n, low, high, slope, intercept in [(7, -2, 6, 1.5, 2.0), (12, 0, 10, -0.8, 5.0)]:
        x = np.round(rng.uniform(low, high, n), 2)
        datasets.append((x, np.round(slope * x + intercept + rng.normal(0, 1, n), 2)))
    points = [(0.5, -1.0), (-1.5, 2.0)]
    cases = []
    for x, y in datasets:
        x.setflags(write=False)
        y.setflags(write=False)
        for (m, b), rate in zip(points, (0.05, 0.1), strict=True):
            cases.append(_Case(m, b, x, y, rate))
    return tuple(cases)


_CASES = _make_cases()


def _gradient(case, m=None, b=None):
    m = case.m if m is None else m
    b = case.b if b is None else b
    return np.array(mse_gradient(m, b, case.x, case.y))


def _table(answer):
    """The answer to every case, as an array of shape (cases, 2)."""
    return np.array([answer(case) for case in _CASES])


def _close(received, expected):
    return np.isclose(received, expected, rtol=RTOL, atol=ATOL)


def _number(value, other=None):
    """`value` to 6 significant digits, or as many as it takes to differ from `other`."""
    for digits in (6, 10, 17):
        text = f"{value:.{digits}g}"
        if other is None or text != f"{other:.{digits}g}":
            break
    return text


# ---------------------------------------------------------------------------------------------
# Calling the learner's function


@dataclass(frozen=True)
class _Task:
    """What the learner's function computes, for the messages."""

    call: str  # how the function is called
    names: tuple[str, str]  # its two outputs, as the messages name them
    return_line: str
    per_point: str  # what to say when an output has one number per data point
    with_rate: bool


_GRADIENT_TASK = _Task(
    call="(m, b, x, y)",
    names=("∂L/∂m", "∂L/∂b"),
    return_line="`return dL_dm, dL_db`",
    per_point="take the mean over the data points (`np.mean(...)`, or the sum divided by n)",
    with_rate=False,
)
_STEP_TASK = _Task(
    call="(m, b, x, y, learning_rate)",
    names=("new m", "new b"),
    return_line="`return m_new, b_new`",
    per_point="the gradient it uses should be averaged over the data points (`np.mean(...)`)",
    with_rate=True,
)


def _not_yet(text):
    return Feedback(False, f"Not yet: {text}")


def _as_answer(result, case, task, clues=()):
    """The learner's result as a float array of two, or Feedback that says what is wrong."""
    first, second = task.names
    two = f"two numbers, {first} and {second}: {task.return_line}"
    if result is None:
        return _not_yet(
            f"your function returned None. Did you forget the `return` line? It should end "
            f"with {task.return_line}."
        )
    if isinstance(result, np.ndarray):
        if result.ndim == 0:
            return _not_yet(f"your function returned one number; it should return {two}.")
        if result.size != 2 and result.shape[0] != 2:
            return _not_yet(
                f"your function returned an array of shape {result.shape}; it should return "
                f"{two}."
            )
        items = list(result.ravel()) if result.size == 2 else list(result)
    elif isinstance(result, (tuple, list)):
        items = list(result)
        if len(items) != 2:
            count = {0: "no values", 1: "1 value"}.get(len(items), f"{len(items)} values")
            return _not_yet(f"your function returned {count}; it should return exactly {two}.")
    elif isinstance(result, (numbers.Number, np.generic)):
        return _not_yet(f"your function returned one number; it should return {two}.")
    else:
        return _not_yet(
            f"your function returned a {type(result).__name__}; it should return {two}."
        )

    values = []
    for name, item in zip(task.names, items, strict=True):
        if item is None:
            return _not_yet(f"your {name} is None; it should be a number.")
        if item is Ellipsis:  # the placeholder the exercise cells ship with
            return _not_yet(f"your {name} is still `...`: replace it with your formula.")
        try:
            array = None if isinstance(item, (str, bytes)) else np.asarray(item)
        except (TypeError, ValueError):  # a ragged list, say
            array = None
        if array is None or array.dtype.kind not in "biufc":
            return _not_yet(f"your {name} is a {type(item).__name__}, not a number.")
        if array.dtype.kind == "c":
            return _not_yet(f"your {name} is a complex number; it should be a real number.")
        if array.size == len(case.x) and array.size > 1:
            return _not_yet(
                f"your {name} is an array of {array.size} numbers, one per data point, instead "
                f"of a single number: {task.per_point}."
            )
        if array.size != 1:
            return _not_yet(
                f"your {name} is an array of shape {array.shape}; it should be a single number."
            )
        value = float(array.reshape(()))
        inputs = case.describe(task.with_rate)
        clue = "".join(f" (NumPy warned: {warned}.)" for warned in clues)
        if np.isnan(value):
            return _not_yet(
                f"your {name} came out as NaN (not a number) with {inputs}.{clue} NaN comes "
                "from 0/0 or from an operation on an empty array: look for a division."
            )
        if not np.isfinite(value):
            return _not_yet(
                f"your {name} came out infinite with {inputs}.{clue} Look for a division by "
                "zero."
            )
        values.append(value)
    return np.array(values)


def _answers(fn, task):
    """The learner's answers to every case, shape (cases, 2), or Feedback on the first failure."""
    name = getattr(fn, "__name__", "")
    name = name if name.isidentifier() else "fn"  # a lambda is called "<lambda>"
    rows = []
    for case in _CASES:
        # Copies, so that a function that changes x or y in place cannot spoil later cases.
        # Warnings are caught, not printed: a NaN or inf is reported below, with NumPy's
        # warning as a clue.
        args = (case.m, case.b, case.x.copy(), case.y.copy())
        args += (case.learning_rate,) if task.with_rate else ()
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                result = fn(*args)
        except Exception as error:
            detail = str(error)
            detail = detail if len(detail) <= 300 else detail[:297] + "..."
            raised = type(error).__name__ + (f": {detail}" if detail else "")
            return _not_yet(
                f"your function raised an error when called as `{name}{task.call}` with "
                f"{case.describe(task.with_rate)}.\n{raised}\nRun that call yourself to see "
                "which line it comes from."
            )
        clues = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
        answer = _as_answer(result, case, task, clues[:1])
        if isinstance(answer, Feedback):
            return answer
        rows.append(answer)
    return np.array(rows)


def _which_differ(received, expected):
    """For each of the two outputs, whether it is wrong in any case."""
    return ~_close(received, expected).all(axis=0)


def _example(received, expected, task, wrong):
    """A sentence with the first case where a wrong output differs, and the two numbers."""
    differs = ~_close(received, expected)
    i = int(np.flatnonzero(differs[:, wrong].any(axis=1))[0])
    inputs = _CASES[i].describe(task.with_rate)
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


# ---------------------------------------------------------------------------------------------
# The slips of the gradient


@dataclass(frozen=True)
class _Scaling:
    """A slip that multiplies both partial derivatives by the same factor."""

    factor: Callable[[int], float]  # of n, the number of data points
    plural: str  # how "∂L/∂m and ∂L/∂b" compare with the right values
    singular: str  # how one of them does
    causes: tuple[str, ...]

    @property
    def cause(self):
        if len(self.causes) == 1:
            return f"it looks like {self.causes[0]}"
        count = {2: "two", 3: "three"}[len(self.causes)]
        *first, last = self.causes
        return f"it looks like {count} slips at once: {'; '.join(first)}; and {last}"


_SIGN = (
    "the minus sign from the inner derivative is missing (the derivative of y − (m x + b) is "
    "−x with respect to m, and −1 with respect to b)"
)
_HALF = "the factor 2 from the chain rule (d/du u² = 2u) is missing"
_SUM = (
    "you summed over the data instead of taking the mean (divide the sum by n, or use "
    "`np.mean`)"
)
_N = " (n is the number of data points)"

# Every combination of the three slips that scale the gradient: its sign, its 2, its 1/n.
_SCALINGS = (
    _Scaling(lambda n: 0.5, "are each half of what they should be",
             "is half of what it should be", (_HALF,)),
    _Scaling(lambda n: n, f"are each n times what they should be{_N}",
             f"is n times what it should be{_N}", (_SUM,)),
    _Scaling(lambda n: -1.0, "have the right size but the wrong sign",
             "has the right size but the wrong sign", (_SIGN,)),
    _Scaling(lambda n: -0.5, "are each half of what they should be, with the wrong sign",
             "is half of what it should be, with the wrong sign", (_SIGN, _HALF)),
    _Scaling(lambda n: n / 2, f"are each n/2 times what they should be{_N}",
             f"is n/2 times what it should be{_N}", (_HALF, _SUM)),
    _Scaling(lambda n: -n, f"are each n times what they should be, with the wrong sign{_N}",
             f"is n times what it should be, with the wrong sign{_N}", (_SIGN, _SUM)),
    _Scaling(lambda n: -n / 2,
             f"are each n/2 times what they should be, with the wrong sign{_N}",
             f"is n/2 times what it should be, with the wrong sign{_N}", (_SIGN, _HALF, _SUM)),
)


@dataclass(frozen=True)
class _GradientSlip:
    """A slip in the gradient: what it returns, and how to describe it.

    `symptom` has a ``{your}`` field: "your" when the learner's gradient is checked, "its"
    when the gradient inside a descent step is.
    """

    gradient: Callable  # case -> the slipped (dL_dm, dL_db)
    symptom: str
    cause: str

    def message(self, your="your"):
        return f"{self.symptom.format(your=your)} — {self.cause}."


def _scaled(scaling):
    return _GradientSlip(
        lambda case: scaling.factor(len(case.x)) * _gradient(case),
        "{your} ∂L/∂m and ∂L/∂b " + scaling.plural,
        scaling.cause,
    )


_SCALED = tuple(_scaled(s) for s in _SCALINGS)
_FLIPPED = _SCALED[2]
_X_FORGOTTEN = _GradientSlip(
    lambda case: _gradient(case)[[1, 1]],
    "{your} ∂L/∂b is right, but {your} ∂L/∂m comes out equal to it",
    "it looks like the x was forgotten in ∂L/∂m: the derivative of y − (m x + b) with "
    "respect to m is −x, so every term of the sum for ∂L/∂m is multiplied by its x",
)
_SWAPPED = _GradientSlip(
    lambda case: _gradient(case)[::-1],
    "{your} two numbers are right but in the wrong order",
    "you returned (∂L/∂b, ∂L/∂m). Return ∂L/∂m first: `return dL_dm, dL_db`",
)
_GRADIENT_SLIPS = (*_SCALED, _X_FORGOTTEN, _SWAPPED)


def _hints(columns):
    """For each wrong output that is a scaled right one, a sentence that says so."""
    hints = []
    n = np.array([len(case.x) for case in _CASES])
    for name, got, right in columns:
        for s in _SCALINGS:
            if _close(got, s.factor(n) * right).all():
                hints.append(f" Your {name} {s.singular}: {s.cause}.")
                break
    return "".join(hints)


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
    Otherwise the feedback says which partial is wrong, with an input to try.

    Parameters
    ----------
    fn : callable
        ``fn(m, b, x, y) -> (dL_dm, dL_db)``, with m and b floats and x and y NumPy arrays.

    Returns
    -------
    Feedback
        ``passed`` and a ``message``. An exception raised by `fn`, or an answer of the wrong
        shape, is reported in the message, not raised.

    Raises
    ------
    TypeError
        If `fn` is not a function.

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
    fn = as_callable("fn", fn)
    received = _answers(fn, _GRADIENT_TASK)
    if isinstance(received, Feedback):
        return received
    expected = _table(_gradient)
    if _close(received, expected).all():
        return Feedback(
            True,
            f"Correct! Your ∂L/∂m and ∂L/∂b match the exact derivatives on {len(_CASES)} "
            "test cases.",
        )
    for slip in _GRADIENT_SLIPS:
        if _close(received, _table(slip.gradient)).all():
            return _not_yet(slip.message())

    wrong = _which_differ(received, expected)
    names = _GRADIENT_TASK.names
    if wrong.all():
        text = "neither your ∂L/∂m nor your ∂L/∂b is right yet."
    else:
        bad, good = names if wrong[0] else names[::-1]
        text = f"your {bad} is not right yet (your {good} is)."
    columns = [(names[j], received[:, j], expected[:, j]) for j in np.flatnonzero(wrong)]
    return _not_yet(
        f"{text} {_example(received, expected, _GRADIENT_TASK, wrong)}"
        f"{_hints(columns)}"
    )


# ---------------------------------------------------------------------------------------------
# The slips of a descent step


def _step(case, gradient=_gradient):
    """The right step, m − η ∂L/∂m and b − η ∂L/∂b, with an optional slipped gradient."""
    return np.array([case.m, case.b]) - case.learning_rate * gradient(case)


def _sequential_b(case):
    m_new = case.m - case.learning_rate * _gradient(case)[0]
    return np.array([m_new, case.b - case.learning_rate * _gradient(case, m=m_new)[1]])


def _sequential_m(case):
    b_new = case.b - case.learning_rate * _gradient(case)[1]
    return np.array([case.m - case.learning_rate * _gradient(case, b=b_new)[0], b_new])


_SAME_POINT = (
    "Both partial derivatives must come from the same point (m, b): compute ∂L/∂m and ∂L/∂b "
    "first, then update both."
)
_RETURN_STEP = "`return m - learning_rate * dL_dm, b - learning_rate * dL_db`"

# (what the slipped step returns, the message after "Not yet: ")
_STEP_SLIPS = (
    (
        lambda case: np.array([case.m, case.b]) + case.learning_rate * _gradient(case),
        "your step goes uphill: it adds η times the gradient instead of subtracting it (or "
        "the gradient it uses has the wrong sign). The gradient points uphill, so step against "
        "it: m − η ∂L/∂m and b − η ∂L/∂b.",
    ),
    (
        lambda case: np.array([case.m, case.b]) - _gradient(case),
        "your step subtracts the whole gradient: it looks like the learning rate was left out "
        "(as if η were 1). Multiply the gradient by `learning_rate` before subtracting it.",
    ),
    (
        _sequential_b,
        "your new m is right, but your new b was computed with the new m instead of the old "
        f"one. {_SAME_POINT}",
    ),
    (
        _sequential_m,
        "your new b is right, but your new m was computed with the new b instead of the old "
        f"one. {_SAME_POINT}",
    ),
    (
        _gradient,
        "your function returns the gradient (∂L/∂m, ∂L/∂b) instead of the new m and b. Take "
        f"a step from the current point: {_RETURN_STEP}.",
    ),
    (
        lambda case: case.learning_rate * _gradient(case),
        "your function returns only the change in m and b (η times the gradient), not the new "
        f"values. Start from the current point: {_RETURN_STEP}.",
    ),
    (
        lambda case: -case.learning_rate * _gradient(case),
        "your function returns only the change in m and b (η times the gradient), not the new "
        f"values. Start from the current point: {_RETURN_STEP}.",
    ),
    (
        lambda case: _step(case)[::-1],
        "your two numbers are right but in the wrong order. Return the new m first: "
        "`return m_new, b_new`.",
    ),
    # A right update around a slipped gradient. (A flipped sign is the uphill step above; a
    # swapped gradient inside a step would need its own words and is rare.)
    *(
        (
            lambda case, slip=slip: _step(case, slip.gradient),
            "your step has the right form, m − η ∂L/∂m and b − η ∂L/∂b, but the gradient "
            f"inside it is off: {slip.message('its')} Check your gradient on its own with "
            "`check_mse_gradient`.",
        )
        for slip in _GRADIENT_SLIPS
        if slip not in (_FLIPPED, _SWAPPED)
    ),
)


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
        ``passed`` and a ``message``. An exception raised by `fn`, or an answer of the wrong
        shape, is reported in the message, not raised.

    Raises
    ------
    TypeError
        If `fn` is not a function.

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
    fn = as_callable("fn", fn)
    received = _answers(fn, _STEP_TASK)
    if isinstance(received, Feedback):
        return received
    expected = _table(_step)
    if _close(received, expected).all():
        return Feedback(
            True,
            f"Correct! Your step matches m − η ∂L/∂m, b − η ∂L/∂b on {len(_CASES)} test "
            "cases, with learning rates 0.05 and 0.1.",
        )
    for slipped, message in _STEP_SLIPS:
        if _close(received, _table(slipped)).all():
            return _not_yet(message)

    wrong = _which_differ(received, expected)
    if wrong.all():
        text = "neither your new m nor your new b is right yet."
    else:
        bad, good = _STEP_TASK.names if wrong[0] else _STEP_TASK.names[::-1]
        text = f"your {bad} is not right yet (your {good} is)."
    return _not_yet(
        f"{text} {_example(received, expected, _STEP_TASK, wrong)} Check the gradient you use "
        "with `check_mse_gradient`, then the update m − η ∂L/∂m, b − η ∂L/∂b."
    )


def check_rate_guess(learning_rate, converges, steps=None, data=None, start=(0.0, 0.0)):
    """Check a prediction about gradient descent on a line fit, made before running it.

    Runs descent from `start` at `learning_rate` (until the gradient is below 1e-6, or for
    100,000 steps) and compares: did it converge as you said, and, if you guessed a number
    of steps, how close was the guess? Within a factor of 1.5 counts as a good guess.

    Parameters
    ----------
    learning_rate : float
    converges : bool
        Your prediction: will it converge?
    steps : int, optional
        Your guess of the steps it needs, when you predicted convergence.
    data : Dataset, optional
        :func:`gdcore.mountain_temperatures` by default.
    start : (float, float), default (0, 0)

    Returns
    -------
    Feedback

    Examples
    --------
    >>> print(check_rate_guess(0.18, converges=False))
    ✔ Right: η = 0.18 diverges (it was stopped at step 237, flung far from the valley).
    """
    learning_rate = as_positive("learning_rate", learning_rate)
    if not isinstance(converges, (bool, np.bool_)):
        raise TypeError(f"converges must be True or False, got {converges!r}")
    if steps is not None:
        steps = as_count("steps", steps)
    data = mountain_temperatures() if data is None else data
    land = mse_landscape(data.x, data.y)
    run = gradient_descent(land.gradient, start, learning_rate, 100_000, tolerance=1e-6)
    eta = f"η = {learning_rate:g}"
    if run.status == "diverged":
        fact = f"{eta} diverges (it was stopped at step {run.steps}, flung far from the valley)"
    elif run.status == "converged":
        fact = f"{eta} converges, in {run.steps} steps"
    else:
        fact = f"{eta} has not converged after {run.steps} steps: it crawls"
    if converges != (run.status == "converged"):
        return _not_yet(f"{fact}.")
    if steps is None or run.status != "converged":
        return Feedback(True, f"Right: {fact}.")
    ratio = max(steps, 1) / max(run.steps, 1)
    if 1 / 1.5 <= ratio <= 1.5:
        return Feedback(True, f"Right: {fact}; your guess of {steps} is within a factor 1.5.")
    side = "high" if ratio > 1 else "low"
    return Feedback(True, f"Right that it converges: {fact}. Your guess of {steps} was "
                          f"{side} by a factor {max(ratio, 1 / ratio):.1f}.")
