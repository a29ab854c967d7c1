"""Re-execute and normalise the notebooks, or check the committed ones.

From the repository's root:

    python -m tools.notebooks run [NOTEBOOK ...]    execute each in a fresh kernel, normalise it,
                                                    write it back (default: notebooks/*.ipynb)
    python -m tools.notebooks check [NOTEBOOK ...]  report problems without executing; exit 1
                                                    if there are any
    python -m tools.notebooks portable [NOTEBOOK ...]
                                                    execute each with NumPy's optional SIMD
                                                    code paths switched off and report every
                                                    text output that differs from the file
    python -m tools.notebooks student [NOTEBOOK ...]
                                                    write the student edition of each into
                                                    student/: the worked solutions left out

The notebooks are committed with their outputs, so everything that changes from one run to the
next without the lesson changing (random cell ids, execution counts, timings, stored widget
state) is normalised away: a re-run of an unchanged notebook leaves its file as it was.
"""

import argparse
import configparser
import copy
import os
import platform
import re
import shlex
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import ipywidgets
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert.preprocessors import TagRemovePreprocessor
from numpy._core import _multiarray_umath

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
TIMEOUT = 300  # seconds per cell; a lesson cell that takes longer has lost its class
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
NAME = re.compile(r"[0-9]{2}_[a-z0-9]+(_[a-z0-9]+)*\.ipynb")
# Every notebook ends with the terms of reuse (README.md, "Reuse and licences").
FOOTER = (
    "<small>*Gradient descent, hands on*, after the blog post *Gradient Descent - The deep"
    " Learning Entry point*. Text and figures: [CC BY 4.0](../LICENSE-CC-BY-4.0.txt); code:"
    " [MIT](../LICENSE). To reuse or adapt it, credit *Gradient descent, hands on*, link to"
    " it and say what you changed ([how](../README.md#reuse-and-licences)).</small>"
)
# The student edition: every cell tagged `solution` left out. Those are the collapsed worked
# solutions (a <details> block whose summary says Solution or Answer) and the code cells
# right after one, which print its answer; `problems` reports any left untagged.
STUDENT = ROOT / "student"
SOLUTION_TAG = "solution"
WORKED_SOLUTION = re.compile(r"<details>\s*<summary>\s*(Solution|Answer)", re.IGNORECASE)
STUDENT_NOTE = (
    "> **Student edition.** The worked solutions are left out of this copy: try each"
    " exercise, check it with the checker or the printed numbers, and ask your teacher. The"
    " full edition is in the `notebooks/` folder."
)
# View state that JupyterLab and nbclient write as a side effect, not content an author chose.
VOLATILE_CELL_METADATA = ("execution", "collapsed", "scrolled")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# What a widget looks like to a reader without a kernel when it has no still picture:
# "VBox(children=...)", "Canvas(toolbar=...)", "IntSlider(value=3)".
# The outputs a learner reads as text, and compares with the page.
TEXT_MIMES = ("text/plain", "text/html")
# Text that changes from run to run without the lesson changing (nbval uses the same rules).
SANITIZE = ROOT / "tests" / "nbval_sanitize.cfg"
RAW_WIDGET = re.compile(
    r"({})\(".format("|".join(
        name for name, value in vars(ipywidgets).items()
        if isinstance(value, type) and issubclass(value, ipywidgets.Widget)
    ) + "|Canvas|Toolbar")
)


