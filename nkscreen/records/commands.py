"""The records sub-commands of ``nkscreen``: sign, verify, list and identity.

Each handler returns the exit code and prints one clear line per problem on stderr, never a
traceback: these commands run at the bedside and in auditors' scripts alike.
Exit codes: 0 success; 1 refused or failed (wrong passphrase, invalid signature, disk full,
locked); 2 unusable input (unreadable case or record, invalid answers, no identity).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from nkscreen import paths
from nkscreen.clock import Zone, format_time, site_zone
from nkscreen.records.atomic import LockedError, StorageError, atomic_write, describe_os_error
from nkscreen.records.identity import (
    MIN_PASSPHRASE_LENGTH,
    PASSPHRASE_ENV,
    IdentityError,
    IdentityFileV1,
    WrongPassphraseError,
    add_trusted,
    check_passphrase,
    create_identity,
    format_fingerprint,
    list_identities,
    load_identity,
    read_public_key_file,
    unlock,
)
from nkscreen.records.lifecycle import RecordReadOnlyError, new_record
from nkscreen.records.model import (
    MEANING_STATEMENTS,
    Actor,
    Meaning,
    ProtocolRef,
    RecordFormatError,
    dumps_document,
    record_to_dict,
)
from nkscreen.records.signing import SignerInfo, SigningError, VerificationState, sign_record
from nkscreen.records.store import RecordStore, RecordSummary, open_record

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_UNUSABLE = 2

#: Fields a record cannot be saved without (spec: "required to save a record").


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``sign``, ``verify``, ``list`` and ``identity`` on the main parser."""
    p = sub.add_parser("sign", help="evaluate a case file, make a signed record and save it")
    p.add_argument("case", metavar="CASE.json", help="case file (JSON)")
    p.add_argument(
        "--meaning",
        required=True,
        choices=sorted(MEANING_STATEMENTS),
        help="what the signature means: "
        + "; ".join(f"{k}: {v}" for k, v in MEANING_STATEMENTS.items()),
    )
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write the record here (not the data folder)"
    )
    p.add_argument("--user-id", help="signing identity (needed when there are several)")
    p.set_defaults(func=cmd_sign)

    p = sub.add_parser("verify", help="check the signatures of record files")
    p.add_argument("files", metavar="FILE", nargs="+", help="record files")
    p.add_argument(
        "--allow-untrusted",
        action="store_true",
        help="exit 0 for intact signatures by signers not in this site's trusted list",
    )
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("list", help="list the saved records with their signature state")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("identity", help="manage signing identities")
    isub = p.add_subparsers(dest="identity_command", metavar="ACTION", required=True)
    c = isub.add_parser("create", help="create a signing identity (key pair) for one person")
    c.add_argument("--name", required=True, help="printed name, as shown with signatures")
    c.add_argument("--role", required=True, help="role in the study, e.g. investigator")
    c.add_argument("--user-id", required=True, help="unique user id, e.g. a staff number")
    c.add_argument(
        "--no-trust",
        action="store_true",
        help="do not add the new key to this data folder's trusted signers",
    )
    c.set_defaults(func=cmd_identity_create)
    c = isub.add_parser("list", help="list the identities in the data folder")
    c.set_defaults(func=cmd_identity_list)
    c = isub.add_parser("export", help="print an identity's public key for another site to trust")
    c.add_argument("user_id", metavar="USER_ID")
    c.set_defaults(func=cmd_identity_export)
    c = isub.add_parser("trust", help="trust a public key exported by 'identity export'")
    c.add_argument("file", metavar="FILE")
    c.set_defaults(func=cmd_identity_trust)


def _err(message: str) -> None:
    print(f"nkscreen: {message}", file=sys.stderr)


def read_passphrase(prompt: str, *, confirm: bool = False) -> str | None:
    """From ``NKSCREEN_PASSPHRASE`` (automation) or a no-echo prompt; None if cancelled."""
    from_env = os.environ.get(PASSPHRASE_ENV)
    if from_env is not None:
        return from_env
    try:
        first = getpass.getpass(prompt)
        if confirm and getpass.getpass("Repeat the passphrase: ") != first:
            _err("The two passphrases differ: nothing was written.")
            return None
    except (EOFError, KeyboardInterrupt):
        print(file=sys.stderr)
        _err("No passphrase given: nothing was written.")
        return None
    return first


