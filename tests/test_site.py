"""The web book: `make site` builds it, with no warning, from the notebooks as committed and
gdcore's docstrings; served from 127.0.0.1 into headless Chromium with every request to another
host blocked, each page loads with no error and no failed request, its pictures load, its
formulas are typeset, the search finds the lessons, and each lesson has its launch button."""

import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import test_browser
from test_browser import ARTIFACTS, VIEWPORT

import gdcore

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"
LESSONS = sorted(path.stem for path in (ROOT / "notebooks").glob("*.ipynb"))
STARTUP_SECONDS = 30
# Text a reader sees that still looks like TeX: $$, a $...$ pair, or a command like \frac.
RAW_TEX = r"""() => {
    const walker = document.createTreeWalker(document.querySelector("main"),
                                             NodeFilter.SHOW_TEXT);
    const raw = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest("pre, code, script, style, mjx-container")) continue;
        if (/\$\$|\$[^$\s][^$]*\$|\\[a-zA-Z]{2,}/.test(node.textContent))
            raw.push(node.textContent.trim().slice(0, 80));
    }
    return raw;
}"""
UNTYPESET = """() => [...document.querySelectorAll("main .math")]
    .filter(math => !math.querySelector("mjx-container"))
    .map(math => math.textContent.slice(0, 80))"""
BROKEN_IMAGES = """() => [...document.images]
    .filter(image => !(image.complete && image.naturalWidth > 0)).map(image => image.src)"""


@pytest.fixture(scope="module")
def site():
    """The book, built by `make site` as the README gives it."""
    built = subprocess.run(["make", "site"], cwd=ROOT, capture_output=True, text=True)
    assert built.returncode == 0, f"make site failed:\n{built.stdout}\n{built.stderr}"
    assert "WARNING" not in built.stdout + built.stderr
    return SITE


def pages(site):
    """Every page of the book, as paths relative to site/ (not the theme's own files)."""
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html")
                  if not path.relative_to(site).parts[0].startswith("_"))


