"""Why a protocol file (or its translation beside it) cannot be used, in English and Chinese.

The sentences of :mod:`nkscreen.core.protocol` (reading and parsing),
:mod:`~nkscreen.core.protocol_checks` (what the file means), :mod:`~nkscreen.core.library`
(a version installed twice) and :mod:`~nkscreen.core.protocol_texts` (a side file), registered
with :mod:`nkscreen.sentences`: Preferences > Protocols, the window's dialogs and the
``nkscreen protocol`` commands show them in their language. The file's own ids, keys, types
and values (``'ecog'``, ``yes_no``, ``uln_field``) and pydantic's or the JSON parser's own
words (``{message}``, ``{error}``) stay as written: they are what the file's author searches for.
"""

from __future__ import annotations

from typing import Final

from nkscreen import sentences

TEMPLATES: Final[dict[str, str]] = {
    # --- reading and parsing (protocol.py, library.py) ------------------------------------
    "pfile.problems": "{source}: {problems}",
    "pfile.cannot_read": "cannot read: {reason}",
    "pfile.not_json": "not valid JSON: {error}",
    "pfile.surrogate": "{where}: the text holds a lone surrogate escape",
    "pfile.no_such": "no such protocol",
    "pfile.shape": "{where}: {message}",
    "pfile.top_level": "(top level)",
    "pfile.installed": "version: {id} version {version} is already installed ({name}, "
    "{origin}); give this file another version",
    "pfile.origin.bundled": "bundled",
    "pfile.origin.site": "site",
    # --- a side file (protocol_texts.py) ---------------------------------------------------
    "ptexts.other_protocol": "it translates protocol {given}, not {wanted}",
    "ptexts.no_such_text": "{key}: the protocol has no such text",
    "ptexts.other_locale": "it is for locale {given}, not {wanted}",
    # --- where in the file (protocol_checks.py) -------------------------------------------
    "pcheck.at.field": "field {id}{part}",
    "pcheck.at.criterion": "criterion {id}{part}",
    "pcheck.at.section": "section {id}{part}",
    "pcheck.at.derived": "derived {id}",
    "pcheck.or": "{first} or {rest}",
    "pcheck.and": "{first} and {rest}",
    "pcheck.list": "{first}, {rest}",
    "pcheck.none": "none",
    # --- what the file means (protocol_checks.py) -----------------------------------------
    "pcheck.duplicate_fields": "fields: duplicate field ids",
    "pcheck.unknown_field": "{where}: unknown field {field}",
    "pcheck.wrong_type": "{where}: field {field} is {type}, expected {expected}",
    "pcheck.duplicate_criterion": "{where}: duplicate criterion id {id}",
    "pcheck.yes_no_value": "{where}: {field} is yes/no, cannot equal {value}",
    "pcheck.not_a_choice": "{where}: {value} is not a choice of {field}",
    "pcheck.unknown_derived": "{where}: unknown derived value {id}",
    "pcheck.not_lab_row": "{where}: {value} is not a lab row whose ULN is {uln} (give the field "
    "role 'lab_value' and uln_field {uln})",
    "pcheck.unknown_criterion": "{where}: unknown criterion {id}",
    "pcheck.evidence_unlisted": "{where}: an evidence date must be listed in the fields of the "
    "criterion it supports",
    "pcheck.evidence_type": "{where}: an evidence date must be a date field, not {type}",
    "pcheck.no_choices": "{where}: a choice field needs choices",
    "pcheck.factor_each": "{where}: need a factor for each of {units}",
    "pcheck.factor_number": "{where}: other units need a number with a 'unit'",
    "pcheck.factor_one": "{where}: {unit} (the field's unit) needs the factor 1 and every factor "
    "must be above 0",
    "pcheck.optional_required": "{where}: a field cannot be both optional and required_for_record",
    "pcheck.role_twice": "{where}: role {role} is already given to {field}",
    "pcheck.role_type": "{where}: role {role} needs a {wanted} field, not {type}",
    "pcheck.sex_choices": "{where}: role 'patient_sex' needs exactly the choices {wanted}, not "
    "{given}",
    "pcheck.uln_only_lab": "{where}: only a field with role 'lab_value' names a ULN",
    "pcheck.example_only_uln": "{where}: only a field with role 'uln' has an example",
    "pcheck.example_unit": "{where}: {unit} is not one of {units}",
    "pcheck.uln_unnamed": "{where}: no lab row (role 'lab_value') names this ULN",
    "pcheck.lab_needs_uln": "{where}: a lab row (role 'lab_value') needs uln_field",
    "pcheck.uln_needs_role": "{where}: {uln} needs the role 'uln'",
    "pcheck.same_unit": "{where}: {uln} must have the same unit as {field}",
    "pcheck.no_factor": "{where}: no factor for {unit}",
}

