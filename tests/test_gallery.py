"""The explorer gallery: every explorer once, in the order of the lessons, with no code on
show, served by Voilà on 127.0.0.1 behind a token; in headless Chromium it shows no error and
no broken widget, and each explorer's picture answers its first slider."""

import itertools
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest
import test_browser
from test_browser import ARTIFACTS, BROKEN_WIDGET, FIGURE, SLIDER, VIEWPORT, check_explorer

from gdcore import widgets

ROOT = Path(__file__).resolve().parents[1]
GALLERY = ROOT / "gallery" / "00_explorers.ipynb"
CALL = re.compile(r"gdcore\.(\w+)\(\)")
STARTUP_SECONDS, DRAWN_SECONDS = 60, 120
# Voilà loads JupyterLab's widget manager outside JupyterLab, and the browser logs that some
# shared packages' versions are not the ones it asked for; harmless, and the only console
# errors allowed.
HARMLESS = "Unsatisfied version"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect (to the login page) is an answer, raised as an HTTPError


# Straight to our own server on 127.0.0.1: no proxy from the environment, no redirects.
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())


def explorer_calls():
    cells = nbformat.read(GALLERY, as_version=4).cells
    return [CALL.fullmatch(cell.source.strip()) for cell in cells if cell.cell_type == "code"]


def test_the_gallery_shows_every_explorer_once_in_the_order_of_the_lessons():
    shown = [match.group(1) for match in explorer_calls() if match]
    first_use = {}
    for position, path in enumerate(sorted((ROOT / "notebooks").glob("*.ipynb"))):
        for index, cell in enumerate(nbformat.read(path, as_version=4).cells):
            for name in re.findall(r"gdcore\.(\w+_explorer|blindfold_game)\(", cell.source):
                first_use.setdefault(name, (position, index))
    assert sorted(shown) == sorted(widgets.__all__)
    assert shown == sorted(shown, key=first_use.__getitem__)


def test_the_gallery_has_no_code_to_read():
    cells = nbformat.read(GALLERY, as_version=4).cells
    code = [cell for cell in cells if cell.cell_type == "code"]
    assert all(cell.metadata.get("jupyter", {}).get("source_hidden") for cell in code)
    # One import, then one call per explorer, each after a few sentences on what to try.
    assert [match is not None for match in explorer_calls()] == [False] + [True] * 10
    for before, cell in itertools.pairwise(cells):
        if CALL.fullmatch(cell.source.strip()):
            words = before.source.split("\n\n", 1)[1]
            assert before.source.startswith("## ") and 2 <= words.count(". ") + 1 <= 4


@pytest.fixture(scope="module")
def chromium():
    """Headless Chromium from the system, as the browser test launches it."""
    yield from test_browser.browser.__wrapped__()


@pytest.fixture(scope="module")
def gallery(tmp_path_factory):
    """Voilà serving the gallery, as `make gallery` does, on a free port of 127.0.0.1, with
    a token of this test's; its Jupyter folders are temporary. Yields the address with the
    token."""
    tmp = tmp_path_factory.mktemp("voila")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = secrets.token_hex(16)
    env = os.environ | {name: str(tmp / name) for name in
                        ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR",
                         "IPYTHONDIR")}
    env["JUPYTER_PATH"] = str(GALLERY.parent)  # where the gdcore template is, as in make gallery
    command = [sys.executable, "-m", "voila", str(GALLERY), "--no-browser", "--template=gdcore",
               f"--port={port}", "--Voila.ip=127.0.0.1", f"--Voila.token={token}"]
    address = f"http://127.0.0.1:{port}/"
    with (tmp / "voila.log").open("wb") as out:
        server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                DIRECT.open(address, timeout=5).close()
                break
            except urllib.error.HTTPError as answer:  # answering, and asking for the token
                answer.close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"Voilà did not start:\n{(tmp / 'voila.log').read_text()}")
                time.sleep(0.5)
        yield f"{address}?token={token}"
    finally:
        server.terminate()  # only the process this fixture started
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_the_gallery_is_served_only_with_its_token(gallery):
    address = gallery.split("?")[0]
    with pytest.raises(urllib.error.HTTPError) as refused:
        DIRECT.open(urllib.request.Request(address), timeout=10)
    refused.value.close()
    assert refused.value.code in (302, 403)


def test_every_explorer_in_the_gallery_answers_in_the_browser(gallery, chromium):
    logged, elsewhere = [], []
    page = chromium.new_page(viewport=VIEWPORT)
    page.on("console", lambda message: message.type == "error" and logged.append(message.text))
    page.on("pageerror", lambda error: logged.append(str(error)))

    def only_here(route):  # the page must need nothing from another host
        if route.request.url.startswith(gallery.split("?")[0]):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", only_here)
    try:
        page.goto(gallery)
        page.wait_for_function(
            f"document.querySelectorAll('{FIGURE}').length === {len(widgets.__all__)}"
            " && !document.body.textContent.includes('Loading widget')",
            timeout=DRAWN_SECONDS * 1000, polling=200)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / "gallery.png")
        errors = page.locator(".jp-OutputArea-output[data-mime-type="
                              '"application/vnd.jupyter.stderr"]').all_text_contents()
        errors += page.locator(BROKEN_WIDGET).all_text_contents()
        assert not errors, "the gallery shows errors or broken widgets:\n" + "\n".join(errors)
        text = page.locator("body").inner_text()
        assert "import gdcore" not in text and "_explorer()" not in text  # no code on show
        explorers = page.locator(".jp-OutputArea-output").filter(has=page.locator(SLIDER))
        explorers = explorers.filter(has=page.locator(FIGURE)).all()
        assert len(explorers) == len(widgets.__all__)
        for k, explorer in enumerate(explorers, 1):
            check_explorer(explorer, f"gallery_explorer{k}")
    finally:
        page.close()
    assert not elsewhere, "the page asked another host for:\n" + "\n".join(elsewhere)
    unexpected = [text for text in logged if HARMLESS not in text]
    assert not unexpected, "the page logged errors:\n" + "\n---\n".join(unexpected)
