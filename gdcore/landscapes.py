"""The mountains: functions to walk down, each with its value and its exact gradient.

A :class:`Landscape` works on stacks of points: ``value`` takes an array of shape ``(..., d)``
and returns shape ``(...)``; ``gradient`` returns shape ``(..., d)``. That is what lets one
call draw a contour grid or run a thousand learning rates at once. One-dimensional landscapes
use ``d = 1``.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ._validate import as_count, as_data, as_finite, as_positive
from .descent import descent_from_starts
from .numerics import numerical_hessian

__all__ = [
    "Landscape",
    "basins",
    "bowl",
    "mountain_profile",
    "section",
    "valley_profile",
    "valleys",
]


@dataclass(frozen=True)
class Landscape:
    """A function to minimise, with what the lessons know about it.

    Parameters
    ----------
    name : str
        A short title for figures.
    value : callable
        ``value(w)`` for ``w`` of shape ``(..., d)``, returning shape ``(...)``.
    gradient : callable
        ``gradient(w)`` for ``w`` of shape ``(..., d)``, returning shape ``(..., d)``.
    minima : ndarray, shape (k, d)
        The known local minima, the global one first.
    window : ndarray, shape (d, 2)
        Lower and upper bound of each coordinate worth drawing.
    hessian : ndarray, shape (d, d), optional
        The constant Hessian of a quadratic landscape; ``None`` for the others.
    labels : tuple of str, optional
        The name of each coordinate, for the axes of its pictures: by default
        ``("position x",)`` in one dimension and ``("w₁", "w₂", ...)`` in more.

    Notes
    -----
    ``value`` and ``gradient`` check their points: a point whose last axis does not hold
    ``d`` coordinates is refused with a ValueError that says how many it needs (instead of
    a NumPy error from inside the formula).
    """

    name: str
    value: Callable
    gradient: Callable
    minima: np.ndarray
    window: np.ndarray
    hessian: np.ndarray | None = None
    labels: tuple[str, ...] | None = None

    def __post_init__(self):
        # Frozen, so the checked functions and the labels are set the way dataclasses itself
        # sets fields.
        for field in ("value", "gradient"):
            function = getattr(self, field)
            if not isinstance(function, _CheckedPoints):
                object.__setattr__(self, field, _CheckedPoints(function, self, field))
        object.__setattr__(self, "labels", _as_labels(self.labels, self.dimension))

    @property
    def dimension(self):
        """The number of coordinates, ``d``."""
        return self.window.shape[0]


_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _as_labels(labels, d):
    """Return the names of `d` coordinates as a tuple of strings; the default ones for None."""
    if labels is None:
        if d == 1:
            return ("position x",)
        return tuple(f"w{str(i).translate(_SUBSCRIPTS)}" for i in range(1, d + 1))
    expected = f"labels must be a tuple of {d} strings, one per coordinate, got {labels!r}"
    if isinstance(labels, str):
        raise TypeError(expected)
    try:
        labels = tuple(labels)
    except TypeError:
        raise TypeError(expected) from None
    if not all(isinstance(label, str) for label in labels):
        raise TypeError(expected)
    if len(labels) != d:
        raise ValueError(f"labels must name each of the {d} coordinates, got {len(labels)} "
                         f"label{'s' * (len(labels) != 1)}")
    return labels


class _CheckedPoints:
    """A landscape's value or gradient that first checks the shape of its points."""

    def __init__(self, function, landscape, field):
        self.function, self.field = function, field
        self.dimension, self.name = landscape.window.shape[0], landscape.name

    def __call__(self, w):
        if not (isinstance(w, np.ndarray) and w.dtype.kind == "f"):
            try:
                raw = np.asarray(w)
            except ValueError:  # ragged: as_finite says so by name
                raw = None
            # NaN is let through (its value is NaN); None, strings and the like are not.
            w = raw.astype(float) if raw is not None and raw.dtype.kind in "biuf" else (
                as_finite("w", w))
        if w.ndim == 0 or w.shape[-1] != self.dimension:
            d = self.dimension
            raise ValueError(
                f"a point of the {self.name!r} landscape has {d} coordinate{'s' * (d != 1)} "
                f"(w must have shape (..., {d})), got shape {w.shape}"
            )
        return self.function(w)

    def __repr__(self):
        return f"<{self.field} of the {self.name!r} landscape>"


