"""The regime names agree everywhere: gdcore.theory defines them once, and the notebooks, the
teacher's guide, the front page (README.md), every explorer's status line and the sweep's
legend use those and no other.

The retired names are "fast" and "oscillating" (with its forms "oscillates", "oscillate"). They
are still ordinary English ("falls fast at first", "the ball oscillates"); what may not appear is
a retired name *used as a regime's name*. A passage uses one as a regime's name when:

- **emphasised or quoted**: it is inside a ``**bold**``, ``*italic*``, ```code``` or
  ``"quoted"`` span on one line (how the lessons set a regime's name, and how the guide quotes
  a status line);
- **in a list of regimes**: it is an item of a list (joined by a comma, "or" or "and") next to
  a current regime word (crawl, smooth, zig-zag, diverging, or their verbs, or "converge"),
  as in "crawl, fast, oscillating, diverging" or "crawls, converges, oscillates or diverges";
- **after "regime" or before "regime"/"band"**: "the regime of η = 3: fast", "the fast band";
- **as a label**: "(fast)", "is fast", "counts as fast", "calls η = 3 fast", "named
  oscillating";
- **in a code cell's string**: ``"fast"`` in a label, a comparison, a legend;
- **in a stored output**, anywhere as a whole word: outputs are printed by gdcore, whose words
  for a learning rate are only the current regime names.

Math (``$...$``) is removed from prose first: its ``*`` and ``_`` are not emphasis.
"""

import json
import re
from pathlib import Path

import ipywidgets
import numpy as np
import pytest

import gdcore
from gdcore import plotting, theory, widgets

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
GUIDE = ROOT / "notebooks" / "README.md"
FRONT = ROOT / "README.md"  # the project's front page lists the regimes too

RETIRED = r"(?:fast|oscillat(?:ing|es|e))"
_WORD = rf"\b{RETIRED}\b"
_FAMILY = r"\b(?:crawl\w*|smooth|zig-zag\w*|diverg\w*|converg\w*)"
_JOIN = r"\s*(?:,|\bor\b|\band\b)\s*(?:[\w-]+\s+){0,2}?"
_CLAUSE = r"(?:[^.\n]|\.\d)"  # within a sentence (a decimal point does not end one)

PROSE_PATTERNS = {
    "emphasised or quoted": re.compile(
        r"\*\*[^*\n]+?\*\*|\*[^*\n]+?\*|`[^`\n]+`|\"[^\"\n]+\"|“[^”\n]+”"),
    "in a list of regimes": re.compile(
        rf"{_FAMILY}{_JOIN}{_WORD}|{_WORD}{_JOIN.replace('{0,2}', '{0,0}')}{_FAMILY}",
        re.IGNORECASE),
    "after or before regime": re.compile(
        rf"\bregimes?\b{_CLAUSE}{{0,40}}?{_WORD}|{_WORD}\s+(?:regimes?|bands?)\b", re.IGNORECASE),
    "as a label": re.compile(
        rf"\(\s*{RETIRED}\s*\)|\b(?:is|are|counts as)\s+{RETIRED}\b"
        rf"|\b(?:call|calls|called|name|names|named|label|labels|labelled)\b{_CLAUSE}{{0,30}}?"
        rf"{_WORD}", re.IGNORECASE),
}
CODE_STRING = re.compile(r"([\"'])(?:(?!\1)[^\n])*?" + _WORD + r"(?:(?!\1)[^\n])*?\1",
                         re.IGNORECASE)
MATH = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$", re.DOTALL)


def retired_uses(text, kind):
    """Where `text` uses a retired name as a regime's name: (line, snippet) for each use.

    `kind` is "prose" (markdown, the guide), "code" (a code cell's source) or "output" (a
    stored output's text); `line` counts from 0 within `text`.
    """
    if kind == "output":
        matches = [(m, "") for m in re.finditer(_WORD, text, re.IGNORECASE)]
    elif kind == "code":
        matches = [(m, "") for m in CODE_STRING.finditer(text)]
    else:
        # Blank out the math, keeping every other character where it was.
        text = MATH.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
        matches = [(m, f"{name}: ") for name, pattern in PROSE_PATTERNS.items()
                   for m in pattern.finditer(text)
                   if name != "emphasised or quoted" or re.search(_WORD, m.group(), re.I)]
    return [(text.count("\n", 0, m.start()), f"{how}{m.group()!r}") for m, how in matches]


