"""The palette, projector-sized text, and axis limits that hold what a picture is about."""

import itertools

import matplotlib.colors
import numpy as np

__all__ = [
    "COLORS",
    "DIRECTION_COLORS",
    "REGIME_COLORS",
    "VALLEY_COLORS",
    "basin_colors",
    "decade_limits",
    "limits_including",
    "log_limits",
    "part_on_the_map",
    "plot_legend",
    "plot_level",
    "plot_marker",
    "plot_note",
    "plot_title",
    "set_marker",
    "set_title",
    "set_view",
    "steady_end",
    "steady_window",
    "style_axes",
    "window_including",
]

#: Okabe and Ito's palette, which readers with any common colour-vision deficiency can tell
#: apart; each role in the lessons has one colour.
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
    "muted": "#AAAAAA",  # what stays in the background: held-out points, every step's loss
    "reference": "#777777",  # a line to compare against, such as the best straight line
}
#: One colour per regime of gdcore.theory.REGIMES (plotting imports nothing from the maths, so
#: the names are written out; a test checks they are the same).
REGIME_COLORS = {
    "crawl": "#56B4E9",  # sky blue
    "smooth": "#009E73",  # bluish green
    "zig-zag": "#E69F00",  # orange
    "diverging": "#D55E00",  # vermillion
}
#: One colour per principal direction of a bowl, flattest first (the order of
#: gdcore.principal_directions), the same on a map's arrows and on the curves of each direction.
DIRECTION_COLORS = (COLORS["tangent"], COLORS["other"])


def _direction_styles(count, labels, colors):
    """The labels and colours of `count` directions, checked: one of each per direction,
    the colours :data:`DIRECTION_COLORS` when none are given (for at most two)."""
    colors = DIRECTION_COLORS[:count] if colors is None else list(colors)
    if len(colors) != count:
        raise ValueError(f"colors must have one colour per direction ({count}), got "
                         f"{len(colors)}")
    if len(labels) != count:
        raise ValueError(f"labels must have one label per direction ({count}), got "
                         f"{len(labels)}")
    return list(labels), colors


#: One colour per valley, for basins of attraction; a start that reached none is left pale grey.
VALLEY_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]
NOWHERE = "#EEEEEE"

# Large enough to read from the back of a classroom.
LABEL_SIZE, TITLE_SIZE, TICK_SIZE = 14, 15, 12


def basin_colors(count):
    """A colour map for basin labels -1 (nowhere), 0, 1, ..., count - 1."""
    return matplotlib.colors.ListedColormap([NOWHERE, *VALLEY_COLORS[:count]])


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


def plot_title(ax, title):
    """Title an axes, as :func:`style_axes` does, at a place that stays put; returns the Text,
    for :func:`set_title` to change.

    Matplotlib places a title afresh each time it draws the axes, and sends one that is
    hidden then off the figure: so does an explorer's title that changes with a slider,
    hidden while the rest of the figure is painted. Placed here once, it stays.
    """
    return ax.set_title(title, fontsize=TITLE_SIZE, y=1.0)


def set_title(text, title):
    """Change a title drawn by :func:`plot_title`; returns it."""
    text.set_text(title)
    return text


def _rescaled(ax, artists):
    """Fit the axes' limits to everything drawn so far (set_data does not); pass artists on."""
    ax.relim()
    ax.autoscale_view()
    return artists


def plot_legend(ax, *, small=False, **placement):
    """A legend in projector-sized text (a size smaller if `small`), placed by `placement`
    (``loc``, ``ncols``, ``bbox_to_anchor``... as for ``ax.legend``); returns it."""
    return ax.legend(fontsize=TICK_SIZE - 2 * small, **placement)


def plot_note(ax, text):
    """Write a short note across the middle of an axes, where a curve would be when there
    is none to draw (say why); returns the Text."""
    return ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center",
                   fontsize=LABEL_SIZE, color=COLORS["landscape"], zorder=8,
                   bbox={"facecolor": "white", "edgecolor": "#BBBBBB",
                         "boxstyle": "round,pad=0.5"})


def plot_level(ax, height, *, label=None, color=None, linestyle="--"):
    """A horizontal line at `height` to compare against (the least-squares loss, say),
    green and dashed by default; returns the Line2D."""
    return ax.axhline(height, color=COLORS["optimum"] if color is None else color,
                      linestyle=linestyle, linewidth=2.5 if linestyle == ":" else 2,
                      label=label)


def set_marker(marker, x, y):
    """Move a marker to the point (`x`, `y`)."""
    marker.set_data([x], [y])
    return marker


def plot_marker(ax, x=None, y=None, *, color=None, hollow=False, size=10):
    """One round marker, filled or `hollow`, drawn above the curves; returns the Line2D.

    Without `x` and `y` it starts empty, for :func:`set_marker` to place.
    """
    color = COLORS["path"] if color is None else color
    hollow = {"markerfacecolor": "white", "markeredgewidth": 2.5} if hollow else {}
    (marker,) = ax.plot([], [], "o", color=color, markersize=size, zorder=6, **hollow)
    return marker if x is None else set_marker(marker, x, y)


