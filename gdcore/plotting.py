"""Drawing functions: each takes an ``ax``, draws one thing and returns what it drew.

Explorers keep the returned artists and change their data when a slider moves, so every
``plot_<what>`` has a ``set_<what>`` twin that refills the same artists; ``plot_<what>`` is
"create empty artists, then ``set_<what>``". Nothing here touches matplotlib's global state:
sizes and colours are passed to each call.
"""

from typing import NamedTuple

import matplotlib
import matplotlib.colors
import numpy as np
from matplotlib.collections import LineCollection

__all__ = [
    "COLORS",
    "REGIME_COLORS",
    "VALLEY_COLORS",
    "basin_colors",
    "limits_including",
    "plot_basins",
    "plot_contours",
    "plot_fit",
    "plot_gradient",
    "plot_losses",
    "plot_note",
    "plot_path",
    "plot_profile",
    "plot_regimes",
    "plot_surface",
    "plot_tangent",
    "plot_walk",
    "set_fit",
    "set_losses",
    "set_path",
    "set_profile",
    "set_tangent",
    "set_walk",
    "style_axes",
]

# Okabe and Ito's palette, which readers with any common colour-vision deficiency can tell
# apart; each role in the lessons has one colour.
COLORS = {
    "landscape": "#4D4D4D",
    "path": "#D55E00",  # vermillion
    "walker": "#000000",
    "tangent": "#0072B2",  # blue
    "optimum": "#009E73",  # bluish green
    "data": "#0072B2",
    "fit": "#D55E00",
    "residual": "#E69F00",  # orange
    "other": "#CC79A7",  # reddish purple, for a second walker
}
# One colour per regime of gdcore.theory.REGIMES (plotting imports nothing from the maths, so
# the names are written out; a test checks they are the same).
REGIME_COLORS = {
    "crawl": "#56B4E9",  # sky blue
    "smooth": "#009E73",  # bluish green
    "zig-zag": "#E69F00",  # orange
    "diverging": "#D55E00",  # vermillion
}

# Large enough to read from the back of a classroom.
LABEL_SIZE, TITLE_SIZE, TICK_SIZE = 14, 15, 12


def style_axes(ax, *, xlabel=None, ylabel=None, title=None):
    """Label an axes with projector-sized text and a light grid; returns the axes."""
    if xlabel is not None:
        ax.set_xlabel(xlabel, fontsize=LABEL_SIZE)
    if ylabel is not None:
        ax.set_ylabel(ylabel, fontsize=LABEL_SIZE)
    if title is not None:
        ax.set_title(title, fontsize=TITLE_SIZE)
    ax.tick_params(labelsize=TICK_SIZE)
    ax.grid(True, color="#DDDDDD", linewidth=0.8)
    ax.set_axisbelow(True)
    return ax


def _rescaled(ax, artists):
    """Fit the axes' limits to everything drawn so far (set_data does not); pass artists on."""
    ax.relim()
    ax.autoscale_view()
    return artists


def limits_including(values, base, margin=0.06):
    """Axis limits that hold the interval `base` and every finite value, with a margin.

    Used so that a walk that leaves the usual window, diverging say, stays in view instead
    of running off the edge.

    Examples
    --------
    >>> limits_including([-1.0, 3.0], (0.0, 2.0), margin=0.0)
    (-1.0, 3.0)
    """
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values)]
    low = min(base[0], values.min()) if values.size else base[0]
    high = max(base[1], values.max()) if values.size else base[1]
    pad = margin * (high - low)
    return float(low - pad), float(high + pad)


# --- one dimension: the mountain profile, the tangent, the walk ---------------------------


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


def set_losses(line, losses):
    """Give a loss-per-step line new values (the x-axis counts steps from 0)."""
    losses = np.asarray(losses, dtype=float)
    line.set_data(np.arange(len(losses)), losses)
    return line


def plot_losses(ax, losses, *, log=True, label=None, color=None, ylabel="loss"):
    """Draw the loss at each step, on a log scale by default; returns the Line2D.

    On a log scale a steady shrink by the same factor each step is a straight line, so the
    slope of the line is the contraction per step.
    """
    (line,) = ax.plot([], [], "-o", markersize=3, linewidth=2, label=label,
                      color=COLORS["path"] if color is None else color)
    set_losses(line, losses)
    style_axes(ax, xlabel="step", ylabel=ylabel)
    if log and not np.any(np.asarray(losses, dtype=float) > 0):
        # Every loss is 0 (a start on an exact fit): a log axis has nothing to fit its limits
        # to, so it gets fixed ones, set first, so that it never tries.
        ax.set_ylim(0.1, 10)
        ax.set_yscale("log")
        return line
    if log:
        ax.set_yscale("log")
    return _rescaled(ax, line)


