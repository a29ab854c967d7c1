"""Tests for gdcore.widgets: every explorer, driven through every corner of its sliders.

Warnings are errors here (pyproject.toml), so "no warning" is checked by every test.
"""

import dataclasses
import io
import itertools
import re
import subprocess
import sys

import ipywidgets
import matplotlib.figure
import matplotlib.text
import numpy as np
import pytest

import gdcore
from gdcore import widgets

EXPLORERS = [getattr(widgets, name) for name in widgets.__all__]


@pytest.fixture(params=EXPLORERS, ids=lambda f: f.__name__)
def explorer(request):
    return request.param()


def drawn_points(artist):
    """The points an artist draws: a line's vertices, a collection's segment ends, a text's
    anchor, or an image's extent corners."""
    if hasattr(artist, "get_xydata"):
        return np.asarray(artist.get_xydata(), dtype=float)
    if hasattr(artist, "get_segments"):
        return np.concatenate([*artist.get_segments(), np.empty((0, 2))])
    if isinstance(artist, matplotlib.text.Text):  # a title, a ruler's label
        return np.asarray([artist.get_position()], dtype=float)
    x0, x1, y0, y1 = artist.get_extent()
    return np.array([[x0, y0], [x1, y1]], dtype=float)


def corners(slider):
    """The minimum, the maximum and a few values between, in the slider's own scale."""
    if isinstance(slider, ipywidgets.FloatLogSlider):
        return [slider.base**e for e in np.linspace(slider.min, slider.max, 4)]
    if isinstance(slider, ipywidgets.IntSlider):
        return sorted({slider.min, (slider.min + slider.max) // 3, slider.max})
    return list(np.linspace(slider.min, slider.max, 4))


def test_every_explorer_is_a_widget_when_called_with_no_arguments(explorer):
    assert isinstance(explorer, ipywidgets.Widget)
    assert explorer.sliders and explorer.status.value


def test_every_combination_of_slider_corners_draws_cleanly(explorer):
    for values in itertools.product(*(corners(s) for s in explorer.sliders)):
        for slider, value in zip(explorer.sliders, values, strict=True):
            slider.value = value
        run = explorer.run
        if run is not None:  # an explorer of slopes, not of walks, has no run
            assert np.all(np.isfinite(run.path)) and np.all(np.isfinite(run.losses))
        for artist in explorer.moving_artists:
            assert np.all(np.isfinite(drawn_points(artist)))
        check_status_agrees_with_theory(explorer)
        check_status_reads_true(explorer.status.value)


# Slips a status line must not make: a plural after 1, a factor printed as 1.000000 or
# 0.000000 (neither, when rounded that far), a ratio of "1.0×", a NaN or an infinity, a slope
# of ±0.00 with a direction, a number ten digits long or with decimals after five digits, the
# wall and the best rate printed as one number with nothing to tell them apart, or a traceback.
SLIPS = [r"(?<![\d.,])1 (steps|epochs|weights)\b", r"\b1\.0×", r"\b1\.0{4,}(?!\d)",
         r"\b0\.0{5,}(?!\d)", r"\bnan\b", r"\binf\b", r"[+-]0\.00\b.*downhill is",
         r"\d{10}", r"\d{5}\.\d", r"wall at η = ([^;]+); the best rate η = \1 (?!\()",
         r"Traceback"]


def check_status_reads_true(status):
    for slip in SLIPS:
        assert not re.search(slip, status), f"{slip!r} in {status!r}"


def check_status_agrees_with_theory(explorer):
    """An explorer that knows its curvature says what the run did and what theory expects."""
    run, status = explorer.run, explorer.status.value
    if explorer.hessian is not None:
        steps = f"{run.steps} step{'' if run.steps == 1 else 's'}"
        expected = {"converged": [f"Converged in {steps}"],
                    "diverged": [f"Diverged at step {run.steps}"],
                    "max_steps": [f"Still walking after {steps}", f"Climbing away after {steps}",
                                  "At the start"]}[run.status]
        assert any(phrase in status for phrase in expected), status
        regime = gdcore.regime(explorer.hessian, run.learning_rate)
        assert f">{regime}</b>" in status
        if regime == "diverging":
            assert run.status != "converged"
        else:
            assert run.status != "diverged", f"η = {run.learning_rate} diverged as {regime}"


def test_the_walk_stays_in_view(explorer):
    # Whatever a slider says, every marked point (a walk, the heights) lies inside the
    # axes' limits. Lines without markers (a curve, a tangent) may run past the edge.
    moves = [(slider, value) for slider in explorer.sliders for value in corners(slider)]
    for slider, value in moves:
        slider.value = value
        for line in explorer.moving_artists:
            marker = getattr(line, "get_marker", lambda: None)()
            if marker in ("None", None, "") or not line.get_visible():
                continue
            x, y = drawn_points(line).T
            (x0, x1), (y0, y1) = line.axes.get_xlim(), line.axes.get_ylim()
            assert np.all((x0 <= x) & (x <= x1) & (y0 <= y) & (y <= y1)), line


def test_still_picture_replaces_raw_widget_text(explorer):
    bundle = explorer._repr_mimebundle_()
    assert bundle["image/png"].startswith("iVBOR")  # base64 of the PNG signature
    assert "VBox(" not in bundle["text/plain"]
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_a_slider_move_changes_the_picture(explorer):
    canvas = explorer.figure.canvas
    before = np.asarray(canvas.buffer_rgba()).copy()
    explorer.sliders[0].value = explorer.sliders[0].max
    assert not np.array_equal(before, np.asarray(canvas.buffer_rgba()))


def test_walk_explorer_reports_divergence_in_words():
    explorer = widgets.mountain_walk_explorer(learning_rate=8.0, steps=50)
    assert explorer.run.status == "diverged"
    assert "Diverged at step" in explorer.status.value and ">diverging</b>" in explorer.status.value


def test_walk_explorer_rejects_a_landscape_that_is_not_1d():
    with pytest.raises(TypeError, match="landscape must be a 1-D Landscape"):
        widgets.mountain_walk_explorer(gdcore.bowl())


def test_describe_run_says_each_ending():
    square = lambda w: 2 * w  # noqa: E731
    assert "Converged in" in widgets.describe_run(gdcore.gradient_descent(square, 1.0, 0.25, 99))
    assert "Diverged at step" in widgets.describe_run(gdcore.gradient_descent(square, 1.0, 2, 99))
    assert "Still walking" in widgets.describe_run(gdcore.gradient_descent(square, 1.0, 0.01, 3))
    assert "Climbing away after 20 steps" in widgets.describe_run(
        gdcore.gradient_descent(square, 1.0, 1.1, 20))
    assert "Converged in 1 step</b>" in widgets.describe_run(
        gdcore.gradient_descent(square, 1.0, 0.5, 9))


def test_importing_widgets_leaves_the_matplotlib_backend_alone():
    # ipympl makes itself pyplot's backend on import; the lessons' static figures need the
    # backend the notebook chose. A fresh interpreter, since gdcore is imported here already.
    code = ("import matplotlib; matplotlib.use('svg'); import matplotlib.pyplot as plt; "
            "plt.ion(); import gdcore.widgets; "
            "print(matplotlib.get_backend(), plt.isinteractive())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["svg", "True"]


def test_blindfold_game_hides_the_mountain_until_revealed():
    game = widgets.blindfold_game()
    controls = game.controls
    rate, follow, size = controls["learning_rate"], controls["follow"], controls["size"]
    right, reveal, new = controls["right"], controls["reveal"], controls["new"]
    profile = game.moving["profile"]
    assert not profile.get_visible() and "downhill is to the <b>right</b>" in game.status.value
    size.value = 0.5
    right.click()
    right.click()
    follow.click()
    walked = game.moving["mine"].steps.get_xdata()  # the learner's steps
    assert list(walked[:3]) == [-4.2, -3.7, -3.2]
    slope = gdcore.mountain_profile().gradient([-3.2])[0]
    assert walked[3] == pytest.approx(-3.2 - rate.value * slope)
    reveal.value = True
    assert profile.get_visible()
    gd = gdcore.gradient_descent(gdcore.mountain_profile().gradient, -4.2, rate.value, 3)
    assert f"x = {gd.final[0]:.2f}" in game.status.value  # descent's walk, same start and steps
    new.click()
    assert not profile.get_visible() and game.moving["mine"].steps.get_xdata()[0] == 4.6


def test_blindfold_game_keeps_the_walker_on_the_map():
    game = widgets.blindfold_game()
    size, left = game.controls["size"], game.controls["left"]
    size.value = size.max
    for _ in range(5):
        left.click()
    assert game.moving["mine"].steps.get_xdata()[-1] == gdcore.mountain_profile().window[0, 0]


def test_secant_slope_approaches_the_derivative():
    explorer = widgets.secant_explorer(x=-3.0)
    land = gdcore.mountain_profile()
    exact = land.gradient([-3.0])[0]
    gaps = []
    for h in (2.0, 0.2, 0.002):
        explorer.controls["h"].value = h
        secant = explorer.moving["secant"].line
        (x0, x1), (y0, y1) = secant.get_xdata()[[0, -1]], secant.get_ydata()[[0, -1]]
        gaps.append(abs((y1 - y0) / (x1 - x0) - exact))
    assert gaps[0] > gaps[1] > gaps[2] and gaps[2] < 1e-2
    assert f"{exact:.4f}" in explorer.status.value


def test_batch_size_explorer_at_full_batch_walks_as_gradient_descent():
    explorer = widgets.batch_size_explorer(batch_size=24, learning_rate=0.1, epochs=30)
    data = gdcore.mountain_temperatures()
    land = gdcore.mse_landscape(data.x, data.y)
    plain = gdcore.gradient_descent(land.gradient, [0.0, 0.0], 0.1, 30, tolerance=0)
    np.testing.assert_allclose(explorer.run.path, plain.path, rtol=1e-12, atol=1e-12)
    assert "30 steps in 30 epochs" in explorer.status.value


def test_batch_size_explorer_is_repeatable_and_decay_settles_the_noise():
    explorer = widgets.batch_size_explorer(batch_size=1, learning_rate=0.1)
    data = gdcore.mountain_temperatures()
    best = np.array(gdcore.least_squares(data.x, data.y))
    noisy = explorer.run.path.copy()
    assert np.array_equal(widgets.batch_size_explorer(batch_size=1).run.path, noisy)
    explorer.controls["decay"].value = 0.3
    assert "the rate fell from η = 0.1" in explorer.status.value
    assert np.linalg.norm(explorer.run.final - best) < np.linalg.norm(noisy[-1] - best) / 10


def test_momentum_explorer_counts_the_steps_of_both_walks():
    explorer = widgets.momentum_explorer(momentum=0.7)
    land = gdcore.bowl(50.0)
    eta = explorer.controls["learning_rate"].value
    plain = gdcore.gradient_descent(land.gradient, [-2.8, 0.8], eta, 2000)
    ball = gdcore.momentum_descent(land.gradient, [-2.8, 0.8], eta, 0.7, 2000)
    assert ball.steps < plain.steps
    assert f"converged in {plain.steps} steps" in explorer.status.value
    assert f"converged in {ball.steps} steps" in explorer.status.value
    assert "fewer steps" in explorer.status.value


def test_momentum_explorer_walks_as_the_loops_do_across_its_sliders():
    # The explorer walks in closed form; the loops are the definition.
    explorer = widgets.momentum_explorer()
    land, rate = gdcore.bowl(50.0), explorer.controls["learning_rate"]
    for beta in (0.0, 0.9, 0.99):
        explorer.controls["momentum"].value = beta
        for exponent in np.linspace(rate.min, rate.max, 8):
            rate.value = rate.base**exponent
            ball = gdcore.momentum_descent(land.gradient, [-2.8, 0.8], rate.value, beta, 2000)
            assert (explorer.run.status, explorer.run.steps) == (ball.status, ball.steps)


def test_momentum_explorer_past_the_wall_only_the_ball_arrives():
    explorer = widgets.momentum_explorer(momentum=0.9)
    wall = gdcore.critical_learning_rate(gdcore.bowl(50.0).hessian)
    explorer.controls["learning_rate"].value = 1.5 * wall
    assert "Plain descent <b>diverged at step" in explorer.status.value
    assert "Only the heavy ball arrived" in explorer.status.value
    # The diverging walk is drawn only while it stays near the map, so the map stays readable.
    ax_map = explorer.moving["plain"].steps.axes
    (x0, x1), (y0, y1) = ax_map.get_xlim(), ax_map.get_ylim()
    assert x1 - x0 < 40 and y1 - y0 < 40


def test_polynomial_explorer_degree_axis_has_whole_number_ticks():
    explorer = widgets.polynomial_explorer()
    (ax_err,) = [ax for ax in explorer.figure.axes if ax.get_xlabel() == "degree"]
    ticks = ax_err.get_xticks()
    assert list(ticks) == list(range(1, 13))  # one tick per degree, none at 2.5 or 7.5


def test_polynomial_explorer_walk_is_the_loop_of_gradient_descent():
    # The explorer cuts one closed-form walk per degree short; it must be the walk the loop
    # takes for the chosen steps: the same ending (degree 3 converges at step 724) and point.
    explorer = widgets.polynomial_explorer()
    train = gdcore.wavy_curve(15, noise=0.2, seed=0)
    for degree, steps in [(1, 500), (3, 20_000), (3, 500), (7, 3000), (12, 1000)]:
        explorer.controls["degree"].value = degree
        explorer.controls["steps"].value = steps
        X = gdcore.polynomial_design(train.x, degree)
        rate = gdcore.optimal_learning_rate(gdcore.linear_mse_hessian(X))
        loop = gdcore.gradient_descent(lambda w, X=X: gdcore.linear_mse_gradient(w, X, train.y),
                                       np.zeros(degree + 1), rate, steps)
        run = explorer.run
        assert (run.status, run.steps) == (loop.status, loop.steps)
        assert np.allclose(run.final, loop.final, rtol=1e-9, atol=1e-9)


# --- odd input: a kind, named answer, never a traceback from deep inside --------------------

DATA_EXPLORERS = [widgets.fit_explorer, widgets.learning_rate_explorer,
                  widgets.batch_size_explorer, widgets.scaling_explorer]
ODD_DATA = {
    "metres": lambda: gdcore.mountain_temperatures(units="m"),  # condition number ~1e13
    "exact fit": lambda: gdcore.noisy_line(10, noise=0.0),  # least-squares loss 0
    "two points": lambda: ([0.0, 1.0], [1.0, 3.0]),
    "x, y pair": lambda: (np.linspace(0.0, 3.0, 6), np.array([1.0, 2.2, 2.9, 4.1, 5.0, 6.1])),
}


def slider_extremes(explorer):
    """Each slider alone at its minimum and its maximum, then all at once at each end."""
    sliders = explorer.sliders
    for slider in sliders:
        yield [(slider, slider.min if not isinstance(slider, ipywidgets.FloatLogSlider)
                else slider.base**slider.min)]
        yield [(slider, slider.max if not isinstance(slider, ipywidgets.FloatLogSlider)
                else slider.base**slider.max)]
    for end in ("min", "max"):
        yield [(s, getattr(s, end) if not isinstance(s, ipywidgets.FloatLogSlider)
                else s.base ** getattr(s, end)) for s in sliders]


@pytest.mark.parametrize("kind", ODD_DATA)
@pytest.mark.parametrize("make", DATA_EXPLORERS, ids=lambda f: f.__name__)
def test_odd_data_builds_and_every_slider_extreme_draws_cleanly(make, kind):
    explorer = make(data=ODD_DATA[kind]())
    assert explorer.status.value and explorer.error is None
    for moves in slider_extremes(explorer):
        for slider, value in moves:
            slider.value = value
        assert explorer.error is None, explorer.status.value
        check_status_reads_true(explorer.status.value)
        for artist in explorer.moving_artists:
            assert np.all(np.isfinite(drawn_points(artist)))


def test_learning_rate_explorer_says_why_no_rate_converges_on_data_in_metres():
    explorer = widgets.learning_rate_explorer(data=gdcore.mountain_temperatures(units="m"))
    status = explorer.status.value
    assert "No learning rate on the slider converges within 20,000 steps" in status
    assert "condition number" in status


def test_an_x_y_pair_is_the_same_data_as_a_dataset():
    data = gdcore.mountain_temperatures()
    for make in DATA_EXPLORERS:
        assert make(data=(data.x, data.y)).status.value == make(data=data).status.value


def test_data_that_is_not_data_is_refused_by_name():
    for make in DATA_EXPLORERS:
        with pytest.raises(TypeError, match="data must be a Dataset or an"):
            make(data="temperatures")


def _without_minima(land):
    return dataclasses.replace(land, minima=np.empty((0, 1)))


def test_walk_explorer_on_a_landscape_without_minima_walks_without_theory():
    explorer = widgets.mountain_walk_explorer(_without_minima(gdcore.mountain_profile()))
    assert explorer.hessian is None and "Still walking after 12 steps" in explorer.status.value
    assert "no valley floor" in explorer.status.value
    for moves in slider_extremes(explorer):
        for slider, value in moves:
            slider.value = value
        assert explorer.error is None, explorer.status.value


def test_walk_explorer_on_a_section_of_a_bowl():
    slice_ = gdcore.section(gdcore.bowl(4.0), [1.0, 0.5], axis=1)
    explorer = widgets.mountain_walk_explorer(slice_, start=-2.0, learning_rate=0.1)
    assert explorer.error is None and explorer.run.steps == 12


def test_blindfold_game_reveals_a_landscape_without_minima():
    game = widgets.blindfold_game(_without_minima(gdcore.mountain_profile()))
    reveal = game.controls["reveal"]
    reveal.value = True
    assert game.error is None
    assert "lowest point on the map is at x = 1.00" in game.status.value


def test_a_failing_slider_callback_is_named_in_the_status_line():
    explorer = widgets.mountain_walk_explorer()

    def broken():
        raise ZeroDivisionError("float division by zero")

    explorer.update = broken
    explorer.controls["learning_rate"].value = 1.0
    assert isinstance(explorer.error, ZeroDivisionError)
    assert "ZeroDivisionError" in explorer.status.value
    assert "float division by zero" in explorer.status.value


def test_a_failing_button_is_named_in_the_status_line():
    game = widgets.blindfold_game()
    right = game.controls["right"]

    def broken():
        raise IndexError("index 0 is out of bounds")

    game.update = broken
    right.click()
    assert isinstance(game.error, IndexError) and "index 0 is out of bounds" in game.status.value


def test_a_failing_callback_whose_message_breaks_is_still_named():
    class Unprintable(Exception):
        def __str__(self):
            raise ValueError("no message for you")

    def broken():
        raise Unprintable

    explorer = widgets.mountain_walk_explorer()
    explorer.update = broken
    explorer.controls["learning_rate"].value = 1.0
    assert isinstance(explorer.error, Unprintable)
    assert "Unprintable: its message could not be shown" in explorer.status.value


def test_a_working_move_after_a_failure_clears_the_message():
    explorer = widgets.mountain_walk_explorer()
    working = explorer.update
    explorer.update = lambda: 1 / 0
    explorer.controls["learning_rate"].value = 1.0
    explorer.update = working
    explorer.controls["learning_rate"].value = 0.5
    assert explorer.error is None and "ZeroDivisionError" not in explorer.status.value


def test_blindfold_game_grows_its_step_axis_in_jumps():
    # Each change of the axis limits lays out and repaints the whole figure; a press that
    # keeps them repaints only the walk. Over 500 presses the axis may change a few times.
    game = widgets.blindfold_game()
    right = game.controls["right"]
    ax_height = game.moving["my_heights"].axes
    limits = []
    for _ in range(500):
        right.click()
        limits.append(ax_height.get_xlim())
    changes = sum(a != b for a, b in itertools.pairwise(limits))
    assert changes <= 8, changes
    assert limits[-1][1] >= 500  # every step still in view


# --- status lines that are true at every setting --------------------------------------------


def test_scaling_status_says_a_factor_near_1_without_rounding_it_to_1():
    explorer = widgets.scaling_explorer()
    status = explorer.status.value
    assert "1.000000" not in status
    rho = gdcore.contraction(gdcore.mse_landscape(1000 * gdcore.mountain_temperatures().x,
                                                  gdcore.mountain_temperatures().y).hessian,
                             explorer.run.learning_rate)
    assert f"1 − {1 - rho:.2g}" in status


def test_scaling_status_tells_the_best_rate_from_the_wall_when_they_print_alike():
    status = widgets.scaling_explorer().status.value  # in metres: κ = 2.3e7
    check_status_reads_true(status)
    assert "below the wall by a fraction 4.4e-08 of it" in status


def test_fit_status_after_divergence_prints_no_row_of_digits():
    explorer = widgets.fit_explorer(learning_rate=0.18)
    step = explorer.controls["steps"]
    step.value = step.max
    status = explorer.status.value
    assert "Diverged" in status
    check_status_reads_true(status)


def test_scaling_status_once_standardised_says_one_step():
    explorer = widgets.scaling_explorer()
    explorer.controls["standardise"].value = True
    status = explorer.status.value
    assert "0.000000" not in status and "1 steps" not in status
    assert "1 step" in status


def test_scaling_explorer_moves_its_map_in_a_frame_that_stays_put():
    # A new unit repaints the map, the ruler and the title over a kept background: the axes'
    # limits (which would lay out and paint the whole figure) stay where they were.
    explorer = widgets.scaling_explorer()
    ax = explorer.moving["contours"].axes
    limits = ax.get_xlim(), ax.get_ylim()
    for unit in (0.01, 0.7, 3.0, 1e4):
        explorer.controls["unit"].value = unit
        assert (ax.get_xlim(), ax.get_ylim()) == limits


def test_scaling_explorer_ruler_reads_as_the_axis_over_its_window_would():
    explorer = widgets.scaling_explorer()
    ax = explorer.moving["contours"].axes
    data = gdcore.mountain_temperatures()
    for unit in (0.01, 0.07, 0.7, 3.0, 40.0, 1e4):
        explorer.controls["unit"].value = unit
        land = gdcore.mse_landscape(data.x * unit, data.y)
        window = gdcore.window_including(explorer.run.path, land.window)
        # The same axes, with the window as its limits, as plot_contours draws it.
        figure = matplotlib.figure.Figure(figsize=explorer.figure.get_size_inches(), dpi=100)
        plain = figure.add_axes(ax.get_position())
        gdcore.plot_contours(plain, land, window)
        figure.canvas.draw()
        (left, right) = window[0]
        expected = [(x, label.get_text())
                    for x, label in zip(plain.get_xticks(), plain.get_xticklabels(), strict=True)
                    if left - 1e-9 * (right - left) <= x <= right + 1e-9 * (right - left)]
        shown = [(left + label.get_position()[0] * (right - left), label.get_text())
                 for label in explorer.moving["ruler"][1:] if label.get_visible()]
        assert [text for _, text in shown] == [text for _, text in expected]
        assert np.allclose([x for x, _ in shown], [x for x, _ in expected])


def test_scaling_explorer_title_stays_on_the_live_picture():
    # Matplotlib moves a title that is hidden while the axes are drawn off the figure; the
    # explorer's title is hidden while the background is painted, and must still be seen.
    explorer = widgets.scaling_explorer()
    explorer.figure.canvas.syncing_data_url = False
    explorer.controls["standardise"].value = True  # new limits: a new background
    explorer.controls["unit"].value = 5.0
    title = explorer.moving["title"]
    box = title.get_window_extent(explorer.figure.canvas.get_renderer())
    assert title.get_text() == "standardised feature"
    assert explorer.figure.bbox.contains(box.x0, box.y0)
    assert explorer.figure.bbox.contains(box.x1, box.y1)


def _flat_floor():
    return gdcore.Landscape("parabola", lambda w: np.asarray(w, float)[..., 0] ** 2,
                            lambda w: 2 * np.asarray(w, float), np.array([[0.0]]),
                            np.array([[-3.0, 3.0]]))


def test_blindfold_game_on_flat_ground_names_no_direction():
    game = widgets.blindfold_game(_flat_floor(), starts=(0.0,))
    assert "downhill is to the" not in game.status.value
    assert "flat" in game.status.value


def test_blindfold_game_on_almost_flat_ground_shows_the_slope_it_names():
    land = gdcore.mountain_profile()
    game = widgets.blindfold_game(land, starts=(land.minima[0, 0] + 1e-3,))
    slope = land.gradient([land.minima[0, 0] + 1e-3])[0]
    assert "<b>+0.00</b>" not in game.status.value
    assert f"{slope:+.2g}" in game.status.value and "left" in game.status.value


def test_momentum_status_never_says_one_times_fewer():
    # A small β saves a few steps in a hundred: a ratio that rounds to 1.0.
    explorer = widgets.momentum_explorer(momentum=0.02)
    assert "Momentum needed" in explorer.status.value
    check_status_reads_true(explorer.status.value)
    for beta in np.arange(0.0, 1.0, 0.05):
        explorer.controls["momentum"].value = beta
        check_status_reads_true(explorer.status.value)


def test_describe_run_tells_a_rate_just_below_the_wall_from_the_wall():
    run = gdcore.gradient_descent(lambda w: 2 * w, 1.0, 0.99999, 5)
    text = widgets.describe_run(run, "zig-zag", 1.0)
    eta, wall = re.findall(r"η = ([\d.]+)", text)
    assert float(eta) < float(wall)


# --- arguments: refused by name, with what is allowed ------------------------------------------

BAD_ARGUMENTS = [
    (widgets.secant_explorer, {"h": 0}, ValueError, r"h must be between 0\.001 and 3"),
    (widgets.secant_explorer, {"h": -1.0}, ValueError, "h must be between"),
    (widgets.secant_explorer, {"x": 7.0}, ValueError, r"x must be between -5 and 5"),
    (widgets.scaling_explorer, {"unit": 0}, ValueError, r"unit must be between 0\.01 and"),
    (widgets.scaling_explorer, {"unit": "km"}, TypeError, "unit must be a real number"),
    (widgets.scaling_explorer, {"steps": -1}, ValueError, "steps must not be negative"),
    (widgets.fit_explorer, {"steps": 10**6}, ValueError, "steps must be between 1 and"),
    (widgets.fit_explorer, {"steps": 2.5}, TypeError, "steps must be a whole number"),
    (widgets.fit_explorer, {"learning_rate": float("nan")}, ValueError, "learning_rate"),
    (widgets.fit_explorer, {"learning_rate": -0.1}, ValueError, "learning_rate must be positive"),
    (widgets.fit_explorer, {"start": (1.0, 2.0, 3.0)}, ValueError, r"start must be a pair"),
    (widgets.fit_explorer, {"start": "origin"}, TypeError, "start must be"),
    (widgets.mountain_walk_explorer, {"learning_rate": 50}, ValueError,
     r"learning_rate must be between 0\.001 and 10, got 50"),
    (widgets.mountain_walk_explorer, {"learning_rate": True}, TypeError, "learning_rate"),
    (widgets.mountain_walk_explorer, {"start": -9.0}, ValueError, "start must be between"),
    (widgets.mountain_walk_explorer, {"start": [1.0]}, TypeError, "start must be a real"),
    (widgets.mountain_walk_explorer, {"steps": 51}, ValueError, "steps must be between 0 and 50"),
    (widgets.mountain_walk_explorer, {"steps": -1}, ValueError, "steps must"),
    (widgets.blindfold_game, {"starts": ()}, ValueError, "starts must not be empty"),
    (widgets.blindfold_game, {"starts": (9.0,)}, ValueError, "starts must lie between -5"),
    (widgets.blindfold_game, {"starts": (float("nan"),)}, ValueError, "starts"),
    (widgets.learning_rate_explorer, {"learning_rate": 5.0}, ValueError,
     "learning_rate must be between"),
    (widgets.learning_rate_explorer, {"steps": 0}, ValueError, "steps must be between 1 and 400"),
    (widgets.learning_rate_explorer, {"start": (0.0,)}, ValueError, "start must be a pair"),
    (widgets.basins_explorer, {"learning_rate": 1.0}, ValueError, "learning_rate must be betw"),
    (widgets.basins_explorer, {"steps": 0}, ValueError, "steps must be between 1 and 500"),
    (widgets.basins_explorer, {"resolution": 1}, ValueError, "resolution must be between"),
    (widgets.polynomial_explorer, {"degree": 13}, ValueError, "degree must be between 1 and 12"),
    (widgets.polynomial_explorer, {"degree": 2.0}, TypeError, "degree must be a whole number"),
    (widgets.polynomial_explorer, {"steps": 30_000}, ValueError, "steps must be between 0"),
    (widgets.batch_size_explorer, {"batch_size": 0}, ValueError,
     "batch_size must be between 1 and 24"),
    (widgets.batch_size_explorer, {"batch_size": 25}, ValueError, "batch_size must be between"),
    (widgets.batch_size_explorer, {"learning_rate": 1.0}, ValueError, "learning_rate must be"),
    (widgets.batch_size_explorer, {"decay": -0.5}, ValueError, "decay must be between 0 and 1"),
    (widgets.batch_size_explorer, {"epochs": 0}, ValueError, "epochs must be between 1 and"),
    (widgets.batch_size_explorer, {"seed": "x"}, TypeError, "seed must be a whole number"),
    (widgets.momentum_explorer, {"momentum": 1.0}, ValueError,
     r"momentum must be between 0 and 0\.99"),
    (widgets.momentum_explorer, {"learning_rate": 10.0}, ValueError, "learning_rate must be"),
    (widgets.momentum_explorer, {"condition_number": 0.5}, ValueError,
     r"condition_number must be between 1 and 1e\+06, got 0\.5"),
    (widgets.momentum_explorer, {"condition_number": 1e300}, ValueError,
     r"condition_number must be between 1 and 1e\+06, got 1e\+300"),
    (widgets.momentum_explorer, {"steps": 0}, ValueError, "steps must be between 1 and"),
    (widgets.momentum_explorer, {"start": (1.0, float("inf"))}, ValueError, "start"),
]


@pytest.mark.parametrize(("make", "kwargs", "error", "match"), BAD_ARGUMENTS,
                         ids=lambda v: v.__name__ if callable(v) else None)
def test_a_bad_argument_is_refused_by_name(make, kwargs, error, match):
    with pytest.raises(error, match=match):
        make(**kwargs)


@pytest.mark.parametrize("make", EXPLORERS, ids=lambda f: f.__name__)
def test_the_default_arguments_sit_inside_their_sliders(make):
    explorer = make()
    for slider in explorer.sliders:
        value = slider.value
        low, high = ((slider.base**slider.min, slider.base**slider.max)
                     if isinstance(slider, ipywidgets.FloatLogSlider) else (slider.min, slider.max))
        assert low <= value <= high


@pytest.mark.parametrize("make", [widgets.fit_explorer, widgets.learning_rate_explorer,
                                  widgets.batch_size_explorer], ids=lambda f: f.__name__)
def test_a_start_on_an_exact_fit_draws_cleanly(make):
    # Every loss is 0: nothing for a log axis to take its limits from.
    data = gdcore.noisy_line(10, noise=0.0)
    explorer = make(data=data, start=gdcore.least_squares(data.x, data.y))
    for moves in slider_extremes(explorer):
        for slider, value in moves:
            slider.value = value
        assert explorer.error is None, explorer.status.value
        check_status_reads_true(explorer.status.value)


def test_a_diverging_fit_prints_its_loss_readably():
    explorer = widgets.fit_explorer(data=gdcore.mountain_temperatures(units="m"),
                                    learning_rate=1e3)
    explorer.controls["steps"].value = explorer.controls["steps"].max
    check_status_reads_true(explorer.status.value)


def test_decay_over_a_single_epoch_is_not_said_to_lower_the_rate():
    explorer = widgets.batch_size_explorer(epochs=1, decay=0.5)
    assert "fell" not in explorer.status.value


def test_explorers_draw_only_through_plotting():
    # The slider layer wires sliders to plotting's plot_/set_ pairs; anything an explorer
    # draws, a notebook can draw with the same call. So no explorer calls an axes' methods
    # itself, except to read its limits. (The machinery in _explorer.py lays the figure out
    # and paints it; it draws nothing of its own.)
    import ast
    from pathlib import Path

    reads = {"get_xlim", "get_ylim"}
    for path in Path(widgets.__file__).parent.glob("*.py"):
        if path.name == "_explorer.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id.startswith("ax") and node.func.attr not in reads):
                pytest.fail(f"{path.name}:{node.lineno} draws with {node.func.value.id}."
                            f"{node.func.attr}; add a plot_/set_ pair to gdcore.plotting")


def test_the_canvas_sends_each_new_picture_whole_as_a_png_that_decodes_to_it(monkeypatch):
    from PIL import Image

    explorer = widgets.secant_explorer()
    canvas = explorer.figure.canvas
    canvas.syncing_data_url = False  # as once a browser shows it
    sent = []
    monkeypatch.setattr(canvas, "send_binary", sent.append)
    for h in (1.0, 0.5):
        explorer.controls["h"].value = h
        # Whole, never a difference: ipympl's browser side drops a picture when the next
        # arrives before it has loaded, and a dropped difference would leave it wrong.
        assert canvas._current_image_mode == "full"
        picture = Image.open(io.BytesIO(sent[-1])).convert("RGBA")  # opaque: sent as RGB
        assert np.array_equal(np.asarray(picture), np.asarray(canvas.buffer_rgba()))
    assert len(sent) == 2
    explorer.refresh()  # the same picture again: nothing new to send
    assert len(sent) == 2


def test_a_png_with_transparency_keeps_it():
    from PIL import Image

    from gdcore.widgets._explorer import _png

    rgba = np.random.default_rng(0).integers(0, 256, (5, 7, 4), dtype=np.uint8)
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(_png(rgba)))), rgba)
    rgba[:, :, 3] = 255
    opaque = Image.open(io.BytesIO(_png(rgba)))
    assert opaque.mode == "RGB" and np.array_equal(np.asarray(opaque), rgba[:, :, :3])


def test_going_back_to_a_setting_shows_its_picture_again_without_a_repaint(monkeypatch):
    from gdcore.widgets import _explorer

    explorer = widgets.momentum_explorer()
    canvas, rate = explorer.figure.canvas, explorer.controls["learning_rate"]
    canvas.syncing_data_url = False
    low, high = rate.base**rate.min, rate.base**rate.max  # far apart: other limits
    rate.value = low
    first = np.asarray(canvas.buffer_rgba()).copy()
    rate.value = high
    assert not np.array_equal(first, np.asarray(canvas.buffer_rgba()))
    painted = []
    monkeypatch.setattr(_explorer.Explorer, "_paint_background",
                        lambda self: painted.append(1))
    rate.value = low
    assert not painted and np.array_equal(first, np.asarray(canvas.buffer_rgba()))
