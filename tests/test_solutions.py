"""The worked solutions hidden in the notebooks' <details> blocks run, and the ones that
answer a checked exercise pass its checker: a solution that fails would be worse than none."""

import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

import gdcore

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
BLOCK = re.compile(r"<details>.*?```python\n(.*?)```.*?</details>", re.DOTALL)
CHECKERS = {
    "my_gradient": gdcore.check_mse_gradient,
    "my_step": gdcore.check_descent_step,
    "my_vector_gradient": gdcore.check_linear_mse_gradient,
}


def solutions():
    for path in NOTEBOOKS:
        cells = nbformat.read(path, as_version=4).cells
        for index, cell in enumerate(cells):
            if cell.cell_type == "markdown":
                for number, code in enumerate(BLOCK.findall(cell.source)):
                    yield pytest.param(code, id=f"{path.stem}-cell{index}-{number}")


@pytest.mark.parametrize("code", list(solutions()))
def test_solution_runs_and_passes_its_checker(code, capsys):
    data = gdcore.mountain_temperatures()
    namespace = {"np": np, "gdcore": gdcore, "x": data.x, "y": data.y}
    exec(compile(code, "<solution>", "exec"), namespace)
    for name, checker in CHECKERS.items():
        if name in namespace:
            feedback = checker(namespace[name])
            assert feedback.passed, feedback.message


def test_solutions_were_found():
    assert len(list(solutions())) >= 3
