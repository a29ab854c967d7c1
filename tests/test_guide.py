"""The teacher's guide (notebooks/README.md) quotes only what the explorers and notebooks say.

A status line quoted in the guide is a promise: type these settings and the room will read
this. Here every setting the guide describes is in one table (explorer, arguments, slider
values, clicks); each explorer is built once and its sliders moved, and the status line each
setting produces is collected. Then

- every italic quote *"…"* in the guide must match one of those status lines: its pieces,
  separated by "…", appear in order, and every number in it is whole (a quoted 1.1 does not
  match a status that says 1.19). A quote listed in NOTEBOOK_QUOTES quotes a notebook's
  printed output instead and is checked against that notebook's stored outputs;
- every other italic fragment with a digit in it (*difference 0.008*) must match a status line
  or a notebook's stored output the same way;
- no setting in the table is chaotic: a walk restarted 1e-9 away reads the same status line
  (a quote that holds only for the exact float typed would mislead a class whose slider
  lands a hair away).

When a quote fails, run this file with ``-rA``: the message lists the nearest status lines.
"""

import functools
import html
import inspect
import json
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

import gdcore

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "notebooks" / "README.md"
NUDGE = 1e-9


# Slider values that depend on the slider, as callables with a readable repr: test ids are
# built from them, and pytest-xdist's workers must all build the same ids.
@dataclass(frozen=True)
class _notch:
    """A log slider's value `index` notches above its lower end (what dragging lands on)."""

    index: int

    def __call__(self, slider):
        return 10 ** (slider.min + slider.step * self.index)


@dataclass(frozen=True)
class _nearest_notch:
    """The log slider's notch nearest `value`."""

    value: float

    def __call__(self, slider):
        return 10 ** (slider.min + slider.step * round(
            (np.log10(self.value) - slider.min) / slider.step))


def _left_end(slider):
    return 10 ** slider.min


@dataclass(frozen=True)
class Setting:
    """One setting the guide describes.

    explorer : the gdcore function that builds it; kwargs : its arguments (a landscape named
    by its gdcore function); sliders : a value (or a function of the slider) per slider, in
    order, None to leave one as built; actions : (control description, clicks or value) in
    turn, the status read after each; walk : how to restart the walk a hair away for the
    chaos test: "slider" (the first slider is the start), "start" (the `start` argument),
    "starts" (the game's first start), "rate" (a map of many starts: nudge the rate
    instead), or None (not a walk, or a quadratic bowl, which cannot be chaotic).
    """

    notebook: str
    explorer: str
    kwargs: tuple = ()
    sliders: tuple = ()
    actions: tuple = ()
    walk: str | None = None
    label: str = field(default="", compare=False)

    def __str__(self):
        args = ", ".join(f"{k}={v}" for k, v in self.kwargs)
        values = ", ".join("·" if v is None else (f"{v:g}" if isinstance(v, (int, float))
                                                  else "notch") for v in self.sliders)
        acts = "; ".join(f"{d} ×{n}" if isinstance(n, int) and not isinstance(n, bool)
                         else f"{d}={n}" for d, n in self.actions)
        return f"{self.notebook} {self.explorer}({args}) [{values}] {acts} {self.label}".strip()


S = Setting
VALLEYS = (("landscape", "valley_profile"), ("start", 2.0), ("learning_rate", 0.1),
           ("steps", 50))

