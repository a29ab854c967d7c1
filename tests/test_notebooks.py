"""tools/notebooks.py: every committed notebook is clean (no errors, executed, normalised,
well named), and the normalisation it relies on is deterministic and idempotent.

nbval re-executes the committed notebooks; these tests only read them (one test runs a kernel
on a scratch notebook, to see what nbclient really stores for a widget)."""

import copy
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat import v4

from tools import notebooks

ROOT = Path(__file__).resolve().parents[1]

CELL_ID = re.compile(r"[a-zA-Z0-9_-]{1,64}")  # what nbformat 4.5 allows


@pytest.mark.parametrize(
    "path", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda path: path.name
)
def test_committed_notebook_has_no_problems(path):
    assert notebooks.problems(path) == []


def messy_notebook():
    """A notebook as JupyterLab and nbclient leave it: random ids, counts from a long session,
    timings, collapsed output, widget state, another kernelspec."""
    nb = v4.new_notebook()
    nb.metadata.kernelspec = {"name": "other", "display_name": "Other", "language": "python"}
    nb.metadata.widgets = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    slider = {
        "application/vnd.jupyter.widget-view+json": {
            "model_id": "43dc5132d5f74f4cb562ca156a588ed9",
            "version_major": 2,
            "version_minor": 0,
        },
        "image/png": "iVBORw0KGgo=",
        "text/plain": "FloatSlider(value=0.1)",
    }
    nb.cells = [
        v4.new_markdown_cell("# Walk downhill", metadata={"tags": []}),
        v4.new_code_cell(
            "x = 1",
            execution_count=7,
            metadata={"execution": {"iopub.status.busy": "2026-01-01T00:00:00Z"}},
        ),
        v4.new_code_cell(
            "x + 1",
            execution_count=12,
            outputs=[v4.new_output("execute_result", {"text/plain": "2"}, execution_count=12)],
            metadata={
                "collapsed": True,
                "scrolled": True,
                "jupyter": {"outputs_hidden": True, "source_hidden": True},
                "tags": ["nbval-check-output"],
            },
        ),
        v4.new_code_cell(""),  # empty: never executed, and need not be
        v4.new_code_cell(
            "slider", execution_count=13, outputs=[v4.new_output("display_data", slider)]
        ),
        v4.new_raw_cell("raw text"),
    ]
    nb.cells.append(v4.new_markdown_cell(notebooks.FOOTER))  # the terms of reuse
    return nb


def test_normalise_gives_valid_ids_from_positions():
    nb = notebooks.normalise(messy_notebook())
    ids = [cell.id for cell in nb.cells]
    assert ids == [f"cell-{index:02d}" for index in range(len(nb.cells))]
    assert all(CELL_ID.fullmatch(cell_id) for cell_id in ids)
    nbformat.validate(nb)


def test_normalise_numbers_executed_code_cells_from_one():
    nb = notebooks.normalise(messy_notebook())
    assert [cell.get("execution_count") for cell in nb.cells] == [None, 1, 2, None, 3, None, None]
    assert nb.cells[2].outputs[0].execution_count == 2
    assert "execution_count" not in nb.cells[0]


def test_normalise_keeps_a_widgets_still_picture_and_drops_its_state_and_view():
    nb = notebooks.normalise(messy_notebook())
    assert "widgets" not in nb.metadata
    assert set(nb.cells[4].outputs[0].data) == {"image/png", "text/plain"}


def test_normalise_drops_volatile_metadata_and_keeps_deliberate_metadata():
    nb = notebooks.normalise(messy_notebook())
    assert nb.metadata.kernelspec == notebooks.KERNELSPEC
    assert [cell.metadata for cell in nb.cells[:3]] == [
        {},
        {},
        {"jupyter": {"source_hidden": True}, "tags": ["nbval-check-output"]},
    ]


def test_normalise_is_idempotent_and_leaves_its_argument_alone():
    nb = messy_notebook()
    original = copy.deepcopy(nb)
    once = notebooks.normalise(nb)
    assert notebooks.normalise(once) == once
    assert nb == original


def test_normalise_does_not_depend_on_the_old_ids():
    a, b = messy_notebook(), messy_notebook()
    assert a.cells[0].id != b.cells[0].id  # nbformat draws them at random
    assert notebooks.normalise(a) == notebooks.normalise(b)


