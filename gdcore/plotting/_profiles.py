"""One dimension: a mountain's profile, the tangent and a secant, and a walk down it."""

from typing import NamedTuple

import numpy as np

from ._style import COLORS, _rescaled, style_axes

__all__ = [
    "plot_profile",
    "plot_secant",
    "plot_tangent",
    "plot_walk",
    "set_profile",
    "set_secant",
    "set_tangent",
    "set_walk",
]


def set_profile(line, landscape, limits):
    """Redraw a 1-D landscape's curve over the x-interval `limits`."""
    x = np.linspace(*limits, 400)
    line.set_data(x, landscape.value(x[:, None]))
    return line


def plot_profile(ax, landscape, limits=None):
    """Draw a 1-D landscape as a curve; returns the Line2D.

    Examples
    --------
    >>> import matplotlib.figure
    >>> ax = matplotlib.figure.Figure().add_subplot()
    >>> from gdcore import mountain_profile
    >>> plot_profile(ax, mountain_profile()).get_xydata().shape
    (400, 2)
    """
    (line,) = ax.plot([], [], color=COLORS["landscape"], linewidth=2.5)
    set_profile(line, landscape, landscape.window[0] if limits is None else limits)
    style_axes(ax, xlabel="position x", ylabel="height f(x)")
    return _rescaled(ax, line)


def set_tangent(line, landscape, x, half_width):
    """Move a tangent line to touch the landscape at `x`."""
    height = landscape.value([x])
    slope = landscape.gradient([x])[0]
    xs = np.array([x - half_width, x + half_width])
    line.set_data(xs, height + slope * (xs - x))
    return line


def plot_tangent(ax, landscape, x, half_width=None):
    """Draw the tangent to a 1-D landscape at `x`: the slope the hiker feels; returns it.

    Parameters
    ----------
    half_width : float, optional
        How far the segment reaches either side of `x`; a tenth of the window by default.
    """
    if half_width is None:
        half_width = np.ptp(landscape.window[0]) / 10
    (line,) = ax.plot([], [], color=COLORS["tangent"], linewidth=3, solid_capstyle="round")
    return _rescaled(ax, set_tangent(line, landscape, x, half_width))


class Secant(NamedTuple):
    """The artists of a secant."""

    line: object  # Line2D through both points, reaching a little past them
    points: object  # Line2D, the two points (x, f(x)) and (x + h, f(x + h))


def set_secant(secant, landscape, x, h, reach=None):
    """Move a secant to run through the landscape at `x` and `x + h`, and `reach` past both
    (0.3 of the gap, or of 1 when the gap is smaller, by default)."""
    reach = 0.3 * max(h, 1) if reach is None else reach
    ends = np.array([x, x + h])
    heights = landscape.value(ends[:, None])
    rise = (heights[1] - heights[0]) / h
    across = np.array([x - reach, x + h + reach])
    secant.line.set_data(across, heights[0] + rise * (across - x))
    secant.points.set_data(ends, heights)
    return secant


def plot_secant(ax, landscape, x, h, *, reach=None, label=None, alpha=1.0):
    """Draw the secant through the landscape at `x` and `x + h`, with both points; returns them.

    Its slope, (f(x + h) − f(x)) / h, turns into the tangent's as `h` shrinks.
    """
    color = COLORS["path"]
    secant = Secant(
        ax.plot([], [], color=color, linewidth=2.5, alpha=alpha, label=label, zorder=4)[0],
        ax.plot([], [], "o", color=color, markersize=10, alpha=alpha, zorder=5)[0],
    )
    set_secant(secant, landscape, x, h, reach)
    return _rescaled(ax, secant)


class Walk(NamedTuple):
    """The artists of a walk on a 1-D landscape."""

    steps: object  # Line2D through every visited point
    start: object  # Line2D, one hollow marker
    walker: object  # Line2D, one marker where the walk now stands


def set_walk(walk, landscape, path):
    """Move a drawn walk to a new path, shape (k + 1, 1)."""
    x = np.asarray(path, dtype=float)[:, 0]
    heights = landscape.value(x[:, None])
    walk.steps.set_data(x, heights)
    walk.start.set_data(x[:1], heights[:1])
    walk.walker.set_data(x[-1:], heights[-1:])
    return walk


def plot_walk(ax, landscape, path, color=None):
    """Draw a walk on a 1-D landscape: each step as a chord, the start, and the walker.

    A chord that crosses the valley shows a step that jumped over it.
    """
    color = COLORS["path"] if color is None else color
    walk = Walk(
        ax.plot([], [], "-o", color=color, linewidth=1.5, markersize=6, alpha=0.85)[0],
        ax.plot([], [], "o", color=color, markersize=11, markerfacecolor="white",
                markeredgewidth=2.5)[0],
        ax.plot([], [], "o", color=color, markeredgecolor=COLORS["walker"], markersize=14,
                markeredgewidth=2.5, zorder=5)[0],
    )
    return _rescaled(ax, set_walk(walk, landscape, path))
