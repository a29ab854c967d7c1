"""Curves against steps, learning rates and degrees, and data with what was fitted to it."""

from typing import NamedTuple

import matplotlib.colors
import numpy as np
from matplotlib.collections import LineCollection

from ._style import (
    COLORS,
    REGIME_COLORS,
    _direction_styles,
    _rescaled,
    decade_limits,
    plot_legend,
    plot_level,
    plot_marker,
    plot_note,
    set_marker,
    style_axes,
)

__all__ = [
    "plot_contraction",
    "plot_curve",
    "plot_degree_errors",
    "plot_epoch_losses",
    "plot_error_components",
    "plot_fit",
    "plot_losses",
    "plot_regimes",
    "plot_samples",
    "plot_sweep",
    "set_curve",
    "set_degree_errors",
    "set_epoch_losses",
    "set_fit",
    "set_losses",
    "set_sweep",
]


# --- the loss, step by step and epoch by epoch ---------------------------------------------


def set_losses(line, losses):
    """Give a loss-per-step line new values (the x-axis counts steps from 0)."""
    losses = np.asarray(losses, dtype=float)
    line.set_data(np.arange(len(losses)), losses)
    return line


def plot_losses(ax, losses, *, log=True, label=None, color=None, ylabel="loss", dots=True):
    """Draw the loss at each step, on a log scale by default; returns the Line2D.

    On a log scale a steady shrink by the same factor each step is a straight line, so the
    slope of the line is the contraction per step. Each step is a dot unless `dots` is
    false (for runs of thousands of steps, which read better as a line).
    """
    (line,) = ax.plot([], [], "-o" if dots else "-", markersize=3, linewidth=2 if dots else 2.5,
                      label=label, color=COLORS["path"] if color is None else color)
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


class EpochLosses(NamedTuple):
    """The artists of the loss of a mini-batch run, against epochs."""

    each_step: object  # Line2D, thin and grey: the loss after every step
    each_epoch: object  # Line2D, bold: the loss at the end of each epoch
    floor: object  # Line2D, the least-squares loss dashed, or None when it is 0


def set_epoch_losses(epoch_losses, losses, epoch_ends, per_epoch):
    """Move a drawn epoch-loss panel to a new run, and its log axis to hold it.

    Parameters
    ----------
    losses : array_like, shape (k + 1,)
        The loss on all the data after each step, from the start.
    epoch_ends : array_like of int
        The steps at which each epoch ended (a run's ``epoch_ends``).
    per_epoch : int
        Steps in an epoch, so that the x-axis counts passes through the data.

    The top of the axis moves by whole decades; its bottom stays at half the floor, or moves
    by whole decades too when there is no floor (data a line fits exactly).
    """
    losses = np.asarray(losses, dtype=float)
    ends = np.concatenate([[0], np.asarray(epoch_ends, dtype=int)])
    epoch_losses.each_step.set_data(np.arange(len(losses)) / per_epoch, losses)
    epoch_losses.each_epoch.set_data(ends / per_epoch, losses[ends])
    bottom, top = decade_limits(losses)
    floor = epoch_losses.floor
    epoch_losses.each_step.axes.set_ylim(bottom if floor is None else floor.get_ydata()[0] / 2,
                                         top)
    return epoch_losses


def plot_epoch_losses(ax, losses, epoch_ends, per_epoch, *, floor=None, legend=True):
    """Draw the loss after each step (light) and after each epoch (bold), on a log scale
    against epochs, so that runs of any batch size compare for the same work; the
    least-squares `floor` dashed, when it is above 0. Returns the artists.

    See :func:`set_epoch_losses` for the parameters.
    """
    floor = plot_level(ax, floor, label="least squares") if floor and floor > 0 else None
    artists = EpochLosses(
        ax.plot([], [], color=COLORS["muted"], linewidth=1.2, label="after each step")[0],
        ax.plot([], [], "-o", color=COLORS["path"], linewidth=2.5, markersize=5,
                label="after each epoch")[0],
        floor,
    )
    ax.set_ylim(1e-3, 1)  # for now: a log axis has no room for a loss of 0
    ax.set_yscale("log")
    _rescaled(ax, set_epoch_losses(artists, losses, epoch_ends, per_epoch))  # the epochs
    if legend:
        plot_legend(ax, loc="upper right")
    style_axes(ax, xlabel="epochs (passes through the data)", ylabel="loss")
    return artists


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


