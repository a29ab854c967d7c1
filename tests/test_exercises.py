"""Tests for gdcore.exercises: right answers pass however they are written, each common slip
is named, and nothing a learner's function does escapes as an exception."""

import functools
import json
import re
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

import gdcore
from gdcore.exercises import Feedback, check_descent_step, check_mse_gradient

# ---------------------------------------------------------------------------------------------
# Gradients a learner might write. Each is a complete answer, in the learner's own style.


def gradient_loop(m, b, x, y):
    dm = db = 0.0
    for xi, yi in zip(x, y, strict=True):
        error = yi - (m * xi + b)
        dm += -2 * xi * error
        db += -2 * error
    return dm / len(x), db / len(x)


def gradient_vectorised(m, b, x, y):
    residual = y - (m * x + b)
    return -2 * np.mean(x * residual), -2 * np.mean(residual)


def gradient_prediction_minus_target(m, b, x, y):
    y_hat = m * x + b
    return [2 / x.size * np.sum(x * (y_hat - y)), 2 / x.size * np.sum(y_hat - y)]


def gradient_as_array(m, b, x, y):
    residual = y - (m * x + b)
    return -2 / len(y) * np.array([x @ residual, residual.sum()])


def gradient_from_means(m, b, x, y):
    # Expanded out: 2 (m mean(x²) + b mean(x) − mean(xy)), 2 (m mean(x) + b − mean(y)).
    return (
        2 * (m * (x**2).mean() + b * x.mean() - (x * y).mean()),
        2 * (m * x.mean() + b - y.mean()),
    )


def gradient_with_column_vectors(m, b, x, y):
    # Arrays of one element each, as from data kept as a column.
    X, Y = x[:, None], y[:, None]
    residual = Y - (m * X + b)
    return -2 * np.mean(X * residual, axis=0), -2 * np.mean(residual, axis=0)


def gradient_that_spoils_its_input(m, b, x, y):
    answer = gradient_vectorised(m, b, x, y)
    x[:] = 0.0  # changing the data in place must not spoil the next test case
    return answer


@pytest.mark.parametrize(
    "fn",
    [
        gdcore.mse_gradient,
        gradient_loop,
        gradient_vectorised,
        gradient_prediction_minus_target,
        gradient_as_array,
        gradient_from_means,
        gradient_with_column_vectors,
        gradient_that_spoils_its_input,
    ],
)
def test_a_right_gradient_passes_however_it_is_written(fn):
    feedback = check_mse_gradient(fn)
    assert feedback.passed, feedback.message
    assert feedback.message.startswith("Correct!")
    assert bool(feedback) is True


# Each common slip, as a learner would write it, with words its message must contain.
GRADIENT_SLIPS = {
    "factor 2 missing": (
        lambda m, b, x, y: (-np.mean(x * (y - m * x - b)), -np.mean(y - m * x - b)),
        ["each half of what they should be", "factor 2 from the chain rule"],
    ),
    "sum instead of mean": (
        lambda m, b, x, y: (-2 * np.sum(x * (y - m * x - b)), -2 * np.sum(y - m * x - b)),
        ["each n times what they should be", "summed over the data instead of taking the mean"],
    ),
    "sign flipped": (
        lambda m, b, x, y: (2 * np.mean(x * (y - m * x - b)), 2 * np.mean(y - m * x - b)),
        ["wrong sign", "minus sign from the inner derivative"],
    ),
    "x forgotten in dL/dm": (
        lambda m, b, x, y: (-2 * np.mean(y - m * x - b), -2 * np.mean(y - m * x - b)),
        ["your ∂L/∂b is right", "x was forgotten in ∂L/∂m"],
    ),
    "partials swapped": (
        lambda m, b, x, y: gdcore.mse_gradient(m, b, x, y)[::-1],
        ["right but in the wrong order", "return dL_dm, dL_db"],
    ),
    "sign and factor 2": (
        lambda m, b, x, y: (np.mean(x * (y - m * x - b)), np.mean(y - m * x - b)),
        ["half of what they should be, with the wrong sign", "two slips at once",
         "minus sign", "factor 2"],
    ),
    "sum without the 2": (
        lambda m, b, x, y: (np.sum(x * (m * x + b - y)), np.sum(m * x + b - y)),
        ["n/2 times", "two slips at once", "factor 2", "summed"],
    ),
    "sum, no 2, wrong sign": (
        lambda m, b, x, y: (np.sum(x * (y - m * x - b)), np.sum(y - m * x - b)),
        ["three slips at once", "minus sign", "factor 2", "summed"],
    ),
}


