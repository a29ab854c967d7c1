r"""Checkers for the learners' own code: is it right, and if not, which slip does it look like?

Each checker calls the learner's function on three small seeded data sets, at two points on
each, and compares the answers with gdcore's own. The loss is the mean squared error of the
line y = m x + b,

.. math::

    L(m, b) = \frac{1}{n} \sum_{i=1}^{n} \bigl(y_i - (m x_i + b)\bigr)^2 .

The data are chosen so that the common slips give different numbers: x is not centred on
zero, m and b differ, no data set has two points, and the learning rates are not 1. A wrong
answer is compared with what each slip would have returned at the same inputs, and the
first slip that matches all of them names the feedback.

Whatever the learner's function does (raise an exception, return None, three numbers or NaN)
is reported in the feedback, never raised. Any number ``float()`` takes counts (a Fraction, a
Decimal, a NumPy scalar, a one-element array or tensor), and any sequence of two counts as a
pair. A function that never returns (a loop that never ends) hangs the checker with it: the
checker calls it directly, and bounding it with a timer is not worth its cost.
"""

import html
import numbers
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ._validate import as_callable, as_count, as_point, as_positive
from .datasets import as_dataset, mountain_temperatures
from .descent import gradient_descent
from .regression import mse_gradient, mse_landscape
from .theory import REGIME_MEANINGS, contraction, critical_learning_rate, regime

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


def _not_yet(text):
    return Feedback(False, f"Not yet: {text}")


def _safe_text(value, limit=300):
    """``str(value)``, cut to `limit` characters, even when its ``__str__`` itself fails."""
    try:
        text = str(value)
    except Exception:  # a learner's exception class may break in its own message
        return "(its message could not be shown)"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _failure(error):
    """An exception as "TypeError: its message", for the feedback."""
    detail = _safe_text(error)
    return type(error).__name__ + (f": {detail}" if detail else "")


def _length(value):
    """``len(value)``, or None when it has none (or its ``__len__`` fails)."""
    try:
        return len(value)
    except Exception:
        return None


def _as_items(result, two, case):
    """The learner's result as a list of two items, or the reason it is not a pair."""
    if result is None:
        return _not_yet(
            "your function returned None. Did you forget the `return` line? It should end "
            f"with {two.split(': ')[1]}."
        )
    if isinstance(result, np.ndarray):
        if result.ndim == 0:
            return _not_yet(f"your function returned one number; it should return {two}.")
        if result.size != 2 and result.shape[0] != 2:
            return _not_yet(
                f"your function returned an array of shape {result.shape}; it should return "
                f"{two}."
            )
        return list(result.ravel()) if result.size == 2 else list(result)
    size = None if isinstance(result, (str, bytes, dict, set)) else _length(result)
    if size is None:
        # One number of any kind (a float, a Fraction, a 0-d tensor) or something else.
        if isinstance(result, (numbers.Number, np.generic)) or _as_float(result)[0] is not None:
            return _not_yet(f"your function returned one number; it should return {two}.")
        return _not_yet(
            f"your function returned a {type(result).__name__}; it should return {two}."
        )
    if size != 2:
        count = {0: "no values", 1: "1 value"}.get(size, f"{size} values")
        return _not_yet(f"your function returned {count}; it should return exactly {two}.")
    # Any sequence of two will do: a tuple, a list, a tensor, a pandas Series...
    try:
        items = list(result)
    except Exception as error:
        return _not_yet(f"your function returned a {type(result).__name__} whose two values "
                        f"could not be read ({_failure(error)}); it should return {two}.")
    return items if len(items) == 2 else _not_yet(
        f"your function returned a {type(result).__name__} that gave {len(items)} values "
        f"when read one by one; it should return {two}.")


def _as_float(item):
    """``(float(item), None)``, or ``(None, error)`` when `item` cannot be one.

    Anything ``float()`` takes is a number here: a float, an int, a Fraction, a Decimal, a
    NumPy scalar, a SymPy number, a one-element tensor. Its warnings are not the learner's
    concern and are dropped.
    """
    if isinstance(item, (str, bytes, bool, np.bool_)):
        return None, None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return float(item), None
    except Exception as error:
        return None, error


