"""Problems with a signing identity, a public key file or the trusted signers list, in
English and Chinese.

The sentences of :mod:`nkscreen.records.identity`, :mod:`~nkscreen.records.public_identity`
and :mod:`~nkscreen.records.trust`, registered with :mod:`nkscreen.sentences`. Paths, user
ids, names and a validator's or the operating system's own words stay as they are.
"""

from __future__ import annotations

from typing import Final

from nkscreen import sentences

TEMPLATES: Final[dict[str, str]] = {
    # --- identity.py -----------------------------------------------------------------------
    "identity.wrong_passphrase": "Wrong passphrase for identity {user_id}: nothing was written.",
    "identity.bad_user_id": "A user id is a plain name of 1-64 characters: letters, digits, "
    "'.', '_', '@' or '-', not starting with '.' and without '/' or '\\': {user_id} is not one.",
    "identity.short_passphrase": "The passphrase must have at least {length} characters and "
    "not only spaces.",
    "identity.name_role": "An identity needs a printed name and a role.",
    "identity.exists": "An identity for user id {user_id} already exists in {folder}.",
    "identity.cannot_create": "The identity cannot be created: {error}.",
    "identity.key_unreadable": "{where} is damaged: its public key is not readable.",
    "identity.fingerprint": "{where} is damaged: its fingerprint does not match its key.",
    "identity.file": "Identity file {name}",
    "identity.unusable": "Identity file {name} is unusable: {reason}.",
    "identity.not_identity": "{name} is not an nkscreen identity file.",
    "identity.newer": "Identity file {name} was made by a newer nkscreen.",
    "identity.malformed": "Identity file {name} is malformed ({error}).",
    "identity.damaged": "Identity file {name} is damaged: {problem}.",
    "identity.changed": "The identity file {path} was changed: its name, user id or role no "
    "longer match its key.",
    "identity.none": "There is no identity with user id {user_id} in {folder}.",
    "identity.other_user": "The identity file {path} holds the identity of {found}, not {user_id}.",
    "identity.not_readable": "Identity {user_id} is damaged: it is not readable.",
    "identity.halves": "Identity {user_id} is damaged: its key halves do not match.",
    "identity.other_key": "The key given is not the key of identity {user_id}.",
    "identity.not_updated": "Could not update the identity file {path}: {error}. It was left as "
    "it was.",
    # --- public_identity.py ----------------------------------------------------------------
    "public.legacy": "Identity {user_id} was made by an older nkscreen: type its passphrase "
    "once (sign, or export again) to bind its name and role to its key.",
    "public.not_exportable": "Identity {user_id} cannot be exported: its file was not written "
    "by nkscreen.",
    "public.unusable": "{path} is not a usable public key: {reason}.",
    "public.old_export": "{path} is not a usable public key: it was exported by an older "
    "nkscreen, without the signature that binds its name and role to its key; export it again.",
    "public.not_public": "{path} is not a usable public key: it is not an nkscreen public "
    "identity.",
    "public.changed": "{path} was changed: its name, user id or role no longer match its key.",
    # --- trust.py --------------------------------------------------------------------------
    "trust.unreadable": "Cannot read the trusted signers list {path}: {reason}.",
    "trust.unusable": "The trusted signers list {path} is unusable: {reason}.",
    "trust.not_list": "{path} is not an nkscreen trusted signers list.",
    "trust.legacy": "The trusted signers list {path} was written by an older nkscreen and is "
    "not signed by an administrator: the administrator must sign it again ('nkscreen identity "
    "trust --admin USER_ID', or Preferences > Trusted signers).",
    "trust.unsigned": "The trusted signers list {path} is not signed by an administrator: "
    "restore it from a backup, or remove it and sign the site's signers in again.",
    "trust.malformed": "The trusted signers list {path} is unusable ({where}: {error}).",
    "trust.admin_key": "The trusted signers list {path} is damaged: the administrator's key "
    "does not match its fingerprint.",
    "trust.changed": "The trusted signers list {path} was changed after its administrator "
    "{name} ({user_id}) signed it: restore it from a backup, or remove it and sign the site's "
    "signers in again.",
    "trust.signer_key": "The trusted signers list {path} is damaged: the fingerprint of "
    "{user_id} does not match its key.",
    "trust.no_admin": "This data folder has no administrator yet.",
    "trust.admin_identity": "The trusted signers can only be changed with the administrator's "
    "identity, {name} ({user_id}): {reason}",
    "trust.admin_other_key": "The identity {user_id} in {folder} has another key than the "
    "administrator of the trusted signers list.",
    "trust.not_written": "The trusted signers list cannot be written: {error}.",
    "trust.created_meanwhile": "The trusted signers list {path} was created meanwhile by "
    "someone else; nothing was changed.",
    "trust.only_admin": "Only the administrator of this data folder can change its trusted "
    "signers: nothing was changed.",
    "trust.only_named_admin": "Only the administrator of this data folder, {name} ({user_id}), "
    "can change its trusted signers: nothing was changed.",
    "trust.has_admin": "This data folder already has an administrator.",
    "trust.has_named_admin": "This data folder already has an administrator, {name} ({user_id}).",
}

