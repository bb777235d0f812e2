"""Why a save, a lock, a signature or an amendment failed, in English and Chinese.

The sentences of :mod:`nkscreen.records.atomic`, :mod:`~nkscreen.records.oslock`,
:mod:`~nkscreen.records.store`, :mod:`~nkscreen.records.lifecycle`,
:mod:`~nkscreen.records.signing` and :mod:`~nkscreen.records.assessment`, registered with
:mod:`nkscreen.sentences`. File and folder names, an operating system's own error text
(``{error}``) and values stay as they are.
"""

from __future__ import annotations

from typing import Final

from nkscreen import sentences

TEMPLATES: Final[dict[str, str]] = {
    # --- why a write failed (atomic.describe_os_error) -----------------------------------
    "disk.full": "the disk holding {folder} is full",
    "disk.read_only": "the folder {folder} is on a read-only disk",
    "disk.no_permission": "no permission to write in {folder}",
    "disk.no_folder": "the folder {folder} does not exist",
    "disk.other": "{error} ({folder})",
    "disk.save_failed": "Could not save {name}: {problem}. Nothing already saved was changed.",
    "disk.lock_failed": "Could not save: {problem}. Nothing already saved was changed.",
    "disk.prepare_failed": "Could not prepare the folder {folder}: {problem}. Nothing already "
    "saved was changed.",
    "disk.lock_not_file": "the lock file is not a regular file",
    # --- someone else is editing ---------------------------------------------------------
    "lock.screening": "This screening",
    "lock.record": "This record",
    "lock.journal": "The data folder's journal",
    "lock.this_computer": "this computer",
    "lock.holder": "process {pid} on {where}, since {since}",
    "lock.holder_user": "user {user}, process {pid} on {where}, since {since}",
    "lock.another_program": "another program",
    "lock.held": "{what} is open for editing in another window or process ({who}). Close it "
    "there first, then try again.",
    # --- the store refuses a save --------------------------------------------------------
    "store.not_intact": "The record cannot be saved: {reason}.",
    "store.created_meanwhile": "{name} was created by someone else meanwhile; reopen the "
    "screening.",
    "store.journal_failed": "{name} was saved, but the data folder's journal could not be "
    "updated: {error}. 'nkscreen verify --all' will report this record as not journaled.",
    "store.unreadable_existing": "{name} exists but cannot be read ({reason}); it was left "
    "untouched.",
    "store.older_signed": "Version {version} of this screening already exists and is signed: "
    "only the newest version can be amended. Open the newest version.",
    "store.another_record": "{name} holds another record (version {version} of this screening "
    "was saved from elsewhere); reopen the screening.",
    "store.fails_verification": "{name} fails verification ({reason}); it was left untouched.",
    "store.superseded": "Version {version} has been superseded by a newer version of this "
    "screening: sign the newest version instead.",
    "store.signed": "This record is signed and can no longer be changed. Use Amend to make a "
    "new version with a reason.",
    "store.no_previous": "A new version must name the version it replaces.",
    "store.previous_unreadable": "The version being amended cannot be read: {reason}.",
    "store.not_latest": "Only the latest signed version of a screening can be amended.",
    "store.no_draft": "there is no draft for this screening",
    # --- amending and signing ------------------------------------------------------------
    "amend.no_reason": "An amendment needs a reason.",
    "amend.unsigned": "Only a signed record is amended; an unsigned one is simply edited and "
    "saved.",
    "amend.nothing": "The amendment changes nothing: there is nothing to sign again.",
    "sign.unknown_meaning": "Unknown signature meaning {meaning}.",
    "sign.statement": "The statement {statement} is not what nkscreen shows for a signature of "
    "{meaning}.",
    "sign.cannot": "This record cannot be signed: {reason}.",
    "sign.already": "{name} has already signed this record as {meaning}.",
    "sign.number": "This record holds a number that cannot be signed: {error}.",
    # --- what keeps an assessment from becoming a record (assessment.NotSavableError) ---
    "save.required": "{id}: {label} is required to save a record",
    "save.field_problem": "{field}: {problem}",
}

TEMPLATES_ZH_CN: Final[dict[str, str]] = {
    "disk.full": "{folder} 所在的磁盘已满",
    "disk.read_only": "文件夹 {folder} 位于只读磁盘上",
    "disk.no_permission": "没有在 {folder} 中写入的权限",
    "disk.no_folder": "文件夹 {folder} 不存在",
    "disk.other": "{error}（{folder}）",
    "disk.save_failed": "无法保存 {name}：{problem}。已保存的内容均未改动。",
    "disk.lock_failed": "无法保存：{problem}。已保存的内容均未改动。",
    "disk.prepare_failed": "无法准备文件夹 {folder}：{problem}。已保存的内容均未改动。",
    "disk.lock_not_file": "锁文件不是普通文件",
    "lock.screening": "该筛选",
    "lock.record": "该记录",
    "lock.journal": "数据文件夹日志",
    "lock.this_computer": "本机",
    "lock.holder": "{where}上的进程 {pid}，自 {since} 起",
    "lock.holder_user": "用户 {user}，{where}上的进程 {pid}，自 {since} 起",
    "lock.another_program": "另一个程序",
    "lock.held": "{what}正在另一个窗口或进程中编辑（{who}）。请先在那里关闭，然后重试。",
    "store.not_intact": "无法保存记录：{reason}。",
    "store.created_meanwhile": "{name} 在此期间已由他人创建；请重新打开该筛选。",
    "store.journal_failed": "{name} 已保存，但无法更新数据文件夹日志：{error}。"
    "“nkscreen verify --all”会将此记录报告为未记入日志。",
    "store.unreadable_existing": "{name} 已存在但无法读取（{reason}）；未作任何改动。",
    "store.older_signed": "该筛选的第 {version} 版已存在且已签名：只能修订最新版本。"
    "请打开最新版本。",
    "store.another_record": "{name} 中是另一份记录（该筛选的第 {version} 版是在别处保存的）；"
    "请重新打开该筛选。",
    "store.fails_verification": "{name} 未通过验证（{reason}）；未作任何改动。",
    "store.superseded": "第 {version} 版已被该筛选的更新版本取代：请改为签署最新版本。",
    "store.signed": "该记录已签名，不能再更改。请使用“修订”生成附有修订原因的新版本。",
    "store.no_previous": "新版本必须注明它所替代的版本。",
    "store.previous_unreadable": "无法读取被修订的版本：{reason}。",
    "store.not_latest": "只能修订筛选的最新已签名版本。",
    "store.no_draft": "该筛选没有草稿",
    "amend.no_reason": "修订需要填写修订原因。",
    "amend.unsigned": "只有已签名的记录才需修订；未签名的记录直接编辑并保存即可。",
    "amend.nothing": "此次修订没有任何改动：无需再次签名。",
    "sign.unknown_meaning": "未知的签名含义 {meaning}。",
    "sign.statement": "声明 {statement} 不是 nkscreen 为“{meaning}”签名显示的声明。",
    "sign.cannot": "该记录无法签名：{reason}。",
    "sign.already": "{name} 已以“{meaning}”的签名含义签署过该记录。",
    "sign.number": "该记录含有无法签名的数字：{error}。",
    "save.required": "{id}：保存记录须填写{label}",
    "save.field_problem": "{field}：{problem}",
}

sentences.register(TEMPLATES, TEMPLATES_ZH_CN)
