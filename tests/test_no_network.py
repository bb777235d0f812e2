"""nkscreen never opens a network connection: a whole bedside session runs under a socket guard.

The session is the GUI one: import a case into the wizard (File > Import case), save the
record, sign it with a key file unlocked by passphrase, export the summary PDF and print it
(the print dialog is accepted with a PDF file as the printer: no printer in CI). Checked:

- Python level, two ways, in-process. ``socket.socket``, ``create_connection``,
  ``getaddrinfo`` and ``gethostbyname(_ex)`` are replaced by functions that record the call
  and raise, so an attempt fails loudly where it happens; an audit hook (``sys.addaudithook``)
  also records ``socket.__new__``, ``connect``, ``bind``, ``send*`` and name look-ups, which
  catches code holding ``socket.socket`` from before the patch or calling ``_socket``. No
  socket of any family may be created and no name looked up.
- Qt level, in-process: Qt's C++ code bypasses Python's ``socket``. QtNetwork (Qt's only
  TCP/IP module) must not get loaded, and at the end the process must hold no open
  AF_INET/AF_INET6 socket (``/proc/self/fd`` against ``/proc/self/net/{tcp,udp,raw}{,6}``).
- System-call level, where strace may run (Linux): the same session in a child process, every
  ``socket``/``connect``/``sendto``/``sendmsg`` traced. The only AF_INET/AF_INET6 activity
  allowed is libcups (under Qt's print support, when a QPrinter is made) asking the local
  print scheduler on loopback port 631, which it does when the machine has no CUPS domain
  socket. That is the operating system's print service on this machine, not the network; a
  site whose CUPS forwards to a network printer has chosen that in CUPS, outside nkscreen.
  Local AF_UNIX sockets (name service, D-Bus, the X server) are not network sockets.
"""

from __future__ import annotations

import _socket
import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QWidget

from nkscreen.records import identity as identity_module
from nkscreen.records.identity import create_identity, load_identity, unlock
from nkscreen.records.store import RecordStore
from nkscreen.records.trust import trust_first_identity
from nkscreen.ui import build_window, dialogs, print_actions

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "tests" / "cases" / "eligible_male.json"
PASSPHRASE = "correct horse battery staple"
AUDITED = {
    "socket.__new__",
    "socket.connect",
    "socket.bind",
    "socket.sendto",
    "socket.sendmsg",
    "socket.getaddrinfo",
    "socket.gethostbyname",
    "socket.gethostbyaddr",
    "socket.getnameinfo",
}

#: Audit hooks cannot be removed: one hook for the session, recording only while a list is set.
_recording: list[list[str]] = []


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if not _recording or event not in AUDITED:
        return
    if event == "socket.__new__":  # (socket, family, type, proto): name the family
        family = args[1]
        with contextlib.suppress(ValueError):
            family = socket.AddressFamily(family).name
        args = (family, *args[2:])
    elif event.startswith("socket.") and args and isinstance(args[0], _socket.socket):
        args = args[1:]  # connect/bind/send*: (socket, address, ...) -> the address
    _recording[-1].append(f"audit {event}{args!r}")


sys.addaudithook(_audit)


def _inet_socket_inodes() -> set[str]:
    """Inodes of the AF_INET/AF_INET6 sockets this process holds open (Linux)."""
    inodes: set[str] = set()
    for table in ("tcp", "tcp6", "udp", "udp6", "raw", "raw6"):
        path = Path("/proc/self/net") / table
        if path.exists():
            for line in path.read_text().splitlines()[1:]:
                fields = line.split()
                if len(fields) > 9:
                    inodes.add(fields[9])
    held: set[str] = set()
    for fd in Path("/proc/self/fd").iterdir():
        try:
            target = fd.readlink().as_posix()
        except OSError:
            continue
        if target.startswith("socket:["):
            inode = target[len("socket:[") : -1]
            if inode in inodes:
                held.add(inode)
    return held


def _qt_network_loaded() -> bool:
    maps = Path("/proc/self/maps")
    mapped = maps.exists() and "libQt6Network" in maps.read_text()
    return mapped or "PySide6.QtNetwork" in sys.modules


