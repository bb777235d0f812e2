"""The command line's own words in each language it speaks (Qt-free).

Every line a person reads from ``verify``, ``list``, ``sign``, ``amend``, ``identity``,
``protocol``, ``export`` and the shared error printer comes from :data:`CLI_TEXTS` by key, in
the language chosen with ``--lang`` or ``NKSCREEN_LANG``; English otherwise, whatever the
computer's locale, so a script reads the same words everywhere. Ids, file names, fingerprints,
numbers and units are parameters and never translated. Machine-readable output (``evaluate``'s
JSON) and exit codes do not depend on the language.

The Chinese terms are the printout's (:mod:`nkscreen.report.texts`) and the glossary's
(``resources/translations/GLOSSARY.zh_CN.md``). A reason the records layer words as an English
sentence (why a signature is invalid, why a chain is broken) is embedded as it is: the command
translates its own words around it. A test checks that every language has every key with the
same ``{parameters}``.
"""

from __future__ import annotations

from typing import Final

from nkscreen.cli import texts_pdf
from nkscreen.language import CHINESE, ENGLISH
from nkscreen.sentences import Sentence, error_text, render

_EN: Final[dict[str, str]] = {
    # the shared error printer and the entry point
    "interrupted": "interrupted.",
    "internal": "internal error ({kind}: {detail}); please report it.",
    "data_dir_is_file": "the data folder {base} is a file, not a folder: choose another one "
    "with --data-dir or NKSCREEN_DATA_DIR.",
    "untrusted_everyone": "{problem} Every signer is treated as untrusted.",
    "list_separator": "; ",
    "comma": ", ",
    # verification states: verify's label, list's cell
    "label.valid": "VALID",
    "label.untrusted": "VALID, UNTRUSTED SIGNER",
    "label.invalid": "INVALID",
    "label.broken_chain": "BROKEN CHAIN",
    "label.unsigned": "NOT SIGNED",
    "label.unreadable": "UNREADABLE",
    "label.not_journaled": "NOT JOURNALED",
    "label.changed": "CHANGED SINCE JOURNALED",
    "label.signature_removed": "SIGNATURE REMOVED",
    "label.missing": "MISSING",
    "label.problem": "PROBLEM",
    "label.none": "NONE",
    "cell.valid": "valid",
    "cell.untrusted": "untrusted signer",
    "cell.invalid": "INVALID",
    "cell.broken_chain": "BROKEN CHAIN",
    "cell.unsigned": "not signed",
    "reason.unsigned": "the record has not been signed yet",
    # verify
    "verify.both": "give record files to verify, or --all for the whole data folder (not both).",
    "verify.zone": "site settings unreadable ({problem}); times are in this computer's time zone.",
    "verify.line": "{name}: {label}: {reason}",
    "verify.signed_by": "signed by {signers}",
    "verify.signer": "{name} ({user_id}, {role}) as {meaning} on {time}",
    "verify.folder_unreadable": "the data folder {base} cannot be read: {problem}",
    "verify.journal": "journal",
    "verify.journal_none": "{path} does not exist (no record was saved with one)",
    "verify.journal_summary": "{lines} line(s), {chain}, begun on {begun}",
    "verify.journal_problems": "{count} problem(s)",
    "verify.journal_intact": "chain intact",
    "verify.journal_more": "and {count} more",
    "verify.checked": "{count} record file(s) checked in {base}: {result}",
    "verify.problems": "{count} problem(s).",
    "verify.no_problems": "no problems.",
    # list
    "list.header": "SCREENING ID|INITIALS|ASSESSED|VERDICT|STATUS|VER|SIGNED BY|SIGNATURE|FILE",
    "list.signer": "{name} ({meaning})",
    "list.status.signed": "signed",
    "list.status.draft": "draft",
    "list.status.unreadable": "unreadable",
    "list.superseded": "{status} (superseded by v{version})",
    "list.empty": "No saved records in {folder}.",
    "list.problems": "{count} file(s) unreadable, with an invalid signature or a broken chain: "
    "see 'nkscreen verify FILE' for details.",
    # sign and amend
    "case.unusable": "{path}: {problem}",
    "case.protocol": "the protocol cannot be used: {problem}",
    "case.not_savable": "{path}: the case cannot become a record, nothing was signed:",
    "case.field_problem": "{field}: {problem}",
    "sign.incomplete": "the screening is INCOMPLETE{unanswered}: nothing was signed. Complete the "
    "case, or sign anyway with --allow-incomplete.",
    "sign.unanswered": " (unanswered: {fields})",
    "sign.exists": "{path} already exists: a signed record is never overwritten.",
    "sign.not_saved": "Could not save the record: {problem}. Nothing already saved was changed.",
    "site.unreadable": "the site settings cannot be read ({problem}); nothing was signed.",
    "site.other": 'this data folder\'s site is "{current}", not "{wanted}": change it in '
    "Preferences if it is wrong; nothing was signed.",
    "site.missing": "no site name is set, and the printout of a signed record names its site: "
    "give --site NAME once, or set it in the app (File > Preferences > Site name) or as "
    '"site_name" in {path}; nothing was signed.',
    "site.not_saved": "the site name could not be saved ({problem}); nothing was signed.",
    "site.set": 'Site name set to "{name}" ({path}).',
    "output.folder": "{path} is a folder: give the record a file name (-o FOLDER/record.json).",
    "sign.already": "screening {screening} already has a signed record ({path}, version "
    "{version}): nothing was signed. To correct it, make the next version with "
    "'nkscreen amend {path} {case} --reason TEXT --meaning {meaning}'.",
    "sign.no_id": "(no id)",
    "sign.what": "screening {screening}: verdict {verdict}",
    "sign.cannot": "{case}: cannot make a record: {problem}",
    "sign.done": "Signed: verdict {verdict}",
    "amend.unsigned": "it is not signed: an unsigned record is edited and saved, not amended",
    "amend.invalid": "its signature is INVALID ({reason})",
    "amend.superseded": "it is version {version}, superseded by version {newer} ({file}): "
    "amend the newest version",
    "amend.elsewhere": "it is not in this data folder's records ({folder}); give -o FILE to "
    "write the new version elsewhere, beside it",
    "amend.unreadable": "{path}: cannot read the record: {problem}",
    "amend.refused": "{path} cannot be amended: {problem}. Nothing was signed.",
    "amend.other_protocol": "{case} is a case of {protocol}, but the record is a screening for "
    "{record_protocol}. Nothing was signed.",
    "amend.nothing_signed": "{problem} Nothing was signed.",
    "amend.what": "version {version} of screening {screening}: verdict {verdict}",
    "amend.cannot": "{case}: cannot make the new version: {problem}",
    "amend.done": "Signed version {version}: verdict {verdict}",
    "amend.heading": "{heading}. Reason: {reason}",
    "amend.changes": "Changes:",
    # who signs
    "passphrase.prompt": "Passphrase: ",
    "passphrase.for": "Passphrase for {user_id}: ",
    "passphrase.repeat": "Repeat the passphrase: ",
    "passphrase.differ": "The two passphrases differ: nothing was written.",
    "passphrase.none": "No passphrase given: nothing was written.",
    "passphrase.wrong": "Wrong passphrase for identity {user_id}: nothing was written.",
    "nothing_written": "{problem} Nothing was written.",
    "identity.none_usable": "There is no usable signing identity in {folder}{skipped}. Create "
    "one with 'nkscreen identity create --name NAME --role ROLE --user-id ID'.",
    "identity.skipped": " ({problems})",
    "identity.several": "Several identities exist ({ids}): choose one with --user-id.",
    "signing": "Signing {what} as {name} ({user_id}, {role}). Meaning: {statement}",
    "note.not_trusted": "Note: {user_id} is not a trusted signer in this data folder yet: the "
    "record verifies as untrusted until the administrator signs the key in "
    "('nkscreen identity trust --user-id {user_id}').",
    "note.trusted_as": "Note: this data folder trusts this key as {name} ({user_id}, {role}), "
    "not as signed: the record verifies as untrusted.",
    # identity
    "identity.creating": "Creating the signing identity of {name} ({user_id}). Choose a "
    "passphrase of at least {length} characters; it is asked for at every signature and "
    "cannot be recovered.",
    "identity.not_created": "Could not create the identity: {problem}. Nothing was written.",
    "identity.created": "Created identity {user_id} ({name}, {role})",
    "identity.fingerprint": "Key fingerprint: {fingerprint}",
    "identity.saved": "Saved in {path}",
    "identity.first": "This is the first identity of this data folder: it is its administrator "
    "and a trusted signer.",
    "identity.waits": "Not a trusted signer here yet: the data folder's administrator signs it "
    "in with 'nkscreen identity trust --user-id {user_id}'.",
    "identity.skipped_file": "skipped: {problem}",
    "identity.administrator": "Administrator: {name} ({user_id}), key {fingerprint}",
    "identity.empty": "No identities in {folder}. Create one with 'nkscreen identity create'.",
    "identity.header": "USER ID|NAME|ROLE|TRUST|KEY FINGERPRINT",
    "trust.not_yet": "not trusted here yet",
    "trust.as_other": "trusted as {name} ({user_id}, {role}), not as shown",
    "trust.administrator": "administrator, trusted",
    "trust.trusted": "trusted",
    "identity.legacy": "The identity file of {user_id} was made by an older nkscreen: its "
    "passphrase binds its name and role to its key once.",
    "trust.file_or_id": "Give either a public key FILE or --user-id, not both.",
    "trust.only_admin": "The administrator of this data folder is {user_id}: only that "
    "identity can sign its trusted signers.",
    "trust.no_admin": "This data folder has no administrator yet: name one with --admin "
    "USER_ID (an identity in {folder}). The first identity created in a new data folder "
    "becomes its administrator.",
    "trust.name_key": "Name the key to trust: a public key FILE, or --user-id USER_ID.",
    "trust.setting_up": "Setting up {name} ({user_id}) as the administrator of {base}; key "
    "{fingerprint}.",
    "trust.again": "Signing in again from the old list: {name} ({user_id}, {role}), key "
    "{fingerprint}",
    "trust.trusting": "Trusting {name} ({user_id}, {role}), key {fingerprint}.",
    "trust.unchanged": "{path}: {problem}. Nothing was changed.",
    "trust.admin_set": "Administrator of this data folder: {name} ({user_id})",
    "trust.now": "Now trusting {name} ({user_id}, {role}), key {fingerprint}",
    "trust.already": "Already trusted: {name} ({user_id}, {role}), key {fingerprint}",
    "trust.no_fingerprint": "No trusted key has the fingerprint {fingerprint}.",
    "untrust.asking": "No longer trusting {name} ({user_id}, {role}).",
    "untrust.done": "No longer trusted: {name} ({user_id}), key {key}",
    # protocol
    "protocol.describe": "{id} version {version}{dated}: {criteria} criteria, {fields} fields, "
    "sha256 {sha}",
    "protocol.dated": " ({date})",
    "protocol.entry": "{describe} [{origin}: {path}]",
    "protocol.origin.bundled": "bundled",
    "protocol.origin.site": "site",
    "protocol.problems": "{path}: {what}: {count} problem(s):",
    "protocol.broken": "[{origin}] cannot be used",
    "protocol.cannot_use": "cannot be used",
    "protocol.cannot_install": "cannot be installed",
    "protocol.conflict": "version: {id} version {version} is already installed ({path}, "
    "{origin}); give this file another version",
    "protocol.site_folder": "Site protocols folder: {folder}",
    "protocol.ok": "{path}: OK: {describe}",
    "protocol.install": "To use it, copy it into {folder} (the app lists it in Preferences > "
    "Protocols after a restart).",
    # export
    "export.left_out": "left out {line}",
    "export.skipped": "{file}{who}: {reason}",
    "export.skipped_who": " (screening {screening})",
    "export.went_out_one": "{count} record went out",
    "export.went_out": "{count} records went out",
    "export.and_left_out": "; {count} left out",
    "export.end": ".",
    "export.both": "give record files to export, or --all for the whole data folder (not both).",
    "export.not_a_date": "{option} {text} is not a date: use YYYY-MM-DD.",
    "export.file_not_folder": "{path} is a file, not a folder: give a folder for the export files "
    "(-o DIR).",
    "export.log_suffix": "{path}: give the log a .csv or .pdf file name.",
    "export.log_settings": "site settings unreadable ({problem}); the log names no site, times "
    "are in this computer's time zone.",
    "export.log_count": "{count} screening(s) in the log ({period}).",
    "export.cannot_write": "cannot write {path}: {problem}",
}

