"""Sphinx configuration of the web book: `make site` builds it into site/.

The source folder is the repository's root, so that every lesson keeps its path
(notebooks/01_....ipynb) and each page's launch button opens that same file on Binder. Only
the pages listed in include_patterns are read; the notebooks are shown with the outputs they
were committed with, never re-executed. Nothing is fetched at build or view time: MathJax
comes from the sphinx-mathjax-offline package, pinned in requirements-dev.txt.
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "book"))  # for reference.py, beside this file

from reference import constant_docstring, write_reference  # noqa: E402

# The one place the site holds the repository's address (README.md's Binder links hold it too,
# and tests/test_site.py checks that the two agree).
REPOSITORY = "https://github.com/OWNER/REPO"

project = "Gradient descent, hands on"
author = "the authors of Gradient descent, hands on"
copyright = "the authors; lessons CC BY 4.0, code MIT"

root_doc = "book/index"
include_patterns = [
    "book/**",
    "notebooks/*.ipynb",
    "notebooks/README.md",
    "gallery/*.ipynb",
]
# Folders Sphinx need not even walk through.
exclude_patterns = [".venv", ".git", "build", "site", "student", "tests", "**/.ipynb_checkpoints"]

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "sphinx-mathjax-offline",
    "numpydoc",
]

# The notebooks as committed: their stored outputs, still pictures of the explorers included.
nb_execution_mode = "off"
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence"]
myst_heading_anchors = 3
# A folded worked solution's code cell (see _as_in_the_book) offers itself in these words.
nb_code_prompt_show = "Show the solution's code and what it prints"
nb_code_prompt_hide = "Hide the solution's code"

# The reference (book/reference.py writes its pages): a page per module, from gdcore's
# docstrings (numpydoc), examples included.
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
add_module_names = False
autodoc_typehints = "none"

html_theme = "sphinx_book_theme"
html_title = project
html_static_path = ["static"]
html_css_files = ["book.css"]
html_extra_path = ["extra"]
html_theme_options = {
    "repository_url": REPOSITORY,
    "repository_branch": "main",
    "path_to_docs": "",
    "use_repository_button": True,
    "launch_buttons": {
        "binderhub_url": "https://mybinder.org",
        "notebook_interface": "jupyterlab",
    },
    "show_toc_level": 2,
    # One search box, in the sidebar, instead of a second one in a header bar.
    "navbar_persistent": [],
}
# Light, as the figures are drawn on white (readers can switch); without a default the theme
# logs an error on every page.
html_context = {"default_mode": "light"}


def _as_in_the_book(app, docname, source):
    # The lessons link to sections of the repository's README (how to credit them), which is
    # not a page of the book: in the book those links go to the README on GitHub.
    source[0] = source[0].replace("](../README.md", f"]({REPOSITORY}/blob/main/README.md")
    if app.env.doc2path(docname).suffix == ".ipynb":
        # Code hidden in JupyterLab (the gallery's) is hidden in the book too, and a worked
        # solution's code and what it prints stay folded, like the solution above them, until
        # the reader opens them.
        notebook = json.loads(source[0])
        for cell in notebook["cells"]:
            tags = cell["metadata"].setdefault("tags", [])
            if cell["metadata"].get("jupyter", {}).get("source_hidden"):
                tags.append("remove-input")
            if cell["cell_type"] == "code" and "solution" in tags:
                tags.append("hide-cell")
        source[0] = json.dumps(notebook)


def _beside_the_doctrees(app):
    # myst-nb writes the notebooks' pictures into a folder next to the output folder, which would
    # be the repository's root: keep them in build/ with Sphinx's other intermediate files.
    config = app.env.mystnb_config
    app.env.mystnb_config = config.copy(output_folder=str(ROOT / "build" / "jupyter_execute"))


def setup(app):
    app.connect("builder-inited", _beside_the_doctrees, priority=900)
    # Before Sphinx looks for its pages: write the reference's, from gdcore's __all__.
    app.connect("config-inited", lambda app, config: write_reference(ROOT / "book" / "reference"))
    app.connect("source-read", _as_in_the_book)
    app.connect("autodoc-process-docstring", constant_docstring)