def normalise(nb):
    """Return a copy of `nb` with everything volatile made deterministic.

    Cell ids become ``cell-00``, ``cell-01``, ... by position; code cells that were executed
    are numbered 1..N in order (cells never executed keep ``None``, so that `problems` can
    still tell); stored widget state, execution timings and output collapsing are dropped;
    the kernelspec is the project's. Applying it twice changes nothing.

    A widget's output keeps its still picture and text but loses its widget view. Without
    stored state the view can only fail: JupyterLab prefers it to the picture and, once the
    kernel connects, shows "Error displaying widget: model not found" in its place. Without
    the view, every reader sees the picture until the cell runs and the live widget replaces
    it.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        A version 4 notebook; it is not modified.

    Returns
    -------
    nbformat.NotebookNode
        The normalised notebook, nbformat 4.5.
    """
    nb = copy.deepcopy(nb)
    nb.nbformat, nb.nbformat_minor = 4, 5  # 4.5 is the first minor version with cell ids
    nb.metadata.pop("widgets", None)  # widget state: large, and different on every run
    nb.metadata.kernelspec = nbformat.from_dict(KERNELSPEC)
    count = 0
    for index, cell in enumerate(nb.cells):
        # By position, not content: editing a cell keeps its id, inserting one renumbers later ones.
        cell.id = f"cell-{index:02d}"
        _drop_volatile_metadata(cell.metadata)
        if cell.cell_type != "code":
            continue
        if cell.execution_count is not None:
            count += 1
            cell.execution_count = count
        cell.outputs = _merge_streams(cell.outputs)
        for output in cell.outputs:
            if output.output_type == "execute_result":
                output.execution_count = cell.execution_count
            output.get("data", {}).pop(WIDGET_VIEW, None)
    return nb


def _merge_streams(outputs):
    """Join neighbouring pieces of one stream: the kernel splits a print at random points."""
    merged = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (output.output_type == "stream" and previous is not None
                and previous.output_type == "stream" and previous.name == output.name):
            previous.text += output.text
        else:
            merged.append(output)
    return merged


def _drop_volatile_metadata(metadata):
    for key in VOLATILE_CELL_METADATA:
        metadata.pop(key, None)
    # outputs_hidden mirrors `collapsed`; source_hidden is kept, an author hides code on purpose.
    metadata.get("jupyter", {}).pop("outputs_hidden", None)
    for key in ("jupyter", "tags"):
        if key in metadata and not metadata[key]:
            del metadata[key]  # JupyterLab leaves `"tags": []` behind when the last tag goes


def to_text(nb):
    """Return the text of `nb` exactly as `nbformat.write` writes it (1-space indent, sorted
    keys, trailing newline), after validating it against the nbformat schema."""
    nbformat.validate(nb)  # nbformat.writes only logs an invalid notebook; fail instead
    text = nbformat.writes(nb, version=4)
    return text if text.endswith("\n") else text + "\n"


def read(path):
    """Read the version 4 notebook at `path` as it is, without `nbformat.read`'s validation,
    which would silently replace missing or duplicate cell ids."""
    nb = nbformat.reader.reads(Path(path).read_text(encoding="utf-8"))
    if nb.nbformat != 4:
        raise ValueError(f"nbformat {nb.nbformat}, expected 4")
    return nb


def write(nb, path):
    """Normalise `nb` and write it to `path`."""
    Path(path).write_text(to_text(normalise(nb)), encoding="utf-8")


def execute(path, timeout=TIMEOUT):
    """Execute the notebook at `path` in a fresh ``python3`` kernel, started in its folder.

    Returns
    -------
    nb : nbformat.NotebookNode
        The executed notebook, not yet normalised and not written anywhere.
    seconds : float
        Wall time of the execution, kernel start-up included.

    Raises
    ------
    nbclient.exceptions.CellExecutionError
        When a cell raises; the message shows the cell and the traceback.
    """
    path = Path(path)
    nb = read(path)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.perf_counter()
    client.execute()
    return nb, time.perf_counter() - start