class Sweep(NamedTuple):
    """The artists of a learning-rate sweep."""

    bands: dict  # the regimes' bands, from plot_regimes
    steps: object  # Line2D, the steps to converge at each rate
    best: object  # Line2D, the best fixed rate, dashed
    rate: object  # Line2D, the rate now chosen


def set_sweep(sweep, learning_rate):
    """Move the chosen rate's line to `learning_rate`."""
    sweep.rate.set_data([learning_rate, learning_rate], sweep.rate.axes.get_ylim())
    return sweep


def plot_sweep(ax, sweep, boundaries, best_rate, *, budget, labels=None):
    """Draw the steps gradient descent needs to converge at each learning rate of a sweep,
    over the regimes' bands, with the best fixed rate dashed; returns the artists.

    Parameters
    ----------
    sweep : SweepResult
        From :func:`gdcore.learning_rate_sweep`: its ``learning_rates``, ``status`` and
        ``steps``; a rate that did not converge has no point on the curve.
    boundaries : (float, float, float)
        From :func:`gdcore.regime_boundaries`, for :func:`plot_regimes`.
    best_rate : float
        The best fixed rate, 2/(λmin + λmax).
    budget : int
        The sweep's step limit; when no rate converged within it, a note says so.
    labels : dict, optional
        The legend's text for each regime, as for :func:`plot_regimes`. The legend goes
        under the panel, where it hides no part of the curve.
    """
    rates = np.asarray(sweep.learning_rates, dtype=float)
    needed = np.where(np.asarray(sweep.status) == "converged", sweep.steps, np.nan)
    needed = np.where(needed > 0, needed, np.nan)  # a log axis cannot show 0 steps
    limits = (rates.min(), rates.max())
    bands = plot_regimes(ax, boundaries, limits, labels=labels)
    (steps,) = ax.plot(rates, needed, color=COLORS["walker"], linewidth=2)
    best = ax.axvline(best_rate, color=COLORS["optimum"], linestyle="--", linewidth=2)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(*limits)
    if np.all(np.isnan(needed)):
        # Badly scaled data: no rate converges within the budget, so there is no curve (and
        # nothing for a log axis to fit); the axis shows the budget and says why. From a start
        # on the answer every rate converges in 0 steps, which a log axis cannot show either.
        ax.set_ylim(1, 2 * budget)
        converged = np.asarray(sweep.status) == "converged"
        plot_note(ax, "the start is the answer: no step needed" if converged.any()
                  else f"no rate here converges within {budget:,} steps")
    plot_legend(ax, small=True, loc="upper center", ncols=2, bbox_to_anchor=(0.5, -0.24),
                frameon=False)
    style_axes(ax, xlabel="learning rate η", ylabel="steps to converge")
    (rate,) = ax.plot([], [], color=COLORS["tangent"], linewidth=3, zorder=5)
    return Sweep(bands, steps, best, rate)


class Contraction(NamedTuple):
    """The artists of the shrink per step against the learning rate."""

    bands: dict  # the regimes' bands, from plot_regimes
    factors: list  # Line2D per direction, |1 - ηλ_i|
    worst: object  # Line2D, the largest of them: the walk's shrink per step
    best: object  # Line2D, the best fixed rate, dashed
    one: object  # Line2D, the level 1 above which a walk does not converge


