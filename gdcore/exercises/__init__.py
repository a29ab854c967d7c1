r"""Checkers for the learners' own code: is it right, and if not, which slip does it look like?

:func:`check_mse_gradient` and :func:`check_descent_step` call the learner's function on
three small seeded data sets, at two points on each, and compare the answers with gdcore's
own; :func:`check_linear_mse_gradient` does the same for the vector gradient
(2/n) Xᵀ(Xw − y), on three small systems of three weights; :func:`check_rate_guess`
compares a prediction with a real run of descent. For the first two, the loss is the mean
squared error of the line y = m x + b,

.. math::

    L(m, b) = \frac{1}{n} \sum_{i=1}^{n} \bigl(y_i - (m x_i + b)\bigr)^2 .

The data are chosen so that the common slips give different numbers: x is not centred on
zero, m and b differ, no data set has two points, and the learning rates are not 1. A wrong
answer is compared with what each slip would have returned at the same inputs, and the
first slip that matches all of them names the feedback.

Whatever the learner's function does (raise an exception, return None, three numbers or NaN)
is reported in the feedback, never raised. Any number ``float()`` takes counts (a Fraction, a
Decimal, a NumPy scalar, a one-element array or tensor), and any sequence of two counts as a
pair. A function that never returns (a loop that never ends) hangs the checker with it: the
checker calls it directly, and bounding it with a timer is not worth its cost.

The modules: ``_functions`` reads the learner's function and words the verdict; ``_slips``
holds the test cases, the right answers and the slips; ``_feedback`` the :class:`Feedback`
and the careful readers of whatever the learner returned; ``_rate_guess`` the check of a
prediction.
"""

from ._feedback import Feedback
from ._functions import check_descent_step, check_linear_mse_gradient, check_mse_gradient
from ._rate_guess import check_rate_guess

__all__ = [
    "Feedback",
    "check_descent_step",
    "check_linear_mse_gradient",
    "check_mse_gradient",
    "check_rate_guess",
]
