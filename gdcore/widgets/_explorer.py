"""The machinery every explorer shares: the Explorer itself, its figure and canvas, and the
sliders; the explorers are built from these in the lesson modules beside this one."""

import base64
import functools
import html
import io
import struct
import warnings
import zlib

import ipywidgets as widgets
import matplotlib
import matplotlib.figure
import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.layout_engine import ConstrainedLayoutEngine

from .. import plotting
from .._validate import as_count, as_number

# Importing ipympl calls matplotlib.use() to make itself pyplot's backend, which would turn
# every static figure of a lesson into a live canvas (and switching back resets pyplot's
# interactive mode). Explorers need only ipympl's Canvas class, so that call is skipped.
_use, matplotlib.use = matplotlib.use, lambda *args, **kwargs: None
try:
    from ipympl.backend_nbagg import Canvas, FigureManager
finally:
    matplotlib.use = _use


class Explorer(widgets.VBox):
    """Sliders above a figure and a status line; displays a still picture where no kernel runs.

    Parameters
    ----------
    controls : dict of str to ipywidgets.Widget
        The controls, by name, in the order they are shown.
    figure : matplotlib.figure.Figure
        The explorer's figure; its canvas must be an ipympl ``Canvas``.
    status : ipywidgets.HTML
        The line that says in words what happened.
    update : callable
        Moves the drawn artists (and sets the axis limits) to match the controls' values and
        returns the run it drew, if there is one; called once here, then on each change. It
        does not draw.
    moving : dict of str to artist or tuple of artists
        The artists `update` changes while the axis limits stay put, by name (a tuple holds
        several, as the ``plot_`` functions return them). Everything else is drawn once into
        a background image, so that a slider move repaints only these (blitting); they are
        painted in the order given.
    hessian : ndarray or callable, optional
        The curvature the theory reads the learning rate against, when there is one; a
        function of the run when it depends on where the run ended.

    Every control that holds a value (a slider, a check box, a toggle; not a play button,
    which moves its linked slider) refreshes the figure when it changes. Buttons are wired
    with :meth:`on_click`.

    Attributes
    ----------
    controls, moving : dict
        As given.
    moving_artists : list
        The artists of `moving`, one by one, in the order they are painted.
    run : DescentResult or None
        The run now drawn, if the explorer draws one.
    error : Exception or None
        What went wrong in the last callback, if it failed (its message is in the status).
    """

    def __init__(self, controls, figure, status, update, moving, hessian=None):
        self.figure, self.status, self.update = figure, status, update
        self.controls, self.moving = dict(controls), dict(moving)
        self.moving_artists = [artist for drawn in self.moving.values()
                         for artist in ((drawn,) if isinstance(drawn, Artist) else drawn)
                         if artist is not None]
        self._hessian, self.run, self.error = hessian, None, None
        self._limits, self._background = None, None
        self._pictures = {}  # by axis limits: the axes' places and the background
        super().__init__([widgets.HBox(list(self.controls.values()),
                                       layout={"flex_flow": "row wrap"}),
                          status, figure.canvas])
        for control in self.controls.values():
            if isinstance(control, widgets.ValueWidget) and not isinstance(control,
                                                                           widgets.Play):
                control.observe(self.callback(lambda _: self.refresh()), names="value")
        self.refresh()  # outside a callback: a failure here is the caller's to see

    def callback(self, function):
        """`function`, for a widget to call, with any exception it raises said in the status.

        An exception raised in a widget's callback never reaches the notebook: ipywidgets
        sends it to the kernel's log, and in a browser the slider or button just looks dead.
        Here it is caught and named in the status line instead, and kept in `error`.
        """

        @functools.wraps(function)
        def guarded(*args, **kwargs):
            try:
                return function(*args, **kwargs)
            except Exception as error:  # any: the status line is the only place it can show
                self._report(error)
                return None

        return guarded

    def on_click(self, button, function):
        """Call `function(button)` when `button` is clicked, failures said in the status."""
        button.on_click(self.callback(function))

    def _report(self, error):
        self.error = error
        try:
            message = str(error) or "no message"
        except Exception:  # an exception from a user's landscape may break in its own message
            message = "its message could not be shown"
        if len(message) > 160:
            message = message[:157] + "..."
        self.status.value = (
            f"<b style='color:{plotting.REGIME_COLORS['diverging']}'>Something went wrong"
            f"</b> ({type(error).__name__}: {html.escape(message)}). The figure still shows"
            " the last setting that worked."
        )

    def refresh(self):
        """Bring the figure up to date with the controls, repainting as little as possible."""
        self.run = self.update()
        self.error = None
        canvas = self.figure.canvas
        limits = tuple((ax.get_xlim(), ax.get_ylim()) for ax in self.figure.axes)
        if limits != self._limits:
            # New limits move ticks and labels: lay the figure out again and paint a new
            # background without the moving artists. This happens rarely (a walk leaving the
            # window, a new number of steps), not on every nudge of a slider; the last few
            # such pictures are kept, as a slider is often moved back and forth.
            self._limits = limits
            if limits in self._pictures:
                places, self._background = self._pictures.pop(limits)
                for ax, place in zip(self.figure.axes, places, strict=True):
                    ax.set_position(place)
                    ax.set_in_layout(True)  # set_position takes an axes out of the layout
            else:
                self._background = self._paint_background()
            self._pictures[limits] = ([ax.get_position() for ax in self.figure.axes],
                                      self._background)
            if len(self._pictures) > _KEPT_PICTURES:
                del self._pictures[next(iter(self._pictures))]  # the least recently shown
        canvas.restore_region(self._background)
        for artist in self.moving_artists:
            artist.axes.draw_artist(artist)
        if canvas.syncing_data_url:
            # No browser has shown this canvas yet. ipympl would record a blitted picture in
            # a form its browser side cannot load, leaving the figure blank; ask instead for
            # the full picture, which the browser requests once the canvas appears.
            canvas.draw_idle()
        else:
            canvas.blit(self.figure.bbox)

    def _paint_background(self):
        """Lay the figure out and paint everything but the moving artists; return the
        picture."""
        _LAYOUT.execute(self.figure)
        visible = [artist.get_visible() for artist in self.moving_artists]
        for artist in self.moving_artists:
            artist.set_visible(False)
        FigureCanvasAgg.draw(self.figure.canvas)  # paint only; ipympl sends after the blit
        for artist, shown in zip(self.moving_artists, visible, strict=True):
            artist.set_visible(shown)
        return self.figure.canvas.copy_from_bbox(self.figure.bbox)

    @property
    def hessian(self):
        """The curvature the theory reads the learning rate against (None without theory)."""
        return self._hessian(self.run) if callable(self._hessian) else self._hessian

    @property
    def sliders(self):
        """The explorer's sliders, in order (its buttons, if any, wire themselves)."""
        kinds = (widgets.FloatSlider, widgets.FloatLogSlider, widgets.IntSlider)
        return [c for c in self.controls.values() if isinstance(c, kinds)]

    def _repr_mimebundle_(self, **kwargs):
        # JupyterLab shows the live widget. Without a kernel there is no widget state (the
        # notebooks are saved without it), so GitHub, nbviewer and nbconvert fall back to
        # the next format they know: this PNG of the figure as first drawn.
        bundle = super()._repr_mimebundle_(**kwargs)
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png")
        bundle["image/png"] = base64.b64encode(buffer.getvalue()).decode("ascii")
        bundle["text/plain"] = "Interactive explorer: run the notebook to move its sliders."
        return bundle


