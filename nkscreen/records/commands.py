"""The records sub-commands of ``nkscreen``: sign, verify, list and identity.

Each handler returns the exit code and prints one clear line per problem on stderr, never a
traceback: these commands run at the bedside and in auditors' scripts alike.
Exit codes: 0 success; 1 refused or failed (wrong passphrase, invalid signature, disk full,
read-only folder, locked; for ``verify --all`` also a record missing, changed or not
journaled, a removed signature, a broken journal chain); 2 unusable input (unreadable case or
record, invalid answers, no identity, an unreadable journal, a records folder that cannot be
listed, an output path that is a folder); 3 an internal error (see nkscreen.cli).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nkscreen import paths
from nkscreen.clock import Zone, format_time, site_zone
from nkscreen.records.atomic import LockedError, StorageError, atomic_write, describe_os_error
from nkscreen.records.folder_check import check_folder
from nkscreen.records.identity import (
    MIN_PASSPHRASE_LENGTH,
    IdentityError,
    IdentityFile,
    PublicIdentity,
    UnlockedIdentity,
    WrongPassphraseError,
    check_passphrase,
    create_identity,
    export_public_identity,
    find_identity,
    format_fingerprint,
    load_identity,
    read_public_identity,
    scan_identities,
    unlock_identity,
)
from nkscreen.records.lifecycle import RecordReadOnlyError, new_record
from nkscreen.records.model import (
    MEANING_STATEMENTS,
    Actor,
    Meaning,
    ProtocolRef,
    RecordFormatError,
    RecordV1,
    dumps_document,
    record_to_dict,
)
from nkscreen.records.signing import SignerInfo, SigningError, VerificationState, sign_record
from nkscreen.records.state_words import state_words
from nkscreen.records.store import LoadedRecord, RecordStore, RecordSummary, open_record
from nkscreen.records.trust import (
    SiteTrust,
    TrustError,
    add_trusted,
    administrator_identity,
    is_legacy_list,
    legacy_signers,
    load_trusted,
    remove_trusted,
    setup_administrator,
    trust_first_identity,
    trust_state,
)

if TYPE_CHECKING:
    from nkscreen.core.protocol import Protocol

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_UNUSABLE = 2

#: Fields a record cannot be saved without (spec: "required to save a record").


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``sign``, ``verify``, ``list`` and ``identity`` on the main parser."""
    p = sub.add_parser("sign", help="evaluate a case file, make a signed record and save it")
    p.add_argument("case", metavar="CASE.json", help="case file (JSON)")
    _add_signing_options(p, "the verdict")
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write the record here (not the data folder)"
    )
    p.set_defaults(func=cmd_sign)

    p = sub.add_parser(
        "amend",
        help="make and sign the next version of a signed record from a corrected case file",
    )
    p.add_argument("record", metavar="RECORD", help="the newest signed version of the screening")
    p.add_argument("case", metavar="CASE.json", help="case file with the corrected answers")
    p.add_argument("--reason", required=True, help="why the record is amended (recorded, printed)")
    _add_signing_options(p, "the new verdict")
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the new version here (not the data folder); keep it beside RECORD so its "
        "amendment chain can be checked",
    )
    p.set_defaults(func=cmd_amend)

    p = sub.add_parser(
        "verify",
        help="check the signatures of record files, or of the whole data folder (--all)",
        description="Check the signatures of record files and the chain of versions beside "
        "them. With --all, check every record in the data folder and compare the folder with "
        "its journal, which reports records and signatures the folder has lost. Exit codes: "
        "0 all valid (a superseded version whose signature is valid counts as valid: verify "
        "says which version replaces it; with --all, unsigned records are fine); 1 an invalid, "
        "untrusted, missing, changed, removed or unjournaled record, a broken amendment chain, "
        "or a damaged or broken journal chain; 2 an unreadable record file (FILE...) or an "
        "unreadable journal (--all).",
    )
    p.add_argument("files", metavar="FILE", nargs="*", help="record files")
    p.add_argument(
        "--all",
        action="store_true",
        dest="all_records",
        help="check every record in the data folder against the folder's journal",
    )
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
        help="in a new data folder, do not make this first identity its administrator and "
        "trusted signer",
    )
    c.set_defaults(func=cmd_identity_create)
    c = isub.add_parser("list", help="list the identities in the data folder")
    c.set_defaults(func=cmd_identity_list)
    c = isub.add_parser("export", help="print an identity's public key for another site to trust")
    c.add_argument("user_id", metavar="USER_ID")
    c.set_defaults(func=cmd_identity_export)
    c = isub.add_parser(
        "trust",
        help="trust a signer (asks for the administrator's passphrase)",
        description="Sign a key into this data folder's trusted signers, as its administrator: "
        "a public key exported with 'identity export' (FILE), or an identity of this data "
        "folder (--user-id). With --admin alone, set up the administrator of a data folder "
        "that has none, or whose list was written by an older nkscreen (its signers are "
        "signed in again).",
    )
    c.add_argument("file", metavar="FILE", nargs="?", help="public key file to trust")
    c.add_argument("--user-id", help="trust this identity of the data folder instead of a file")
    c.add_argument(
        "--admin",
        metavar="USER_ID",
        help="the administrator's user id; needed only to set the administrator up",
    )
    c.set_defaults(func=cmd_identity_trust)
    c = isub.add_parser(
        "untrust", help="stop trusting a key (asks for the administrator's passphrase)"
    )
    c.add_argument("fingerprint", metavar="FINGERPRINT", help="key fingerprint (spaces allowed)")
    c.set_defaults(func=cmd_identity_untrust)


