"""Tests for gdcore.plotting: each function draws its one thing on the given axes, returns
the artists, and its set_ twin moves those same artists; no global state changes."""

import matplotlib
import matplotlib.colors as mcolors
import matplotlib.figure
import matplotlib.pyplot as plt
import numpy as np
import pytest

import gdcore
from gdcore import plotting


@pytest.fixture
def ax():
    return matplotlib.figure.Figure().add_subplot()


@pytest.fixture(autouse=True)
def no_global_changes():
    rc_before = dict(matplotlib.rcParams)
    figures_before = plt.get_fignums()
    yield
    assert plt.get_fignums() == figures_before, "a drawing function opened a pyplot figure"
    changed = {k for k, v in matplotlib.rcParams.items() if rc_before.get(k) != v}
    assert not changed, f"a drawing function changed rcParams {changed}"


def test_walk_profile_and_tangent(ax):
    land = gdcore.mountain_profile()
    run = gdcore.gradient_descent(land.gradient, -4.0, 0.5, 10)
    profile = plotting.plot_profile(ax, land)
    walk = plotting.plot_walk(ax, land, run.path)
    tangent = plotting.plot_tangent(ax, land, -1.0, half_width=0.5)
    np.testing.assert_allclose(walk.steps.get_xdata(), run.path[:, 0])
    np.testing.assert_allclose(walk.steps.get_ydata(), land.value(run.path))
    assert walk.walker.get_xdata()[0] == run.final[0]
    # The tangent touches the curve at -1 with the curve's slope.
    (x0, x1), (y0, y1) = tangent.get_xdata(), tangent.get_ydata()
    assert (y1 - y0) / (x1 - x0) == pytest.approx(land.gradient([-1.0])[0])
    assert (y0 + y1) / 2 == pytest.approx(land.value([-1.0]))
    assert set(ax.get_lines()) >= {profile, tangent, *walk}


def test_set_walk_moves_the_same_artists(ax):
    land = gdcore.mountain_profile()
    walk = plotting.plot_walk(ax, land, [[-4.0], [-3.0]])
    assert plotting.set_walk(walk, land, [[1.0], [2.0], [0.5]]) is walk
    assert list(walk.steps.get_xdata()) == [1.0, 2.0, 0.5]


def test_a_diverging_walk_stays_in_the_limits_it_asks_for(ax):
    land = gdcore.mountain_profile()
    run = gdcore.gradient_descent(land.gradient, -4.0, 6.0, 15)
    limits = plotting.limits_including(run.path[:, 0], land.window[0])
    assert limits[0] <= run.path[:, 0].min() and run.path[:, 0].max() <= limits[1]
    assert limits[0] <= land.window[0, 0] and land.window[0, 1] <= limits[1]


def test_contours_path_and_optimum(ax):
    data = gdcore.mountain_temperatures()
    land = gdcore.mse_landscape(data.x, data.y)
    run = gdcore.gradient_descent(land.gradient, [0.0, 0.0], 0.1, 30)
    contours = plotting.plot_contours(ax, land)
    path = plotting.plot_path(ax, run.path)
    np.testing.assert_allclose(contours.minima.get_xydata(), land.minima)
    assert len(contours.contours.levels) == 14
    np.testing.assert_allclose(path.steps.get_xydata(), run.path)
    np.testing.assert_allclose(path.start.get_xydata(), [[0.0, 0.0]])
    assert ax.get_xlim() == tuple(land.window[0])


def test_fit_and_residuals(ax):
    x, y = np.array([0.0, 1.0, 2.0]), np.array([1.0, 2.0, 7.0])
    fit = plotting.plot_fit(ax, x, y, 2.0, 1.0)
    segments = fit.residuals.get_segments()
    assert len(segments) == 3
    np.testing.assert_allclose([s[1, 1] for s in segments], 2 * x + 1)  # each ends on the line
    np.testing.assert_allclose(fit.points.get_offsets(), np.column_stack([x, y]))


def test_losses_on_a_log_scale(ax):
    line = plotting.plot_losses(ax, [8.0, 4.0, 2.0])
    assert ax.get_yscale() == "log"
    assert list(line.get_xdata()) == [0, 1, 2]


