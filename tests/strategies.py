"""Hypothesis strategies shared by the tests: data sets for a line, and bad inputs."""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

finite = st.floats(-100, 100, allow_nan=False, allow_infinity=False)


@st.composite
def line_data(draw, min_size=2, max_size=40):
    """(x, y) of one length whose x takes at least two clearly different values."""
    n = draw(st.integers(min_size, max_size))
    x = draw(arrays(float, n, elements=finite))
    y = draw(arrays(float, n, elements=finite))
    if np.ptp(x) < 1e-3:
        x = x + np.linspace(0, 1, n)
    return x, y


# Values that no data argument should accept, with the exception each must raise.
BAD_DATA = [
    ([], ValueError),
    ([1.0, np.nan], ValueError),
    ([1.0, np.inf], ValueError),
    ([[1.0, 2.0]], ValueError),
    ("abc", TypeError),
    ([1.0, "a"], TypeError),
    (None, TypeError),
    ({"x": 1.0}, TypeError),
    ([[1.0, 2.0], [3.0]], TypeError),
    ([1.0, None], TypeError),
    (["1", "2"], TypeError),
    ([1j, 2j], TypeError),
]

# Values that no learning rate should accept.
BAD_RATES = [
    (0.0, ValueError),
    (-0.1, ValueError),
    (np.nan, ValueError),
    (np.inf, ValueError),
    ("0.1", TypeError),
    (True, TypeError),
    (None, TypeError),
]

# Values that no step count should accept.
BAD_COUNTS = [(-1, ValueError), (2.5, TypeError), (10.0, TypeError), (True, TypeError)]