# ---------------------------------------------------------------- identity


def cmd_identity_create(args: argparse.Namespace) -> int:
    base = paths.data_dir(args.data_dir)
    folder = paths.identities_dir(base)
    print(
        f"Creating the signing identity of {args.name} ({args.user_id}). Choose a passphrase "
        f"of at least {MIN_PASSPHRASE_LENGTH} characters; it is asked for at every signature "
        "and cannot be recovered.",
        file=sys.stderr,
    )
    passphrase = read_passphrase("Passphrase: ", confirm=True)
    if passphrase is None:
        return EXIT_FAILED
    try:
        check_passphrase(passphrase)
        path = create_identity(
            folder, name=args.name, role=args.role, user_id=args.user_id, passphrase=passphrase
        )
        identity = load_identity(path)
        if not args.no_trust:
            add_trusted(paths.trusted_signers_path(base), identity.public.as_trusted())
    except IdentityError as exc:
        _err(str(exc))
        return EXIT_UNUSABLE
    except StorageError as exc:
        _err(str(exc))
        return EXIT_FAILED
    print(f"Created identity {identity.user_id} ({identity.name}, {identity.role})")
    print(f"Key fingerprint: {format_fingerprint(identity.key_fingerprint)}")
    print(f"Saved in {path}")
    if not args.no_trust:
        print("Added to this data folder's trusted signers.")
    return EXIT_OK


def cmd_identity_list(args: argparse.Namespace) -> int:
    folder = paths.identities_dir(paths.data_dir(args.data_dir))
    identities = list_identities(folder)
    if not identities:
        print(f"No identities in {folder}. Create one with 'nkscreen identity create'.")
        return EXIT_OK
    rows = [["USER ID", "NAME", "ROLE", "KEY FINGERPRINT"]]
    rows += [[i.user_id, i.name, i.role, format_fingerprint(i.key_fingerprint)] for i in identities]
    _print_table(rows)
    return EXIT_OK


def cmd_identity_export(args: argparse.Namespace) -> int:
    folder = paths.identities_dir(paths.data_dir(args.data_dir))
    try:
        identity = load_identity(folder / f"{args.user_id}.json")
    except IdentityError as exc:
        _err(str(exc))
        return EXIT_UNUSABLE
    sys.stdout.write(dumps_document(identity.public.as_trusted().model_dump()).decode("utf-8"))
    return EXIT_OK


def cmd_identity_trust(args: argparse.Namespace) -> int:
    base = paths.data_dir(args.data_dir)
    try:
        signer = read_public_key_file(Path(args.file))
        added = add_trusted(paths.trusted_signers_path(base), signer)
    except IdentityError as exc:
        _err(str(exc))
        return EXIT_UNUSABLE
    except OSError as exc:
        _err(f"{args.file}: {exc.strerror or exc}")
        return EXIT_UNUSABLE
    state = "Now trusting" if added else "Already trusted:"
    key = format_fingerprint(signer.key_fingerprint)
    print(f"{state} {signer.name} ({signer.user_id}), key {key}")
    return EXIT_OK


def _pick_identity(base: Path, user_id: str | None) -> IdentityFileV1:
    folder = paths.identities_dir(base)
    if user_id:
        return load_identity(folder / f"{user_id}.json")
    identities = list_identities(folder)
    if not identities:
        raise IdentityError(
            f"There is no signing identity in {folder}. Create one with "
            "'nkscreen identity create --name NAME --role ROLE --user-id ID'."
        )
    if len(identities) > 1:
        ids = ", ".join(i.user_id for i in identities)
        raise IdentityError(f"Several identities exist ({ids}): choose one with --user-id.")
    return identities[0]


# ---------------------------------------------------------------- sign