def test_palette_colours_are_distinct():
    for palette in (plotting.REGIME_COLORS, plotting.COLORS):
        roles = {k: v for k, v in palette.items() if k not in ("data", "fit", "tangent")}
        assert len({mcolors.to_hex(c) for c in roles.values()}) == len(roles)


def test_regime_colours_are_the_theory_s_regimes_in_order():
    assert tuple(plotting.REGIME_COLORS) == gdcore.theory.REGIMES


def test_regime_bands_cover_the_axis_in_order_with_the_wall_drawn(ax):
    bands = plotting.plot_regimes(ax, (0.005, 0.5, 1.0), (0.001, 2.0),
                                  labels={"zig-zag": "zig-zag: crosses"})
    assert tuple(bands) == gdcore.theory.REGIMES
    spans = [(b.get_x(), b.get_x() + b.get_width()) for b in bands.values()]
    assert spans == [(0.001, 0.005), (0.005, 0.5), (0.5, 1.0), (1.0, 2.0)]
    assert [b.get_label() for b in bands.values()] == [
        "crawl", "smooth", "zig-zag: crosses", "diverging"]
    assert bands["diverging"].get_hatch() and not bands["zig-zag"].get_hatch()
    (wall,) = ax.get_lines()
    assert list(wall.get_xdata()) == [1.0, 1.0]
    assert mcolors.to_hex(wall.get_color()) == plotting.REGIME_COLORS["diverging"].lower()
    assert ax.get_xlim() == (0.001, 2.0)


def test_regime_bands_outside_the_axis_are_not_drawn(ax):
    # A round bowl on an axis starting above its crawl: no crawl band, no empty legend entry.
    bands = plotting.plot_regimes(ax, (0.01, 0.5, 1.0), (0.04, 0.8))
    assert tuple(bands) == ("smooth", "zig-zag")
    assert not ax.get_lines()  # the wall is off the axis


def test_losses_that_are_all_zero_on_a_log_scale_draw_without_a_warning(ax):
    # A start on an exact fit: no positive loss for a log axis to take its limits from.
    plotting.plot_losses(ax, [0.0, 0.0])
    ax.axhline(0.0)
    assert ax.get_yscale() == "log" and ax.get_ylim()[0] > 0


def test_contours_of_a_landscape_without_minima(ax):
    import dataclasses

    land = dataclasses.replace(gdcore.bowl(4.0), minima=np.empty((0, 2)))
    contours = plotting.plot_contours(ax, land)
    assert len(contours.contours.levels) == 14 and len(contours.minima.get_xdata()) == 0


def test_a_note_sits_in_the_middle_of_the_axes(ax):
    note = plotting.plot_note(ax, "no rate here converges")
    assert note.get_text() == "no rate here converges" and note.get_position() == (0.5, 0.5)


def test_contours_are_labelled_with_the_landscape_s_own_names(ax):
    data = gdcore.mountain_temperatures()
    plotting.plot_contours(ax, gdcore.mse_landscape(data.x, data.y))
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("slope m", "intercept b")


def test_set_contours_redraws_only_for_a_new_window_or_landscape(ax):
    land = gdcore.bowl(4.0)
    contours = plotting.plot_contours(ax, land)
    drawn = contours.contours
    assert plotting.set_contours(contours, land, land.window).contours is drawn
    wider = plotting.window_including([[9.0, 0.0]], land.window)
    plotting.set_contours(contours, land, wider)
    assert contours.contours is not drawn and drawn not in ax.get_children()
    assert ax.get_xlim() == tuple(wider[0])
    other = gdcore.bowl(9.0)
    plotting.set_contours(contours, other, wider)
    assert contours.landscape is other
    assert len([c for c in ax.get_children() if c is contours.contours]) == 1


def test_secant_runs_through_both_points_with_their_slope(ax):
    land = gdcore.mountain_profile()
    secant = plotting.plot_secant(ax, land, -3.0, 0.5)
    (x0, x1), (y0, y1) = secant.points.get_xdata(), secant.points.get_ydata()
    assert (x0, x1) == (-3.0, -2.5) and y0 == land.value([-3.0])
    line_x, line_y = secant.line.get_xdata(), secant.line.get_ydata()
    slope = (line_y[1] - line_y[0]) / (line_x[1] - line_x[0])
    assert slope == pytest.approx((y1 - y0) / 0.5)
    assert line_x[0] < x0 and line_x[1] > x1  # it reaches past both points