def _add_signing_options(p: argparse.ArgumentParser, verdict: str) -> None:
    """What ``sign`` and ``amend`` share: the meaning, who signs, and what may be signed."""
    p.add_argument(
        "--meaning",
        required=True,
        choices=sorted(MEANING_STATEMENTS),
        help="what the signature means: "
        + "; ".join(f"{k}: {v}" for k, v in MEANING_STATEMENTS.items()),
    )
    p.add_argument("--user-id", help="signing identity (needed when there are several)")
    p.add_argument(
        "--allow-incomplete",
        action="store_true",
        help=f"sign even when {verdict} is INCOMPLETE (refused otherwise)",
    )
    p.add_argument(
        "--site", metavar="NAME", help="the site's name, printed on records (needed once)"
    )


def _err(message: str) -> None:
    print(f"nkscreen: {message}", file=sys.stderr)


def read_passphrase(prompt: str, *, confirm: bool = False) -> str | None:
    """From ``NKSCREEN_PASSPHRASE`` (automation) or a no-echo prompt; None if cancelled."""
    from_env = paths.passphrase_from_environment()
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
    trusted_path = paths.trusted_signers_path(base)
    try:
        check_passphrase(passphrase)
        path = create_identity(
            folder, name=args.name, role=args.role, user_id=args.user_id, passphrase=passphrase
        )
        identity = load_identity(path)
        administrator = not args.no_trust and trust_first_identity(
            trusted_path, identity, passphrase
        )
    except IdentityError as exc:
        _err(str(exc))
        return EXIT_UNUSABLE
    except StorageError as exc:
        _err(str(exc))
        return EXIT_FAILED
    except OSError as exc:  # the identities folder itself could not be made
        _err(
            f"Could not create the identity: {describe_os_error(exc, folder / 'x')}. "
            "Nothing was written."
        )
        return EXIT_FAILED
    print(f"Created identity {identity.user_id} ({identity.name}, {identity.role})")
    print(f"Key fingerprint: {format_fingerprint(identity.key_fingerprint)}")
    print(f"Saved in {path}")
    if administrator:
        print(
            "This is the first identity of this data folder: it is its administrator and a "
            "trusted signer."
        )
    else:
        print(
            "Not a trusted signer here yet: the data folder's administrator signs it in with "
            f"'nkscreen identity trust --user-id {identity.user_id}'."
        )
    return EXIT_OK


def _site_trust(base: Path) -> tuple[SiteTrust, str | None]:
    """The data folder's trust list, or nobody and the reason (printed by the caller)."""
    try:
        return load_trusted(paths.trusted_signers_path(base)), None
    except TrustError as exc:
        return SiteTrust(), str(exc)


