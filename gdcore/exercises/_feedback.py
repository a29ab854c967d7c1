"""The verdict a checker gives, and the careful readers of whatever a learner passes.

The readers never raise, whatever the learner's object does in its ``__str__`` or
``__float__``: a checker reports what went wrong instead of failing with it.
"""

import html
import re
import warnings
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Feedback:
    """The verdict on a learner's answer, which shows itself as a coloured box in a notebook.

    Attributes
    ----------
    passed : bool
        Whether the answer is right. ``bool(feedback)`` is the same, so that
        ``assert check_mse_gradient(my_gradient)`` works.
    message : str
        Plain text, in the second person: what is right, or which slip it looks like.

    Examples
    --------
    >>> feedback = Feedback(passed=True, message="Correct!")
    >>> bool(feedback), str(feedback)
    (True, '✔ Correct!')
    """

    passed: bool
    message: str

    def __bool__(self):
        return self.passed

    def __str__(self):
        return f"{'✔' if self.passed else '✘'} {self.message}"

    def _repr_pretty_(self, printer, cycle):
        # IPython's plain-text display: the message, not the dataclass's field list.
        printer.text(str(self))

    def _repr_html_(self):
        # Inline styles only, so the box needs no stylesheet. Where they are stripped (GitHub
        # sanitises notebook HTML), the bold mark and the words "Correct!" / "Not yet:" still
        # say it all. The text colour is set too, for dark themes.
        accent, background = ("#1a7f37", "#e6f4ea") if self.passed else ("#9a6700", "#fff5d6")
        mark = "✔" if self.passed else "✘"
        text = re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(self.message))
        text = text.replace("\n", "<br>")
        return (
            f'<div style="border-left: 6px solid {accent}; background: {background}; '
            'color: #1f2328; padding: 0.6em 0.9em; margin: 0.4em 0; border-radius: 4px; '
            'font-size: 1.1em; line-height: 1.5">'
            f'<strong style="color: {accent}">{mark}</strong> {text}</div>'
        )


def not_yet(text):
    """Feedback that the answer is not right yet: "Not yet: " and `text`."""
    return Feedback(False, f"Not yet: {text}")


def safe_text(value, limit=300):
    """``str(value)``, cut to `limit` characters, even when its ``__str__`` itself fails."""
    try:
        text = str(value)
    except Exception:  # a learner's exception class may break in its own message
        return "(its message could not be shown)"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def failure(error):
    """An exception as "TypeError: its message", for the feedback."""
    detail = safe_text(error)
    return type(error).__name__ + (f": {detail}" if detail else "")


def to_float(item):
    """``(float(item), None)``, or ``(None, error)`` when `item` cannot be one.

    Anything ``float()`` takes is a number here: a float, an int, a Fraction, a Decimal, a
    NumPy scalar, a SymPy number, a one-element tensor. Its warnings are not the learner's
    concern and are dropped.
    """
    if isinstance(item, (str, bytes, bool, np.bool_)):
        return None, None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return float(item), None
    except Exception as error:
        return None, error

