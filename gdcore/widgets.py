"""Interactive explorers: sliders wired to a figure that is drawn once and updated in place.

Every explorer follows one pattern:

1. build a matplotlib ``Figure`` (not through pyplot, so no global figure list changes) and
   draw it once with the ``plot_<what>`` functions of :mod:`gdcore.plotting`;
2. show it through an ipympl canvas, which sends only the new picture on each change;
3. on a slider change, recompute, call the ``set_<what>`` twins to move the drawn artists,
   and ask the canvas to redraw.

Redrawing in place costs a fraction of building a new figure each time (``make bench``
measures both), so the picture keeps up with a dragged slider.

Each explorer is returned as an :class:`Explorer`, an ``ipywidgets.VBox`` that also carries a
still picture of its figure, so that a notebook read without a kernel (on GitHub, nbviewer,
or converted to HTML) shows the figure instead of a widget's text.
"""

import base64
import dataclasses
import functools
import html
import io
import itertools
import textwrap
import warnings

import ipywidgets as widgets
import matplotlib
import matplotlib.figure
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.layout_engine import ConstrainedLayoutEngine

from . import plotting, theory
from ._validate import as_count, as_number, as_positive, as_vector
from .datasets import as_dataset, mountain_temperatures, wavy_curve
from .descent import gradient_descent, learning_rate_sweep, momentum_descent, stochastic_descent
from .landscapes import Landscape, basins, bowl, mountain_profile, valleys
from .numerics import numerical_hessian
from .regression import (
    least_squares,
    linear_least_squares,
    linear_mse,
    linear_mse_gradient,
    linear_mse_hessian,
    mse_batch_gradient,
    mse_landscape,
    polynomial_features,
    standardize,
)

# Importing ipympl calls matplotlib.use() to make itself pyplot's backend, which would turn
# every static figure of a lesson into a live canvas (and switching back resets pyplot's
# interactive mode). Explorers need only ipympl's Canvas class, so that call is skipped.
_use, matplotlib.use = matplotlib.use, lambda *args, **kwargs: None
try:
    from ipympl.backend_nbagg import Canvas, FigureManager
finally:
    matplotlib.use = _use

__all__ = [
    "basins_explorer",
    "batch_size_explorer",
    "blindfold_game",
    "fit_explorer",
    "learning_rate_explorer",
    "momentum_explorer",
    "mountain_walk_explorer",
    "polynomial_explorer",
    "scaling_explorer",
    "secant_explorer",
]


class Explorer(widgets.VBox):
    """Sliders above a figure and a status line; displays a still picture where no kernel runs.

    Parameters
    ----------
    controls : list of ipywidgets.Widget
    figure : matplotlib.figure.Figure
        The explorer's figure; its canvas must be an ipympl ``Canvas``.
    status : ipywidgets.HTML
        The line that says in words what happened.
    update : callable
        Moves the drawn artists (and sets the axis limits) to match the controls' values and
        returns the run it drew; called once here, then on each change. It does not draw.
    moving : list of matplotlib artists
        The artists `update` changes while the axis limits stay put. Everything else is drawn
        once into a background image, so that a slider move repaints only these (blitting).
    hessian : ndarray or callable, optional
        The curvature the theory reads the learning rate against, when there is one; a
        function of the run when it depends on where the run ended.

    Every control that holds a value (a slider, a check box, a toggle; not a play button,
    which moves its linked slider) refreshes the figure when it changes. Buttons are wired
    with :meth:`on_click`.

    Attributes
    ----------
    run : DescentResult
        The run now drawn.
    error : Exception or None
        What went wrong in the last callback, if it failed (its message is in the status).
    """

    def __init__(self, controls, figure, status, update, moving, hessian=None):
        self.figure, self.status, self.update, self.moving = figure, status, update, moving
        self._hessian, self.run, self.error = hessian, None, None
        self._limits, self._background = None, None
        super().__init__([widgets.HBox(controls, layout={"flex_flow": "row wrap"}),
                          status, figure.canvas])
        for control in controls:
            if isinstance(control, widgets.ValueWidget) and not isinstance(control,
                                                                           widgets.Play):
                control.observe(self.callback(lambda _: self.refresh()), names="value")
        self.refresh()  # outside a callback: a failure here is the caller's to see

    def callback(self, function):
        """`function`, for a widget to call, with any exception it raises said in the status.

        An exception raised in a widget's callback never reaches the notebook: ipywidgets
        sends it to the kernel's log, and in a browser the slider or button just looks dead.
        Here it is caught and named in the status line instead, and kept in `error`.
        """

        @functools.wraps(function)
        def guarded(*args, **kwargs):
            try:
                return function(*args, **kwargs)
            except Exception as error:  # any: the status line is the only place it can show
                self._report(error)
                return None

        return guarded

    def on_click(self, button, function):
        """Call `function(button)` when `button` is clicked, failures said in the status."""
        button.on_click(self.callback(function))

    def _report(self, error):
        self.error = error
        message = str(error) or "no message"
        if len(message) > 160:
            message = message[:157] + "..."
        self.status.value = (
            f"<b style='color:{plotting.REGIME_COLORS['diverging']}'>Something went wrong"
            f"</b> ({type(error).__name__}: {html.escape(message)}). The figure still shows"
            " the last setting that worked."
        )

    def refresh(self):
        """Bring the figure up to date with the controls, repainting as little as possible."""
        self.run = self.update()
        self.error = None
        canvas = self.figure.canvas
        limits = [(ax.get_xlim(), ax.get_ylim()) for ax in self.figure.axes]
        if limits != self._limits:
            # New limits move ticks and labels: lay the figure out again and paint a new
            # background without the moving artists. This happens rarely (a walk leaving the
            # window, a new number of steps), not on every nudge of a slider.
            self._limits = limits
            _LAYOUT.execute(self.figure)
            visible = [artist.get_visible() for artist in self.moving]
            for artist in self.moving:
                artist.set_visible(False)
            FigureCanvasAgg.draw(canvas)  # paint only; ipympl sends the picture after blit
            self._background = canvas.copy_from_bbox(self.figure.bbox)
            for artist, shown in zip(self.moving, visible, strict=True):
                artist.set_visible(shown)
        canvas.restore_region(self._background)
        for artist in self.moving:
            artist.axes.draw_artist(artist)
        if canvas.syncing_data_url:
            # No browser has shown this canvas yet. ipympl would record a blitted picture in
            # a form its browser side cannot load, leaving the figure blank; ask instead for
            # the full picture, which the browser requests once the canvas appears.
            canvas.draw_idle()
        else:
            canvas.blit(self.figure.bbox)

    @property
    def hessian(self):
        """The curvature the theory reads the learning rate against (None without theory)."""
        return self._hessian(self.run) if callable(self._hessian) else self._hessian

    @property
    def sliders(self):
        """The explorer's sliders, in order (its buttons, if any, wire themselves)."""
        kinds = (widgets.FloatSlider, widgets.FloatLogSlider, widgets.IntSlider)
        return [c for c in self.children[0].children if isinstance(c, kinds)]

    def _repr_mimebundle_(self, **kwargs):
        # JupyterLab shows the live widget. Without a kernel there is no widget state (the
        # notebooks are saved without it), so GitHub, nbviewer and nbconvert fall back to
        # the next format they know: this PNG of the figure as first drawn.
        bundle = super()._repr_mimebundle_(**kwargs)
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png")
        bundle["image/png"] = base64.b64encode(buffer.getvalue()).decode("ascii")
        bundle["text/plain"] = "Interactive explorer: run the notebook to move its sliders."
        return bundle