def test_to_text_is_what_nbformat_write_writes(tmp_path):
    nb = notebooks.normalise(messy_notebook())
    nbformat.write(nb, tmp_path / "by_nbformat.ipynb")
    assert notebooks.to_text(nb).encode() == (tmp_path / "by_nbformat.ipynb").read_bytes()


def test_a_written_notebook_has_no_problems(tmp_path):
    path = tmp_path / "01_walk_downhill.ipynb"
    notebooks.write(messy_notebook(), path)
    assert notebooks.problems(path) == []


@pytest.mark.parametrize(
    ("name", "change", "expected"),
    [
        ("Walk downhill.ipynb", None, "name is not NN_slug.ipynb"),
        ("1_walk.ipynb", None, "name is not NN_slug.ipynb"),
        ("01_walk.ipynb", "error", "has an error output: ZeroDivisionError: division by zero"),
        ("01_walk.ipynb", "stderr", "writes to stderr: UserWarning: careful"),
        ("01_walk.ipynb", "not executed", "cell 1 (x = 1) was not executed"),
    ],
)
def test_problems_names_each_kind_of_problem(tmp_path, name, change, expected):
    nb = notebooks.normalise(messy_notebook())
    cell = nb.cells[1]
    if change == "error":
        cell.outputs = [
            v4.new_output("error", ename="ZeroDivisionError", evalue="division by zero")
        ]
    elif change == "stderr":
        cell.outputs = [v4.new_output("stream", name="stderr", text="UserWarning: careful\n")]
    elif change == "not executed":
        cell.execution_count = None
    path = tmp_path / name
    path.write_text(notebooks.to_text(notebooks.normalise(nb)))
    assert [message for message in notebooks.problems(path) if expected in message] != []
    assert all(message.startswith(name) for message in notebooks.problems(path))


def test_problems_finds_a_notebook_without_its_terms_of_reuse(tmp_path):
    nb = messy_notebook()
    nb.cells.pop()
    path = tmp_path / "01_walk.ipynb"
    notebooks.write(nb, path)
    assert notebooks.problems(path) == [
        "01_walk.ipynb: its last cell does not end with the terms of reuse"
        " (tools.notebooks.FOOTER)"]


def test_problems_finds_a_notebook_that_is_not_normalised(tmp_path):
    path = tmp_path / "01_walk.ipynb"
    nbformat.write(messy_notebook(), path)
    assert len(notebooks.problems(path)) == 1
    assert "is not normalised" in notebooks.problems(path)[0]


def test_problems_reports_an_unreadable_file_instead_of_raising(tmp_path):
    path = tmp_path / "01_walk.ipynb"
    path.write_text("{ not json")
    [message] = notebooks.problems(path)
    assert "cannot be read" in message


def test_check_exits_non_zero_and_says_why(tmp_path, capsys):
    path = tmp_path / "01_walk.ipynb"
    nbformat.write(messy_notebook(), path)
    assert notebooks.main(["check", str(path)]) == 1
    assert "01_walk.ipynb: is not normalised" in capsys.readouterr().err


def test_run_executes_in_the_notebooks_folder_and_stores_no_widget_state(tmp_path):
    # One real kernel, to see what nbclient actually writes for a displayed slider.
    nb = v4.new_notebook()
    nb.cells = [
        v4.new_code_cell("from pathlib import Path\nprint(Path.cwd().name)"),
        v4.new_code_cell("import ipywidgets\nipywidgets.IntSlider(value=3)"),
        v4.new_markdown_cell(notebooks.FOOTER),
    ]
    path = tmp_path / "01_slider.ipynb"
    nbformat.write(nb, path)

    executed, seconds = notebooks.execute(path)
    assert "widgets" in executed.metadata and seconds > 0
    assert executed.cells[0].outputs[0].text == f"{tmp_path.name}\n"
    notebooks.write(executed, path)
    # A bare slider has no still picture, so readers without a kernel would see its text.
    assert notebooks.problems(path) == [
        "01_slider.ipynb: cell 1 (import ipywidgets) shows readers raw widget text, not a picture"
    ]
    written = notebooks.read(path)
    assert "widgets" not in written.metadata
    assert set(written.cells[1].outputs[0].data) == {"text/plain"}

    before = path.read_bytes()
    assert notebooks.main(["run", str(path)]) == 0
    assert path.read_bytes() == before  # a re-run of an unchanged notebook changes nothing