SETTINGS = [
    # 01: the blindfold game and the mountain walk
    S("01", "blindfold_game", actions=(("follow the slope", 8), ("reveal the mountain", True)),
      walk="starts"),
    S("01", "blindfold_game", actions=(("learning rate η", 4.0), ("follow the slope", 6),
                                       ("reveal the mountain", True)), walk="starts"),
    S("01", "blindfold_game", actions=(("learning rate η", _nearest_notch(4.0)),
                                       ("follow the slope", 6), ("reveal the mountain", True)),
      walk="starts", label="the notch near 4"),
    S("01", "blindfold_game", actions=(("learning rate η", 5.0), ("follow the slope", 4),
                                       ("reveal the mountain", True)), walk="starts"),
    *(S("01", "mountain_walk_explorer", sliders=values, walk="slider") for values in [
        (-4, 0.3, 12), (-4, 2, 12), (-4, 2, 10), (-4, 2.1, 1), (-4, 3, 50), (-4, 4.5, 10),
        (4, 0.8, 1), *((-4, _nearest_notch(eta), 12) for eta in (1.687, 1.893, 2.124))]),
    # 02: secants
    *(S("02", "secant_explorer", sliders=values) for values in [
        (-3, 2), (-3, 0.01), (-3, 0.001), (-3, _notch(61)), (-3, 1.125), (-2, 0.008),
        (3, 0.03)]),
    # 03: the fit
    # (at step 0 no step is taken: the status prints the start itself, so it is no walk)
    *(S("03", "fit_explorer", sliders=(k,), walk="start" if k else None)
      for k in (0, 1, 5, 79, 357)),
    *(S("03", "fit_explorer", (("start", start),), sliders=(k,), walk="start" if k else None)
      for start in [(2, 20), (-10, 25)] for k in (0, 1, 10_000)),
    *(S("03", "fit_explorer", (("learning_rate", 0.05), ("steps", 1200)), sliders=(k,),
        walk="start") for k in (1, 2, 1200)),
    S("03", "fit_explorer", (("learning_rate", 0.18),), sliders=(400,), walk="start"),
    # 04: the learning rate
    *(S("04", "learning_rate_explorer", sliders=values, walk="start") for values in [
        (None, 100), (0.02, 100), (0.05, 100), (0.1, 100), (0.15, 100), (0.16, 400),
        (0.1692, 400), (0.1692, 100), (0.1685, 400), (0.173, 100), (0.18, 100), (0.2, 100),
        (0.1723, 100), (0.1743, 100)]),
    # 05: polynomials and units (quadratic bowls: linear walks, never chaotic)
    *(S("05", "polynomial_explorer", sliders=values) for values in [
        (3, 3000), (1, 3000), (7, 3000), (7, 20000), (12, 3000)]),
    S("05", "scaling_explorer"),
    S("05", "scaling_explorer", sliders=(1,)),
    S("05", "scaling_explorer", sliders=(1,), actions=(("standardise the feature", True),)),
    # 06: three valleys, four basins
    *(S("06", "mountain_walk_explorer", VALLEYS, sliders=values, walk="slider")
      for values in [(2, 0.1, 50), (2, 0.12, 50), (2, 0.13, 50), (2, 0.6, 50), (0.2, 0.1, 50),
                     (0.35, 0.1, 50), (0.2, 0.05, 40), (2.4, 0.1, 50), (2.6, 0.1, 50),
                     (0.2, _nearest_notch(0.05012), 40),
                     *((2, _nearest_notch(eta), 50) for eta in (0.1122, 0.1259, 0.5623))]),
    *(S("06", "basins_explorer", sliders=values, walk="rate") for values in [
        (0.01, 200), (0.149, 200), (0.15, 200), (0.2, 200), (0.25, 200), (0.01, 50),
        (_nearest_notch(0.141), 200), (_nearest_notch(0.158), 200)]),
    # 07: batches and momentum
    *(S("07", "batch_size_explorer", sliders=values, walk="start") for values in [
        (4, 0.1, 0), (24, 0.1, 0), (1, 0.1, 0), (1, 0.1, 0.3), (1, 0.1, 1), (4, 0.1, 0.3),
        (1, 0.3, 0)]),
    *(S("07", "momentum_explorer", sliders=values, walk="start") for values in [
        (0.5, None), (0.65, None), (0.7, None), (0.9, None), (0.99, None), (0.5, 0.056),
        (0.5, 0.08), (0.9, 0.08), (0.9, _left_end)]),
    S("07", "momentum_explorer", (("condition_number", 200), ("steps", 5000)),
      sliders=(0.85, None), walk="start"),
]

# Quotes of a notebook's printed output, not of a status line: quote -> notebook.
NOTEBOOK_QUOTES = {}

# Italic text with a digit in it that quotes nothing (a formula).
NOT_QUOTES = {"w ← (1 − ηλ) w"}


# ---------------------------------------------------------------------------------------------
# Reading status lines


def plain(text):
    """Text as a reader sees it: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())


def _resolve(kwargs):
    return {k: getattr(gdcore, v)() if k == "landscape" else v for k, v in kwargs}


@functools.cache
def _explorer(name, kwargs):
    """One explorer per (function, arguments): the settings only move its sliders.

    Returns the explorer and its sliders' values as built (what a None in a setting means).
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        explorer = getattr(gdcore, name)(**_resolve(kwargs))
    return explorer, tuple(slider.value for slider in explorer.sliders)


