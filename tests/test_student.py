"""The student edition: every worked solution left out, everything else kept, and the
tag convention that makes it so enforced. (nbval runs the edition itself, from student/.)"""

import re
import subprocess
from pathlib import Path

import nbformat
import pytest

from tools import notebooks as tool

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def shown(cell):
    """A cell's outputs without their execution counts."""
    return [{key: value for key, value in output.items() if key != "execution_count"}
            for output in cell.get("outputs", [])]


def solution_tagged(cell):
    return tool.SOLUTION_TAG in cell.metadata.get("tags", [])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_the_student_edition_leaves_out_every_solution_and_keeps_the_rest(path):
    full = tool.read(path)
    edition = tool.student_edition(full)
    assert edition.cells[0].source == tool.STUDENT_NOTE
    kept = [cell for cell in full.cells if not solution_tagged(cell)]
    assert len(kept) < len(full.cells)  # every lesson has worked solutions to leave out
    assert len(edition.cells) == len(kept) + 1
    for theirs, mine in zip(edition.cells[1:], kept, strict=True):
        assert theirs.source == mine.source and theirs.cell_type == mine.cell_type
        assert shown(theirs) == shown(mine)  # the figures stay (renumbered, as run)
    for cell in edition.cells:
        assert not tool.WORKED_SOLUTION.search(cell.source)
        assert "```python" not in cell.source or "<details>" not in cell.source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_the_student_folder_holds_todays_edition(path):
    # make test writes student/ before pytest runs nbval on it; a stale copy would test a
    # lesson that no longer exists.
    written = ROOT / "student" / path.name
    assert written.exists(), "no student edition: run `python -m tools.notebooks student`"
    assert written.read_text(encoding="utf-8") == tool.to_text(
        tool.student_edition(tool.read(path))), f"student/{path.name} is stale: run make student"


def test_the_student_folder_is_not_committed():
    probe = ROOT / "student" / "01_any.ipynb"
    result = subprocess.run(["git", "check-ignore", "-q", str(probe)], cwd=ROOT, check=False)
    assert result.returncode == 0


def test_student_writes_each_edition_and_says_what_it_left_out(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(tool, "STUDENT", tmp_path / "student")
    assert tool.main(["student", str(NOTEBOOKS[0])]) == 0
    written = tmp_path / "student" / NOTEBOOKS[0].name
    assert tool.problems(written) == []
    count = sum(solution_tagged(cell) for cell in tool.read(NOTEBOOKS[0]).cells)
    assert f"{count} solution cell(s) left out" in capsys.readouterr().out


def lesson_with(cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = [*cells, nbformat.v4.new_markdown_cell(tool.FOOTER)]
    return nb


@pytest.mark.parametrize("cells, expected", [
    ([nbformat.v4.new_markdown_cell("<details><summary>Solution</summary>\n\n42\n</details>")],
     "holds a worked solution but is not tagged 'solution'"),
    ([nbformat.v4.new_markdown_cell("<details>\n<summary>Answer</summary>42</details>")],
     "holds a worked solution but is not tagged 'solution'"),
    ([nbformat.v4.new_markdown_cell("<details><summary>Solution</summary>42</details>",
                                    metadata={"tags": ["solution"]}),
      nbformat.v4.new_code_cell("print(42)", execution_count=1)],
     "follows a solution and prints its answer, but is not tagged 'solution'"),
])
def test_check_fails_on_an_untagged_solution(tmp_path, cells, expected):
    path = tmp_path / "01_lesson.ipynb"
    tool.write(lesson_with(cells), path)
    assert any(expected in message for message in tool.problems(path))


def test_an_aside_in_details_is_not_a_solution(tmp_path):
    path = tmp_path / "01_lesson.ipynb"
    aside = "<details><summary>Why not print the gap?</summary>\n\nRounding.\n</details>"
    tool.write(lesson_with([nbformat.v4.new_markdown_cell(aside)]), path)
    assert tool.problems(path) == []
    assert re.search("Rounding", tool.to_text(tool.student_edition(tool.read(path))))
