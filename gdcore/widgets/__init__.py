"""Interactive explorers: sliders wired to a figure that is drawn once and updated in place.

Every explorer follows one pattern:

1. build a matplotlib ``Figure`` (not through pyplot, so no global figure list changes) and
   draw it once with the ``plot_<what>`` functions of :mod:`gdcore.plotting`;
2. show it through an ipympl canvas, which sends only the new picture on each change;
3. on a slider change, recompute, call the ``set_<what>`` twins to move the drawn artists,
   and let the :class:`Explorer` repaint only those (its ``moving`` artists).

Redrawing in place costs a fraction of building a new figure each time (``make bench``
measures both), so the picture keeps up with a dragged slider.

Each explorer is returned as an :class:`Explorer`, an ``ipywidgets.VBox`` that also carries a
still picture of its figure, so that a notebook read without a kernel (on GitHub, nbviewer,
or converted to HTML) shows the figure instead of a widget's text.

The modules: ``_explorer`` holds the machinery (the Explorer, its figure and canvas, the
sliders), ``_words`` says numbers and runs in words for the status lines, and the explorers
are grouped by the lessons that use them: ``_mountain`` (01, 02, 06), ``_line`` (03, 04),
``_features`` (05), ``_valleys`` (06) and ``_training`` (07). A new explorer goes into its
lesson's module, beside a sibling to copy, and its name into that module's ``__all__``.
"""

from . import _features, _line, _mountain, _training, _valleys
from ._explorer import Explorer  # noqa: F401 (for tests and for new explorers)
from ._features import *  # noqa: F403
from ._line import *  # noqa: F403
from ._mountain import *  # noqa: F403
from ._training import *  # noqa: F403
from ._valleys import *  # noqa: F403
from ._words import describe_run  # noqa: F401 (the status words, for tests)

__all__ = sorted([*_mountain.__all__, *_line.__all__, *_features.__all__, *_valleys.__all__,
                  *_training.__all__])
