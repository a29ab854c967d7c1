"""Browser test: each notebook runs top to bottom in JupyterLab, in headless Chromium, shows no
error, warning or broken widget, and every explorer's figure answers its first slider (and so
does each notebook's student edition: test_browser_student.py).

The test starts its own JupyterLab on 127.0.0.1 behind a random token, keeps its settings,
workspaces and runtime files in a temporary folder, and serves copies of the notebooks with
their outputs cleared: stored pictures could make a broken notebook look fine. Each module
opens JupyterLab in one page and its notebooks in it one after another (a `Desk`).
Screenshots go to tests/artifacts/ for a person to look at. Set GDCORE_BROWSER_NOTEBOOKS to
another folder to try notebooks that are not in notebooks/ yet.
"""

import itertools
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
NOTEBOOKS = Path(os.environ.get("GDCORE_BROWSER_NOTEBOOKS", HERE.parent / "notebooks"))
STUDENT = HERE.parent / "student"
ARTIFACTS = HERE / "artifacts"

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 900}
SETTINGS = {
    # Answer the "news" question in advance: its pop-up would cover part of every screenshot.
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    # Lay out every cell: by default a cell out of view has a guessed height until it is drawn,
    # so the page moves under a scroll and the element scrolled to ends up out of view.
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
}
STARTUP_SECONDS = 60  # for JupyterLab to answer, then for the page to show an idle kernel
RUN_SECONDS = 120  # for "Run All Cells" to finish; a notebook should take well under 30 s
REDRAW_SECONDS = 5  # for a figure to change after its slider moves

# Errors and warnings both render as this mime type (tracebacks included).
STDERR = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
# ipywidgets 8 shows a widget it could not create as this; 7 wrote "Error displaying widget".
BROKEN_WIDGET = ".jupyter-widgets-error-widget"
# A cell's own output, not one nested in an Output widget, so no explorer is counted twice.
CELL_OUTPUT = ".jp-Cell-outputArea > .jp-OutputArea-child > .jp-OutputArea-output"
SLIDER = ".widget-slider .noUi-handle"
# ipympl stacks a transparent canvas for the zoom rectangle on top of the figure's canvas.
FIGURE = ".jupyter-matplotlib-canvas-div canvas:first-child"

# True once, for half a second, the kernel has been idle, some cell has run, no cell waits
# with [*] and no widget is "Loading widget...": the status flickers to Idle between two cells,
# and widgets ask the kernel for their first picture after their cell has finished.
SETTLED = """() => {
    const status = document.querySelector("#jp-main-statusbar")?.innerText ?? "";
    const prompts = [...document.querySelectorAll(".jp-CodeCell .jp-InputPrompt")]
        .map(prompt => prompt.textContent);
    const busy = !status.includes("| Idle")
        || !prompts.some(prompt => /[0-9]/.test(prompt))
        || prompts.some(prompt => prompt.includes("*"))
        || document.querySelector(".jp-Notebook").textContent.includes("Loading widget...");
    const now = performance.now();
    if (busy || window.settledSince === undefined) window.settledSince = now;
    return now - window.settledSince > 500;
}"""

# Requests to our own server on 127.0.0.1 must not go through a proxy set in the environment.
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def notebooks(folder=NOTEBOOKS):
    """The lessons (or their student edition, which test_browser_student.py runs, in a
    module of its own so that pytest-xdist can give it a worker of its own)."""
    return sorted(folder.glob("*.ipynb"))


def served_name(path):
    """Where the served copy goes under the server's root: the student edition in student/."""
    return f"student/{path.name}" if path.parent == STUDENT else path.name


def picture_name(path):
    return f"student_{path.stem}" if path.parent == STUDENT else path.stem


