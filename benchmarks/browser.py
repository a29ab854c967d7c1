"""How fast the explorers answer in a real browser: from a key press on a slider to new pixels
on the figure, and how many frames the figure shows while a slider is dragged.

    python -m benchmarks.browser

A notebook with one cell per explorer (each built with its default arguments) runs in
JupyterLab in headless Chromium, twice: at device scale factor 1, a projector, and at 2, a
laptop's screen, where ipympl draws four times the pixels. It uses the browser test's
JupyterLab (its own, on 127.0.0.1, behind a random token, with its settings in a temporary
folder) and the system's Chromium; the kernel imports gdcore from this checkout. Each slider
of each explorer is pressed `PRESSES` times, one press answered before the next, and each
explorer's first slider is dragged across its track with the mouse.

Everything is timed in the page, on its one clock (``performance.now()``), by hooks that are
installed before JupyterLab loads:

- the key press is dispatched from JavaScript on the focused slider handle, just after the
  time is read, so press and pixels share a clock;
- ``CanvasRenderingContext2D.prototype.drawImage`` records when a figure's visible canvas is
  painted: ipympl loads each PNG it receives into an image, paints that on a hidden canvas,
  then copies the hidden canvas onto the visible one with ``drawImage``. That call is the
  moment the figure's pixels change (the screen shows them at its next frame); a canvas's
  pixels cannot be watched otherwise (a MutationObserver sees no pixels);
- ``URL.createObjectURL`` records when each PNG reaches ipympl's code, and its size: the
  size of the image message ipympl's kernel side sent, as the page receives it;
- ``HTMLCanvasElement.prototype.toDataURL`` records how long ipympl spends encoding its
  hidden canvas, which it does on every PNG it receives;
- the kernel's WebSocket records when the page sends a widget's new value, and when the
  kernel says it is busy and idle again.

So a press splits into the trip to the kernel and back (press to its "busy"), the kernel's
work and the PNG's way to the page ("busy" to the PNG), and the page's work (PNG to pixels).
The kernel's work alone is timed by ``benchmarks.explorers``. Nothing is asserted: the
targets are printed beside the figures.
"""

import contextlib
import os
import statistics
import tempfile
import time
from importlib import metadata
from pathlib import Path

import nbformat
import numpy as np

from gdcore import widgets
from tests import test_browser

PRESSES = 10  # key presses a slider, alternately right and left, so the value stays in range
ANSWER_SECONDS = 5  # a press with no new pixels by then counts as unanswered
DRAG_MOVES, DRAG_SECONDS = 60, 2.0  # mouse moves across a slider's track, and their duration
SCALES = {1: "a projector", 2: "a laptop's screen"}
TARGETS = "key press to pixels: median ≤ 100 ms, p90 ≤ 200 ms; drag ≥ 15 frames/s (scale 1)"

# Installed in the page before JupyterLab's own scripts (see the module's docstring). Only the
# canvases tagged with data-bench (the explorers' figures) count as the figure's pixels.
HOOKS = """(() => {
    const bench = window.bench = {
        draws: [], images: [], encodes: [], updates: [], busy: [], idle: [], pointer: [],
    };
    const drawImage = CanvasRenderingContext2D.prototype.drawImage;
    CanvasRenderingContext2D.prototype.drawImage = function (...args) {
        const result = drawImage.apply(this, args);
        const explorer = this.canvas.dataset?.bench;
        if (explorer !== undefined) bench.draws.push([performance.now(), Number(explorer)]);
        return result;
    };
    const createObjectURL = URL.createObjectURL;
    URL.createObjectURL = function (object) {
        if (object instanceof Blob && object.type === "image/png") {
            bench.images.push([performance.now(), object.size]);
        }
        return createObjectURL.call(this, object);
    };
    // ipympl 0.10 encodes its whole hidden canvas as a PNG data URL on every picture it
    // receives, to keep one in the widget's state: when each encoding ends, and its length.
    const toDataURL = HTMLCanvasElement.prototype.toDataURL;
    HTMLCanvasElement.prototype.toDataURL = function (...args) {
        const start = performance.now();
        const result = toDataURL.apply(this, args);
        const now = performance.now();
        bench.encodes.push([now, now - start]);
        return result;
    };
    for (const kind of ["pointerdown", "pointerup"]) {
        document.addEventListener(kind, () => bench.pointer.push([performance.now(), kind]),
                                  true);
    }

    // A kernel message, either as JupyterLab's v1 WebSocket protocol frames it (offsets, then
    // channel, header, parent header, metadata, content, buffers) or as plain JSON.
    const text = new TextDecoder();
    function parse(data) {
        if (typeof data === "string") {
            const message = JSON.parse(data);
            return [message.header.msg_type, message.content];
        }
        const view = new DataView(data);
        const count = Number(view.getBigUint64(0, true));
        const offsets = [...Array(count).keys()]
            .map(i => Number(view.getBigUint64(8 * (i + 1), true)));
        const part = i => text.decode(new Uint8Array(data, offsets[i],
                                                     offsets[i + 1] - offsets[i]));
        return [JSON.parse(part(1)).msg_type, JSON.parse(part(4))];
    }
    function record(data, sent) {
        if (!(typeof data === "string" || data instanceof ArrayBuffer)) return;
        const now = performance.now();
        let type, content;
        try {
            [type, content] = parse(data);
        } catch {
            return;
        }
        if (sent && type === "comm_msg" && content.data?.method === "update") {
            bench.updates.push(now);
        } else if (!sent && type === "status") {
            bench[content.execution_state]?.push(now);  // busy or idle
        }
    }
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data) {
        if (!this.benchHeard) {  // the page speaks first on a kernel's socket
            this.benchHeard = true;
            this.addEventListener("message", event => record(event.data, false));
        }
        record(data, true);
        return send.call(this, data);
    };
})()"""

