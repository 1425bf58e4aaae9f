"""Lean batches (issue 19): the workers of ``rakxl totals`` send back SheetTotals, not
readings; the pool starts with one worker and grows only where the measured costs say
it wins; one zip open per file.

The folder is built here (xlsxwriter, hand-spelled XML for the hostile files); every
expected figure is summed from the specs it is built from, never by rakxl.
"""
import json
import shutil
import zipfile

import pytest

import rakxl
import rakxl.batch as batch
from rakxl.totals import GROUP_KEYS, read_many, sheet_totals, sum_budgets
from tests.test_bad_input import SAMPLE, sheet_xml, workbook_parts, write_zip
from tests.test_totals import expected_by, run, unit_goals, write_rak

FORK = "fork" in __import__("multiprocessing").get_all_start_methods()


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """Twelve RAK workbooks (one with two RAK sheets), the sample and its copy, three
    hostile files, a damaged one, a table that is not a RAK, and an earlier totals
    output. Returns (folder, specs of the built RAKs, the hostile and unreadable files)."""
    root = tmp_path_factory.mktemp("campur")
    specs = {}
    for i in range(12):
        path = root / f"unit{i % 3}" / f"RAK_{i:02d}.xlsx"
        path.parent.mkdir(exist_ok=True)
        sheets = {"RAK": unit_goals(i)}
        if i == 4:
            sheets["RAK Tambahan"] = [{"no": "1", "sasaran": "Sasaran tambahan", "pelaksana": ["Subbag Hukum"],
                                       "budgets": [(0, 0, 777_000)]}]
        write_rak(path, sheets)
        specs[str(path)] = sheets
    bad = root / "buruk"
    bad.mkdir()
    hostile = [write_zip(bad / "ref_aaaa.xlsx", workbook_parts({"RAK": sheet_xml([("A1", "No"), ("AAAA1048576", 1)])})),
               write_zip(bad / "sampah.xlsx", workbook_parts({"RAK": b"\x0c" + sheet_xml([("A1", 1)])})),
               write_zip(bad / "ref_baris.xlsx", workbook_parts({"RAK": sheet_xml([("A1", "No"), ("A1000000000", 1)])}))]
    (bad / "rusak.xlsx").write_bytes(SAMPLE.read_bytes()[:300])
    write_rak(bad / "bukan_rak.xlsx", {"Hadir": []})
    unreadable = [str(p) for p in hostile] + [str(bad / "rusak.xlsx"), str(bad / "bukan_rak.xlsx")]
    shutil.copy(SAMPLE, root / "RAK_2021.xlsx")
    shutil.copy(SAMPLE, root / "unit0" / "RAK_2021_lagi.xlsx")  # the same bytes: counted once
    assert run("totals", root / "RAK_2021.xlsx", "-o", root / "total_lama.xlsx").exit_code == 0
    return root, specs, unreadable


def _outcome(result):
    return ([f.path for f in result.failures], [f.path for f in result.skipped], [f.path for f in result.duplicates])


def test_lean_workers_give_what_the_readings_give(mixed):
    """The SheetTotals the workers send are those of the whole readings (computed here),
    findings counted and the warnings kept; every grouping sums the same."""
    root, specs, unreadable = mixed
    whole = read_many([root], jobs=1, check=True)
    lean = read_many([root], jobs=1, check=True, raks=False)
    assert lean.raks == [] and lean.findings is None
    assert lean.sheets == [sheet_totals(r, f) for r, f in zip(whole.raks, whole.findings)]
    assert whole.sheets == lean.sheets
    assert _outcome(lean) == _outcome(whole)
    assert any(s.warnings for s in lean.sheets) and all(s.findings is not None for s in lean.sheets)
    for keys in [("pelaksana",), ("file",), ("file", "sheet", "no"), ("unit", "sasaran"), GROUP_KEYS]:
        assert sum_budgets(lean.sheets, keys) == sum_budgets(whole.raks, keys)


@pytest.mark.parametrize("jobs", [1, 2, None])
def test_same_totals_for_every_pool_size(mixed, jobs):
    root, specs, unreadable = mixed
    result = read_many([root], jobs=jobs, raks=False)
    if jobs is not None:
        assert result.workers == jobs
    by_file = {f: (p, n) for f, p, n in sum_budgets(result.sheets, "file").rows}
    sample = str(root / "RAK_2021.xlsx")
    assert by_file.pop(sample) == (3_051_446_000, 29)
    assert by_file == expected_by(specs, "file")
    assert sorted(f.path for f in result.failures) == sorted(unreadable)
    assert [f.path for f in result.skipped] == [str(root / "total_lama.xlsx")]
    assert [f.path for f in result.duplicates] == [str(root / "unit0" / "RAK_2021_lagi.xlsx")]
    assert [s.path for s in result.sheets] == [s.path for s in read_many([root], jobs=1, raks=False).sheets]


@pytest.mark.parametrize("jobs", ["1", "2", None])
def test_cli_counts_the_good_files_and_lists_the_hostile_ones(mixed, jobs):
    root, specs, unreadable = mixed
    res = run("totals", root, "--by", "file", "--json", *(["-j", jobs] if jobs else []))
    assert res.exit_code == 1
    got = {d["file"]: (d["pagu"], d["budget_lines"]) for d in json.loads(res.stdout)}
    assert got.pop(str(root / "RAK_2021.xlsx")) == (3_051_446_000, 29)
    assert got == expected_by(specs, "file")
    listed = res.stderr[res.stderr.index("Tidak terbaca"):]
    assert all(f"  {p}: " in listed for p in unreadable), listed
    assert "sel berisi menjangkau hingga AAAA1048576" in listed and "Traceback" not in res.stderr