# Explorers lay out their figure only when the axis limits change (see Explorer.refresh);
# constrained layout keeps labels apart but costs more than the rest of a redraw.
_LAYOUT = ConstrainedLayoutEngine()


def _canvas(figure):
    """Attach an ipympl canvas to a figure, with the chrome that distracts a class hidden."""
    canvas = Canvas(figure)
    with warnings.catch_warnings():
        # ipympl 0.10 builds its toolbar with an argument traitlets no longer expects; the
        # warning is about ipympl's internals, not anything a learner can act on.
        warnings.filterwarnings("ignore", "Passing unrecognized arguments to super.Toolbar",
                                DeprecationWarning)
        FigureManager(canvas, 0)  # the canvas routes the browser's messages through it
    canvas.header_visible = False
    canvas.footer_visible = False
    canvas.toolbar_visible = False
    canvas.resizable = False
    return canvas


# An explorer's figure is a fixed number of pixels; this width fits a notebook column on a
# 1280-pixel projector with JupyterLab's side bar open.
WIDTH = 9.2  # inches, at 100 dots per inch


def _figure(height, mosaic, **gridspec):
    """A figure `WIDTH` wide with axes laid out by `mosaic` (as ``subplot_mosaic``)."""
    figure = matplotlib.figure.Figure(figsize=(WIDTH, height), dpi=100, layout="none")
    _canvas(figure)
    return figure, figure.subplot_mosaic(mosaic, gridspec_kw=gridspec or None)


def _rate_slider(value, low=1e-3, high=10.0, description="learning rate η", step=0.05):
    """A learning-rate slider on a log scale: each notch multiplies η by the same factor.

    The browser keeps the handle on notches counted from the slider's lower end and moves a
    value between two notches to the nearer one, which would quietly change the starting
    rate (and the walk the still picture shows). So the lower end is raised, by less than a
    notch, to put `value` on a notch. A `step` of 0.05 (in powers of ten) multiplies η by
    1.12 a notch.
    """
    top = np.log10(value)
    bottom = top - step * np.floor((top - np.log10(low)) / step + 1e-9)
    return widgets.FloatLogSlider(
        value=value, base=10, min=bottom, max=np.log10(high), step=step,
        description=description, readout_format=".4g", continuous_update=True,
        style={"description_width": "initial"}, layout={"width": "420px"},
    )


def _int_slider(value, low, high, description):
    return widgets.IntSlider(
        value=value, min=low, max=high, description=description, continuous_update=True,
        style={"description_width": "initial"}, layout={"width": "320px"},
    )


def _float_slider(value, low, high, step, description):
    return widgets.FloatSlider(
        value=value, min=low, max=high, step=step, description=description,
        readout_format=".2f", continuous_update=True,
        style={"description_width": "initial"}, layout={"width": "320px"},
    )


def _within(name, value, low, high, *, whole=False):
    """`value` as a number (a whole one if `whole`) between `low` and `high`, or an error that
    says so: a slider would quietly clamp it, and the figure show another value than asked."""
    value = as_count(name, value) if whole else as_number(name, value)
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low:.4g} and {high:.4g}, got {value:.4g}")
    return value


def _pair(name, value, what):
    """`value` as a point of the plane, two finite numbers (`what` names them)."""
    point = as_vector(name, value)
    if point.shape != (2,):
        raise ValueError(f"{name} must be a pair {what} of numbers, got {point.size} value"
                         f"{'' if point.size == 1 else 's'}")
    return point


def _plural(count, noun):
    """'1 step', '2 steps', '1,000 steps'."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _amount(value):
    """A positive number for a sentence: 12.3, 1,234, or 2.3 × 10¹³ when it is huge."""
    if value < 1e6:
        return f"{value:,.0f}" if value >= 100 else f"{value:.3g}"
    mantissa, exponent = f"{value:.1e}".split("e")
    return f"{mantissa} × 10<sup>{int(exponent)}</sup>"


def _factor(value):
    """A factor per step, with the digits that tell it from 1: '0.5', '1 − 3.2e-07'.

    Rounded to a fixed number of places, a factor just under 1 reads as 1.000000, which says
    the error never shrinks, and a tiny one as 0.000000, which says it vanishes at once.
    """
    if value == 1 or value == 0:
        return f"{value:.0f}"
    if abs(value - 1) < 0.01:
        return f"1 {'−' if value < 1 else '+'} {abs(value - 1):.2g}"
    return f"{value:.3g}"


def _fixed(value, places):
    """`value` to `places` decimals, unless that would round a non-zero value to 0, or print
    a diverging walk's numbers as rows of digits (from 10,000 on: three significant digits)."""
    if abs(value) >= 1e4:
        return f"{value:.3g}"
    if value != 0 and abs(value) < 0.5 * 10.0**-places:
        return f"{value:.2g}"
    return f"{value:.{places}f}"


def _percent(share):
    """A share as a percentage that is never 0% or 100% unless it is exactly that."""
    if 0 < share < 0.005:
        return "&lt;1%"
    if 0.995 <= share < 1:
        return "&gt;99%"
    return f"{share:.0%}"


def _apart(a, b, digits=4):
    """`a` and `b` formatted with the digits that tell them apart (at least `digits`)."""
    while digits < 12 and a != b and f"{a:.{digits}g}" == f"{b:.{digits}g}":
        digits += 1
    return f"{a:.{digits}g}", f"{b:.{digits}g}"