TEMPLATES_ZH_CN: Final[dict[str, str]] = {
    "identity.wrong_passphrase": "签名身份 {user_id} 的口令错误：未写入任何内容。",
    "identity.bad_user_id": "用户名须为 1-64 个字符的简单名称：字母、数字、“.”、“_”、“@”"
    "或“-”，不以“.”开头，且不含“/”或“\\”：{user_id} 不符合要求。",
    "identity.short_passphrase": "口令至少需要 {length} 个字符，且不能只有空格。",
    "identity.name_role": "签名身份需要打印姓名和角色。",
    "identity.exists": "{folder} 中已有用户名为 {user_id} 的签名身份。",
    "identity.cannot_create": "无法创建签名身份：{error}。",
    "identity.key_unreadable": "{where} 已损坏：其公钥无法读取。",
    "identity.fingerprint": "{where} 已损坏：其密钥指纹与公钥不符。",
    "identity.file": "签名身份文件 {name}",
    "identity.unusable": "签名身份文件 {name} 无法使用：{reason}。",
    "identity.not_identity": "{name} 不是 nkscreen 签名身份文件。",
    "identity.newer": "签名身份文件 {name} 由更新版本的 nkscreen 生成。",
    "identity.malformed": "签名身份文件 {name} 格式有误（{error}）。",
    "identity.damaged": "签名身份文件 {name} 已损坏：{problem}。",
    "identity.changed": "签名身份文件 {path} 已被改动：其姓名、用户名或角色与密钥不再相符。",
    "identity.none": "{folder} 中没有用户名为 {user_id} 的签名身份。",
    "identity.other_user": "签名身份文件 {path} 中是 {found} 的签名身份，不是 {user_id} 的。",
    "identity.not_readable": "签名身份 {user_id} 已损坏：无法读取。",
    "identity.halves": "签名身份 {user_id} 已损坏：其公钥与私钥不匹配。",
    "identity.other_key": "所给的密钥不是签名身份 {user_id} 的密钥。",
    "identity.not_updated": "无法更新签名身份文件 {path}：{error}。该文件保持原样。",
    "public.legacy": "签名身份 {user_id} 由旧版本的 nkscreen 创建：请输入一次其口令（签名或"
    "重新导出），以将其姓名和角色与密钥绑定。",
    "public.not_exportable": "签名身份 {user_id} 无法导出：其文件不是由 nkscreen 写入的。",
    "public.unusable": "{path} 不是可用的公钥：{reason}。",
    "public.old_export": "{path} 不是可用的公钥：它由旧版本的 nkscreen 导出，缺少将姓名和"
    "角色与密钥绑定的签名；请重新导出。",
    "public.not_public": "{path} 不是可用的公钥：它不是 nkscreen 公开签名身份文件。",
    "public.changed": "{path} 已被改动：其姓名、用户名或角色与密钥不再相符。",
    "trust.unreadable": "无法读取受信任的签署人名单 {path}：{reason}。",
    "trust.unusable": "受信任的签署人名单 {path} 无法使用：{reason}。",
    "trust.not_list": "{path} 不是 nkscreen 受信任的签署人名单。",
    "trust.legacy": "受信任的签署人名单 {path} 由旧版本的 nkscreen 写入，且未经管理员签名："
    "管理员须重新签名（“nkscreen identity trust --admin USER_ID”，或“首选项 > 受信任的"
    "签署人”）。",
    "trust.unsigned": "受信任的签署人名单 {path} 未经管理员签名：请从备份恢复，或将其删除后"
    "重新登记本中心的签署人。",
    "trust.malformed": "受信任的签署人名单 {path} 无法使用（{where}：{error}）。",
    "trust.admin_key": "受信任的签署人名单 {path} 已损坏：管理员的公钥与其密钥指纹不符。",
    "trust.changed": "受信任的签署人名单 {path} 在管理员 {name}（{user_id}）签名后被改动："
    "请从备份恢复，或将其删除后重新登记本中心的签署人。",
    "trust.signer_key": "受信任的签署人名单 {path} 已损坏：{user_id} 的密钥指纹与其公钥不符。",
    "trust.no_admin": "该数据文件夹尚无管理员。",
    "trust.admin_identity": "受信任的签署人名单只能用管理员 {name}（{user_id}）的签名身份"
    "更改：{reason}",
    "trust.admin_other_key": "{folder} 中的签名身份 {user_id} 的密钥与受信任的签署人名单中"
    "管理员的密钥不同。",
    "trust.not_written": "无法写入受信任的签署人名单：{error}。",
    "trust.created_meanwhile": "受信任的签署人名单 {path} 在此期间已由他人创建；未作任何更改。",
    "trust.only_admin": "只有该数据文件夹的管理员才能更改其受信任的签署人名单：未作任何更改。",
    "trust.only_named_admin": "只有该数据文件夹的管理员 {name}（{user_id}）才能更改其受信任的"
    "签署人名单：未作任何更改。",
    "trust.has_admin": "该数据文件夹已有管理员。",
    "trust.has_named_admin": "该数据文件夹已有管理员 {name}（{user_id}）。",
}

sentences.register(TEMPLATES, TEMPLATES_ZH_CN)