def test_a_small_batch_is_read_by_one_worker(mixed):
    """A few small files: a second worker would cost more than it saves."""
    root, specs, _ = mixed
    files = sorted(specs)[:3]
    result = read_many(files, raks=False)
    assert result.workers == 1
    assert [s.total_pagu for s in result.sheets] == [sum(a for g in specs[f]["RAK"] for *_, a in g["budgets"])
                                                     for f in files]


@pytest.mark.parametrize("cores", [1, 2])
def test_the_pool_grows_to_the_cores_when_it_pays(mixed, monkeypatch, cores):
    """Where more workers pay (forced here), the pool grows to one per core, and one
    core always means one worker; the totals are those of -j 1."""
    root, specs, _ = mixed
    monkeypatch.setattr(batch, "cores", lambda: cores)
    monkeypatch.setattr(batch, "worth_growing", lambda *a: True)
    result = read_many(sorted(specs), raks=False)
    assert result.workers == cores
    assert result.sheets == read_many(sorted(specs), jobs=1, raks=False).sheets


def test_jobs_is_an_override(mixed):
    root, specs, _ = mixed
    assert read_many(sorted(specs)[:3], jobs=2, raks=False).workers == 2
    assert read_many(sorted(specs), jobs=1, raks=False).workers == 1


def test_worth_growing_weighs_the_measured_costs():
    # 300 small files left (5 ms each) with fork (a worker starts in 0.03 s): a second worker pays
    assert batch.worth_growing(300 * 0.005, 1, 0.03)
    # the same files with spawn (a worker starts in 0.6 s): it would not save twice its cost
    assert not batch.worth_growing(300 * 0.005, 1, 0.6)
    # 3,000 files with spawn: it does
    assert batch.worth_growing(3000 * 0.005, 1, 0.6)
    # a few files: never worth a pool, however cheap a worker is to start
    assert not batch.worth_growing(10 * 0.005, 1, 0.0)
    # a third worker saves less than a second one
    assert batch.worth_growing(0.5, 1, 0.05) and not batch.worth_growing(0.5, 2, 0.05)


def test_spawned_lean_workers_as_on_windows(mixed):
    """Windows starts workers with 'spawn': the lean worker, its warm-up and the pool
    that grows must work there too."""
    root, specs, _ = mixed
    files = sorted(specs)[:4]
    for jobs in (2, None):
        result = read_many(files, jobs=jobs, start_method="spawn", check=True, raks=False)
        assert result.sheets == read_many(files, jobs=1, check=True, raks=False).sheets
        assert [s.total_pagu for s in result.sheets[:1]] == [sum(a for g in specs[files[0]]["RAK"]
                                                                 for *_, a in g["budgets"])]


def test_one_zip_open_per_file(mixed, monkeypatch):
    """The worker opens the file's zip once: the mark of rakxl's outputs is read from the
    parts the guard inflated, not from a second open (the parser gets a zip built in
    memory from those parts)."""
    import rakxl.totals as totals

    root, specs, _ = mixed
    opened = []
    real = zipfile.ZipFile.__init__

    def counting(self, file, mode="r", *args, **kwargs):
        opened.append((mode, type(file).__name__))
        return real(self, file, mode, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "__init__", counting)
    for path in (sorted(specs)[0], str(root / "total_lama.xlsx")):
        opened.clear()
        path, read, reason, skipped = totals._read_one((path, True, None, True))
        assert reason is None
        assert [m for m, kind in opened if m == "r"] == ["r"], opened
        assert len(opened) <= 2  # the file's zip, and the parser's in memory (when the file is read)
    assert skipped is not None and "rakxl totals" in skipped


def test_budget_totals_takes_sheet_totals(sample):
    """rakxl.budget_totals over read_many(..., raks=False).sheets, as over the readings."""
    table = rakxl.budget_totals([sheet_totals(sample)], by="no")
    assert table.equals(rakxl.budget_totals([sample], by="no"))
    assert int(table["pagu"].sum()) == 3_051_446_000


def _slow(task):
    """Stands for a file that takes a second to read."""
    import time

    import rakxl.totals as totals

    time.sleep(1.0)
    return totals._REAL_READ_ONE(task)


@pytest.mark.skipif(not FORK, reason="needs fork")
def test_time_limit_counts_from_when_a_file_is_started(mixed, monkeypatch):
    """Files are sent to a worker ahead of time; each one's limit counts from when the
    worker starts it, not from when it was sent: three files of a second each, in one
    worker, under a limit of 2.5 s, are all read (the third was sent 3 s before it ended)."""
    import rakxl.totals as totals

    root, specs, _ = mixed
    monkeypatch.setattr(totals, "_REAL_READ_ONE", totals._read_one, raising=False)
    monkeypatch.setattr(totals, "_read_one", _slow)
    files = sorted(specs)[:3]
    result = read_many(files, jobs=1, start_method="fork", raks=False, limits=rakxl.Limits(max_seconds=2.5))
    assert result.failures == []
    assert [s.path for s in result.sheets] == files