def _one_dimensional(landscape):
    """The landscape to walk: `landscape`, checked to be 1-D, or the mountain by default."""
    land = mountain_profile() if landscape is None else landscape
    if not isinstance(land, Landscape) or land.dimension != 1:
        raise TypeError("landscape must be a 1-D Landscape, such as gdcore.mountain_profile()")
    return land


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
    steps = _plural(run.steps, "step")
    # A walk that has not diverged yet by the strict test may already be climbing away.
    growth = run.gradient_norms[-1] / run.gradient_norms[0] if run.gradient_norms[0] else 0
    if run.status == "converged" and run.steps == 0:
        text = f"<b>Converged in {steps}</b>, at {where}: the start is already flat enough."
    elif run.status == "converged":
        text = f"<b>Converged in {steps}</b>, at {where}."
    elif run.status == "diverged":
        text = f"<b>Diverged at step {run.steps}</b>: each step overshoots further."
    elif run.steps == 0:
        text = f"<b>At the start</b>, {where}: no step taken yet."
    elif growth > 10:
        text = (f"<b>Climbing away after {steps}</b>, at {where}: the slope is "
                f"{growth:.3g} times steeper than at the start.")
    else:
        text = (f"<b>Still walking after {steps}</b>, at {where} "
                f"(slope length {run.gradient_norms[-1]:.2g}).")
    if regime is not None:
        color = plotting.REGIME_COLORS[regime]
        # Enough digits that a rate just below the wall does not read as the wall itself.
        eta, wall = _apart(run.learning_rate, run.learning_rate if critical is None
                           else critical)
        text += (f" Theory calls η = {eta} <b style='color:{color}'>{regime}</b>:"
                 f" {theory.REGIME_MEANINGS[regime]}")
        text += f" (the wall is at η = {wall})." if critical is not None else "."
    return text


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
    start = _within("start", start, *window)
    learning_rate = _within("learning_rate", learning_rate, 1e-3, 10.0)
    steps = _within("steps", steps, 0, 50, whole=True)

    start_slider = _float_slider(start, *window, 0.1, "start x₀")
    rate_slider = _rate_slider(learning_rate)
    steps_slider = _int_slider(steps, 0, 50, "steps")

    figure, axes = _figure(4.0, [["walk", "height"]], width_ratios=[1.6, 1])
    ax_walk, ax_height = axes["walk"], axes["height"]
    first = gradient_descent(land.gradient, start, learning_rate, steps, loss=land.value)
    profile = plotting.plot_profile(ax_walk, land)
    tangent = plotting.plot_tangent(ax_walk, land, start)
    walk = plotting.plot_walk(ax_walk, land, first.path)
    heights = plotting.plot_losses(ax_height, first.losses, log=False,
                                   ylabel="height after each step")
    status = widgets.HTML()
    window_top = land.value(land.window.T).max()

    def update():
        run = gradient_descent(land.gradient, start_slider.value, rate_slider.value,
                               steps_slider.value, loss=land.value)
        # The view stays on the window while the walk does (so the axes hold still as a
        # slider is dragged) and widens to hold a walk that leaves it: a diverging walk
        # must be seen to diverge.
        x_limits = plotting.limits_including(run.path[:, 0], window, margin=0.02)
        plotting.set_profile(profile, land, x_limits)
        ax_walk.set_xlim(x_limits)
        ax_walk.set_ylim(plotting.limits_including(profile.get_ydata(), (0, 0)))
        plotting.set_walk(walk, land, run.path)
        plotting.set_tangent(tangent, land, run.final[0], np.ptp(x_limits) / 12)
        plotting.set_losses(heights, run.losses)
        # A fixed step axis, so that runs of different lengths compare at a glance.
        ax_height.set_xlim(-0.5, steps_slider.max + 0.5)
        ax_height.set_ylim(plotting.limits_including(run.losses, (0, window_top)))
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

    return Explorer([start_slider, rate_slider, steps_slider], figure, status, update,
                    moving=[tangent, *walk, heights], hessian=valley_hessian)


def _bowl_or_none(hessian):
    """`hessian` if the theory can read a learning rate against it (it curves upwards)."""
    try:
        theory.curvatures(hessian)
    except ValueError:
        return None
    return hessian


