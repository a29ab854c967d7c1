"""Two dimensions: contours with their minima, a path over them, a surface in perspective,
the gradient as arrows, and basins of attraction."""

from dataclasses import dataclass
from typing import NamedTuple

import contourpy
import matplotlib
import numpy as np
from matplotlib import ticker
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D
from matplotlib.text import Text

from ._style import (
    COLORS,
    LABEL_SIZE,
    TICK_SIZE,
    VALLEY_COLORS,
    _direction_styles,
    basin_colors,
    style_axes,
)

__all__ = [
    "plot_basins",
    "plot_contours",
    "plot_directions",
    "plot_framed_contours",
    "plot_gradient",
    "plot_minima",
    "plot_path",
    "plot_surface",
    "set_contours",
    "set_framed_contours",
    "set_path",
]


def _grid(window, resolution):
    (u0, u1), (v0, v1) = window
    U, V = np.meshgrid(np.linspace(u0, u1, resolution), np.linspace(v0, v1, resolution))
    return U, V


def _labels(landscape):
    """The names of a landscape's two parameters, for its axes (w₁, w₂ when it has none)."""
    return getattr(landscape, "labels", None) or ("w₁", "w₂")


def plot_minima(ax, points, *, color=None, edge="white", label=None):
    """A star on each of `points`, shape (k, 2); returns the Line2D of stars.

    An explorer draws the answer's star again above its moving path, which would otherwise
    hide the contour map's own star when it ends on it.
    """
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    (stars,) = ax.plot(*points.T, "*", color=COLORS["optimum"] if color is None else color,
                       markersize=20, markeredgecolor=edge, zorder=6, label=label)
    return stars


@dataclass
class Contours:
    """The artists of a contour map, and what they show (:func:`set_contours` redraws them)."""

    contours: object  # QuadContourSet
    minima: object  # Line2D of star markers
    landscape: object
    window: np.ndarray


def set_contours(contours, landscape, window=None):
    """Show `landscape` over `window` on a drawn contour map, redrawing only if either changed.

    Contour lines cannot be moved like a line's data: a wider window (a walk that diverges)
    or another landscape (the feature in other units) draws them again, in place of the old.
    """
    window = landscape.window if window is None else np.asarray(window, dtype=float)
    if landscape is contours.landscape and np.allclose(window, contours.window):
        return contours
    ax = contours.contours.axes
    contours.contours.remove()
    contours.minima.remove()
    contours.contours, contours.minima = _draw_contours(ax, landscape, window,
                                                        contours.contours.levels.size)
    contours.landscape, contours.window = landscape, window
    return contours


def _levels(landscape, Z, levels):
    """The heights of the rings drawn over the grid of values `Z`, and their colours."""
    # A landscape may know no minimum (a slice through a surface, say): then the lowest
    # point drawn is the floor the rings are counted from.
    floor = landscape.value(landscape.minima).min() if len(landscape.minima) else Z.min()
    spread = max(Z.max() - floor, 1e-12)
    heights = floor + spread * np.geomspace(1e-3, 1, levels)
    # One colour per ring, dark at the bottom, so that colour counts rings, not raw height.
    colors = matplotlib.colormaps["viridis"](np.linspace(0, 0.9, levels))
    return heights, colors


def _draw_contours(ax, landscape, window, levels, resolution=160):
    U, V = _grid(window, resolution)
    Z = landscape.value(np.stack([U, V], axis=-1))
    heights, colors = _levels(landscape, Z, levels)
    lines = ax.contour(U, V, Z, levels=heights, colors=colors, linewidths=1.2)
    ax.set_xlim(window[0])
    ax.set_ylim(window[1])
    return lines, plot_minima(ax, landscape.minima)


def plot_contours(ax, landscape, window=None, *, levels=14, labels=None):
    """Draw a 2-D landscape as contour lines with its minima starred; returns both.

    The levels are spaced geometrically above the lowest value, so that the rings near the
    bottom of a bowl show as clearly as the steep walls. The axes are named by `labels`, or
    by the landscape's own ``labels`` when it has them.
    """
    window = landscape.window if window is None else np.asarray(window, dtype=float)
    contours = Contours(*_draw_contours(ax, landscape, window, levels), landscape, window)
    labels = _labels(landscape) if labels is None else labels
    style_axes(ax, xlabel=labels[0], ylabel=labels[1])
    return contours


