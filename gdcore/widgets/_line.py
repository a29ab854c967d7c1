"""Lessons 03 and 04: fitting a line by descent, step by step, and choosing its learning rate."""

import textwrap

import ipywidgets as widgets
import numpy as np

from .. import plotting, theory
from .._validate import as_point, as_positive
from ..datasets import as_dataset, mountain_temperatures
from ..descent import gradient_descent, learning_rate_sweep
from ..regression import least_squares, mse_landscape
from ._explorer import Explorer, figure_with, int_slider, rate_slider, within
from ._words import amount, describe_run, factor, fixed

__all__ = ["fit_explorer", "learning_rate_explorer"]


def line_problem(data):
    """The loss landscape of a data set's line fit, and its least-squares answer."""
    data = as_dataset(data, default=mountain_temperatures)
    return data, mse_landscape(data.x, data.y), np.array(least_squares(data.x, data.y))


def fit_explorer(data=None, start=(0.0, 0.0), learning_rate=0.15, steps=400):
    """Step through gradient descent fitting a line, in three linked panels.

    One slider (and a play button) chooses how many steps have been taken. Top left, the data
    with the current line and its residuals; top right, the loss contours over (m, b) with the
    path so far and the least-squares answer starred; below, across the whole width, the loss
    after each step, on a log scale, with the least-squares loss dashed.

    Parameters
    ----------
    data : Dataset, optional
        :func:`gdcore.mountain_temperatures` by default.
    start : (float, float), default (0, 0)
        The first guess (m, b).
    learning_rate : float, default 0.15
    steps : int, default 400
        The most steps the slider offers (fewer if descent converges first, with
        :func:`gdcore.gradient_descent`'s default tolerance).

    Returns
    -------
    Explorer
    """
    data, land, best = line_problem(data)
    start = as_point("start", start, "(m, b)")
    learning_rate = as_positive("learning_rate", learning_rate)
    steps = within("steps", steps, 1, 10_000, whole=True)
    full = gradient_descent(land.gradient, start, learning_rate, steps, loss=land.value)
    hessian = land.hessian
    critical = theory.critical_learning_rate(hessian)

    taken = int_slider(0, 0, full.steps, "steps taken")
    play = widgets.Play(value=0, min=0, max=full.steps, step=1, interval=80,
                        description="play")
    widgets.jslink((play, "value"), (taken, "value"))

    figure, axes = figure_with(7.0, [["fit", "map"], ["loss", "loss"]], height_ratios=[1.3, 1])
    ax_fit, ax_map, ax_loss = axes["fit"], axes["map"], axes["loss"]
    fit = plotting.plot_fit(ax_fit, data.x, data.y, *start, xlabel=data.x_label,
                            ylabel=data.y_label)
    plotting.set_view(ax_fit, ylim=plotting.limits_including(
        data.y, (data.y.min(), data.y.max()), 0.15))
    plotting.plot_contours(ax_map, land, plotting.window_including(full.path, land.window))
    path = plotting.plot_path(ax_map, full.path[:1])
    plotting.plot_losses(ax_loss, full.losses, color=plotting.COLORS["muted"])
    plotting.plot_level(ax_loss, land.value(best), label="least squares")
    now = plotting.plot_marker(ax_loss)
    plotting.plot_legend(ax_loss, loc="upper right")
    status = widgets.HTML()

    def update():
        run = full.first(taken.value)
        m, b = run.final
        plotting.set_fit(fit, data.x, data.y, m, b)
        plotting.set_path(path, run.path)
        plotting.set_marker(now, run.steps, run.losses[-1])
        gap = np.abs(run.final - best).max()
        status.value = (describe_run(run, theory.regime(hessian, learning_rate), critical)
                        + f" The line: m = {fixed(m, 3)}, b = {fixed(b, 3)}, loss"
                        f" {fixed(run.losses[-1], 4)}; least squares: m = {fixed(best[0], 3)},"
                        f" b = {fixed(best[1], 3)} (largest gap {gap:.2g}).")
        return run

    return Explorer({"play": play, "steps": taken}, figure, status, update,
                    moving={"line": fit.line, "residuals": fit.residuals, "path": path,
                            "now": now},
                    hessian=hessian)


SWEEP_STEPS = 20_000
"""The step budget of the learning-rate explorer's sweep: a rate that needs more is drawn as
not converging."""


