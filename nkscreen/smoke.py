"""``nkscreen --smoke``: prove that this installation can do a clinician's whole job, offscreen.

A frozen app fails in ways the test suite cannot see: a Qt plugin, a resource file or a lazily
imported module left out of the bundle only shows when the code path runs. So the smoke test
walks the same path as a bedside session on a bundled example, in a throwaway folder: Qt
start-up (offscreen), the main window with its SVG icon and translations, the protocol, the
example assessed by the core and in the wizard, a record signed, saved and verified (and a
tampered copy refused), the summary PDF with its embedded font, and the print path (QPrinter
to a file). It prints one line per step. Exit 0 when every step passed; otherwise 1, after naming
the failing step (traceback on stderr). It is also the start-up probe for benchmarks, so it
stays fast: the signing key lives in memory (no 0.5 s scrypt key file) and nothing is kept.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from nkscreen import __version__, paths
from nkscreen.resources import resource_path, resource_root

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from nkscreen.core.engine import Evaluation
    from nkscreen.core.protocol import Protocol
    from nkscreen.records.store import LoadedRecord
    from nkscreen.report.summary import ScreeningSummary
    from nkscreen.ui.main_window import MainWindow

#: The bundled example case: the protocol it names is the one checked.
EXAMPLE = ("examples", "eligible_male.json")
EXPECTED_OVERALL = "eligible"
T = TypeVar("T")


class SmokeCheckError(Exception):
    """A check that ran but found the installation wrong (not a crash)."""


@dataclass
class _State:
    """What one step hands to the next: every step builds on the previous ones."""

    folder: Path
    app: QApplication | None = None
    window: MainWindow | None = None
    protocol: Protocol | None = None
    evaluation: Evaluation | None = None
    answers: dict[str, Any] = field(default_factory=dict)
    loaded: LoadedRecord | None = None
    summary: ScreeningSummary | None = None


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise SmokeCheckError(message)


def _need(value: T | None, what: str) -> T:
    """What an earlier step should have left in the state (steps run in order)."""
    if value is None:
        raise SmokeCheckError(f"no {what}: an earlier step did not run")
    return value


def _process_age() -> float | None:
    """Seconds since this process started (Linux, 10 ms resolution), for the start-up time:
    it includes what a timer inside Python cannot see (bootloader, interpreter, imports)."""
    try:
        stat = Path("/proc/self/stat").read_text()
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        started = int(stat.rsplit(")", 1)[1].split()[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return None
    return max(0.0, uptime - started)


def _qt_message(kind: object, context: object, message: str) -> None:
    """Qt's log, minus the offscreen platform's one harmless complaint about size hints."""
    if "does not support propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def _step_qt(state: _State) -> str:
    # Offscreen unless NKSCREEN_SMOKE_PLATFORM says otherwise: the probe must run the same on
    # a build server, over SSH and at a ward PC.
    from nkscreen.paths import use_smoke_qt_platform

    use_smoke_qt_platform()
    import PySide6
    from PySide6.QtCore import qInstallMessageHandler, qVersion
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        qInstallMessageHandler(_qt_message)  # ours only: a host (pytest-qt) keeps its own
        QApplication.setApplicationName("nkscreen")
        QApplication.setOrganizationName("nkscreen")
        from nkscreen.ui.platform_guard import new_application

        app = new_application([sys.argv[0] if sys.argv else "nkscreen"])
    state.app = app
    return f"PySide6 {PySide6.__version__}, Qt {qVersion()}, platform {app.platformName()}"


def _step_window(state: _State) -> str:
    from PySide6.QtCore import QLocale, QTranslator
    from PySide6.QtGui import QIcon

    from nkscreen.ui import build_window
    from nkscreen.ui.i18n import install_language

    app = _need(state.app, "QApplication")
    icon = QIcon(str(resource_path("icons", "nkscreen.svg")))
    # A null pixmap means the SVG icon engine plugin (or QtSvg) is missing from the bundle.
    _check(not icon.pixmap(64, 64).isNull(), "the SVG app icon does not render (svg plugin?)")
    app.setWindowIcon(icon)
    install_language(app, "en")
    chinese = QTranslator()
    _check(
        chinese.load(QLocale("zh_CN"), "nkscreen", "_", str(resource_path("translations"))),
        "the zh_CN translation is missing",
    )
    window = build_window(state.folder / "data")
    window.show()
    app.processEvents()
    state.window = window
    _check(window.isVisible(), "the main window did not show")
    age = _process_age()
    shown = f", shown {age:.2f} s after process start" if age is not None else ""
    return f"main window {window.windowTitle()!r}, SVG icon, zh_CN translation{shown}"


def _step_protocol(state: _State) -> str:
    from nkscreen.core.casefile import read_case

    protocol = read_case(resource_path(*EXAMPLE)).protocol  # the bundled protocols only
    window = _need(state.window, "main window")
    _check(window.protocol.id == protocol.id, "the window screens another protocol")
    state.protocol = protocol
    return (
        f"{protocol.id}: {len(protocol.all_criteria)} criteria, {len(protocol.fields)} fields, "
        f"sha256 {protocol.source_sha256[:12]}"
    )


def _step_evaluate(state: _State) -> str:
    from nkscreen.core.casefile import read_case
    from nkscreen.core.engine import evaluate

    window = _need(state.window, "main window")
    protocol = _need(state.protocol, "protocol")
    path = resource_path(*EXAMPLE)
    case = read_case(path)
    evaluation = evaluate(protocol, case.answers)
    _check(
        evaluation.overall == EXPECTED_OVERALL,
        f"{path.name}: core says {evaluation.overall}, expected {EXPECTED_OVERALL}",
    )
    view = window.assessment
    view.load_answers(case.answers)  # the wizard path: widgets parse the answers back
    shown = view.refresh()
    _check(
        shown.overall == evaluation.overall and shown.statuses() == evaluation.statuses(),
        f"the wizard shows {shown.overall}, the core says {evaluation.overall}",
    )
    state.evaluation = evaluation
    state.answers = dict(case.answers)
    return f"{path.name}: {evaluation.overall} ({len(evaluation.criteria)} criteria), wizard agrees"


def _step_sign(state: _State) -> str:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    from nkscreen.records.identity import PublicIdentity, UnlockedIdentity
    from nkscreen.records.lifecycle import new_record
    from nkscreen.records.model import Actor, ProtocolRef
    from nkscreen.records.signing import sign_record
    from nkscreen.records.store import RecordStore, open_record
    from nkscreen.records.trust import setup_administrator

    p = _need(state.protocol, "protocol")
    evaluation = _need(state.evaluation, "evaluation")
    private = Ed25519PrivateKey.generate()
    public_raw = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    identity = UnlockedIdentity(
        PublicIdentity("Smoke Test", "smoke", "investigator", public_raw), private
    )
    store = RecordStore(state.folder / "data")
    store.prepare()
    record = new_record(
        protocol=ProtocolRef(id=p.id, version=p.version, sha256=p.source_sha256),
        answers=state.answers,
        evaluation=evaluation.to_json(),
        actor=Actor(user_id="smoke", name="Smoke Test", role="investigator"),
    )
    signed = sign_record(record, identity, "authorship")
    path = store.save(signed)
    # The throwaway key is the folder's administrator, as a first identity would be.
    setup_administrator(paths.trusted_signers_path(store.base), identity)
    loaded = store.load(path)
    _check(loaded.verification.ok, f"the saved record does not verify: {loaded.verification}")
    # A verifier that accepts everything would pass the line above: it must also refuse an edit.
    tampered = state.folder / "tampered.json"
    tampered.write_bytes(path.read_bytes().replace(b'"AB"', b'"XY"', 1))
    refused = open_record(tampered, store.trusted())
    _check(not refused.verification.ok, "a tampered record still verifies")
    state.loaded = loaded
    return f"Ed25519 record saved, verified ({loaded.verification.state}), tampered copy refused"


def _step_pdf(state: _State) -> str:
    from nkscreen.report.render import write_pdf
    from nkscreen.report.summary import summary_for_record

    loaded = _need(state.loaded, "signed record")
    summary = summary_for_record(loaded, _need(state.protocol, "protocol"))
    path = state.folder / "summary.pdf"
    pages = write_pdf(summary, path, "A4")
    data = path.read_bytes()
    _check(data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:], "the PDF file is truncated")
    _check(pages >= 1, "the PDF has no pages")
    # Qt prints blank text, silently, when a font is missing: the bundled one must be embedded.
    _check(b"DejaVu" in data, "the bundled DejaVu font is not embedded in the PDF")
    _check(not summary.marks, f"a valid signed record printed with marks {summary.marks}")
    state.summary = summary
    return f"summary PDF, {pages} page(s), {len(data) // 1024} KiB, DejaVu Sans embedded"


def _step_print(state: _State) -> str:
    from PySide6.QtPrintSupport import QPrinter

    from nkscreen.report.render import render
    from nkscreen.ui.print_actions import make_printer

    summary = _need(state.summary, "summary")
    window = _need(state.window, "main window")
    # The Print menu's path (QtPrintSupport, the platform's print plugin) with a PDF file for
    # a printer: a ward PC must not discover a missing print module when a clinician prints.
    printer = make_printer(summary, window.settings)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    path = state.folder / "printed.pdf"
    printer.setOutputFileName(str(path))
    pages = render(summary, printer)
    del printer  # the file is finished when the printer goes
    _check(path.read_bytes().startswith(b"%PDF-"), "printing to a file produced no PDF")
    return f"print path (QPrinter to a PDF file), {pages} page(s)"


STEPS: tuple[tuple[str, Callable[[_State], str]], ...] = (
    ("qt", _step_qt),
    ("window", _step_window),
    ("protocol", _step_protocol),
    ("evaluate", _step_evaluate),
    ("sign", _step_sign),
    ("pdf", _step_pdf),
    ("print", _step_print),
)


def run_smoke(out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run every step in order, stop at the first failure; return the exit code."""
    out = out or sys.stdout
    err = err or sys.stderr
    frozen = "yes" if getattr(sys, "frozen", False) else "no"
    print(
        f"nkscreen {__version__} smoke test (frozen: {frozen}; resources: {resource_root()})",
        file=out,
    )
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="nkscreen-smoke-") as tmp:
        state = _State(folder=Path(tmp))
        paths.redirect_logs(state.folder / "logs")  # nothing of the user's is touched
        try:
            for name, step in STEPS:
                began = time.perf_counter()
                try:
                    detail = step(state)
                except Exception as exc:
                    print(f"FAIL  {name:<9} {type(exc).__name__}: {exc}", file=out, flush=True)
                    traceback.print_exc(file=err)
                    print(f"smoke test failed at step '{name}'", file=out, flush=True)
                    return 1
                took = time.perf_counter() - began
                print(f"ok    {name:<9} {detail} ({took:.2f} s)", file=out, flush=True)
        finally:
            if state.window is not None:
                state.window.close()  # releases the record lock before the folder goes
    print(f"smoke test passed: {len(STEPS)} steps in {time.perf_counter() - start:.2f} s", file=out)
    return 0
