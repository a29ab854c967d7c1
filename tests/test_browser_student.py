"""The browser test, on the student edition: each notebook of student/ (written by
`make student`, which make test runs first) runs top to bottom in JupyterLab with no error,
and its explorers answer. Its own module, so that pytest-xdist runs it beside the lessons'."""

import pytest
from test_browser import STUDENT, browser, desk, lab, notebooks, picture_name, run_and_answer  # noqa: F401


@pytest.mark.parametrize("path", notebooks(STUDENT), ids=picture_name)
def test_student_notebook_runs_and_explorers_answer(path, desk, record_property):  # noqa: F811
    run_and_answer(path, desk, record_property)
