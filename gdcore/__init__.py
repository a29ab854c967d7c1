"""gdcore: the maths, pictures and sliders behind "Gradient descent, hands on".

Three layers, each importing only the ones before it:

- the maths, with NumPy only: ``datasets``, ``landscapes``, ``regression`` (the line),
  ``linear_model`` (any number of weights), ``descent``, ``adam``, ``stochastic`` (mini-batches),
  ``theory``, ``network``, ``numerics`` and ``exercises`` (the checkers of the learner's
  answers);
- ``plotting``, the drawing functions, with matplotlib only: it imports nothing from the
  maths, and draws any landscape by what it has (``value``, ``window``, ``minima``);
- ``widgets``, the explorers, wiring sliders to the maths and to plotting's pictures.

Every public name is available here directly, as ``gdcore.mse``, ``gdcore.gradient_descent``,
``gdcore.plot_path`` and so on: each module lists its own in ``__all__``, and this package's
list is theirs put together.
"""

from . import (
    adam,
    datasets,
    descent,
    exercises,
    landscapes,
    linear_model,
    network,
    numerics,
    plotting,
    regression,
    stochastic,
    theory,
    widgets,
)
from .adam import *  # noqa: F403
from .datasets import *  # noqa: F403
from .descent import *  # noqa: F403
from .exercises import *  # noqa: F403
from .landscapes import *  # noqa: F403
from .linear_model import *  # noqa: F403
from .network import *  # noqa: F403
from .numerics import *  # noqa: F403
from .plotting import *  # noqa: F403
from .regression import *  # noqa: F403
from .stochastic import *  # noqa: F403
from .theory import *  # noqa: F403
from .widgets import *  # noqa: F403

__version__ = "0.1.0"

_MODULES = (datasets, landscapes, regression, linear_model, descent, adam, stochastic, theory,
            network, numerics, exercises, plotting, widgets)
__all__ = sorted(name for module in _MODULES for name in module.__all__)