def _points(w):
    return np.asarray(w, dtype=float)


def mountain_profile():
    r"""The 1-D mountain of the story: a gentle shoulder on the left, one valley floor.

    .. math::

        f(x) = \tfrac{1}{4}(x - 1)^2 + 1.5\,e^{-(x + 2)^2}

    A wide valley whose floor is at :math:`x \approx 1.002`. On its left the bump
    :math:`1.5\,e^{-(x + 2)^2}` makes a shoulder: around :math:`x = -2.6` the slope eases to
    about -0.54 but never reaches zero, so the shoulder is no summit and the floor is the
    only point where the slope is zero. Far from the bump the slope grows like
    :math:`(x - 1)/2`, so a step that is far too large overshoots further each time and the
    walk diverges.

    Returns
    -------
    Landscape

    Examples
    --------
    >>> land = mountain_profile()
    >>> x_min = land.minima[0, 0]
    >>> round(float(x_min), 3), bool(abs(land.gradient([x_min])[0]) < 1e-9)
    (1.002, True)

    The slope changes sign once across the whole window, at the floor: no summit.

    >>> x = np.linspace(-5, 5, 100_001)
    >>> slope = land.gradient(x[:, None])[:, 0]
    >>> x[:-1][np.sign(slope[:-1]) != np.sign(slope[1:])].round(3)
    array([1.002])
    >>> round(float(slope[x < 0].max()), 2)  # the shoulder: gentlest, still downhill
    -0.54
    """

    def value(w):
        x = _points(w)[..., 0]
        return 0.25 * (x - 1) ** 2 + 1.5 * np.exp(-((x + 2) ** 2))

    def gradient(w):
        x = _points(w)[..., 0]
        slope = 0.5 * (x - 1) - 3 * (x + 2) * np.exp(-((x + 2) ** 2))
        return slope[..., None]

    minimum = _newton(gradient, [1.0])[0]
    return Landscape(
        name="mountain profile",
        value=value,
        gradient=gradient,
        minima=np.array([[minimum]]),
        window=np.array([[-5.0, 5.0]]),
    )


def valley_profile():
    r"""A 1-D landscape with three valleys: a wide one, a narrow deep one, a shallow one.

    .. math::

        f(x) = \tfrac{1}{25}x^2 - 1.6\,e^{-5(x - 1.2)^2} - e^{-0.35(x + 2.2)^2}
               - 0.6\,e^{-1.5(x - 3.8)^2}

    Between -5 and 5 the deepest valley, near 1.2, is also the narrowest: its floor curves so
    sharply (curvature about 16, against 0.74 and 1.7 for the others) that only steps below
    2/16 = 0.125 can settle in it. A larger step is flung out of it, and can settle in the
    wide valley near -2. Which valley a walk ends in depends on where it
    starts and how far it steps.

    Returns
    -------
    Landscape
        Its ``minima`` are ordered deepest first.

    Examples
    --------
    >>> land = valley_profile()
    >>> land.minima.ravel().round(2)
    array([ 1.19, -1.97,  3.63])
    """
    bumps = np.array([[1.6, 5.0, 1.2], [1.0, 0.35, -2.2], [0.6, 1.5, 3.8]])  # depth, sharpness, at

    def value(w):
        x = _points(w)[..., 0, None]
        depth, sharpness, centre = bumps.T
        return x[..., 0] ** 2 / 25 - np.sum(depth * np.exp(-sharpness * (x - centre) ** 2),
                                            axis=-1)

    def gradient(w):
        x = _points(w)[..., 0, None]
        depth, sharpness, centre = bumps.T
        slopes = 2 * depth * sharpness * (x - centre) * np.exp(-sharpness * (x - centre) ** 2)
        return (2 * x[..., 0] / 25 + np.sum(slopes, axis=-1))[..., None]

    grid = np.linspace(-5, 5, 2001)
    slope = gradient(grid[:, None])[:, 0]
    # A minimum is where the slope crosses zero going up.
    crossings = grid[:-1][(slope[:-1] < 0) & (slope[1:] >= 0)]
    minima = np.array([_newton(gradient, [x]) for x in crossings])
    return Landscape(
        name="three valleys",
        value=value,
        gradient=gradient,
        minima=minima[np.argsort(value(minima))],
        window=np.array([[-5.0, 5.0]]),
    )