# Explorers lay out their figure only when the axis limits change (see Explorer.refresh);
# constrained layout keeps labels apart but costs more than the rest of a redraw.
_LAYOUT = ConstrainedLayoutEngine()
# Backgrounds an explorer keeps, by axis limits: a few megabytes each.
_KEPT_PICTURES = 8


class _Canvas(Canvas):
    """ipympl's canvas, sending each new picture whole, as a quickly encoded PNG.

    Matplotlib's web canvas sends only the pixels that changed (the rest transparent), for
    the browser to lay over the last picture, as a PNG made by Pillow, which tries five
    filters on every row and compresses hard: about 25 ms for a 920 x 480 picture, more than
    the rest of a slider move. Two changes:

    - Every picture is sent whole. ipympl's browser side loads a PNG into one image and,
      when the next arrives before that one has loaded, drops the first. A dropped
      difference leaves the picture wrong from then on (a figure that answers quickly lost
      its first picture that way, and showed only what moved, on white); a dropped whole
      picture is only a skipped frame. An unchanged picture is not sent at all.
    - Rows go unfiltered and zlib compresses at its fastest level: a whole picture in about
      10 ms, over a connection that is local or fast.
    """

    def get_diff_image(self):
        if not self._png_is_old:
            return None
        self._png_is_old = False
        pixels = np.asarray(self.get_renderer().buffer_rgba())
        buffer = pixels.view(np.uint32).squeeze(2)  # one number a pixel, as ipympl keeps it
        if not self._force_full and np.array_equal(buffer, self._last_buff):
            return None
        self.set_image_mode("full")
        self._last_buff = buffer.copy()
        self._force_full = False
        return _png(pixels)