def _button(description, tooltip):
    return widgets.Button(description=description, tooltip=tooltip,
                          layout={"width": "auto"})


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

    size_slider = _float_slider(0.5, 0.05, 2.0, 0.05, "step size")
    rate_slider = _rate_slider(0.8, low=0.01, high=5.0)
    left = _button("◀ step left", "move left by the step size")
    right = _button("step right ▶", "move right by the step size")
    follow = _button("follow the slope", "x ← x − η · slope")
    reveal = widgets.ToggleButton(description="reveal the mountain", value=False,
                                  layout={"width": "auto"})
    new = _button("new start", "start again somewhere else")

    figure, axes = _figure(4.0, [["walk", "height"]], width_ratios=[1.6, 1])
    ax_walk, ax_height = axes["walk"], axes["height"]
    top = float(land.value(np.array(window)[:, None]).max())
    profile = plotting.plot_profile(ax_walk, land)
    mine = plotting.plot_walk(ax_walk, land, [[starts[0]]])
    tangent = plotting.plot_tangent(ax_walk, land, starts[0], np.ptp(window) / 12)
    (ghost,) = ax_walk.plot([], [], "o", color=plotting.COLORS["tangent"], markersize=12,
                            markerfacecolor="white", markeredgewidth=2.5, zorder=6)
    theirs = plotting.plot_walk(ax_walk, land, [[starts[0]]], color=plotting.COLORS["other"])
    my_heights = plotting.plot_losses(ax_height, [0.0], log=False,
                                      ylabel="height after each step", label="you")
    their_heights = plotting.plot_losses(ax_height, [0.0], log=False, label="descent",
                                         color=plotting.COLORS["other"],
                                         ylabel="height after each step")
    ax_height.legend(loc="upper right", fontsize=plotting.TICK_SIZE)
    ax_walk.set_xlim(window)
    ax_walk.set_ylim(plotting.limits_including(profile.get_ydata(), (0, top)))
    status = widgets.HTML()

    def update():
        positions = np.array(game["positions"])[:, None]
        x = positions[-1, 0]
        shown = reveal.value
        plotting.set_walk(mine, land, positions)
        slope = land.gradient([x])[0]
        # Where a step along the slope would land if the ground kept the slope you feel.
        reach = -rate_slider.value * slope
        landing = (x + reach, land.value([x]) + slope * reach)
        ghost.set_data(*np.transpose([landing]))
        # A landing off the map is not drawn (the status says so instead).
        (y_low, y_high) = ax_walk.get_ylim()
        ghost.set_visible(bool(window[0] <= landing[0] <= window[1]
                               and y_low <= landing[1] <= y_high))
        plotting.set_tangent(tangent, land, x, max(np.ptp(window) / 12, 1.15 * abs(reach)))
        plotting.set_losses(my_heights, land.value(positions))
        steps = len(positions) - 1
        run = gradient_descent(land.gradient, positions[0, 0], rate_slider.value, steps,
                               loss=land.value, tolerance=0.0)
        plotting.set_walk(theirs, land, run.path)
        plotting.set_losses(their_heights, run.losses)
        for artist in (profile, *theirs, their_heights):
            artist.set_visible(shown)
        mine.walker.set_visible(shown)  # blindfolded, "where am I" is the tangent itself
        # The step axis grows in jumps (10, 20, 50, 100, ...), not one step a press: a new
        # limit lays out and repaints the whole figure, a kept one only the moving artists.
        ax_height.set_xlim(-0.5, _round_up(steps) + 0.5)
        heights = np.concatenate([land.value(positions), run.losses if shown else []])
        ax_height.set_ylim(plotting.limits_including(heights, (0, top)))
        if not shown:
            status.value = (f"Step {steps}: you feel height <b>{land.value([x]):.2f}</b> and "
                            f"{_feel(slope)}.")
            if not ghost.get_visible():
                status.value += " Following the slope with this η would leave the map."
        else:
            status.value = (
                f"<b>You</b>: {_plural(steps, 'step')}, now at x = {x:.2f}, height "
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

    explorer = Explorer(
        [rate_slider, follow, size_slider, left, right, reveal, new], figure, status, update,
        moving=[profile, tangent, ghost, *mine, *theirs, my_heights, their_heights],
    )
    explorer.on_click(left, lambda _: step(game["positions"][-1] - size_slider.value))
    explorer.on_click(right, lambda _: step(game["positions"][-1] + size_slider.value))
    explorer.on_click(follow, lambda _: step(game["positions"][-1] - rate_slider.value
                                             * land.gradient([game["positions"][-1]])[0]))
    explorer.on_click(new, restart)
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
    x = _within("x", x, *window)
    h = _within("h", h, 1e-3, 3.0)
    x_slider = _float_slider(x, *window, 0.1, "point x")
    h_slider = _rate_slider(h, low=1e-3, high=3.0, description="gap h")

    figure, axes = _figure(4.2, [["curve"]])
    ax = axes["curve"]
    profile = plotting.plot_profile(ax, land)
    tangent = plotting.plot_tangent(ax, land, x, np.ptp(window) / 6)
    (secant,) = ax.plot([], [], color=plotting.COLORS["path"], linewidth=2.5, zorder=4)
    (points,) = ax.plot([], [], "o", color=plotting.COLORS["path"], markersize=10, zorder=5)
    ax.set_xlim(window)
    ax.set_ylim(plotting.limits_including(profile.get_ydata(), (0, 0)))
    status = widgets.HTML()

    def update():
        x0, h = x_slider.value, h_slider.value
        ends = np.array([x0, x0 + h])
        heights = land.value(ends[:, None])
        rise = (heights[1] - heights[0]) / h
        # Extend the secant a little past both points, so its direction reads clearly.
        reach = np.array([x0 - 0.3 * max(h, 1), x0 + h + 0.3 * max(h, 1)])
        secant.set_data(reach, heights[0] + rise * (reach - x0))
        points.set_data(ends, heights)
        plotting.set_tangent(tangent, land, x0, np.ptp(window) / 6)
        # The second point may lie past the window's edge: widen the view to keep it.
        x_limits = plotting.limits_including(ends, window, margin=0.0)
        plotting.set_profile(profile, land, x_limits)
        ax.set_xlim(x_limits)
        ax.set_ylim(plotting.limits_including(profile.get_ydata(), (0, 0)))
        exact = land.gradient([x0])[0]
        status.value = (f"secant slope (f(x + h) − f(x)) / h = <b>{rise:.4f}</b>; "
                        f"tangent slope f′(x) = <b>{exact:.4f}</b>; "
                        f"difference {abs(rise - exact):.2g}")

    return Explorer([x_slider, h_slider], figure, status, update,
                    moving=[tangent, secant, points])


def _line_problem(data):
    """The loss landscape of a data set's line fit, and its least-squares answer."""
    data = as_dataset(data, default=mountain_temperatures)
    return data, mse_landscape(data.x, data.y), np.array(least_squares(data.x, data.y))


def _window_around(path, window):
    """A contour window that holds `window` and every point of `path`."""
    return np.array([plotting.limits_including(path[:, i], window[i], margin=0.04)
                     for i in range(2)])


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
    data, land, best = _line_problem(data)
    start = _pair("start", start, "(m, b)")
    learning_rate = as_positive("learning_rate", learning_rate)
    steps = _within("steps", steps, 1, 10_000, whole=True)
    full = gradient_descent(land.gradient, start, learning_rate, steps, loss=land.value)
    window = _window_around(full.path, land.window)
    hessian = land.hessian
    critical = theory.critical_learning_rate(hessian)

    step_slider = _int_slider(0, 0, full.steps, "steps taken")
    play = widgets.Play(value=0, min=0, max=full.steps, step=1, interval=80,
                        description="play")
    widgets.jslink((play, "value"), (step_slider, "value"))

    figure, axes = _figure(7.0, [["fit", "map"], ["loss", "loss"]], height_ratios=[1.3, 1])
    ax_fit, ax_map, ax_loss = axes["fit"], axes["map"], axes["loss"]
    fit = plotting.plot_fit(ax_fit, data.x, data.y, *start, xlabel=data.x_label,
                            ylabel=data.y_label)
    ax_fit.set_ylim(plotting.limits_including(data.y, (data.y.min(), data.y.max()), 0.15))
    plotting.plot_contours(ax_map, land, window, labels=("slope m", "intercept b"))
    path = plotting.plot_path(ax_map, full.path[:1])
    plotting.plot_losses(ax_loss, full.losses, color="#BBBBBB")
    ax_loss.axhline(land.value(best), color=plotting.COLORS["optimum"], linestyle="--",
                    linewidth=2, label="least squares")
    (now,) = ax_loss.plot([], [], "o", color=plotting.COLORS["path"], markersize=10, zorder=5)
    ax_loss.legend(fontsize=plotting.TICK_SIZE, loc="upper right")
    status = widgets.HTML()

    def update():
        run = full.first(step_slider.value)
        m, b = run.final
        plotting.set_fit(fit, data.x, data.y, m, b)
        plotting.set_path(path, run.path)
        now.set_data([run.steps], [run.losses[-1]])
        gap = np.abs(run.final - best).max()
        status.value = (describe_run(run, theory.regime(hessian, learning_rate), critical)
                        + f" The line: m = {_fixed(m, 3)}, b = {_fixed(b, 3)}, loss"
                        f" {_fixed(run.losses[-1], 4)}; least squares: m = {_fixed(best[0], 3)},"
                        f" b = {_fixed(best[1], 3)} (largest gap {gap:.2g}).")
        return run

    return Explorer([play, step_slider], figure, status, update,
                    moving=[fit.line, fit.residuals, *path, now], hessian=hessian)


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
    data, land, best = _line_problem(data)
    start = _pair("start", start, "(m, b)")
    hessian = land.hessian
    critical = theory.critical_learning_rate(hessian)
    optimal = theory.optimal_learning_rate(hessian)
    low, high = critical / 50, critical * 1.3
    if learning_rate is not None:
        learning_rate = _within("learning_rate", learning_rate, low, high)
    steps = _within("steps", steps, 1, 400, whole=True)
    # Fine notches (×1.0116 each): near the wall a few notches separate zig-zag rates that
    # need very different numbers of steps, and the last notch before the wall from the wall.
    rate_slider = _rate_slider(critical / 2 if learning_rate is None else learning_rate,
                               low=low, high=high, step=0.005)
    steps_slider = _int_slider(steps, 1, 400, "steps")

    # Taller than the fit explorer's: the legend under the sweep says what each regime is.
    figure, axes = _figure(7.8, [["map", "loss"], ["sweep", "sweep"]], height_ratios=[1.2, 1])
    ax_map, ax_loss, ax_sweep = axes["map"], axes["loss"], axes["sweep"]
    contours = [plotting.plot_contours(ax_map, land, labels=("slope m", "intercept b"))]
    path = plotting.plot_path(ax_map, np.array([start]))
    losses = plotting.plot_losses(ax_loss, [land.value(np.array(start))])
    ax_loss.axhline(land.value(best), color=plotting.COLORS["optimum"], linestyle="--",
                    linewidth=2)

    # Steps to converge at every rate: one vectorised sweep, drawn once.
    rates = np.geomspace(low, high, 300)
    sweep = learning_rate_sweep(land.gradient, start, rates, SWEEP_STEPS, tolerance=1e-6)
    needed = np.where(sweep.status == "converged", sweep.steps, np.nan).astype(float)
    none_converge = bool(np.all(np.isnan(needed)))
    # From a start on the answer every rate "converges" in 0 steps, which a log axis cannot
    # show either.
    none_needed = not none_converge and not np.any(needed > 0)
    plotting.plot_regimes(ax_sweep, theory.regime_boundaries(hessian), (low, high),
                          labels=_regime_labels())
    ax_sweep.plot(rates, np.where(needed > 0, needed, np.nan), color=plotting.COLORS["walker"],
                  linewidth=2)
    ax_sweep.axvline(optimal, color=plotting.COLORS["optimum"], linestyle="--", linewidth=2)
    ax_sweep.set_xscale("log")
    ax_sweep.set_yscale("log")
    ax_sweep.set_xlim(low, high)
    if none_converge or none_needed:
        # Badly scaled data: no rate here converges within the budget, so there is no curve
        # (and nothing for a log axis to fit); the axis shows the budget and says so.
        ax_sweep.set_ylim(1, 2 * SWEEP_STEPS)
        plotting.plot_note(ax_sweep, f"no rate here converges within {SWEEP_STEPS:,} steps"
                           if none_converge else "the start is the answer: no step needed")
    # Below the panel, where it hides no part of the curve.
    ax_sweep.legend(fontsize=plotting.TICK_SIZE - 1, loc="upper center", ncols=2,
                    bbox_to_anchor=(0.5, -0.24), frameon=False)
    plotting.style_axes(ax_sweep, xlabel="learning rate η", ylabel="steps to converge")
    (marker,) = ax_sweep.plot([], [], color=plotting.COLORS["tangent"], linewidth=3, zorder=5)
    status = widgets.HTML()

    def update():
        eta = rate_slider.value
        run = gradient_descent(land.gradient, start, eta, steps_slider.value,
                               loss=land.value, tolerance=1e-6)
        window = _window_around(run.path, land.window)
        if not np.allclose(window, [ax_map.get_xlim(), ax_map.get_ylim()]):
            # The walk left the map (it diverges): draw the contours again, wider.
            contours[0].contours.remove()
            contours[0].minima.remove()
            contours[0] = plotting.plot_contours(ax_map, land, window,
                                                 labels=("slope m", "intercept b"))
        plotting.set_path(path, run.path)
        plotting.set_losses(losses, run.losses)
        ax_loss.set_xlim(-0.5, steps_slider.value + 0.5)
        ax_loss.set_ylim(*_log_limits(run.losses, land.value(best)))
        marker.set_data([eta, eta], ax_sweep.get_ylim())
        predicted = theory.contraction(hessian, eta)
        measured = theory.measured_contraction(run.path, best)
        measured = ("not measurable (the walk starts on the answer)" if np.isnan(measured)
                    else f"<b>{_factor(measured)}</b>")
        status.value = (describe_run(run, theory.regime(hessian, eta), critical)
                        + f" Shrink per step: predicted max|1 − ηλ| = <b>{_factor(predicted)}"
                        f"</b>, measured {measured}. Best fixed rate"
                        f" 2/(λmin + λmax) = {optimal:.4g}.")
        if none_converge:
            status.value += " " + _no_rate_converges(hessian)
        return run

    return Explorer([rate_slider, steps_slider], figure, status, update,
                    moving=[*path, losses, marker], hessian=hessian)


def _regime_labels(width=44):
    """Each regime's name and what it looks like on the path, wrapped for a legend."""
    return {name: textwrap.fill(f"{name}: {meaning}", width)
            for name, meaning in theory.REGIME_MEANINGS.items()}


SWEEP_STEPS = 20_000
"""The step budget of the learning-rate explorer's sweep: a rate that needs more is drawn as
not converging."""


def _no_rate_converges(hessian):
    """Why no rate on the learning-rate slider converges: the condition number, in numbers."""
    low, high = theory.curvatures(hessian)
    best = theory.optimal_learning_rate(hessian)
    needed = theory.steps_to_reduce(hessian, best, 1e-6)
    text = (f"<b>No learning rate on the slider converges within {SWEEP_STEPS:,} steps</b>:"
            f" the condition number λmax/λmin is {_amount(high / low)}, so a rate small enough"
            f" for the steepest direction barely moves along the flattest.")
    if np.isfinite(needed):
        text += (f" Even the best rate keeps {_factor(theory.contraction(hessian, best))} of"
                 f" the error each step and needs {_amount(needed)} steps to shrink it a"
                 " millionfold. Rescaling the feature (notebook 05) mends this.")
    return text


def _log_limits(values, floor):
    """Log-axis limits holding the positive `values` and the `floor` line, a little beyond.

    A floor of 0 (data that a line fits exactly) has no place on a log axis: then the
    losses alone set the limits, falling as far as rounding lets them.
    """
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values) & (values > 0)]
    shown = np.concatenate([values, [floor] if floor > 0 else []])
    if not shown.size:  # every loss is 0: the walk started on an exact fit
        return 0.1, 10.0
    return shown.min() / 1.5, shown.max() * 1.5