_ZH_CN: Final[dict[str, str]] = {
    "interrupted": "已中断。",
    "internal": "内部错误（{kind}: {detail}）；请报告此问题。",
    "data_dir_is_file": "数据文件夹 {base} 是一个文件，不是文件夹：请用 --data-dir 或 "
    "NKSCREEN_DATA_DIR 另选一个。",
    "untrusted_everyone": "{problem} 所有签署人均按未获信任处理。",
    "list_separator": "；",
    "comma": "，",
    "label.valid": "有效",
    "label.untrusted": "签名完整，签署人未获信任",
    "label.invalid": "无效",
    "label.broken_chain": "版本链断裂",
    "label.unsigned": "未签名",
    "label.unreadable": "无法读取",
    "label.not_journaled": "未记入日志",
    "label.changed": "记入日志后已被改动",
    "label.signature_removed": "签名已被移除",
    "label.missing": "文件缺失",
    "label.problem": "问题",
    "label.none": "无",
    "cell.valid": "有效",
    "cell.untrusted": "签署人未获信任",
    "cell.invalid": "无效",
    "cell.broken_chain": "版本链断裂",
    "cell.unsigned": "未签名",
    "reason.unsigned": "记录尚未签名",
    "verify.both": "请给出要验证的记录文件，或用 --all 验证整个数据文件夹（二者择一）。",
    "verify.zone": "无法读取研究中心设置（{problem}）；时间按本计算机的时区显示。",
    "verify.line": "{name}：{label}：{reason}",
    "verify.signed_by": "签署：{signers}",
    "verify.signer": "{name}（{user_id}，{role}），签名含义：{meaning}，{time}",
    "verify.folder_unreadable": "无法读取数据文件夹 {base}：{problem}",
    "verify.journal": "数据文件夹日志",
    "verify.journal_none": "{path} 不存在（保存记录时尚未建立日志）",
    "verify.journal_summary": "{lines}行，{chain}，始于 {begun}",
    "verify.journal_problems": "{count}个问题",
    "verify.journal_intact": "日志链完整",
    "verify.journal_more": "另有{count}个",
    "verify.checked": "已检查 {base} 中的{count}个记录文件：{result}",
    "verify.problems": "{count}个问题。",
    "verify.no_problems": "未发现问题。",
    "list.header": "筛选号|姓名缩写|评估日期|筛选结论|状态|版本|签署人|签名|文件",
    "list.signer": "{name}（{meaning}）",
    "list.status.signed": "已签名",
    "list.status.draft": "草稿",
    "list.status.unreadable": "无法读取",
    "list.superseded": "{status}（已被第{version}版取代）",
    "list.empty": "{folder} 中没有已保存的记录。",
    "list.problems": "{count}个文件无法读取、签名无效或版本链断裂：详见 'nkscreen verify FILE'。",
    "case.unusable": "{path}：{problem}",
    "case.protocol": "方案无法使用：{problem}",
    "case.not_savable": "{path}：该病例无法生成记录，未签名任何内容：",
    "case.field_problem": "{field}：{problem}",
    "sign.incomplete": "筛选信息不完整{unanswered}：未签名任何内容。请补全病例，或用 "
    "--allow-incomplete 仍然签名。",
    "sign.unanswered": "（未填写：{fields}）",
    "sign.exists": "{path} 已存在：已签名的记录永不覆盖。",
    "sign.not_saved": "无法保存记录：{problem}。已保存的内容均未改动。",
    "site.unreadable": "无法读取研究中心设置（{problem}）；未签名任何内容。",
    "site.other": "此数据文件夹的研究中心为“{current}”，不是“{wanted}”：如有误，请在首选项中"
    "修改；未签名任何内容。",
    "site.missing": "尚未设置研究中心名称，而已签名记录的打印件须注明研究中心：请用 --site NAME "
    "设置一次，或在程序中设置（文件 > 首选项 > 研究中心名称），或在 {path} 中设置 "
    '"site_name"；未签名任何内容。',
    "site.not_saved": "无法保存研究中心名称（{problem}）；未签名任何内容。",
    "site.set": "研究中心名称已设为“{name}”（{path}）。",
    "output.folder": "{path} 是文件夹：请为记录指定文件名（-o FOLDER/record.json）。",
    "sign.already": "筛选号 {screening} 已有已签名的记录（{path}，第{version}版）：未签名任何内容。"
    "如需更正，请用 'nkscreen amend {path} {case} --reason TEXT --meaning {meaning}' "
    "生成下一版。",
    "sign.no_id": "（无筛选号）",
    "sign.what": "筛选号 {screening}：筛选结论 {verdict}",
    "sign.cannot": "{case}：无法生成记录：{problem}",
    "sign.done": "已签名：筛选结论 {verdict}",
    "amend.unsigned": "该记录未签名：未签名的记录直接编辑保存，无需修订",
    "amend.invalid": "其签名无效（{reason}）",
    "amend.superseded": "这是第{version}版，已被第{newer}版（{file}）取代：请修订最新版本",
    "amend.elsewhere": "该记录不在此数据文件夹的记录中（{folder}）；如要将新版本写在其旁边，"
    "请用 -o FILE",
    "amend.unreadable": "{path}：无法读取记录：{problem}",
    "amend.refused": "{path} 无法修订：{problem}。未签名任何内容。",
    "amend.other_protocol": "{case} 是方案 {protocol} 的病例，但该记录是方案 {record_protocol} "
    "的筛选。未签名任何内容。",
    "amend.nothing_signed": "{problem} 未签名任何内容。",
    "amend.what": "筛选号 {screening} 的第{version}版：筛选结论 {verdict}",
    "amend.cannot": "{case}：无法生成新版本：{problem}",
    "amend.done": "已签名第{version}版：筛选结论 {verdict}",
    "amend.heading": "{heading}。修订原因：{reason}",
    "amend.changes": "变更：",
    "passphrase.prompt": "口令：",
    "passphrase.for": "{user_id} 的口令：",
    "passphrase.repeat": "再次输入口令：",
    "passphrase.differ": "两次输入的口令不一致：未写入任何内容。",
    "passphrase.none": "未输入口令：未写入任何内容。",
    "passphrase.wrong": "签名身份 {user_id} 的口令错误：未写入任何内容。",
    "nothing_written": "{problem} 未写入任何内容。",
    "identity.none_usable": "{folder} 中没有可用的签名身份{skipped}。请用 'nkscreen identity "
    "create --name NAME --role ROLE --user-id ID' 创建一个。",
    "identity.skipped": "（{problems}）",
    "identity.several": "存在多个签名身份（{ids}）：请用 --user-id 选择一个。",
    "signing": "以 {name}（{user_id}，{role}）的身份签名{what}。签名含义：{statement}",
    "note.not_trusted": "注意：{user_id} 尚不是此数据文件夹的受信任的签署人：在管理员将其密钥"
    "签入之前，该记录验证为未获信任（'nkscreen identity trust --user-id {user_id}'）。",
    "note.trusted_as": "注意：此数据文件夹信任该密钥的身份为 {name}（{user_id}，{role}），"
    "与签名所示不符：该记录验证为未获信任。",
    "identity.creating": "正在创建 {name}（{user_id}）的签名身份。请设置至少{length}个字符的口令；"
    "每次签名都需输入，且无法找回。",
    "identity.not_created": "无法创建签名身份：{problem}。未写入任何内容。",
    "identity.created": "已创建签名身份 {user_id}（{name}，{role}）",
    "identity.fingerprint": "密钥指纹：{fingerprint}",
    "identity.saved": "保存于 {path}",
    "identity.first": "这是此数据文件夹的第一个签名身份：它是该文件夹的管理员，"
    "也是受信任的签署人。",
    "identity.waits": "尚不是此处受信任的签署人：须由数据文件夹的管理员用 'nkscreen identity "
    "trust --user-id {user_id}' 签入。",
    "identity.skipped_file": "已跳过：{problem}",
    "identity.administrator": "管理员：{name}（{user_id}），密钥 {fingerprint}",
    "identity.empty": "{folder} 中没有签名身份。请用 'nkscreen identity create' 创建一个。",
    "identity.header": "用户ID|姓名|角色|信任|密钥指纹",
    "trust.not_yet": "尚未获本中心信任",
    "trust.as_other": "以 {name}（{user_id}，{role}）的身份获信任，与所示不符",
    "trust.administrator": "管理员，受信任",
    "trust.trusted": "受信任",
    "identity.legacy": "{user_id} 的签名身份文件由旧版 nkscreen 生成：需输入一次口令，"
    "将其姓名和角色绑定到密钥。",
    "trust.file_or_id": "请给出公钥文件 FILE 或 --user-id，二者择一。",
    "trust.only_admin": "此数据文件夹的管理员是 {user_id}：只有该身份能签署其受信任的签署人名单。",
    "trust.no_admin": "此数据文件夹尚无管理员：请用 --admin USER_ID 指定一个（{folder} 中的签名"
    "身份）。新数据文件夹中创建的第一个签名身份即为其管理员。",
    "trust.name_key": "请指定要信任的密钥：公钥文件 FILE，或 --user-id USER_ID。",
    "trust.setting_up": "正在将 {name}（{user_id}）设为 {base} 的管理员；密钥 {fingerprint}。",
    "trust.again": "从旧名单重新签入：{name}（{user_id}，{role}），密钥 {fingerprint}",
    "trust.trusting": "信任 {name}（{user_id}，{role}），密钥 {fingerprint}。",
    "trust.unchanged": "{path}：{problem}。未作任何更改。",
    "trust.admin_set": "此数据文件夹的管理员：{name}（{user_id}）",
    "trust.now": "现已信任 {name}（{user_id}，{role}），密钥 {fingerprint}",
    "trust.already": "已受信任：{name}（{user_id}，{role}），密钥 {fingerprint}",
    "trust.no_fingerprint": "没有受信任的密钥的指纹为 {fingerprint}。",
    "untrust.asking": "不再信任 {name}（{user_id}，{role}）。",
    "untrust.done": "已不再信任：{name}（{user_id}），密钥 {key}",
    "protocol.describe": "{id} 版本 {version}{dated}：{criteria}条标准，{fields}个字段，"
    "sha256 {sha}",
    "protocol.dated": "（{date}）",
    "protocol.entry": "{describe} [{origin}：{path}]",
    "protocol.origin.bundled": "内置",
    "protocol.origin.site": "本中心",
    "protocol.problems": "{path}：{what}：{count}个问题：",
    "protocol.broken": "[{origin}] 无法使用",
    "protocol.cannot_use": "无法使用",
    "protocol.cannot_install": "无法安装",
    "protocol.conflict": "version：{id} 版本 {version} 已安装（{path}，{origin}）；请为此文件"
    "另定版本",
    "protocol.site_folder": "本中心方案文件夹：{folder}",
    "protocol.ok": "{path}：可用：{describe}",
    "protocol.install": "如要使用，请将其复制到 {folder}（重启后程序会在 首选项 > 方案 中列出）。",
    "export.left_out": "未导出 {line}",
    "export.skipped": "{file}{who}：{reason}",
    "export.skipped_who": "（筛选号 {screening}）",
    "export.went_out_one": "已导出{count}条记录",
    "export.went_out": "已导出{count}条记录",
    "export.and_left_out": "；{count}条未导出",
    "export.end": "。",
    "export.both": "请给出要导出的记录文件，或用 --all 导出整个数据文件夹（二者择一）。",
    "export.not_a_date": "{option} {text} 不是日期：请使用 YYYY-MM-DD 格式。",
    "export.file_not_folder": "{path} 是文件，不是文件夹：请为导出文件指定文件夹（-o DIR）。",
    "export.log_suffix": "{path}：筛选登记表的文件名须以 .csv 或 .pdf 结尾。",
    "export.log_settings": "无法读取研究中心设置（{problem}）；筛选登记表不注明研究中心，时间按"
    "本计算机的时区显示。",
    "export.log_count": "筛选登记表中有{count}次筛选（{period}）。",
    "export.cannot_write": "无法写入 {path}：{problem}",
}