def cmd_identity_list(args: argparse.Namespace) -> int:
    base = paths.data_dir(args.data_dir)
    folder = paths.identities_dir(base)
    identities, problems = scan_identities(folder)
    trust, trust_error = _site_trust(base)
    for problem in problems:
        _err(f"skipped: {problem}")
    if trust_error:
        _err(f"{trust_error} Every signer is treated as untrusted.")
    if trust.administrator is not None:
        admin = trust.administrator
        print(
            f"Administrator: {admin.name} ({admin.user_id}), key "
            f"{format_fingerprint(admin.key_fingerprint)}"
        )
    if not identities:
        print(f"No identities in {folder}. Create one with 'nkscreen identity create'.")
        return EXIT_OK
    rows = [["USER ID", "NAME", "ROLE", "TRUST", "KEY FINGERPRINT"]]
    rows += [
        [
            i.user_id,
            i.name,
            i.role,
            trust_state(trust, i.public),
            format_fingerprint(i.key_fingerprint),
        ]
        for i in identities
    ]
    _print_table(rows)
    return EXIT_OK


def cmd_identity_export(args: argparse.Namespace) -> int:
    folder = paths.identities_dir(paths.data_dir(args.data_dir))
    try:
        identity = find_identity(folder, args.user_id)
        if identity.legacy:
            print(
                f"The identity file of {identity.user_id} was made by an older nkscreen: its "
                "passphrase binds its name and role to its key once.",
                file=sys.stderr,
            )
            if _unlock_or_report(folder, identity) is None:
                return EXIT_FAILED
            identity = find_identity(folder, args.user_id)
        data = export_public_identity(identity)
    except IdentityError as exc:
        _err(str(exc))
        return EXIT_UNUSABLE
    sys.stdout.write(data.decode("utf-8"))
    return EXIT_OK


def _unlock_or_report(folder: Path, identity: IdentityFile) -> UnlockedIdentity | None:
    """Ask ``identity``'s passphrase and unlock it; None (reported) if that fails."""
    passphrase = read_passphrase(f"Passphrase for {identity.user_id}: ")
    if passphrase is None:
        return None
    try:
        return unlock_identity(folder, identity, passphrase)
    except IdentityError as exc:
        _err(str(exc) if isinstance(exc, WrongPassphraseError) else f"{exc} Nothing was written.")
        return None


def _trust_subject(args: argparse.Namespace, folder: Path) -> PublicIdentity | None:
    """The key ``identity trust`` is asked to sign in, if any."""
    if args.file and args.user_id:
        raise IdentityError("Give either a public key FILE or --user-id, not both.")
    if args.file:
        return read_public_identity(Path(args.file))
    if args.user_id:
        return find_identity(folder, args.user_id).public
    return None


def _administrator_for(
    args: argparse.Namespace, base: Path, trust: SiteTrust, trust_error: str | None
) -> IdentityFile:
    """The administrator identity that will sign the list, after checking it may."""
    folder = paths.identities_dir(base)
    trusted_path = paths.trusted_signers_path(base)
    if trust.administrator is not None:
        if args.admin and args.admin != trust.administrator.user_id:
            raise TrustError(
                f"The administrator of this data folder is {trust.administrator.user_id}: "
                "only that identity can sign its trusted signers."
            )
        return administrator_identity(folder, trust)
    if trust_error and not is_legacy_list(trusted_path):
        raise TrustError(trust_error)
    if not args.admin:
        raise TrustError(
            "This data folder has no administrator yet: name one with --admin USER_ID (an "
            f"identity in {folder}). The first identity created in a new data folder becomes "
            "its administrator."
        )
    return find_identity(folder, args.admin)