@dataclass
class Lab:
    """The JupyterLab server this module started."""

    url: str
    root: Path  # the folder it serves
    token: str = field(repr=False)  # kept out of failure reports

    def api(self, method, path):
        headers = {"Authorization": f"token {self.token}"}
        request = urllib.request.Request(self.url + path, method=method, headers=headers)
        with DIRECT.open(request, timeout=5) as response:
            body = response.read()
        return json.loads(body) if body else None

    def answers(self):
        try:
            self.api("GET", "/api/status")
        except OSError:
            return False
        return True


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium from the system; Playwright's own browsers are never downloaded."""
    chromium = shutil.which("chromium")
    if chromium is None:
        reason = "Chromium is not installed (Debian: apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)  # CI must not pass by skipping the one test that opens a browser
        pytest.skip(reason)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("jupyterlab")
    # The notebooks' neighbours (pictures, data), in case a notebook links to them.
    shutil.copytree(NOTEBOOKS, tmp / "root", ignore=shutil.ignore_patterns("*.ipynb", ".*"))
    for plugin, values in SETTINGS.items():
        file = tmp / "settings" / f"{plugin}.jupyterlab-settings"
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(json.dumps(values))
    with socket.socket() as s:  # a free port: the system picks one for port 0
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    lab = Lab(f"http://127.0.0.1:{port}", tmp / "root", secrets.token_hex(16))
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={lab.token}", f"--ServerApp.root_dir={lab.root}",
        f"--LabApp.user_settings_dir={tmp / 'settings'}",
        f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
        # window.jupyterapp, through which a Desk opens and closes notebooks in its page.
        "--LabApp.expose_app_in_browser=True",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    # Nothing is read from or written to the user's own Jupyter and IPython folders.
    env = os.environ | {
        name: str(tmp / folder)
        for name, folder in [
            ("JUPYTER_CONFIG_DIR", "config"),
            ("JUPYTER_DATA_DIR", "data"),
            ("JUPYTER_RUNTIME_DIR", "runtime"),
            ("IPYTHONDIR", "ipython"),
        ]
    }
    log = tmp / "jupyterlab.log"
    with log.open("wb") as out:
        server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not lab.answers():
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not start; its log ends:\n{log.read_text()[-3000:]}")
            time.sleep(0.2)
        yield lab
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# Closes every tab of the main area without asking to save: what a test ran is thrown away.
CLOSE_ALL = """() => {
    for (const widget of [...window.jupyterapp.shell.widgets("main")]) {
        if (widget.context) widget.context.model.dirty = false;
        widget.dispose();
    }
}"""


@dataclass
class Desk:
    """One JupyterLab page in which a module's tests open their notebooks, one at a time, as
    a teacher opens one after another from the file browser: the page and JupyterLab's own
    start-up (about 5 s on two cores) come once per module, not once per notebook. A test
    that fails throws its page away, so the next one starts on a fresh page."""

    browser: object
    lab: Lab
    name: str  # the page's workspace, reset when the page opens
    page: object = None

    def open(self, served):
        """The page, showing the notebook `served` (a path under the server's root)."""
        if self.page is None:
            page = self.browser.new_page(viewport=VIEWPORT)
            page.goto(f"{self.lab.url}/lab/workspaces/{self.name}?token={self.lab.token}&reset")
            page.wait_for_function("() => window.jupyterapp !== undefined",
                                   timeout=STARTUP_SECONDS * 1000)
            page.evaluate("async () => { await window.jupyterapp.restored; }")
            self.page = page
        self.page.evaluate("""async path => {
            window.settledSince = undefined;
            await window.jupyterapp.commands.execute("docmanager:open",
                                                     {path, factory: "Notebook"});
        }""", served)
        return self.page

    def done(self, failed):
        """Close the notebook (and every other tab), or the whole page after a failure."""
        if failed:
            self.page.close()
            self.page = None
        else:
            self.page.evaluate(CLOSE_ALL)
        for session in self.lab.api("GET", "/api/sessions"):  # free the kernel's memory
            self.lab.api("DELETE", f"/api/sessions/{session['id']}")


@pytest.fixture(scope="module")
def desk(browser, lab, request):
    desk = Desk(browser, lab, request.module.__name__)
    yield desk
    if desk.page is not None:
        desk.page.close()


@pytest.mark.parametrize("path", notebooks(), ids=picture_name)
def test_notebook_runs_and_explorers_answer(path, desk, record_property):
    run_and_answer(path, desk, record_property)