def _evaluate_case(path: str) -> tuple[ProtocolRef, dict[str, Any], dict[str, Any]] | int:
    """Read and evaluate a case; an exit code instead if it cannot be signed."""
    from nkscreen.core.casefile import CaseFileError, read_case
    from nkscreen.core.protocol import ProtocolError, builtin_protocol
    from nkscreen.records.assessment import NotSavableError, prepare

    try:
        case = read_case(path)
        protocol = builtin_protocol(case.protocol_id)
    except CaseFileError as exc:
        _err(f"{path}: {exc}")
        return EXIT_UNUSABLE
    except ProtocolError as exc:
        _err(f"the protocol cannot be used: {exc}")
        return EXIT_UNUSABLE
    try:
        savable = prepare(protocol, case.answers)
    except NotSavableError as exc:
        _err(f"{path}: the case cannot become a record, nothing was signed:")
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_UNUSABLE
    return savable.protocol, savable.answers, savable.evaluation


def _site_name_problem(base: Path) -> str | None:
    """Why signing must wait for the site's name, or None when it is set.

    The printout of a signed record names its site; a record signed before the site is
    named would print without one, so the command refuses rather than sign it anonymously.
    """
    from nkscreen.settings import SettingsError, load_settings, settings_file

    path = settings_file(base)
    try:
        settings = load_settings(path)
    except SettingsError as exc:
        return f"the site settings cannot be read ({exc}); nothing was signed."
    if settings.site_name.strip():
        return None
    return (
        "no site name is set, and the printout of a signed record names its site: set it in "
        f'the app (File > Preferences > Site name) or as "site_name" in {path}; '
        "nothing was signed."
    )


def cmd_sign(args: argparse.Namespace) -> int:
    base = paths.data_dir(args.data_dir)
    meaning: Meaning = args.meaning
    evaluated = _evaluate_case(args.case)
    if isinstance(evaluated, int):
        return evaluated
    protocol_ref, answers, evaluation = evaluated
    problem = _site_name_problem(base)
    if problem is not None:
        _err(problem)
        return EXIT_UNUSABLE
    try:
        identity = _pick_identity(base, args.user_id)
    except IdentityError as exc:
        _err(str(exc))
        return EXIT_UNUSABLE
    print(
        f"Signing as {identity.name} ({identity.user_id}, {identity.role}). "
        f"Meaning: {MEANING_STATEMENTS[meaning]}",
        file=sys.stderr,
    )
    passphrase = read_passphrase(f"Passphrase for {identity.user_id}: ")
    if passphrase is None:
        return EXIT_FAILED
    try:
        unlocked = unlock(identity, passphrase)
    except WrongPassphraseError as exc:
        _err(str(exc))
        return EXIT_FAILED
    except IdentityError as exc:
        _err(f"{exc} Nothing was written.")
        return EXIT_FAILED
    actor = Actor(user_id=identity.user_id, name=identity.name, role=identity.role)
    try:
        record = new_record(
            protocol=protocol_ref, answers=answers, evaluation=evaluation, actor=actor
        )
        signed = sign_record(record, unlocked, meaning)
    except (SigningError, ValueError, TypeError) as exc:
        _err(f"{args.case}: cannot make a record: {exc}")
        return EXIT_UNUSABLE
    try:
        if args.output:
            out = Path(args.output)
            try:
                atomic_write(out, dumps_document(record_to_dict(signed)), overwrite=False)
            except FileExistsError:
                _err(f"{out} already exists: a signed record is never overwritten.")
                return EXIT_FAILED
        else:
            store = RecordStore(base)
            store.prepare()
            out = store.save(signed)
    except (StorageError, LockedError, RecordReadOnlyError) as exc:
        _err(str(exc))
        return EXIT_FAILED
    except OSError as exc:
        where = Path(args.output) if args.output else paths.records_dir(base) / "record.json"
        _err(
            f"Could not save the record: {describe_os_error(exc, where)}. "
            "Nothing already saved was changed."
        )
        return EXIT_FAILED
    print(out)
    return EXIT_OK


# ---------------------------------------------------------------- verify


_LABELS = {
    VerificationState.VALID: "VALID",
    VerificationState.UNTRUSTED: "VALID, UNTRUSTED SIGNER",
    VerificationState.INVALID: "INVALID",
    VerificationState.UNSIGNED: "NOT SIGNED",
}