def test_sweep_draws_the_converging_rates_and_moves_its_marker(ax):
    land = gdcore.bowl(4.0)
    rates = np.geomspace(0.05, 1.2, 40)
    sweep = gdcore.learning_rate_sweep(land.gradient, [1.0, 1.0], rates, 2000)
    drawn = plotting.plot_sweep(ax, sweep, gdcore.regime_boundaries(land.hessian),
                                gdcore.optimal_learning_rate(land.hessian), budget=2000)
    converged = sweep.status == "converged"
    np.testing.assert_array_equal(np.isfinite(drawn.steps.get_ydata()),
                                  converged & (sweep.steps > 0))
    plotting.set_sweep(drawn, 0.3)
    assert list(drawn.rate.get_xdata()) == [0.3, 0.3]
    assert ax.get_xscale() == ax.get_yscale() == "log"


def test_a_sweep_where_no_rate_converges_says_so(ax):
    land = gdcore.bowl(1e6)
    rates = np.geomspace(1e-7, 1e-6, 5)
    sweep = gdcore.learning_rate_sweep(land.gradient, [1.0, 1.0], rates, 10)
    plotting.plot_sweep(ax, sweep, gdcore.regime_boundaries(land.hessian), 1e-6, budget=10)
    assert "no rate here converges within 10 steps" in [t.get_text() for t in ax.texts]
    assert ax.get_ylim() == (1, 20)


def test_epoch_losses_count_epochs_and_keep_the_floor_in_view(ax):
    losses = np.array([100.0, 40.0, 10.0, 5.0, 2.0, 1.5, 1.2])
    drawn = plotting.plot_epoch_losses(ax, losses, [2, 4, 6], 2, floor=1.0)
    np.testing.assert_allclose(drawn.each_epoch.get_xdata(), [0, 1, 2, 3])
    np.testing.assert_allclose(drawn.each_epoch.get_ydata(), losses[[0, 2, 4, 6]])
    assert ax.get_ylim() == (0.5, 1000.0)  # half the floor, up to the decade above 3 × 100
    assert ax.get_xlim()[0] < 0 and ax.get_xlim()[1] > 3
    plotting.set_epoch_losses(drawn, losses * 100, [2, 4, 6], 2)
    assert ax.get_ylim() == (0.5, 1e5)


def test_epoch_losses_without_a_floor_draw_no_level(ax):
    drawn = plotting.plot_epoch_losses(ax, [1.0, 1e-3], [1], 1, floor=0.0)
    assert drawn.floor is None and ax.get_ylim()[0] > 0


def test_degree_errors_ring_the_chosen_degree(ax):
    errors = np.array([[1.0, 2.0], [0.5, 1.0], [0.1, 3.0]])
    drawn = plotting.plot_degree_errors(ax, [1, 2, 3], errors, 2)
    assert drawn.chosen.get_xydata().tolist() == [[2.0, 1.0]]
    plotting.set_degree_errors(drawn, 3)
    assert drawn.chosen.get_xydata().tolist() == [[3.0, 3.0]]
    assert list(ax.get_xticks()) == [1, 2, 3]


def test_samples_put_the_training_points_above_the_held_out_ones(ax):
    train, test = gdcore.wavy_curve(5, seed=0), gdcore.wavy_curve(20, seed=1)
    samples = plotting.plot_samples(ax, train, test)
    assert samples.training.get_zorder() > samples.held_out.get_zorder()
    assert [samples.training.get_label(), samples.held_out.get_label()] == [
        "training", "held out"]
    assert len(samples.held_out.get_offsets()) == 20


def test_markers_levels_and_views(ax):
    marker = plotting.plot_marker(ax, 1.0, 2.0, hollow=True)
    assert marker.get_xydata().tolist() == [[1.0, 2.0]] and marker.get_markerfacecolor() == "white"
    level = plotting.plot_level(ax, 0.5, label="least squares")
    assert list(level.get_ydata()) == [0.5, 0.5] and level.get_linestyle() == "--"
    plotting.set_view(ax, (0, 4), (-1, 1), equal=True)
    assert ax.get_xlim() == (0, 4) and ax.get_ylim() == (-1, 1) and ax.get_aspect() == 1.0


