"""Why a record is not plainly valid, as an id with parameters, in English or Chinese (Qt-free).

The records layer explains a failed signature check, an untrusted signer, a broken amendment
chain or a newer version in one sentence. Those sentences are compared, joined, escaped,
cached and printed as text all over the app, and English is what the records' cached index,
the tests and ``nkscreen verify``'s English output hold. So a :class:`Reason` *is* that
English text (a ``str`` subclass, byte for byte today's sentence) and carries beside it the
id and parameters a window, a printout or the command line in another language renders with
:func:`render` (the same shape as :mod:`nkscreen.core.messages`: one English template table,
one Chinese table with the same ids and placeholders, a test checks both). Text built by
concatenating a Reason with other text is a plain string again: only what the records layer
said as a whole is translated, never a sentence half in one language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from nkscreen import sentences
from nkscreen.records.meanings import NAMES
from nkscreen.sentences import ENGLISH, Param, Sentence, join, placeholders, render

TEMPLATES: Final[dict[str, str]] = {
    # --- why a signature check fails (the record is INVALID) ---------------------------------
    "signature.removed_one_none": "the audit trail records {recorded} signature but the record "
    "carries none: a signature was removed",
    "signature.removed_none": "the audit trail records {recorded} signatures but the record "
    "carries none: a signature was removed",
    "signature.removed": "the audit trail records {recorded} signatures but the record carries "
    "{carried}: a signature was removed",
    "signature.damaged": "signature {index} ({name}, {meaning}) is damaged: its key or value is "
    "not readable",
    "signature.fingerprint": "signature {index} ({name}, {meaning}) names a key fingerprint that "
    "is not the fingerprint of its key",
    "signature.audit_mismatch": "signature {index} ({name}, {meaning}) does not match the audit "
    "trail",
    "signature.signed_entry_mismatch": "signature {index} ({name}, {meaning}) does not match the "
    "'signed' entry of the audit trail",
    "signature.numbers": "the record holds numbers that cannot be signed",
    "signature.changed": "the record was changed after signature {index} ({name}, {meaning}) was "
    "made, or the signature belongs to another record",
    "signature.entries_added": "audit trail entries were added after the last signature",
    # --- the verification's own sentence -------------------------------------------------
    "state.unsigned": "the record has not been signed yet",
    "state.untrusted": "signatures intact, but {problems}",
    "state.valid": "signed by {signers}",
    "state.signer": "{name} ({user_id}, {role}) as {meaning} on {signed_at}",
    # --- why the site does not vouch for a signer ----------------------------------------
    "trust.other_key": "this site trusts a different key for {user_id} ({keys}), not the key "
    "{key} that made the signature of {name}",
    "trust.unknown": "{name} ({user_id}, key {key}) is not in this site's trusted signers",
    "trust.other_user": "the key used by {name} ({user_id}) belongs to {entry_name} "
    "({entry_user_id}) in this site's trusted signers",
    "trust.other_name": "the signature names {name} ({role}), but this site trusts key {key} as "
    "{entry_name} ({entry_user_id}, {entry_role})",
    # --- where the amendment chain breaks, and a newer version ---------------------------
    "chain.missing": "version {version} missing (version {linked_from} amends it)",
    "chain.replaced": "version {version} was replaced by another record after version "
    "{linked_from} was made from it",
    "chain.changed": "version {version} changed since version {linked_from} was made from it",
    "chain.broken": "the amendment chain is broken: {chain_break}",
    "chain.broken_intact": "the amendment chain is broken: {chain_break} (the signatures "
    "themselves are intact: {reason})",
    "chain.superseded_signed": "superseded by version {version} ({file}, signed by {signer} on "
    "{date})",
    "chain.superseded_unsigned": "superseded by version {version} ({file}, not signed yet)",
}

#: The same ids and placeholders in Simplified Chinese (terms as in GLOSSARY.zh_CN.md).
TEMPLATES_ZH_CN: Final[dict[str, str]] = {
    "signature.removed_one_none": "审计追踪记录了{recorded}个签名，但记录中没有签名：有签名被移除",
    "signature.removed_none": "审计追踪记录了{recorded}个签名，但记录中没有签名：有签名被移除",
    "signature.removed": "审计追踪记录了{recorded}个签名，但记录中只有{carried}个：有签名被移除",
    "signature.damaged": "第{index}个签名（{name}，{meaning}）已损坏：其公钥或签名值无法读取",
    "signature.fingerprint": "第{index}个签名（{name}，{meaning}）所载的密钥指纹不是其公钥的指纹",
    "signature.audit_mismatch": "第{index}个签名（{name}，{meaning}）与审计追踪不符",
    "signature.signed_entry_mismatch": "第{index}个签名（{name}，{meaning}）"
    "与审计追踪中的“签名”条目不符",
    "signature.numbers": "记录中含有无法签名的数字",
    "signature.changed": "记录在第{index}个签名（{name}，{meaning}）之后被改动，"
    "或该签名属于另一份记录",
    "signature.entries_added": "最后一个签名之后，审计追踪中又添加了条目",
    "state.unsigned": "记录尚未签名",
    "state.untrusted": "签名完整，但{problems}",
    "state.valid": "签署：{signers}",
    "state.signer": "{name}（{user_id}，{role}），{meaning}，签署于 {signed_at}",
    "trust.other_key": "本中心为 {user_id} 信任的是另一密钥（{keys}），"
    "而不是 {name} 签名所用的密钥 {key}",
    "trust.unknown": "{name}（{user_id}，密钥 {key}）不在本中心受信任的签署人名单中",
    "trust.other_user": "{name}（{user_id}）所用的密钥在本中心受信任的签署人名单中属于 "
    "{entry_name}（{entry_user_id}）",
    "trust.other_name": "签名所载为 {name}（{role}），但本中心信任的密钥 {key} 属于 "
    "{entry_name}（{entry_user_id}，{entry_role}）",
    "chain.missing": "第{version}版缺失（第{linked_from}版是对它的修订）",
    "chain.replaced": "第{linked_from}版据第{version}版修订之后，第{version}版被另一份记录替换",
    "chain.changed": "第{linked_from}版据第{version}版修订之后，第{version}版已被改动",
    "chain.broken": "版本链断裂：{chain_break}",
    "chain.broken_intact": "版本链断裂：{chain_break}（签名本身完整：{reason}）",
    "chain.superseded_signed": "已被第{version}版取代（{file}，{signer}于{date}签名）",
    "chain.superseded_unsigned": "已被第{version}版取代（{file}，尚未签名）",
}

#: Every language a reason can be rendered in, by locale name.
LOCALE_TEMPLATES: Final[dict[str, dict[str, str]]] = {
    ENGLISH: TEMPLATES,
    "zh_CN": TEMPLATES_ZH_CN,
}
sentences.register(TEMPLATES, TEMPLATES_ZH_CN)


class RecordSentence(Sentence):
    """A records-layer sentence (an error, a reason): a :class:`~nkscreen.sentences.Sentence`
    whose ``meaning`` parameter, a signature meaning's id, is shown by its name in another
    language (English shows the id, as its sentences always did)."""

    @classmethod
    def _shown(cls, params: Mapping[str, Param], locale: str) -> dict[str, Any]:
        shown = super()._shown(params, locale)
        if locale != ENGLISH and isinstance(shown.get("meaning"), str):
            # A signature's meaning is an id; English shows it as it is (today's sentences).
            shown["meaning"] = NAMES.get(locale, {}).get(shown["meaning"], shown["meaning"])
        return shown


class Reason(RecordSentence):
    """Why a record is not plainly valid: the English text itself, with its id and parameters.

    ``Reason("chain.missing", version=1, linked_from=2) == "version 1 missing (version 2
    amends it)"``; :func:`render` gives it in another language.
    """

    def __new__(cls, reason_id: str, /, **params: Param) -> Reason:
        if reason_id not in TEMPLATES:
            raise KeyError(reason_id)
        self = super().__new__(cls, reason_id, **params)
        assert isinstance(self, Reason)
        return self


def to_json(text: str) -> dict[str, Any] | None:
    """A reason's id and parameters for the records index (text and numbers only), or None."""
    if not isinstance(text, Reason):
        return None
    if not all(
        isinstance(v, str | int) and not isinstance(v, Reason) for v in text.params.values()
    ):
        return None
    return {"id": text.id, "params": dict(text.params)}


def from_json(text: str, data: object) -> str:
    """``text`` as a :class:`Reason` again from :func:`to_json`'s ``data``; the text as it
    is when ``data`` is missing, unknown or does not give back exactly ``text``."""
    if not isinstance(data, dict) or data.get("id") not in TEMPLATES:
        return text
    params = data.get("params")
    if not isinstance(params, dict) or not all(isinstance(v, str | int) for v in params.values()):
        return text
    try:
        reason = Reason(str(data["id"]), **{str(k): v for k, v in params.items()})
    except (KeyError, IndexError, ValueError):
        return text
    return reason if reason == text else text


__all__ = [
    "LOCALE_TEMPLATES",
    "TEMPLATES",
    "TEMPLATES_ZH_CN",
    "Reason",
    "RecordSentence",
    "from_json",
    "join",
    "placeholders",
    "render",
    "to_json",
]
