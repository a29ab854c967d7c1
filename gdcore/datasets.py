"""Small, seeded data sets for the lessons.

Every data set here is made by a few lines of NumPy from a fixed seed, so every run of every
notebook sees the same numbers. None is downloaded.
"""

from dataclasses import dataclass

import numpy as np

from ._validate import as_count, as_number, as_pair

__all__ = ["Dataset", "as_dataset", "mountain_temperatures", "noisy_line", "wavy_curve"]


@dataclass(frozen=True)
class Dataset:
    """Paired observations with their labels and a note on how they were made.

    Attributes
    ----------
    x, y : ndarray, shape (n,)
    x_label, y_label : str
        Axis labels, with units.
    description : str
    """

    x: np.ndarray
    y: np.ndarray
    x_label: str
    y_label: str
    description: str


def as_dataset(data, default=None):
    """Return `data` as a :class:`Dataset`: a Dataset as it is, an ``(x, y)`` pair of arrays
    wrapped in one with plain labels, or ``default()`` when `data` is None.

    Every function that takes ``data=`` goes through here, so a pair of arrays works wherever
    a data set does, and bad data is refused by name.

    Examples
    --------
    >>> as_dataset(([0, 1, 2], [1, 3, 5])).y
    array([1., 3., 5.])
    >>> as_dataset("temperatures")
    Traceback (most recent call last):
    ...
    TypeError: data must be a Dataset or an (x, y) pair of arrays, got str
    """
    if data is None:
        if default is None:
            raise TypeError("data must be a Dataset or an (x, y) pair of arrays, got None")
        data = default()
    if isinstance(data, Dataset):
        x, y = data.x, data.y
    else:
        try:
            x, y = data
        except (TypeError, ValueError):
            raise TypeError(
                "data must be a Dataset or an (x, y) pair of arrays, "
                f"got {type(data).__name__}"
            ) from None
        data = Dataset(x=x, y=y, x_label="x", y_label="y", description="data given as (x, y)")
    x, y = as_pair("data.x", x, "data.y", y)
    if x.size < 2 or np.ptp(x) == 0:
        raise ValueError("data.x must hold at least two different values to fit a line")
    return Dataset(x, y, data.x_label, data.y_label, data.description)


LAPSE_RATE = 6.5
"""The standard atmosphere's fall in temperature with height, in degrees Celsius per km."""


def mountain_temperatures(n=24, *, units="km", seed=0):
    """Afternoon air temperature at weather stations up the side of a mountain.

    A synthetic but realistic set: `n` stations at altitudes drawn uniformly between 0.4 and
    3.6 km; the temperature is 18 °C at sea level, falling by the standard lapse rate of
    6.5 °C per km, plus station-to-station noise with a standard deviation of 1.2 °C.

    The same data in metres (``units="m"``) gives a slope a thousand times smaller and a
    loss surface that curves a million times more sharply along the slope (the mean of
    :math:`x^2` grows by :math:`1000^2`): the lesson on feature scaling.

    Parameters
    ----------
    n : int, default 24
        Number of stations, at least 2.
    units : {"km", "m"}, default "km"
        The unit of altitude.
    seed : int, default 0

    Returns
    -------
    Dataset
        ``x`` altitude, ``y`` temperature in °C.

    Examples
    --------
    >>> data = mountain_temperatures()
    >>> len(data.x), data.x_label
    (24, 'altitude (km)')
    >>> bool(np.allclose(mountain_temperatures(units="m").x, 1000 * data.x))
    True
    """
    n = as_count("n", n)
    if n < 2:
        raise ValueError(f"n must be at least 2 to fit a line, got {n}")
    if units not in ("km", "m"):
        raise ValueError(f'units must be "km" or "m", got {units!r}')
    seed = as_count("seed", seed)
    rng = np.random.default_rng(seed)
    altitude_km = np.sort(rng.uniform(0.4, 3.6, n))
    temperature = 18.0 - LAPSE_RATE * altitude_km + rng.normal(0.0, 1.2, n)
    scale = 1000.0 if units == "m" else 1.0
    return Dataset(
        x=altitude_km * scale,
        y=temperature,
        x_label=f"altitude ({units})",
        y_label="temperature (°C)",
        description=(
            f"{n} weather stations on a mountain, synthetic: 18 °C at sea level, "
            f"{LAPSE_RATE} °C colder per km, noise 1.2 °C (seed {seed})"
        ),
    )


def noisy_line(n=20, *, slope=2.0, intercept=1.0, noise=1.0, seed=0):
    """Points scattered about the line y = slope · x + intercept, for x between 0 and 5.

    Parameters
    ----------
    n : int, default 20
        Number of points, at least 2.
    slope, intercept : float
    noise : float, default 1.0
        Standard deviation of the scatter (0 for points exactly on the line).
    seed : int, default 0

    Returns
    -------
    Dataset

    Examples
    --------
    >>> data = noisy_line(5, noise=0.0)
    >>> bool(np.allclose(data.y, 2 * data.x + 1))
    True
    """
    n = as_count("n", n)
    if n < 2:
        raise ValueError(f"n must be at least 2 to fit a line, got {n}")
    slope = as_number("slope", slope)
    intercept = as_number("intercept", intercept)
    noise = as_number("noise", noise)
    if noise < 0:
        raise ValueError(f"noise must not be negative, got {noise}")
    seed = as_count("seed", seed)
    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(0.0, 5.0, n))
    y = slope * x + intercept + rng.normal(0.0, noise, n)
    return Dataset(
        x=x,
        y=y,
        x_label="x",
        y_label="y",
        description=f"{n} points about y = {slope:g} x + {intercept:g}, noise {noise:g}",
    )


def wavy_curve(n=40, *, noise=0.1, seed=0):
    r"""Points scattered about a wavy curve that no straight line can follow.

    .. math::

        y = \sin(2x) + 0.3\,x + \varepsilon, \qquad
        x \sim \text{uniform}(-3, 3), \qquad \varepsilon \sim \text{normal}(0, \text{noise}^2)

    The gentle rise 0.3 x is all a line can catch; the waves, two crests and two troughs
    across the range, need the bends of a neural network (notebook 07,
    :mod:`gdcore.network`). No units: x and y are plain numbers.

    Parameters
    ----------
    n : int, default 40
        Number of points, at least 2.
    noise : float, default 0.1
        Standard deviation of the scatter (0 for points exactly on the curve).
    seed : int, default 0

    Returns
    -------
    Dataset
        ``x`` sorted.

    Examples
    --------
    >>> data = wavy_curve()
    >>> len(data.x), bool(data.x.min() >= -3 and data.x.max() <= 3)
    (40, True)
    >>> exact = wavy_curve(5, noise=0.0)
    >>> bool(np.allclose(exact.y, np.sin(2 * exact.x) + 0.3 * exact.x))
    True
    """
    n = as_count("n", n)
    if n < 2:
        raise ValueError(f"n must be at least 2, got {n}")
    noise = as_number("noise", noise)
    if noise < 0:
        raise ValueError(f"noise must not be negative, got {noise}")
    seed = as_count("seed", seed)
    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(-3.0, 3.0, n))
    y = np.sin(2 * x) + 0.3 * x + rng.normal(0.0, noise, n)
    return Dataset(
        x=x,
        y=y,
        x_label="x",
        y_label="y",
        description=f"{n} points about y = sin(2x) + 0.3x for x in [-3, 3], noise {noise:g}"
        f" (seed {seed})",
    )