def _display_zone(base: Path) -> Zone:
    """The site's time zone for times printed here; the computer's, said so, if unreadable."""
    from nkscreen.settings import SettingsError, load_settings, settings_file

    try:
        return site_zone(load_settings(settings_file(base)))
    except SettingsError as exc:
        _err(f"site settings unreadable ({exc}); times are in this computer's time zone.")
        return None


def _signed_by(signers: tuple[SignerInfo, ...], zone: Zone) -> str:
    """ "signed by NAME (ID, ROLE) as MEANING on 2026-12-01 22:12 UTC+08:00; ..." """
    return "signed by " + "; ".join(
        f"{s.name} ({s.user_id}, {s.role}) as {s.meaning} on "
        f"{format_time(datetime.fromisoformat(s.signed_at), zone)}"
        for s in signers
    )


def cmd_verify(args: argparse.Namespace) -> int:
    store = RecordStore(paths.data_dir(args.data_dir))
    zone = _display_zone(store.base)
    trusted = store.trusted()
    if store.trusted_error:
        _err(f"{store.trusted_error} Every signer is treated as untrusted.")
    worst = EXIT_OK
    for name in args.files:
        try:
            loaded = open_record(Path(name), trusted)
        except RecordFormatError as exc:
            print(f"{name}: UNREADABLE: {exc}")
            worst = max(worst, EXIT_UNUSABLE)
            continue
        state = loaded.verification.state
        reason = loaded.verification.reason
        if state is VerificationState.VALID:  # its times, in the site's zone
            reason = _signed_by(loaded.verification.signers, zone)
        print(f"{name}: {_LABELS[state]}: {reason}")
        accepted = state is VerificationState.VALID or (
            state is VerificationState.UNTRUSTED and args.allow_untrusted
        )
        if not accepted:
            worst = max(worst, EXIT_FAILED)
    return worst


# ---------------------------------------------------------------- list


def _print_table(rows: list[list[str]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


_CELLS = {
    VerificationState.VALID: "valid",
    VerificationState.UNTRUSTED: "untrusted signer",
    VerificationState.INVALID: "INVALID",
    VerificationState.UNSIGNED: "not signed",
}


def _signature_cell(summary: RecordSummary) -> str:
    return _CELLS[summary.verification.state] if summary.verification else ""


def summary_rows(summaries: list[RecordSummary]) -> list[list[str]]:
    rows = [
        [
            "SCREENING ID",
            "INITIALS",
            "ASSESSED",
            "VERDICT",
            "STATUS",
            "VER",
            "SIGNED BY",
            "SIGNATURE",
            "FILE",
        ]
    ]
    for s in summaries:
        if s.error is not None:
            rows.append(["?", "", "", "", "unreadable", "", "", s.error, s.path.name])
            continue
        signers = ", ".join(f"{x.name} ({x.meaning})" for x in s.check.signers) if s.check else ""
        status = s.status + (" (superseded)" if s.superseded else "")
        rows.append(
            [
                s.screening_id,
                s.patient_initials,
                s.assessment_date,
                s.verdict,
                status,
                str(s.version),
                signers,
                _signature_cell(s),
                s.path.name,
            ]
        )
    return rows


def cmd_list(args: argparse.Namespace) -> int:
    store = RecordStore(paths.data_dir(args.data_dir))
    summaries = store.list_records()
    if store.trusted_error:
        _err(f"{store.trusted_error} Every signer is treated as untrusted.")
    if not summaries:
        print(f"No saved records in {store.records_dir}.")
        return EXIT_OK
    _print_table(summary_rows(summaries))
    problems = sum(
        1
        for s in summaries
        if s.error or (s.verification and s.verification.state is VerificationState.INVALID)
    )
    if problems:
        print(
            f"\n{problems} file(s) unreadable or with an invalid signature: see "
            "'nkscreen verify FILE' for details."
        )
    return EXIT_OK


__all__ = ["add_commands", "cmd_identity_create", "cmd_list", "cmd_sign", "cmd_verify"]
