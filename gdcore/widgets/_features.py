"""Lesson 05: the units of a feature reshape the bowl, and polynomials are lines in disguise."""

import ipywidgets as widgets
import numpy as np

from .. import plotting, theory
from ..datasets import as_dataset, mountain_temperatures, wavy_curve
from ..linear_model import (
    linear_least_squares,
    linear_mse,
    linear_mse_descent,
    linear_mse_hessian,
    polynomial_design,
    standardize,
)
from ..regression import mse_landscape
from ._explorer import Explorer, figure_with, int_slider, log_slider, within
from ._words import amount, describe_run, factor, fixed, plural

__all__ = ["polynomial_explorer", "scaling_explorer"]


def scaling_explorer(data=None, unit=1000.0, steps=100):
    """Change the unit of the feature, or standardise it, and watch the bowl change shape.

    The feature (altitude in km by default) is multiplied by `unit` (1000 turns km into m),
    or standardised to mean 0 and standard deviation 1. The loss contours over (m, b) are
    drawn around the least-squares answer with the walk of gradient descent at the best
    fixed rate; the status gives the condition number, the wall, the best rate, and the
    steps the theory predicts to shrink the error a millionfold.

    Parameters
    ----------
    data : Dataset, optional
        :func:`gdcore.mountain_temperatures` by default.
    unit : float, default 1000
        The factor the feature is multiplied by.
    steps : int, default 100

    Returns
    -------
    Explorer
    """
    data = as_dataset(data, default=mountain_temperatures)
    unit = within("unit", unit, 1e-2, 1e4)
    steps = within("steps", steps, 0, 10_000, whole=True)
    controls = {"unit": log_slider(unit, 1e-2, 1e4, "feature × "),
                "standardise": widgets.Checkbox(value=False, indent=False,
                                                description="standardise the feature")}

    def bowl():
        """The loss over (m, b) for the chosen feature, the walk at its best rate, the part
        of the map that holds the walk, and the map's title."""
        if controls["standardise"].value:
            feature, name = standardize(data.x)[0], "standardised feature"
        else:
            scale = controls["unit"].value
            feature, name = data.x * scale, f"feature × {scale:.3g}"
        land = mse_landscape(feature, data.y)
        # The line's loss is the linear model's with columns (x, 1): its walk, in closed form.
        run = linear_mse_descent(np.column_stack([feature, np.ones_like(feature)]), data.y,
                                 theory.optimal_learning_rate(land.hessian), steps)
        return land, run, plotting.window_including(run.path, land.window), name

    figure, axes = figure_with(5.6, [["map"]])
    ax = axes["map"]
    land, run, window, name = bowl()
    # Another unit is another bowl, drawn anew around the walk; the map's frame stays put and
    # its ruler moves, so that a move repaints the map, not the whole figure.
    framed = plotting.plot_framed_contours(ax, land, window)
    path = plotting.plot_path(ax, framed.to_frame(run.path))
    title = plotting.plot_title(ax, name)
    status = widgets.HTML()

    def update():
        land, run, window, name = bowl()
        plotting.set_framed_contours(framed, land, window)
        plotting.set_path(path, framed.to_frame(run.path))
        plotting.set_title(title, name)
        hessian, best_rate = land.hessian, run.learning_rate
        low, high = theory.curvatures(hessian)
        predicted = theory.steps_to_reduce(hessian, best_rate, 1e-6)
        shrink = theory.contraction(hessian, best_rate)
        condition = f"{high / low:,.1f}" if high / low < 1e6 else amount(high / low)
        wall, best_text = f"{2 / high:.3g}", f"{best_rate:.3g}"
        if wall == best_text:  # κ so large that the two agree to three digits: say how close
            best_text += f" (below the wall by a fraction {low / (low + high):.2g} of it)"
        text = (f"Condition number <b>{condition}</b>; the wall at η = {wall}; the best"
                f" rate η = {best_text} ")
        if shrink < 1e-12:  # a round bowl: one step at the best rate lands on the bottom
            text += "removes the whole error in <b>1 step</b>. "
        elif shrink >= 1:
            text += ("cannot shrink the error at all: in floating point 1 − 2/(κ + 1) rounds"
                     " to 1. ")
        else:
            text += (f"keeps at most {factor(shrink)} of the error each step, so shrinking it"
                     f" a millionfold needs <b>{amount(predicted)} steps</b>. ")
        status.value = text + describe_run(run)
        return run

    # Painted in this order over the rest: the grid under the rings, the walk over them, the
    # answer's star over the walk.
    return Explorer(controls, figure, status, update,
                    moving={"grid": framed.ruler.grid, "contours": framed.contours,
                            "path": path, "minima": framed.minima,
                            "ruler": (framed.ruler.marks, *framed.ruler.labels),
                            "title": title})