def _controls(explorer):
    return {getattr(c, "description", ""): c for c in explorer.children[0].children}


def _apply(explorer, setting):
    """Move the explorer to `setting`; return the status line after each move and action."""
    sliders = explorer.sliders
    for slider, value in zip(sliders, setting.sliders, strict=True):
        slider.value = value(slider) if callable(value) else value
    statuses = [plain(explorer.status.value)]
    controls = _controls(explorer)
    for description, what in setting.actions:
        control = controls[description]
        if hasattr(control, "click") and not hasattr(control, "value"):
            for _ in range(what):
                control.click()
                statuses.append(plain(explorer.status.value))
        else:
            control.value = what(control) if callable(what) else what
            statuses.append(plain(explorer.status.value))
    return statuses


def _fresh(setting):
    """Whether the setting needs an explorer of its own (a game remembers its moves)."""
    return bool(setting.actions)


def status_lines(setting, nudge=0.0):
    """Every status line `setting` shows (the last is the setting's own), `nudge` away."""
    kwargs = dict(setting.kwargs)
    sliders = list(setting.sliders)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if nudge and setting.walk == "start":
            default = inspect.signature(getattr(gdcore, setting.explorer)).parameters["start"]
            start = kwargs.get("start", default.default)
            kwargs["start"] = tuple(float(s) + nudge for s in start)
        elif nudge and setting.walk == "starts":
            kwargs["starts"] = (-4.2 + nudge, 4.6, -2.6, 3.4)
        key = tuple(sorted(kwargs.items()))
        if _fresh(setting):
            explorer = getattr(gdcore, setting.explorer)(**_resolve(key))
            built = tuple(slider.value for slider in explorer.sliders)
        else:
            explorer, built = _explorer(setting.explorer, key)
        sliders += [None] * (len(built) - len(sliders))
        sliders = [b if v is None else v(slider) if callable(v) else v
                   for v, b, slider in zip(sliders, built, explorer.sliders, strict=True)]
        if nudge and setting.walk == "slider":
            sliders[0] = sliders[0] + nudge
        elif nudge and setting.walk == "rate":
            sliders[0] = sliders[0] * (1 + nudge)
        moved = Setting(setting.notebook, setting.explorer, key, tuple(sliders),
                        setting.actions)
        lines = _apply(explorer, moved)
        if explorer.error is not None:
            raise AssertionError(f"{setting}: the explorer failed: {explorer.error!r}")
        return lines


@functools.cache
def all_status_lines():
    """{status line: the setting that shows it}, and the settings that could not be built."""
    found, broken = {}, {}
    for setting in SETTINGS:
        try:
            for line in status_lines(setting):
                found.setdefault(line, setting)
        except Exception as error:  # reported by test_every_setting_builds
            broken[str(setting)] = f"{type(error).__name__}: {error}"
    return found, broken


# ---------------------------------------------------------------------------------------------
# Reading the guide and the notebooks


def guide_quotes():
    """Every *"…"* quote in the guide, as a reader sees it."""
    text = GUIDE.read_text(encoding="utf-8")
    return [plain(q) for q in re.findall(r'\*"(.+?)"\*', text, flags=re.S)]


def guide_italic_numbers():
    """Every other italic fragment with a digit in it: a number the guide quotes."""
    text = re.sub(r'\*"(.+?)"\*', "", GUIDE.read_text(encoding="utf-8"), flags=re.S)
    fragments = [plain(m) for m in re.findall(r"(?<![*\w])\*(?![*\s])([^*]+?)(?<!\s)\*(?!\*)",
                                              text, flags=re.S)]
    return [f for f in fragments if re.search(r"\d", f) and f not in NOT_QUOTES]


@functools.cache
def notebook_outputs(name=None):
    """The stored text outputs of one notebook (by its number, "04") or of all of them."""
    texts = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        if name is not None and not path.name.startswith(name):
            continue
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            for output in cell.get("outputs", []):
                if output.get("output_type") == "stream":
                    texts.append("".join(output["text"]))
                for mime in ("text/plain", "text/html", "text/markdown"):
                    value = output.get("data", {}).get(mime)
                    if value is not None:
                        texts.append("".join(value))
    return tuple(line for text in texts for line in (plain(t) for t in text.split("\n")) if line)