# Presses each slider of explorer k (its canvases tagged data-bench=k) `presses` times, one
# at a time: the next press waits until the figure has new pixels and the kernel is idle.
# Times are from the press; performance.now() counts in steps of 0.1 ms, so something that
# happens while the key is handled can carry the press's own time (hence >=).
PRESS = """async ([k, presses, timeout]) => {
    const bench = window.bench;
    const explorer = document.querySelector(`[data-bench-explorer="${k}"]`);
    const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
    const results = [];
    for (const [s, handle] of [...explorer.querySelectorAll(SLIDER)].entries()) {
        handle.focus();
        const top = handle.getAttribute("aria-valuenow") === handle.getAttribute("aria-valuemax");
        const keys = top ? ["ArrowLeft", "ArrowRight"] : ["ArrowRight", "ArrowLeft"];
        for (let i = 0; i < presses; i++) {
            const key = keys[i % 2];
            const t0 = performance.now();
            handle.dispatchEvent(new KeyboardEvent("keydown", {key, bubbles: true}));
            const since = ([t]) => t >= t0;
            let draw, image, idle;
            do {
                await frame();
                draw = bench.draws.find(([t, e]) => t >= t0 && e === k);
                image = bench.images.find(since);
                idle = image && bench.idle.some(t => t > image[0]);
            } while (!(draw && idle) && performance.now() - t0 < timeout);
            if (!(draw && idle)) {
                results.push({slider: s, pixels: null});
                break;  // this slider does not answer: no need to wait for it again
            }
            const encodes = bench.encodes.filter(([t]) => t >= t0 && t <= draw[0]);
            results.push({
                slider: s,
                pixels: draw[0] - t0,
                busy: bench.busy.find(t => t >= t0) - t0,
                image: image[0] - t0,
                bytes: image[1],
                encode: encodes.reduce((sum, [, duration]) => sum + duration, 0),
            });
        }
    }
    return results;
}""".replace("SLIDER", repr(test_browser.SLIDER))


@contextlib.contextmanager
def jupyterlab(folder):
    """The browser test's JupyterLab, serving a folder of its own under `folder`."""

    class Folders:  # all that the test's fixture asks of pytest's tmp_path_factory
        def mktemp(self, name):
            path = Path(folder) / name
            path.mkdir()
            return path

    # The kernel imports gdcore from this checkout, not whichever one the venv installed.
    root = str(Path(__file__).resolve().parent.parent)
    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [root, old]))
    try:
        with contextlib.contextmanager(test_browser.lab.__wrapped__)(Folders()) as lab:
            yield lab
    finally:
        if old is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = old