def _as_value(item, name, case, task):
    """One output of the learner's function as a float, or Feedback on why it is not one."""
    if item is None:
        return _not_yet(f"your {name} is None; it should be a number.")
    if item is Ellipsis:  # the placeholder the exercise cells ship with
        return _not_yet(f"your {name} is still `...`: replace it with your formula.")
    if isinstance(item, (complex, np.complexfloating)):
        return _not_yet(f"your {name} is a complex number; it should be a real number.")
    if isinstance(item, (str, bytes)):
        return _not_yet(f"your {name} is a {type(item).__name__}, not a number.")
    if not isinstance(item, np.ndarray):
        value, error = _as_float(item)
        if value is not None:
            return value
        size = _length(item)
        if size is None:  # not a sequence either
            what = f"your {name} is a {type(item).__name__}, not a number"
            if error is None:
                return _not_yet(f"{what}.")
            hint = (" (a tensor that requires grad can be turned into a number with "
                    "`.item()`, or `.detach()` first)") if "grad" in _safe_text(error) else ""
            return _not_yet(f"{what}: `float()` could not turn it into one "
                            f"({_failure(error)}){hint}.")
        kind = type(item).__name__
        try:  # a list, a tuple, a tensor of several numbers: what is inside?
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                array = np.asarray(item)
        except Exception:  # a ragged list, say
            array = None
        if array is None or (array.dtype.kind == "O" and array.size != 1):
            return _not_yet(f"your {name} is a {kind}, not a number.")
        item = array
    array = item
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
    if array.dtype.kind == "b":
        return _not_yet(f"your {name} is True or False, not a number.")
    if array.dtype.kind not in "iuf":
        # One element of another kind: a Fraction or Decimal in an object array, say.
        return _as_value(array.reshape(())[()], name, case, task)
    return float(array.reshape(()))