def plot_contraction(ax, rates, factors, boundaries, best_rate, *, labels, colors=None):
    r"""Draw the shrink per step, :math:`\rho(\eta) = \max_i \lvert 1 - \eta\lambda_i \rvert`,
    against the learning rate, over the regimes' bands; returns the artists.

    Each direction's own :math:`\lvert 1 - \eta\lambda_i \rvert` is a thin line in its
    colour, dashed, on top of the largest of them (the walk's shrink per step), a thick
    translucent black one: a V whose
    bottom is where the steepest and the flattest directions' lines cross. The best fixed
    rate is dashed green, as on the sweep (:func:`plot_sweep`); the wall, where the bands
    turn to diverging, a solid vermillion line; the level 1, above which nothing converges,
    dotted. The axis is linear, on which each :math:`\lvert 1 - \eta\lambda_i \rvert` is
    a V of straight lines, zero at :math:`1/\lambda_i`.

    Parameters
    ----------
    rates : array_like, shape (r,)
        Increasing learning rates, from 0 up; the axis spans them.
    factors : array_like, shape (r, d)
        :math:`1 - \eta\lambda_i` at each rate, one column per direction, flattest first.
    boundaries : (float, float, float)
        From :func:`gdcore.regime_boundaries`, for :func:`plot_regimes`.
    best_rate : float
    labels : sequence of str
        The legend's text for each direction's line.
    colors : sequence of colours, optional
        One per direction; blue, then reddish purple, by default (as
        :func:`plot_directions` draws them).

    Examples
    --------
    >>> import matplotlib.figure
    >>> ax = matplotlib.figure.Figure().add_subplot()
    >>> rates = np.array([0.0, 0.25, 0.4, 0.5])  # curvatures 1 and 4: the best rate is 0.4
    >>> drawn = plot_contraction(ax, rates, 1 - np.outer(rates, [1.0, 4.0]),
    ...                          (0.01, 0.25, 0.5), 0.4, labels=["flat", "steep"])
    >>> drawn.worst.get_ydata().round(2)
    array([1.  , 0.75, 0.6 , 1.  ])
    """
    rates = np.asarray(rates, dtype=float)
    sizes = np.abs(np.asarray(factors, dtype=float).reshape(len(rates), -1))
    bands = plot_regimes(ax, boundaries, (rates.min(), rates.max()))
    labels, colors = _direction_styles(sizes.shape[1], labels, colors)
    # The directions' lines dashed on top of a translucent black one, so that the stretch
    # the black line follows stays visible under it.
    lines = [ax.plot(rates, column, color=color, linewidth=2.5, linestyle="--", label=label,
                     zorder=5)[0]
             for column, label, color in zip(sizes.T, labels, colors, strict=True)]
    (worst,) = ax.plot(rates, sizes.max(axis=1), color=COLORS["walker"], linewidth=6,
                       alpha=0.35, label="the walk's shrink per step, the larger", zorder=4)
    best = ax.axvline(best_rate, color=COLORS["optimum"], linestyle="--", linewidth=2,
                      label="best fixed rate")
    one = plot_level(ax, 1.0, color=COLORS["reference"], linestyle=":",
                     label="1: no shrink at all")
    ax.plot([], [], color=REGIME_COLORS["diverging"], linewidth=2.5, label="the wall, 2/λmax")
    ax.set_xlim(rates.min(), rates.max())
    plot_legend(ax, small=True, loc="upper center", ncols=3, bbox_to_anchor=(0.5, -0.2),
                frameon=False)
    style_axes(ax, xlabel="learning rate η", ylabel="shrink per step, |1 − ηλ|")
    return Contraction(bands, lines, worst, best, one)


class Component(NamedTuple):
    """The artists of the error along one direction, step by step."""

    measured: object  # Line2D, a dot per step: |error along the direction|
    predicted: object  # Line2D, the start's size times |factor| to the power k


def plot_error_components(ax, components, factors, labels, *, colors=None):
    r"""Draw the size of a walk's error along each direction against the step, on a log
    scale, as dots, beside the line each direction's factor predicts; returns a
    :class:`Component` per direction.

    Along a principal direction of a quadratic bowl a step multiplies the error by
    :math:`1 - \eta\lambda_i`, so after k steps it is :math:`\lvert c_i(0) \rvert
    \lvert 1 - \eta\lambda_i \rvert^k`: a straight line on a log scale, whose slope is the
    factor. An error of exactly 0 has no place on a log scale and is left out.

    Parameters
    ----------
    components : array_like, shape (k + 1, d)
        The error along each direction at each step, from the start:
        ``(path - w_star) @ directions.T``.
    factors : array_like, shape (d,)
        :math:`1 - \eta\lambda_i`, one per direction.
    labels : sequence of str
        The legend's text for each direction.
    colors : sequence of colours, optional
        One per direction; blue, then reddish purple, by default.

    Examples
    --------
    >>> import matplotlib.figure
    >>> ax = matplotlib.figure.Figure().add_subplot()
    >>> (flat,) = plot_error_components(ax, [[8.0], [4.0], [2.0]], [0.5], ["flat"])
    >>> flat.predicted.get_ydata()  # 8 × 0.5^k
    array([8., 4., 2.])
    """
    components = np.abs(np.asarray(components, dtype=float))
    components = components.reshape(len(components), -1)
    factors = np.abs(np.asarray(factors, dtype=float).ravel())
    k = np.arange(len(components))
    labels, colors = _direction_styles(components.shape[1], labels, colors)
    drawn = []
    for measured, factor, label, color in zip(components.T, factors, labels, colors,
                                              strict=True):
        # Hollow dots, the line drawn over them: where they agree the line runs through
        # every ring.
        dots = ax.plot(k, np.where(measured > 0, measured, np.nan), "o", color=color,
                       markersize=7, markerfacecolor="white", markeredgewidth=1.5,
                       label=f"{label}, measured")[0]
        with np.errstate(divide="ignore", under="ignore"):
            line = ax.plot(k, measured[0] * factor**k, color=color, linewidth=1.8, zorder=3,
                           label=f"{label}, predicted |c(0)|·|1 − ηλ|ᵏ")[0]
        drawn.append(Component(dots, line))
    ax.set_yscale("log")
    style_axes(ax, xlabel="step", ylabel="|error along the direction|")
    return drawn


