"""Write the web book's reference of gdcore from the package itself.

Each module lists its public names in ``__all__`` and ``gdcore._MODULES`` lists the modules in
the order of the layers, so the reference is written from them at every build (into
book/reference/, which git ignores) and cannot fall behind the code: a contents page by layer,
then a page per module with its docstring, a table of its names, and each name's whole
docstring, examples included (autodoc and numpydoc).
"""

import inspect
import sys
from pathlib import Path

from sphinx.pycode import ModuleAnalyzer

import gdcore

LAYERS = {
    "The maths": "NumPy only: the data sets, the landscapes, the losses and their derivatives, "
                 "the descents, the theory, and the checkers of the learner's answers.",
    "The pictures": "matplotlib only: each ``plot_`` function draws one thing on an ``ax`` and "
                    "returns what it drew; its ``set_`` twin moves the same artists.",
    "The explorers": "Sliders wired to the maths and to the pictures: each function returns a "
                     "widget to show in a notebook.",
}


def _layer(module):
    return {"gdcore.plotting": "The pictures", "gdcore.widgets": "The explorers"}.get(
        module.__name__, "The maths")


def _page_name(module):
    return module.__name__.removeprefix("gdcore.")


def _title(text, underline):
    return f"{text}\n{underline * len(text)}\n"


def _entry(name):
    thing = getattr(gdcore, name)
    if inspect.isclass(thing):
        return [f".. autoclass:: {name}", "   :members:", ""]
    if callable(thing):
        return [f".. autofunction:: {name}", ""]
    return [f".. autodata:: {name}", ""]


def _module_page(module):
    return "\n".join([
        _title(f"``{module.__name__}``", "="),
        f".. automodule:: {module.__name__}",
        "   :no-members:",
        "",
        ".. currentmodule:: gdcore",
        "",
        ".. autosummary::",
        "   :nosignatures:",
        "",
        *(f"   {name}" for name in module.__all__),
        "",
        *(line for name in module.__all__ for line in _entry(name)),
    ])


def _index_page():
    lines = [_title("The gdcore reference", "="), ".. automodule:: gdcore", "   :no-members:", ""]
    for layer, about in LAYERS.items():
        lines += [_title(layer, "-"), about, "", ".. toctree::", "   :maxdepth: 1", ""]
        lines += [f"   {_page_name(module)}" for module in gdcore._MODULES
                  if _layer(module) == layer]
        lines.append("")
    return "\n".join(lines)


def constant_docstring(app, what, name, obj, options, lines):
    """Give a constant the docstring written beside it in the module that defines it.

    Every name is documented as ``gdcore.NAME``, and autodoc looks for a constant's docstring
    (the string under it, or ``#:`` comments above it) in ``gdcore/__init__.py``, finds none, and
    falls back on its type's: "Built-in immutable sequence." for a tuple. Connected to
    autodoc-process-docstring, which autosummary's tables go through too.
    """
    short = name.removeprefix("gdcore.")
    if what != "data" or short not in gdcore.__all__:
        return
    home = next(module for module in gdcore._MODULES if short in module.__all__)
    # The module itself, or the private one of its package that holds the name (plotting._style).
    for module_name in [home.__name__, *sorted(m for m in sys.modules
                                              if m.startswith(home.__name__ + "."))]:
        docs = ModuleAnalyzer.for_module(module_name).find_attr_docs().get(("", short))
        if docs:
            lines[:] = docs
            return
    lines[:] = []


def _write_if_changed(path, text):
    # Unchanged pages keep their time stamps, so Sphinx does not read them again.
    if not path.exists() or path.read_text() != text:
        path.write_text(text)


def write_reference(folder):
    """Write the reference's pages, from gdcore's modules and their ``__all__``, into folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    pages = {"index.rst": _index_page()}
    pages |= {f"{_page_name(module)}.rst": _module_page(module) for module in gdcore._MODULES}
    for path in folder.glob("*.rst"):
        if path.name not in pages:  # the page of a module that is gone
            path.unlink()
    for name, text in pages.items():
        _write_if_changed(folder / name, text)
