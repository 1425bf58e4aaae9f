"""The one catalogue of words (rakxl.i18n): sections that never shadow each other,
pairs that take the same values in both languages, and the language chosen in one place."""
import re
import string
from pathlib import Path

import pytest

from rakxl import i18n

def test_sections_never_shadow_each_other():
    """Every section's keys are its own: merged, nothing is lost (the module refuses
    to import otherwise; this says which sections there are)."""
    assert sum(len(s) for s in i18n.CATALOGUE_SECTIONS) == len(i18n.CATALOGUE)
    with pytest.raises(RuntimeError, match="diff.title"):
        i18n._merge([i18n.DIFF_WORDS, {"diff.title": ("x", "x")}])
    assert {"page_footer", "diff.title", "field.tw1", "cli.wrote", "change.pagu_old"} <= set(i18n.CATALOGUE)


@pytest.mark.parametrize("key", sorted(i18n.CATALOGUE))
def test_both_languages_take_the_same_values(key):
    names = [{f for _, f, _, _ in string.Formatter().parse(text) if f} for text in i18n.CATALOGUE[key]]
    assert names[0] == names[1], key


def test_numbers_and_money_per_language():
    assert i18n.number(314_572_800) == "314.572.800"
    assert i18n.number(314_572_800, "en") == "314,572,800"
    assert i18n.money(3_051_446_000) == "Rp 3.051.446.000"


PACKAGE = Path(i18n.__file__).parent
MODULES = sorted(str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py") if p.name != "i18n.py")


def test_every_module_is_checked():
    assert {"cli/reading.py", "cli/monitoring.py", "rekap/__init__.py", "report/rekap.py", "monitoring/methods.py",
            "reader/hierarchy.py"} <= set(MODULES)


@pytest.mark.parametrize("module", MODULES)
def test_no_language_comparison_outside_the_catalogue(module):
    source = (PACKAGE / module).read_text(encoding="utf-8")
    assert not re.search(r"""lang\s*[!=]=\s*["']""", source), module


def test_decimals_per_language():
    assert i18n.decimal(1234.5) == "1.234,50"
    assert i18n.decimal(1234.5, "en") == "1,234.50"


@pytest.mark.parametrize("module", MODULES)
def test_findings_take_no_english_twins(module):
    """A rule passes values and phrases (Money, Label, Phrase...), never a text already
    said in both languages (Both) nor an English copy of a parameter (``reason_en=``)."""
    source = (PACKAGE / module).read_text(encoding="utf-8")
    assert "Both((" not in source and not re.search(r"\b\w+_en=", source), module


def test_plural_forms_live_in_the_catalogue():
    """English counts take the singular for 1 (``1 file read``), the plural otherwise;
    a figure already written as text counts too; Indonesian has no plural."""
    read = i18n.REKAP["read"]
    assert i18n.pick(read, "en", files=1, units=1) == "1 file read, 1 unit"
    assert i18n.pick(read, "en", files=2, units=0) == "2 files read, 0 units"
    assert i18n.pick(read, "id", files=1, units=2) == "1 file dibaca, 2 unit"
    assert i18n.say("cli.rows", "en", n=i18n.number(1, "en")) == "1 row"
    assert i18n.say("cli.rows", "en", n=i18n.number(1234, "en")) == "1,234 rows"
    assert i18n.say("totals.failures", "en", count=1) == "Unreadable (1 file):"
    assert i18n.say("findings.count", "en", n=1, parts="1 error") == "1 finding: 1 error"
    assert i18n.say("findings.count", "id", n=1, parts="1 kesalahan") == "1 temuan: 1 kesalahan"


def test_no_english_text_hedges_a_plural():
    """No "(s)" left: plural forms are chosen by count (``{n:file|files}``)."""
    sections = [v for k, v in vars(i18n).items() if k.isupper() and isinstance(v, dict)]
    assert i18n.REKAP in sections and i18n.MONITORING in sections
    assert not [key for section in sections for key, pair in section.items()
                if isinstance(pair, tuple) and len(pair) == 2 and "(s)" in str(pair[1])]
