"""What the checkers compare a learner's answers with: the test cases, the right answers, and
the common slips, each with the message that names it.

A slip is a function of a test case that returns what a learner who made it would have
returned there; its message follows "Not yet: " in the feedback. The checkers try the slips in
the order of the tables and name the first that matches every case.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..linear_model import linear_mse_gradient
from ..regression import mse_gradient
from ._feedback import safe_text

# A loop and a vectorised formula differ by round-off, far below what any slip changes.
RTOL, ATOL = 1e-6, 1e-9


# ---------------------------------------------------------------------------------------------
# The test cases


@dataclass(frozen=True)
class _Case:
    """One test case: a point (m, b), a data set (x, y) and a learning rate."""

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

    def arguments(self, with_rate):
        """The arguments of the learner's function, x and y copied so that a function that
        changes them in place cannot spoil later cases."""
        rate = (self.learning_rate,) if with_rate else ()
        return (self.m, self.b, self.x.copy(), self.y.copy(), *rate)

    @property
    def n(self):
        """The number of data points."""
        return len(self.x)


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


CASES = _make_cases()


def gradient(case, m=None, b=None):
    """The right (∂L/∂m, ∂L/∂b) on the case's data, at its point or at the m or b given."""
    m = case.m if m is None else m
    b = case.b if b is None else b
    return np.array(mse_gradient(m, b, case.x, case.y))


def table(answer, cases=CASES):
    """The answer to every case, as an array of shape (cases, outputs)."""
    return np.array([answer(case) for case in cases])


def close(received, expected):
    """Elementwise, whether two answers agree to round-off."""
    return np.isclose(received, expected, rtol=RTOL, atol=ATOL)


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
        lambda case: scaling.factor(len(case.x)) * gradient(case),
        "{your} ∂L/∂m and ∂L/∂b " + scaling.plural,
        scaling.cause,
    )


_SCALED = tuple(_scaled(s) for s in _SCALINGS)
_FLIPPED = _SCALED[2]
_X_FORGOTTEN = _GradientSlip(
    lambda case: gradient(case)[[1, 1]],
    "{your} ∂L/∂b is right, but {your} ∂L/∂m comes out equal to it",
    "it looks like the x was forgotten in ∂L/∂m: the derivative of y − (m x + b) with "
    "respect to m is −x, so every term of the sum for ∂L/∂m is multiplied by its x",
)
_SWAPPED = _GradientSlip(
    lambda case: gradient(case)[::-1],
    "{your} two numbers are right but in the wrong order",
    "you returned (∂L/∂b, ∂L/∂m). Return ∂L/∂m first: `return dL_dm, dL_db`",
)
_SLIPPED_GRADIENTS = (*_SCALED, _X_FORGOTTEN, _SWAPPED)

# (what the slipped gradient returns, the message after "Not yet: ")
GRADIENT_SLIPS = tuple((slip.gradient, slip.message()) for slip in _SLIPPED_GRADIENTS)


def scaling_hints(columns, cases=CASES):
    """For each wrong output that is a scaled right one, a sentence that says so."""
    hints = []
    n = np.array([case.n for case in cases])
    for name, got, right in columns:
        for s in _SCALINGS:
            if close(got, s.factor(n) * right).all():
                hints.append(f" Your {name} {s.singular}: {s.cause}.")
                break
    return "".join(hints)


# ---------------------------------------------------------------------------------------------
# The slips of a descent step


def step(case, gradient_of=gradient):
    """The right step, m − η ∂L/∂m and b − η ∂L/∂b, around the right gradient or a slipped one."""
    return np.array([case.m, case.b]) - case.learning_rate * gradient_of(case)


def _sequential_b(case):
    m_new = case.m - case.learning_rate * gradient(case)[0]
    return np.array([m_new, case.b - case.learning_rate * gradient(case, m=m_new)[1]])


def _sequential_m(case):
    b_new = case.b - case.learning_rate * gradient(case)[1]
    return np.array([case.m - case.learning_rate * gradient(case, b=b_new)[0], b_new])


_SAME_POINT = (
    "Both partial derivatives must come from the same point (m, b): compute ∂L/∂m and ∂L/∂b "
    "first, then update both."
)
_RETURN_STEP = "`return m - learning_rate * dL_dm, b - learning_rate * dL_db`"

