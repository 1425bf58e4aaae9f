"""Refusals in both languages (issue 12 item 3): a file refused says one line naming the
file, in Bahasa Indonesia by default and in English with ``--lang en``, from the catalogue
(:data:`rakxl.words.errors.ERROR_WORDS`); ``str(err)`` stays the Indonesian text."""
import re
import string

import pytest

from rakxl import i18n
from rakxl.words.errors import ERROR_WORDS
from rakxl.exceptions import RakInputError
from tests import contract_shapes as S
from tests.helpers import run_apart as run
from tests.test_bad_input import SAMPLE, write_zipcrypto


def _bad(tmp_path, kind):
    path = tmp_path / f"{kind}.xlsx"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "folder":
        path.mkdir()
    elif kind == "text":
        path.write_text("No,Kegiatan,Pagu\n1,Rapat,1000\n", encoding="utf-8")
    elif kind == "truncated":
        data = SAMPLE.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif kind == "encrypted":
        write_zipcrypto(path)
    elif kind == "renja":
        S.write(path, S.SHAPES["renja_evaluation"](), "xlsxwriter")
    return path


#: kind -> (words of the Indonesian line, words of the English line)
CASES = {
    "missing": ("file tidak ditemukan", "file not found"),
    "empty": ("file kosong (0 byte)", "the file is empty (0 bytes)"),
    "folder": ("ini sebuah folder", "this is a folder, not a workbook file"),
    "text": ("bukan workbook Excel: isinya file teks/CSV", "not an Excel workbook: it holds a text/CSV file"),
    "truncated": ("file zip rusak atau terpotong", "the zip file is damaged or cut short"),
    "encrypted": ("workbook dilindungi kata sandi (zip terenkripsi)",
                  "the workbook is password-protected (encrypted zip)"),
    "renja": ("bukan tabel RAK (diperiksa:", "not a RAK table (looked at:"),
}


@pytest.mark.parametrize("kind", sorted(CASES))
@pytest.mark.parametrize("command", ["check", "show"])
def test_a_refused_file_is_told_in_the_language_asked(tmp_path, kind, command):
    path = _bad(tmp_path, kind)
    indonesian, english = CASES[kind]
    for lang, words, other in (("id", indonesian, english), ("en", english, indonesian)):
        res = run(command, "--lang", lang, path)
        assert res.exit_code == 2, res.output
        lines = res.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"rakxl: {path}: "), res.stderr
        assert words in lines[0] and other not in lines[0] and "Traceback" not in res.stderr
    default = run(command, path)
    assert default.stderr == run(command, "--lang", "id", path).stderr  # Indonesian by default


def test_the_renja_refusal_says_what_it_looks_like_in_english(tmp_path):
    res = run("show", "--lang", "en", _bad(tmp_path, "renja"))
    assert "it looks like" in res.stderr and "tampaknya" not in res.stderr


def test_str_is_the_indonesian_line_and_render_either(tmp_path):
    err = RakInputError.of("error.no_sheet", path="a.xlsx", cell="B2", name="X", names="A, B")
    assert str(err) == err.render("id") == "a.xlsx, sel B2: tidak ada sheet 'X'; sheet yang ada: A, B"
    assert err.render("en") == "a.xlsx, cell B2: there is no sheet 'X'; the sheets are: A, B"
    assert err.reason == "tidak ada sheet 'X'; sheet yang ada: A, B" and err.key == "error.no_sheet"
    plain = RakInputError("pesan", path="a.xlsx", sheet="S")
    assert str(plain) == plain.render("en") == "a.xlsx, sheet 'S': pesan" and plain.key is None


def _fields(text):
    return {f.split(":")[0] for _, f, _, _ in string.Formatter().parse(text) if f}


@pytest.mark.parametrize("key", sorted(ERROR_WORDS))
def test_every_refusal_has_both_languages_with_the_same_placeholders(key):
    indonesian, english = ERROR_WORDS[key]
    assert indonesian.strip() and english.strip() and key in i18n.CATALOGUE
    assert _fields(indonesian) == _fields(english), key
    if key not in ("error.sheet", "error.text", "error.config_key"):  # the same in both languages by nature
        assert indonesian != english, key


def test_every_refusal_key_used_exists():
    from pathlib import Path

    source = "\n".join(p.read_text(encoding="utf-8") for p in Path(i18n.__file__).parent.rglob("*.py"))
    used = set(re.findall(r"""\.of\(\s*["']([\w.]+)["']""", source))
    used |= set(re.findall(r"""Said\(\s*["']([\w.]+)["']""", source))
    used = {k for k in used if not k.endswith(".")}  # "contract." + key: a prefix
    assert used and used <= set(i18n.CATALOGUE), used - set(i18n.CATALOGUE)


