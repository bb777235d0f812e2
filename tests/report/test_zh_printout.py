"""The printout in Chinese: ``nkscreen pdf --lang zh_CN``, a record printed in either language,
the bundled CJK font embedded, characters no font can print reported, English unchanged."""

from __future__ import annotations

import json
import re
import shutil
import string
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from nkscreen import paths
from nkscreen.cli import main
from nkscreen.core.engine import evaluate
from nkscreen.core.protocol import Protocol
from nkscreen.core.protocol_texts import localized
from nkscreen.records.identity import UnlockedIdentity
from nkscreen.records.store import LoadedRecord
from nkscreen.report.glyphs import missing_glyphs, unprintable_characters
from nkscreen.report.render import pdf_bytes
from nkscreen.report.summary import build_summary, summary_for_record
from nkscreen.report.texts import REPORT_TEXTS
from nkscreen.resources import resource_path
from tests.records.helpers import throwaway_identity, write_trusted
from tests.report.conftest import PRINTED_AT, SITE_ZONE, PdfText, case_answers, read_pdf

RecordFactory = Callable[..., LoadedRecord]
ZH_SITE = "北京大学第一医院 血液科"
CJK_FONTS = ("NotoSansCJKscNkscreen-Regular", "NotoSansCJKscNkscreen-Bold")
#: Zhé (four dragons, CJK Extension B): in no font of a usual Linux or Windows install.
RARE = "\U0002a6a5"


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), "pdf", *args])


def font_names(pdf: PdfText) -> set[str]:
    """The base font names embedded in the PDF ("ABCDEF+" subset tags removed)."""
    names = set()
    for page in pdf.reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            names.add(str(ref.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])
    return names


def tight(text: str) -> str:
    """Text without whitespace: pypdf puts a space where the font changes (NK细胞 reads
    "NK 细胞"), so Chinese is compared without spaces."""
    return re.sub(r"\s+", "", text)


def zh_signer() -> UnlockedIdentity:
    return throwaway_identity(21, name="张敏", user_id="zhangmin", role="主要研究者")


@pytest.fixture
def zh_data_dir(tmp_path: Path) -> Path:
    """A data folder whose trusted signer is 张敏."""
    base = tmp_path / "zh-data"
    write_trusted(paths.trusted_signers_path(base), zh_signer())
    return base


def test_the_printout_catalogue_is_complete_in_every_language() -> None:
    english = REPORT_TEXTS["en"]
    for locale, texts in REPORT_TEXTS.items():
        assert texts.keys() == english.keys(), locale
        for key, template in texts.items():
            names = {n for _, n, _, _ in string.Formatter().parse(template) if n}
            assert names == {n for _, n, _, _ in string.Formatter().parse(english[key]) if n}, key