def learning_rate_explorer(data=None, start=(0.0, 0.0), learning_rate=None, steps=100):
    """Choose the learning rate for fitting a line, and see the theory predict what happens.

    Top left, the path over the loss contours; top right, the loss after each step; below,
    across the whole width, the steps gradient descent needs to converge at every learning
    rate (computed once, all rates at once), on a background coloured by regime (crawl,
    smooth, zig-zag, diverging: :data:`gdcore.theory.REGIMES`) from the data's Hessian, with
    the best fixed rate dashed in green, the wall at 2/λmax a solid vermillion line and the
    slider's rate a blue line; the legend under it says what each regime looks like on the
    path. The status names the rate's regime and compares the predicted shrink per step,
    max|1 − ηλ|, with the one measured on the walk.

    Parameters
    ----------
    data : Dataset, optional
        :func:`gdcore.mountain_temperatures` by default.
    start : (float, float), default (0, 0)
    learning_rate : float, optional
        Where the slider starts; half the critical rate by default.
    steps : int, default 100

    Returns
    -------
    Explorer
    """
    data, land, best = line_problem(data)
    start = as_point("start", start, "(m, b)")
    hessian = land.hessian
    critical = theory.critical_learning_rate(hessian)
    optimal = theory.optimal_learning_rate(hessian)
    low, high = critical / 50, critical * 1.3
    if learning_rate is not None:
        learning_rate = within("learning_rate", learning_rate, low, high)
    steps = within("steps", steps, 1, 400, whole=True)
    # Fine notches (×1.0116 each): near the wall a few notches separate zig-zag rates that
    # need very different numbers of steps, and the last notch before the wall from the wall.
    controls = {"learning_rate": rate_slider(critical / 2 if learning_rate is None
                                             else learning_rate, low=low, high=high,
                                             step=0.005),
                "steps": int_slider(steps, 1, 400, "steps")}
    floor = land.value(best)

    # Taller than the fit explorer's: the legend under the sweep says what each regime is.
    figure, axes = figure_with(7.8, [["map", "loss"], ["sweep", "sweep"]],
                               height_ratios=[1.2, 1])
    ax_map, ax_loss = axes["map"], axes["loss"]
    contours = plotting.plot_contours(ax_map, land)
    path = plotting.plot_path(ax_map, np.array([start]))
    losses = plotting.plot_losses(ax_loss, [land.value(np.array(start))])
    plotting.plot_level(ax_loss, floor)
    # Steps to converge at every rate: one vectorised sweep, drawn once.
    sweep = learning_rate_sweep(land.gradient, start, np.geomspace(low, high, 300),
                                SWEEP_STEPS, tolerance=1e-6)
    none_converge = not np.any(sweep.status == "converged")
    drawn_sweep = plotting.plot_sweep(axes["sweep"], sweep, theory.regime_boundaries(hessian),
                                      optimal, budget=SWEEP_STEPS, labels=_regime_labels())
    status = widgets.HTML()

    def update():
        eta, steps = controls["learning_rate"].value, controls["steps"].value
        run = gradient_descent(land.gradient, start, eta, steps, loss=land.value,
                               tolerance=1e-6)
        # A walk that leaves the map (it diverges) gets a wider one.
        plotting.set_contours(contours, land, plotting.steady_window(run.path, land.window))
        plotting.set_path(path, run.path)
        plotting.set_losses(losses, run.losses)
        # Both axes move in jumps (the step axis to 10, 20, 50, ..., the loss axis by whole
        # decades), so that a dragged slider repaints the moving lines, not the whole figure.
        plotting.set_view(ax_loss, (-0.5, plotting.steady_end(steps) + 0.5),
                          plotting.decade_limits([*run.losses, floor]))
        plotting.set_sweep(drawn_sweep, eta)
        predicted = theory.contraction(hessian, eta)
        measured = theory.measured_contraction(run.path, best)
        measured = ("not measurable (the walk starts on the answer)" if np.isnan(measured)
                    else f"<b>{factor(measured)}</b>")
        status.value = (describe_run(run, theory.regime(hessian, eta), critical)
                        + f" Shrink per step: predicted max|1 − ηλ| = <b>{factor(predicted)}"
                        f"</b>, measured {measured}. Best fixed rate"
                        f" 2/(λmin + λmax) = {optimal:.4g}.")
        if none_converge:
            status.value += " " + _no_rate_converges(hessian)
        return run

    return Explorer(controls, figure, status, update,
                    moving={"path": path, "losses": losses, "rate": drawn_sweep.rate},
                    hessian=hessian)


def _regime_labels(width=44):
    """Each regime's name and what it looks like on the path, wrapped for a legend."""
    return {name: textwrap.fill(f"{name}: {meaning}", width)
            for name, meaning in theory.REGIME_MEANINGS.items()}


def _no_rate_converges(hessian):
    """Why no rate on the learning-rate slider converges: the condition number, in numbers."""
    low, high = theory.curvatures(hessian)
    best = theory.optimal_learning_rate(hessian)
    needed = theory.steps_to_reduce(hessian, best, 1e-6)
    text = (f"<b>No learning rate on the slider converges within {SWEEP_STEPS:,} steps</b>:"
            f" the condition number λmax/λmin is {amount(high / low)}, so a rate small enough"
            f" for the steepest direction barely moves along the flattest.")
    if np.isfinite(needed):
        text += (f" Even the best rate keeps {factor(theory.contraction(hessian, best))} of"
                 f" the error each step and needs {amount(needed)} steps to shrink it a"
                 " millionfold. Rescaling the feature (notebook 05) mends this.")
    return text