def bowl(condition_number=10.0):
    r"""A 2-D quadratic bowl whose steepness differs by `condition_number` between axes.

    .. math::

        f(w) = \tfrac{1}{2}\left(w_1^2 + \kappa\, w_2^2\right),
        \qquad H = \begin{pmatrix} 1 & 0 \\ 0 & \kappa \end{pmatrix}

    The Hessian's eigenvalues are 1 and :math:`\kappa`, so the critical learning rate is
    :math:`2/\kappa` and the contours are ellipses :math:`\sqrt{\kappa}` times longer than wide.

    Parameters
    ----------
    condition_number : float, default 10.0
        :math:`\kappa \ge 1`, the ratio of the largest to the smallest curvature.

    Returns
    -------
    Landscape

    Examples
    --------
    >>> land = bowl(4.0)
    >>> land.gradient([1.0, 1.0])
    array([1., 4.])
    >>> land.hessian
    array([[1., 0.],
           [0., 4.]])
    """
    kappa = as_positive("condition_number", condition_number)
    if kappa < 1:
        raise ValueError(f"condition_number must be at least 1, got {kappa}")
    curvatures = np.array([1.0, kappa])

    def value(w):
        return 0.5 * np.sum(curvatures * _points(w) ** 2, axis=-1)

    def gradient(w):
        return curvatures * _points(w)

    return Landscape(
        name=f"bowl, condition number {kappa:g}",
        value=value,
        gradient=gradient,
        minima=np.zeros((1, 2)),
        window=np.array([[-3.0, 3.0], [-3.0, 3.0]]),
        hessian=np.diag(curvatures),
    )


# Himmelblau's function, scaled down so that its slopes suit learning rates near 0.01.
_HIMMELBLAU_MINIMA = np.array(
    [[3.0, 2.0], [-2.805118, 3.131312], [-3.779310, -3.283186], [3.584428, -1.848127]]
)


def valleys():
    r"""A 2-D landscape with four valleys, a summit and saddles between (Himmelblau's function).

    .. math::

        f(w) = \tfrac{1}{10}\left[(w_1^2 + w_2 - 11)^2 + (w_1 + w_2^2 - 7)^2\right]

    All four minima have the value 0; which one a walk reaches depends on where it starts.

    Returns
    -------
    Landscape

    Examples
    --------
    >>> land = valleys()
    >>> bool(np.all(land.value(land.minima) < 1e-9))
    True
    """

    def value(w):
        u, v = np.moveaxis(_points(w), -1, 0)
        return ((u**2 + v - 11) ** 2 + (u + v**2 - 7) ** 2) / 10

    def gradient(w):
        # The slope of the formula above, computed in place: basins and the explorers ask
        # for it at thousands of points per step, and a fresh array for every intermediate
        # costs more than the arithmetic. Each number is the formula's, to the last bit.
        w = _points(w)
        u, v = w[..., 0].copy(), w[..., 1].copy()
        a = u * u  # a = u² + v - 11
        a += v
        a -= 11
        b = v * v  # b = u + v² - 7
        b += u
        b -= 7
        du = 4 * u  # ∂f/∂u = (4ua + 2b) / 10
        du *= a
        du += 2 * b
        du /= 10
        dv = 4 * v  # ∂f/∂v = (2a + 4vb) / 10
        dv *= b
        dv += 2 * a
        dv /= 10
        slope = np.empty(w.shape)
        slope[..., 0], slope[..., 1] = du, dv
        return slope

    minima = np.array([_newton(gradient, w) for w in _HIMMELBLAU_MINIMA])
    return Landscape(
        name="four valleys",
        value=value,
        gradient=gradient,
        minima=minima,
        window=np.array([[-5.0, 5.0], [-5.0, 5.0]]),
    )