def run_and_answer(path, desk, record_property):
    """Run the notebook at `path` in JupyterLab and move every explorer's first slider."""
    times = [time.monotonic()]  # start, kernel ready, cells run, explorers checked
    notebook = nbformat.read(path, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for cell in code:
        cell.outputs, cell.execution_count = [], None
    served, stem = served_name(path), picture_name(path)
    (desk.lab.root / served).parent.mkdir(exist_ok=True)
    nbformat.write(notebook, desk.lab.root / served)
    ARTIFACTS.mkdir(exist_ok=True)
    for old in [*ARTIFACTS.glob(f"{stem}.png"), *ARTIFACTS.glob(f"{stem}_*.png")]:
        old.unlink()  # so that every picture there is from this run

    # What the page logs as errors: a widget can fail with nothing else to show for it.
    logged = []

    def log(message):
        if message.type == "error":
            logged.append(message.text)

    def log_error(error):
        logged.append(str(error))

    page, failed = desk.open(served), True
    page.on("console", log)
    page.on("pageerror", log_error)
    try:
        # Only "| Idle" in the status bar says the kernel is ready: Run All clicked earlier is
        # silently lost. "Run All Cells" has no keyboard shortcut, so it is clicked, as a
        # teacher would.
        status = page.locator("#jp-main-statusbar").get_by_text("| Idle")
        status.wait_for(timeout=STARTUP_SECONDS * 1000)
        times.append(time.monotonic())
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        page.mouse.move(0, 0)  # off the notebook: a figure under the mouse shows its toolbar
        page.wait_for_function(SETTLED, timeout=RUN_SECONDS * 1000, polling=100)
        times.append(time.monotonic())

        for broken in page.locator(BROKEN_WIDGET).all():
            broken.click()  # ipywidgets 8 shows the JavaScript error only when clicked
        problems = page.locator(STDERR).or_(page.locator(BROKEN_WIDGET))
        problems = problems.or_(page.get_by_text("Error displaying widget"))
        explorers = page.locator(CELL_OUTPUT).filter(has=page.locator(SLIDER))
        explorers = explorers.filter(has=page.locator(FIGURE)).all()
        shown = problems.first if problems.count() else (explorers or [None])[0]
        if shown is not None:
            shown.scroll_into_view_if_needed()
        screenshot = ARTIFACTS / f"{stem}.png"
        page.screenshot(path=screenshot)
        if texts := problems.all_text_contents() + logged:
            pytest.fail(
                f"{served} shows errors, warnings or broken widgets (the browser's own error"
                f" messages come last; see {screenshot}):\n" + "\n---\n".join(texts)
            )
        # Run All stops at an error, and is lost if clicked too early: every cell must have run.
        prompts = page.locator(".jp-CodeCell .jp-InputPrompt").all_text_contents()
        not_run = [
            cell.source.strip().splitlines()[0]
            for cell, prompt in zip(code, prompts, strict=True)
            if cell.source.strip() and not prompt.strip("[]: ").isdigit()
        ]
        assert not not_run, f"{served}: cells did not run, starting with {not_run[0]!r}"

        for k, explorer in enumerate(explorers, 1):
            check_explorer(explorer, f"{stem}_explorer{k}")
        assert not logged, f"{served}: moving sliders logged errors:\n" + "\n---\n".join(logged)
        failed = False
    except Exception:
        page.screenshot(path=ARTIFACTS / f"{stem}_failed.png")  # what went wrong, as seen
        raise
    finally:
        page.remove_listener("console", log)
        page.remove_listener("pageerror", log_error)
        desk.done(failed)
    times.append(time.monotonic())
    opened, ran, checked = (later - earlier for earlier, later in itertools.pairwise(times))
    record_property("seconds", round(times[-1] - times[0], 1))
    print(
        f"{served}: {times[-1] - times[0]:.1f} s (opened {opened:.1f} s, ran {ran:.1f} s,"
        f" checked outputs and {len(explorers)} explorer(s) {checked:.1f} s)"
    )


def check_explorer(explorer, name):
    """Move the first slider a few steps; some figure of the explorer must change."""
    explorer.scroll_into_view_if_needed()
    figures = explorer.locator(FIGURE).all()
    assert all(figure.is_visible() for figure in figures), f"{name}: a figure has no size"
    before = still_pictures(figures)  # so that a late first drawing is not taken for an answer
    handle = explorer.locator(SLIDER).first
    value = handle.get_attribute("aria-valuenow")
    for _ in range(3):
        handle.press("ArrowRight")  # one step each
    if handle.get_attribute("aria-valuenow") == value:  # it was at its maximum
        for _ in range(3):
            handle.press("ArrowLeft")
    after = still_pictures(figures, unlike=before)
    changed = [i for i, (old, new) in enumerate(zip(before, after, strict=True)) if old != new]
    shown = changed[0] if changed else 0
    (ARTIFACTS / f"{name}_before.png").write_bytes(before[shown])
    (ARTIFACTS / f"{name}_after.png").write_bytes(after[shown])
    assert changed, f"{name}: moving its first slider did not change its figure"


def still_pictures(figures, unlike=None):
    """Screenshots of the figures, once two in a row agree and differ from `unlike`, or when
    REDRAW_SECONDS have passed."""
    deadline = time.monotonic() + REDRAW_SECONDS
    last = [figure.screenshot() for figure in figures]
    while time.monotonic() < deadline:
        time.sleep(0.1)
        shot = [figure.screenshot() for figure in figures]
        if shot == last and shot != unlike:
            break
        last = shot
    return last
