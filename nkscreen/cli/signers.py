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
from nkscreen.records.model import (
    MEANING_STATEMENTS,
    Meaning,
)
from nkscreen.records.trust import (
    SiteTrust,
    TrustError,
    load_trusted,
)


def read_passphrase(prompt: str, *, confirm: bool = False) -> str | None:
    """From ``NKSCREEN_PASSPHRASE`` (automation) or a no-echo prompt; None if cancelled."""
    from_env = paths.passphrase_from_environment()
    if from_env is not None:
        return from_env
    try:
        first = getpass.getpass(prompt)
        if confirm and getpass.getpass("Repeat the passphrase: ") != first:
            error("The two passphrases differ: nothing was written.")
            return None
    except (EOFError, KeyboardInterrupt):
        print(file=sys.stderr)
        error("No passphrase given: nothing was written.")
        return None
    return first


def site_trust(base: Path) -> tuple[SiteTrust, str | None]:
    """The data folder's trust list, or nobody and the reason (printed by the caller)."""
    try:
        return load_trusted(paths.trusted_signers_path(base)), None
    except TrustError as exc:
        return SiteTrust(), str(exc)


def unlock_or_report(folder: Path, identity: IdentityFile) -> UnlockedIdentity | None:
    """Ask ``identity``'s passphrase and unlock it; None (reported) if that fails."""
    passphrase = read_passphrase(f"Passphrase for {identity.user_id}: ")
    if passphrase is None:
        return None
    try:
        return unlock_identity(folder, identity, passphrase)
    except IdentityError as exc:
        error(str(exc) if isinstance(exc, WrongPassphraseError) else f"{exc} Nothing was written.")
        return None


def pick_identity(base: Path, user_id: str | None) -> IdentityFile:
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


def unlock_signer(
    base: Path, user_id: str | None, what: str, meaning: Meaning
) -> UnlockedIdentity | int:
    """The unlocked identity, or an exit code after one clear line."""
    try:
        identity = pick_identity(base, user_id)
    except IdentityError as exc:
        error(str(exc))
        return ExitCode.UNUSABLE
    print(
        f"Signing {what} as {identity.name} ({identity.user_id}, {identity.role}). "
        f"Meaning: {MEANING_STATEMENTS[meaning]}",
        file=sys.stderr,
    )
    unlocked = unlock_or_report(paths.identities_dir(base), identity)
    return ExitCode.FAILED if unlocked is None else unlocked


def trust_note(base: Path, public: PublicIdentity) -> None:
    """Say so when what was just signed will verify as untrusted in this data folder."""
    trust, _ = site_trust(base)
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
