"""Tests for gdcore.exercises._slips, the cases and slips the checkers compare answers with:
the cases tell every slip apart, so that each message in the tables can be reached."""

import itertools

import numpy as np
import pytest

import gdcore
from gdcore.exercises._slips import (
    CASES,
    GRADIENT_SLIPS,
    LINEAR_CASES,
    LINEAR_GRADIENT_SLIPS,
    STEP_SLIPS,
    close,
    gradient,
    linear_gradient,
    step,
    table,
)

TABLES = {
    "gradient": (gradient, GRADIENT_SLIPS, CASES),
    "step": (step, STEP_SLIPS, CASES),
    "linear gradient": (linear_gradient, LINEAR_GRADIENT_SLIPS, LINEAR_CASES),
}


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
    right, slips, cases = TABLES[task]
    for slipped, message in slips:
        assert not close(table(slipped, cases), table(right, cases)).all(), message


@pytest.mark.parametrize("task", TABLES)
def test_the_cases_tell_every_two_slips_apart(task):
    # A slip that matched an earlier one in every case could never be named.
    _, slips, cases = TABLES[task]
    for (first, said), (second, _) in itertools.combinations(slips, 2):
        assert not close(table(first, cases), table(second, cases)).all(), said


def test_the_linear_cases_are_the_ones_the_slips_need():
    # n never k (so X (Xw − y) fails on the shapes), never 2 (so 2/n is not 1), and the
    # sizes differ (so n/2 and n are different factors in different cases).
    sizes = [case.n for case in LINEAR_CASES]
    assert len(set(sizes)) == len(sizes)
    for case in LINEAR_CASES:
        assert case.n not in (2, case.k) and case.X.shape == (case.n, case.k)
        assert not (case.w.flags.writeable or case.X.flags.writeable or case.y.flags.writeable)


def test_the_right_vector_gradient_is_the_sum_over_points_and_central_differences():
    # Independently of linear_mse_gradient: a loop over the points, and finite differences
    # of the loss.
    for case in LINEAR_CASES:
        loop = sum(2 / case.n * (row @ case.w - target) * row
                   for row, target in zip(case.X, case.y, strict=True))
        np.testing.assert_allclose(linear_gradient(case), loop)
        numeric = gdcore.numerical_gradient(lambda w, c=case: gdcore.linear_mse(w, c.X, c.y),
                                            case.w)
        np.testing.assert_allclose(linear_gradient(case), numeric, rtol=1e-6, atol=1e-6)