@pytest.mark.parametrize("slip", GRADIENT_SLIPS, ids=str)
def test_each_gradient_slip_is_named(slip):
    fn, phrases = GRADIENT_SLIPS[slip]
    feedback = check_mse_gradient(fn)
    assert not feedback.passed and not feedback
    assert feedback.message.startswith("Not yet:")
    for phrase in phrases:
        assert phrase in feedback.message


def test_the_slips_get_different_messages():
    messages = {check_mse_gradient(fn).message for fn, _ in GRADIENT_SLIPS.values()}
    assert len(messages) == len(GRADIENT_SLIPS)


def quoted_example(message):
    """The inputs quoted in a message, and the numbers it says should be and were returned."""
    found = re.search(
        r"with m = (\S+), b = (\S+),(?: learning_rate = (\S+),)? "
        r"x = np\.array\((\[.*?\])\), y = np\.array\((\[.*?\])\)",
        message,
    )
    m, b, rate = (None if v is None else float(v) for v in found.group(1, 2, 3))
    x, y = (np.array(json.loads(v)) for v in found.group(4, 5))
    number = r"-?\d+(?:\.\d+)?(?:e[+-]?\d+)?"
    numbers = rf"\(?({number}(?:, {number})?)\)?"
    should = re.search(rf"should be {numbers}", message).group(1)
    returned = re.search(rf"you returned {numbers}", message).group(1)
    as_floats = [float(v) for v in should.split(", ")], [float(v) for v in returned.split(", ")]
    args = (m, b, x, y) if rate is None else (m, b, x, y, rate)
    return args, *as_floats


def test_a_wrong_partial_is_named_with_an_example_that_can_be_repeated():
    def fn(m, b, x, y):
        dm, db = gdcore.mse_gradient(m, b, x, y)
        return dm + 0.1 * np.max(x), db

    message = check_mse_gradient(fn).message
    assert "your ∂L/∂m is not right yet (your ∂L/∂b is)" in message
    args, should, returned = quoted_example(message)
    assert should == pytest.approx([gdcore.mse_gradient(*args)[0]], rel=1e-5)
    assert returned == pytest.approx([fn(*args)[0]], rel=1e-5)


def test_two_wrong_partials_are_both_named_with_the_right_numbers():
    def fn(m, b, x, y):
        return m + b, m - b

    message = check_mse_gradient(fn).message
    assert "neither your ∂L/∂m nor your ∂L/∂b is right yet" in message
    args, should, returned = quoted_example(message)
    assert should == pytest.approx(gdcore.mse_gradient(*args), rel=1e-5)
    assert returned == pytest.approx(fn(*args))


def test_a_slip_in_one_partial_only_is_pointed_out():
    def fn(m, b, x, y):
        dm, db = gdcore.mse_gradient(m, b, x, y)
        return dm, -db

    message = check_mse_gradient(fn).message
    assert "your ∂L/∂b is not right yet (your ∂L/∂m is)" in message
    assert "Your ∂L/∂b has the right size but the wrong sign" in message


def test_a_function_that_raises_is_reported_not_raised():
    def fn(m, b, x, y):
        return undefined_name * x  # noqa: F821 (the learner's mistake)

    feedback = check_mse_gradient(fn)
    assert not feedback.passed
    assert "NameError: name 'undefined_name' is not defined" in feedback.message
    assert "`fn(m, b, x, y)`" in feedback.message


def test_a_function_with_the_wrong_arguments_is_reported():
    feedback = check_mse_gradient(lambda m, b: (m, b))
    assert not feedback.passed
    assert "TypeError" in feedback.message and "(m, b, x, y)" in feedback.message


