"""How long each notebook takes to run top to bottom in a fresh kernel, as in class or on Binder.

    python -m benchmarks.notebooks [NOTEBOOK ...]    (default: every notebooks/*.ipynb)

Kernel start-up is included, because a learner waits for it too. The notebooks are executed
with tools.notebooks and not written back.
"""

import sys

from tools import notebooks


def main(argv=None):
    paths = notebooks.notebook_paths(sys.argv[1:] if argv is None else argv)
    rows = [(path.name, notebooks.execute(path)[1]) for path in paths]
    rows.append(("total", sum(seconds for _, seconds in rows)))
    width = max(len(name) for name, _ in [("notebook", 0), *rows])
    print("Notebook execution time, fresh kernel (s)")
    print(f"{'notebook':<{width}}  {'seconds':>8}")
    print("-" * (width + 10))
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds:8.1f}")


if __name__ == "__main__":
    main()
