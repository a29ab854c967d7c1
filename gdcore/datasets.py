"""Small, seeded data sets for the lessons.

Every data set here is made by a few lines of NumPy from a fixed seed, so every run of every
notebook sees the same numbers. None is downloaded.
"""

from dataclasses import dataclass

import numpy as np

from ._validate import as_count, as_number, as_pair

__all__ = [
    "Dataset",
    "as_dataset",
    "coastal_temperatures",
    "mountain_temperatures",
    "noisy_line",
    "wavy_curve",
]


@dataclass(frozen=True)
class Dataset:
    """Paired observations with their labels and a note on how they were made.

    Attributes
    ----------
    x : ndarray, shape (n,) or (n, k)
        One feature, or k features, one column each.
    y : ndarray, shape (n,)
    x_label, y_label : str
        Axis labels, with units (with k features, `x_label` names them all).
    description : str
    feature_labels : tuple of str
        With k features, the label of each column, with its unit; empty with one.
    """

    x: np.ndarray
    y: np.ndarray
    x_label: str
    y_label: str
    description: str
    feature_labels: tuple = ()


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


def coastal_temperatures(n=50, *, seed=0):
    r"""Summer afternoon temperatures at stations that differ in altitude and in distance from
    the sea: two features in different units.

    A synthetic set, made for the lesson on several features (no real measurements). The
    `n` stations are drawn independently, uniformly between 0 and 2,500 m of altitude and 0
    and 300 km from the coast. The temperature is

    .. math::

        T = 17 - 0.0065\,a + 0.025\,d + \varepsilon \;\text{°C}, \qquad
        \varepsilon \sim \text{normal}(0, 0.8^2),

    with `a` the altitude in metres and `d` the distance from the sea in km: 17 °C at sea
    level on the coast, the standard lapse rate of 6.5 °C per 1,000 m, a summer inland
    warming of 2.5 °C per 100 km (away from the sea's cooling), and station-to-station noise
    of 0.8 °C.

    Altitudes run to thousands and distances to hundreds, so the raw features make a long,
    thin bowl; standardised, nearly a round one (the two are drawn independently, so they
    are only weakly correlated).

    Parameters
    ----------
    n : int, default 50
        Number of stations, at least 4 (three weights to fit, and one point to spare).
    seed : int, default 0

    Returns
    -------
    Dataset
        ``x`` of shape (n, 2): altitude (m), then distance from the sea (km); ``y`` the
        temperature in °C.

    Examples
    --------
    >>> data = coastal_temperatures()
    >>> data.x.shape, data.feature_labels
    ((50, 2), ('altitude (m)', 'distance from the sea (km)'))
    >>> exact = coastal_temperatures(5, seed=3)
    >>> bool(np.all(exact.x[:, 0] <= 2500) and np.all(exact.x[:, 1] <= 300))
    True
    """
    n = as_count("n", n)
    if n < 4:
        raise ValueError(f"n must be at least 4 to fit three weights, got {n}")
    seed = as_count("seed", seed)
    rng = np.random.default_rng(seed)
    altitude_m = rng.uniform(0.0, 2500.0, n)
    distance_km = rng.uniform(0.0, 300.0, n)
    temperature = (17.0 - LAPSE_RATE / 1000 * altitude_m + 0.025 * distance_km
                   + rng.normal(0.0, 0.8, n))
    labels = ("altitude (m)", "distance from the sea (km)")
    return Dataset(
        x=np.column_stack([altitude_m, distance_km]),
        y=temperature,
        x_label=", ".join(labels),
        y_label="temperature (°C)",
        description=(
            f"{n} weather stations, synthetic: 17 °C at sea level on the coast, {LAPSE_RATE} °C "
            "colder per 1000 m of altitude, 2.5 °C warmer per 100 km inland, noise 0.8 °C "
            f"(seed {seed})"
        ),
        feature_labels=labels,
    )