def section(landscape, point, axis, half_width=None):
    r"""The 1-D slice of a landscape through `point` along coordinate `axis`.

    Fixing every coordinate but one turns a surface into a curve; the slope of that curve is
    the partial derivative :math:`\partial f / \partial w_{axis}` at `point`.

    The slice is a 1-D landscape like any other, valleys included: its ``minima`` are the
    floors of the curve inside its window, found where the slope crosses zero going up on a
    grid of 2001 points across the window, each then narrowed down by bisection on the slope
    (to the last bits of a float). A slice that only falls toward one edge of its window has
    no floor inside it, and its ``minima`` are empty.

    Parameters
    ----------
    landscape : Landscape
    point : array_like, shape (d,)
        Where the slice passes; its other coordinates stay fixed.
    axis : int
        Which coordinate varies (0 for the first).
    half_width : float, optional
        How far the slice's window reaches either side of `point`; by default, the
        landscape's window along that axis.

    Returns
    -------
    Landscape
        One-dimensional, with its ``minima`` ordered deepest first, the label of coordinate
        `axis` as its ``labels``, and, for a quadratic landscape, the Hessian's entry on the
        diagonal at `axis` as its ``hessian``.

    Examples
    --------
    >>> land = bowl(4.0)
    >>> along_w2 = section(land, [1.0, 0.5], axis=1)
    >>> float(along_w2.gradient([0.5])[0]), float(land.gradient([1.0, 0.5])[1])
    (2.0, 2.0)
    >>> along_w2.minima.round(6) + 0.0  # the bottom of the slice, at w2 = 0
    array([[0.]])
    >>> along_w2.labels
    ('w₂',)
    """
    if not isinstance(landscape, Landscape):
        raise TypeError(f"landscape must be a Landscape, got {type(landscape).__name__}")
    point = as_data("point", point)
    if len(point) != landscape.dimension:
        raise ValueError(
            f"point must have {landscape.dimension} coordinates, one per axis of the "
            f"landscape, got {len(point)}"
        )
    axis = as_count("axis", axis)
    if not axis < landscape.dimension:
        raise ValueError(f"axis must be between 0 and {landscape.dimension - 1}, got {axis}")

    def embed(t):
        t = np.asarray(t, dtype=float)[..., 0]
        full = np.broadcast_to(point, (*t.shape, len(point))).copy()
        full[..., axis] = t
        return full

    if half_width is None:
        window = landscape.window[axis]
    else:
        window = point[axis] + np.array([-1.0, 1.0]) * as_positive("half_width", half_width)

    def value(t):
        return landscape.value(embed(t))

    def gradient(t):
        return landscape.gradient(embed(t))[..., axis : axis + 1]

    hessian = landscape.hessian
    return Landscape(
        name=f"{landscape.name}, slice along coordinate {axis + 1}",
        value=value,
        gradient=gradient,
        minima=_floors(value, gradient, window),
        window=np.array([window], dtype=float),
        hessian=None if hessian is None else np.array(hessian[axis : axis + 1, axis : axis + 1]),
        labels=(landscape.labels[axis],),
    )