def test_directions_are_arrows_along_each_row_through_the_centre(ax):
    directions = gdcore.principal_directions([[2.0, 1.0], [1.0, 2.0]])
    drawn = plotting.plot_directions(ax, [1.0, 2.0], 3 * directions, ["flat", "steep"],
                                     length=2.0)
    for (arrow, key), direction, color in zip(drawn, directions, plotting.DIRECTION_COLORS,
                                              strict=True):
        head, tail = np.array(arrow.xy), np.array(arrow.xyann)
        np.testing.assert_allclose((head + tail) / 2, [1.0, 2.0])  # centred on the point
        np.testing.assert_allclose(head - tail, 4.0 * direction)  # along it, length either side
        assert mcolors.to_hex(arrow.arrow_patch.get_edgecolor()) == color.lower()
        assert mcolors.to_hex(key.get_color()) == color.lower()
    # Each arrow's label is in the legend, in its colour, and no point was added to the map.
    legend = plotting.plot_legend(ax)
    assert [t.get_text() for t in legend.get_texts()] == ["flat", "steep"]
    assert all(len(key.get_xdata()) == 0 for _, key in drawn)


def test_directions_of_length_zero_are_refused(ax):
    with pytest.raises(ValueError, match=r"^directions must each be finite and not 0"):
        plotting.plot_directions(ax, [0.0, 0.0], [[1.0, 0.0], [0.0, 0.0]], ["a", "b"])


def test_error_components_draw_the_measured_sizes_beside_the_predicted_lines(ax):
    components = np.array([[4.0, -1.0], [2.0, 0.5], [1.0, 0.0]])
    drawn = plotting.plot_error_components(ax, components, [0.5, -0.5], ["flat", "steep"])
    flat, steep = drawn
    np.testing.assert_array_equal(flat.measured.get_ydata(), [4.0, 2.0, 1.0])
    np.testing.assert_array_equal(flat.predicted.get_ydata(), [4.0, 2.0, 1.0])
    # An error of exactly 0 is left out of a log axis; the size of a zig-zag is shown.
    np.testing.assert_array_equal(steep.measured.get_ydata(), [1.0, 0.5, np.nan])
    np.testing.assert_array_equal(steep.predicted.get_ydata(), [1.0, 0.5, 0.25])
    assert ax.get_yscale() == "log"


def test_contraction_is_the_larger_factor_over_the_regimes(ax):
    hessian = [[1.0, 0.0], [0.0, 4.0]]
    low, high = gdcore.curvatures(hessian)
    rates = np.linspace(0.0, 0.7, 71)
    factors = 1 - np.outer(rates, [low, high])
    drawn = plotting.plot_contraction(ax, rates, factors, gdcore.regime_boundaries(hessian),
                                      gdcore.optimal_learning_rate(hessian),
                                      labels=["flat", "steep"])
    expected = [gdcore.contraction(hessian, rate) for rate in rates[1:]]
    np.testing.assert_allclose(drawn.worst.get_ydata()[1:], expected)
    np.testing.assert_allclose(drawn.factors[1].get_ydata(), np.abs(1 - 4 * rates))
    # The V's bottom is the best rate, 2/(1 + 4) = 0.4, and the bands end at the axis.
    assert rates[np.argmin(drawn.worst.get_ydata())] == pytest.approx(0.4)
    assert list(drawn.best.get_xdata()) == [0.4, 0.4]
    assert list(drawn.one.get_ydata()) == [1.0, 1.0]
    assert tuple(drawn.bands) == gdcore.theory.REGIMES and ax.get_xlim() == (0.0, 0.7)


@pytest.mark.parametrize("colors, labels, match", [
    (None, ["only one"], "^labels must have one label per direction \\(2\\)"),
    (["red"], ["a", "b"], "^colors must have one colour per direction \\(2\\)"),
])
def test_directions_name_a_missing_label_or_colour(ax, colors, labels, match):
    with pytest.raises(ValueError, match=match):
        plotting.plot_directions(ax, [0.0, 0.0], np.eye(2), labels, colors=colors)
    with pytest.raises(ValueError, match=match):
        plotting.plot_error_components(ax, np.ones((3, 2)), [0.5, 0.5], labels, colors=colors)
