"""The data folder's journal and ``verify --all``'s findings, in English and Chinese.

The sentences of :mod:`nkscreen.records.journal` and :mod:`nkscreen.records.folder_check`,
registered with :mod:`nkscreen.sentences`. Paths, times, user ids, counts and a validator's
own words stay as they are.
"""

from __future__ import annotations

from typing import Final

from nkscreen import sentences

TEMPLATES: Final[dict[str, str]] = {
    # --- one journal entry, as findings cite it ------------------------------------------
    "journal.event_save": "save",
    "journal.event_sign": "sign",
    "journal.event_cosign": "cosign",
    "journal.event_amend": "amend",
    "journal.entry_one": "{event} on {at} by {by}, {signatures} signature",
    "journal.entry": "{event} on {at} by {by}, {signatures} signatures",
    "journal.line": "line {number}: {entry}",
    # --- a journal line that is damaged, and a broken chain ------------------------------
    "journal.duplicate_key": "the key {key} appears twice",
    "journal.constant": "{name} is not a journal value",
    "journal.no_offset": "the time has no UTC offset",
    "journal.too_long": "it is too long to be a journal entry",
    "journal.empty": "it is empty",
    "journal.not_text": "it is not text",
    "journal.not_json": "it is not a valid JSON entry",
    "journal.not_object": "it is not a JSON object",
    "journal.field": "field {where}: {error}",
    "journal.incomplete": "it is incomplete (a save was interrupted, or is being written now)",
    "journal.damaged": "line {number} is damaged: {problem}",
    "journal.first_removed": "line 1 does not begin a journal (it follows a line that is not "
    "there): the journal's first lines were removed",
    "journal.chain": "line {number} does not follow line {previous}: the chain is broken (line "
    "{previous} was changed, or lines were removed, inserted or reordered)",
    "journal.sequence": "line {number} has sequence number {seq} where {expected} was expected: "
    "entries were removed, reordered or copied",
    # --- the journal cannot be read or written -------------------------------------------
    "journal.symlink": "{path} is a symbolic link; the journal must be a regular file",
    "journal.not_regular": "{path} is not a regular file, so it cannot be the journal",
    "journal.unreadable": "the journal {path} cannot be read: {error}",
    "journal.too_large": "the journal {path} is larger than {limit} bytes",
    "journal.last_too_long": "its last line is longer than any journal entry (it is damaged)",
    "journal.last_damaged": "its last lines are damaged; see 'nkscreen verify --all'",
    "journal.kept_locked": "another nkscreen process kept the journal locked for {seconds} s "
    "({who})",
    "journal.unknown_process": "unknown process",
    "journal.lock_failed": "its lock cannot be taken ({error})",
    "journal.not_hashable": "the record holds numbers that cannot be hashed",
    "journal.folder": "{path} is a folder, not the journal file",
    "journal.file_too_large": "{path} is larger than {limit} bytes",
    # --- verify --all's findings ---------------------------------------------------------
    "finding.no_journal": "this data folder has no journal (records saved before nkscreen kept "
    "one, or the journal was deleted)",
    "finding.before_journal": "saved on {saved}, before this data folder's journal began on "
    "{begun}",
    "finding.not_journaled": "it is not in this data folder's journal (written by another "
    "program, copied in, or its journal entry could not be written)",
    "finding.not_hashable": "it holds numbers that cannot be hashed",
    "finding.removed_one": "the journal records {recorded} signature ({line}) but the file "
    "carries {carried}: a signature was removed",
    "finding.removed_one_none": "the journal records {recorded} signature ({line}) but the file "
    "carries none: a signature was removed",
    "finding.removed": "the journal records {recorded} signatures ({line}) but the file "
    "carries {carried}: a signature was removed",
    "finding.removed_none": "the journal records {recorded} signatures ({line}) but the file "
    "carries none: a signature was removed",
    "finding.changed": "its content differs from its last journal entry ({line}): changed "
    "outside nkscreen, or that save's journal entry could not be written",
    "finding.not_regular": "not a regular file, so not a record",
    "finding.missing": "the file is not in the folder; it was journaled ({line})",
}