BAD_GRADIENT_ANSWERS = [
    (lambda m, b, x, y: None, "returned None. Did you forget the `return` line?"),
    (lambda m, b, x, y: -29.0, "returned one number; it should return two numbers"),
    (lambda m, b, x, y: np.float64(1.0), "returned one number"),
    (lambda m, b, x, y: np.array(1.0), "returned one number"),
    (lambda m, b, x, y: (1.0, 2.0, 3.0), "returned 3 values; it should return exactly two"),
    (lambda m, b, x, y: [1.0], "returned 1 value"),
    (lambda m, b, x, y: (), "returned no values"),
    (lambda m, b, x, y: "dL_dm, dL_db", "returned a str"),
    (lambda m, b, x, y: {"m": 1.0, "b": 2.0}, "returned a dict"),
    (lambda m, b, x, y: np.ones((3, 3)), "returned an array of shape (3, 3)"),
    (lambda m, b, x, y: (None, 1.0), "your ∂L/∂m is None"),
    (lambda m, b, x, y: (1.0, "2"), "your ∂L/∂b is a str, not a number"),
    (lambda m, b, x, y: (1.0, [1.0, [2.0]]), "your ∂L/∂b is a list, not a number"),
    (lambda m, b, x, y: (1j, 1.0), "your ∂L/∂m is a complex number"),
    (lambda m, b, x, y: (np.ones(2), 1.0), "your ∂L/∂m is an array of shape (2,)"),
    (
        lambda m, b, x, y: (-2 * x * (y - m * x - b), -2 * (y - m * x - b)),
        "your ∂L/∂m is an array of 3 numbers, one per data point",
    ),
    (lambda m, b, x, y: (np.mean(x) / 0.0, 1.0), "your ∂L/∂m came out infinite"),
    (lambda m, b, x, y: (1.0, np.mean(x[:0])), "NaN (not a number) with m = 0.5"),
    (lambda m, b, x, y: (1.0, np.mean(x[:0])), "(NumPy warned: Mean of empty slice.)"),
    (lambda m, b, x, y: (np.float64(0.0) / 0.0, 1.0), "your ∂L/∂m came out as NaN"),
]


@pytest.mark.parametrize("fn, phrase", BAD_GRADIENT_ANSWERS)
def test_an_answer_of_the_wrong_kind_is_reported_not_raised(fn, phrase):
    # pytest turns warnings into errors here, so this also shows that a NaN made by NumPy
    # reaches the learner as feedback, not as a RuntimeWarning.
    feedback = check_mse_gradient(fn)
    assert not feedback.passed
    assert phrase in feedback.message


@pytest.mark.parametrize("check", [check_mse_gradient, check_descent_step])
@pytest.mark.parametrize("not_a_function", [None, 3.0, "mse_gradient", (-29.0, -10.3)])
def test_something_that_is_not_a_function_is_refused(check, not_a_function):
    with pytest.raises(TypeError, match=r"^fn must be a function"):
        check(not_a_function)


# ---------------------------------------------------------------------------------------------
# Descent steps


def step_with_gdcore(m, b, x, y, learning_rate):
    dL_dm, dL_db = gdcore.mse_gradient(m, b, x, y)
    return m - learning_rate * dL_dm, b - learning_rate * dL_db


def step_with_own_loop(m, b, x, y, learning_rate):
    dL_dm, dL_db = gradient_loop(m, b, x, y)
    m_new = m - learning_rate * dL_dm
    b_new = b - learning_rate * dL_db
    return [m_new, b_new]


def step_as_vectors(m, b, x, y, learning_rate):
    w = np.array([m, b])
    return w - learning_rate * np.array(gradient_prediction_minus_target(m, b, x, y))


@pytest.mark.parametrize("fn", [step_with_gdcore, step_with_own_loop, step_as_vectors])
def test_a_right_step_passes_however_it_is_written(fn):
    feedback = check_descent_step(fn)
    assert feedback.passed, feedback.message
    assert feedback.message.startswith("Correct!") and bool(feedback)


def _g(m, b, x, y):
    return np.array(gdcore.mse_gradient(m, b, x, y))


def _sequential(m, b, x, y, learning_rate):
    m = m - learning_rate * _g(m, b, x, y)[0]
    b = b - learning_rate * _g(m, b, x, y)[1]  # uses the new m
    return m, b


def _sequential_b_first(m, b, x, y, learning_rate):
    b_new = b - learning_rate * _g(m, b, x, y)[1]
    return m - learning_rate * _g(m, b_new, x, y)[0], b_new