# (what the slipped step returns, the message after "Not yet: ")
STEP_SLIPS = (
    (
        lambda case: np.array([case.m, case.b]) + case.learning_rate * gradient(case),
        "your step goes uphill: it adds η times the gradient instead of subtracting it (or "
        "the gradient it uses has the wrong sign). The gradient points uphill, so step against "
        "it: m − η ∂L/∂m and b − η ∂L/∂b.",
    ),
    (
        lambda case: np.array([case.m, case.b]) - gradient(case),
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
        gradient,
        "your function returns the gradient (∂L/∂m, ∂L/∂b) instead of the new m and b. Take "
        f"a step from the current point: {_RETURN_STEP}.",
    ),
    # Only the change, η times the gradient, with either sign.
    *(
        (
            lambda case, sign=sign: sign * case.learning_rate * gradient(case),
            "your function returns only the change in m and b (η times the gradient), not the "
            f"new values. Start from the current point: {_RETURN_STEP}.",
        )
        for sign in (1, -1)
    ),
    (
        lambda case: step(case)[::-1],
        "your two numbers are right but in the wrong order. Return the new m first: "
        "`return m_new, b_new`.",
    ),
    # A right update around a slipped gradient. (A flipped sign is the uphill step above; a
    # swapped gradient inside a step would need its own words and is rare.)
    *(
        (
            lambda case, slip=slip: step(case, slip.gradient),
            "your step has the right form, m − η ∂L/∂m and b − η ∂L/∂b, but the gradient "
            f"inside it is off: {slip.message('its')} Check your gradient on its own with "
            "`check_mse_gradient`.",
        )
        for slip in _SLIPPED_GRADIENTS
        if slip not in (_FLIPPED, _SWAPPED)
    ),
)


# ---------------------------------------------------------------------------------------------
# The vector gradient (2/n) Xᵀ(Xw − y): its cases and slips


@dataclass(frozen=True)
class _LinearCase:
    """One test case of the vector gradient: weights w, a design matrix X and targets y."""

    w: np.ndarray
    X: np.ndarray
    y: np.ndarray

    def describe(self, with_rate=False):
        """The inputs as code a learner can paste to repeat the call."""

        def row(values):
            return f"[{', '.join(repr(float(v)) for v in values)}]"

        rows = ", ".join(row(r) for r in self.X)
        return (f"w = np.array({row(self.w)}), X = np.array([{rows}]), "
                f"y = np.array({row(self.y)})")

    def arguments(self, with_rate=False):
        """The arguments of the learner's function, copied (see :meth:`_Case.arguments`)."""
        return (self.w.copy(), self.X.copy(), self.y.copy())

    @property
    def n(self):
        """The number of data points, the rows of X."""
        return len(self.y)

    @property
    def k(self):
        """The number of weights, the columns of X."""
        return self.X.shape[1]


def _make_linear_cases():
    # Three weights (a column of ones and two features) on 4, 5 and 7 points: n is never k,
    # so X (Xw − y) and X ⊙ (Xw − y) fail on the shapes instead of passing by chance, and
    # never 2, so the factor 2/n differs from 1. The first case is small enough to check by
    # hand; the others are seeded and rounded to two decimals, so their printed values are
    # exact.
    cases = [_LinearCase(np.array([0.5, -1.0, 2.0]),
                         np.array([[1.0, 2.0, 0.0], [1.0, 1.0, 3.0], [1.0, 4.0, 1.0],
                                   [1.0, 0.0, 2.0]]),
                         np.array([3.0, 4.0, -1.0, 2.0]))]
    rng = np.random.default_rng(2025)
    for n in (5, 7):
        X = np.column_stack([np.ones(n), np.round(rng.uniform(-1, 5, (n, 2)), 2)])
        y = np.round(X @ np.array([1.0, 0.8, -1.5]) + rng.normal(0, 1, n), 2)
        w = np.round(rng.normal(0, 1, 3), 2)
        cases.append(_LinearCase(w, X, y))
    for case in cases:
        for array in (case.w, case.X, case.y):
            array.setflags(write=False)
    return tuple(cases)


LINEAR_CASES = _make_linear_cases()


def linear_gradient(case):
    """The right (2/n) Xᵀ(Xw − y) on the case."""
    return linear_mse_gradient(case.w, case.X, case.y)