def passages():
    """Every piece of text a learner or a teacher reads: (where, kind, text)."""
    for path in NOTEBOOKS:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for index, cell in enumerate(cells):
            where = f"{path.name} cell {index}"
            source = "".join(cell["source"])
            yield where, "prose" if cell["cell_type"] == "markdown" else "code", source
            for output in cell.get("outputs", []):
                texts = [output.get("text", "")] + [
                    value for mime, value in output.get("data", {}).items()
                    if mime.startswith("text/")]
                for text in texts:
                    yield f"{where} output", "output", "".join(text)
    # The guide and the front page paragraph by paragraph, so that a failure names the line.
    for page in (GUIDE, FRONT):
        line = 1
        for paragraph in page.read_text(encoding="utf-8").split("\n\n"):
            yield f"{_name(page)} line {line}", "prose", paragraph
            line += paragraph.count("\n") + 2


def _name(page):
    """A page's path from the repository's root: notebooks/README.md, README.md."""
    return page.relative_to(ROOT).as_posix()


# --- the patterns themselves -------------------------------------------------------------

FLAGGED = [
    ("Theory calls η = 3 **fast**.", "prose"),
    ('the status line calls η = 3 "fast"', "prose"),
    ("*\"Converged in 5 steps, at 1 … fast (the wall is at η = 2)\"*", "prose"),
    ("- $\\eta = 0.15$ **converges fast**.", "prose"),
    ("- $\\eta = 0.173$ **oscillates**: it jumps across the valley", "prose"),
    ("which regime a rate falls in (crawl, fast, oscillating, diverging)", "prose"),
    ("# Choose the learning rate: crawl, converge, oscillate or diverge", "prose"),
    ("a learning-rate slider that shows when descent crawls, converges, oscillates or", "prose"),
    ("the four behaviours of a fixed rate (crawl, fast, oscillate yet converge, diverge)",
     "prose"),
    ("the regime of η = 3 is fast", "prose"),
    ("rates in the fast band converge", "prose"),
    ("η = 0.16 (fast): 258 steps", "prose"),
    ("η = 0.15 counts as fast here", "prose"),
    ("the theory calls η = 0.15 fast, where the path zig-zags", "prose"),
    ("`fast`", "prose"),
    ('ax.axvspan(0.1, 0.2, label="oscillating")', "code"),
    ('if gdcore.regime(h, eta) == "fast":', "code"),
    ("η = 0.1500 (       fast): predicted 0.9445", "output"),
    ("✔ Right: η = 0.173 converges: it oscillates, every step jumping", "output"),
]

SPARED = [
    ("the loss falls fast at first and soon seems to lie on the floor", "prose"),
    ("make it faster in a long narrow valley; the fastest walk zig-zags", "prose"),
    ("**1. The fastest rate.** With the learning-rate explorer set to 400 steps", "prose"),
    ("Above about 0.1685 the zig-zag's jumps shrink ever more slowly\nand the count climbs "
     "fast: 249 at 0.169", "prose"),
    ("- \"A larger learning rate is always faster.\" η = 2 arrives in 5 steps", "prose"),
    ("the steps shrink so fast that the walk creeps to a halt", "prose"),
    ("*Look at:* the path moves fast to start and *then* slows", "prose"),
    ("$\\eta^* = 2/(\\lambda_{min} + \\lambda_{max})$ and how fast any fixed rate can be, "
     "with $\\lambda_{max}$", "prose"),
    ("[fast.ai, *Practical Deep Learning for Coders*](https://course.fast.ai/)", "prose"),
    ("    fastest = int(np.argmin(counts))", "code"),
    ("η = 0.1500 (    zig-zag): predicted 0.9445", "output"),
    ("best β = 0.9, 71 steps, 12.3 times fewer; the fastest", "output"),
]


@pytest.mark.parametrize("text, kind", FLAGGED)
def test_the_patterns_catch_a_retired_name_used_as_a_regime(text, kind):
    assert retired_uses(text, kind), text


@pytest.mark.parametrize("text, kind", SPARED)
def test_the_patterns_spare_plain_english(text, kind):
    assert not retired_uses(text, kind), retired_uses(text, kind)


