"""Tests for gdcore.exercises._slips, the cases and slips the checkers compare answers with:
the cases tell every slip apart, so that each message in the tables can be reached."""

import itertools

import numpy as np
import pytest

import gdcore
from gdcore.exercises._slips import CASES, GRADIENT_SLIPS, STEP_SLIPS, close, gradient, step, table

TABLES = {"gradient": (gradient, GRADIENT_SLIPS), "step": (step, STEP_SLIPS)}


def test_the_cases_are_the_ones_the_slips_need():
    # x not centred on zero, no data set of two points, rates other than 1.
    for case in CASES:
        assert abs(case.x.mean()) > 1 and len(case.x) != 2 and case.learning_rate != 1
        assert not case.x.flags.writeable and not case.y.flags.writeable


def test_the_right_answers_are_gdcores():
    # The right step is the first step of gdcore.gradient_descent from the case's point.
    for case in CASES:
        land = gdcore.mse_landscape(case.x, case.y)
        np.testing.assert_allclose(gradient(case), land.gradient([case.m, case.b]))
        run = gdcore.gradient_descent(land.gradient, [case.m, case.b], case.learning_rate, 1)
        np.testing.assert_allclose(step(case), run.path[1])


@pytest.mark.parametrize("task", TABLES)
def test_no_slip_is_the_right_answer(task):
    right, slips = TABLES[task]
    for slipped, message in slips:
        assert not close(table(slipped), table(right)).all(), message


@pytest.mark.parametrize("task", TABLES)
def test_the_cases_tell_every_two_slips_apart(task):
    # A slip that matched an earlier one in every case could never be named.
    _, slips = TABLES[task]
    for (first, said), (second, _) in itertools.combinations(slips, 2):
        assert not close(table(first), table(second)).all(), said