def basins_explorer(landscape=None, learning_rate=0.01, steps=200, resolution=90):
    """Start gradient descent from every point of a grid and colour each by where it ends.

    The coloured regions are the basins of attraction: every start in one colour reaches the
    valley starred in that colour. Pale grey marks starts that reached no valley within the
    steps, still on their way, or flung away by too large a learning rate.

    Parameters
    ----------
    landscape : Landscape, optional
        A 2-D landscape with several minima; :func:`gdcore.valleys` by default.
    learning_rate : float, default 0.01
    steps : int, default 200
    resolution : int, default 90
        Starts along each side of the grid.

    Returns
    -------
    Explorer
    """
    land = valleys() if landscape is None else landscape
    if not isinstance(land, Landscape) or land.dimension != 2:
        raise TypeError("landscape must be a 2-D Landscape, such as gdcore.valleys()")
    if not len(land.minima):
        raise ValueError("landscape must name at least one minimum: the basins are coloured"
                         " by the minimum each start reaches")
    learning_rate = _within("learning_rate", learning_rate, 1e-3, 0.25)
    steps = _within("steps", steps, 1, 500, whole=True)
    resolution = _within("resolution", resolution, 2, 400, whole=True)
    rate_slider = _rate_slider(learning_rate, low=1e-3, high=0.25)
    steps_slider = _int_slider(steps, 1, 500, "steps")
    sides = [np.linspace(*land.window[i], resolution) for i in range(2)]
    grid = np.stack(np.meshgrid(*sides), axis=-1)

    figure, axes = _figure(6.4, [["map"]])
    ax = axes["map"]
    plotting.plot_contours(ax, land)
    image = plotting.plot_basins(ax, land, np.full((resolution, resolution), -1))
    ax.set_aspect("equal")
    status = widgets.HTML()

    def update():
        labels = basins(land, grid, rate_slider.value, steps_slider.value)
        image.set_data(labels)
        shares = [np.mean(labels == k) for k in range(-1, len(land.minima))]
        parts = [f"<b style='color:{plotting.VALLEY_COLORS[k]}'>■</b> {_percent(share)}"
                 for k, share in enumerate(shares[1:])]
        status.value = (f"η = {rate_slider.value:.3g}, {_plural(steps_slider.value, 'step')}:"
                        f" starts per valley {', '.join(parts)}; reached none:"
                        f" {_percent(shares[0])}.")
        return None

    return Explorer([rate_slider, steps_slider], figure, status, update, moving=[image])