TEMPLATES_ZH_CN: Final[dict[str, str]] = {
    "journal.event_save": "保存",
    "journal.event_sign": "签名",
    "journal.event_cosign": "共同签名",
    "journal.event_amend": "修订",
    "journal.entry_one": "{at} 由 {by} {event}，{signatures} 个签名",
    "journal.entry": "{at} 由 {by} {event}，{signatures} 个签名",
    "journal.line": "第 {number} 行：{entry}",
    "journal.duplicate_key": "键 {key} 出现了两次",
    "journal.constant": "{name} 不是日志中允许的值",
    "journal.no_offset": "时间没有 UTC 偏移",
    "journal.too_long": "它太长，不可能是日志条目",
    "journal.empty": "它是空的",
    "journal.not_text": "它不是文本",
    "journal.not_json": "它不是有效的 JSON 条目",
    "journal.not_object": "它不是 JSON 对象",
    "journal.field": "字段 {where}：{error}",
    "journal.incomplete": "它不完整（某次保存被中断，或正在写入）",
    "journal.damaged": "第 {number} 行已损坏：{problem}",
    "journal.first_removed": "第 1 行不是日志的开头（它接在一行不存在的内容之后）："
    "日志的开头几行已被删除",
    "journal.chain": "第 {number} 行没有接续第 {previous} 行：链条断裂（第 {previous} 行被改动，"
    "或有行被删除、插入或重新排序）",
    "journal.sequence": "第 {number} 行的序号为 {seq}，应为 {expected}：有条目被删除、"
    "重新排序或复制",
    "journal.symlink": "{path} 是符号链接；日志必须是普通文件",
    "journal.not_regular": "{path} 不是普通文件，因此不能作为日志",
    "journal.unreadable": "无法读取日志 {path}：{error}",
    "journal.too_large": "日志 {path} 超过 {limit} 字节",
    "journal.last_too_long": "其最后一行比任何日志条目都长（已损坏）",
    "journal.last_damaged": "其最后几行已损坏；请参见“nkscreen verify --all”",
    "journal.kept_locked": "另一个 nkscreen 进程锁定日志已达 {seconds} 秒（{who}）",
    "journal.unknown_process": "未知进程",
    "journal.lock_failed": "无法获取其锁（{error}）",
    "journal.not_hashable": "记录中含有无法计算哈希值的数字",
    "journal.folder": "{path} 是文件夹，不是日志文件",
    "journal.file_too_large": "{path} 超过 {limit} 字节",
    "finding.no_journal": "该数据文件夹没有日志（记录保存于 nkscreen 开始记日志之前，"
    "或日志已被删除）",
    "finding.before_journal": "保存于 {saved}，早于该数据文件夹日志的开始时间 {begun}",
    "finding.not_journaled": "它不在该数据文件夹的日志中（由其他程序写入、从别处复制而来，"
    "或其日志条目未能写入）",
    "finding.not_hashable": "其中含有无法计算哈希值的数字",
    "finding.removed_one": "日志记录了 {recorded} 个签名（{line}），但文件中只有 {carried} 个："
    "有签名被移除",
    "finding.removed_one_none": "日志记录了 {recorded} 个签名（{line}），但文件中没有签名："
    "有签名被移除",
    "finding.removed": "日志记录了 {recorded} 个签名（{line}），但文件中只有 {carried} 个："
    "有签名被移除",
    "finding.removed_none": "日志记录了 {recorded} 个签名（{line}），但文件中没有签名："
    "有签名被移除",
    "finding.changed": "其内容与最后一条日志条目不同（{line}）：在 nkscreen 之外被改动，"
    "或那次保存的日志条目未能写入",
    "finding.not_regular": "不是普通文件，因此不是记录",
    "finding.missing": "文件不在文件夹中；日志中有它的记录（{line}）",
}

sentences.register(TEMPLATES, TEMPLATES_ZH_CN)