class Ruler(NamedTuple):
    """An axis's tick marks, grid lines and tick labels, drawn as plain artists."""

    grid: object  # LineCollection, a grid line at each tick
    marks: object  # Line2D, a tick mark at each tick, on the bottom edge
    labels: tuple  # of Text, as many shown as there are ticks, the rest hidden


@dataclass
class FramedContours:
    """A contour map drawn across a fixed frame (see :func:`plot_framed_contours`)."""

    contours: object  # LineCollection, coloured by ring
    minima: object  # Line2D of star markers
    ruler: Ruler  # the first coordinate's ticks, for the window now shown
    landscape: object
    window: np.ndarray
    levels: int

    def to_frame(self, points):
        """`points`, shape (k, 2), where the frame draws them: the first coordinate runs from
        0 to 1 across the window, the second is itself."""
        points = np.array(points, dtype=float).reshape(-1, 2)
        (low, high) = self.window[0]
        points[:, 0] = (points[:, 0] - low) / (high - low)
        return points


# A framed map is laid out once, not each time its ruler's labels move: room is kept at each
# end of its bottom edge for half a label of four characters, so that one at the very end
# does not run off the figure.
_WIDEST_LABEL = "0.00"
_RULER_TICKS = 12  # more than a locator puts on an axis


def plot_framed_contours(ax, landscape, window=None, *, levels=14, labels=None):
    """Draw a 2-D landscape's contours across a fixed frame, its first coordinate told by a
    ruler; returns them, to be moved by :func:`set_framed_contours`.

    The map looks as :func:`plot_contours` draws it, but its axes' limits do not follow the
    window: across, the frame runs from 0 to 1 whatever the window (up, it is the window's own
    range), and a ruler of plain artists marks the first coordinate. A new window (another
    unit of a feature, say) then moves the rings, the stars and the ruler, and an explorer
    repaints those alone, where new limits would lay out and paint the whole figure again.
    Points drawn over the map go through :meth:`FramedContours.to_frame` first.
    """
    window = landscape.window if window is None else np.asarray(window, dtype=float)
    labels = _labels(landscape) if labels is None else labels
    style_axes(ax, xlabel=labels[0], ylabel=labels[1])
    tick = ax.xaxis.get_major_ticks()[0]  # the look of the axis's own ticks, for the ruler's
    mark, text = tick.tick1line, tick.label1
    ruler = Ruler(
        ax.add_collection(LineCollection([], colors=tick.gridline.get_color(),
                                         linewidths=tick.gridline.get_linewidth(), zorder=0.5),
                          autolim=False),
        ax.add_line(Line2D([], [], linestyle="none", marker=mark.get_marker(),
                           markersize=mark.get_markersize(), color=mark.get_color(),
                           markeredgewidth=mark.get_markeredgewidth(), clip_on=False)),
        tuple(ax.add_artist(Text(0, 0, "", fontproperties=text.get_fontproperties(),
                                 color=text.get_color(), va=text.get_va(), ha=text.get_ha(),
                                 transform=text.get_transform(), clip_on=False))
              for _ in range(_RULER_TICKS)),
    )
    for artist in [ruler.marks, *ruler.labels]:
        artist.set_in_layout(False)
    # The axis's own ticks, drawn in no colour at both ends of the frame, keep the room the
    # ruler's labels need (the axis's name is placed under them). Their grid lines are
    # transparent, not off, for style_axes turns grids on and sets their colour.
    ax.xaxis.set_major_locator(ticker.FixedLocator([0.0, 1.0]))
    ax.xaxis.set_major_formatter(ticker.FixedFormatter([_WIDEST_LABEL] * 2))
    ax.tick_params(axis="x", color="none", labelcolor="none", grid_alpha=0.0)
    ax.set_xlim(0.0, 1.0)
    ax.set_ylim(window[1])
    framed = FramedContours(
        ax.add_collection(LineCollection([], linewidths=1.2), autolim=False),
        plot_minima(ax, np.empty((0, 2))), ruler, None, window, levels)
    return set_framed_contours(framed, landscape, window)


