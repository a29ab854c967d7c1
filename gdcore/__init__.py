"""gdcore: the maths, pictures and sliders behind "Gradient descent, hands on".

The maths modules use NumPy only; ``gdcore.plotting`` draws with matplotlib and
``gdcore.widgets`` builds the sliders. Every public name is available here directly, as
``gdcore.mse``, ``gdcore.gradient_descent``, ``gdcore.plot_path`` and so on.
"""

from . import plotting, widgets
from .datasets import Dataset, mountain_temperatures, noisy_line, wavy_curve
from .descent import (
    DescentResult,
    StartsResult,
    SweepResult,
    descent_from_starts,
    gradient_descent,
    learning_rate_sweep,
    momentum_descent,
)
from .exercises import Feedback, check_descent_step, check_mse_gradient, check_rate_guess
from .landscapes import (
    Landscape,
    basins,
    bowl,
    mountain_profile,
    section,
    valley_profile,
    valleys,
)
from .linear_model import (
    add_intercept,
    linear_least_squares,
    linear_mse,
    linear_mse_gradient,
    linear_mse_hessian,
    polynomial_design,
    polynomial_features,
    standardize,
)
from .network import (
    init_network,
    network_gradient,
    network_loss,
    network_predict,
    pack_network,
    unpack_network,
)
from .numerics import numerical_gradient, numerical_hessian
from .plotting import *  # noqa: F403 (plotting.__all__ lists the drawing functions)
from .regression import (
    least_squares,
    mse,
    mse_batch_gradient,
    mse_gradient,
    mse_hessian,
    mse_landscape,
    predict,
)
from .stochastic import StochasticResult, stochastic_descent
from .theory import (
    contraction,
    critical_learning_rate,
    curvatures,
    measured_contraction,
    optimal_learning_rate,
    regime,
    regime_boundaries,
    steps_to_reduce,
)
from .widgets import *  # noqa: F403 (widgets.__all__ lists the explorers)

__version__ = "0.1.0"

__all__ = [
    "Dataset",
    "DescentResult",
    "Landscape",
    "StartsResult",
    "StochasticResult",
    "SweepResult",
    "Feedback",
    "add_intercept",
    "basins",
    "bowl",
    "check_descent_step",
    "check_mse_gradient",
    "check_rate_guess",
    "contraction",
    "critical_learning_rate",
    "curvatures",
    "descent_from_starts",
    "gradient_descent",
    "init_network",
    "learning_rate_sweep",
    "least_squares",
    "linear_least_squares",
    "linear_mse",
    "linear_mse_gradient",
    "linear_mse_hessian",
    "measured_contraction",
    "momentum_descent",
    "mountain_profile",
    "mountain_temperatures",
    "network_gradient",
    "network_loss",
    "network_predict",
    "mse",
    "mse_batch_gradient",
    "mse_gradient",
    "mse_hessian",
    "mse_landscape",
    "noisy_line",
    "numerical_gradient",
    "numerical_hessian",
    "optimal_learning_rate",
    "pack_network",
    "polynomial_design",
    "polynomial_features",
    "predict",
    "regime",
    "regime_boundaries",
    "section",
    "standardize",
    "steps_to_reduce",
    "stochastic_descent",
    "unpack_network",
    "valley_profile",
    "valleys",
    "wavy_curve",
    *plotting.__all__,
    *widgets.__all__,
]