def cmd_identity_trust(args: argparse.Namespace) -> int:
    base = paths.data_dir(args.data_dir)
    folder = paths.identities_dir(base)
    trusted_path = paths.trusted_signers_path(base)
    trust, trust_error = _site_trust(base)
    try:
        subject = _trust_subject(args, folder)
        admin_file = _administrator_for(args, base, trust, trust_error)
    except IdentityError as exc:
        _err(str(exc))
        return EXIT_UNUSABLE
    setting_up = trust.administrator is None
    if subject is None and not setting_up:
        _err("Name the key to trust: a public key FILE, or --user-id USER_ID.")
        return EXIT_UNUSABLE
    carried = legacy_signers(trusted_path) if setting_up else []
    if setting_up:
        print(
            f"Setting up {admin_file.name} ({admin_file.user_id}) as the administrator of "
            f"{base}; key {format_fingerprint(admin_file.key_fingerprint)}.",
            file=sys.stderr,
        )
        for old in carried:
            print(
                f"Signing in again from the old list: {old.name} ({old.user_id}, {old.role}), "
                f"key {format_fingerprint(old.key_fingerprint)}",
                file=sys.stderr,
            )
    if subject is not None:
        print(f"Trusting {subject.describe()}.", file=sys.stderr)
    unlocked = _unlock_or_report(folder, admin_file)
    if unlocked is None:
        return EXIT_FAILED
    try:
        if setting_up:
            setup_administrator(trusted_path, unlocked, carried)
        added = add_trusted(trusted_path, subject, unlocked) if subject is not None else False
    except IdentityError as exc:
        _err(str(exc))
        return EXIT_UNUSABLE
    except (StorageError, OSError) as exc:
        _err(f"{trusted_path}: {describe_os_error(exc, trusted_path)}. Nothing was changed.")
        return EXIT_FAILED
    if setting_up:
        print(f"Administrator of this data folder: {admin_file.name} ({admin_file.user_id})")
    if subject is not None:
        state = "Now trusting" if added else "Already trusted:"
        key = format_fingerprint(subject.fingerprint)
        print(f"{state} {subject.name} ({subject.user_id}, {subject.role}), key {key}")
    return EXIT_OK


def cmd_identity_untrust(args: argparse.Namespace) -> int:
    base = paths.data_dir(args.data_dir)
    folder = paths.identities_dir(base)
    trusted_path = paths.trusted_signers_path(base)
    wanted = "".join(args.fingerprint.split()).lower()
    try:
        trust = load_trusted(trusted_path)
        entry = trust.entry(wanted)
        if entry is None:
            raise TrustError(f"No trusted key has the fingerprint {args.fingerprint}.")
        admin_file = administrator_identity(folder, trust)
    except IdentityError as exc:
        _err(str(exc))
        return EXIT_UNUSABLE
    print(f"No longer trusting {entry.name} ({entry.user_id}, {entry.role}).", file=sys.stderr)
    unlocked = _unlock_or_report(folder, admin_file)
    if unlocked is None:
        return EXIT_FAILED
    try:
        remove_trusted(trusted_path, wanted, unlocked)
    except IdentityError as exc:
        _err(str(exc))
        return EXIT_UNUSABLE
    except (StorageError, OSError) as exc:
        _err(f"{trusted_path}: {describe_os_error(exc, trusted_path)}. Nothing was changed.")
        return EXIT_FAILED
    print(f"No longer trusted: {entry.name} ({entry.user_id}), key {entry.short_key()}")
    return EXIT_OK


def _pick_identity(base: Path, user_id: str | None) -> IdentityFile:
    folder = paths.identities_dir(base)
    if user_id:
        return find_identity(folder, user_id)
    identities, problems = scan_identities(folder)
    if not identities:
        skipped = f" ({'; '.join(problems)})" if problems else ""
        raise IdentityError(
            f"There is no usable signing identity in {folder}{skipped}. Create one with "
            "'nkscreen identity create --name NAME --role ROLE --user-id ID'."
        )
    if len(identities) > 1:
        ids = ", ".join(i.user_id for i in identities)
        raise IdentityError(f"Several identities exist ({ids}): choose one with --user-id.")
    return identities[0]


# ---------------------------------------------------------------- sign


def _evaluate_case(base: Path, path: str) -> Evaluated | int:
    """Read and evaluate a case with the data folder's protocols; an exit code instead if it
    cannot be signed."""
    from nkscreen.core.casefile import CaseFileError, read_case
    from nkscreen.core.library import ProtocolLibrary
    from nkscreen.core.protocol import ProtocolError
    from nkscreen.records.assessment import NotSavableError, prepare

    try:
        case = read_case(path, ProtocolLibrary.for_data_dir(base))
        protocol = case.protocol
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
    number = protocol.role_field("screening_number")
    screening = str(savable.answers.get(number) or "") if number else ""
    return Evaluated(protocol, savable.protocol, savable.answers, savable.evaluation, screening)