def scaling_explorer(data=None, unit=1000.0, steps=100):
    """Change the unit of the feature, or standardise it, and watch the bowl change shape.

    The feature (altitude in km by default) is multiplied by `unit` (1000 turns km into m),
    or standardised to mean 0 and standard deviation 1. The loss contours over (m, b) are
    drawn around the least-squares answer with the walk of gradient descent at the best
    fixed rate; the status gives the condition number, the wall, the best rate, and the
    steps the theory predicts to shrink the error a millionfold.

    Parameters
    ----------
    data : Dataset, optional
        :func:`gdcore.mountain_temperatures` by default.
    unit : float, default 1000
        The factor the feature is multiplied by.
    steps : int, default 100

    Returns
    -------
    Explorer
    """
    data = as_dataset(data, default=mountain_temperatures)
    unit = _within("unit", unit, 1e-2, 1e4)
    steps = _within("steps", steps, 0, 10_000, whole=True)
    unit_slider = _rate_slider(unit, low=1e-2, high=1e4, description="feature × ")
    unit_slider.continuous_update = False  # each move redraws the whole map
    standard = widgets.Checkbox(value=False, description="standardise the feature",
                                indent=False)
    figure, axes = _figure(5.6, [["map"]])
    ax = axes["map"]
    drawn = []
    status = widgets.HTML()

    def update():
        if standard.value:
            feature, name = standardize(data.x)[0], "standardised feature"
        else:
            feature, name = data.x * unit_slider.value, f"feature × {unit_slider.value:.3g}"
        land = mse_landscape(feature, data.y)
        hessian = land.hessian
        best_rate = theory.optimal_learning_rate(hessian)
        run = gradient_descent(land.gradient, [0.0, 0.0], best_rate, steps, loss=land.value)
        for artist in drawn:
            artist.remove()
        window = _window_around(run.path, land.window)
        contours = plotting.plot_contours(ax, land, window, labels=("slope m", "intercept b"))
        path = plotting.plot_path(ax, run.path)
        drawn[:] = [contours.contours, contours.minima, *path]
        ax.set_title(name, fontsize=plotting.TITLE_SIZE)
        low, high = theory.curvatures(hessian)
        predicted = theory.steps_to_reduce(hessian, best_rate, 1e-6)
        shrink = theory.contraction(hessian, best_rate)
        condition = f"{high / low:,.1f}" if high / low < 1e6 else _amount(high / low)
        wall, best_text = f"{2 / high:.3g}", f"{best_rate:.3g}"
        if wall == best_text:  # κ so large that the two agree to three digits: say how close
            best_text += f" (below the wall by a fraction {low / (low + high):.2g} of it)"
        text = (f"Condition number <b>{condition}</b>; the wall at η = {wall}; the best"
                f" rate η = {best_text} ")
        if shrink < 1e-12:  # a round bowl: one step at the best rate lands on the bottom
            text += "removes the whole error in <b>1 step</b>. "
        elif shrink >= 1:
            text += ("cannot shrink the error at all: in floating point 1 − 2/(κ + 1) rounds"
                     " to 1. ")
        else:
            text += (f"keeps at most {_factor(shrink)} of the error each step, so shrinking it"
                     f" a millionfold needs <b>{_amount(predicted)} steps</b>. ")
        status.value = text + describe_run(run)
        return run

    return Explorer([unit_slider, standard], figure, status, update, moving=[])


