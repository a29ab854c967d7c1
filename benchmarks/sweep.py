"""The learning-rate sweep against a Python loop of single runs, on the line problem.

    python -m benchmarks.sweep

1,000 learning rates from 1 % to 130 % of the critical rate, up to 1,000 steps each, on the
mountain temperatures. Both give the same statuses and step counts (checked here); the sweep
advances all rates together, one array operation per step.
"""

import time

import numpy as np

import gdcore

RATES, STEPS = 1000, 1000


def main():
    data = gdcore.mountain_temperatures()
    land = gdcore.mse_landscape(data.x, data.y)
    rates = np.geomspace(0.01, 1.3, RATES) * gdcore.critical_learning_rate(land.hessian)
    start = [0.0, 0.0]

    sweep_times = []
    for _ in range(15):
        t = time.perf_counter()
        sweep = gdcore.learning_rate_sweep(land.gradient, start, rates, STEPS)
        sweep_times.append(time.perf_counter() - t)
    t = time.perf_counter()
    runs = [gdcore.gradient_descent(land.gradient, start, rate, STEPS) for rate in rates]
    loop = time.perf_counter() - t

    assert [r.status for r in runs] == list(sweep.status)
    assert [r.steps for r in runs] == list(sweep.steps)
    sweep_time = np.median(sweep_times)
    print(f"Learning-rate sweep, {RATES} rates x up to {STEPS} steps (ms)")
    print(f"{'method':<30}{'time':>10}")
    print("-" * 40)
    print(f"{'learning_rate_sweep (median)':<30}{sweep_time * 1e3:10.1f}")
    print(f"{'loop of gradient_descent':<30}{loop * 1e3:10.1f}")
    print(f"{'speed-up':<30}{loop / sweep_time:9.1f}x")
    counts = {s: int(np.sum(sweep.status == s)) for s in ("converged", "max_steps", "diverged")}
    print(f"statuses: {counts}")


if __name__ == "__main__":
    main()
