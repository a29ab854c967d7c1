"""Lessons 01, 02 and 06: walking down a mountain in one dimension, blindfolded or not, and
the secant that turns into the tangent."""

import ipywidgets as widgets
import numpy as np

from .. import plotting, theory
from .._validate import as_vector
from ..descent import gradient_descent
from ..landscapes import Landscape, mountain_profile
from ..numerics import numerical_hessian
from ._explorer import (
    Explorer,
    button,
    figure_with,
    float_slider,
    int_slider,
    log_slider,
    rate_slider,
    within,
)
from ._words import describe_run, plural

__all__ = ["blindfold_game", "mountain_walk_explorer", "secant_explorer"]


def _one_dimensional(landscape):
    """The landscape to walk: `landscape`, checked to be 1-D, or the mountain by default."""
    land = mountain_profile() if landscape is None else landscape
    if not isinstance(land, Landscape) or land.dimension != 1:
        raise TypeError("landscape must be a 1-D Landscape, such as gdcore.mountain_profile()")
    return land


def _bowl_or_none(hessian):
    """`hessian` if the theory can read a learning rate against it (it curves upwards)."""
    try:
        theory.curvatures(hessian)
    except ValueError:
        return None
    return hessian


def _walk_and_heights():
    """The mountain walk's figure: the walk on the left, the height after each step right."""
    figure, axes = figure_with(4.0, [["walk", "height"]], width_ratios=[1.6, 1])
    return figure, axes["walk"], axes["height"]


def mountain_walk_explorer(landscape=None, start=-4.0, learning_rate=0.3, steps=12):
    """Walk down a 1-D mountain: choose where to start, how far to step and how many steps.

    Left, the profile with the path, the walker and the tangent (the slope the walker feels)
    where it stands; right, the height after each step. The status line says what happened
    and what the theory, from the curvature at the valley floor, calls the learning rate. On
    a landscape with several valleys, it also says which valley the walk ended in, and the
    theory reads the curvature of that valley's floor.

    Parameters
    ----------
    landscape : Landscape, optional
        A 1-D landscape; :func:`gdcore.mountain_profile` by default.
    start : float, default -4.0
    learning_rate : float, default 0.3
    steps : int, default 12

    Returns
    -------
    Explorer
    """
    land = _one_dimensional(landscape)
    # Near a valley floor every landscape is a parabola; its curvature sets the wall. A
    # landscape may name no floor (a slice through a surface, say), or one too flat to
    # have a curvature: there the theory has nothing to say, and the walk goes on without it.
    hessians = [_bowl_or_none(numerical_hessian(land.gradient, floor))
                for floor in land.minima]
    window = tuple(land.window[0])
    start = within("start", start, *window)
    learning_rate = within("learning_rate", learning_rate, 1e-3, 10.0)
    steps = within("steps", steps, 0, 50, whole=True)

    controls = {"start": float_slider(start, *window, 0.1, "start x₀"),
                "learning_rate": rate_slider(learning_rate),
                "steps": int_slider(steps, 0, 50, "steps")}

    figure, ax_walk, ax_height = _walk_and_heights()
    first = gradient_descent(land.gradient, start, learning_rate, steps, loss=land.value)
    profile = plotting.plot_profile(ax_walk, land)
    tangent = plotting.plot_tangent(ax_walk, land, start)
    walk = plotting.plot_walk(ax_walk, land, first.path)
    heights = plotting.plot_losses(ax_height, first.losses, log=False,
                                   ylabel="height after each step")
    status = widgets.HTML()
    window_top = land.value(land.window.T).max()

    def update():
        run = gradient_descent(land.gradient, controls["start"].value,
                               controls["learning_rate"].value, controls["steps"].value,
                               loss=land.value)
        # The view stays on the window while the walk does (so the axes hold still as a
        # slider is dragged) and widens to hold a walk that leaves it: a diverging walk
        # must be seen to diverge.
        x_limits = plotting.limits_including(run.path[:, 0], window, margin=0.02)
        plotting.set_profile(profile, land, x_limits)
        plotting.set_view(ax_walk, x_limits,
                          plotting.limits_including(profile.get_ydata(), (0, 0)))
        plotting.set_walk(walk, land, run.path)
        plotting.set_tangent(tangent, land, run.final[0], np.ptp(x_limits) / 12)
        plotting.set_losses(heights, run.losses)
        # A fixed step axis, so that runs of different lengths compare at a glance.
        plotting.set_view(ax_height, (-0.5, controls["steps"].max + 0.5),
                          plotting.limits_including(run.losses, (0, window_top)))
        hessian = valley_hessian(run)
        if hessian is None:
            status.value = describe_run(run) + (
                " This landscape names no valley floor, so the theory has no curvature to read"
                " η against." if not len(land.minima) else
                " The valley floor nearest the walk is flat, so the theory has no curvature"
                " to read η against.")
        else:
            status.value = describe_run(run, theory.regime(hessian, run.learning_rate),
                                        theory.critical_learning_rate(hessian))
        if len(land.minima) > 1:
            nearest = nearest_valley(run)
            status.value += (f" Nearest valley floor: x = {land.minima[nearest, 0]:.2f}, "
                             f"{'the deepest' if nearest == 0 else 'not the deepest'}.")
        return run

    def nearest_valley(run):
        return int(np.argmin(np.abs(land.minima[:, 0] - run.final[0])))

    def valley_hessian(run):
        # The theory speaks of the valley the walk is in: the floor nearest where it stands.
        return hessians[nearest_valley(run)] if hessians else None

    return Explorer(controls, figure, status, update,
                    moving={"tangent": tangent, "walk": walk, "heights": heights},
                    hessian=valley_hessian)