@pytest.fixture(scope="module")
def served(site, tmp_path_factory):
    """site/ served by Python's http.server on a free port of 127.0.0.1; yields its address."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tmp_path_factory.mktemp("site") / "server.log"
    command = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
               "--directory", str(site)]
    address = f"http://127.0.0.1:{port}/"
    with log.open("wb") as out:
        server = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                test_browser.DIRECT.open(address, timeout=5).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the site's server did not start:\n{log.read_text()}")
                time.sleep(0.2)
        yield address
    finally:
        server.terminate()  # only the process this fixture started
        server.wait(timeout=15)


@pytest.fixture(scope="module")
def chromium():
    """Headless Chromium from the system, as the browser test launches it."""
    yield from test_browser.browser.__wrapped__()


@pytest.fixture
def page(chromium, served):
    """A page that may ask only the site's server for anything; what it asked elsewhere, the
    requests that failed and the errors it logged are checked when the test ends."""
    page = chromium.new_page(viewport=VIEWPORT)
    elsewhere, failed, logged = [], [], []
    page.on("console", lambda message: message.type == "error" and logged.append(message.text))
    page.on("pageerror", lambda error: logged.append(str(error)))
    page.on("requestfailed", lambda request: failed.append(f"{request.url}: {request.failure}"))
    page.on("response", lambda answer: answer.status >= 400
            and failed.append(f"{answer.url}: HTTP {answer.status}"))

    def only_here(route):
        if route.request.url.startswith(served):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", only_here)
    yield page
    page.close()
    assert not elsewhere, "pages asked another host for:\n" + "\n".join(elsewhere)
    # Not failures: what only_here refused (reported above), and what a navigation or closing the
    # page cut off (a file that is missing answers HTTP 404 instead).
    failed = [request for request in failed if not any(url in request for url in elsewhere)
              and not request.endswith("net::ERR_ABORTED")]
    assert not failed, "requests failed:\n" + "\n".join(failed)
    assert not logged, "pages logged errors:\n" + "\n".join(logged)


def test_the_book_holds_the_lessons_the_guide_the_gallery_and_the_reference(site):
    names = pages(site)
    for lesson in LESSONS:
        assert f"notebooks/{lesson}.html" in names
    assert {"book/index.html", "notebooks/README.html", "gallery/00_explorers.html",
            "book/reference/index.html", "search.html"} <= set(names)
    # The pages are the notebooks as committed, with their pictures, never re-run.
    lesson = (site / "notebooks" / f"{LESSONS[0]}.html").read_text()
    assert lesson.count("<img") >= 5


def test_the_reference_documents_every_public_name_with_its_examples(site):
    reference = site / "book" / "reference"
    documented = set()
    for path in reference.glob("*.html"):
        documented |= set(re.findall(r'<dt class="sig sig-object py" id="gdcore\.(\w+)"',
                                     path.read_text()))
    assert documented == set(gdcore.__all__)
    descent = (reference / "descent.html").read_text()
    entry = descent[descent.index('id="gdcore.gradient_descent"'):]
    assert "Parameters" in entry and "Examples" in entry and "&gt;&gt;&gt;" in entry


def test_the_book_and_the_readme_launch_the_same_repository(site):
    conf = (ROOT / "book" / "conf.py").read_text()
    repository = re.search(r'^REPOSITORY = "https://github\.com/([^"]+)"', conf, re.M).group(1)
    readme = re.findall(r"mybinder\.org/v2/gh/([^/]+/[^/]+)/", (ROOT / "README.md").read_text())
    assert readme and set(readme) == {repository}


@pytest.mark.parametrize("lesson", LESSONS)
def test_each_lesson_has_its_launch_button(site, lesson):
    conf = (ROOT / "book" / "conf.py").read_text()
    repository = re.search(r'^REPOSITORY = "https://github\.com/([^"]+)"', conf, re.M).group(1)
    launch = (f"https://mybinder.org/v2/gh/{repository}/main"
              f"?urlpath=lab/tree/notebooks/{lesson}.ipynb")
    assert f'href="{launch}"' in (site / "notebooks" / f"{lesson}.html").read_text()


def test_every_page_loads_with_its_pictures_and_typeset_formulas(site, served, page):
    problems = []
    for name in pages(site):
        if name == "index.html":
            continue  # the redirect, followed in its own test
        page.goto(served + name)
        if page.locator("main .math").count():
            page.evaluate("MathJax.startup.promise")
            problems += [f"{name}: formula not typeset: {text}"
                         for text in page.evaluate(UNTYPESET)]
        # Before the next page: a font still loading would be cut off by the navigation.
        page.evaluate("document.fonts.ready.then(() => true)")
        problems += [f"{name}: picture did not load: {src}"
                     for src in page.evaluate(BROKEN_IMAGES)]
        problems += [f"{name}: raw TeX: {text}" for text in page.evaluate(RAW_TEX)]
        if name == f"notebooks/{LESSONS[3]}.html":
            page.locator("#the-learning-rate-explorer").scroll_into_view_if_needed()
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=ARTIFACTS / "site_lesson.png")
        if name == "book/reference/descent.html":
            page.locator('[id="gdcore.gradient_descent"]').scroll_into_view_if_needed()
            page.screenshot(path=ARTIFACTS / "site_gradient_descent.png")
    assert not problems, "\n".join(problems)


def test_the_front_door_leads_to_the_book(served, page):
    page.goto(served)
    page.wait_for_url(served + "book/index.html")
    assert page.locator("h1").first.inner_text().startswith("Gradient descent, hands on")


def test_the_search_finds_the_learning_rate_lesson(served, page):
    page.goto(served + "search.html?q=learning+rate")
    results = page.locator("#search-results li")
    results.first.wait_for()
    found = " ".join(results.all_inner_texts())
    assert "Choose the learning rate" in found
    assert "Fit a line" in found
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "site_search.png")