def set_framed_contours(framed, landscape, window=None):
    """Show `landscape` over `window` on a framed contour map, redrawing only if either
    changed; the frame's limits change only with the window's second coordinate."""
    window = landscape.window if window is None else np.array(window, dtype=float)
    ax = framed.contours.axes
    # New limits lay the figure out again: a height that moved by a rounding error keeps the
    # old one (a least-squares intercept differs in its last digits from one unit to the next).
    height = np.array(ax.get_ylim())
    if np.allclose(window[1], height, rtol=0, atol=1e-9 * np.ptp(height)):
        window[1] = height
    else:
        ax.set_ylim(window[1])
    if landscape is framed.landscape and np.array_equal(window, framed.window):
        return framed
    framed.landscape, framed.window = landscape, window
    (left, right), (bottom, top) = window
    U, V = _grid(window, 160)
    Z = landscape.value(np.stack([U, V], axis=-1))
    heights, colors = _levels(landscape, Z, framed.levels)
    # The rings as ax.contour finds them (the same algorithm), in the frame's coordinates.
    rings = contourpy.contour_generator(
        (U - left) / (right - left), V, Z, name=matplotlib.rcParams["contour.algorithm"],
        corner_mask=matplotlib.rcParams["contour.corner_mask"],
        line_type=contourpy.LineType.SeparateCode)
    segments, segment_colors = [], []
    for height, color in zip(heights, colors, strict=True):
        lines = rings.lines(height)[0]  # each closed ring ends on its first point
        segments += lines
        segment_colors += [color] * len(lines)
    framed.contours.set_segments(segments)
    framed.contours.set_colors(segment_colors)
    framed.minima.set_data(*framed.to_frame(landscape.minima).T)
    _set_ruler(framed.ruler, left, right, bottom, top)
    return framed


def _set_ruler(ruler, left, right, bottom, top):
    """Put the ruler's ticks where the axis's own locator and formatter would put them for
    limits from `left` to `right`, the frame running from 0 to 1 across them.

    The labels are written out in full: no offset or power of ten beside the axis.
    """
    ax = ruler.marks.axes
    locator = ticker.AutoLocator()
    locator.set_axis(ax.xaxis)  # for the number of ticks that fit its length
    values = locator.tick_values(left, right)
    formatter = ticker.ScalarFormatter(useOffset=False)
    formatter.set_scientific(False)
    formatter.create_dummy_axis()
    formatter.axis.set_view_interval(left, right)
    texts = formatter.format_ticks(values)
    # The ticks the axis would draw: those within its limits, give or take a rounding error.
    span = right - left
    shown = (values >= left - 1e-10 * span) & (values <= right + 1e-10 * span)
    places = np.clip((values[shown] - left) / span, 0.0, 1.0)
    texts = [text for text, keep in zip(texts, shown, strict=True) if keep]
    ruler.grid.set_segments([[(x, bottom), (x, top)] for x in places])
    ruler.marks.set_data(places, np.full(len(places), bottom))
    for index, label in enumerate(ruler.labels):
        label.set_visible(index < len(places))
        if index < len(places):
            label.set_x(places[index])
            label.set_text(texts[index])


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


def plot_path(ax, path, color=None, *, fine=False, label=None):
    """Draw a descent path over a 2-D map: the steps, the start (hollow) and the end.

    A `fine` path has thin lines and small dots, for walks of hundreds of small steps.
    """
    color = COLORS["path"] if color is None else color
    width, size = (1.3, 2.5) if fine else (1.8, 4)
    artists = Path2D(
        ax.plot([], [], "-o", color=color, linewidth=width, markersize=size, zorder=4,
                label=label)[0],
        ax.plot([], [], "o", color=color, markersize=10, markerfacecolor="white",
                markeredgewidth=2.5, zorder=5)[0],
        ax.plot([], [], "o", color=color, markersize=10, zorder=5)[0],
    )
    return set_path(artists, path)