def blindfold_game(landscape=None, starts=(-4.2, 4.6, -2.6, 3.4)):
    """Walk blindfolded: feel only the slope and the height underfoot, choose every step.

    The landscape stays hidden; the left panel shows only where you have stood and the
    tangent under your feet, with a hollow marker where following the slope would take you
    if the ground stayed as steep as it feels (x ← x − η · slope). Follow the slope, or step
    left or right by the step size. "Reveal" shows the landscape, and gradient descent's
    walk from the same start with the same number of steps, so the two can be compared.

    Parameters
    ----------
    landscape : Landscape, optional
        A 1-D landscape; :func:`gdcore.mountain_profile` by default.
    starts : sequence of float
        Where each new game starts, in turn (a fixed list, so a class plays the same game).

    Returns
    -------
    Explorer
    """
    land = _one_dimensional(landscape)
    window = tuple(land.window[0])
    starts = as_vector("starts", starts)
    outside = starts[(starts < window[0]) | (starts > window[1])]
    if outside.size:
        raise ValueError(f"starts must lie between {window[0]:g} and {window[1]:g} (the map),"
                         f" got {outside[0]:g}")
    game = {"positions": [float(starts[0])], "round": 0}

    controls = {
        "learning_rate": rate_slider(0.8, low=0.01, high=5.0),
        "follow": button("follow the slope", "x ← x − η · slope"),
        "size": float_slider(0.5, 0.05, 2.0, 0.05, "step size"),
        "left": button("◀ step left", "move left by the step size"),
        "right": button("step right ▶", "move right by the step size"),
        "reveal": widgets.ToggleButton(description="reveal the mountain", value=False,
                                       layout={"width": "auto"}),
        "new": button("new start", "start again somewhere else"),
    }
    rate, reveal = controls["learning_rate"], controls["reveal"]

    figure, ax_walk, ax_height = _walk_and_heights()
    top = float(land.value(np.array(window)[:, None]).max())
    profile = plotting.plot_profile(ax_walk, land)
    mine = plotting.plot_walk(ax_walk, land, [[starts[0]]])
    tangent = plotting.plot_tangent(ax_walk, land, starts[0], np.ptp(window) / 12)
    landing = plotting.plot_marker(ax_walk, color=plotting.COLORS["tangent"], hollow=True,
                                   size=12)
    theirs = plotting.plot_walk(ax_walk, land, [[starts[0]]], color=plotting.COLORS["other"])
    my_heights = plotting.plot_losses(ax_height, [0.0], log=False,
                                      ylabel="height after each step", label="you")
    their_heights = plotting.plot_losses(ax_height, [0.0], log=False, label="descent",
                                         color=plotting.COLORS["other"],
                                         ylabel="height after each step")
    plotting.plot_legend(ax_height, loc="upper right")
    plotting.set_view(ax_walk, window, plotting.limits_including(profile.get_ydata(), (0, top)))
    status = widgets.HTML()

    def update():
        positions = np.array(game["positions"])[:, None]
        x = positions[-1, 0]
        shown = reveal.value
        plotting.set_walk(mine, land, positions)
        slope = land.gradient([x])[0]
        # Where a step along the slope would land if the ground kept the slope you feel.
        reach = -rate.value * slope
        lands = (x + reach, land.value([x]) + slope * reach)
        plotting.set_marker(landing, *lands)
        # A landing off the map is not drawn (the status says so instead).
        (y_low, y_high) = ax_walk.get_ylim()
        landing.set_visible(bool(window[0] <= lands[0] <= window[1]
                                 and y_low <= lands[1] <= y_high))
        plotting.set_tangent(tangent, land, x, max(np.ptp(window) / 12, 1.15 * abs(reach)))
        plotting.set_losses(my_heights, land.value(positions))
        steps = len(positions) - 1
        run = gradient_descent(land.gradient, positions[0, 0], rate.value, steps,
                               loss=land.value, tolerance=0.0)
        plotting.set_walk(theirs, land, run.path)
        plotting.set_losses(their_heights, run.losses)
        for artist in (profile, *theirs, their_heights):
            artist.set_visible(shown)
        mine.walker.set_visible(shown)  # blindfolded, "where am I" is the tangent itself
        # The step axis grows in jumps (10, 20, 50, 100, ...), not one step a press: a new
        # limit lays out and repaints the whole figure, a kept one only the moving artists.
        heights = np.concatenate([land.value(positions), run.losses if shown else []])
        plotting.set_view(ax_height, (-0.5, plotting.steady_end(steps) + 0.5),
                          plotting.limits_including(heights, (0, top)))
        if not shown:
            status.value = (f"Step {steps}: you feel height <b>{land.value([x]):.2f}</b> and "
                            f"{_feel(slope)}.")
            if not landing.get_visible():
                status.value += " Following the slope with this η would leave the map."
        else:
            status.value = (
                f"<b>You</b>: {plural(steps, 'step')}, now at x = {x:.2f}, height "
                f"{land.value([x]):.3f}. <b>Gradient descent</b> (η = {run.learning_rate:.3g},"
                f" same start, same steps): x = {run.final[0]:.2f}, height "
                f"{run.losses[-1]:.3f}. {_floor(land)}"
            )
        return run

    def step(new_x):
        game["positions"].append(float(np.clip(new_x, *window)))  # the map has edges
        explorer.refresh()

    def restart(_):
        game["round"] += 1
        game["positions"] = [float(starts[game["round"] % len(starts)])]
        if reveal.value:
            reveal.value = False  # which refreshes
        else:
            explorer.refresh()

    explorer = Explorer(controls, figure, status, update, moving={
        "profile": profile, "tangent": tangent, "landing": landing, "mine": mine,
        "theirs": theirs, "my_heights": my_heights, "their_heights": their_heights,
    })
    size, here = controls["size"], lambda: game["positions"][-1]
    explorer.on_click(controls["left"], lambda _: step(here() - size.value))
    explorer.on_click(controls["right"], lambda _: step(here() + size.value))
    explorer.on_click(controls["follow"],
                      lambda _: step(here() - rate.value * land.gradient([here()])[0]))
    explorer.on_click(controls["new"], restart)
    return explorer


