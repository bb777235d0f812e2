"""The printout's fixed words in each language it can be printed in (Qt-free).

Headings, status words, marks, verification sentences, the footer: every fixed string of the
summary model (:mod:`nkscreen.report.summary`, ``appendix``, ``amendment``) and of the
renderer comes from :data:`REPORT_TEXTS` by key. The protocol's own words come from its side
file (:mod:`nkscreen.core.protocol_texts`) and the core's evidence from its message templates
(:mod:`nkscreen.core.localize`). A record holds ids and values only, so the same record prints
in either language. English is the source; a test checks that every language has every key
with the same placeholders. Templates are plain text: the renderer escapes them for HTML.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from nkscreen.core.localize import render_message
from nkscreen.core.localized_texts import ENGLISH, LocalizedTexts, localized
from nkscreen.core.messages import Message
from nkscreen.core.protocol import Protocol

_EN: Final[dict[str, str]] = {
    # marks, printed large and diagonally on every page
    "mark.draft": "DRAFT - NOT SIGNED",
    "mark.invalid": "SIGNATURE INVALID",
    "mark.broken_chain": "BROKEN CHAIN",
    "mark.superseded": "SUPERSEDED BY VERSION {version}",
    "detail.unsaved": "Not saved and not signed: this printout is not a clinical record.",
    "detail.unsigned": "Saved but not signed: this printout is not a signed record.",
    "detail.invalid": "Do not rely on this record: it was changed after signing, or the "
    "signature does not belong to it.",
    "detail.broken_chain": "Do not rely on this version's history: {reason}.",
    "detail.superseded": "Version {version} ({by}) replaces this version: do not act on this "
    "printout.",
    "detail.superseded_signed": "signed by {signer} on {time}",
    "detail.superseded_unsigned": "not signed yet",
    # verdicts and statuses
    "verdict.eligible": "ELIGIBLE",
    "verdict.not_eligible": "NOT ELIGIBLE",
    "verdict.incomplete": "INCOMPLETE",
    "status.met": "Met",
    "status.absent": "Absent",
    "status.not_met": "NOT MET",
    "status.present": "PRESENT",
    "status.unknown": "Unknown",
    "status.not_applicable": "N/A",
    #: In an amendment's "what changed" lines.
    "status_word.met": "met",
    "status_word.not_met": "NOT MET",
    "status_word.absent": "absent",
    "status_word.present": "PRESENT",
    "status_word.unknown": "unknown",
    #: A saved status as the record holds it, in a notice.
    "saved_status.met": "met",
    "saved_status.not_met": "not_met",
    "saved_status.absent": "absent",
    "saved_status.present": "present",
    "saved_status.unknown": "unknown",
    # verification at print time
    "verification.valid": "VALID (signature intact, signer trusted at this site)",
    "verification.untrusted": "INTACT, SIGNER NOT TRUSTED at this site",
    "verification.invalid": "INVALID (the record or its signature has been altered)",
    "verification.broken_chain": "BROKEN CHAIN (signatures intact, but a version this one "
    "amends is missing or changed)",
    "verification.unsigned": "NOT SIGNED",
    "verification_short.valid": "VALID",
    "verification_short.untrusted": "INTACT, SIGNER NOT TRUSTED",
    "verification_short.invalid": "INVALID",
    "verification_short.broken_chain": "BROKEN CHAIN",
    "verification_short.unsigned": "NOT SIGNED",
    "meaning.authorship": "authorship",
    "meaning.review": "review",
    "meaning.approval": "approval",
    # values
    "not_saved": "not saved",
    "not_answered": "not answered",
    "no_site": "not set (Preferences)",
    "not_known_yet": "not known yet",
    "yes": "Yes",
    "no": "No",
    "none": "None",
    "none_lower": "none",
    "ongoing": "Ongoing",
    "ongoing_lower": "ongoing",
    "list_separator": "; ",
    "comma": ", ",
    "value_unit": "{value} {unit}",
    "labelled_id": "{label} ({id})",
    "labelled_value": "{label}: {value}",
    "explained": "{value} ({explanation})",
    #: A labelled fact in the printout ("Saved: 2026-...", the label in grey).
    "fact.label": "{label}:",
    "fact.gap": " ",
    "fact.age": " ({age})",
    # page header and footer
    "header.title": "Eligibility screening summary",
    "header.screening": "Screening {id}",
    "footer.pages": "Page {page} of {pages} · Printed {printed} · nkscreen {version}",
    "footer.signed": "Signed by {who} · signature {state}",
    "footer.signer": "{name} ({meaning}, {time})",
    "footer.hash": "hash: {digest}",
    # title block and record facts
    "title.site": "Site: {site}",
    "title.protocol_version": "Protocol version: {version}",
    "verdict.heading": "Verdict",
    "item.record": "Record",
    "item.record_id": "Record id",
    "item.version": "Version",
    "item.saved": "Saved",
    "item.times_in": "Times in",
    "hash.not_computable": "cannot be computed (the record holds numbers that cannot be hashed)",
    # lists above the criteria
    "list.reasons": "Reasons for the verdict",
    "list.missing": "Missing answers",
    "list.invalid": "Invalid answers",
    "list.notices": "Please note",
    "list.warnings": "Warnings (evidence dates)",
    "notice.untrusted": "Signer not trusted at this site: {reason}.",
    "notice.invalid": "Signature invalid: {reason}.",
    "notice.protocol_copy": "The record was made with another copy of the protocol file "
    "(sha256 {saved}...); the criteria below were re-evaluated with this copy (sha256 "
    "{current}...).",
    "notice.verdict_differs": "The verdict saved in the record is {saved}; re-evaluating its "
    "answers with this version of nkscreen gives {now}. The saved verdict is printed above.",
    "notice.criteria_differ": "Criteria whose saved status differs from the re-evaluation: "
    "{items}.",
    "notice.criterion_saved": "{id} (saved {status})",
    # the criteria table
    "criteria.id": "ID",
    "criteria.criterion": "Criterion",
    "criteria.status": "Status",
    "criteria.evidence": "Evidence that decided it",
    "criteria.inclusion": "Inclusion criteria",
    "criteria.exclusion": "Exclusion criteria",
    "criteria.inclusion_hint": "each must be met",
    "criteria.exclusion_hint": "each must be absent",
    "criteria.cited": "{id} {status}",
    # evidence dates beside the criteria
    "days.same": "on the {what}",
    "days.one": "{days} day before the {what}",
    "days.many": "{days} days before the {what}",
    "stale": "older than the site's limit of {limit} days",
    # signatures
    "signatures.heading": "Record and electronic signatures",
    "signatures.verification": "Signature verification at print time: {state}",
    "signatures.none": "No signature: DRAFT - NOT SIGNED.",
    "signatures.hash": "Content hash (sha256 of the record's RFC 8785 bytes): {hash}",
    "signature.who": "Signed by {name} ({user_id}), {role}",
    "signature.meaning": "Meaning: {meaning} - {statement}",
    "signature.when": "Date and time: {time} · Verification at print time: {state}",
    "signature.key": "Key fingerprint (sha256): {fingerprint}",
    # an amended version
    "amend.heading": "Amends version {version} (sha256 {hash}...)",
    "amend.reason": "Reason: {reason}",
    "amend.by": "Amended by {who}",
    "amend.by_on": "Amended by {who} on {time}",
    "amend.answer": "Answer changed: {change}",
    "amend.criterion": "Criterion changed: {change}",
    "amend.unreadable": "Version {version} could not be read: the changes are those the audit "
    "trail lists; changed criteria are not known.",
    "amend.change": "{label}: {old} -> {new}",
    "amend.verdict": "Verdict",
    "amend.agent": "{agent}, last dose {date}",
    "amend.half_life": ", half-life {hours} h",
    "amend.note": "Note changed: {change}",
    # comments and the screen-failure reason
    "note.comment_on": "Comment on {id}",
    "note.comment": "Comment: {text}",
    "note.reason": "Screen-failure reason",
    "note.none": "none",
    "note.quoted": '"{text}"',
    # an answer typed in another unit than the protocol keeps
    "answer.converted": "{value} ({other})",
    "answer.entered_as": "{value} (entered as {other})",
    # the answers appendix
    "appendix.heading": "Answers appendix",
    "appendix.intro": "every answer the evaluation used, grouped as the pages of the wizard; "
    "each lab as value / ULN = multiple of ULN",
    "appendix.id": "ID",
    "appendix.question": "Question",
    "appendix.answer": "Answer",
    "page.inclusion": "Inclusion {number}: {title}",
    "page.exclusion": "Exclusion {number}: {title}",
    "answer.invalid": "{value} (invalid: {message})",
    "answer.days_before": "{date} ({days} days before {reference})",
    "agent.line": "{agent}: last dose {date}{half_life}",
    "agent.half_life": ", half-life {hours} h",
    "lab.values": "{value} / ULN {uln}",
    "lab.multiple": "{value} / ULN {uln} = {multiple} × ULN",
    "lab.limit": "{multiple} × limit ({absolute})",
    "lab.within": "{text}, within the {limit}",
    "lab.above": "{text}, ABOVE the {limit}",
    # the criteria as registered (printed where the protocol is translated)
    "registry.heading": "Criteria as registered",
    "registry.intro": "the translation of each criterion, with the registry's verbatim text "
    "under it",
}

_ZH_CN: Final[dict[str, str]] = {
    "mark.draft": "草稿 - 未签名",
    "mark.invalid": "签名无效",
    "mark.broken_chain": "版本链断裂",
    "mark.superseded": "已被第{version}版取代",
    "detail.unsaved": "未保存且未签名：本打印件不是临床记录。",
    "detail.unsigned": "已保存但未签名：本打印件不是已签名的记录。",
    "detail.invalid": "请勿依据本记录：记录在签名后被改动，或签名不属于本记录。",
    "detail.broken_chain": "请勿依据本版本的修订历史：{reason}。",
    "detail.superseded": "第{version}版（{by}）已取代本版本：请勿依据本打印件执行。",
    "detail.superseded_signed": "{signer}于{time}签名",
    "detail.superseded_unsigned": "尚未签名",
    "verdict.eligible": "符合入组条件",
    "verdict.not_eligible": "不符合入组条件",
    "verdict.incomplete": "信息不完整",
    "status.met": "符合",
    "status.absent": "不存在",
    "status.not_met": "不符合",
    "status.present": "存在",
    "status.unknown": "待定",
    "status.not_applicable": "不适用",
    "status_word.met": "符合",
    "status_word.not_met": "不符合",
    "status_word.absent": "不存在",
    "status_word.present": "存在",
    "status_word.unknown": "待定",
    "saved_status.met": "符合",
    "saved_status.not_met": "不符合",
    "saved_status.absent": "不存在",
    "saved_status.present": "存在",
    "saved_status.unknown": "待定",
    "verification.valid": "有效（签名完整，签署人获本中心信任）",
    "verification.untrusted": "签名完整，但签署人未获本中心信任",
    "verification.invalid": "无效（记录或其签名已被改动）",
    "verification.broken_chain": "版本链断裂（签名完整，但本版本所修订的版本缺失或已被改动）",
    "verification.unsigned": "未签名",
    "verification_short.valid": "有效",
    "verification_short.untrusted": "完整，签署人未获信任",
    "verification_short.invalid": "无效",
    "verification_short.broken_chain": "版本链断裂",
    "verification_short.unsigned": "未签名",
    "meaning.authorship": "作者",
    "meaning.review": "审核",
    "meaning.approval": "批准",
    "not_saved": "未保存",
    "not_answered": "未填写",
    "no_site": "未设置（见首选项）",
    "not_known_yet": "尚不可知",
    "yes": "是",
    "no": "否",
    "none": "无",
    "none_lower": "无",
    "ongoing": "仍在进行",
    "ongoing_lower": "仍在使用",
    "list_separator": "；",
    "comma": "、",
    "value_unit": "{value} {unit}",
    "labelled_id": "{label}（{id}）",
    "labelled_value": "{label}：{value}",
    "explained": "{value}（{explanation}）",
    "fact.label": "{label}：",
    "fact.gap": "",
    "fact.age": "（{age}）",
    "header.title": "入组资格筛选汇总",
    "header.screening": "筛选号 {id}",
    "footer.pages": "第{page}页，共{pages}页 · 打印时间 {printed} · nkscreen {version}",
    "footer.signed": "签署：{who} · 签名{state}",
    "footer.signer": "{name}（{meaning}，{time}）",
    "footer.hash": "哈希：{digest}",
    "title.site": "研究中心：{site}",
    "title.protocol_version": "方案版本：{version}",
    "verdict.heading": "筛选结论",
    "item.record": "记录",
    "item.record_id": "记录编号",
    "item.version": "版本",
    "item.saved": "保存时间",
    "item.times_in": "时区",
    "hash.not_computable": "无法计算（记录中含有无法计算哈希的数字）",
    "list.reasons": "结论依据",
    "list.missing": "缺少的答案",
    "list.invalid": "无效的答案",
    "list.notices": "请注意",
    "list.warnings": "警示（证据日期）",
    "notice.untrusted": "签署人未获本中心信任：{reason}。",
    "notice.invalid": "签名无效：{reason}。",
    "notice.protocol_copy": "本记录使用另一份方案文件（sha256 {saved}...）生成；下列标准已按当前"
    "方案文件（sha256 {current}...）重新评估。",
    "notice.verdict_differs": "记录中保存的结论为“{saved}”；用当前版本的 nkscreen 重新评估其答案，"
    "结论为“{now}”。上方打印的是保存的结论。",
    "notice.criteria_differ": "保存的状态与重新评估结果不同的标准：{items}。",
    "notice.criterion_saved": "{id}（保存为{status}）",
    "criteria.id": "编号",
    "criteria.criterion": "标准",
    "criteria.status": "状态",
    "criteria.evidence": "判定依据",
    "criteria.inclusion": "入选标准",
    "criteria.exclusion": "排除标准",
    "criteria.inclusion_hint": "须全部符合",
    "criteria.exclusion_hint": "须全部不存在",
    "criteria.cited": "{id} {status}",
    "days.same": "即{what}当天",
    "days.one": "{what}前{days}天",
    "days.many": "{what}前{days}天",
    "stale": "超过本中心时限（{limit}天）",
    "signatures.heading": "记录与电子签名",
    "signatures.verification": "打印时的签名验证：{state}",
    "signatures.none": "无签名：草稿 - 未签名。",
    "signatures.hash": "内容哈希（记录按 RFC 8785 规范化后字节的 sha256）：{hash}",
    "signature.who": "签署人：{name}（{user_id}），{role}",
    "signature.meaning": "签名含义：{meaning} - {statement}",
    "signature.when": "日期时间：{time} · 打印时验证：{state}",
    "signature.key": "密钥指纹（sha256）：{fingerprint}",
    "amend.heading": "修订第{version}版（sha256 {hash}...）",
    "amend.reason": "修订原因：{reason}",
    "amend.by": "修订人：{who}",
    "amend.by_on": "修订人：{who}，修订时间：{time}",
    "amend.answer": "答案变更：{change}",
    "amend.criterion": "标准状态变更：{change}",
    "amend.unreadable": "无法读取第{version}版：所列变更取自审计追踪，标准状态的变更无法得知。",
    "amend.change": "{label}：{old} → {new}",
    "amend.verdict": "筛选结论",
    "amend.agent": "{agent}，末次给药 {date}",
    "amend.half_life": "，半衰期 {hours} h",
    "amend.note": "备注变更：{change}",
    "note.comment_on": "{id}的备注",
    "note.comment": "备注：{text}",
    "note.reason": "筛选失败原因",
    "note.none": "无",
    "note.quoted": "“{text}”",
    "answer.converted": "{value}（{other}）",
    "answer.entered_as": "{value}（录入值 {other}）",
    "appendix.heading": "答案附录",
    "appendix.intro": "评估所用的全部答案，按向导页面分组；化验值以“测定值 / ULN = ULN倍数”表示",
    "appendix.id": "编号",
    "appendix.question": "问题",
    "appendix.answer": "答案",
    "page.inclusion": "入选标准{number}：{title}",
    "page.exclusion": "排除标准{number}：{title}",
    "answer.invalid": "{value}（无效：{message}）",
    "answer.days_before": "{date}（{reference}前{days}天）",
    "agent.line": "{agent}：末次给药 {date}{half_life}",
    "agent.half_life": "，半衰期 {hours} h",
    "lab.values": "{value} / ULN {uln}",
    "lab.multiple": "{value} / ULN {uln} = {multiple} × ULN",
    "lab.limit": "{multiple} × ULN 限值（{absolute}）",
    "lab.within": "{text}，未超过{limit}",
    "lab.above": "{text}，超过{limit}",
    "registry.heading": "入选标准与排除标准原文",
    "registry.intro": "每条标准的中文译文，其下为注册信息中的英文原文（逐字照录）",
}

#: Every language a printout can be made in, by locale name.
REPORT_TEXTS: Final[dict[str, dict[str, str]]] = {ENGLISH: _EN, "zh_CN": _ZH_CN}
LOCALES: Final = tuple(REPORT_TEXTS)


def report_text(locale: str, key: str, /, **params: object) -> str:
    """One fixed text of the printout in ``locale``, its placeholders filled."""
    template = REPORT_TEXTS.get(locale, _EN).get(key) or _EN[key]
    return template.format(**params) if params else template


@dataclass(frozen=True, slots=True)
class ReportTexts:
    """Everything a printout says in one language: its fixed words, the protocol's texts
    and the core's messages."""

    protocol: LocalizedTexts

    @property
    def locale(self) -> str:
        return self.protocol.locale

    def __call__(self, key: str, /, **params: object) -> str:
        return report_text(self.locale, key, **params)

    def message(self, message: Message) -> str:
        return render_message(message, self.protocol)

    def join(self, items: Iterable[str]) -> str:
        """A list in running text ("a; b" / "a；b")."""
        return self("list_separator").join(items)

    def inline_label(self, label: str) -> str:
        """A label inside a sentence: English lowers it ("the assessment date"); other
        languages have no case to lower (and "LVEF测定日期" must stay as it is)."""
        return label.lower() if self.locale == ENGLISH else label


def report_texts(protocol: Protocol, locale: str = ENGLISH) -> ReportTexts:
    """The printout's texts for ``protocol`` in ``locale`` (see :data:`LOCALES`).

    Raises :class:`~nkscreen.core.protocol_texts.ProtocolTextsError` when the protocol's side
    file for ``locale`` does not fit the protocol, and :class:`ValueError` for a locale the
    printout cannot be made in.
    """
    if locale not in REPORT_TEXTS:
        raise ValueError(f"no printout texts for {locale!r} (known: {', '.join(LOCALES)})")
    return ReportTexts(localized(protocol, locale))


__all__ = ["LOCALES", "REPORT_TEXTS", "ReportTexts", "report_text", "report_texts"]
