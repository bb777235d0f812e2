"""Who signs: identities chosen and unlocked, passphrases asked, trust looked up.

Shared by ``sign``, ``amend`` and ``identity``: the passphrase comes from
``NKSCREEN_PASSPHRASE`` (automation) or a no-echo prompt, and a failure is one line.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from nkscreen import paths
from nkscreen.cli.output import ExitCode, error
from nkscreen.cli.texts import joined, language, say, shown
from nkscreen.records.identity import (
    IdentityError,
    IdentityFile,
    PublicIdentity,
    UnlockedIdentity,
    WrongPassphraseError,
    find_identity,
    scan_identities,
    unlock_identity,
)
from nkscreen.records.meanings import Meaning, statement
from nkscreen.records.trust import (
    SiteTrust,
    TrustError,
    load_trusted,
)
from nkscreen.sentences import said


def read_passphrase(prompt: str, *, confirm: bool = False) -> str | None:
    """From ``NKSCREEN_PASSPHRASE`` (automation) or a no-echo prompt; None if cancelled."""
    from_env = paths.passphrase_from_environment()
    if from_env is not None:
        return from_env
    try:
        first = getpass.getpass(prompt)
        if confirm and getpass.getpass(say("passphrase.repeat")) != first:
            error(say("passphrase.differ"))
            return None
    except (EOFError, KeyboardInterrupt):
        print(file=sys.stderr)
        error(say("passphrase.none"))
        return None
    return first


def site_trust(base: Path) -> tuple[SiteTrust, str | None]:
    """The data folder's trust list, or nobody and the reason (printed by the caller)."""
    try:
        return load_trusted(paths.trusted_signers_path(base)), None
    except TrustError as exc:
        return SiteTrust(), said(exc)


def unlock_or_report(folder: Path, identity: IdentityFile) -> UnlockedIdentity | None:
    """Ask ``identity``'s passphrase and unlock it; None (reported) if that fails."""
    passphrase = read_passphrase(say("passphrase.for", user_id=identity.user_id))
    if passphrase is None:
        return None
    try:
        return unlock_identity(folder, identity, passphrase)
    except WrongPassphraseError as exc:
        error(say("passphrase.wrong", user_id=exc.user_id))
        return None
    except IdentityError as exc:
        error(say("nothing_written", problem=exc))
        return None


def pick_identity(base: Path, user_id: str | None) -> IdentityFile:
    folder = paths.identities_dir(base)
    if user_id:
        return find_identity(folder, user_id)
    identities, problems = scan_identities(folder)
    if not identities:
        skipped = say("identity.skipped", problems=joined(problems)) if problems else ""
        raise IdentityError(say("identity.none_usable", folder=folder, skipped=skipped))
    if len(identities) > 1:
        ids = say("comma").join(i.user_id for i in identities)
        raise IdentityError(say("identity.several", ids=ids))
    return identities[0]


def unlock_signer(
    base: Path, user_id: str | None, what: str, meaning: Meaning
) -> UnlockedIdentity | int:
    """The unlocked identity, or an exit code after one clear line."""
    try:
        identity = pick_identity(base, user_id)
    except IdentityError as exc:
        error(shown(exc))
        return ExitCode.UNUSABLE
    print(
        say(
            "signing",
            what=what,
            name=identity.name,
            user_id=identity.user_id,
            role=identity.role,
            statement=statement(meaning, language()),
        ),
        file=sys.stderr,
    )
    unlocked = unlock_or_report(paths.identities_dir(base), identity)
    return ExitCode.FAILED if unlocked is None else unlocked


def trust_note(base: Path, public: PublicIdentity) -> None:
    """Say so when what was just signed will verify as untrusted in this data folder."""
    trust, _ = site_trust(base)
    entry = trust.entry(public.fingerprint)
    if entry is None:
        print(say("note.not_trusted", user_id=public.user_id), file=sys.stderr)
    elif not trust.vouches_for(public):
        print(
            say("note.trusted_as", name=entry.name, user_id=entry.user_id, role=entry.role),
            file=sys.stderr,
        )