@pytest.mark.parametrize("args, indonesian, english", [
    (("totals", "{tmp}"), "tidak ada workbook (.xlsx, .xlsm, .xls) di", "there is no workbook (.xlsx, .xlsm, .xls) in"),
    (("format", SAMPLE, "-o", "{tmp}/tidak_ada/a.xlsx"), "folder tujuan tidak ada",
     "the destination folder does not exist"),
    (("check", SAMPLE, "--annotate", "{tmp}/a.xls"), "salinan beranotasi harus bernama .xlsx",
     "the annotated copy must be named .xlsx"),
])
def test_folder_and_output_refusals_in_the_language_asked(tmp_path, args, indonesian, english):
    args = [str(a).replace("{tmp}", str(tmp_path)) for a in args]
    for lang, words, other in (("id", indonesian, english), ("en", english, indonesian)):
        res = run(*args, "--lang", lang)
        assert res.exit_code == 2 and words in res.stderr and other not in res.stderr, res.stderr
        assert len(res.stderr.strip().splitlines()) == 1 and "Traceback" not in res.stderr


def test_an_excel_lock_file_is_told_in_the_language_asked(tmp_path):
    lock = tmp_path / "~$RAK.xlsx"
    lock.write_bytes(b"\x0bANNISA" + bytes(150))  # what Excel writes: the user's name, padded
    assert "ini file kunci Excel" in run("show", lock).stderr
    assert "this is an Excel lock file" in run("show", "--lang", "en", lock).stderr


@pytest.mark.parametrize("limits, indonesian, english", [
    ("max_parts=3", "zip berisi", "the zip holds"),
    ("max_parts=3", "; file ditolak", "; file refused"),
    ("tidak_ada=1", "RAKXL_LIMITS: batas 'tidak_ada' tidak dikenal", "RAKXL_LIMITS: no limit is called 'tidak_ada'"),
])
def test_limits_and_hostile_files_told_in_the_language_asked(monkeypatch, limits, indonesian, english):
    monkeypatch.setenv("RAKXL_LIMITS", limits)
    for lang, words, other in (("id", indonesian, english), ("en", english, indonesian)):
        res = run("show", "--lang", lang, SAMPLE)
        assert res.exit_code == 2 and words in res.stderr and other not in res.stderr, res.stderr
        assert len(res.stderr.strip().splitlines()) == 1 and "Traceback" not in res.stderr


def test_a_bad_settings_file_is_told_in_the_language_asked(tmp_path):
    config = tmp_path / "rakxl.toml"
    config.write_text("[rekap]\nselisih = -1\n", encoding="utf-8")
    out = tmp_path / "M.xlsx"
    said = {lang: run("monev", SAMPLE, "-o", out, "--config", config, "--lang", lang) for lang in ("id", "en")}
    assert said["id"].exit_code == said["en"].exit_code == 2 and not out.exists()
    assert said["id"].stderr.strip() == (f"rakxl: {config}: rekap.selisih: -1 harus angka lebih dari 0 "
                                         "(poin persen, mis. 25)")
    assert said["en"].stderr.strip() == (f"rakxl: {config}: rekap.selisih: -1 must be a number above 0 "
                                         "(percentage points, e.g. 25)")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_totals_lists_unreadable_files_in_the_language_asked(tmp_path, jobs):
    (tmp_path / "kosong.xlsx").write_bytes(b"")
    (tmp_path / "teks.xlsx").write_text("a;b\n1;2\n", encoding="utf-8")
    (tmp_path / "RAK.xlsx").write_bytes(SAMPLE.read_bytes())
    english = run("totals", tmp_path, "--jobs", jobs, "--lang", "en").stderr
    indonesian = run("totals", tmp_path, "--jobs", jobs).stderr
    assert "kosong.xlsx: the file is empty (0 bytes)" in english and "file kosong" not in english
    assert "teks.xlsx: not an Excel workbook: it holds a text/CSV file" in english
    assert "kosong.xlsx: file kosong (0 byte)" in indonesian and "the file is empty" not in indonesian


def test_a_located_reason_keeps_its_english_twin_through_pickle():
    import pickle

    err = RakInputError.of("error.no_sheet", path="a.xlsx", sheet="S", cell="B2", name="X", names="A")
    reason = pickle.loads(pickle.dumps(err.located_reason()))
    assert reason == "sheet 'S', sel B2: tidak ada sheet 'X'; sheet yang ada: A"
    assert i18n.said(reason, "en") == "sheet 'S', cell B2: there is no sheet 'X'; the sheets are: A"
    assert i18n.said(RakInputError("pesan", sheet="S").located_reason(), "en") == "sheet 'S': pesan"


def test_totals_says_duplicates_in_the_language_asked(tmp_path):
    for name in ("a.xlsx", "b.xlsx"):
        (tmp_path / name).write_bytes(SAMPLE.read_bytes())
    english = run("totals", tmp_path, "--lang", "en").stderr
    assert f"b.xlsx: the same content as {tmp_path / 'a.xlsx'}; counted once" in english, english
    assert "dihitung sekali" in run("totals", tmp_path).stderr