def _feel(slope):
    """What the blindfolded walker's feet say: the slope, and which way is downhill."""
    if slope == 0:
        return "slope <b>0</b>: flat underfoot, so neither way is downhill from here"
    # Two decimals would call a slope of 0.003 "+0.00" and still name a direction.
    felt = f"{slope:+.2f}" if abs(slope) >= 0.005 else f"{slope:+.2g}"
    almost = ", almost flat" if abs(slope) < 0.005 else ""
    return (f"slope <b>{felt}</b>{almost}, so downhill is to the "
            f"<b>{'right' if slope < 0 else 'left'}</b>")


def _floor(land):
    """Where the bottom of a 1-D landscape is, in a sentence."""
    if len(land.minima) == 0:
        # No floor named (a slice, say): the lowest of many points across the map.
        xs = np.linspace(*land.window[0], 2001)
        lowest = xs[np.argmin(land.value(xs[:, None]))]
        return f"The lowest point on the map is at x = {lowest:.2f}."
    deepest = "deepest valley floor" if len(land.minima) > 1 else "valley floor"
    return f"The {deepest} is at x = {land.minima[0, 0]:.2f}."


def secant_explorer(landscape=None, x=-3.0, h=2.0):
    r"""Watch a secant turn into the tangent as its second point closes in.

    The secant through :math:`(x, f(x))` and :math:`(x + h, f(x + h))` has slope
    :math:`\frac{f(x + h) - f(x)}{h}`. As :math:`h` shrinks it turns into the tangent, and its
    slope into the derivative :math:`f'(x)`, printed beside it.

    Parameters
    ----------
    landscape : Landscape, optional
        A 1-D landscape; :func:`gdcore.mountain_profile` by default.
    x : float, default -3.0
    h : float, default 2.0

    Returns
    -------
    Explorer
    """
    land = _one_dimensional(landscape)
    window = tuple(land.window[0])
    x = within("x", x, *window)
    h = within("h", h, 1e-3, 3.0)
    controls = {"x": float_slider(x, *window, 0.1, "point x"),
                "h": log_slider(h, 1e-3, 3.0, "gap h")}

    figure, axes = figure_with(4.2, [["curve"]])
    ax = axes["curve"]
    profile = plotting.plot_profile(ax, land)
    tangent = plotting.plot_tangent(ax, land, x, np.ptp(window) / 6)
    secant = plotting.plot_secant(ax, land, x, h)
    plotting.set_view(ax, window, plotting.limits_including(profile.get_ydata(), (0, 0)))
    status = widgets.HTML()

    def update():
        x0, h = controls["x"].value, controls["h"].value
        plotting.set_secant(secant, land, x0, h)
        plotting.set_tangent(tangent, land, x0, np.ptp(window) / 6)
        # The second point may lie past the window's edge: widen the view to keep it.
        x_limits = plotting.limits_including([x0, x0 + h], window, margin=0.0)
        plotting.set_profile(profile, land, x_limits)
        plotting.set_view(ax, x_limits, plotting.limits_including(profile.get_ydata(), (0, 0)))
        rise = (land.value([x0 + h]) - land.value([x0])) / h
        exact = land.gradient([x0])[0]
        status.value = (f"secant slope (f(x + h) − f(x)) / h = <b>{rise:.4f}</b>; "
                        f"tangent slope f′(x) = <b>{exact:.4f}</b>; "
                        f"difference {abs(rise - exact):.2g}")

    return Explorer(controls, figure, status, update,
                    moving={"tangent": tangent, "secant": secant})