def processors():
    """Stand-ins for other processors on this machine: ``(name, environment)`` pairs.

    NumPy picks, at run time, the fastest code path the processor offers for exp, tanh, log
    and friends (its optional SIMD targets), and OpenBLAS, behind ``@`` and ``eigh``, picks its
    kernels the same way; the paths agree only to the last bit or so. Switching the optional
    targets off from the top down (their names come from the NumPy installed, nothing is
    hard-coded) gives the path of a processor without them; on x86-64, OpenBLAS is told the
    matching processor. Configurations that compute exactly what another one does, bit for
    bit, on a fingerprint of those functions are dropped, so each distinct path runs once.
    The first pair is this processor, as it is.
    """
    dispatch = _multiarray_umath.__cpu_dispatch__
    supported = [target for target in dispatch if _multiarray_umath.__cpu_features__[target]]
    candidates = [("this processor", dict(os.environ))]
    for level, target in reversed(list(enumerate(supported))):
        env = {**os.environ, "NPY_DISABLE_CPU_FEATURES": " ".join(dispatch[level:])}
        core = OPENBLAS_CORES.get(target) if platform.machine() == "x86_64" else None
        if core:
            env["OPENBLAS_CORETYPE"] = core
        candidates.append((f"without {target} and above" + (f", OpenBLAS as {core}"
                                                             if core else ""), env))
    seen, distinct = set(), []
    for name, env in candidates:
        fingerprint = subprocess.run(
            [sys.executable, "-c", FINGERPRINT], env=env, capture_output=True, text=True,
            check=True,
        ).stdout
        if fingerprint not in seen:
            seen.add(fingerprint)
            distinct.append((name, env))
    return distinct


# The processor OpenBLAS is told it runs on once NumPy's target of that name is switched off:
# without AVX-512 it is an AVX2 machine (Haswell); without AVX2, NumPy's SSE4.2 baseline
# (Nehalem).
OPENBLAS_CORES = {"X86_V4": "Haswell", "X86_V3": "Nehalem"}
# Bits of what the notebooks compute with, on fixed inputs: two configurations that print the
# same fingerprint run the same code paths for them.
FINGERPRINT = """
import hashlib, numpy as np
x = np.random.default_rng(0).uniform(-20, 20, 4099)
a = x[:4096].reshape(64, 64)
results = [f(x) for f in (np.exp, np.sin, np.cos, np.tanh, np.arctan, np.expm1)]
results += [np.log(np.abs(x)), np.log1p(np.abs(x)), np.abs(x) ** 1.5, np.sqrt(np.abs(x))]
results += [np.sum(x)]
results += [a @ a, a @ x[:64], np.linalg.eigvalsh(a + a.T), np.linalg.solve(a, x[:64])]
print(hashlib.sha256(b"".join(np.asarray(r).tobytes() for r in results)).hexdigest())
"""


def sanitizer():
    """A function that applies the substitutions of tests/nbval_sanitize.cfg to a text."""
    config = configparser.ConfigParser()
    config.read(SANITIZE, encoding="utf-8")
    rules = [(re.compile(config[name]["regex"]), config[name]["replace"])
             for name in config.sections()]

    def sanitize(text):
        for pattern, replacement in rules:
            text = pattern.sub(replacement, text)
        return text

    return sanitize


def text_outputs(nb):
    """Every text a reader sees in the outputs of `nb`, one list per code cell, sanitised.

    Streams, and the plain-text and HTML forms of results and displays (a figure's
    ``<Figure size ...>`` included); pictures are left out, their pixels depend on fonts.
    """
    sanitize = sanitizer()
    texts = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell_texts = []
        for output in cell.outputs:
            if output.output_type == "stream":
                cell_texts.append(f"{output.name}: {output.text}")
            elif output.output_type == "error":
                cell_texts.append(f"error: {output.ename}: {output.evalue}")
            else:
                cell_texts.extend(f"{mime}: {output.data[mime]}"
                                  for mime in TEXT_MIMES if mime in output.get("data", {}))
        texts.append([sanitize(text) for text in cell_texts])
    return texts


def differences(committed, executed, name):
    """One message per code cell whose text outputs differ between two versions of a notebook
    (`committed` as normalised on disk, `executed` fresh from a kernel)."""
    executed = normalise(executed)
    found = []
    code_cells = [cell for cell in committed.cells if cell.cell_type == "code"]
    pairs = zip(code_cells, text_outputs(committed), text_outputs(executed), strict=True)
    for index, (cell, before, after) in enumerate(pairs):
        if before != after:
            found.append(
                f"{name}: code cell {index} ({_first_line(cell.source)}) printed\n"
                + "".join(f"    {line}\n" for line in "".join(after).splitlines())
                + "  where the notebook shows\n"
                + "".join(f"    {line}\n" for line in "".join(before).splitlines())
            )
    return found