def plot_surface(ax, landscape, window=None, *, resolution=60, labels=None, zlabel="height"):
    """Draw a 2-D landscape as a shaded surface on a 3-D axes; returns the surface.

    The axes must be 3-D (``projection="3d"``).
    """
    window = landscape.window if window is None else np.asarray(window, dtype=float)
    U, V = _grid(window, resolution)
    Z = landscape.value(np.stack([U, V], axis=-1))
    surface = ax.plot_surface(U, V, Z, cmap="viridis", linewidth=0, antialiased=True,
                              alpha=0.9, rcount=resolution, ccount=resolution)
    labels = _labels(landscape) if labels is None else labels
    ax.set_xlabel(labels[0], fontsize=LABEL_SIZE)
    ax.set_ylabel(labels[1], fontsize=LABEL_SIZE)
    ax.set_zlabel(zlabel, fontsize=LABEL_SIZE)
    ax.tick_params(labelsize=TICK_SIZE - 2)
    return surface


class Direction(NamedTuple):
    """The artists of one direction through a point of a map."""

    arrow: object  # Annotation, a double-headed arrow through the point
    key: object  # Line2D with no points, carrying the label to a legend


def plot_directions(ax, centre, directions, labels, *, length=1.0, colors=None):
    """Draw, through the point `centre` of a 2-D map, a double-headed arrow along each of
    `directions`, `length` either side (in data units); returns a :class:`Direction` per
    row, each labelled for a legend (:func:`plot_legend`).

    For a bowl's two principal directions (:func:`gdcore.principal_directions`) through its
    bottom: the axes of its rings, flattest first, in blue then reddish purple. An arrow
    has two heads because a direction has no sign. Its label goes in a legend, not at its
    end, where it would run off a narrow map. On axes whose units differ in length across
    and up, two perpendicular directions do not look perpendicular: make the map's units
    equal (:func:`set_view` with ``equal=True``) to see the rings' axes as drawn.

    Parameters
    ----------
    centre : array_like, shape (2,)
    directions : array_like, shape (k, 2)
        Each row a direction; its length does not matter, but it must not be 0.
    labels : sequence of str, one per direction
    length : float, default 1.0
    colors : sequence of colours, optional
        One per direction; blue, then reddish purple, by default.

    Examples
    --------
    >>> import matplotlib.figure
    >>> ax = matplotlib.figure.Figure().add_subplot()
    >>> flat, steep = plot_directions(ax, [0.0, 0.0], [[0.0, 2.0], [1.0, 0.0]],
    ...                               ["flat", "steep"], length=3.0)
    >>> flat.arrow.xyann, flat.arrow.xy  # from 3 below the centre to 3 above
    ((0.0, -3.0), (0.0, 3.0))
    >>> steep.key.get_label()
    'steep'
    """
    centre = np.asarray(centre, dtype=float)
    directions = np.asarray(directions, dtype=float).reshape(-1, 2)
    sizes = np.linalg.norm(directions, axis=1, keepdims=True)
    if not np.all(np.isfinite(sizes) & (sizes > 0)):
        raise ValueError("directions must each be finite and not 0")
    labels, colors = _direction_styles(len(directions), labels, colors)
    drawn = []
    for direction, label, color in zip(directions / sizes, labels, colors, strict=True):
        reach = length * direction
        arrow = ax.annotate("", xy=tuple((centre + reach).tolist()),
                            xytext=tuple((centre - reach).tolist()), zorder=3.5,
                            arrowprops={"arrowstyle": "<|-|>", "color": color, "linewidth": 3,
                                        "mutation_scale": 22, "shrinkA": 0, "shrinkB": 0,
                                        "alpha": 0.5})
        # Under a walk (zorder 4) and the stars (6), and half transparent: the arrows cross
        # where the star is, and a walk along one must still show through it.
        # An annotation has no legend entry of its own: a line with no points carries it.
        (key,) = ax.plot([], [], color=color, linewidth=3, alpha=0.5, label=label)
        drawn.append(Direction(arrow, key))
    return drawn


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
        plot_minima(ax, minimum, color=VALLEY_COLORS[index], edge="black").set_zorder(7)
    labels = _labels(landscape)
    style_axes(ax, xlabel=labels[0], ylabel=labels[1])
    return image