def _as_answer(result, case, task, clues=()):
    """The learner's result as a float array of two, or Feedback that says what is wrong."""
    first, second = task.names
    two = f"two numbers, {first} and {second}: {task.return_line}"
    items = _as_items(result, two, case)
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
                # Reading the answer runs the learner's objects too (a tensor's __float__),
                # so it is inside the same net.
                clues = [_safe_text(w.message) for w in caught
                         if issubclass(w.category, RuntimeWarning)]
                answer = _as_answer(result, case, task, clues[:1])
        except Exception as error:
            return _not_yet(
                f"your function raised an error when called as `{name}{task.call}` with "
                f"{case.describe(task.with_rate)}.\n{_failure(error)}\nRun that call yourself "
                "to see which line it comes from."
            )
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
    # Only the change, η times the gradient, with either sign.
    *(
        (
            lambda case, sign=sign: sign * case.learning_rate * _gradient(case),
            "your function returns only the change in m and b (η times the gradient), not the "
            f"new values. Start from the current point: {_RETURN_STEP}.",
        )
        for sign in (1, -1)
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


# ---------------------------------------------------------------------------------------------
# The checkers


_GRADIENT_TASK = _Task(
    call="(m, b, x, y)",
    names=("∂L/∂m", "∂L/∂b"),
    return_line="`return dL_dm, dL_db`",
    per_point="take the mean over the data points (`np.mean(...)`, or the sum divided by n)",
    with_rate=False,
    right=_gradient,
    correct=f"Correct! Your ∂L/∂m and ∂L/∂b match the exact derivatives on {len(_CASES)} test "
    "cases.",
    slips=tuple((slip.gradient, slip.message()) for slip in _GRADIENT_SLIPS),
    hints=True,
)
_STEP_TASK = _Task(
    call="(m, b, x, y, learning_rate)",
    names=("new m", "new b"),
    return_line="`return m_new, b_new`",
    per_point="the gradient it uses should be averaged over the data points (`np.mean(...)`)",
    with_rate=True,
    right=_step,
    correct=f"Correct! Your step matches m − η ∂L/∂m, b − η ∂L/∂b on {len(_CASES)} test cases, "
    "with learning rates 0.05 and 0.1.",
    slips=_STEP_SLIPS,
    hints=False,
    closing=" Check the gradient you use with `check_mse_gradient`, then the update "
    "m − η ∂L/∂m, b − η ∂L/∂b.",
)


def _check(fn, task):
    """The Feedback on the learner's function `fn` for `task`: the body of both checkers.

    `fn` is called on every case. An answer that cannot be read (an exception, None, the
    wrong shape, NaN) is described as it is; an answer right in every case passes; a wrong
    one gets the message of the first of `task.slips` that it matches in every case.
    Otherwise the message names the wrong output (or both) with the first case where it
    differs, then, with `task.hints`, which wrong output is a scaled right one, then
    `task.closing`.
    """
    fn = as_callable("fn", fn)
    received = _answers(fn, task)
    if isinstance(received, Feedback):
        return received
    expected = _table(task.right)
    if _close(received, expected).all():
        return Feedback(True, task.correct)
    for slipped, message in task.slips:
        if _close(received, _table(slipped)).all():
            return _not_yet(message)

    wrong = _which_differ(received, expected)
    if wrong.all():
        text = "neither your {} nor your {} is right yet.".format(*task.names)
    else:
        bad, good = task.names if wrong[0] else task.names[::-1]
        text = f"your {bad} is not right yet (your {good} is)."
    hints = ""
    if task.hints:
        columns = [(task.names[j], received[:, j], expected[:, j]) for j in np.flatnonzero(wrong)]
        hints = _hints(columns)
    return _not_yet(f"{text} {_example(received, expected, task, wrong)}{hints}{task.closing}")


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

def _as_real(name, value, expected):
    """``float(value)``, or a TypeError that names the argument and why ``float()`` refused.

    This takes more than :func:`gdcore._validate.as_number`: a Decimal, or a tensor of one
    number, is not a :class:`numbers.Real` but is a fine guess.
    """
    number, error = _as_float(value)
    if number is None:
        reason = f" ({_failure(error)})" if error is not None else ""
        raise TypeError(f"{name} must be {expected}, got {type(value).__name__}{reason}")
    return number


def _as_rate(learning_rate):
    """The guessed rate as a positive float: anything ``float()`` takes, refused by name."""
    return as_positive("learning_rate", _as_real("learning_rate", learning_rate, "a number"))


def _as_steps(steps):
    """The guessed number of steps as an int: 250, np.int64(250) and 250.0 all do."""
    value = _as_real("steps", steps, "a whole number")
    if not (np.isfinite(value) and value == int(value)):
        raise ValueError(f"steps must be a whole number, got {value:g}")
    return as_count("steps", int(value))


_RATE_STEPS = 100_000
_RATE_TOLERANCE = 1e-6


def _rate_fact(eta, run, hessian):
    """What the walk at `eta` does, named by its regime of :mod:`gdcore.theory`.

    Returns
    -------
    (fact, converges, steps) : str, bool, int
        `steps` is the number of steps it took to converge, or an estimate when it converges
        too slowly to finish within the run.
    """
    rate = f"η = {eta:g}"
    name = regime(hessian, eta)
    called = f"theory calls it {name}: {REGIME_MEANINGS[name]}"
    wall = _wall_apart(eta, critical_learning_rate(hessian))
    rho = contraction(hessian, eta)
    if run.status == "diverged":
        return (f"{rate} diverges; {called} (it was stopped at step {run.steps}, flung far "
                "from the valley)"), False, run.steps
    if run.status == "converged":
        if run.steps == 0:
            return f"{rate} converges, in 0 steps (the start is already at the bottom)", \
                True, 0
        return f"{rate} converges, in {run.steps} steps; {called}", True, run.steps
    # Still walking at the step limit: the theory says which way it is heading.
    if name == "diverging":
        if rho <= 1 + 1e-12:
            return (f"{rate} is right at the wall, 2/λmax = {wall}, where the diverging "
                    "regime starts: along the steepest direction each step crosses the floor "
                    "and lands exactly as far out as it started. The walk jumps back and forth "
                    "across the valley for ever and never arrives"), False, 0
        return (f"{rate} diverges, slowly: it is just past the wall, 2/λmax = {wall}; "
                f"{called} (the error grows by a factor {_fraction_near_one(rho)} per step). "
                f"After {run.steps:,} steps it has not yet been flung far enough to be "
                "stopped, but it never settles"), False, 0
    # Converging, too slowly to finish: estimate the steps from the shrink per step.
    still = run.gradient_norms[-1] / _RATE_TOLERANCE
    needed = run.steps + int(np.ceil(np.log(still) / -np.log(rho))) if rho > 0 else run.steps
    needed = int(float(f"{needed:.2g}"))  # an estimate: two digits are all it has
    where = f", just below the wall, 2/λmax = {wall}" if name == "zig-zag" else ""
    return (f"{rate} converges, but slowly{where}; {called} (the error keeps a share "
            f"{_fraction_near_one(rho)} of itself per step). After {run.steps:,} steps it is "
            f"not there yet; it needs about {needed:,} steps in all"), True, needed


def _wall_apart(eta, wall):
    """The wall with the digits that tell it from `eta` as printed (at least six)."""
    digits = 6
    while digits < 17 and eta != wall and f"{wall:.{digits}g}" == f"{eta:g}":
        digits += 1
    return f"{wall:.{digits}g}"


def _fraction_near_one(rho):
    """`rho` with enough digits to tell it from 1: 0.99998, not 1."""
    digits = 6 + max(0, int(-np.log10(abs(1 - rho)))) if rho != 1 else 17
    return f"{rho:.{min(digits, 17)}g}"


def check_rate_guess(learning_rate, converges, steps=None, data=None, start=(0.0, 0.0)):
    """Check a prediction about gradient descent on a line fit, made before running it.

    Runs descent from `start` at `learning_rate` (until the gradient is below 1e-6, or for
    100,000 steps) and compares: did it converge as you said, and, if you guessed a number
    of steps, how close was the guess? Within a factor of 1.5 counts as a good guess.

    The feedback says whether the walk converges, and names the rate's regime in the words of
    :mod:`gdcore.theory` (crawl, smooth, zig-zag or diverging) with what that looks like on
    the path. A rate within a hair of the wall, 2/λmax, is judged by the theory when 100,000
    steps cannot settle it: just below the wall the walk zig-zags and converges (too slowly
    to finish; the steps it needs are estimated from the shrink per step); at the wall and
    above it never converges, however slowly it grows.

    Parameters
    ----------
    learning_rate : float
        Anything ``float()`` takes: a float, an int, a Fraction, a NumPy number.
    converges : bool
        Your prediction: will it converge?
    steps : int, optional
        Your guess of the steps it needs, when you predicted convergence.
    data : Dataset or (x, y), optional
        :func:`gdcore.mountain_temperatures` by default.
    start : (float, float), default (0, 0)
        The point (m, b) the walk starts from.

    Returns
    -------
    Feedback
        ``passed`` when the prediction of convergence is right; the message says what the
        walk did and, for a guess of steps, how far off it was.

    Raises
    ------
    TypeError, ValueError
        If an argument is not what is described above (a learning rate that is not a
        positive number, `converges` not True or False, `start` not two finite numbers),
        named in the message.

    Examples
    --------
    >>> print(check_rate_guess(0.18, converges=False))
    ✔ Right: η = 0.18 diverges; theory calls it diverging: each step crosses the floor along
    the steepest direction and lands no nearer (it was stopped at step 237, flung far from the
    valley).

    The exercise cells ship with ``...`` placeholders; they get a prompt, not an error:

    >>> print(check_rate_guess(0.16, converges=..., steps=...))
    ✘ Not yet: replace each `...` with your prediction (converges: True or False; steps: a
    whole number, or None), then run the cell again.
    """
    learning_rate = _as_rate(learning_rate)
    if converges is Ellipsis or steps is Ellipsis:
        return _not_yet(
            "replace each `...` with your prediction (converges: True or False; steps: a whole"
            " number, or None), then run the cell again."
        )
    if isinstance(converges, np.ndarray) and converges.shape == () and converges.dtype == bool:
        converges = bool(converges)
    if not isinstance(converges, (bool, np.bool_)):
        raise TypeError(f"converges must be True or False, got {converges!r}")
    if steps is not None:
        steps = _as_steps(steps)
    data = as_dataset(data, default=mountain_temperatures)
    start = as_point("start", start, "(m, b)")
    land = mse_landscape(data.x, data.y)
    run = gradient_descent(land.gradient, start, learning_rate, _RATE_STEPS,
                           tolerance=_RATE_TOLERANCE)
    fact, really, needed = _rate_fact(learning_rate, run, land.hessian)
    if converges != really:
        return _not_yet(f"{fact}.")
    if steps is None or not really:
        return Feedback(True, f"Right: {fact}.")
    ratio = max(steps, 1) / max(needed, 1)
    if 1 / 1.5 <= ratio <= 1.5:
        return Feedback(True, f"Right: {fact}; your guess of {steps} is within a factor 1.5.")
    side = "high" if ratio > 1 else "low"
    factor = max(ratio, 1 / ratio)
    factor = f"{factor:.1f}" if factor < 100 else f"{factor:,.0f}"
    return Feedback(True, f"Right that it converges: {fact}. Your guess of {steps} was "
                          f"{side} by a factor {factor}.")