@contextlib.contextmanager
def network_guard(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every network attempt made inside the block (each patched one also raises)."""
    log: list[str] = []

    def refuse(name: str) -> Any:
        def blocked(*args: Any, **kwargs: Any) -> Any:
            log.append(f"call socket.{name}{args}")
            raise OSError(f"nkscreen must not use the network (socket.{name})")

        return blocked

    with monkeypatch.context() as patch:
        for name in ("socket", "create_connection", "getaddrinfo", "gethostbyname"):
            patch.setattr(socket, name, refuse(name))
        patch.setattr(socket, "gethostbyname_ex", refuse("gethostbyname_ex"))
        _recording.append(log)
        try:
            yield log
        finally:
            _recording.remove(log)


@pytest.fixture
def signer_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A key file on disk (cheap scrypt) whose signer the site trusts."""
    monkeypatch.setattr(identity_module, "SCRYPT_LOG2_N", 10)
    data_dir = tmp_path / "data"
    path = create_identity(
        data_dir / "identities",
        name="Dr Offline",
        role="Investigator",
        user_id="offline",
        passphrase=PASSPHRASE,
    )
    trust_first_identity(data_dir / "trusted-signers.json", load_identity(path), PASSPHRASE)
    return path


def _print_to_file(target: Path) -> Any:
    def accept(dialog: QPrintDialog) -> bool:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return True

    return accept


def test_assess_save_sign_and_print_without_any_socket(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signer_file: Path
) -> None:
    qt_network_before = _qt_network_loaded()
    inet_before = _inet_socket_inodes()
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: errors.append(text))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(CASE), ""))
    monkeypatch.setattr(
        dialogs,
        "ask_signature",
        lambda *a, **k: (unlock(load_identity(signer_file), PASSPHRASE), "authorship"),
    )
    monkeypatch.setattr(dialogs, "ask_site_name", lambda parent: "Ward 7 North")
    exported, printed = tmp_path / "exported.pdf", tmp_path / "printed.pdf"
    monkeypatch.setattr(print_actions, "ask_pdf_path", lambda parent, suggested: str(exported))
    monkeypatch.setattr(print_actions, "ask_print", _print_to_file(printed))

    with network_guard(monkeypatch) as log:
        data_dir = tmp_path / "data"
        window = build_window(data_dir)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)

        window.action_import_case.trigger()  # the assessment: every field of the example
        status = window.findChild(QWidget, "overall_status").property("status")
        assert status == "eligible"
        window.action_save.trigger()
        window.action_sign.trigger()
        store = RecordStore(data_dir)
        [record_path] = list(store.records_dir.glob("*.json"))
        loaded = store.load(record_path)
        assert loaded.record.is_signed
        assert loaded.verification.ok, loaded.verification

        summary = print_actions.summary_for_loaded(loaded, window.protocol, window.settings)
        assert print_actions.export_pdf(window, summary, window.settings) == exported
        assert print_actions.print_summary(window, summary, window.settings)
        window.close()
        qtbot.wait(50)  # let deferred work (autosave, deleteLater) run inside the guard

    assert not errors
    assert exported.read_bytes().startswith(b"%PDF-")
    assert printed.read_bytes().startswith(b"%PDF-")
    assert log == [], "network use during the session:\n" + "\n".join(log)
    assert _inet_socket_inodes() <= inet_before, "an internet socket was left open"
    if not qt_network_before:
        assert not _qt_network_loaded(), "QtNetwork was loaded during the session"


def test_the_guard_catches_a_connection_attempt(monkeypatch: pytest.MonkeyPatch) -> None:
    """The guard itself works: a connection attempt raises and is recorded."""
    with network_guard(monkeypatch) as log:
        with pytest.raises(OSError, match="must not use the network"):
            socket.create_connection(("192.0.2.1", 80), timeout=0.01)
        raw = _socket.socket(socket.AF_INET, socket.SOCK_STREAM)  # bypasses the patch
        raw.close()
    assert any("create_connection" in line for line in log)
    assert any("socket.__new__" in line and "AF_INET" in line for line in log)


def _strace_usable() -> bool:
    if not sys.platform.startswith("linux") or shutil.which("strace") is None:
        return False
    probe = subprocess.run(["strace", "-qq", "-o", os.devnull, "true"], capture_output=True)
    return probe.returncode == 0  # containers without ptrace rights refuse


#: The one internet-family connection seen in a session: libcups (behind QPrinter) asking the
#: local print scheduler on loopback port 631 when no CUPS domain socket exists.
_LOCAL_CUPS = re.compile(r'htons\(631\).*(inet_addr\("127\.0\.0\.1"\)|inet_pton\(AF_INET6, "::1")')


@pytest.mark.slow
def test_syscalls_show_no_connection_beyond_the_local_print_scheduler(tmp_path: Path) -> None:
    """The same session in a child process under strace: what Qt's C++ code does is seen too.

    Every AF_INET/AF_INET6 ``connect`` must go to the local CUPS scheduler (loopback, port
    631); anything else (a DNS query, any other address or port) fails the test.
    """
    if not _strace_usable():
        pytest.skip("strace is not installed or may not trace here")
    trace = tmp_path / "strace.txt"
    node = f"{Path(__file__).relative_to(ROOT)}::test_assess_save_sign_and_print_without_any_socket"
    result = subprocess.run(
        [
            *("strace", "-f", "-qq", "-e", "trace=socket,connect,sendto,sendmsg", "-o", str(trace)),
            *(sys.executable, "-m", "pytest", node, "-q", "-p", "no:cacheprovider"),
        ],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    inet = [line for line in trace.read_text().splitlines() if "AF_INET" in line]
    connects = [line for line in inet if "connect(" in line]
    assert [line for line in connects if not _LOCAL_CUPS.search(line)] == []
    assert not [line for line in inet if "sendto(" in line or "sendmsg(" in line]