def _png(rgba):
    """An RGBA image as a PNG file's bytes: rows unfiltered, compressed by zlib's level 1; an
    opaque image (every explorer's) as RGB, a quarter less to compress."""
    height, width, _ = rgba.shape
    opaque = bool((rgba[:, :, 3] == 255).all())
    pixels = rgba[:, :, :3] if opaque else rgba
    rows = np.zeros((height, 1 + pixels.shape[2] * width), np.uint8)  # filter 0 (none) first
    rows[:, 1:] = pixels.reshape(height, -1)

    def chunk(kind, body):
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body)))

    header = struct.pack(">IIBBBBB", width, height, 8, 2 if opaque else 6, 0, 0, 0)  # RGB/RGBA
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows.tobytes(), 1)) + chunk(b"IEND", b""))


def _canvas(figure):
    """Attach an ipympl canvas to a figure, with the chrome that distracts a class hidden."""
    canvas = _Canvas(figure)
    with warnings.catch_warnings():
        # ipympl 0.10 builds its toolbar with an argument traitlets no longer expects; the
        # warning is about ipympl's internals, not anything a learner can act on.
        warnings.filterwarnings("ignore", "Passing unrecognized arguments to super.Toolbar",
                                DeprecationWarning)
        FigureManager(canvas, 0)  # the canvas routes the browser's messages through it
    canvas.header_visible = False
    canvas.footer_visible = False
    canvas.toolbar_visible = False
    canvas.resizable = False
    return canvas


# An explorer's figure is a fixed number of pixels; this width fits a notebook column on a
# 1280-pixel projector with JupyterLab's side bar open.
WIDTH = 9.2  # inches, at 100 dots per inch


def figure_with(height, mosaic, **gridspec):
    """A figure `WIDTH` wide on an ipympl canvas, with axes laid out by `mosaic` (as
    ``subplot_mosaic``); returns the figure and its axes by name."""
    figure = matplotlib.figure.Figure(figsize=(WIDTH, height), dpi=100, layout="none")
    _canvas(figure)
    return figure, figure.subplot_mosaic(mosaic, gridspec_kw=gridspec or None)


def log_slider(value, low, high, description, step=0.05):
    """A slider on a log scale: each notch multiplies the value by the same factor.

    The browser keeps the handle on notches counted from the slider's lower end and moves a
    value between two notches to the nearer one, which would quietly change the starting
    value (and the picture the still shows). So the lower end is raised, by less than a
    notch, to put `value` on a notch. A `step` of 0.05 (in powers of ten) multiplies the
    value by 1.12 a notch.
    """
    top = np.log10(value)
    bottom = top - step * np.floor((top - np.log10(low)) / step + 1e-9)
    return widgets.FloatLogSlider(
        value=value, base=10, min=bottom, max=np.log10(high), step=step,
        description=description, readout_format=".4g", continuous_update=True,
        style={"description_width": "initial"}, layout={"width": "420px"},
    )


def rate_slider(value, low=1e-3, high=10.0, step=0.05):
    """The learning-rate slider: a :func:`log_slider` named η."""
    return log_slider(value, low, high, "learning rate η", step)


def int_slider(value, low, high, description, step=1):
    """A slider of whole numbers."""
    return widgets.IntSlider(
        value=value, min=low, max=high, step=step, description=description,
        continuous_update=True, style={"description_width": "initial"},
        layout={"width": "320px"},
    )


def float_slider(value, low, high, step, description):
    """A slider of numbers in even steps."""
    return widgets.FloatSlider(
        value=value, min=low, max=high, step=step, description=description,
        readout_format=".2f", continuous_update=True,
        style={"description_width": "initial"}, layout={"width": "320px"},
    )


def button(description, tooltip):
    """A button as wide as its words."""
    return widgets.Button(description=description, tooltip=tooltip, layout={"width": "auto"})


def within(name, value, low, high, *, whole=False):
    """`value` as a number (a whole one if `whole`) between `low` and `high`, or an error that
    says so: a slider would quietly clamp it, and the figure show another value than asked."""
    value = as_count(name, value) if whole else as_number(name, value)
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low:.4g} and {high:.4g}, got {value:.4g}")
    return value