#: Every language the command line speaks, by code.
CLI_TEXTS: Final[dict[str, dict[str, str]]] = {
    ENGLISH: {**_EN, **texts_pdf.EN},
    CHINESE: {**_ZH_CN, **texts_pdf.ZH_CN},
}

#: The language of this run (set once by nkscreen.cli.main from --lang / NKSCREEN_LANG).
_language: list[str] = [ENGLISH]


def use_language(code: str | None) -> None:
    """Speak ``code`` from now on (None: English, the default for scripts)."""
    _language[0] = code if code in CLI_TEXTS else ENGLISH


def language() -> str:
    """The language of this run's human-readable lines."""
    return _language[0]


def cli_text(locale: str, key: str, /, **params: object) -> str:
    """The command line's text ``key`` in ``locale``, its ``{parameters}`` filled; a parameter
    that is an error or a sentence of the records layer is given in ``locale`` too."""
    template = CLI_TEXTS.get(locale, CLI_TEXTS[ENGLISH]).get(key) or CLI_TEXTS[ENGLISH][key]
    if not params:
        return template
    return template.format(**{k: _shown(v, locale) for k, v in params.items()})


def _shown(value: object, locale: str) -> object:
    if isinstance(value, BaseException):
        return error_text(value, locale)
    if isinstance(value, Sentence):
        return render(value, locale)
    return value


def shown(said: BaseException | str) -> str:
    """An error (or a records-layer sentence) in this run's language: what the commands print
    for a problem the records layer, the settings or the file reader explained."""
    return str(_shown(said, _language[0]))


def say(key: str, /, **params: object) -> str:
    """:func:`cli_text` in this run's language."""
    return cli_text(_language[0], key, **params)


def columns(key: str) -> list[str]:
    """A table's header row, written ``A|B|C`` in the catalogue."""
    return say(key).split("|")


def joined(items: list[str]) -> str:
    """Items in running text ("a; b" / "a；b")."""
    return say("list_separator").join(items)


__all__ = [
    "CLI_TEXTS",
    "cli_text",
    "columns",
    "joined",
    "language",
    "say",
    "shown",
    "use_language",
]
