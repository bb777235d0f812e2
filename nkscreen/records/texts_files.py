"""Why a file cannot be read as a record or a draft, in English and Chinese.

The sentences of :mod:`nkscreen.records.model` (and the store's draft reading), registered
with :mod:`nkscreen.sentences`. A parser's or validator's own words (``{problems}``,
``{error}``) and paths inside the file (``{where}``) stay as they are.
"""

from __future__ import annotations

from typing import Final

from nkscreen import sentences

TEMPLATES: Final[dict[str, str]] = {
    "format.constant": "{name} is not allowed in a record",
    "format.duplicate_key": "the key {key} appears twice",
    "format.too_large": "the file is too large to be an nkscreen file",
    "format.empty": "the file is empty",
    "format.not_text": "not a text file, so not an nkscreen file",
    "format.truncated": "the file is truncated (it ends in the middle of the data)",
    "format.not_json": "the file is not valid JSON (line {line}, column {column})",
    "format.not_valid": "the file is not valid: {error}",
    "format.surrogate": "{where}: the text holds a lone surrogate escape (\\ud800-\\udfff), "
    "which is not a character",
    "format.draft_not_record": "this is an nkscreen draft, not a screening record",
    "format.record_not_draft": "this is an nkscreen screening record, not a draft",
    "format.not_record": "not an nkscreen screening record file",
    "format.not_draft": "not an nkscreen draft file",
    "format.no_schema_version": "the file has no valid schema_version",
    "format.future_record": "the file was written by a newer nkscreen (screening record format "
    "version {version}; this version reads up to {newest}). Update nkscreen to open it.",
    "format.future_draft": "the file was written by a newer nkscreen (draft format version "
    "{version}; this version reads up to {newest}). Update nkscreen to open it.",
    "format.unknown_record_version": "unknown screening record format version {version}",
    "format.unknown_draft_version": "unknown draft format version {version}",
    "format.record_malformed": "the record is malformed: {problems}",
    "format.record_malformed_more": "the record is malformed: {problems} (and {more} more)",
    "format.draft_malformed": "the draft is malformed: {problems}",
    "format.draft_malformed_more": "the draft is malformed: {problems} (and {more} more)",
    "format.draft_unreadable": "cannot read the draft: {reason}",
    "listing.under_file": "{folder} cannot be listed: it, or a folder above it, is a file.",
    "listing.unreadable": "{folder} cannot be listed: {error}.",
}

TEMPLATES_ZH_CN: Final[dict[str, str]] = {
    "format.constant": "记录中不允许出现 {name}",
    "format.duplicate_key": "键 {key} 出现了两次",
    "format.too_large": "文件太大，不可能是 nkscreen 文件",
    "format.empty": "文件是空的",
    "format.not_text": "不是文本文件，因此不是 nkscreen 文件",
    "format.truncated": "文件不完整（在数据中途结束）",
    "format.not_json": "文件不是有效的 JSON（第 {line} 行，第 {column} 列）",
    "format.not_valid": "文件无效：{error}",
    "format.surrogate": "{where}：文本含有单独的代理项转义（\\ud800-\\udfff），它不是字符",
    "format.draft_not_record": "这是 nkscreen 草稿，不是筛选记录",
    "format.record_not_draft": "这是 nkscreen 筛选记录，不是草稿",
    "format.not_record": "不是 nkscreen 筛选记录文件",
    "format.not_draft": "不是 nkscreen 草稿文件",
    "format.no_schema_version": "文件没有有效的 schema_version",
    "format.future_record": "该文件由更新版本的 nkscreen 写入（筛选记录格式第 {version} 版；"
    "本版本最高只能读取第 {newest} 版）。请更新 nkscreen 后再打开。",
    "format.future_draft": "该文件由更新版本的 nkscreen 写入（草稿格式第 {version} 版；"
    "本版本最高只能读取第 {newest} 版）。请更新 nkscreen 后再打开。",
    "format.unknown_record_version": "未知的筛选记录格式版本 {version}",
    "format.unknown_draft_version": "未知的草稿格式版本 {version}",
    "format.record_malformed": "记录格式有误：{problems}",
    "format.record_malformed_more": "记录格式有误：{problems}（另有 {more} 处）",
    "format.draft_malformed": "草稿格式有误：{problems}",
    "format.draft_malformed_more": "草稿格式有误：{problems}（另有 {more} 处）",
    "format.draft_unreadable": "无法读取草稿：{reason}",
    "listing.under_file": "无法列出 {folder}：它或其上级的某个文件夹是文件。",
    "listing.unreadable": "无法列出 {folder}：{error}。",
}

sentences.register(TEMPLATES, TEMPLATES_ZH_CN)