def polynomial_explorer(degree=3, steps=3000):
    """Fit polynomials of any degree to a wavy curve, by least squares and by descent.

    A polynomial is linear in its weights, so the same gradient fits it. Left, the training
    points (blue), fresh points from the same curve held out for testing (grey), the
    least-squares polynomial (green, dashed) and gradient descent's after the chosen steps
    (vermillion), on standardised powers of x. Right, the error on the training points and on the
    held-out points for every degree, with the chosen one marked.

    Parameters
    ----------
    degree : int, default 3
    steps : int, default 3000

    Returns
    -------
    Explorer
    """
    degree = _within("degree", degree, 1, 12, whole=True)
    steps = _within("steps", steps, 0, 20_000, whole=True)
    train, test = wavy_curve(15, noise=0.2, seed=0), wavy_curve(100, noise=0.2, seed=1)
    degree_slider = _int_slider(degree, 1, 12, "degree")
    steps_slider = _int_slider(steps, 0, 20_000, "descent steps")
    steps_slider.step = 500
    steps_slider.continuous_update = False  # each move runs the whole descent again

    def design(x, d):
        # Powers of x, each column rescaled by the training points' statistics.
        raw = polynomial_features(train.x, d)[:, 1:]
        _, mean, scale = standardize(raw)
        return np.column_stack([np.ones(len(x)), (polynomial_features(x, d)[:, 1:] - mean)
                                / scale])

    degrees = np.arange(1, degree_slider.max + 1)
    errors = np.array([[linear_mse(linear_least_squares(design(train.x, d), train.y),
                                   design(points.x, d), points.y) for points in (train, test)]
                       for d in degrees])

    figure, axes = _figure(4.4, [["fit", "errors"]], width_ratios=[1.5, 1])
    ax_fit, ax_err = axes["fit"], axes["errors"]
    ax_fit.scatter(test.x, test.y, s=12, color="#AAAAAA", label="held out")
    ax_fit.scatter(train.x, train.y, s=45, color=plotting.COLORS["data"], zorder=3,
                   edgecolor="white", label="training")
    curve_x = np.linspace(-3, 3, 300)
    (exact,) = ax_fit.plot([], [], "--", color=plotting.COLORS["optimum"], linewidth=2.5,
                          label="least squares")
    (walked,) = ax_fit.plot([], [], color=plotting.COLORS["path"], linewidth=2.5,
                           label="descent")
    ax_fit.set_ylim(plotting.limits_including(test.y, (test.y.min(), test.y.max()), 0.3))
    ax_fit.legend(fontsize=plotting.TICK_SIZE - 2, loc="upper left", ncols=2)
    plotting.style_axes(ax_fit, xlabel="x", ylabel="y")
    ax_err.semilogy(degrees, errors[:, 0], "-o", color=plotting.COLORS["data"],
                    label="training")
    ax_err.semilogy(degrees, errors[:, 1], "-o", color="#777777", label="held out")
    (marker,) = ax_err.plot([], [], "o", markersize=16, markerfacecolor="none",
                            markeredgecolor=plotting.COLORS["path"], markeredgewidth=3)
    ax_err.legend(fontsize=plotting.TICK_SIZE - 2)
    plotting.style_axes(ax_err, xlabel="degree", ylabel="mean squared error")
    ax_err.set_xticks(degrees)  # a degree is a whole number: no ticks at 2.5, 7.5, ...
    status = widgets.HTML()

    def update():
        d = degree_slider.value
        X = design(train.x, d)
        hessian = linear_mse_hessian(X)
        best = linear_least_squares(X, train.y)
        run = gradient_descent(lambda w: linear_mse_gradient(w, X, train.y), np.zeros(d + 1),
                               theory.optimal_learning_rate(hessian), steps_slider.value,
                               loss=lambda w: linear_mse(w, X, train.y))
        curve = design(curve_x, d)
        exact.set_data(curve_x, curve @ best)
        walked.set_data(curve_x, curve @ run.final)
        marker.set_data([d], [errors[d - 1, 1]])
        low, high = theory.curvatures(hessian)
        status.value = (
            f"Degree {d}: {d + 1} weights, condition number {_amount(high / low)}. Least"
            f" squares: training error {_fixed(errors[d - 1, 0], 3)}, held-out error"
            f" {_fixed(errors[d - 1, 1], 3)}. Descent after {_plural(run.steps, 'step')}:"
            f" training error {_fixed(run.losses[-1], 3)}."
        )
        return run

    return Explorer([degree_slider, steps_slider], figure, status, update,
                    moving=[exact, walked, marker])


def _on_the_map(path, window, reach=4.0):
    """The leading part of `path` that stays within `window` widened `reach` times.

    A diverging walk flies off to a million times its start; a map wide enough to hold all
    of it would shrink everything else to a dot. It is drawn until it leaves this wider box,
    which is far enough to see it spiral outwards.
    """
    centre, half = window.mean(axis=1), reach * np.ptp(window, axis=1) / 2
    inside = np.all(np.abs(path - centre) <= half, axis=1)
    return path if inside.all() else path[: max(int(np.argmin(inside)), 1)]


def _target(ax, point):
    """A star on the minimum, to be listed last among an explorer's moving artists.

    Moving artists are painted over the background, where the contour map's own star lies;
    a walk that ends on the minimum would hide it. This one is painted after the walk.
    """
    (star,) = ax.plot(*point, "*", color=plotting.COLORS["optimum"], markersize=20,
                      markeredgecolor="white", zorder=6)
    return star


def _decade_limits(values, floor=1e-20):
    """Log-axis limits at whole powers of ten around the positive `values`.

    Whole decades change only when the values cross one, so a dragged slider rarely moves
    the axis, and the figure keeps its background (see Explorer.refresh). A line never ends
    within a factor of 3 of an edge, where it would look cut off.
    """
    values = np.maximum(np.asarray(values, dtype=float), floor)
    low, high = np.floor(np.log10([values.min() / 3, values.max() * 3]))
    return 10.0**low, 10.0 ** (high + 1)