def portability_problems(paths, configurations=None, workers=2):
    """Execute each notebook in `paths` as each processor in `configurations` (default: all
    of `processors`) would, and list every code cell whose text output is not the one
    committed.

    Returns
    -------
    dict
        For each notebook's file name, a list of messages (empty when all is well).
    """
    paths = [Path(path) for path in paths]
    configurations = processors() if configurations is None else configurations
    jobs = [(path, name, env) for path in paths for name, env in configurations]

    def job(path, name, env):
        # A fresh nbconvert process per run: the kernel inherits its environment.
        with tempfile.TemporaryDirectory() as folder:
            done = subprocess.run(
                [sys.executable, "-m", "nbconvert", path, "--to", "notebook", "--execute",
                 f"--ExecutePreprocessor.timeout={TIMEOUT}",
                 "--ExecutePreprocessor.kernel_name=python3", "--output-dir", folder],
                env=env, capture_output=True, text=True,
            )
            if done.returncode:
                return [f"{path.name} ({name}): failed to run\n{done.stderr[-3000:]}"]
            executed = read(Path(folder) / path.name)
        return differences(read(path), executed, f"{path.name} ({name})")

    # The work is in separate processes: threads are enough to keep both cores busy.
    with ThreadPoolExecutor(workers) as pool:
        results = list(pool.map(lambda args: job(*args), jobs))
    found = {path.name: [] for path in paths}
    for (path, _, _), messages in zip(jobs, results, strict=True):
        found[path.name] += messages
    return found


def problems(path):
    """List what is wrong with the committed notebook at `path`, without executing it.

    Checks its name (``NN_slug.ipynb``), that it ends with the terms of reuse (`FOOTER`),
    that every worked solution and the cell that prints its answer are tagged `solution`,
    that it has no error output and nothing written to stderr (warnings included), that no
    output shows a reader raw widget text instead of a picture (gdcore's explorers carry a
    still one), that every code cell with source was executed, and that the file is byte for
    byte what `run` would write.

    Returns
    -------
    list of str
        One message per problem, each starting with the file name; empty when all is well.
    """
    path = Path(path)
    found = []
    if not NAME.fullmatch(path.name):
        found.append(f"{path.name}: name is not NN_slug.ipynb (two digits, _, a-z 0-9 _)")
    try:
        nb = read(path)
        expected = to_text(normalise(nb))
    except Exception as error:  # anything unreadable is one problem, reported like the others
        return [*found, f"{path.name}: cannot be read as an nbformat 4 notebook: {error}"]
    for index, cell in enumerate(nb.cells):
        where = f"{path.name}: cell {index} ({_first_line(cell.source)})"
        solution = SOLUTION_TAG in cell.metadata.get("tags", [])
        after_solution = index > 0 and SOLUTION_TAG in nb.cells[index - 1].metadata.get(
            "tags", [])
        if WORKED_SOLUTION.search(cell.source) and not solution:
            found.append(f"{where} holds a worked solution but is not tagged"
                         f" '{SOLUTION_TAG}': the student edition would keep it")
        if cell.cell_type != "code":
            continue
        if after_solution and not solution:
            found.append(f"{where} follows a solution and prints its answer, but is not tagged"
                         f" '{SOLUTION_TAG}'")
        if cell.execution_count is None and cell.source.strip():
            found.append(f"{where} was not executed")
        for output in cell.outputs:
            if output.output_type == "error":
                found.append(f"{where} has an error output: {output.ename}: {output.evalue}")
            elif output.output_type == "stream" and output.name == "stderr":
                found.append(f"{where} writes to stderr: {_first_line(output.text, 120)}")
            elif RAW_WIDGET.match(output.get("data", {}).get("text/plain", "")) and (
                "image/png" not in output.data
            ):
                found.append(f"{where} shows readers raw widget text, not a picture")
    if not (nb.cells and nb.cells[-1].source.rstrip().endswith(FOOTER)):
        found.append(f"{path.name}: its last cell does not end with the terms of reuse"
                     " (tools.notebooks.FOOTER)")
    if path.read_bytes() != expected.encode("utf-8"):
        command = f"python -m tools.notebooks run {shlex.quote(str(path))}"
        found.append(f"{path.name}: is not normalised; run `{command}`")
    return found


