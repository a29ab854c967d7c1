"""Tests for gdcore.widgets: every explorer, driven through every corner of its sliders.

Warnings are errors here (pyproject.toml), so "no warning" is checked by every test.
"""

import itertools
import subprocess
import sys

import ipywidgets
import numpy as np
import pytest

import gdcore
from gdcore import widgets

EXPLORERS = [getattr(widgets, name) for name in widgets.__all__]


@pytest.fixture(params=EXPLORERS, ids=lambda f: f.__name__)
def explorer(request):
    return request.param()


def drawn_points(artist):
    """The points an artist draws: a line's vertices, a collection's segment ends, or an
    image's extent corners."""
    if hasattr(artist, "get_xydata"):
        return np.asarray(artist.get_xydata(), dtype=float)
    if hasattr(artist, "get_segments"):
        return np.concatenate([*artist.get_segments(), np.empty((0, 2))])
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
        for artist in explorer.moving:
            assert np.all(np.isfinite(drawn_points(artist)))
        check_status_agrees_with_theory(explorer)


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
        for line in explorer.moving:
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
    rate, follow, size, _, right, reveal, new = game.children[0].children
    profile = game.moving[0]
    assert not profile.get_visible() and "downhill is to the <b>right</b>" in game.status.value
    size.value = 0.5
    right.click()
    right.click()
    follow.click()
    walked = game.moving[3].get_xdata()  # the learner's steps
    assert list(walked[:3]) == [-4.2, -3.7, -3.2]
    slope = gdcore.mountain_profile().gradient([-3.2])[0]
    assert walked[3] == pytest.approx(-3.2 - rate.value * slope)
    reveal.value = True
    assert profile.get_visible()
    gd = gdcore.gradient_descent(gdcore.mountain_profile().gradient, -4.2, rate.value, 3)
    assert f"x = {gd.final[0]:.2f}" in game.status.value  # descent's walk, same start and steps
    new.click()
    assert not profile.get_visible() and game.moving[3].get_xdata()[0] == 4.6


def test_blindfold_game_keeps_the_walker_on_the_map():
    game = widgets.blindfold_game()
    _, _, size, left, *_ = game.children[0].children
    size.value = size.max
    for _ in range(5):
        left.click()
    assert game.moving[3].get_xdata()[-1] == gdcore.mountain_profile().window[0, 0]


def test_secant_slope_approaches_the_derivative():
    explorer = widgets.secant_explorer(x=-3.0)
    land = gdcore.mountain_profile()
    exact = land.gradient([-3.0])[0]
    gaps = []
    for h in (2.0, 0.2, 0.002):
        explorer.sliders[1].value = h
        (x0, x1), (y0, y1) = explorer.moving[1].get_xdata()[[0, -1]], \
            explorer.moving[1].get_ydata()[[0, -1]]
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
    explorer.sliders[2].value = 0.3  # decay
    assert "the rate fell from η = 0.1" in explorer.status.value
    assert np.linalg.norm(explorer.run.final - best) < np.linalg.norm(noisy[-1] - best) / 10


def test_momentum_explorer_counts_the_steps_of_both_walks():
    explorer = widgets.momentum_explorer(momentum=0.7)
    land = gdcore.bowl(50.0)
    eta = explorer.sliders[1].value
    plain = gdcore.gradient_descent(land.gradient, [-2.8, 0.8], eta, 2000)
    ball = gdcore.momentum_descent(land.gradient, [-2.8, 0.8], eta, 0.7, 2000)
    assert ball.steps < plain.steps
    assert f"converged in {plain.steps} steps" in explorer.status.value
    assert f"converged in {ball.steps} steps" in explorer.status.value
    assert "fewer steps" in explorer.status.value


def test_momentum_explorer_past_the_wall_only_the_ball_arrives():
    explorer = widgets.momentum_explorer(momentum=0.9)
    explorer.sliders[1].value = 1.5 * gdcore.critical_learning_rate(gdcore.bowl(50.0).hessian)
    assert "Plain descent <b>diverged</b>" in explorer.status.value
    assert "Only the heavy ball arrived" in explorer.status.value
    # The diverging walk is drawn only while it stays near the map, so the map stays readable.
    (x0, x1), (y0, y1) = explorer.figure.axes[0].get_xlim(), explorer.figure.axes[0].get_ylim()
    assert x1 - x0 < 40 and y1 - y0 < 40
