"""`make lab`, the README's first command, run as the README gives it: it serves JupyterLab on
127.0.0.1 only, behind a token, on notebook 01.

The test starts `make lab` in its own process group, reads the address with its token from
what the server prints, fetches it, lists the listening sockets of every process in the group,
and stops exactly that group. It sets only where Jupyter keeps its runtime files and a
`BROWSER` that writes down what it was asked to open instead of opening it, so no window opens
and no file of the user's is touched.
"""

import os
import re
import signal
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIRST_NOTEBOOK = sorted((ROOT / "notebooks").glob("*.ipynb"))[0].name
STARTUP_SECONDS = 60
ADDRESS = re.compile(r"(http://[^/\s]+)/lab\?token=([0-9a-f]+)")
TCP_LISTEN = "0A"  # the state column of /proc/net/tcp for a listening socket

# Requests to our own server on 127.0.0.1 must not go through a proxy set in the environment.
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def group_members(pgid):
    """Process ids of every live process in process group `pgid`."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended while we looked
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(stat.parent.name))
    return members


def listening_addresses(pids):
    """(address, port) of every TCP socket in LISTEN state that one of `pids` holds open."""
    inodes = set()
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").glob("*"):
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes.add(target[len("socket:["):-1])
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state == TCP_LISTEN and inode in inodes:
                address, port = local.split(":")
                found.append((decode_address(address), int(port, 16)))
    return found


def decode_address(hexadecimal):
    """The text form of an address as /proc/net/tcp(6) writes it (little-endian words)."""
    raw = bytes.fromhex(hexadecimal)
    words = [raw[i:i + 4][::-1] for i in range(0, len(raw), 4)]
    if len(raw) == 4:
        return ".".join(str(byte) for byte in words[0])
    data = b"".join(words)
    if data[:12] == b"\0" * 10 + b"\xff\xff":  # an IPv4 address written as IPv6
        return ".".join(str(byte) for byte in data[12:])
    return ":".join(data[i:i + 2].hex() for i in range(0, 16, 2))


@pytest.fixture
def make_lab(tmp_path):
    """Run `make lab` in the repository's root, in a new process group; yield the process and
    the file its output goes to; stop the whole group afterwards."""
    browser = tmp_path / "browser"
    browser.write_text(f'#!/bin/sh\necho "$1" >> {tmp_path / "opened"}\n')
    browser.chmod(0o755)
    env = {
        **os.environ,
        "BROWSER": str(browser),  # Python's webbrowser runs `$BROWSER URL`
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
    }
    log = tmp_path / "make-lab.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            ["make", "lab"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so we stop it and only it
        )
    try:
        yield process, log, tmp_path / "opened"
    finally:
        stop(process)


def stop(process):
    """Stop the process group `process` leads (and nothing else), and wait until it is gone."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    except ProcessLookupError:  # the group has already ended
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    deadline = time.monotonic() + 30
    while group_members(process.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert group_members(process.pid) == [], "make lab left processes running"


def wait_for_address(process, log, opened):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        text = log.read_text()
        if (match := ADDRESS.search(text)) and opened.exists():
            return match.group(1), match.group(2)
        if process.poll() is not None:
            pytest.fail(f"make lab exited with {process.returncode}:\n{text[-3000:]}")
        time.sleep(0.3)
    pytest.fail(f"make lab printed no address in {STARTUP_SECONDS} s:\n{log.read_text()[-3000:]}")


def test_make_lab_serves_notebook_01_on_loopback_behind_a_token(make_lab):
    process, log, opened = make_lab
    base, token = wait_for_address(process, log, opened)
    assert base.startswith("http://127.0.0.1:")

    with DIRECT.open(f"{base}/lab?token={token}", timeout=30) as page:
        assert page.status == 200
    # The notebook it opens exists where the server looks for it.
    contents = f"{base}/api/contents/{FIRST_NOTEBOOK}?content=0&token={token}"
    with DIRECT.open(contents, timeout=30) as answer:
        assert answer.status == 200
    # What Jupyter hands the browser (a local page that redirects) opens notebook 01.
    [url] = opened.read_text().split()
    redirect = Path(urllib.parse.urlparse(url).path).read_text()
    assert f"/lab/tree/{FIRST_NOTEBOOK}" in redirect

    # Without the token, the server gives nothing away.
    with pytest.raises(urllib.error.HTTPError) as refused:
        DIRECT.open(f"{base}/api/contents/{FIRST_NOTEBOOK}", timeout=30)
    refused.value.close()
    assert refused.value.code == 403

    listening = listening_addresses(group_members(process.pid))
    assert listening, "found no listening socket of make lab's processes"
    assert {address for address, _ in listening} == {"127.0.0.1"}, listening