def test_normalise_joins_the_pieces_of_a_split_print():
    nb = v4.new_notebook()
    pieces = [v4.new_output("stream", name="stdout", text=t) for t in ("step 1\nst", "ep 2\n")]
    nb.cells = [v4.new_code_cell("print(...)", execution_count=1, outputs=pieces)]
    (output,) = notebooks.normalise(nb).cells[0].outputs
    assert output.text == "step 1\nstep 2\n"


# ---- the same text on every processor -------------------------------------------------------

def test_nbval_runs_the_lessons_as_another_processor_and_the_rest_as_this_one(tmp_path):
    # The repository's conftest.py in a scratch repository, with the same notebook as a lesson
    # and in the student edition. Its cell prints the fingerprint the tools use to tell
    # processors apart, so it comes out as committed only on this processor.
    shutil.copy(ROOT / "conftest.py", tmp_path)
    nb = v4.new_notebook()
    nb.cells = [v4.new_code_cell(notebooks.FINGERPRINT)]
    for folder in ("notebooks", "student"):
        (tmp_path / folder).mkdir()
        notebooks.write(nb, tmp_path / folder / "01_bits.ipynb")
    notebooks.write(notebooks.execute(tmp_path / "student" / "01_bits.ipynb")[0],
                    tmp_path / "student" / "01_bits.ipynb")
    shutil.copy(tmp_path / "student" / "01_bits.ipynb", tmp_path / "notebooks")

    done = subprocess.run(  # with two workers, as make test runs
        [sys.executable, "-m", "pytest", "--nbval", "-p", "no:cacheprovider", "-n", "2",
         "--dist", "loadfile", "-rA", "notebooks", "student"],
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True,
        text=True,
    )
    name, _ = notebooks.processors()[-1]
    assert f"nbval runs notebooks/ as: {name}" in done.stdout
    if len(notebooks.processors()) == 1:
        pytest.fail("NumPy here has no optional SIMD target to switch off")
    assert "FAILED notebooks/01_bits.ipynb::Cell 0" in done.stdout, done.stdout
    assert "PASSED student/01_bits.ipynb::Cell 0" in done.stdout, done.stdout
    assert "1 failed, 1 passed" in done.stdout, done.stdout


def test_processors_start_with_this_one_and_switch_off_numpys_own_targets():
    from numpy._core import _multiarray_umath

    configurations = notebooks.processors()
    assert configurations[0] == ("this processor", dict(__import__("os").environ))
    targets = set(_multiarray_umath.__cpu_dispatch__)
    for _, env in configurations[1:]:
        disabled = env["NPY_DISABLE_CPU_FEATURES"].split()
        assert disabled and set(disabled) <= targets


def test_a_notebook_that_prints_processor_dependent_bits_is_caught(tmp_path):
    # The cell prints the same fingerprint the tool uses to tell processors apart, so it
    # differs on every configuration but this processor's.
    nb = v4.new_notebook()
    nb.cells = [
        v4.new_code_cell(notebooks.FINGERPRINT),
        v4.new_code_cell("print(round(0.1 + 0.2, 3))"),
    ]
    path = tmp_path / "01_bits.ipynb"
    nbformat.write(nb, path)
    notebooks.write(notebooks.execute(path)[0], path)

    found = notebooks.portability_problems([path], notebooks.processors())["01_bits.ipynb"]
    others = [name for name, _ in notebooks.processors()[1:]]
    assert len(found) == len(others)
    for message, name in zip(found, others, strict=True):
        assert message.startswith(f"01_bits.ipynb ({name}): code cell 0 (import hashlib")


def test_text_outputs_are_sanitised_and_leave_pictures_out():
    nb = v4.new_notebook()
    figure = {"image/png": "iVBORw0KGgo=", "text/plain": "<Figure at 0x7f3a>"}
    nb.cells = [
        v4.new_markdown_cell("text"),
        v4.new_code_cell("x", outputs=[
            v4.new_output("stream", name="stdout", text="3 ms per step\n"),
            v4.new_output("display_data", figure),
        ]),
    ]
    assert notebooks.text_outputs(nb) == [
        ["stdout: TIME per step\n", "text/plain: <Figure at 0xADDRESS>"]
    ]