def plot_note(ax, text):
    """Write a short note across the middle of an axes, where a curve would be when there
    is none to draw (say why); returns the Text."""
    return ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center",
                   fontsize=LABEL_SIZE, color=COLORS["landscape"], zorder=8,
                   bbox={"facecolor": "white", "edgecolor": "#BBBBBB",
                         "boxstyle": "round,pad=0.5"})


# --- the learning-rate axis, coloured by regime --------------------------------------------


def plot_regimes(ax, boundaries, limits, labels=None):
    """Colour the learning-rate axis of `ax` by regime and draw the wall; returns the bands.

    Parameters
    ----------
    ax : Axes
        Its x-axis is the learning rate.
    boundaries : (float, float, float)
        Where the regime changes, as :func:`gdcore.regime_boundaries` gives them: the end of
        the crawl, the start of the zig-zag, and the wall.
    limits : (float, float)
        The learning rates the axis shows; a band outside them is not drawn.
    labels : dict, optional
        The legend's text for each regime; its name by default.

    Returns
    -------
    dict
        The band (a Polygon) of each regime drawn, keyed by the names of
        :data:`REGIME_COLORS`, in order. The diverging band is hatched as well as coloured,
        so that it is told from the zig-zag next to it without colour; the wall, where it
        starts, is a solid line in the same vermillion.
    """
    edges = np.clip([limits[0], *boundaries, limits[1]], *limits)
    bands = {}
    for name, left, right in zip(REGIME_COLORS, edges[:-1], edges[1:], strict=True):
        if right <= left:
            continue
        hatch = {"hatch": "//", "edgecolor": REGIME_COLORS[name]} if name == "diverging" else {}
        bands[name] = ax.axvspan(left, right, facecolor=matplotlib.colors.to_rgba(
            REGIME_COLORS[name], 0.25), linewidth=0, label=(labels or {}).get(name, name),
            **hatch)
    if limits[0] <= boundaries[-1] <= limits[1]:
        ax.axvline(boundaries[-1], color=REGIME_COLORS["diverging"], linewidth=2.5)
    ax.set_xlim(*limits)
    return bands


# --- two dimensions: contours and a path -------------------------------------------------


def _grid(window, resolution):
    (u0, u1), (v0, v1) = window
    U, V = np.meshgrid(np.linspace(u0, u1, resolution), np.linspace(v0, v1, resolution))
    return U, V


class Contours(NamedTuple):
    """The artists of a contour map."""

    contours: object  # QuadContourSet
    minima: object  # Line2D of star markers


def plot_contours(ax, landscape, window=None, *, levels=14, resolution=160,
                  labels=("w₁", "w₂")):
    """Draw a 2-D landscape as contour lines with its minima starred; returns both.

    The levels are spaced geometrically above the lowest value, so that the rings near the
    bottom of a bowl show as clearly as the steep walls.
    """
    window = landscape.window if window is None else np.asarray(window, dtype=float)
    U, V = _grid(window, resolution)
    Z = landscape.value(np.stack([U, V], axis=-1))
    # A landscape may know no minimum (a slice through a surface, say): then the lowest
    # point drawn is the floor the rings are counted from.
    floor = landscape.value(landscape.minima).min() if len(landscape.minima) else Z.min()
    spread = max(Z.max() - floor, 1e-12)
    heights = floor + spread * np.geomspace(1e-3, 1, levels)
    # One colour per ring, dark at the bottom, so that colour counts rings, not raw height.
    colors = matplotlib.colormaps["viridis"](np.linspace(0, 0.9, levels))
    contours = ax.contour(U, V, Z, levels=heights, colors=colors, linewidths=1.2)
    (minima,) = ax.plot(*landscape.minima.T, "*", color=COLORS["optimum"], markersize=20,
                        markeredgecolor="white", zorder=6)
    ax.set_xlim(window[0])
    ax.set_ylim(window[1])
    style_axes(ax, xlabel=labels[0], ylabel=labels[1])
    return Contours(contours, minima)


class Path2D(NamedTuple):
    """The artists of a path over a contour map."""

    steps: object  # Line2D through every visited point
    start: object  # Line2D, one hollow marker
    end: object  # Line2D, one filled marker


def set_path(path_artists, path):
    """Move a drawn 2-D path to new points, shape (k + 1, 2)."""
    path = np.asarray(path, dtype=float)
    path_artists.steps.set_data(path[:, 0], path[:, 1])
    path_artists.start.set_data(path[:1, 0], path[:1, 1])
    path_artists.end.set_data(path[-1:, 0], path[-1:, 1])
    return path_artists


def plot_path(ax, path, color=None):
    """Draw a descent path over a 2-D map: the steps, the start (hollow) and the end."""
    color = COLORS["path"] if color is None else color
    artists = Path2D(
        ax.plot([], [], "-o", color=color, linewidth=1.8, markersize=4, zorder=4)[0],
        ax.plot([], [], "o", color=color, markersize=10, markerfacecolor="white",
                markeredgewidth=2.5, zorder=5)[0],
        ax.plot([], [], "o", color=color, markersize=10, zorder=5)[0],
    )
    return set_path(artists, path)


