"""Why a comment or the screen-failure reason cannot be saved, in English and Chinese.

The sentences of :mod:`nkscreen.records.notes` and :mod:`~nkscreen.records.note_text`,
registered with :mod:`nkscreen.sentences`; criterion and protocol ids stay as written.
"""

from __future__ import annotations

from typing import Final

from nkscreen import sentences

TEMPLATES: Final[dict[str, str]] = {
    "note.too_long": "it is {count} characters long; at most {limit} are kept",
    "note.control": "it holds a control character ({code}); remove it",
    "notes.comment": "The comment on {criterion} cannot be saved: {problem}.",
    "notes.no_criterion": "The comment on {criterion} names no criterion of {protocol}.",
    "notes.reason": "The screen-failure reason cannot be saved: {problem}.",
}

#: The same ids and placeholders in Simplified Chinese (terms as in GLOSSARY.zh_CN.md).
TEMPLATES_ZH_CN: Final[dict[str, str]] = {
    "note.too_long": "共 {count} 个字符，最多保留 {limit} 个",
    "note.control": "含有控制字符（{code}），请删除",
    "notes.comment": "{criterion} 的备注无法保存：{problem}。",
    "notes.no_criterion": "{criterion} 的备注不对应 {protocol} 的任何标准。",
    "notes.reason": "筛选失败原因无法保存：{problem}。",
}

sentences.register(TEMPLATES, TEMPLATES_ZH_CN)