STEP_SLIPS = {
    "uphill": (
        lambda m, b, x, y, lr: tuple(np.array([m, b]) + lr * _g(m, b, x, y)),
        ["goes uphill", "m − η ∂L/∂m"],
    ),
    "learning rate forgotten": (
        lambda m, b, x, y, lr: tuple(np.array([m, b]) - _g(m, b, x, y)),
        ["learning rate was left out", "as if η were 1"],
    ),
    "b updated with the new m": (
        _sequential, ["new b was computed with the new m", "same point (m, b)"],
    ),
    "m updated with the new b": (
        _sequential_b_first, ["new m was computed with the new b", "same point (m, b)"],
    ),
    "returns the gradient": (
        lambda m, b, x, y, lr: _g(m, b, x, y),
        ["returns the gradient (∂L/∂m, ∂L/∂b) instead of the new m and b"],
    ),
    "returns the change": (
        lambda m, b, x, y, lr: -lr * _g(m, b, x, y),
        ["returns only the change in m and b"],
    ),
    "returns the step size": (
        lambda m, b, x, y, lr: lr * _g(m, b, x, y),
        ["returns only the change in m and b"],
    ),
    "new values swapped": (
        lambda m, b, x, y, lr: step_with_gdcore(m, b, x, y, lr)[::-1],
        ["wrong order", "return m_new, b_new"],
    ),
    "gradient without its 2": (
        lambda m, b, x, y, lr: tuple(np.array([m, b]) - lr * _g(m, b, x, y) / 2),
        ["gradient inside it is off", "factor 2", "check_mse_gradient"],
    ),
    "gradient summed": (
        lambda m, b, x, y, lr: tuple(np.array([m, b]) - lr * len(x) * _g(m, b, x, y)),
        ["gradient inside it is off", "summed over the data"],
    ),
    "gradient without x": (
        lambda m, b, x, y, lr: tuple(np.array([m, b]) - lr * _g(m, b, x, y)[[1, 1]]),
        ["gradient inside it is off", "x was forgotten in ∂L/∂m"],
    ),
}


@pytest.mark.parametrize("slip", STEP_SLIPS, ids=str)
def test_each_step_slip_is_named(slip):
    fn, phrases = STEP_SLIPS[slip]
    feedback = check_descent_step(fn)
    assert not feedback.passed
    assert feedback.message.startswith("Not yet:")
    for phrase in phrases:
        assert phrase in feedback.message


def test_a_wrong_step_is_described_with_an_example_that_can_be_repeated():
    def double_step(m, b, x, y, learning_rate):
        return step_with_gdcore(m, b, x, y, 2 * learning_rate)

    message = check_descent_step(double_step).message
    assert "neither your new m nor your new b is right yet" in message
    args, should, returned = quoted_example(message)
    assert should == pytest.approx(step_with_gdcore(*args), rel=1e-5)
    assert returned == pytest.approx(double_step(*args), rel=1e-5)


def test_a_step_that_leaves_m_alone_names_m():
    def fn(m, b, x, y, learning_rate):
        return m, step_with_gdcore(m, b, x, y, learning_rate)[1]

    message = check_descent_step(fn).message
    assert "your new m is not right yet (your new b is)" in message
    assert "learning_rate = " in message


@pytest.mark.parametrize(
    "fn, phrase",
    [
        (lambda m, b, x, y, learning_rate: 1 / 0, "ZeroDivisionError: division by zero"),
        (lambda m, b, x, y: (m, b), "(m, b, x, y, learning_rate)"),
        (lambda m, b, x, y, learning_rate: None, "`return m_new, b_new`"),
        (lambda m, b, x, y, learning_rate: m, "two numbers, new m and new b"),
        (lambda m, b, x, y, learning_rate: (m - x, b), "one per data point"),
        (lambda m, b, x, y, learning_rate: (np.nan, b), "your new m came out as NaN"),
    ],
)
def test_a_step_that_fails_is_reported_not_raised(fn, phrase):
    feedback = check_descent_step(fn)
    assert not feedback.passed
    assert phrase in feedback.message


# ---------------------------------------------------------------------------------------------
# Feedback in a notebook


def test_html_shows_the_message_in_a_box_that_differs_by_verdict():
    right = check_mse_gradient(gdcore.mse_gradient)
    wrong = check_mse_gradient(GRADIENT_SLIPS["factor 2 missing"][0])
    assert right.message in right._repr_html_() and "✔" in right._repr_html_()
    assert "✘" in wrong._repr_html_()
    assert right._repr_html_().split(">")[0] != wrong._repr_html_().split(">")[0]


def test_html_escapes_what_the_learner_wrote():
    def fn(m, b, x, y):
        raise ValueError("<script>alert('x & y')</script>")

    feedback = check_mse_gradient(fn)
    assert "<script>" in feedback.message  # the plain text keeps it as it was
    shown = feedback._repr_html_()
    assert "<script>" not in shown
    assert "&lt;script&gt;alert(&#x27;x &amp; y&#x27;)&lt;/script&gt;" in shown


def test_html_marks_code_and_keeps_line_breaks():
    shown = Feedback(False, "Not yet: end with `return a, b`.\nTry again.")._repr_html_()
    assert "<code>return a, b</code>" in shown and "<br>Try again." in shown


def test_plain_text_is_the_message_with_its_mark():
    pretty = pytest.importorskip("IPython.lib.pretty")
    feedback = Feedback(False, "Not yet: try again.")
    assert str(feedback) == "✘ Not yet: try again."
    assert pretty.pretty(feedback) == str(feedback)
    assert str(Feedback(True, "Correct!")) == "✔ Correct!"


