"""How long one slider move takes in the kernel, per explorer, against the naive pattern.

    python -m benchmarks.explorers

An explorer's update is timed from setting a slider's value to the new picture being ready
to send (compute, repaint, and ipympl's PNG of what changed), as if a browser were connected.
The naive pattern is what ``interact`` with inline figures does on every move: build a new
figure, draw everything, and encode the whole of it as a PNG. Both run here, on the same
machine in the same process, over the same 50 slider values. A second table moves every
slider of every explorer across its whole range, corners included (β near 1, degree 12, the
largest rates), there and back.
"""

import io
import time

import ipywidgets
import matplotlib.figure
import numpy as np

import gdcore
from gdcore import plotting, widgets

MOVES = 50


def naive_mountain_walk(start, learning_rate, steps):
    """The mountain walk drawn from scratch, as an ``interact`` callback would."""
    land = gdcore.mountain_profile()
    run = gdcore.gradient_descent(land.gradient, start, learning_rate, steps, loss=land.value)
    figure = matplotlib.figure.Figure(figsize=(10, 4.2), layout="constrained")
    ax_walk, ax_height = figure.subplots(1, 2, gridspec_kw={"width_ratios": [1.6, 1]})
    plotting.plot_profile(ax_walk, land)
    plotting.plot_tangent(ax_walk, land, run.final[0])
    plotting.plot_walk(ax_walk, land, run.path)
    plotting.plot_losses(ax_height, run.losses, log=False, ylabel="height after each step")
    figure.savefig(io.BytesIO(), format="png", bbox_inches="tight")  # as the inline backend


def naive_secant(x, h):
    """The secant picture drawn from scratch."""
    land = gdcore.mountain_profile()
    figure = matplotlib.figure.Figure(figsize=(9, 4.5), layout="constrained")
    ax = figure.subplots()
    plotting.plot_profile(ax, land)
    plotting.plot_tangent(ax, land, x)
    plotting.plot_secant(ax, land, x, h)
    figure.savefig(io.BytesIO(), format="png", bbox_inches="tight")


def naive_blindfold(rate, size):
    """The blindfold game's picture after four steps, drawn from scratch."""
    land = gdcore.mountain_profile()
    run = gdcore.gradient_descent(land.gradient, -4.2, rate, 4, loss=land.value)
    figure = matplotlib.figure.Figure(figsize=(10, 4.2), layout="constrained")
    ax_walk, ax_height = figure.subplots(1, 2, gridspec_kw={"width_ratios": [1.6, 1]})
    mine = -4.2 + size * np.arange(5)[:, None]
    plotting.plot_walk(ax_walk, land, mine)
    plotting.plot_tangent(ax_walk, land, mine[-1, 0])
    plotting.plot_losses(ax_height, land.value(mine), log=False)
    plotting.plot_losses(ax_height, run.losses, log=False)
    figure.savefig(io.BytesIO(), format="png", bbox_inches="tight")


def naive_fit(steps):
    """The fit explorer's three panels after `steps` steps, drawn from scratch."""
    data = gdcore.mountain_temperatures()
    land = gdcore.mse_landscape(data.x, data.y)
    run = gdcore.gradient_descent(land.gradient, [0.0, 0.0], 0.15, steps, loss=land.value)
    figure = matplotlib.figure.Figure(figsize=(14, 4.4), layout="constrained")
    ax_fit, ax_map, ax_loss = figure.subplots(1, 3)
    plotting.plot_fit(ax_fit, data.x, data.y, *run.final)
    plotting.plot_contours(ax_map, land)
    plotting.plot_path(ax_map, run.path)
    plotting.plot_losses(ax_loss, run.losses)
    figure.savefig(io.BytesIO(), format="png", bbox_inches="tight")