# --- data and a fitted line --------------------------------------------------------------


class Fit(NamedTuple):
    """The artists of data with a line and its residuals."""

    points: object  # PathCollection of the data
    line: object  # Line2D of the fitted line
    residuals: object  # LineCollection, one segment from each point to the line


def set_fit(fit, x, y, m, b):
    """Move a drawn line (and its residuals) to slope `m` and intercept `b`."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    ends = np.array([x.min(), x.max()])
    ends = ends + np.array([-1, 1]) * 0.05 * np.ptp(ends)
    fit.line.set_data(ends, m * ends + b)
    fit.residuals.set_segments(np.stack([np.column_stack([x, y]),
                                         np.column_stack([x, m * x + b])], axis=1))
    return fit


def plot_fit(ax, x, y, m, b, *, xlabel="x", ylabel="y"):
    """Draw data points, the line y = m x + b, and each point's residual to the line."""
    residuals = LineCollection([], colors=COLORS["residual"], linewidths=2, zorder=2)
    ax.add_collection(residuals)
    fit = Fit(
        ax.scatter(x, y, s=45, color=COLORS["data"], zorder=3, edgecolor="white"),
        ax.plot([], [], color=COLORS["fit"], linewidth=2.5, zorder=4)[0],
        residuals,
    )
    set_fit(fit, x, y, m, b)
    style_axes(ax, xlabel=xlabel, ylabel=ylabel)
    return fit


# --- two dimensions in perspective, and the gradient as an arrow ------------------------------


def plot_surface(ax, landscape, window=None, *, resolution=60, labels=("w₁", "w₂"),
                 zlabel="height"):
    """Draw a 2-D landscape as a shaded surface on a 3-D axes; returns the surface.

    The axes must be 3-D (``projection="3d"``).
    """
    window = landscape.window if window is None else np.asarray(window, dtype=float)
    U, V = _grid(window, resolution)
    Z = landscape.value(np.stack([U, V], axis=-1))
    surface = ax.plot_surface(U, V, Z, cmap="viridis", linewidth=0, antialiased=True,
                              alpha=0.9, rcount=resolution, ccount=resolution)
    ax.set_xlabel(labels[0], fontsize=LABEL_SIZE)
    ax.set_ylabel(labels[1], fontsize=LABEL_SIZE)
    ax.set_zlabel(zlabel, fontsize=LABEL_SIZE)
    ax.tick_params(labelsize=TICK_SIZE - 2)
    return surface


class GradientArrows(NamedTuple):
    """The arrows of the gradient at a point."""

    uphill: object  # FancyArrow along the gradient
    downhill: object  # FancyArrow along minus the gradient


def plot_gradient(ax, landscape, w, length=1.0):
    """Draw, at the point `w` of a 2-D map, the gradient (uphill) and its opposite (downhill).

    Both arrows have the same `length`, in data units, whatever the gradient's size: the
    figure is about direction.
    """
    w = np.asarray(w, dtype=float)
    g = landscape.gradient(w)
    direction = g / np.linalg.norm(g) * length
    style = {"width": 0.035 * length, "head_width": 0.16 * length, "length_includes_head": True,
             "zorder": 7}
    arrows = GradientArrows(
        ax.arrow(*w, *direction, color=COLORS["residual"], **style),
        ax.arrow(*w, *-direction, color=COLORS["tangent"], **style),
    )
    ax.plot(*w, "o", color=COLORS["walker"], markersize=9, zorder=8)
    return arrows


# One colour per valley, for basins of attraction; a start that reached none is left pale grey.
VALLEY_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]
NOWHERE = "#EEEEEE"


def basin_colors(count):
    """A colour map for basin labels -1 (nowhere), 0, 1, ..., count - 1."""
    return matplotlib.colors.ListedColormap([NOWHERE, *VALLEY_COLORS[:count]])


def plot_basins(ax, landscape, labels, window=None):
    """Colour each start of a grid by the valley it reached; returns the image.

    Parameters
    ----------
    labels : ndarray of int, shape (rows, columns)
        From :func:`gdcore.basins` on a grid spanning `window`, row 0 at the bottom.
    """
    window = landscape.window if window is None else np.asarray(window, dtype=float)
    count = len(landscape.minima)
    image = ax.imshow(labels, origin="lower", extent=[*window[0], *window[1]], aspect="auto",
                      cmap=basin_colors(count), vmin=-1.5, vmax=count - 0.5,
                      interpolation="nearest", alpha=0.55, zorder=0)
    for index, minimum in enumerate(landscape.minima):
        # Above a contour map's own stars, so each valley's star wears the valley's colour.
        ax.plot(*minimum, "*", color=VALLEY_COLORS[index], markersize=20,
                markeredgecolor="black", zorder=7)
    style_axes(ax, xlabel="w₁", ylabel="w₂")
    return image