def test_feedback_is_true_exactly_when_passed():
    assert Feedback(True, "")
    assert not Feedback(False, "")


def test_the_notebook_placeholder_asks_for_a_formula():
    def placeholder(m, b, x, y):
        dL_dm = ...
        dL_db = ...
        return dL_dm, dL_db

    feedback = check_mse_gradient(placeholder)
    assert not feedback.passed
    assert "∂L/∂m is still `...`: replace it with your formula" in feedback.message


@pytest.mark.parametrize(
    "rate, converges, steps, passed, phrase",
    [
        (0.18, False, None, True, "diverges"),
        (0.18, True, 100, False, "diverges"),
        (0.16, True, None, True, "converges, in"),
        (0.16, True, 250, True, "within a factor 1.5"),
        (0.16, True, 50, True, "was low by a factor"),
        (0.16, False, None, False, "converges, in"),
    ],
)
def test_rate_guess_says_what_really_happened(rate, converges, steps, passed, phrase):
    feedback = gdcore.check_rate_guess(rate, converges, steps)
    assert feedback.passed is passed and phrase in feedback.message


def test_rate_guess_agrees_with_a_real_run():
    data = gdcore.mountain_temperatures()
    land = gdcore.mse_landscape(data.x, data.y)
    run = gdcore.gradient_descent(land.gradient, [0.0, 0.0], 0.1, 100_000, tolerance=1e-6)
    assert f"in {run.steps} steps" in gdcore.check_rate_guess(0.1, True).message


@pytest.mark.parametrize("bad, error", [("yes", TypeError), (1, TypeError)])
def test_rate_guess_wants_a_yes_or_no(bad, error):
    with pytest.raises(error, match="converges must be True or False"):
        gdcore.check_rate_guess(0.1, bad)


# ---------------------------------------------------------------------------------------------
# Odd but right answers, and odd functions: feedback, never a traceback.


class NotARealNumber:
    """A number type NumPy does not know (as SymPy's or torch's are), but float() takes."""

    def __init__(self, value):
        self.value = value

    def __float__(self):
        return float(self.value)


class TensorThatRequiresGrad:
    """What torch does on float() or np.asarray() of a tensor that requires grad."""

    def __init__(self, value):
        self.value = value

    def __float__(self):
        raise RuntimeError("Can't call numpy() on Tensor that requires grad")

    def __array__(self, dtype=None, copy=None):
        raise RuntimeError("Can't call numpy() on Tensor that requires grad")


NUMBER_TYPES = {
    "Fraction": Fraction,
    "Decimal": lambda v: Decimal(repr(float(v))),
    "numpy float32": np.float32,
    "0-d array": np.array,
    "one-element array": lambda v: np.array([v]),
    "one-element list": lambda v: [v],
    "object array of a Fraction": lambda v: np.array([Fraction(v)], dtype=object),
    "float() but not numbers.Real": NotARealNumber,
}


def _in_type(convert, fn):
    return lambda *args: tuple(convert(v) for v in fn(*args))


def _step(m, b, x, y, learning_rate):
    dL_dm, dL_db = gdcore.mse_gradient(m, b, x, y)
    return m - learning_rate * dL_dm, b - learning_rate * dL_db


@pytest.mark.parametrize("convert", NUMBER_TYPES.values(), ids=NUMBER_TYPES)
def test_a_right_answer_of_any_number_type_passes(convert):
    gradient = check_mse_gradient(_in_type(convert, gdcore.mse_gradient))
    assert gradient.passed, gradient.message
    step = check_descent_step(_in_type(convert, _step))
    assert step.passed, step.message


def test_a_pair_may_be_any_sequence_of_two():
    class Pair:  # a sequence that is neither a tuple, a list nor an array (a Series, say)
        def __init__(self, items):
            self.items = list(items)

        def __len__(self):
            return 2

        def __getitem__(self, i):
            return self.items[i]

    assert check_mse_gradient(lambda *args: Pair(gdcore.mse_gradient(*args))).passed
    as_objects = np.array([Fraction(v) for v in (1, 2)], dtype=object)
    assert not check_mse_gradient(lambda *args: as_objects).passed