# --- axis limits that hold what the picture is about ------------------------------------------


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


def window_including(points, window, margin=0.04):
    """A 2-D window, ``[[u0, u1], [v0, v1]]``, that holds `window` and every one of `points`.

    Examples
    --------
    >>> window_including([[3.0, 0.5]], [[0.0, 1.0], [0.0, 1.0]], margin=0.0).tolist()
    [[0.0, 3.0], [0.0, 1.0]]
    """
    points = np.asarray(points, dtype=float)
    return np.array([limits_including(points[:, i], window[i], margin) for i in range(2)])


# How far a steady window's side reaches past the window it holds, in the window's widths.
_REACHES = (0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0)


def steady_window(points, window, margin=0.04):
    """Like :func:`window_including`, but each side reaches out in jumps: a quarter, a half,
    one, one and a half, two, three, four, six or eight times the window's width past it,
    the least that holds the points (then the margin).

    An explorer's map then stays put while a walk's reach changes a little from one setting
    to the next (a slider dragged through diverging rates), and a move repaints the walk,
    not the whole figure.

    Examples
    --------
    >>> steady_window([[1.3, 0.5]], [[0.0, 1.0], [0.0, 1.0]], margin=0.0).tolist()
    [[0.0, 1.5], [0.0, 1.0]]
    """
    window = np.asarray(window, dtype=float)
    hull = window_including(points, window, margin=0.0)
    width = np.ptp(window, axis=1)[:, None]
    past = np.stack([window[:, 0] - hull[:, 0], hull[:, 1] - window[:, 1]], axis=1) / width
    jumps = np.array(_REACHES)
    # The least jump that holds each side's overhang; beyond the largest, the overhang itself.
    reach = np.maximum(jumps[np.minimum(np.searchsorted(jumps, past), len(jumps) - 1)], past)
    return window_including(np.empty((0, 2)), window + reach * width * [-1.0, 1.0], margin)


def part_on_the_map(path, window, reach=4.0):
    """The leading part of `path` that stays within `window` widened `reach` times.

    A diverging walk flies off to a million times its start; a map wide enough to hold all
    of it would shrink everything else to a dot. It is drawn until it leaves this wider box,
    which is far enough to see it spiral outwards.

    Examples
    --------
    >>> part_on_the_map([[0.0, 0.0], [2.0, 0.0], [9.0, 0.0]], [[-1.0, 1.0], [-1.0, 1.0]])
    array([[0., 0.],
           [2., 0.]])
    """
    path, window = np.asarray(path, dtype=float), np.asarray(window, dtype=float)
    centre, half = window.mean(axis=1), reach * np.ptp(window, axis=1) / 2
    inside = np.all(np.abs(path - centre) <= half, axis=1)
    return path if inside.all() else path[: max(int(np.argmin(inside)), 1)]


def log_limits(values, floor):
    """Log-axis limits holding the positive `values` and the `floor` line, a little beyond.

    A floor of 0 (data that a line fits exactly) has no place on a log axis: then the
    values alone set the limits, falling as far as rounding lets them.

    Examples
    --------
    >>> log_limits([3.0, 30.0], 1.5)
    (1.0, 45.0)
    """
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values) & (values > 0)]
    shown = np.concatenate([values, [floor] if floor > 0 else []])
    if not shown.size:  # every value is 0: the walk started on an exact fit
        return 0.1, 10.0
    return float(shown.min() / 1.5), float(shown.max() * 1.5)


def decade_limits(values, floor=1e-20):
    """Log-axis limits at whole powers of ten around the positive `values`.

    Whole decades change only when the values cross one, so a dragged slider rarely moves
    the axis, and an explorer keeps its background. A line never ends within a factor of 3
    of an edge, where it would look cut off.

    Examples
    --------
    >>> decade_limits([0.5, 20.0])
    (0.1, 100.0)
    """
    values = np.maximum(np.asarray(values, dtype=float), floor)
    low, high = np.floor(np.log10([values.min() / 3, values.max() * 3]))
    return float(10.0**low), float(10.0 ** (high + 1))


def steady_end(count):
    """The least of 10, 20, 50, 100, 200, ... that is at least `count`: an axis end that
    stays put while the count grows, and moves in jumps.

    Examples
    --------
    >>> steady_end(7), steady_end(21), steady_end(500)
    (10, 50, 500)
    """
    ends = (mantissa * 10**power for power in itertools.count(1) for mantissa in (1, 2, 5))
    return next(end for end in ends if end >= count)


def set_view(ax, xlim=None, ylim=None, *, equal=False):
    """Set the part of the plane an axes shows (each limit a pair, or None to leave it), and
    make a unit as long across as up if `equal`; returns the axes."""
    if xlim is not None:
        ax.set_xlim(*xlim)
    if ylim is not None:
        ax.set_ylim(*ylim)
    if equal:
        ax.set_aspect("equal")
    return ax
