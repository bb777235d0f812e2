"""Why a file is not read, in English and Chinese (:mod:`nkscreen.safe_files`' sentences).

Registered with :mod:`nkscreen.sentences`; the English is the text nkscreen always said.
An operating system's own error text (``{error}``) and a folder's name stay as they are.
"""

from __future__ import annotations

from typing import Final

from nkscreen import sentences

TEMPLATES: Final[dict[str, str]] = {
    "file.folder": "this is a folder, not a file",
    "file.fifo": "this is a named pipe (FIFO), not a file",
    "file.device": "this is a device, not a file",
    "file.socket": "this is a socket, not a file",
    "file.special": "this is not a regular file",
    "file.missing": "the file does not exist",
    "file.path_not_folder": "a folder on its path is a file, not a folder",
    "file.no_permission": "no permission to read the file",
    "file.link_changed": "this is a link that was changed while reading it",
    "file.cannot_read": "cannot read the file: {error}",
    "file.too_large": "the file is too large to be an nkscreen file ({size:,} bytes; the limit "
    "is {limit:,})",
    "file.link_outside": "this is a link to a file outside {folder}, which is not read",
    "file.too_deep": "the data is nested more than {limit} levels deep, which no nkscreen file is",
    "file.problem": "{path}: {problem}",
}

TEMPLATES_ZH_CN: Final[dict[str, str]] = {
    "file.folder": "这是文件夹，不是文件",
    "file.fifo": "这是命名管道（FIFO），不是文件",
    "file.device": "这是设备，不是文件",
    "file.socket": "这是套接字，不是文件",
    "file.special": "这不是普通文件",
    "file.missing": "文件不存在",
    "file.path_not_folder": "其路径上的某个文件夹实际是文件，不是文件夹",
    "file.no_permission": "没有读取该文件的权限",
    "file.link_changed": "这是一个链接，读取时被改动了",
    "file.cannot_read": "无法读取该文件：{error}",
    "file.too_large": "文件太大，不可能是 nkscreen 文件（{size:,} 字节；上限为 {limit:,} 字节）",
    "file.link_outside": "这是指向 {folder} 之外文件的链接，不予读取",
    "file.too_deep": "数据嵌套超过 {limit} 层，nkscreen 文件不会如此",
    "file.problem": "{path}：{problem}",
}

sentences.register(TEMPLATES, TEMPLATES_ZH_CN)
