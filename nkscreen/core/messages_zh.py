"""The core's message templates in Simplified Chinese (Qt-free).

The same ids and placeholders as :data:`nkscreen.core.messages.TEMPLATES` (a test checks
both): the printout in Chinese (``nkscreen pdf --lang zh_CN``) and the window in Chinese
(nkscreen.ui.i18n.message_text) render them alike, so screen and paper say the same words.
Placeholders are filled with Chinese labels, units and status words by
:mod:`nkscreen.core.localize`; numbers, dates, units and abbreviations (ALT, ULN, CrCl) stay as
clinicians write them.
"""

from __future__ import annotations

from typing import Final

TEMPLATES_ZH_CN: Final[dict[str, str]] = {
    "rule.problem": "{label}：{problem}",
    "derived.earliest_none_dated": "没有已填写日期的暴露：无需等待",
    "invalid.wrong_unit": "{value} {unit} 超出有效范围（{range}）：是否应为 {other}？",
    "invalid.unit_missing": "请选择单位（{choices}）",
    "derived.earliest_ongoing": "{what}仍在进行，无法确定可输注日期",
    # --- validation -----------------------------------------------------------------------
    "invalid.unknown_field": "未知字段{hint}",
    "invalid.not_a_number": "{value} 不是数字",
    "invalid.not_an_integer": "{value} 不是整数",
    "invalid.number_extreme": "{value} 不是常规录入的十进制数"
    "（最多40位数字，介于10^-30与10^30之间）",
    "invalid.not_text": "{value} 不是文本",
    "invalid.text_pattern": "{value} 无效：{rule}",
    "invalid.not_yes_no": "{value} 不是有效回答：请填 yes 或 no",
    "invalid.not_a_choice": "{value} 不是以下选项之一：{choices}",
    "invalid.not_a_date": "{value} 不是日期：请使用 YYYY-MM-DD 格式",
    "invalid.not_an_exposure": "{value} 无效：请填写日期（YYYY-MM-DD）、none 或 ongoing",
    "invalid.below_min": "{value} {unit} 低于有效范围（{range}）",
    "invalid.above_max": "{value} {unit} 高于有效范围（{range}）",
    "invalid.unit_required": "请选择单位（{choices}）",
    "invalid.after_date": "{value} 晚于{other_label}（{other}）",
    "invalid.too_old": "{value} 对应年龄为{years}岁，超过{limit}岁",
    "invalid.contradiction": "{label} = {value} 与 {other_label} = {other_value} 相矛盾",
    "invalid.not_a_list": "{value} 不是药物列表（未使用时填 []）",
    "invalid.agent_not_object": "第{index}项：不是包含 agent 和 last_dose 的对象",
    "invalid.agent_unknown_key": "第{index}项：未知键 {key!r}",
    "invalid.agent_name": "第{index}项：必须填写药物名称",
    "invalid.agent_last_dose": "第{index}项：last_dose {value} 必须为日期（YYYY-MM-DD）或 ongoing",
    "invalid.agent_last_dose_after": "第{index}项：末次给药 {value} 晚于{other_label}（{other}）",
    "invalid.agent_half_life": "第{index}项：half_life_hours {value} 必须为大于0且不超过8760的数字",
    # --- explanations of rule leaves --------------------------------------------------------
    "rule.missing": "{label}：未填写",
    "rule.not_applicable": "不适用：{reason}",
    "rule.equals": "{label}：{answer}",
    "rule.compare": "{label} {value} {unit} {relation} {limit} {unit}",
    "rule.uln": "{label} {value} {unit} / ULN {uln} = {multiple} × ULN {relation} {limit} × ULN"
    "（限值 {absolute}）",
    "rule.criterion": "{id} {status}：{evidence}",
    "rule.exposure_none": "{label}：无",
    "rule.exposure_ongoing": "{label}：仍在进行，处于{window}窗口期内",
    "rule.exposure_within": "{label}：{date}，{reference}前{days}天，处于{window}窗口期内",
    "rule.exposure_outside": "{label}：{date}，{reference}前{days}天，在{window}窗口期外",
    "rule.agents_none": "{label}：无",
    "rule.agent_ongoing": "{agent}：仍在使用，处于其{window}窗口期内",
    "rule.agent_within": "{agent}：末次给药 {date}，{reference}前{days}天，处于其{window}窗口期内",
    "rule.agent_outside": "{agent}：末次给药 {date}，{reference}前{days}天，在其{window}窗口期外",
    "rule.crcl_missing": "{label}：尚无法实测或计算",
    "derived.clearance_given": "实测：{value} mL/min",
    "derived.crcl_cockcroft_gault": "Cockcroft-Gault公式：(140 - {age}岁) × {weight} kg{female} / "
    "(72 × {serum} {unit}) = {value} mL/min",
    # --- results --------------------------------------------------------------------------
    "reason.criterion": "{id} {label}：{status}。依据：{evidence}",
    "warning.stale_evidence": "{label} {date}，早于评估日期{days}天（本中心时限{limit}天）",
    # --- case files ---------------------------------------------------------------------
    "protocol.changed": "自本记录建立以来，{protocol} 的方案文件已更改（当时 sha256 {then}...，"
    "现在 {now}...）：所示标准按现已安装的文件重新评估。",
    "protocol.version_missing": "本记录所用的方案版本（{protocol}，{version}）未安装："
    "所示标准按版本 {installed} 重新评估。",
    "protocol.missing": "本记录的方案（{protocol}，{version}）未安装："
    "请将其文件加入本中心的方案文件夹以查看其标准。",
    "case.unreadable": "无法读取病例文件：{detail}",
    "case.not_json": "病例文件不是有效的 JSON：{detail}",
    "case.not_object": "病例文件必须是包含 protocol 和 answers 的 JSON 对象",
    "case.no_protocol": '病例文件未指明 "protocol"',
    "case.unknown_protocol": "未知方案 {protocol!r}（本程序已知：{known}）",
    "case.unknown_version": "方案 {protocol} 的版本 {version!r} 未安装（已安装：{known}）",
    "case.bad_version": '病例文件的 "protocol_version" 必须是文本',
    "case.lone_surrogate": "{where}：文本中含有单独的代理项转义（\\ud800-\\udfff），不是有效字符",
    "case.no_answers": '病例文件缺少 "answers" 对象',
    # --- cases from an EDC (a REDCap row, a FHIR QuestionnaireResponse) -------------------
    "import.not_text": "该文件不是 UTF-8 文本：{detail}",
    "import.not_recognised": "该文件不是病例文件（JSON）、FHIR QuestionnaireResponse，"
    "也不是 nkscreen 导出的 REDCap 文件（缺少 nks_protocol 列）",
    "import.not_csv": "无法按 CSV 读取该文件：{detail}",
    "import.redcap_empty": "REDCap 文件中没有任何行",
    "import.redcap_unknown_column": "列 {column} 不是方案 {protocol} 的变量",
    "import.redcap_row": "第{row}行：{detail}",
    "import.fhir_not_response": "FHIR 文件中是 {kind}，而不是 QuestionnaireResponse（或其 Bundle）",
    "import.fhir_no_response": "FHIR Bundle 中没有 QuestionnaireResponse",
    "import.fhir_unknown_questionnaire": "该 QuestionnaireResponse 回答的是 {questionnaire}，"
    "而不是 nkscreen 导出的问卷",
    "import.fhir_answer": "条目 {link_id}：{detail}",
}

__all__ = ["TEMPLATES_ZH_CN"]