def test_nkscreen_pdf_in_chinese_prints_every_criterion(
    saved_record: RecordFactory,
    zh_data_dir: Path,
    protocol: Protocol,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    loaded = saved_record("eligible_female", (zh_signer(), "authorship"))
    out = tmp_path / "zh.pdf"
    assert run(zh_data_dir, str(loaded.path), "-o", str(out), "--lang", "zh_CN") == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert f"{out}（3 页，A4）" in captured.out  # summary, answers, criteria as registered
    pdf = read_pdf(out.read_bytes())
    flat = tight(pdf.flat)
    summary = tight(pdf.page_flat(0))
    for heading in ("入选标准（须全部符合）", "排除标准（须全部不存在）"):
        assert heading in summary, heading
    assert "✓符合入组条件" in summary
    texts = localized(protocol, "zh_CN")
    ids = re.findall(r"\b[IE]\d[A-F]?\b", pdf.page_flat(0))
    for criterion in protocol.all_criteria:
        assert criterion.id in ids, criterion.id
        assert tight(texts.criterion_label(criterion.id)) in summary, criterion.id
    # The criteria as registered: the Chinese rendering over the verbatim English.
    registry = tight(pdf.page_flat(2))
    assert "入选标准与排除标准原文" in registry
    for criterion in protocol.all_criteria:
        chinese = tight(texts.criterion_text(criterion.id))
        english = tight(texts.registry_text(criterion.id))
        assert chinese in registry, criterion.id
        assert english in registry, criterion.id
        assert registry.index(chinese) < registry.index(english), criterion.id
    # The signer, the footer and the manifestation in Chinese; the statement as signed.
    assert "签署人：张敏（zhangmin），主要研究者" in flat
    assert tight("签名含义：作者 - I performed this screening; this record is my work.") in flat
    assert "打印时验证：有效" in flat
    assert "第1页，共3页" in flat
    # A Chinese monitor's text layer: the ideographs, never their look-alike radicals.
    assert not re.search(r"[\u2e80-\u2fdf\uf900-\ufaff]", flat)


def test_the_bundled_cjk_font_is_embedded(
    saved_record: RecordFactory, zh_data_dir: Path, tmp_path: Path
) -> None:
    loaded = saved_record("alt_4x", (zh_signer(), "authorship"))
    out = tmp_path / "zh.pdf"
    run(zh_data_dir, str(loaded.path), "-o", str(out), "--lang", "zh_CN")
    names = font_names(read_pdf(out.read_bytes()))
    assert set(CJK_FONTS) <= names  # regular and bold (headings, the verdict)
    assert "DejaVuSans" in names  # Latin letters and digits stay in DejaVu Sans
    assert not any(n.startswith("NotoSansCJKsc-") for n in names)  # never a system copy
    if shutil.which("pdffonts"):
        listing = subprocess.run(
            ["pdffonts", str(out)], capture_output=True, text=True, check=True
        ).stdout
        for name in CJK_FONTS:
            line = next(line for line in listing.splitlines() if name in line)
            assert " yes " in line  # embedded


@pytest.mark.parametrize("locale", ["en", "zh_CN"])
def test_a_signer_named_zhang_min_prints_in_both_languages(
    saved_record: RecordFactory,
    zh_data_dir: Path,
    tmp_path: Path,
    locale: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Records hold ids and values: one record prints in either language."""
    loaded = saved_record("eligible_male", (zh_signer(), "approval"))
    out = tmp_path / f"{locale}.pdf"
    assert run(zh_data_dir, str(loaded.path), "-o", str(out), "--lang", locale) == 0
    assert capsys.readouterr().err == ""  # nothing unprintable
    pdf = read_pdf(out.read_bytes())
    flat = tight(pdf.flat)
    if locale == "en":
        assert tight("Signed by 张敏 (zhangmin), 主要研究者") in flat
        assert tight("Signed by 张敏 (approval, ") in flat  # the footer of every page
        assert "✓ ELIGIBLE" in pdf.flat
    else:
        assert "签署人：张敏（zhangmin），主要研究者" in flat
        assert "签署：张敏（批准，" in flat
        assert "✓符合入组条件" in flat
    for index in range(len(pdf.pages)):
        assert "张敏" in pdf.page_flat(index)
    assert set(CJK_FONTS[:1]) <= font_names(pdf)


def test_the_english_printout_is_unchanged(protocol: Protocol) -> None:
    """English by default, without a Chinese character or the CJK font in it."""
    answers = case_answers("alt_4x")
    evaluation = evaluate(protocol, answers)
    default = build_summary(protocol, answers, evaluation, printed_at=PRINTED_AT, zone=SITE_ZONE)
    english = build_summary(
        protocol, answers, evaluation, printed_at=PRINTED_AT, zone=SITE_ZONE, locale="en"
    )
    assert default == english
    assert english.criteria_texts == ()
    data, pages = pdf_bytes(english)
    pdf = read_pdf(data)
    assert pages == 2
    assert not re.search(r"[\u3000-\u9fff\uff00-\uffef]", pdf.flat)
    assert "Reasons for the verdict" in pdf.flat
    assert "Inclusion criteria (each must be met)" in pdf.flat
    assert "ALT 160 U/L / ULN 40 = 4.00 × ULN > 3 × (limit 120 U/L)" in pdf.flat
    names = font_names(pdf)
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= names
    assert not any("CJK" in name for name in names)


@pytest.mark.parametrize(
    "case",
    [
        "eligible_male",
        "eligible_female",
        "alt_4x",
        "antitumor_recent",
        "dli_recent",
        "ecog_3",
        "inr_high_aptt_ok",
        "missing_lvef",
        "pregnant",
        "bad_number",
    ],
)
@pytest.mark.parametrize("page_size", ["A4", "Letter"])
def test_the_chinese_summary_keeps_to_one_page(
    protocol: Protocol, case: str, page_size: str
) -> None:
    """Line metrics like DejaVu's keep a Chinese summary on one page, the answers on the
    next and the criteria as registered on the third."""
    answers = case_answers(case)
    summary = build_summary(
        protocol,
        answers,
        evaluate(protocol, answers),
        site_name=ZH_SITE,
        printed_at=PRINTED_AT,
        zone=SITE_ZONE,
        locale="zh_CN",
    )
    data, pages = pdf_bytes(summary, page_size)
    pdf = read_pdf(data)
    assert pages == 3
    assert "记录与电子签名" in tight(pdf.page_flat(0))
    assert tight(pdf.page_flat(1)).count("答案附录") == 1
    assert "入选标准与排除标准原文" in tight(pdf.page_flat(2))
    assert unprintable_characters(summary) == []


def test_an_amended_version_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "site"
    monkeypatch.setenv("NKSCREEN_PASSPHRASE", "correct horse battery")

    def cli(*argv: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(["--data-dir", str(data), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    case = Path(__file__).resolve().parents[1] / "cases" / "eligible_male.json"
    assert cli("identity", "create", "--name", "张敏", "--role", "PI", "--user-id", "zm")[0] == 0
    code, out, err = cli("sign", str(case), "--meaning", "authorship", "--site", ZH_SITE)
    assert code == 0, err
    v1 = Path(out.strip())
    corrected = json.loads(case.read_text())
    corrected["answers"]["weight_kg"] = 68
    fixed = tmp_path / "fixed.json"
    fixed.write_text(json.dumps(corrected))
    code, out, err = cli(
        "amend", str(v1), str(fixed), "--reason", "体重复测", "--meaning", "authorship"
    )
    assert code == 0, err
    v2 = Path(out.strip())
    code, _, err = cli("pdf", str(v2), "-o", str(tmp_path / "v2.pdf"), "--lang", "zh_CN")
    assert code == 0, err
    text = tight(read_pdf((tmp_path / "v2.pdf").read_bytes()).flat)
    assert "修订第1版（sha256" in text
    assert "修订原因：体重复测" in text
    assert "答案变更：体重：70kg→68kg" in text
    code, _, err = cli("pdf", str(v1), "-o", str(tmp_path / "v1.pdf"), "--lang", "zh_CN")
    assert code == 0, err
    text = tight(read_pdf((tmp_path / "v1.pdf").read_bytes()).flat)
    assert "已被第2版取代" in text
    assert "第2版（张敏于" in text


def test_a_character_no_font_has_is_reported(
    saved_record: RecordFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if shutil.which("fc-list") is None:
        pytest.skip("fc-list is needed to know the computer's fonts")
    listed = subprocess.run(
        ["fc-list", f":charset={ord(RARE):x}", "family"], capture_output=True, text=True
    )
    if listed.stdout.strip():
        pytest.skip(f"this computer has a font for U+{ord(RARE):04X}: {listed.stdout.split()[0]}")
    signer = throwaway_identity(22, name=f"张{RARE}", user_id="zhangzhe", role="PI")
    base = tmp_path / "rare"
    write_trusted(paths.trusted_signers_path(base), signer)
    loaded = saved_record("eligible_male", (signer, "authorship"))
    out = tmp_path / "rare.pdf"
    assert run(base, str(loaded.path), "-o", str(out), "--lang", "zh_CN") == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        f"nkscreen: 本计算机上没有字体包含 {RARE} (U+2A6A5)：在 {out} 中打印为空白或方框；"
        "请安装包含这些字符的字体后重新打印。"
    ]


def test_unprintable_characters_are_found_in_any_part_of_the_printout(
    saved_record: RecordFactory, zh_data_dir: Path, protocol: Protocol
) -> None:
    private = "\U000f0001"  # a private-use character: no font draws it
    loaded = saved_record("eligible_male", (zh_signer(), "authorship"))
    for locale in ("en", "zh_CN"):
        summary = summary_for_record(
            loaded, protocol, site_name=f"Ward {private}", printed_at=PRINTED_AT, locale=locale
        )
        assert unprintable_characters(summary) == [private]
    assert missing_glyphs(f"张敏 ALT ≤ 3 × ULN µmol/L ✓ ✗ ⚠ {RARE[:0]}") == []


def test_a_broken_translation_stops_the_chinese_printout(
    saved_record: RecordFactory,
    zh_data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "protocols"
    folder.mkdir()
    shutil.copy(resource_path("protocols", "NCT06641648.json"), folder)
    side = json.loads(resource_path("protocols", "NCT06641648.zh_CN.json").read_text("utf-8"))
    side["fields"]["ecgo"] = {"label": "ECOG"}
    (folder / "NCT06641648.zh_CN.json").write_text(json.dumps(side), "utf-8")
    monkeypatch.setattr(
        "nkscreen.core.localized_texts.resource_path", lambda *parts: folder.joinpath(*parts[1:])
    )
    loaded = saved_record("eligible_male", (zh_signer(), "authorship"))
    out = tmp_path / "zh.pdf"
    assert run(zh_data_dir, str(loaded.path), "-o", str(out), "--lang", "zh_CN") == 2
    err = capsys.readouterr().err
    assert err.startswith("nkscreen: 无法打印 zh_CN 版本：方案的翻译无法使用：")
    assert "fields.ecgo.label：方案中没有此文本" in err  # the problem in Chinese too
    assert not out.exists()
    # English does not need the translation.
    assert run(zh_data_dir, str(loaded.path), "-o", str(out)) == 0


@pytest.mark.parametrize("how", ["global", "environment", "pdf_option"])
def test_the_global_lang_option_and_nkscreen_lang_choose_the_printout_language(
    saved_record: RecordFactory,
    zh_data_dir: Path,
    tmp_path: Path,
    how: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    loaded = saved_record("eligible_male", (zh_signer(), "authorship"))
    out = tmp_path / "zh.pdf"
    args = ["--data-dir", str(zh_data_dir), "pdf", str(loaded.path), "-o", str(out)]
    if how == "global":
        args = ["--lang", "zh_CN", *args]
    elif how == "environment":
        monkeypatch.setenv(paths.LANG_ENV, "zh_CN")
    else:  # pdf's own option, as before; it wins over the environment
        monkeypatch.setenv(paths.LANG_ENV, "en")
        args += ["--lang", "zh-CN"]
    assert main(args) == 0
    assert "第1页" in tight(read_pdf(out.read_bytes()).flat)
    # Without any of them, a command prints in English (the same PDF on every computer).
    monkeypatch.delenv(paths.LANG_ENV, raising=False)
    assert run(zh_data_dir, str(loaded.path), "-o", str(out)) == 0
    assert "Page 1 of" in read_pdf(out.read_bytes()).flat
