"""The ``pdf`` and ``evaluate`` commands' own lines in each language (part of
:data:`nkscreen.cli.texts.CLI_TEXTS`; the marks are the printout's, nkscreen.report.texts).

``evaluate``'s stderr lines carry no ``nkscreen:`` prefix, for tools that parse them; they
are English unless ``--lang`` or ``NKSCREEN_LANG`` asks for another language.
"""

from __future__ import annotations

from typing import Final

EN: Final[dict[str, str]] = {
    "pdf.output_folder": "{output} is a folder: give the PDF a file name (-o FOLDER/summary.pdf).",
    "pdf.unreadable": "{record}: cannot read the record: {problem}",
    "pdf.protocol": "{record}: the record's protocol cannot be used: {why} Nothing was written.",
    "pdf.settings": "site settings unreadable ({problem}); printing without a site name, on A4, "
    "times in this computer's time zone.",
    "pdf.translation": "cannot print in {language}: the protocol's translation is unusable: "
    "{problem}",
    "pdf.cannot_write": "cannot write {output}: {problem}",
    "pdf.written_one": "{output} ({pages} page, {page_size})",
    "pdf.written": "{output} ({pages} pages, {page_size})",
    "pdf.blank": "no font on this computer has {characters}: printed as blanks or boxes in "
    "{output}; install a font that has them and print again.",
    "pdf.superseded": "this is version {version}, superseded by version {newer} ({file}); the "
    "PDF is marked SUPERSEDED BY VERSION {newer}.",
    "pdf.invalid": "the record's signature is INVALID ({reason}); the PDF is marked SIGNATURE "
    "INVALID.",
    "pdf.broken_chain": "{reason}; the PDF is marked BROKEN CHAIN.",
    "pdf.untrusted": "the signer is not trusted at this site ({reason}).",
    "pdf.unsigned": "the record is not signed; the PDF is marked DRAFT - NOT SIGNED.",
    "evaluate.case": "{path}: {problem}",
    "evaluate.protocol": "protocol file is invalid: {problem}",
    "evaluate.internal": "{path}: internal error while evaluating ({kind}: {detail}); please "
    "report it",
}

ZH_CN: Final[dict[str, str]] = {
    "pdf.output_folder": "{output} 是文件夹：请为 PDF 指定文件名（-o FOLDER/summary.pdf）。",
    "pdf.unreadable": "{record}：无法读取记录：{problem}",
    "pdf.protocol": "{record}：无法使用该记录的方案：{why} 未写入任何内容。",
    "pdf.settings": "无法读取研究中心设置（{problem}）；打印时不注明研究中心名称，使用 A4 纸，"
    "时间按本计算机的时区显示。",
    "pdf.translation": "无法打印 {language} 版本：方案的翻译无法使用：{problem}",
    "pdf.cannot_write": "无法写入 {output}：{problem}",
    "pdf.written_one": "{output}（{pages} 页，{page_size}）",
    "pdf.written": "{output}（{pages} 页，{page_size}）",
    "pdf.blank": "本计算机上没有字体包含 {characters}：在 {output} 中打印为空白或方框；"
    "请安装包含这些字符的字体后重新打印。",
    "pdf.superseded": "这是第 {version} 版，已被第 {newer} 版（{file}）取代；PDF 标注为"
    "“已被第{newer}版取代”。",
    "pdf.invalid": "记录的签名无效（{reason}）；PDF 标注为“签名无效”。",
    "pdf.broken_chain": "{reason}；PDF 标注为“版本链断裂”。",
    "pdf.untrusted": "签署人未获本中心信任（{reason}）。",
    "pdf.unsigned": "记录尚未签名；PDF 标注为“草稿 - 未签名”。",
    "evaluate.case": "{path}：{problem}",
    "evaluate.protocol": "方案文件无效：{problem}",
    "evaluate.internal": "{path}：评估时发生内部错误（{kind}: {detail}）；请报告此问题。",
}