@dataclass(frozen=True)
class Evaluated:
    """A case ready to sign: its protocol, the record's view of it, the screening number."""

    protocol: Protocol
    ref: ProtocolRef
    answers: dict[str, Any]
    evaluation: dict[str, Any]
    screening: str


def _verdict_word(evaluation: dict[str, Any]) -> str:
    from nkscreen.core.status import printed

    return printed(str(evaluation.get("overall", "")))


def _refuse_incomplete(evaluation: dict[str, Any], allowed: bool) -> bool:
    """True (after saying why) when an INCOMPLETE verdict may not be signed."""
    if evaluation.get("overall") != "incomplete" or allowed:
        return False
    missing = evaluation.get("missing")
    listed = ", ".join(str(m) for m in missing) if isinstance(missing, list) else ""
    _err(
        "the screening is INCOMPLETE"
        + (f" (unanswered: {listed})" if listed else "")
        + ": nothing was signed. Complete the case, or sign anyway with --allow-incomplete."
    )
    return True


def _unlock_signer(
    base: Path, user_id: str | None, what: str, meaning: Meaning
) -> UnlockedIdentity | int:
    """The unlocked identity, or an exit code after one clear line."""
    try:
        identity = _pick_identity(base, user_id)
    except IdentityError as exc:
        _err(str(exc))
        return EXIT_UNUSABLE
    print(
        f"Signing {what} as {identity.name} ({identity.user_id}, {identity.role}). "
        f"Meaning: {MEANING_STATEMENTS[meaning]}",
        file=sys.stderr,
    )
    unlocked = _unlock_or_report(paths.identities_dir(base), identity)
    return EXIT_FAILED if unlocked is None else unlocked


def _signed_elsewhere(base: Path, screening: str) -> list[RecordSummary]:
    """Signed records of the data folder that already hold this screening number."""
    if not screening:
        return []
    return [
        s
        for s in RecordStore(base).list_records()
        if s.error is None and s.signed and s.screening_number == screening
    ]


def _write_signed(base: Path, signed: RecordV1, output: str | None) -> Path | int:
    """Save a signed record (to ``output``, else the data folder); an exit code on failure."""
    try:
        if output:
            out = Path(output)
            try:
                atomic_write(out, dumps_document(record_to_dict(signed)), overwrite=False)
            except FileExistsError:
                _err(f"{out} already exists: a signed record is never overwritten.")
                return EXIT_FAILED
            return out
        store = RecordStore(base)
        store.prepare()
        saved = store.save(signed)
        if store.journal_error is not None:
            _err(store.journal_error)
        return saved
    except (StorageError, LockedError, RecordReadOnlyError) as exc:
        _err(str(exc))
        return EXIT_FAILED
    except OSError as exc:
        where = Path(output) if output else paths.records_dir(base) / "record.json"
        _err(
            f"Could not save the record: {describe_os_error(exc, where)}. "
            "Nothing already saved was changed."
        )
        return EXIT_FAILED


def _site_name_problem(base: Path, given: str | None) -> str | None:
    """Why signing must wait for the site's name, or None when it is set.

    The printout of a signed record names its site; a record signed before the site is
    named would print without one, so the command refuses rather than sign it anonymously.
    ``--site NAME`` names the site once, as the window asks for it at the first signature;
    it never renames a site already set (that is Preferences' job, in front of a person).
    """
    from nkscreen.settings import SettingsError, load_settings, save_settings, settings_file

    path = settings_file(base)
    try:
        settings = load_settings(path)
    except SettingsError as exc:
        return f"the site settings cannot be read ({exc}); nothing was signed."
    current = settings.site_name.strip()
    wanted = (given or "").strip()
    if current:
        if wanted and wanted != current:
            return (
                f'this data folder\'s site is "{current}", not "{wanted}": change it in '
                "Preferences if it is wrong; nothing was signed."
            )
        return None
    if not wanted:
        return (
            "no site name is set, and the printout of a signed record names its site: give "
            f"--site NAME once, or set it in the app (File > Preferences > Site name) or as "
            f'"site_name" in {path}; nothing was signed.'
        )
    try:
        save_settings(path, settings.model_copy(update={"site_name": wanted}))
    except OSError as exc:
        why = describe_os_error(exc, path)
        return f"the site name could not be saved ({why}); nothing was signed."
    print(f'Site name set to "{wanted}" ({path}).', file=sys.stderr)
    return None


