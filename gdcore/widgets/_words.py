"""Numbers and runs in words, for the explorers' status lines.

A status line is read aloud in class, so its numbers are rounded to what a sentence needs
without ever saying something false: a factor just under 1 is not "1.000", a share just
above 0 is not "0%", and a rate just below the wall does not read as the wall.
"""

from .. import plotting, theory


def plural(count, noun):
    """'1 step', '2 steps', '1,000 steps'."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def amount(value):
    """A positive number for a sentence: 12.3, 1,234, or 2.3 × 10¹³ when it is huge."""
    if value < 1e6:
        return f"{value:,.0f}" if value >= 100 else f"{value:.3g}"
    mantissa, exponent = f"{value:.1e}".split("e")
    return f"{mantissa} × 10<sup>{int(exponent)}</sup>"


def factor(value):
    """A factor per step, with the digits that tell it from 1: '0.5', '1 − 3.2e-07'.

    Rounded to a fixed number of places, a factor just under 1 reads as 1.000000, which says
    the error never shrinks, and a tiny one as 0.000000, which says it vanishes at once.
    """
    if value == 1 or value == 0:
        return f"{value:.0f}"
    if abs(value - 1) < 0.01:
        return f"1 {'−' if value < 1 else '+'} {abs(value - 1):.2g}"
    return f"{value:.3g}"


def fixed(value, places):
    """`value` to `places` decimals, unless that would round a non-zero value to 0, or print
    a diverging walk's numbers as rows of digits (from 10,000 on: three significant digits)."""
    if abs(value) >= 1e4:
        return f"{value:.3g}"
    if value != 0 and abs(value) < 0.5 * 10.0**-places:
        return f"{value:.2g}"
    return f"{value:.{places}f}"


def percent(share):
    """A share as a percentage that is never 0% or 100% unless it is exactly that."""
    if 0 < share < 0.005:
        return "&lt;1%"
    if 0.995 <= share < 1:
        return "&gt;99%"
    return f"{share:.0%}"


def apart(a, b, digits=4):
    """`a` and `b` formatted with the digits that tell them apart (at least `digits`)."""
    while digits < 12 and a != b and f"{a:.{digits}g}" == f"{b:.{digits}g}":
        digits += 1
    return f"{a:.{digits}g}", f"{b:.{digits}g}"


def outcome(run):
    """What a run did, in a phrase: 'converged in 21 steps', 'diverged at step 7', or
    'still walking after 100 steps'."""
    if run.status == "converged":
        return f"converged in {plural(run.steps, 'step')}"
    if run.status == "diverged":
        return f"diverged at step {run.steps}"
    return f"still walking after {plural(run.steps, 'step')}"


def describe_run(run, regime=None, critical=None):
    """Say in words what a run did, as an HTML line for an explorer's status.

    Parameters
    ----------
    run : DescentResult
    regime : str, optional
        What :func:`gdcore.regime` calls the learning rate, when the theory applies; the
        line gives its name and what it looks like on the path
        (:data:`gdcore.theory.REGIME_MEANINGS`).
    critical : float, optional
        The critical learning rate, to say where the wall is.

    Examples
    --------
    >>> from gdcore import gradient_descent
    >>> run = gradient_descent(lambda w: 2 * w, 1.0, 0.25, 100, tolerance=1e-6)
    >>> describe_run(run)
    '<b>Converged in 21 steps</b>, at 4.77e-07.'
    """
    where = ", ".join(f"{v:.3g}" for v in run.final)
    said = outcome(run).capitalize()
    # A walk that has not diverged yet by the strict test may already be climbing away.
    growth = run.gradient_norms[-1] / run.gradient_norms[0] if run.gradient_norms[0] else 0
    if run.status == "converged" and run.steps == 0:
        text = f"<b>{said}</b>, at {where}: the start is already flat enough."
    elif run.status == "converged":
        text = f"<b>{said}</b>, at {where}."
    elif run.status == "diverged":
        text = f"<b>{said}</b>: each step overshoots further."
    elif run.steps == 0:
        text = f"<b>At the start</b>, {where}: no step taken yet."
    elif growth > 10:
        text = (f"<b>Climbing away after {plural(run.steps, 'step')}</b>, at {where}: the"
                f" slope is {growth:.3g} times steeper than at the start.")
    else:
        text = (f"<b>{said}</b>, at {where} "
                f"(slope length {run.gradient_norms[-1]:.2g}).")
    if regime is not None:
        color = plotting.REGIME_COLORS[regime]
        # Enough digits that a rate just below the wall does not read as the wall itself.
        eta, wall = apart(run.learning_rate, run.learning_rate if critical is None
                          else critical)
        text += (f" Theory calls η = {eta} <b style='color:{color}'>{regime}</b>:"
                 f" {theory.REGIME_MEANINGS[regime]}")
        text += f" (the wall is at η = {wall})." if critical is not None else "."
    return text