def test_a_tensor_that_refuses_float_is_reported_not_raised():
    vector = lambda w, X, y: TensorThatRequiresGrad(gdcore.linear_mse_gradient(w, X, y))  # noqa: E731
    for check, fn in [(check_mse_gradient, _in_type(TensorThatRequiresGrad, gdcore.mse_gradient)),
                      (check_descent_step, _in_type(TensorThatRequiresGrad, _step)),
                      (gdcore.check_linear_mse_gradient, vector)]:
        feedback = check(fn)
        assert not feedback.passed
        assert "Can't call numpy() on Tensor that requires grad" in feedback.message
        assert ".detach()" in feedback.message and ".item()" in feedback.message


class Unprintable(Exception):
    def __str__(self):
        raise ValueError("no message for you")


class UnprintableValueError(ValueError):  # the kind a shape slip is read from
    def __str__(self):
        raise ValueError("no message for you")


@pytest.mark.parametrize("error", [Unprintable, UnprintableValueError])
@pytest.mark.parametrize("check", [check_mse_gradient, check_descent_step,
                                   gdcore.check_linear_mse_gradient])
def test_an_exception_whose_message_breaks_is_reported(check, error):
    def broken(*args):
        raise error

    feedback = check(broken)
    assert not feedback.passed
    assert error.__name__ in feedback.message and "could not be shown" in feedback.message


class CallableWithOddName:
    __name__ = 3  # a name that is not a string

    def __call__(self, m, b, x, y):
        raise KeyError("dL_dm")


@pytest.mark.parametrize(
    "fn",
    [CallableWithOddName(), functools.partial(lambda m, b, x, y, k: 1 / 0, k=1)],
    ids=["__name__ is 3", "functools.partial"],
)
def test_a_function_with_an_odd_name_is_still_reported(fn):
    feedback = check_mse_gradient(fn)
    assert not feedback.passed
    assert "`fn(m, b, x, y)`" in feedback.message


def test_a_partial_that_is_right_passes():
    def gradient(m, b, x, y, scale):
        return tuple(scale * v for v in gdcore.mse_gradient(m, b, x, y))

    assert check_mse_gradient(functools.partial(gradient, scale=1.0)).passed


def test_the_checkers_say_that_a_function_that_never_returns_hangs():
    for check in (check_mse_gradient, check_descent_step, gdcore.check_linear_mse_gradient):
        assert "never returns" in check.__doc__


# ---------------------------------------------------------------------------------------------
# check_rate_guess near every regime boundary


def _default_bowl():
    data = gdcore.mountain_temperatures()
    return gdcore.mse_landscape(data.x, data.y).hessian


def _rates_near_the_boundaries():
    # Just either side of each boundary: the end of the crawl, the start of the zig-zag, the
    # wall (there, just past it, and far enough past to be stopped).
    crawl_end, zig_zag_start, wall = gdcore.regime_boundaries(_default_bowl())
    return [crawl_end * (1 - 1e-3), crawl_end * (1 + 1e-3), zig_zag_start * (1 - 1e-3),
            zig_zag_start * (1 + 1e-3), wall * (1 - 1e-4), wall, wall * (1 + 1e-4),
            wall * (1 + 1e-2)]


@pytest.mark.parametrize("rate", _rates_near_the_boundaries())
def test_rate_guess_names_the_regime_the_theory_names_and_no_other(rate):
    name = gdcore.regime(_default_bowl(), rate)
    converges = name != "diverging"
    right = gdcore.check_rate_guess(rate, converges)
    wrong = gdcore.check_rate_guess(rate, not converges)  # the same facts, marked ✘
    assert right.passed and not wrong.passed, right.message
    for feedback in (right, wrong):
        named = [r for r in gdcore.theory.REGIMES if re.search(rf"\b{r}\b", feedback.message)]
        assert named == [name], (name, feedback.message)
        assert gdcore.theory.REGIME_MEANINGS[name] in feedback.message or (
            "right at the wall" in feedback.message)
    assert "converges" in right.message if converges else "never" in right.message or (
        "flung far" in right.message)


def test_rate_guess_names_the_crawl_and_the_smooth_band_apart():
    # On the mountain data the crawl ends at 0.0270 and the zig-zag starts at 0.0873.
    for rate, name in ((0.02, "crawl"), (0.05, "smooth"), (0.1, "zig-zag")):
        feedback = gdcore.check_rate_guess(rate, converges=True)
        assert feedback.passed and f"theory calls it {name}:" in feedback.message


def test_rate_guess_at_the_printed_wall_says_it_diverges_slowly():
    # 0.1747 is the wall as printed; the true wall is 0.174692, so this rate is just past it.
    feedback = gdcore.check_rate_guess(0.1747, converges=False)
    assert feedback.passed, feedback.message
    assert "crawl" not in feedback.message and "zig-zag" not in feedback.message
    assert "diverges, slowly" in feedback.message and "past the wall" in feedback.message


