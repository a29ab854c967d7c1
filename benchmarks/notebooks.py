"""How long each notebook takes to run top to bottom in a fresh kernel, as in class or on Binder.

    python benchmarks/notebooks.py [NOTEBOOK ...]    (default: every notebooks/*.ipynb)

Kernel start-up is included, because a learner waits for it too. The notebooks are executed
with tools/notebooks.py and not written back.
"""

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# tools/ is a folder of scripts, not a package: load the script by its path.
_spec = importlib.util.spec_from_file_location("notebooks_tool", ROOT / "tools" / "notebooks.py")
tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tool)


def main(argv=None):
    paths = tool.notebook_paths(sys.argv[1:] if argv is None else argv)
    rows = [(path.name, tool.execute(path)[1]) for path in paths]
    rows.append(("total", sum(seconds for _, seconds in rows)))
    width = max(len(name) for name, _ in [("notebook", 0), *rows])
    print("Notebook execution time, fresh kernel (s)")
    print(f"{'notebook':<{width}}  {'seconds':>8}")
    print("-" * (width + 10))
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds:8.1f}")


if __name__ == "__main__":
    main()
