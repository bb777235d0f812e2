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
from nkscreen.cli.texts import columns, say, shown
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
        say(
            "identity.creating",
            name=args.name,
            user_id=args.user_id,
            length=MIN_PASSPHRASE_LENGTH,
        ),
        file=sys.stderr,
    )
    passphrase = read_passphrase(say("passphrase.prompt"), confirm=True)
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
        error(shown(exc))
        return ExitCode.UNUSABLE
    except StorageError as exc:
        error(shown(exc))
        return ExitCode.FAILED
    except OSError as exc:  # the identities folder itself could not be made
        error(say("identity.not_created", problem=describe_os_error(exc, folder / "x")))
        return ExitCode.FAILED
    print(
        say(
            "identity.created",
            user_id=identity.user_id,
            name=identity.name,
            role=identity.role,
        )
    )
    print(say("identity.fingerprint", fingerprint=format_fingerprint(identity.key_fingerprint)))
    print(say("identity.saved", path=path))
    if administrator:
        print(say("identity.first"))
    else:
        print(say("identity.waits", user_id=identity.user_id))
    return ExitCode.OK


def cmd_identity_list(args: argparse.Namespace) -> int:
    base = paths.data_dir(args.data_dir)
    folder = paths.identities_dir(base)
    identities, problems = scan_identities(folder)
    trust, trust_error = site_trust(base)
    for problem in problems:
        error(say("identity.skipped_file", problem=problem))
    if trust_error:
        error(say("untrusted_everyone", problem=trust_error))
    if trust.administrator is not None:
        admin = trust.administrator
        print(
            say(
                "identity.administrator",
                name=admin.name,
                user_id=admin.user_id,
                fingerprint=format_fingerprint(admin.key_fingerprint),
            )
        )
    if not identities:
        print(say("identity.empty", folder=folder))
        return ExitCode.OK
    rows = [columns("identity.header")]
    rows += [
        [
            i.user_id,
            i.name,
            i.role,
            _trust_words(trust, i.public),
            format_fingerprint(i.key_fingerprint),
        ]
        for i in identities
    ]
    print_table(rows)
    return ExitCode.OK


def _trust_words(trust: SiteTrust, public: PublicIdentity) -> str:
    """How this site regards ``public`` (the records layer's :func:`trust_state`), in this
    run's words."""
    entry = trust.entry(public.fingerprint)
    if entry is None:
        return say("trust.not_yet")
    if not trust.vouches_for(public):
        return say("trust.as_other", name=entry.name, user_id=entry.user_id, role=entry.role)
    return say("trust.administrator" if trust.is_administrator(public) else "trust.trusted")


def cmd_identity_export(args: argparse.Namespace) -> int:
    folder = paths.identities_dir(paths.data_dir(args.data_dir))
    try:
        identity = find_identity(folder, args.user_id)
        if identity.legacy:
            print(say("identity.legacy", user_id=identity.user_id), file=sys.stderr)
            if unlock_or_report(folder, identity) is None:
                return ExitCode.FAILED
            identity = find_identity(folder, args.user_id)
        data = export_public_identity(identity)
    except IdentityError as exc:
        error(shown(exc))
        return ExitCode.UNUSABLE
    sys.stdout.write(data.decode("utf-8"))
    return ExitCode.OK


def _trust_subject(args: argparse.Namespace, folder: Path) -> PublicIdentity | None:
    """The key ``identity trust`` is asked to sign in, if any."""
    if args.file and args.user_id:
        raise IdentityError(say("trust.file_or_id"))
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
            raise TrustError(say("trust.only_admin", user_id=trust.administrator.user_id))
        return administrator_identity(folder, trust)
    if trust_error and not is_legacy_list(trusted_path):
        raise TrustError(trust_error)
    if not args.admin:
        raise TrustError(say("trust.no_admin", folder=folder))
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
        error(shown(exc))
        return ExitCode.UNUSABLE
    setting_up = trust.administrator is None
    if subject is None and not setting_up:
        error(say("trust.name_key"))
        return ExitCode.UNUSABLE
    carried = legacy_signers(trusted_path) if setting_up else []
    if setting_up:
        print(
            say(
                "trust.setting_up",
                name=admin_file.name,
                user_id=admin_file.user_id,
                base=base,
                fingerprint=format_fingerprint(admin_file.key_fingerprint),
            ),
            file=sys.stderr,
        )
        for old in carried:
            print(
                say(
                    "trust.again",
                    name=old.name,
                    user_id=old.user_id,
                    role=old.role,
                    fingerprint=format_fingerprint(old.key_fingerprint),
                ),
                file=sys.stderr,
            )
    if subject is not None:
        print(say("trust.trusting", **_who(subject)), file=sys.stderr)
    unlocked = unlock_or_report(folder, admin_file)
    if unlocked is None:
        return ExitCode.FAILED
    try:
        if setting_up:
            setup_administrator(trusted_path, unlocked, carried)
        added = add_trusted(trusted_path, subject, unlocked) if subject is not None else False
    except IdentityError as exc:
        error(shown(exc))
        return ExitCode.UNUSABLE
    except (StorageError, OSError) as exc:
        error(
            say("trust.unchanged", path=trusted_path, problem=describe_os_error(exc, trusted_path))
        )
        return ExitCode.FAILED
    if setting_up:
        print(say("trust.admin_set", name=admin_file.name, user_id=admin_file.user_id))
    if subject is not None:
        print(say("trust.now" if added else "trust.already", **_who(subject)))
    return ExitCode.OK


def _who(subject: PublicIdentity) -> dict[str, str]:
    """A key's holder and fingerprint, as the trust lines name them."""
    return {
        "name": subject.name,
        "user_id": subject.user_id,
        "role": subject.role,
        "fingerprint": format_fingerprint(subject.fingerprint),
    }


def cmd_identity_untrust(args: argparse.Namespace) -> int:
    base = paths.data_dir(args.data_dir)
    folder = paths.identities_dir(base)
    trusted_path = paths.trusted_signers_path(base)
    wanted = "".join(args.fingerprint.split()).lower()
    try:
        trust = load_trusted(trusted_path)
        entry = trust.entry(wanted)
        if entry is None:
            raise TrustError(say("trust.no_fingerprint", fingerprint=args.fingerprint))
        admin_file = administrator_identity(folder, trust)
    except IdentityError as exc:
        error(shown(exc))
        return ExitCode.UNUSABLE
    print(
        say("untrust.asking", name=entry.name, user_id=entry.user_id, role=entry.role),
        file=sys.stderr,
    )
    unlocked = unlock_or_report(folder, admin_file)
    if unlocked is None:
        return ExitCode.FAILED
    try:
        remove_trusted(trusted_path, wanted, unlocked)
    except IdentityError as exc:
        error(shown(exc))
        return ExitCode.UNUSABLE
    except (StorageError, OSError) as exc:
        error(
            say("trust.unchanged", path=trusted_path, problem=describe_os_error(exc, trusted_path))
        )
        return ExitCode.FAILED
    print(say("untrust.done", name=entry.name, user_id=entry.user_id, key=entry.short_key()))
    return ExitCode.OK