def write_notebook(lab):
    """One cell per explorer, each built with its default arguments."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    notebook.cells = [nbformat.v4.new_code_cell(f"import gdcore\ngdcore.{name}()")
                      for name in widgets.__all__]
    path = lab.root / "explorers.ipynb"
    nbformat.write(notebook, path)
    return path


def open_and_run(page, lab, path, workspace):
    """Open the notebook, run all its cells, and wait until every figure is drawn."""
    page.goto(f"{lab.url}/lab/workspaces/{workspace}/tree/{path.name}?token={lab.token}&reset")
    status = page.locator("#jp-main-statusbar").get_by_text("| Idle")
    status.wait_for(timeout=test_browser.STARTUP_SECONDS * 1000)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    page.mouse.move(0, 0)
    page.wait_for_function(test_browser.SETTLED, timeout=test_browser.RUN_SECONDS * 1000,
                           polling=100)
    explorers = page.locator(test_browser.CELL_OUTPUT).filter(
        has=page.locator(test_browser.SLIDER)).filter(has=page.locator(test_browser.FIGURE))
    explorers = explorers.all()
    assert len(explorers) == len(widgets.__all__), f"{len(explorers)} explorers shown"
    for k, explorer in enumerate(explorers):
        explorer.evaluate("(element, k) => element.dataset.benchExplorer = k", k)
        explorer.locator(test_browser.FIGURE).evaluate_all(
            "(canvases, k) => canvases.forEach(canvas => canvas.dataset.bench = k)", k)
    return explorers


def settle(page, k, since, quiet=0.3, timeout=5.0):
    """Wait until the kernel has answered every message the page sent, and neither a picture
    has arrived nor explorer k's figure changed for `quiet` seconds after the page's time
    `since`; returns the time of the figure's last change after `since`, if any."""
    deadline = time.monotonic() + timeout
    while True:
        last, busy, idle, now = page.evaluate(
            """([k, since]) => {
                const bench = window.bench;
                const draws = bench.draws.filter(([t, e]) => e === k && t > since);
                // Busy: since the last message the page sent or the last picture it received.
                const busy = Math.max(since, bench.updates.at(-1) ?? 0,
                                      bench.images.at(-1)?.[0] ?? 0);
                return [draws.at(-1)?.[0] ?? null, busy, bench.idle.at(-1) ?? 0,
                        performance.now()];
            }""", [k, since])
        if idle > busy and now - max(last or 0, busy) > quiet * 1000:
            return last
        if time.monotonic() > deadline:
            return last
        time.sleep(0.05)


def drag(page, explorer, k, step):
    """Drag the first slider's handle across its track with the mouse; returns the frames
    shown while dragging, the new values the page sent the kernel meanwhile (ipywidgets sends
    the next only once the kernel has taken the last), the slider's notches the handle went
    through (`step` apart, in the slider's units), the drag's length (s), and how long
    after the release the figure last changed (ms; 0 if it had caught up, None if it never
    changed)."""
    explorer.scroll_into_view_if_needed()
    handle = explorer.locator(test_browser.SLIDER).first
    box = handle.bounding_box()
    track = explorer.locator(".widget-slider .noUi-target").first.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    left, right = track["x"], track["x"] + track["width"]
    end = left if x - left > right - x else right  # the farther end: half the track or more
    before = float(handle.get_attribute("aria-valuenow"))  # noUiSlider's own units
    page.mouse.move(x, y)
    page.mouse.down()
    start = time.monotonic()
    for i in range(1, DRAG_MOVES + 1):
        # On time where the page keeps up; a move waits until the page has taken the last one.
        time.sleep(max(0.0, start + DRAG_SECONDS * i / DRAG_MOVES - time.monotonic()))
        page.mouse.move(x + (end - x) * i / DRAG_MOVES, y)
    page.mouse.up()
    (down, _), (up, _) = page.evaluate("window.bench.pointer.slice(-2)")
    last = settle(page, k, up)
    frames, sent = page.evaluate(
        "([k, down, up]) => [window.bench.draws.filter(([t, e]) => e === k && t > down"
        " && t <= up).length, window.bench.updates.filter(t => t > down && t <= up).length]",
        [k, down, up])
    lag = last - up if last is not None else 0 if frames else None
    # The values the handle went through: its notches between where it started and ended.
    passed = round(abs(float(handle.get_attribute("aria-valuenow")) - before) / step)
    return frames, sent, passed, (up - down) / 1000, lag