def _piece_pattern(piece):
    """A piece of a quote as a regular expression whose numbers match whole numbers only."""
    pattern = re.escape(piece)
    if re.match(r"[-−]?\d", piece):
        pattern = r"(?<![\d.])" + pattern
    if re.search(r"\d$", piece):
        pattern += r"(?!\d|[.,]\d)"
    return re.compile(pattern)


def matches(quote, line):
    """Whether the pieces of `quote` (split at "…") appear in `line` in order, numbers whole."""
    position = 0
    for piece in (p.strip() for p in quote.split("…")):
        if not piece:
            continue
        found = _piece_pattern(piece).search(line, position)
        if found is None:
            return False
        position = found.end()
    return True


def _nearest(quote, lines, count=3):
    """The lines sharing most words with `quote`, for a failure message."""
    words = set(re.findall(r"[\w.,-]+", quote))
    ranked = sorted(lines, key=lambda line: -len(words & set(re.findall(r"[\w.,-]+", line))))
    return "\n".join(f"    {line}" for line in ranked[:count])


# ---------------------------------------------------------------------------------------------
# The tests


def test_the_matching_is_strict_about_numbers_and_order():
    line = "Still walking after 50 steps, at 1.19 … the deepest (the wall is at η = 0.1252)"
    assert matches("Still walking after 50 steps, at 1.19 … the deepest", line)
    assert matches("at 1.19 … η = 0.1252", line)
    assert not matches("at 1.1 … the deepest", line)  # 1.1 is not 1.19
    assert not matches("at 19", line)
    assert not matches("the deepest … after 50 steps", line)  # out of order
    assert not matches("η = 0.125", line)
    assert matches("Converged in 1,090 steps", "Converged in 1,090 steps, at 0.5")
    assert not matches("Converged in 1 step", "Converged in 1,090 steps")


def test_the_guide_has_quotes_and_the_table_covers_every_explorer():
    quotes = guide_quotes()
    assert len(quotes) >= 40, "the guide's quotes were not found: has their form changed?"
    text = GUIDE.read_text(encoding="utf-8")
    named = set(re.findall(r"`(?:gdcore\.)?(\w+_(?:explorer|game))", text))
    assert named <= {s.explorer for s in SETTINGS}, "an explorer the guide shows is not tested"


def test_every_setting_builds():
    _, broken = all_status_lines()
    assert not broken, "settings that fail:\n" + "\n".join(f"  {k}: {v}"
                                                           for k, v in broken.items())


@pytest.mark.parametrize("quote", guide_quotes(), ids=lambda q: q[:48])
def test_every_quoted_status_line_is_one_the_explorers_show(quote):
    if quote in NOTEBOOK_QUOTES:
        lines = notebook_outputs(NOTEBOOK_QUOTES[quote])
        where = f"notebook {NOTEBOOK_QUOTES[quote]}'s stored outputs"
    else:
        lines = list(all_status_lines()[0])
        where = "any status line of the settings in SETTINGS"
    assert any(matches(quote, line) for line in lines), (
        f'the guide quotes "{quote}", which is in none of {where}. Nearest:\n'
        + _nearest(quote, lines))


@pytest.mark.parametrize("fragment", guide_italic_numbers(), ids=lambda q: q[:48])
def test_every_italic_number_is_shown_somewhere(fragment):
    lines = [*all_status_lines()[0], *notebook_outputs()]
    assert any(matches(fragment, line) for line in lines), (
        f"the guide shows *{fragment}* in italics, as a quote, but no status line or stored "
        "output says it. Nearest:\n" + _nearest(fragment, lines))


def test_every_notebook_quote_is_in_the_guide():
    stale = set(NOTEBOOK_QUOTES) - set(guide_quotes())
    assert not stale, f"NOTEBOOK_QUOTES lists quotes the guide no longer has: {stale}"


@pytest.mark.parametrize("setting", [s for s in SETTINGS if s.walk], ids=str)
def test_no_quoted_setting_is_chaotic(setting):
    exact = status_lines(setting)[-1]
    nudged = status_lines(setting, nudge=NUDGE)[-1]
    assert nudged == exact, (
        f"{setting} is chaotic: a walk {NUDGE:g} away reads\n    {nudged}\ninstead of\n"
        f"    {exact}\nso a quote of it cannot be promised to a class")