def _first_line(text, width=50):
    line = text.strip().split("\n", 1)[0]
    return line if len(line) <= width else line[: width - 3] + "..."


def notebook_paths(names):
    """The notebooks named on the command line, or else every ``notebooks/*.ipynb``, sorted."""
    return [Path(name) for name in names] if names else sorted(NOTEBOOKS.glob("*.ipynb"))


def run(paths):
    """Execute, normalise and write back each notebook; stop at the first that fails."""
    for path in paths:
        try:
            nb, seconds = execute(path)
        except CellExecutionError as error:
            print(f"{path.name}: FAILED, file left as it was\n{error}", file=sys.stderr)
            return 1
        write(nb, path)
        print(f"{path.name}: executed in {seconds:.1f} s")
    return 0


def student_edition(nb):
    """Return the student edition of `nb`: every cell tagged `solution` left out, with a note
    on top saying so; everything else (the story, the stored figures, the exercises and their
    checkers) as it is."""
    nb, _ = TagRemovePreprocessor(remove_cell_tags={SOLUTION_TAG}).preprocess(
        copy.deepcopy(nb), {})
    nb.cells.insert(0, nbformat.v4.new_markdown_cell(STUDENT_NOTE))
    return normalise(nb)


def student(paths):
    """Write the student edition of each notebook into `STUDENT`."""
    STUDENT.mkdir(exist_ok=True)
    for path in paths:
        nb = read(path)
        edition = student_edition(nb)
        write(edition, STUDENT / path.name)
        print(f"student/{path.name}: {len(nb.cells) - len(edition.cells) + 1} solution"
              " cell(s) left out")
    return 0


def check(paths):
    """Print every problem of every notebook; return 1 if there was any."""
    found = [message for path in paths for message in problems(path)]
    for message in found:
        print(message, file=sys.stderr)
    if found:
        print(f"{len(found)} problem(s) in {len(paths)} notebook(s)", file=sys.stderr)
        return 1
    print(f"{len(paths)} notebook(s) OK")
    return 0


def portable(paths):
    """Print every text output that differs on another processor; return 1 if any did."""
    for name, env in processors():
        disabled = env.get("NPY_DISABLE_CPU_FEATURES", "")
        print(f"processor: {name}" + (f" (NPY_DISABLE_CPU_FEATURES={disabled})" if disabled
                                      else ""))
    found = [message for messages in portability_problems(paths).values()
             for message in messages]
    for message in found:
        print(message, file=sys.stderr)
    print(f"{len(found)} difference(s) in {len(paths)} notebook(s)")
    return 1 if found else 0


def main(argv=None):
    # Named as it is run: Python 3.11 would otherwise call it "notebooks.py" in the usage line.
    parser = argparse.ArgumentParser(prog="python -m tools.notebooks",
                                     description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name, about in [
        ("run", "execute each notebook in a fresh kernel, normalise it and write it back"),
        ("check", "report problems without executing (errors, stderr, not normalised, ...)"),
        ("portable", "execute each with NumPy's optional SIMD paths off; report what differs"),
        ("student", "write the student edition of each into student/, solutions left out"),
    ]:
        command = commands.add_parser(name, help=about, description=about)
        command.add_argument(
            "notebooks",
            nargs="*",
            metavar="NOTEBOOK",
            help="default: every notebooks/*.ipynb, sorted",
        )
    args = parser.parse_args(argv)
    paths = notebook_paths(args.notebooks)
    if not paths:
        print("no notebooks found")
        return 0
    handlers = {"run": run, "check": check, "portable": portable, "student": student}
    return handlers[args.command](paths)


if __name__ == "__main__":
    sys.exit(main())