def measure(browser, lab, path, scale):
    """Every explorer's presses and drag at one device scale factor: (name, presses, drag)."""
    context = browser.new_context(viewport=test_browser.VIEWPORT, device_scale_factor=scale)
    context.add_init_script(HOOKS)
    page = context.new_page()
    try:
        explorers = open_and_run(page, lab, path, f"bench{scale}")
        rows = []
        for k, (name, explorer) in enumerate(zip(widgets.__all__, explorers, strict=True)):
            explorer.scroll_into_view_if_needed()
            settle(page, k, 0)
            presses = page.evaluate(PRESS, [k, PRESSES, ANSWER_SECONDS * 1000])
            settle(page, k, 0)
            first = getattr(widgets, name)().sliders[0]  # as the notebook builds it
            step = first.step  # a log slider's step is in its exponent, as its handle's
            rows.append((name, presses, drag(page, explorer, k, step)))
        return rows
    finally:
        context.close()
        for session in lab.api("GET", "/api/sessions"):  # free the kernel's memory
            lab.api("DELETE", f"/api/sessions/{session['id']}")


COLUMNS = [  # heading, width, what it is
    ("explorer", 24, ""),
    ("presses", 8, "key presses answered / made"),
    ("median", 7, "key press to new pixels on the figure, ms"),
    ("p90", 6, "its 90th percentile"),
    ("trip", 6, "press to the kernel's 'busy' back in the page: the way there and back"),
    ("kernel", 7, "'busy' to the PNG in the page: the kernel's update, repaint and PNG"),
    ("page", 6, "PNG in to pixels: ipympl's toDataURL, the PNG's decoding, two drawImage"),
    ("encode", 7, "of which ipympl's toDataURL of the whole figure"),
    ("PNG kB", 7, "size of the PNG ipympl sent"),
    ("drag fps", 10, "frames shown a second while the first slider is dragged"),
    ("sent/s", 8, "new values the page sent the kernel a second meanwhile"),
    ("notches/s", 10, "the slider's notches the handle passed a second"),
    ("release", 8, "ms from releasing the mouse to the figure's last change (0: it had caught up)"),
]


def report(scale, rows):
    """The table for one device scale factor; the time columns after p90 are medians."""
    print(f"\nDevice scale factor {scale} ({SCALES[scale]})")
    header = "".join(f"{name:>{width}}" if i else f"{name:<{width}}"
                     for i, (name, width, _) in enumerate(COLUMNS))
    print(header)
    print("-" * len(header))
    for name, presses, (frames, sent, passed, seconds, lag) in rows:
        answered = [press for press in presses if press["pixels"] is not None]
        pixels = [press["pixels"] for press in answered]

        def median(start, end=None, answered=answered):
            """The median time from `start` to `end` (from the press if only one is given)."""
            start, end = (None, start) if end is None else (start, end)
            return statistics.median(press[end] - (press[start] if start else 0)
                                     for press in answered)

        cells = [f"{len(answered)}/{len(presses)}"]
        if answered:
            cells += [f"{median('pixels'):.0f}", f"{np.percentile(pixels, 90):.0f}",
                      f"{median('busy'):.0f}", f"{median('busy', 'image'):.0f}",
                      f"{median('image', 'pixels'):.0f}", f"{median('encode'):.0f}",
                      f"{median('bytes') / 1000:.1f}"]
        else:
            cells += ["-"] * 7
        if frames:
            cells.append(f"{frames / seconds:.1f}")
        else:
            cells.append("none" if lag is None else "on release")
        cells += [f"{sent / seconds:.1f}", f"{passed / seconds:.1f}"]
        cells.append("-" if lag is None else f"{lag:.0f}")
        print(f"{name:<24}" + "".join(f"{cell:>{width}}"
                                      for cell, (_, width, _) in zip(cells, COLUMNS[1:],
                                                                     strict=True)))


def main():
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="gdcore-bench-") as folder:
        with contextlib.contextmanager(test_browser.browser.__wrapped__)() as browser, \
                jupyterlab(folder) as lab:
            path = write_notebook(lab)
            print(f"Explorers in the browser: JupyterLab {metadata.version('jupyterlab')},"
                  f" ipympl {metadata.version('ipympl')}, headless Chromium {browser.version}")
            print(f"Targets: {TARGETS}")
            print(f"{PRESSES} key presses a slider, alternately right and left; the drag moves"
                  f" the mouse {DRAG_MOVES} times over {DRAG_SECONDS:.0f} s")
            for name, _, meaning in COLUMNS[1:]:
                print(f"  {name + ':':<10}{meaning}")
            for scale in SCALES:
                report(scale, measure(browser, lab, path, scale))
    print(f"\n{time.monotonic() - started:.0f} s in all")


if __name__ == "__main__":
    main()
