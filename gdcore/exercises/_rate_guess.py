"""Checking a prediction about gradient descent on a line fit, made before running it."""

import numpy as np

from .._validate import as_count, as_point, as_positive
from ..datasets import as_dataset, mountain_temperatures
from ..descent import gradient_descent
from ..regression import mse_landscape
from ..theory import REGIME_MEANINGS, contraction, critical_learning_rate, regime
from ._feedback import Feedback, failure, not_yet, to_float


def _as_real(name, value, expected):
    """``float(value)``, or a TypeError that names the argument and why ``float()`` refused.

    This takes more than :func:`gdcore._validate.as_number`: a Decimal, or a tensor of one
    number, is not a :class:`numbers.Real` but is a fine guess.
    """
    number, error = to_float(value)
    if number is None:
        reason = f" ({failure(error)})" if error is not None else ""
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
        A positive number, as anything ``float()`` takes: a float, an int, a Fraction, a
        Decimal, a NumPy number.
    converges : bool
        Your prediction: will it converge?
    steps : int, optional
        Your guess of the steps it needs, when you predicted convergence: a whole number
        (250, ``np.int64(250)`` and 250.0 all do).
    data : Dataset or (x, y), optional
        The data the line is fitted to; :func:`gdcore.mountain_temperatures` by default.
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
        return not_yet(
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
        return not_yet(f"{fact}.")
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