def _floors(value, gradient, window, points=2001):
    """The minima of a 1-D function inside `window`, deepest first, shape (k, 1).

    A minimum is where the slope crosses zero going up between two neighbours of a fine
    grid; bisection on the slope then narrows each crossing down. Bisection, unlike Newton's
    method, cannot leave its bracket, whatever the curve does between grid points.
    """
    grid = np.linspace(window[0], window[1], points)
    with np.errstate(over="ignore", invalid="ignore"):
        slope = gradient(grid[:, None])[:, 0]
    up = np.flatnonzero((slope[:-1] < 0) & (slope[1:] >= 0))
    floors = []
    for low, high in zip(grid[up], grid[up + 1], strict=True):
        for _ in range(200):
            middle = 0.5 * (low + high)
            if not low < middle < high:  # nothing left between them
                break
            if gradient(np.array([middle]))[0] < 0:
                low = middle
            else:
                high = middle
        floors.append(high)
    floors = np.array(floors, dtype=float).reshape(-1, 1)
    return floors[np.argsort(value(floors), kind="stable")]


def basins(landscape, starts, learning_rate, steps, *, radius=0.05):
    r"""Which valley gradient descent reaches from each of many starts: basins of attraction.

    Every start takes `steps` steps of :math:`w \leftarrow w - \eta \nabla f(w)` (all starts
    at once, by :func:`gdcore.descent_from_starts`), then is labelled with the index of the
    minimum it ended within `radius` of, or -1 if it ended near none (still on its way, stuck
    on a saddle, or flung away by too large a step). A walk stops early only where it could
    not go on: on a point of exactly zero slope, where it would have stayed, or at an overflow
    (labelled -1).

    Parameters
    ----------
    landscape : Landscape
    starts : array_like, shape (..., d)
        Any stack of starting points, a grid say.
    learning_rate : float
    steps : int
    radius : float, default 0.05
        How near a minimum a walk must end to count as reaching it.

    Returns
    -------
    ndarray of int, shape ``starts.shape[:-1]``

    Examples
    --------
    >>> land = valleys()
    >>> basins(land, [[4.0, 4.0], [-4.0, -4.0], [0.0, 0.0]], 0.01, 2000).tolist()
    [0, 2, 0]
    """
    if not isinstance(landscape, Landscape):
        raise TypeError(f"landscape must be a Landscape, got {type(landscape).__name__}")
    starts = as_finite("starts", starts)
    d = landscape.dimension
    if starts.ndim == 0 or starts.shape[-1] != d or starts.size == 0:
        raise ValueError(
            f"starts must be a stack of points with {d} coordinates each (shape (..., {d})), "
            f"got shape {starts.shape}"
        )
    eta = as_positive("learning_rate", learning_rate)
    radius = as_positive("radius", radius)
    steps = as_count("steps", steps)
    if len(landscape.minima) == 0:  # nothing to reach (a slice with no floor, say)
        return np.full(starts.shape[:-1], -1)
    # A tolerance of 0 stops only a walk whose slope is exactly zero, which would not have
    # moved again; with no divergence test, only an overflow (labelled -1) ends a walk early.
    run = descent_from_starts(landscape.gradient, starts.reshape(-1, d), eta, steps,
                              tolerance=0.0, divergence_factor=None)
    # A walk that left the numbers stopped at its last finite point, which may be huge.
    with np.errstate(over="ignore", invalid="ignore"):
        distances = np.linalg.norm(run.final[:, None, :] - landscape.minima[None, :, :], axis=-1)
    nearest = np.argmin(np.nan_to_num(distances, nan=np.inf), axis=1)
    reached = np.take_along_axis(distances, nearest[:, None], axis=1)[:, 0] < radius
    reached &= run.status != "diverged"
    return np.where(reached, nearest, -1).reshape(starts.shape[:-1])


def _newton(gradient, w, iterations=20):
    """Polish a stationary point by Newton's method, with a difference Hessian."""
    w = np.array(w, dtype=float)
    for _ in range(iterations):
        w = w - np.linalg.solve(numerical_hessian(gradient, w), gradient(w))
    return w
