"""Drawing functions: each takes an ``ax``, draws one thing and returns what it drew.

Explorers keep the returned artists and change their data when a slider moves, so every
``plot_<what>`` has a ``set_<what>`` twin that refills the same artists; ``plot_<what>`` is
"create empty artists, then ``set_<what>``". Nothing here touches matplotlib's global state:
sizes and colours are passed to each call. Nothing here imports the maths either: a
landscape is anything with ``value``, ``gradient``, ``window`` and ``minima``.

The modules, each lifted here by its ``__all__``:

- ``_style``: the palette, projector-sized text, legends, notes, and axis limits that hold
  what matters (a walk that leaves the map, a loss that falls a millionfold);
- ``_profiles``: one dimension, a mountain's profile, its tangent, a secant and a walk;
- ``_maps``: two dimensions, contours, a path, a surface, the gradient's arrows and basins;
- ``_curves``: what is plotted against steps, rates or degrees, and data with a fitted line.
"""

from . import _curves, _maps, _profiles, _style
from ._curves import *  # noqa: F403
from ._maps import *  # noqa: F403
from ._profiles import *  # noqa: F403
from ._style import *  # noqa: F403

__all__ = sorted([*_style.__all__, *_profiles.__all__, *_maps.__all__, *_curves.__all__])