def _output_is_a_folder(output: str | None) -> bool:
    """Say so (one line) when ``-o`` names a folder: a record is written to a file name."""
    if output and Path(output).is_dir():
        _err(f"{output} is a folder: give the record a file name (-o FOLDER/record.json).")
        return True
    return False


def cmd_sign(args: argparse.Namespace) -> int:
    base = paths.data_dir(args.data_dir)
    meaning: Meaning = args.meaning
    if _output_is_a_folder(args.output):
        return EXIT_UNUSABLE
    evaluated = _evaluate_case(base, args.case)
    if isinstance(evaluated, int):
        return evaluated
    protocol_ref, answers, evaluation = evaluated.ref, evaluated.answers, evaluated.evaluation
    screening = evaluated.screening
    if _refuse_incomplete(evaluation, args.allow_incomplete):
        return EXIT_UNUSABLE
    problem = _site_name_problem(base, args.site)
    if problem is not None:
        _err(problem)
        return EXIT_UNUSABLE
    existing = _signed_elsewhere(base, screening)
    if existing:
        newest = max(existing, key=lambda s: s.version)
        _err(
            f"screening {screening} already has a signed record ({newest.path}, version "
            f"{newest.version}): nothing was signed. To correct it, make the next version with "
            f"'nkscreen amend {newest.path} {args.case} --reason TEXT --meaning {meaning}'."
        )
        return EXIT_UNUSABLE
    what = f"screening {screening or '(no id)'}: verdict {_verdict_word(evaluation)}"
    unlocked = _unlock_signer(base, args.user_id, what, meaning)
    if isinstance(unlocked, int):
        return unlocked
    public = unlocked.public
    actor = Actor(user_id=public.user_id, name=public.name, role=public.role)
    try:
        record = new_record(
            protocol=protocol_ref, answers=answers, evaluation=evaluation, actor=actor
        )
        signed = sign_record(record, unlocked, meaning)
    except (SigningError, ValueError, TypeError) as exc:
        _err(f"{args.case}: cannot make a record: {exc}")
        return EXIT_UNUSABLE
    out = _write_signed(base, signed, args.output)
    if isinstance(out, int):
        return out
    print(f"Signed: verdict {_verdict_word(evaluation)}", file=sys.stderr)
    print(out)
    _trust_note(base, public)
    return EXIT_OK


def _trust_note(base: Path, public: PublicIdentity) -> None:
    """Say so when what was just signed will verify as untrusted in this data folder."""
    trust, _ = _site_trust(base)
    entry = trust.entry(public.fingerprint)
    if entry is None:
        print(
            f"Note: {public.user_id} is not a trusted signer in this data folder yet: the "
            "record verifies as untrusted until the administrator signs the key in "
            f"('nkscreen identity trust --user-id {public.user_id}').",
            file=sys.stderr,
        )
    elif not trust.vouches_for(public):
        print(
            f"Note: this data folder trusts this key as {entry.name} ({entry.user_id}, "
            f"{entry.role}), not as signed: the record verifies as untrusted.",
            file=sys.stderr,
        )


# ---------------------------------------------------------------- amend


def _amendable(loaded: LoadedRecord) -> str | None:
    """Why ``loaded`` cannot be amended, or None."""
    record, state = loaded.record, loaded.verification.state
    if not record.is_signed:
        return "it is not signed: an unsigned record is edited and saved, not amended"
    if state is VerificationState.INVALID:
        return f"its signature is INVALID ({loaded.verification.reason})"
    if state is VerificationState.BROKEN_CHAIN:
        return loaded.verification.reason
    superseded = loaded.standing.superseded
    if superseded is not None:
        return (
            f"it is version {record.version}, superseded by version {superseded.version} "
            f"({superseded.file_name}): amend the newest version"
        )
    return None


