"""rakxl.toml: read, found next to the workbook, one-line errors naming the key."""
import pytest

from rakxl.monitoring import config as cfg
from rakxl.monitoring.plan import items

FULL = '''
[pelaksana]
"Subbag Umum dan Logistik" = ["Subbag Logistik", "Sub Bagian Umum & Logistik"]

[capaian]
cap = 120
thresholds = [
  { min = 90, name = "Memuaskan" },
  { min = 60, name = "Cukup" },
  { min = 0, name = "Kurang" },
]

[[methods]]
goal = "5"
indicator = 2
aggregation = "kumulatif"

[[methods]]
match = "(?i)sengketa"
level = "indicator"
direction = "turun_rasio"
'''


def write(tmp_path, text, name="rakxl.toml"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_full_example(tmp_path, sample):
    c = cfg.load_config(write(tmp_path, FULL))
    assert c.cap == 120.0
    assert c.thresholds == ((90.0, "Memuaskan"), (60.0, "Cukup"), (0.0, "Kurang"))
    assert c.canonical_pelaksana("subbag  LOGISTIK") == "Subbag Umum dan Logistik"
    assert c.canonical_pelaksana("Subbag SDM") == "Subbag SDM"
    indicators, activities = items(sample, c)
    by = {(i.no, i.indicator): i for i in indicators}
    assert by[("5", 2)].method.aggregation == "kumulatif"
    assert by[("5", 2)].method.source == "rakxl.toml methods[1]"
    assert by[("5", 1)].method.aggregation == "nilai_akhir"         # inferred, untouched
    assert by[("20", 1)].method.direction == "turun_rasio"
    # level = "indicator": the rule sets the indicator; its activities, whose own words
    # say nothing of the direction, follow their indicator
    acts20 = [a for a in activities if a.no == "20"]
    assert {a.method.direction for a in acts20} == {"turun_rasio"}
    assert {a.rule for a in acts20} == {None}


def test_found_next_to_the_workbook(tmp_path):
    book = tmp_path / "Monev.xlsx"
    assert cfg.find_config(book) is cfg.DEFAULT
    write(tmp_path, "[capaian]\ncap = 100\n")
    assert cfg.find_config(book).cap == 100.0
    other = write(tmp_path, "[capaian]\ncap = 110\n", "lain.toml")
    assert cfg.find_config(book, other).cap == 110.0


@pytest.mark.parametrize("text, key", [
    ('[[methods]]\ngoal = "1"\ndirection = "bawah"\n', "methods[1].direction"),
    ('[[methods]]\ngoal = "1"\naggregation = "rata2"\n', "methods[1].aggregation"),
    ('[[methods]]\nmatch = "("\ndirection = "turun"\n', "methods[1].match"),
    ('[[methods]]\nindicator = 2\ndirection = "turun"\n', "methods[1].indicator"),
    ('[[methods]]\ngoal = "1"\n', "methods[1]"),
    ('[[methods]]\ngoal = "1"\ndirection = "turun"\nwarna = 1\n', "methods[1].warna"),
    ('[capaian]\ncap = "seratus"\n', "capaian.cap"),
    ('[capaian]\ncap = -5\n', "capaian.cap"),
    ('[capaian]\nthresholds = [{ min = 50, name = "A" }, { min = 60, name = "B" }]\n', "capaian.thresholds[2].min"),
    ('[capaian]\nbatas = 1\n', "capaian.batas"),
    ('[pelaksana]\n"Subbag SDM" = 3\n', "pelaksana.Subbag SDM"),
    ('[lain]\nx = 1\n', "lain"),
])
def test_bad_setting_names_the_key(tmp_path, text, key):
    p = write(tmp_path, text)
    with pytest.raises(cfg.ConfigError) as err:
        cfg.load_config(p)
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith(f"{p}: {key}: ")


def test_not_toml(tmp_path):
    p = write(tmp_path, "[capaian\ncap = 1")
    with pytest.raises(cfg.ConfigError, match="bukan TOML yang sah"):
        cfg.load_config(p)
