"""Two dimensions: contours with their minima, a path over them, a surface in perspective,
the gradient as arrows, and basins of attraction."""

from dataclasses import dataclass
from typing import NamedTuple

import matplotlib
import numpy as np

from ._style import COLORS, LABEL_SIZE, TICK_SIZE, VALLEY_COLORS, basin_colors, style_axes

__all__ = [
    "plot_basins",
    "plot_contours",
    "plot_gradient",
    "plot_minima",
    "plot_path",
    "plot_surface",
    "set_contours",
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


def _draw_contours(ax, landscape, window, levels, resolution=160):
    U, V = _grid(window, resolution)
    Z = landscape.value(np.stack([U, V], axis=-1))
    # A landscape may know no minimum (a slice through a surface, say): then the lowest
    # point drawn is the floor the rings are counted from.
    floor = landscape.value(landscape.minima).min() if len(landscape.minima) else Z.min()
    spread = max(Z.max() - floor, 1e-12)
    heights = floor + spread * np.geomspace(1e-3, 1, levels)
    # One colour per ring, dark at the bottom, so that colour counts rings, not raw height.
    colors = matplotlib.colormaps["viridis"](np.linspace(0, 0.9, levels))
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