def naive_learning_rate(rate, steps):
    """The learning-rate explorer's picture drawn from scratch (its sweep included, as an
    ``interact`` callback would have to)."""
    data = gdcore.mountain_temperatures()
    land = gdcore.mse_landscape(data.x, data.y)
    run = gdcore.gradient_descent(land.gradient, [0.0, 0.0], rate, steps, loss=land.value)
    critical = gdcore.critical_learning_rate(land.hessian)
    rates = np.geomspace(critical / 50, critical * 1.3, 300)
    sweep = gdcore.learning_rate_sweep(land.gradient, [0.0, 0.0], rates, 20_000,
                                       tolerance=1e-6)
    figure = matplotlib.figure.Figure(figsize=(14, 4.4), layout="constrained")
    ax_map, ax_loss, ax_sweep = figure.subplots(1, 3)
    plotting.plot_contours(ax_map, land)
    plotting.plot_path(ax_map, run.path)
    plotting.plot_losses(ax_loss, run.losses)
    drawn = plotting.plot_sweep(ax_sweep, sweep, gdcore.regime_boundaries(land.hessian),
                                gdcore.optimal_learning_rate(land.hessian), budget=20_000)
    plotting.set_sweep(drawn, rate)
    figure.savefig(io.BytesIO(), format="png", bbox_inches="tight")


def naive_basins(rate, steps):
    """The basins picture drawn from scratch."""
    land = gdcore.valleys()
    sides = [np.linspace(*land.window[i], 90) for i in range(2)]
    labels = gdcore.basins(land, np.stack(np.meshgrid(*sides), axis=-1), rate, steps)
    figure = matplotlib.figure.Figure(figsize=(9.2, 6.4), layout="constrained")
    ax = figure.subplots()
    plotting.plot_contours(ax, land)
    plotting.plot_basins(ax, land, labels)
    figure.savefig(io.BytesIO(), format="png", bbox_inches="tight")


def naive_scaling(unit):
    """The feature-scaling map drawn from scratch."""
    data = gdcore.mountain_temperatures()
    land = gdcore.mse_landscape(data.x * unit, data.y)
    rate = gdcore.optimal_learning_rate(land.hessian)
    run = gdcore.gradient_descent(land.gradient, [0.0, 0.0], rate, 100, loss=land.value)
    figure = matplotlib.figure.Figure(figsize=(9.2, 5.6), layout="constrained")
    ax = figure.subplots()
    plotting.plot_contours(ax, land, plotting.window_including(run.path, land.window))
    plotting.plot_path(ax, run.path)
    figure.savefig(io.BytesIO(), format="png", bbox_inches="tight")


def naive_polynomial(degree, steps):
    """The polynomial explorer's two panels drawn from scratch, errors for every degree
    included (an ``interact`` callback keeps nothing between calls)."""
    train, test = gdcore.wavy_curve(15, noise=0.2, seed=0), gdcore.wavy_curve(100, noise=0.2,
                                                                               seed=1)

    def design(x, d):
        return gdcore.polynomial_design(x, d, reference=train.x)

    errors = [[gdcore.linear_mse(gdcore.linear_least_squares(design(train.x, d), train.y),
                                 design(points.x, d), points.y) for points in (train, test)]
              for d in range(1, 13)]
    X = design(train.x, degree)
    rate = gdcore.optimal_learning_rate(gdcore.linear_mse_hessian(X))
    run = gdcore.gradient_descent(lambda w: gdcore.linear_mse_gradient(w, X, train.y),
                                  np.zeros(degree + 1), rate, steps)
    curve_x = np.linspace(-3, 3, 300)
    figure = matplotlib.figure.Figure(figsize=(9.2, 4.4), layout="constrained")
    ax_fit, ax_err = figure.subplots(1, 2, gridspec_kw={"width_ratios": [1.5, 1]})
    plotting.plot_samples(ax_fit, train, test)
    exact = design(curve_x, degree) @ gdcore.linear_least_squares(X, train.y)
    plotting.plot_curve(ax_fit, curve_x, exact, dashed=True)
    plotting.plot_curve(ax_fit, curve_x, design(curve_x, degree) @ run.final)
    plotting.plot_degree_errors(ax_err, np.arange(1, 13), errors, degree)
    figure.savefig(io.BytesIO(), format="png", bbox_inches="tight")


