"""Lesson 07: the two tricks of training on the way to deep learning, mini-batches and
momentum."""

import dataclasses

import ipywidgets as widgets
import numpy as np

from .. import plotting, theory
from .._validate import as_count, as_point
from ..descent import quadratic_descent
from ..landscapes import bowl
from ..regression import mse_batch_gradient
from ..stochastic import stochastic_descent
from ._explorer import Explorer, figure_with, float_slider, int_slider, rate_slider, within
from ._line import line_problem
from ._words import outcome, plural

__all__ = ["batch_size_explorer", "momentum_explorer"]


def batch_size_explorer(data=None, start=(0.0, 0.0), batch_size=None, learning_rate=0.1,
                        decay=0.0, epochs=30, seed=0):
    r"""Fit the line by mini-batch descent: choose how many points each step feels.

    Each epoch shuffles the stations and takes one step per batch of `batch size` of them
    (:func:`gdcore.stochastic_descent` with :func:`gdcore.mse_batch_gradient`), with a rate
    :math:`\eta / (1 + \text{decay} \cdot t)` in epoch t. Left, the noisy path over the loss
    contours, with the least-squares answer starred; right, the loss on all the data after
    each step (light) and each epoch (bold), on a log scale, against the epochs (passes
    through the data), so that every batch size is compared for the same work; the
    least-squares loss is dashed. The shuffles come from a fixed seed, so a setting always
    draws the same walk.

    Parameters
    ----------
    data : Dataset, optional
        :func:`gdcore.mountain_temperatures` by default.
    start : (float, float), default (0, 0)
    batch_size : int, optional
        Where the slider starts: 4 by default, or every point when there are fewer.
    learning_rate : float, default 0.1
    decay : float, default 0.0
    epochs : int, default 30
    seed : int, default 0

    Returns
    -------
    Explorer
    """
    data, land, best = line_problem(data)
    n = len(data.x)
    start = as_point("start", start, "(m, b)")
    batch_size = within("batch_size", min(4, n) if batch_size is None else batch_size, 1, n,
                        whole=True)
    learning_rate = within("learning_rate", learning_rate, 0.003, 0.3)
    decay = within("decay", decay, 0.0, 1.0)
    epochs = within("epochs", epochs, 1, 1000, whole=True)
    seed = as_count("seed", seed)
    batch_gradient = mse_batch_gradient(data.x, data.y)
    floor = land.value(best)
    # Data that a line fits exactly has a least-squares loss of 0, or of rounding error:
    # no floor a log axis can draw. The losses alone then set the axis.
    exact = floor <= 1e-12 * max(land.value(start), 1e-300)

    controls = {"batch_size": int_slider(batch_size, 1, n, "batch size"),
                "learning_rate": rate_slider(learning_rate, low=0.003, high=0.3),
                "decay": float_slider(decay, 0.0, 1.0, 0.05, "decay")}

    figure, axes = figure_with(4.8, [["map", "loss"]], width_ratios=[1, 1.1])
    ax_map, ax_loss = axes["map"], axes["loss"]
    contours = plotting.plot_contours(ax_map, land)
    path = plotting.plot_path(ax_map, start[None, :], fine=True)  # hundreds of small steps
    target = plotting.plot_minima(ax_map, best)
    losses = plotting.plot_epoch_losses(ax_loss, [land.value(start)], [], 1,
                                        floor=None if exact else floor)
    plotting.set_view(ax_loss, (-0.5, epochs + 0.5))
    status = widgets.HTML()

    def update():
        size = controls["batch_size"].value
        eta, slowing = controls["learning_rate"].value, controls["decay"].value
        run = stochastic_descent(batch_gradient, start, eta, n, batch_size=size, epochs=epochs,
                                 decay=slowing, seed=seed)
        # The loss along the whole path in one vectorised call, instead of one call per step.
        with np.errstate(over="ignore"):
            run = dataclasses.replace(run, losses=land.value(run.path))
        shown = plotting.part_on_the_map(run.path, land.window)
        plotting.set_contours(contours, land, plotting.steady_window(shown, land.window))
        plotting.set_path(path, shown)
        per_epoch = -(-n // size)  # steps in an epoch: ceil(n / size)
        plotting.set_epoch_losses(losses, run.losses, run.epoch_ends, per_epoch)

        distance = np.linalg.norm(run.path - best, axis=1)
        text = f"Batch size {size}: {plural(per_epoch, 'step')} per epoch. "
        if run.status == "diverged":
            text += (f"<b>{outcome(run).capitalize()}</b>, in epoch"
                     f" {len(run.epoch_ends) + 1}: each step overshoots further.")
        else:
            ends = np.concatenate([[0], run.epoch_ends])
            last_epoch = distance[ends[-2]:] if len(ends) > 1 else distance
            text += (f"<b>{plural(run.steps, 'step')} in {plural(epochs, 'epoch')}</b>; the"
                     f" walk ended <b>{distance[-1]:.3g}</b> from least squares (up to"
                     f" {last_epoch.max():.3g} away during its last epoch).")
        if exact:
            text += " The line fits the data exactly: the least-squares loss is 0."
        if slowing > 0 and epochs == 1:
            text += f" Decay {slowing:.2f} slows only later epochs: η = {eta:.3g} throughout."
        elif slowing > 0:
            text += (f" Decay {slowing:.2f}: the rate fell from η = {eta:.3g} to"
                     f" {eta / (1 + slowing * (epochs - 1)):.3g} in the last epoch.")
        else:
            text += f" No decay: every epoch stepped with η = {eta:.3g}."
        status.value = text
        return run

    return Explorer(controls, figure, status, update, moving={
        "path": path, "each_step": losses.each_step, "each_epoch": losses.each_epoch,
        "target": target,  # last, so that a walk ending on the answer does not hide its star
    })


def _compare_steps(plain, ball):
    """How many steps momentum saved or cost, as a sentence that is true when read aloud.

    A ratio rounded to one decimal calls 104 steps against 100 "1.0× more"; below a ratio
    of 2 the difference is given in steps instead.
    """
    if ball == plain:
        return " Both needed the same number of steps."
    fewer, more = sorted((plain, ball))
    difference = plural(more - fewer, f"{'fewer' if ball < plain else 'more'} step")
    ratio = f"{more / fewer:.1f}".removesuffix(".0") if fewer else None
    if ratio is None or more / fewer < 2:
        return f" Momentum needed {difference} than plain descent."
    if ball < plain:
        return f" Momentum needed {difference} than plain descent: it arrived {ratio} times sooner."
    return f" Momentum needed {difference} than plain descent: {ratio} times as many."


def momentum_explorer(condition_number=50.0, start=(-2.8, 0.8), learning_rate=None,
                      momentum=0.5, steps=2000):
    r"""Roll a heavy ball down a long narrow bowl, beside plain gradient descent.

    Both walks start together on :func:`gdcore.bowl` and use the same learning rate; the
    heavy ball (:func:`gdcore.momentum_descent`) also carries a share β of its last step
    (both are walked by :func:`gdcore.quadratic_descent`, every step at once):

    .. math::

        v \leftarrow \beta v + \nabla L(w), \qquad w \leftarrow w - \eta v .

    Left, both paths over the contours; right, the loss after each step of each, on a log
    scale. The learning-rate slider reaches from a twentieth of plain descent's wall
    :math:`2/\lambda_{max}` to twice it, where only the ball can still arrive. The status says
    how many steps each needed to converge.

    Just below the wall, plain descent zig-zags across the valley for hundreds of steps; a
    moderate β cancels the alternating slopes across it and adds up the steady slope along
    it; a β close to 1 makes the ball swing past the bottom, again and again.

    Parameters
    ----------
    condition_number : float, default 50
        How much steeper the bowl is across than along (see :func:`gdcore.bowl`), from 1 to
        a million.
    start : (float, float), default (-2.8, 0.8)
    learning_rate : float, optional
        Where the slider starts; 0.95 times plain descent's wall by default.
    momentum : float, default 0.5
    steps : int, default 2000
        The most steps either walk takes.

    Returns
    -------
    Explorer
    """
    # At least 1: it says how many times steeper the bowl is across than along. At most a
    # million: a narrower valley is thinner than a pixel on the map, and from about 1e300 on its
    # losses overflow.
    condition_number = within("condition_number", condition_number, 1, 1e6)
    land = bowl(condition_number)
    critical = theory.critical_learning_rate(land.hessian)
    start = as_point("start", start)
    if learning_rate is not None:
        learning_rate = within("learning_rate", learning_rate, critical / 20, 2 * critical)
    momentum = within("momentum", momentum, 0.0, 0.99)
    steps = within("steps", steps, 1, 100_000, whole=True)
    # The valley floor and a band across it, not the bowl's square window: the zig-zags
    # across a narrow valley are the point, so they get the height of the map.
    base = plotting.window_including(start[None, :], [[-3.0, 3.0], [-1.2, 1.2]])
    controls = {"momentum": float_slider(momentum, 0.0, 0.99, 0.05, "momentum β"),
                "learning_rate": rate_slider(0.95 * critical if learning_rate is None
                                             else learning_rate, low=critical / 20,
                                             high=2 * critical)}

    figure, axes = figure_with(4.8, [["map", "loss"]], width_ratios=[1.25, 1])
    ax_map, ax_loss = axes["map"], axes["loss"]
    contours = plotting.plot_contours(ax_map, land, base)
    colors = {"plain": plotting.COLORS["other"], "ball": plotting.COLORS["path"]}
    labels = {"plain": "plain descent", "ball": "with momentum"}
    paths = {kind: plotting.plot_path(ax_map, start[None, :], color=colors[kind], fine=True,
                                      label=labels[kind]) for kind in colors}
    target = plotting.plot_minima(ax_map, land.minima[0])
    # Above the map, where no path can run under it; the loss panel uses the same colours.
    plotting.plot_legend(ax_map, loc="lower left", bbox_to_anchor=(0, 1.01), ncols=2,
                         frameon=False, borderaxespad=0)
    lines = {kind: plotting.plot_losses(ax_loss, [land.value(start)], color=colors[kind],
                                        dots=False) for kind in colors}
    status = widgets.HTML()

    def update():
        beta, eta = controls["momentum"].value, controls["learning_rate"].value
        # Both walks in closed form: the loop's thousands of steps would take most of a move.
        runs = {kind: quadratic_descent(land.hessian, start, eta, steps, carry,
                                        minimum=land.minima[0])
                for kind, carry in (("plain", 0.0), ("ball", beta))}
        shown = {kind: plotting.part_on_the_map(run.path, base) for kind, run in runs.items()}
        plotting.set_contours(contours, land, plotting.steady_window(
            np.concatenate(list(shown.values())), base))
        for kind, run in runs.items():
            plotting.set_path(paths[kind], shown[kind])
            plotting.set_losses(lines[kind], np.maximum(run.losses, 1e-20))
        longest = max(run.steps for run in runs.values())
        plotting.set_view(ax_loss, (0, plotting.steady_end(longest)), plotting.decade_limits(
            np.concatenate([run.losses for run in runs.values()])))

        plain, ball = runs["plain"], runs["ball"]
        text = (f"η = {eta:.3g} (plain descent's wall: 2/λmax = {critical:.3g}). Plain descent"
                f" <b>{outcome(plain)}</b>; with momentum β = {beta:.2f},"
                f" <b>{outcome(ball)}</b>.")
        if plain.status == ball.status == "converged":
            text += _compare_steps(plain.steps, ball.steps)
        elif ball.status == "converged":
            text += " Only the heavy ball arrived."
        elif plain.status == "converged":
            text += " Only plain descent arrived."
        status.value = text
        return ball

    return Explorer(controls, figure, status, update, moving={
        "plain": paths["plain"], "ball": paths["ball"], "plain_losses": lines["plain"],
        "ball_losses": lines["ball"], "target": target,
    })