def cmd_amend(args: argparse.Namespace) -> int:
    from nkscreen.records.lifecycle import AmendmentError, amend_record, os_actor

    base = paths.data_dir(args.data_dir)
    meaning: Meaning = args.meaning
    if _output_is_a_folder(args.output):
        return EXIT_UNUSABLE
    store = RecordStore(base)
    trusted = store.trusted()
    record_path = Path(args.record)
    try:
        loaded = open_record(record_path, trusted)
    except RecordFormatError as exc:
        _err(f"{args.record}: cannot read the record: {exc}")
        return EXIT_UNUSABLE
    problem = _amendable(loaded)
    if problem is None and not args.output:
        expected = store.record_path(loaded.record.assessment_id, loaded.record.version)
        if record_path.resolve() != expected.resolve():
            problem = (
                f"it is not in this data folder's records ({store.records_dir}); give -o FILE to "
                "write the new version elsewhere, beside it"
            )
    if problem is not None:
        _err(f"{args.record} cannot be amended: {problem}. Nothing was signed.")
        return EXIT_UNUSABLE
    evaluated = _evaluate_case(base, args.case)
    if isinstance(evaluated, int):
        return evaluated
    protocol_ref, answers, evaluation = evaluated.ref, evaluated.answers, evaluated.evaluation
    if protocol_ref.id != loaded.record.protocol.id:
        _err(
            f"{args.case} is a case of {protocol_ref.id}, but the record is a screening for "
            f"{loaded.record.protocol.id}. Nothing was signed."
        )
        return EXIT_UNUSABLE
    if _refuse_incomplete(evaluation, args.allow_incomplete):
        return EXIT_UNUSABLE
    problem = _site_name_problem(base, args.site)
    if problem is not None:
        _err(problem)
        return EXIT_UNUSABLE
    previous = loaded.record
    try:  # a preview, to refuse "nothing changed" and show the changes before the passphrase
        preview = amend_record(
            previous,
            loaded.raw,
            record_path.name,
            answers=answers,
            evaluation=evaluation,
            protocol=protocol_ref,
            actor=os_actor(),
            reason=args.reason,
        )
    except AmendmentError as exc:
        _err(f"{exc} Nothing was signed.")
        return EXIT_UNUSABLE
    for change in _amendment_lines(previous, preview, evaluated.protocol):
        print(change, file=sys.stderr)
    screening = evaluated.screening
    what = (
        f"version {preview.version} of screening {screening or '(no id)'}: verdict "
        f"{_verdict_word(evaluation)}"
    )
    unlocked = _unlock_signer(base, args.user_id, what, meaning)
    if isinstance(unlocked, int):
        return unlocked
    public = unlocked.public
    actor = Actor(user_id=public.user_id, name=public.name, role=public.role)
    try:
        amended = amend_record(
            previous,
            loaded.raw,
            record_path.name,
            answers=answers,
            evaluation=evaluation,
            protocol=protocol_ref,
            actor=actor,
            reason=args.reason,
        )
        signed = sign_record(amended, unlocked, meaning)
    except (AmendmentError, SigningError, ValueError, TypeError) as exc:
        _err(f"{args.case}: cannot make the new version: {exc}")
        return EXIT_UNUSABLE
    out = _write_signed(base, signed, args.output)
    if isinstance(out, int):
        return out
    print(f"Signed version {signed.version}: verdict {_verdict_word(evaluation)}", file=sys.stderr)
    print(out)
    _trust_note(base, public)
    return EXIT_OK


def _amendment_lines(previous: RecordV1, amended: RecordV1, protocol: Protocol) -> list[str]:
    """What the new version changes, for the signer to read before the passphrase prompt."""
    from nkscreen.report.amendment import describe_amendment

    amendment = describe_amendment(amended, previous, protocol)
    if amendment is None:
        return []
    lines = [f"{amendment.heading()}. Reason: {amendment.reason}", "Changes:"]
    lines += [f"  {c.line()}" for c in amendment.answers]
    lines += [f"  {c.line()}" for c in amendment.criteria]
    if amendment.verdict is not None:
        lines.append(f"  {amendment.verdict.line()}")
    return lines