# --- data and what was fitted to it ---------------------------------------------------------


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


class Samples(NamedTuple):
    """The artists of training points and held-out points."""

    training: object  # PathCollection, large and blue
    held_out: object  # PathCollection, small and grey, or None


def plot_samples(ax, training, held_out=None, *, label="training", small=False):
    """Draw the training points (blue) over the held-out points (grey), each a data set
    with ``x`` and ``y``, a little smaller if `small` (for a row of panels); returns both.

    The training points are labelled `label` for a legend, and the held-out ones "held out";
    with no `label`, neither is.
    """
    size = 35 if small else 45
    grey = None if held_out is None else ax.scatter(
        held_out.x, held_out.y, s=size * 0.27, color=COLORS["muted"],
        label=None if label is None else "held out")
    blue = ax.scatter(training.x, training.y, s=size, color=COLORS["data"], edgecolor="white",
                      zorder=3, label=label)
    return Samples(blue, grey)


def set_curve(line, x, y):
    """Move a drawn curve to new points."""
    line.set_data(x, y)
    return line


def plot_curve(ax, x=(), y=(), *, color=None, dashed=False, label=None, width=2.5):
    """Draw a curve y(x), such as a fitted polynomial (vermillion unless `color`); returns
    the Line2D."""
    (line,) = ax.plot(x, y, "--" if dashed else "-", linewidth=width, label=label,
                      color=COLORS["fit"] if color is None else color)
    return line


class DegreeErrors(NamedTuple):
    """The artists of the error against the degree of a fitted polynomial."""

    training: object  # Line2D of the training error
    held_out: object  # Line2D of the held-out error
    chosen: object  # Line2D, a ring on the chosen degree's held-out error


def set_degree_errors(degree_errors, degree):
    """Move the ring to `degree`, on its held-out error."""
    degrees, errors = degree_errors.held_out.get_data()
    return set_marker(degree_errors.chosen, degree, errors[list(degrees).index(degree)])


def plot_degree_errors(ax, degrees, errors, degree):
    """Draw the training and held-out error of a fit of each degree, on a log scale, with
    the `degree` chosen ringed; returns the artists.

    Parameters
    ----------
    degrees : array_like of int, shape (k,)
    errors : array_like, shape (k, 2)
        The training and the held-out error at each degree.
    """
    errors = np.asarray(errors, dtype=float)
    training, held_out = (ax.semilogy(degrees, errors[:, column], "-o", color=color,
                                      label=label)[0]
                          for column, color, label in [(0, COLORS["data"], "training"),
                                                       (1, COLORS["reference"], "held out")])
    chosen = plot_marker(ax, color=COLORS["path"], size=16)
    chosen.set(markerfacecolor="none", markeredgewidth=3)
    plot_legend(ax, small=True)
    style_axes(ax, xlabel="degree", ylabel="mean squared error")
    ax.set_xticks(degrees)  # a degree is a whole number: no ticks at 2.5, 7.5, ...
    drawn = DegreeErrors(training, held_out, chosen)
    set_degree_errors(drawn, degree)
    return drawn