def polynomial_explorer(degree=3, steps=3000):
    """Fit polynomials of any degree to a wavy curve, by least squares and by descent.

    A polynomial is linear in its weights, so the same gradient fits it. Left, the training
    points (blue), fresh points from the same curve held out for testing (grey), the
    least-squares polynomial (green, dashed) and gradient descent's after the chosen steps
    (vermillion), on standardised powers of x (:func:`gdcore.polynomial_design`). Right, the
    error on the training points and on the held-out points for every degree, with the
    chosen one marked.

    Parameters
    ----------
    degree : int, default 3
    steps : int, default 3000

    Returns
    -------
    Explorer
    """
    degree = within("degree", degree, 1, 12, whole=True)
    steps = within("steps", steps, 0, 20_000, whole=True)
    train, test = wavy_curve(15, noise=0.2, seed=0), wavy_curve(100, noise=0.2, seed=1)
    controls = {"degree": int_slider(degree, 1, 12, "degree"),
                "steps": int_slider(steps, 0, 20_000, "descent steps", step=500)}

    def design(x, d):
        return polynomial_design(x, d, reference=train.x)

    degrees = np.arange(1, controls["degree"].max + 1)
    errors = np.array([[linear_mse(linear_least_squares(design(train.x, d), train.y),
                                   design(points.x, d), points.y) for points in (train, test)]
                       for d in degrees])

    figure, axes = figure_with(4.4, [["fit", "errors"]], width_ratios=[1.5, 1])
    ax_fit = axes["fit"]
    plotting.plot_samples(ax_fit, train, test)
    curve_x = np.linspace(-3, 3, 300)
    exact = plotting.plot_curve(ax_fit, color=plotting.COLORS["optimum"], dashed=True,
                                label="least squares")
    walked = plotting.plot_curve(ax_fit, label="descent")
    plotting.set_view(ax_fit, ylim=plotting.limits_including(test.y, (test.y.min(),
                                                                      test.y.max()), 0.3))
    plotting.plot_legend(ax_fit, small=True, loc="upper left", ncols=2)
    plotting.style_axes(ax_fit, xlabel="x", ylabel="y")
    chosen = plotting.plot_degree_errors(axes["errors"], degrees, errors, degree)
    status = widgets.HTML()

    def fit(d):
        """What the degree alone decides: the curve's design, the least-squares curve, the
        condition number, and the walk to the steps slider's end, which each number of steps
        cuts short."""
        X = design(train.x, d)
        hessian = linear_mse_hessian(X)
        low, high = theory.curvatures(hessian)
        walk = linear_mse_descent(X, train.y, theory.optimal_learning_rate(hessian),
                                  controls["steps"].max)
        curve = design(curve_x, d)
        return curve, curve @ linear_least_squares(X, train.y), walk, high / low

    # Every degree's, up front: each walk comes from its closed form in a few milliseconds,
    # where a loop of 20,000 steps took seconds, so that a move of either slider only picks a
    # degree's and draws.
    fits = {d: fit(d) for d in range(1, controls["degree"].max + 1)}

    def update():
        d = controls["degree"].value
        curve, least_squares, walk, condition = fits[d]
        run = walk.first(controls["steps"].value)
        plotting.set_curve(exact, curve_x, least_squares)
        plotting.set_curve(walked, curve_x, curve @ run.final)
        plotting.set_degree_errors(chosen, d)
        status.value = (
            f"Degree {d}: {d + 1} weights, condition number {amount(condition)}. Least"
            f" squares: training error {fixed(errors[d - 1, 0], 3)}, held-out error"
            f" {fixed(errors[d - 1, 1], 3)}. Descent after {plural(run.steps, 'step')}:"
            f" training error {fixed(run.losses[-1], 3)}."
        )
        return run

    return Explorer(controls, figure, status, update,
                    moving={"least_squares": exact, "descent": walked,
                            "chosen": chosen.chosen})