# ---------------------------------------------------------------- verify


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
    if bool(args.files) == bool(args.all_records):
        _err("give record files to verify, or --all for the whole data folder (not both).")
        return EXIT_UNUSABLE
    store = RecordStore(paths.data_dir(args.data_dir))
    zone = _display_zone(store.base)
    trusted = store.trusted()
    if store.trusted_error:
        _err(f"{store.trusted_error} Every signer is treated as untrusted.")
    if args.all_records:
        return _verify_folder(store, trusted, allow_untrusted=args.allow_untrusted)
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
        print(f"{name}: {state_words(state).label}: {reason}{_superseded_note(loaded)}")
        accepted = state is VerificationState.VALID or (
            state is VerificationState.UNTRUSTED and args.allow_untrusted
        )
        if not accepted:
            worst = max(worst, EXIT_FAILED)
    return worst


def _superseded_note(loaded: LoadedRecord) -> str:
    newer = loaded.standing.superseded
    return f"; {newer.describe()}" if newer is not None else ""


def _verify_folder(store: RecordStore, trusted: SiteTrust | None, *, allow_untrusted: bool) -> int:
    """``verify --all``: one line per record and per finding, then a one-line summary."""
    try:
        result = check_folder(store.base, trusted, allow_untrusted=allow_untrusted)
    except OSError as exc:
        _err(f"the data folder {store.base} cannot be read: {exc.strerror or exc}")
        return EXIT_UNUSABLE
    journal = result.journal
    if result.journal_unreadable is not None:
        print(f"journal: UNREADABLE: {result.journal_unreadable}")
    elif journal is not None and not journal.exists:
        print(f"journal: NONE: {journal.path} does not exist (no record was saved with one)")
    elif journal is not None:
        count = journal.problem_count
        chain = f"{count} problem(s)" if count else "chain intact"
        print(f"journal: {journal.lines} line(s), {chain}, begun on {journal.first_at}")
        for problem in journal.problems:
            print(f"journal: PROBLEM: {problem}")
        if journal.more_problems:
            print(f"journal: PROBLEM: and {journal.more_problems} more")
    for finding in result.findings:
        print(f"{finding.name}: {finding.label}: {finding.message}")
    problems = result.problems
    print(
        f"{result.records_checked} record file(s) checked in {store.base}: "
        + (f"{problems} problem(s)." if problems else "no problems.")
    )
    if result.journal_unreadable is not None:
        return EXIT_UNUSABLE
    return EXIT_FAILED if problems else EXIT_OK


# ---------------------------------------------------------------- list


def _print_table(rows: list[list[str]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


def _signature_cell(summary: RecordSummary) -> str:
    return state_words(summary.verification.state).cell if summary.verification else ""


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
        newer = s.standing.superseded
        status = s.status + (f" (superseded by v{newer.version})" if newer else "")
        rows.append(
            [
                s.screening_number,
                s.initials,
                s.screening_date,
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
    if store.listing_error:
        _err(store.listing_error)
        return EXIT_UNUSABLE
    if store.trusted_error:
        _err(f"{store.trusted_error} Every signer is treated as untrusted.")
    if not summaries:
        print(f"No saved records in {store.records_dir}.")
        return EXIT_OK
    _print_table(summary_rows(summaries))
    problems = sum(
        1
        for s in summaries
        if s.error
        or (
            s.verification
            and s.verification.state in (VerificationState.INVALID, VerificationState.BROKEN_CHAIN)
        )
    )
    if problems:
        print(
            f"\n{problems} file(s) unreadable, with an invalid signature or a broken chain: see "
            "'nkscreen verify FILE' for details."
        )
    return EXIT_OK


__all__ = [
    "add_commands",
    "cmd_amend",
    "cmd_identity_create",
    "cmd_identity_trust",
    "cmd_identity_untrust",
    "cmd_list",
    "cmd_sign",
    "cmd_verify",
]
