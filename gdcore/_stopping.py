"""The stopping rules every descent shares: when a run has converged, diverged or overflowed.

A run converges once its gradient's length is at most `tolerance`, and diverges once that
length passes `divergence_factor` times its length at the start (for stochastic descent, or
its first batch's, if that is longer), or once a number overflows. These helpers check the
two settings, measure lengths without overflowing, and cut a run where its loss left the
numbers behind; :mod:`gdcore.descent` and :mod:`gdcore.stochastic` use them.
"""

import numpy as np

from ._validate import as_count, as_number, as_positive

__all__ = []


def _check_common(learning_rate, steps, tolerance, divergence_factor):
    return (
        as_positive("learning_rate", learning_rate),
        as_count("steps", steps),
        _as_tolerance(tolerance),
        _as_divergence_factor(divergence_factor),
    )


def _as_tolerance(tolerance):
    tolerance = as_number("tolerance", tolerance)
    if tolerance < 0:
        raise ValueError(f"tolerance must not be negative, got {tolerance}")
    return tolerance


def _as_divergence_factor(factor):
    factor = as_positive("divergence_factor", factor)
    if factor <= 1:
        raise ValueError(f"divergence_factor must be greater than 1, got {factor}")
    return factor


def _length(g):
    """The length of `g`, or of each row of a stack: finite whenever `g` is.

    ``np.linalg.norm`` squares the entries first, so a gradient of 1e200 (finite) would have
    an infinite length; ``hypot`` scales as it goes and does not overflow.
    """
    return np.hypot.reduce(np.abs(g), axis=-1)


def _limit(divergence_factor, length):
    """The gradient length past which a run has diverged, kept below infinity (one per run,
    for an array of lengths).

    The product may overflow (a huge start, a huge factor); an infinite limit could never be
    passed, and the walk would run on into overflow. The largest float can be: any length
    that is not finite (or NaN) is past it.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        return np.minimum(divergence_factor * length, np.finfo(float).max)


def _checked_gradient(gradient, w, *args, name="gradient"):
    """Call the user's gradient quietly; return None when the answer is not finite."""
    with np.errstate(over="ignore", invalid="ignore"):
        g = np.asarray(gradient(w, *args), dtype=float)
    if g.shape != w.shape:
        raise ValueError(
            f"{name} must return an array of the start's shape {w.shape}, got {g.shape}"
        )
    return g if np.all(np.isfinite(g)) else None


def _arrive(gradient, w, limit, path, norms, *args, name="gradient"):
    """Take the walk to `w`: record it with its slope's length, and return the slope, or None
    when the walk has diverged there (the slope longer than `limit`, or not finite; `w` is
    recorded only if its slope is finite)."""
    g = _checked_gradient(gradient, w, *args, name=name) if np.all(np.isfinite(w)) else None
    norm = np.inf if g is None else _length(g)
    if np.isfinite(norm):
        path.append(w)
        norms.append(norm)
    return g if norm <= limit else None


def _record_losses(loss, path, norms, status):
    """Evaluate `loss` along the path, and cut the run where the loss overflowed.

    Returns
    -------
    (path, norms, losses, status) : ndarray, ndarray, ndarray or None, str
    """
    path, norms = np.array(path), np.array(norms)
    if loss is None:
        return path, norms, None, status
    with np.errstate(over="ignore", invalid="ignore"):
        losses = np.array([loss(p) for p in path], dtype=float)
    if not np.isfinite(losses[0]):
        raise ValueError("loss is not finite at the start")
    # A loss that overflowed marks where the walk left the numbers behind: stop there.
    end = np.argmin(np.isfinite(losses)) or len(losses)
    if end < len(losses):
        path, norms, losses, status = path[:end], norms[:end], losses[:end], "diverged"
    return path, norms, losses, status


def _first_stop(converged, diverged, finite, steps):
    """Where a walk computed for every step at once stops, as the loop would: at the first
    step that converged or diverged (a point past the numbers, not finite, is not recorded).
    Returns the number of points to keep and the status."""
    diverged = diverged.copy()
    diverged[0] = False
    stops = np.flatnonzero(converged | diverged)
    if not stops.size:
        return steps + 1, "max_steps"
    end = stops[0]
    return end + 1 - (not finite[end]), "converged" if converged[end] else "diverged"