def test_rate_guess_tells_a_rate_just_past_the_wall_from_the_wall():
    feedback = gdcore.check_rate_guess(0.174692, converges=False)
    eta, wall = re.search(r"η = ([\d.]+).*2/λmax = ([\d.]+)", feedback.message).groups()
    assert float(eta) > float(wall)


def test_rate_guess_just_below_the_wall_says_it_zig_zags_and_converges():
    feedback = gdcore.check_rate_guess(0.17469, converges=True, steps=800_000)
    assert feedback.passed, feedback.message
    assert "zig-zag" in feedback.message and "crawl" not in feedback.message
    assert "within a factor 1.5" in feedback.message


def test_rate_guess_takes_data_as_a_pair():
    data = gdcore.mountain_temperatures()
    as_pair = gdcore.check_rate_guess(0.1, True, data=(data.x, data.y))
    assert as_pair == gdcore.check_rate_guess(0.1, True, data=data)


@pytest.mark.parametrize("rate", [Fraction(1, 10), Decimal("0.1"), np.float32(0.1), np.array(0.1)])
def test_rate_guess_takes_any_number_float_takes(rate):
    assert gdcore.check_rate_guess(rate, True, steps=400.0).passed


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"learning_rate": None}, TypeError, "learning_rate must be a number, got NoneType"),
        ({"learning_rate": TensorThatRequiresGrad(0.1)}, TypeError, "requires grad"),
        ({"learning_rate": -0.1}, ValueError, "learning_rate must be positive"),
        ({"steps": 2.5}, ValueError, "steps must be a whole number"),
        ({"start": [0.0]}, ValueError, r"start must be a pair \(m, b\) of numbers, got 1 value$"),
        ({"data": "temperatures"}, TypeError, "data must be a Dataset"),
    ],
)
def test_rate_guess_names_a_bad_argument(kwargs, error, match):
    arguments = {"learning_rate": 0.1, "converges": True, **kwargs}
    with pytest.raises(error, match=match):
        gdcore.check_rate_guess(**arguments)


def test_rate_guess_answers_the_placeholder_with_a_prompt():
    # The exercise cell ships with `...`: its stored output must be the prompt, not an error.
    for converges, steps in [(..., ...), (True, ...), (..., None)]:
        feedback = gdcore.check_rate_guess(0.16, converges=converges, steps=steps)
        assert not feedback.passed
        assert feedback.message.startswith("Not yet: replace each `...`")


# ---------------------------------------------------------------------------------------------
# The vector gradient (2/n) Xᵀ(Xw − y)


def vector_gradient_loop(w, X, y):
    gradient = np.zeros(len(w))
    for row, target in zip(X, y, strict=True):
        gradient += 2 * (row @ w - target) * row
    return gradient / len(y)


@pytest.mark.parametrize(
    "fn",
    [
        gdcore.linear_mse_gradient,
        vector_gradient_loop,
        lambda w, X, y: 2 / len(y) * X.T @ (X @ w - y),
        lambda w, X, y: 2 * (X @ w - y) @ X / len(X),
        lambda w, X, y: list(2 * np.mean(X * (X @ w - y)[:, None], axis=0)),
        lambda w, X, y: (2 / len(y) * (X.T @ X @ w - X.T @ y))[:, None],  # a column
    ],
)
def test_a_right_vector_gradient_passes_however_it_is_written(fn):
    feedback = gdcore.check_linear_mse_gradient(fn)
    assert feedback.passed, feedback.message
    assert feedback.message.startswith("Correct!")


