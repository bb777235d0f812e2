"""``nkscreen identity create | list | export | trust | untrust``.

Exit codes: 0 done; 1 refused or failed (wrong passphrase, a folder that cannot be written);
2 unusable input (no such identity, a damaged identity or trust file).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nkscreen import paths
from nkscreen.cli.output import ExitCode, error, print_table
from nkscreen.cli.signers import read_passphrase, site_trust, unlock_or_report
from nkscreen.records.atomic import StorageError, describe_os_error
from nkscreen.records.identity import (
    MIN_PASSPHRASE_LENGTH,
    IdentityError,
    IdentityFile,
    PublicIdentity,
    check_passphrase,
    create_identity,
    find_identity,
    format_fingerprint,
    load_identity,
    scan_identities,
)
from nkscreen.records.public_identity import export_public_identity, read_public_identity
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


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``identity`` and its actions on the main parser."""
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
        return ExitCode.FAILED
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
        error(str(exc))
        return ExitCode.UNUSABLE
    except StorageError as exc:
        error(str(exc))
        return ExitCode.FAILED
    except OSError as exc:  # the identities folder itself could not be made
        error(
            f"Could not create the identity: {describe_os_error(exc, folder / 'x')}. "
            "Nothing was written."
        )
        return ExitCode.FAILED
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
    return ExitCode.OK


def cmd_identity_list(args: argparse.Namespace) -> int:
    base = paths.data_dir(args.data_dir)
    folder = paths.identities_dir(base)
    identities, problems = scan_identities(folder)
    trust, trust_error = site_trust(base)
    for problem in problems:
        error(f"skipped: {problem}")
    if trust_error:
        error(f"{trust_error} Every signer is treated as untrusted.")
    if trust.administrator is not None:
        admin = trust.administrator
        print(
            f"Administrator: {admin.name} ({admin.user_id}), key "
            f"{format_fingerprint(admin.key_fingerprint)}"
        )
    if not identities:
        print(f"No identities in {folder}. Create one with 'nkscreen identity create'.")
        return ExitCode.OK
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
    print_table(rows)
    return ExitCode.OK


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
            if unlock_or_report(folder, identity) is None:
                return ExitCode.FAILED
            identity = find_identity(folder, args.user_id)
        data = export_public_identity(identity)
    except IdentityError as exc:
        error(str(exc))
        return ExitCode.UNUSABLE
    sys.stdout.write(data.decode("utf-8"))
    return ExitCode.OK


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
    trust, trust_error = site_trust(base)
    try:
        subject = _trust_subject(args, folder)
        admin_file = _administrator_for(args, base, trust, trust_error)
    except IdentityError as exc:
        error(str(exc))
        return ExitCode.UNUSABLE
    setting_up = trust.administrator is None
    if subject is None and not setting_up:
        error("Name the key to trust: a public key FILE, or --user-id USER_ID.")
        return ExitCode.UNUSABLE
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
    unlocked = unlock_or_report(folder, admin_file)
    if unlocked is None:
        return ExitCode.FAILED
    try:
        if setting_up:
            setup_administrator(trusted_path, unlocked, carried)
        added = add_trusted(trusted_path, subject, unlocked) if subject is not None else False
    except IdentityError as exc:
        error(str(exc))
        return ExitCode.UNUSABLE
    except (StorageError, OSError) as exc:
        error(f"{trusted_path}: {describe_os_error(exc, trusted_path)}. Nothing was changed.")
        return ExitCode.FAILED
    if setting_up:
        print(f"Administrator of this data folder: {admin_file.name} ({admin_file.user_id})")
    if subject is not None:
        state = "Now trusting" if added else "Already trusted:"
        key = format_fingerprint(subject.fingerprint)
        print(f"{state} {subject.name} ({subject.user_id}, {subject.role}), key {key}")
    return ExitCode.OK


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
        error(str(exc))
        return ExitCode.UNUSABLE
    print(f"No longer trusting {entry.name} ({entry.user_id}, {entry.role}).", file=sys.stderr)
    unlocked = unlock_or_report(folder, admin_file)
    if unlocked is None:
        return ExitCode.FAILED
    try:
        remove_trusted(trusted_path, wanted, unlocked)
    except IdentityError as exc:
        error(str(exc))
        return ExitCode.UNUSABLE
    except (StorageError, OSError) as exc:
        error(f"{trusted_path}: {describe_os_error(exc, trusted_path)}. Nothing was changed.")
        return ExitCode.FAILED
    print(f"No longer trusted: {entry.name} ({entry.user_id}), key {entry.short_key()}")
    return ExitCode.OK