def naive_batch_size(batch_size, learning_rate, decay):
    """The mini-batch picture drawn from scratch (the losses computed as the explorer does,
    so that only the drawing differs)."""
    data = gdcore.mountain_temperatures()
    land = gdcore.mse_landscape(data.x, data.y)
    run = gdcore.stochastic_descent(gdcore.mse_batch_gradient(data.x, data.y), [0.0, 0.0],
                                    learning_rate, len(data.x), batch_size=batch_size,
                                    epochs=30, decay=decay)
    losses = land.value(run.path)
    per_epoch = -(-len(data.x) // batch_size)
    figure = matplotlib.figure.Figure(figsize=(9.2, 4.8), layout="constrained")
    ax_map, ax_loss = figure.subplots(1, 2)
    shown = plotting.part_on_the_map(run.path, land.window)
    plotting.plot_contours(ax_map, land, plotting.window_including(shown, land.window))
    plotting.plot_path(ax_map, shown, fine=True)
    plotting.plot_epoch_losses(ax_loss, losses, run.epoch_ends, per_epoch,
                               floor=land.value(land.minima[0]))
    figure.savefig(io.BytesIO(), format="png", bbox_inches="tight")


def naive_momentum(momentum, learning_rate):
    """The heavy ball beside plain descent, drawn from scratch."""
    land = gdcore.bowl(50.0)
    start = [-2.8, 0.8]
    plain = gdcore.gradient_descent(land.gradient, start, learning_rate, 2000, loss=land.value)
    ball = gdcore.momentum_descent(land.gradient, start, learning_rate, momentum, 2000,
                                   loss=land.value)
    figure = matplotlib.figure.Figure(figsize=(9.2, 4.8), layout="constrained")
    ax_map, ax_loss = figure.subplots(1, 2)
    plotting.plot_contours(ax_map, land, [[-3.0, 3.0], [-1.2, 1.2]])
    for run, color in [(plain, plotting.COLORS["other"]), (ball, plotting.COLORS["path"])]:
        plotting.plot_path(ax_map, plotting.part_on_the_map(run.path, land.window), color=color,
                           fine=True)
        plotting.plot_losses(ax_loss, np.maximum(run.losses, 1e-20), color=color, dots=False)
    figure.savefig(io.BytesIO(), format="png", bbox_inches="tight")


def walk_moves():
    """Drag the start, then the learning rate, as a teacher would."""
    starts = [("start", -4.5 + 0.1 * i) for i in range(MOVES // 2)]
    rates = [("learning_rate", 0.3 * 1.06**i) for i in range(MOVES - MOVES // 2)]
    return starts + rates


# For each explorer: the slider moves (which control, its new value), and its naive twin,
# called with every slider's value.
CASES = {
    "mountain_walk_explorer": (walk_moves(), naive_mountain_walk),
    "secant_explorer": ([("h", 2.0 * 0.9**i) for i in range(MOVES)], naive_secant),
    "blindfold_game": ([("learning_rate", 0.2 * 1.04**i) for i in range(MOVES)],
                       naive_blindfold),
    "fit_explorer": ([("steps", 2 * i) for i in range(MOVES)], naive_fit),
    "learning_rate_explorer": ([("learning_rate", 0.02 * 1.04**i) for i in range(MOVES)],
                               naive_learning_rate),
    "basins_explorer": ([("learning_rate", 0.005 * 1.06**i) for i in range(MOVES)],
                        naive_basins),
    "scaling_explorer": ([("unit", 10 ** (3 - 0.1 * i)) for i in range(MOVES)], naive_scaling),
    "polynomial_explorer": ([("degree", 1 + i % 12) for i in range(MOVES)], naive_polynomial),
    # The batch size from one point to all of them, then the learning rate up to the wall.
    "batch_size_explorer": ([("batch_size", 1 + i % 24) for i in range(24)]
                            + [("learning_rate", 0.03 * 1.05**i) for i in range(MOVES - 24)],
                            naive_batch_size),
    "momentum_explorer": ([("momentum", 0.02 * i) for i in range(MOVES)], naive_momentum),
}


def time_moves(name, moves, naive):
    """Time each move in the explorer, then the naive redraw for the same slider values."""
    explorer = getattr(widgets, name)()
    # A connected browser tells ipympl to stop keeping a full-size copy of each picture.
    explorer.figure.canvas.syncing_data_url = False
    fast, slow = [], []
    for name, value in moves:
        start = time.perf_counter()
        explorer.controls[name].value = value
        fast.append(time.perf_counter() - start)
        values = [slider.value for slider in explorer.sliders]
        start = time.perf_counter()
        naive(*values)
        slow.append(time.perf_counter() - start)
    return np.array(fast), np.array(slow)


PRESS_MARKS = (10, 100, 500)


def time_presses(presses=500):
    """Time each press of the blindfold game's "step right" button, over a long game.

    The walker bounces off the right edge of the map (steps are clipped to it), so the game
    can go on for as many presses as wanted; what grows is the number of steps drawn.
    """
    game = widgets.blindfold_game()
    game.figure.canvas.syncing_data_url = False
    right = game.controls["right"]
    times = []
    for _ in range(presses):
        start = time.perf_counter()
        right.click()
        times.append(time.perf_counter() - start)
    return np.array(times)


NOTCHES = 25  # values per slider in the sweep over its whole range


def time_every_slider(name):
    """Move each slider of an explorer (built with its defaults) across its whole range in
    `NOTCHES` values, there and back, the others at their defaults: its slow corners
    included, and settings seen a moment before. Returns {slider: times in s}."""
    explorer = getattr(widgets, name)()
    explorer.figure.canvas.syncing_data_url = False  # as once a browser shows it
    times = {}
    for key, slider in explorer.controls.items():
        if slider not in explorer.sliders:
            continue
        default = slider.value
        if isinstance(slider, ipywidgets.FloatLogSlider):
            values = slider.base ** np.linspace(slider.min, slider.max, NOTCHES)
        else:
            values = np.linspace(slider.min, slider.max, NOTCHES)
            if isinstance(slider, ipywidgets.IntSlider):
                values = np.round(values).astype(int)
        times[key] = []
        for value in [*values, *values[::-1]]:
            start = time.perf_counter()
            slider.value = value
            times[key].append(time.perf_counter() - start)
        slider.value = default
    return times


def main():
    missing = set(widgets.__all__) - set(CASES)
    assert not missing, f"no benchmark case for {missing}"
    print(f"Explorer update, kernel side, over {MOVES} slider moves (ms)")
    header = f"{'explorer':<26}{'median':>8}{'p90':>8}{'naive median':>14}{'naive p90':>11}"
    print(header + f"{'speed-up':>10}")
    print("-" * (len(header) + 10))
    for name, (moves, naive) in CASES.items():
        fast, slow = (t * 1e3 for t in time_moves(name, moves, naive))
        print(f"{name:<26}{np.median(fast):8.1f}{np.percentile(fast, 90):8.1f}"
              f"{np.median(slow):14.1f}{np.percentile(slow, 90):11.1f}"
              f"{np.median(slow) / np.median(fast):9.1f}x")
    print(f"\nEvery slider across its whole range in {NOTCHES} values, there and back (ms)")
    header = f"{'explorer':<26}{'slider':<16}{'median':>8}{'p90':>8}{'max':>8}"
    print(header + "\n" + "-" * len(header))
    for name in CASES:
        for key, times in time_every_slider(name).items():
            times = np.array(times) * 1e3
            print(f"{name:<26}{key:<16}{np.median(times):8.1f}{np.percentile(times, 90):8.1f}"
                  f"{times.max():8.1f}")
    presses = time_presses() * 1e3
    # A press's own time is noisy; the median of the ten presses up to each mark is not.
    marks = ", ".join(f"press {mark}: {np.median(presses[mark - 10:mark]):.1f}"
                      for mark in PRESS_MARKS)
    print(f"\nBlindfold game, ms per press of \"step right\" ({marks})")


if __name__ == "__main__":
    main()