TEMPLATES_ZH_CN: Final[dict[str, str]] = {
    "pfile.problems": "{source}：{problems}",
    "pfile.cannot_read": "无法读取：{reason}",
    "pfile.not_json": "不是有效的 JSON：{error}",
    "pfile.surrogate": "{where}：文本含有单独的代理项转义",
    "pfile.no_such": "没有此方案",
    "pfile.shape": "{where}：{message}",
    "pfile.top_level": "（最外层）",
    "pfile.installed": "'version'：{id} 版本 {version} 已安装（{name}，{origin}）；请为此文件"
    "另定版本",
    "pfile.origin.bundled": "内置",
    "pfile.origin.site": "本中心",
    "ptexts.other_protocol": "它翻译的是方案 {given}，而不是 {wanted}",
    "ptexts.no_such_text": "{key}：方案中没有此文本",
    "ptexts.other_locale": "它的语言是 {given}，而不是 {wanted}",
    "pcheck.at.field": "字段 {id}{part}",
    "pcheck.at.criterion": "标准 {id}{part}",
    "pcheck.at.section": "部分 {id}{part}",
    "pcheck.at.derived": "计算值 {id}",
    "pcheck.or": "{first} 或 {rest}",
    "pcheck.and": "{first} 和 {rest}",
    "pcheck.list": "{first}、{rest}",
    "pcheck.none": "无",
    "pcheck.duplicate_fields": "'fields'：字段 id 重复",
    "pcheck.unknown_field": "{where}：未知字段 {field}",
    "pcheck.wrong_type": "{where}：字段 {field} 是 {type}，应为 {expected}",
    "pcheck.duplicate_criterion": "{where}：标准 id {id} 重复",
    "pcheck.yes_no_value": "{where}：{field} 是“是/否”字段，不能等于 {value}",
    "pcheck.not_a_choice": "{where}：{value} 不是 {field} 的选项",
    "pcheck.unknown_derived": "{where}：未知计算值 {id}",
    "pcheck.not_lab_row": "{where}：{value} 不是 ULN 为 {uln} 的检验项目（请为该字段设置角色 "
    "'lab_value' 和 'uln_field' {uln}）",
    "pcheck.unknown_criterion": "{where}：未知标准 {id}",
    "pcheck.evidence_unlisted": "{where}：判定依据日期必须列在以它为依据的标准的 'fields' 中",
    "pcheck.evidence_type": "{where}：判定依据日期必须是日期字段，而不是 {type}",
    "pcheck.no_choices": "{where}：选项字段需要 'choices'",
    "pcheck.factor_each": "{where}：{units} 中的每个单位都需要换算系数",
    "pcheck.factor_number": "{where}：其他单位只适用于带 'unit' 的数值字段",
    "pcheck.factor_one": "{where}：{unit}（该字段的单位）的换算系数必须为 1，且每个换算系数都必须"
    "大于 0",
    "pcheck.optional_required": "{where}：字段不能同时为 'optional' 和 'required_for_record'",
    "pcheck.role_twice": "{where}：角色 {role} 已分配给 {field}",
    "pcheck.role_type": "{where}：角色 {role} 需要 {wanted} 字段，而不是 {type}",
    "pcheck.sex_choices": "{where}：角色 'patient_sex' 的选项必须正好是 {wanted}，而不是 {given}",
    "pcheck.uln_only_lab": "{where}：只有角色为 'lab_value' 的字段才指定 ULN",
    "pcheck.example_only_uln": "{where}：只有角色为 'uln' 的字段才有示例值",
    "pcheck.example_unit": "{where}：{unit} 不在 {units} 之中",
    "pcheck.uln_unnamed": "{where}：没有检验项目（角色 'lab_value'）指定此 ULN",
    "pcheck.lab_needs_uln": "{where}：检验项目（角色 'lab_value'）需要 'uln_field'",
    "pcheck.uln_needs_role": "{where}：{uln} 需要角色 'uln'",
    "pcheck.same_unit": "{where}：{uln} 的单位必须与 {field} 相同",
    "pcheck.no_factor": "{where}：没有 {unit} 的换算系数",
}

sentences.register(TEMPLATES, TEMPLATES_ZH_CN)