def _round_up(count):
    """The least of 10, 20, 50, 100, 200, ... that is at least `count`: a steady axis end."""
    ends = (mantissa * 10**power for power in itertools.count(1) for mantissa in (1, 2, 5))
    return next(end for end in ends if end >= count)


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
    data, land, best = _line_problem(data)
    n = len(data.x)
    start = _pair("start", start, "(m, b)")
    batch_size = _within("batch_size", min(4, n) if batch_size is None else batch_size, 1, n,
                         whole=True)
    learning_rate = _within("learning_rate", learning_rate, 0.003, 0.3)
    decay = _within("decay", decay, 0.0, 1.0)
    epochs = _within("epochs", epochs, 1, 1000, whole=True)
    seed = as_count("seed", seed)
    batch_gradient = mse_batch_gradient(data.x, data.y)
    floor = land.value(best)
    # Data that a line fits exactly has a least-squares loss of 0, or of rounding error:
    # no floor a log axis can draw. The losses alone then set the axis.
    exact = floor <= 1e-12 * max(land.value(start), 1e-300)

    batch_slider = _int_slider(batch_size, 1, n, "batch size")
    rate_slider = _rate_slider(learning_rate, low=0.003, high=0.3)
    decay_slider = _float_slider(decay, 0.0, 1.0, 0.05, "decay")

    figure, axes = _figure(4.8, [["map", "loss"]], width_ratios=[1, 1.1])
    ax_map, ax_loss = axes["map"], axes["loss"]
    contours = [plotting.plot_contours(ax_map, land, labels=("slope m", "intercept b"))]
    path = plotting.plot_path(ax_map, start[None, :])
    path.steps.set(linewidth=1, markersize=2)  # hundreds of small steps: keep them fine
    target = _target(ax_map, best)
    if not exact:
        ax_loss.axhline(floor, color=plotting.COLORS["optimum"], linestyle="--", linewidth=2,
                        label="least squares")
    (each_step,) = ax_loss.plot([], [], color="#AAAAAA", linewidth=1.2,
                                label="after each step")
    (each_epoch,) = ax_loss.plot([], [], "-o", color=plotting.COLORS["path"], linewidth=2.5,
                                 markersize=5, label="after each epoch")
    ax_loss.set_ylim(1e-3, 1)  # for now: a log axis has no room for a loss of 0
    ax_loss.set_yscale("log")
    ax_loss.set_xlim(-0.5, epochs + 0.5)
    ax_loss.legend(fontsize=plotting.TICK_SIZE, loc="upper right")
    plotting.style_axes(ax_loss, xlabel="epochs (passes through the data)", ylabel="loss")
    status = widgets.HTML()

    def update():
        size, eta, slowing = batch_slider.value, rate_slider.value, decay_slider.value
        run = stochastic_descent(batch_gradient, start, eta, n, batch_size=size, epochs=epochs,
                                 decay=slowing, seed=seed)
        # The loss along the whole path in one vectorised call, instead of one call per step.
        with np.errstate(over="ignore"):
            losses = land.value(run.path)
        run = dataclasses.replace(run, losses=losses)
        shown = _on_the_map(run.path, land.window)
        window = _window_around(shown, land.window)
        if not np.allclose(window, [ax_map.get_xlim(), ax_map.get_ylim()]):
            contours[0].contours.remove()
            contours[0].minima.remove()
            contours[0] = plotting.plot_contours(ax_map, land, window,
                                                 labels=("slope m", "intercept b"))
        plotting.set_path(path, shown)

        per_epoch = -(-n // size)  # steps in an epoch: ceil(n / size)
        each_step.set_data(np.arange(len(losses)) / per_epoch, losses)
        ends = np.concatenate([[0], run.epoch_ends])
        each_epoch.set_data(ends / per_epoch, losses[ends])
        # The floor stays put at half the least-squares loss; the top moves by whole decades.
        # Without a floor (an exact fit), the bottom moves by whole decades too.
        bottom, top = _decade_limits(losses)
        ax_loss.set_ylim(bottom if exact else floor / 2, top)

        distance = np.linalg.norm(run.path - best, axis=1)
        text = f"Batch size {size}: {_plural(per_epoch, 'step')} per epoch. "
        if run.status == "diverged":
            text += (f"<b>Diverged at step {run.steps}</b>, in epoch {len(run.epoch_ends) + 1}:"
                     " each step overshoots further.")
        else:
            last_epoch = distance[ends[-2]:] if len(ends) > 1 else distance
            text += (f"<b>{_plural(run.steps, 'step')} in {_plural(epochs, 'epoch')}</b>; the"
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

    return Explorer([batch_slider, rate_slider, decay_slider], figure, status, update,
                    moving=[*path, each_step, each_epoch, target])


def _compare_steps(plain, ball):
    """How many steps momentum saved or cost, as a sentence that is true when read aloud.

    A ratio rounded to one decimal calls 104 steps against 100 "1.0× more"; below a ratio
    of 2 the difference is given in steps instead.
    """
    if ball == plain:
        return " Both needed the same number of steps."
    fewer, more = sorted((plain, ball))
    difference = _plural(more - fewer, f"{'fewer' if ball < plain else 'more'} step")
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
    heavy ball (:func:`gdcore.momentum_descent`) also carries a share β of its last step:

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
        How much steeper the bowl is across than along (see :func:`gdcore.bowl`).
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
    condition_number = as_number("condition_number", condition_number)
    if condition_number < 1:
        raise ValueError("condition_number must be at least 1 (how many times steeper the bowl"
                         f" is across than along), got {condition_number:g}")
    land = bowl(condition_number)
    critical = theory.critical_learning_rate(land.hessian)
    start = _pair("start", start, "(w₁, w₂)")
    if learning_rate is not None:
        learning_rate = _within("learning_rate", learning_rate, critical / 20, 2 * critical)
    momentum = _within("momentum", momentum, 0.0, 0.99)
    steps = _within("steps", steps, 1, 100_000, whole=True)
    # The valley floor and a band across it, not the bowl's square window: the zig-zags
    # across a narrow valley are the point, so they get the height of the map.
    base = _window_around(start[None, :], np.array([[-3.0, 3.0], [-1.2, 1.2]]))
    beta_slider = _float_slider(momentum, 0.0, 0.99, 0.05, "momentum β")
    rate_slider = _rate_slider(0.95 * critical if learning_rate is None else learning_rate,
                               low=critical / 20, high=2 * critical)

    figure, axes = _figure(4.8, [["map", "loss"]], width_ratios=[1.25, 1])
    ax_map, ax_loss = axes["map"], axes["loss"]
    contours = [plotting.plot_contours(ax_map, land, base)]
    colors = {"plain": plotting.COLORS["other"], "ball": plotting.COLORS["path"]}
    labels = {"plain": "plain descent", "ball": "with momentum"}
    paths = {kind: plotting.plot_path(ax_map, start[None, :], color=colors[kind])
             for kind in ("plain", "ball")}
    for kind, drawn in paths.items():
        drawn.steps.set(linewidth=1.4, markersize=3, label=labels[kind])
    target = _target(ax_map, land.minima[0])
    # Above the map, where no path can run under it; the loss panel uses the same colours.
    ax_map.legend(fontsize=plotting.TICK_SIZE, loc="lower left", bbox_to_anchor=(0, 1.01),
                  ncols=2, frameon=False, borderaxespad=0)
    lines = {kind: ax_loss.plot([], [], color=colors[kind], linewidth=2.2)[0]
             for kind in ("plain", "ball")}
    ax_loss.set_yscale("log")
    plotting.style_axes(ax_loss, xlabel="step", ylabel="loss")
    status = widgets.HTML()

    def update():
        beta, eta = beta_slider.value, rate_slider.value
        runs = {
            "plain": gradient_descent(land.gradient, start, eta, steps, loss=land.value),
            "ball": momentum_descent(land.gradient, start, eta, beta, steps, loss=land.value),
        }
        shown = {kind: _on_the_map(run.path, base) for kind, run in runs.items()}
        window = _window_around(np.concatenate(list(shown.values())), base)
        if not np.allclose(window, [ax_map.get_xlim(), ax_map.get_ylim()]):
            contours[0].contours.remove()
            contours[0].minima.remove()
            contours[0] = plotting.plot_contours(ax_map, land, window)
        for kind, run in runs.items():
            plotting.set_path(paths[kind], shown[kind])
            plotting.set_losses(lines[kind], np.maximum(run.losses, 1e-20))
        longest = max(run.steps for run in runs.values())
        ax_loss.set_xlim(0, _round_up(longest))
        ax_loss.set_ylim(*_decade_limits(np.concatenate([r.losses for r in runs.values()])))

        def ending(run):
            if run.status == "converged":
                return f"<b>converged in {_plural(run.steps, 'step')}</b>"
            if run.status == "diverged":
                return f"<b>diverged</b> at step {run.steps}"
            return f"<b>still on its way after {_plural(run.steps, 'step')}</b>"

        plain, ball = runs["plain"], runs["ball"]
        text = (f"η = {eta:.3g} (plain descent's wall: 2/λmax = {critical:.3g}). Plain descent"
                f" {ending(plain)}; with momentum β = {beta:.2f}, {ending(ball)}.")
        if plain.status == ball.status == "converged":
            text += _compare_steps(plain.steps, ball.steps)
        elif ball.status == "converged":
            text += " Only the heavy ball arrived."
        elif plain.status == "converged":
            text += " Only plain descent arrived."
        status.value = text
        return ball

    return Explorer([beta_slider, rate_slider], figure, status, update,
                    moving=[*paths["plain"], *paths["ball"], *lines.values(), target])