_VECTOR_SIGN = (
    "the residual was written y − Xw instead of Xw − y (the derivative of (y − Xw)² brings "
    "a minus sign from the inside; with Xw − y there is none)"
)
_VECTOR_HALF = "1/n was used where the chain rule gives 2/n (d/du u² = 2u)"
_VECTOR_MEAN = (
    "the 1/n of the mean is missing: Xᵀ(Xw − y) is a sum over the data points, so divide "
    "it by n (`len(y)`)"
)
_VECTOR_NO_FACTOR = (
    "the whole factor 2/n is missing: Xᵀ(Xw − y) is a sum over the data points, and the "
    "mean squared error's gradient is 2/n times it"
)
_EACH = " (n is the number of data points)"

# Every combination of the slips that scale the whole gradient: its sign, its 2, its 1/n.
_VECTOR_SCALINGS = (
    _Scaling(lambda n: 0.5, "is half of what it should be", "", (_VECTOR_HALF,)),
    _Scaling(lambda n: n / 2, f"is n/2 times what it should be{_EACH}", "",
             (_VECTOR_NO_FACTOR,)),
    _Scaling(lambda n: n, f"is n times what it should be{_EACH}", "", (_VECTOR_MEAN,)),
    _Scaling(lambda n: -1.0, "has the right size but the wrong sign", "", (_VECTOR_SIGN,)),
    _Scaling(lambda n: -0.5, "is half of what it should be, with the wrong sign", "",
             (_VECTOR_SIGN, _VECTOR_HALF)),
    _Scaling(lambda n: -n / 2, f"is n/2 times what it should be, with the wrong sign{_EACH}",
             "", (_VECTOR_SIGN, _VECTOR_NO_FACTOR)),
    _Scaling(lambda n: -n, f"is n times what it should be, with the wrong sign{_EACH}", "",
             (_VECTOR_SIGN, _VECTOR_MEAN)),
)

# (what the slipped gradient returns, the message after "Not yet: ")
LINEAR_GRADIENT_SLIPS = tuple(
    (lambda case, s=s: s.factor(case.n) * linear_gradient(case),
     f"your gradient {s.plural} — {s.cause}.")
    for s in _VECTOR_SCALINGS
)

# Slips that give the wrong shape, named by what the learner's function returns or raises.
_USE_XT = (
    "Xᵀ(Xw − y) is a matrix product, `X.T @ (X @ w - y)`: row j of X.T is column j of X, "
    "so entry j sums x_ij r_i over the data points, one number per weight"
)


def per_point_message(shape, case):
    """What to say when the learner's gradient has the shape of something per data point,
    or None when `shape` is no such shape."""
    n, k = case.n, case.k
    if shape == (n,):
        return (
            f"your gradient has {n} entries, one per data point, instead of one per weight "
            f"({k}): it looks like Xᵀ was forgotten, leaving (2/n)(Xw − y). {_USE_XT}."
        )
    if shape in ((n, k), (k, n)):
        return (
            f"your gradient has shape {shape}, one {'row' if shape == (n, k) else 'column'} "
            "per data point: it looks like X was multiplied by the residuals entry by entry, "
            f"not by the matrix product, so the sum over the points was never taken. "
            f"{_USE_XT}."
        )
    return None


def shape_error_hint(error, case):
    """A sentence on the slip a shape error from NumPy points to, or "" for other errors."""
    if not isinstance(error, ValueError):
        return ""
    text = safe_text(error)  # a learner's ValueError may break in its own message
    n, k = case.n, case.k
    if "broadcast" in text and (f"({n},{k})" in text or f"({k},{n})" in text):
        return (
            f"\nIt looks like X (shape ({n}, {k})) was multiplied entry by entry by the {n} "
            f"residuals (`X * r`), with Xᵀ forgotten. {_USE_XT}."
        )
    if "broadcast" in text:
        return (
            "\nTwo arrays of different lengths were added or subtracted: check the brackets "
            "(`X.T @ X @ w - y` subtracts y from a vector of one number per weight; you want "
            "`X.T @ (X @ w - y)`)."
        )
    if "matmul" in text or "not aligned" in text:
        return (
            f"\nA matrix product does not fit: X has shape ({n}, {k}) and Xw − y has {n} "
            f"entries, so X (Xw − y) cannot be taken (X would need as many columns as rows). "
            f"It looks like the transposes are swapped or missing: {_USE_XT}."
        )
    return ""