# Each slip the checker names, as a learner would write it, with words its message must hold.
VECTOR_SLIPS = {
    "1/n instead of 2/n": (
        lambda w, X, y: X.T @ (X @ w - y) / len(y),
        ["your gradient is half of what it should be", "1/n was used where"],
    ),
    "2/n missing": (
        lambda w, X, y: X.T @ (X @ w - y),
        ["n/2 times what it should be", "whole factor 2/n is missing"],
    ),
    "sum instead of mean": (
        lambda w, X, y: 2 * X.T @ (X @ w - y),
        ["n times what it should be", "the 1/n of the mean is missing"],
    ),
    "sign flipped": (
        lambda w, X, y: 2 / len(y) * X.T @ (y - X @ w),
        ["right size but the wrong sign", "written y − Xw"],
    ),
    "sign flipped and 1/n": (
        lambda w, X, y: X.T @ (y - X @ w) / len(y),
        ["half of what it should be, with the wrong sign", "two slips at once", "y − Xw",
         "1/n was used"],
    ),
    "sign flipped, no 2/n": (
        lambda w, X, y: X.T @ (y - X @ w),
        ["n/2 times what it should be, with the wrong sign", "two slips", "y − Xw"],
    ),
    "sign flipped, sum": (
        lambda w, X, y: 2 * X.T @ (y - X @ w),
        ["n times what it should be, with the wrong sign", "two slips", "y − Xw"],
    ),
    "Xᵀ forgotten": (
        lambda w, X, y: 2 / len(y) * (X @ w - y),
        ["one per data point, instead of one per weight", "Xᵀ was forgotten", "X.T @"],
    ),
    "Xᵀ forgotten, elementwise": (
        lambda w, X, y: 2 / len(y) * X * (X @ w - y),
        ["ValueError", "entry by entry", "Xᵀ forgotten", "X.T @ (X @ w - y)"],
    ),
    "elementwise, not summed": (
        lambda w, X, y: 2 / len(y) * X * (X @ w - y)[:, None],
        ["one row per data point", "entry by entry", "sum over the points was never taken"],
    ),
    "Xᵀ elementwise, not summed": (
        lambda w, X, y: 2 / len(y) * X.T * (X @ w - y),
        ["one column per data point", "entry by entry"],
    ),
    "transposes swapped": (
        lambda w, X, y: 2 / len(y) * X @ (X @ w - y),
        ["ValueError", "X (Xw − y) cannot be taken", "transposes are swapped",
         "X.T @ (X @ w - y)"],
    ),
    "transposes swapped, residuals first": (
        lambda w, X, y: 2 / len(y) * (X @ w - y) @ X.T,
        ["ValueError", "transposes are swapped"],
    ),
    "brackets missing": (
        lambda w, X, y: 2 / len(y) * X.T @ X @ w - y,
        ["ValueError", "check the brackets"],
    ),
}


@pytest.mark.parametrize("slip", VECTOR_SLIPS, ids=str)
def test_each_vector_gradient_slip_is_named(slip):
    fn, phrases = VECTOR_SLIPS[slip]
    feedback = gdcore.check_linear_mse_gradient(fn)
    assert not feedback.passed and feedback.message.startswith("Not yet:")
    for phrase in phrases:
        assert phrase in feedback.message, feedback.message


def test_the_vector_slips_get_different_messages():
    messages = {gdcore.check_linear_mse_gradient(fn).message for fn, _ in VECTOR_SLIPS.values()}
    # The three shape errors of the same kind may share their words; the rest may not.
    assert len(messages) >= len(VECTOR_SLIPS) - 1


def _placeholder(w, X, y):
    return ...


def _raises_not_implemented(w, X, y):
    raise NotImplementedError


def _forgets_return(w, X, y):
    2 / len(y) * X.T @ (X @ w - y)


@pytest.mark.parametrize(
    "fn, phrase",
    [
        (_placeholder, "your gradient is still `...`: replace it with your formula."),
        (_raises_not_implemented, "raises NotImplementedError: replace that line in "
                                  "`_raises_not_implemented`"),
        (_forgets_return, "returned None. Did you forget the `return` line?"),
        (lambda w, X, y: 2 * np.mean((X @ w - y) * X.sum(axis=1)), "returned one number"),
        (lambda w, X, y: "gradient", "returned a str"),
        (lambda w, X, y: np.full(3, np.nan), "came out as NaN"),
        (lambda w, X, y: np.zeros((2, 2)), "shape (2, 2)"),
    ],
)
def test_a_vector_placeholder_or_odd_answer_gets_a_prompt(fn, phrase):
    feedback = gdcore.check_linear_mse_gradient(fn)
    assert not feedback.passed and feedback.message.startswith("Not yet:")
    assert phrase in feedback.message, feedback.message


def test_a_vector_gradient_wrong_in_one_entry_is_told_which():
    def wrong_intercept(w, X, y):
        gradient = gdcore.linear_mse_gradient(w, X, y)
        gradient[0] += 1.0
        return gradient

    message = gdcore.check_linear_mse_gradient(wrong_intercept).message
    assert "your ∂L/∂w₀ is not right yet (your ∂L/∂w₁ and ∂L/∂w₂ are)" in message
    assert "For example, with w = np.array([0.5, -1.0, 2.0])" in message


def test_a_vector_checker_refuses_what_is_not_a_function():
    with pytest.raises(TypeError, match=r"^fn\b"):
        gdcore.check_linear_mse_gradient("2/n X.T (Xw - y)")