def test_the_patterns_find_no_current_regime_name():
    names = ", ".join(f"**{name}**" for name in theory.REGIMES)
    assert not retired_uses(f"Four regimes: {names}; crawls, zig-zags or diverges.", "prose")
    assert not retired_uses(" ".join(theory.REGIME_MEANINGS.values()), "output")


# --- the notebooks and the guide ---------------------------------------------------------


@pytest.mark.parametrize("path", [*NOTEBOOKS, GUIDE, FRONT], ids=_name)
def test_no_passage_uses_a_retired_regime_name(path):
    found = []
    for where, kind, text in passages():
        if where.split()[0] == (_name(path) if path.suffix == ".md" else path.name):
            for line, use in retired_uses(text, kind):
                at = where  # on a page, the paragraph's first line plus `line`
                if path.suffix == ".md":
                    at = f"{_name(path)} line {int(where.split()[-1]) + line}"
                found.append(f"{at} ({kind}): {use}")
    assert not found, "retired regime names:\n" + "\n".join(found)


def test_notebook_04_states_the_rule_with_all_four_names():
    # One markdown cell names each regime in bold and gives its border: the wall 2/λmax, the
    # zig-zag's start 1/λmax, and the crawl's 1 % (0.01/λmin).
    path = next(p for p in NOTEBOOKS if p.name.startswith("04_"))
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    rules = ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]
    borders = [r"2/\lambda_{max}", r"1/\lambda_{max}", r"0.01/\lambda_{min}"]
    stating = [text for text in rules
               if all(f"**{name}**" in text for name in theory.REGIMES)
               and all(border in text for border in borders)
               and re.search(r"1\s?%", text)]
    assert stating, "no cell of notebook 04 states the rule with all four regime names"


# --- the explorers' status lines and the sweep's legend ----------------------------------

LABEL = re.compile(r"Theory calls η = [^<]+ <b style='color:([^']+)'>([^<]*)</b>: ([^(]+?)"
                   r"(?: \(the wall| *\.)")


def _values(slider):
    """Every other notch of a learning-rate slider (each regime band has several); for any
    other slider its ends and its middle."""
    if "learning rate" in slider.description:
        notches = round((slider.max - slider.min) / slider.step)
        every = max(1, notches // 100)
        return [slider.base ** (slider.min + k * slider.step)
                for k in [*range(0, notches, every), notches]]
    if isinstance(slider, ipywidgets.IntSlider):
        return sorted({slider.min, (slider.min + slider.max) // 2, slider.max})
    return list(np.linspace(slider.min, slider.max, 3))


def _statuses(explorer):
    """The status line after each slider, in turn, takes each of its values."""
    yield explorer.status.value
    for slider in explorer.sliders:
        start = slider.value
        for value in _values(slider):
            slider.value = value
            yield explorer.status.value
        slider.value = start


EXPLORERS = [(getattr(widgets, name), {}) for name in widgets.__all__] + [
    (widgets.mountain_walk_explorer,  # as notebook 06 calls it, on three valleys
     {"landscape": gdcore.valley_profile(), "start": 2.0, "learning_rate": 0.1, "steps": 50})]


@pytest.mark.parametrize("make, kwargs", EXPLORERS,
                         ids=[f"{m.__name__}{'-valleys' if k else ''}" for m, k in EXPLORERS])
def test_every_status_line_names_only_the_theory_s_regimes(make, kwargs):
    explorer = make(**kwargs)
    named = set()
    for status in _statuses(explorer):
        assert not re.search(_WORD, status, re.IGNORECASE), status
        for color, name, meaning in LABEL.findall(status):
            assert name in theory.REGIMES, status
            assert color == plotting.REGIME_COLORS[name], status
            assert meaning == theory.REGIME_MEANINGS[name], status
            named.add(name)
        assert status.count("Theory calls") == len(LABEL.findall(status)), status
    if make in (widgets.learning_rate_explorer, widgets.mountain_walk_explorer) and not kwargs:
        # Their learning-rate sliders reach across every regime.
        assert named == set(theory.REGIMES), named


def test_the_sweep_legend_names_each_regime_with_its_meaning():
    explorer = widgets.learning_rate_explorer()
    legends = [ax.get_legend() for ax in explorer.figure.axes if ax.get_legend()]
    (legend,) = legends
    texts = [" ".join(t.get_text().split()) for t in legend.get_texts()]
    assert texts == [f"{name}: {theory.REGIME_MEANINGS[name]}" for name in theory.REGIMES]
