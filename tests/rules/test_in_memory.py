"""Rules over a plan built in memory (rakxl.model), with no workbook written or read.

Each test builds the few goals, activities, budget lines and reader notes a rule looks
at, and asserts the exact findings in both languages: the rule reads the typed model,
and its messages come from the catalogue (English messages with English column labels).
"""
from rakxl.checker import check
from rakxl.model import Activity, BudgetLine, Goal, Indicator, Meta, Note, Plan, Rak, Range
from rakxl.rules import (
    duplicate_goal, empty_activity, merge_crosses_goal, merged_cell_gap, missing_budget, numbering,
    target_unit_mismatch,
)

#: The official layout's columns, 1-based (A..L).
COLUMNS = {"no": 1, "sasaran": 2, "indikator": 3, "target_indikator": 4, "kegiatan": 5, "target_kegiatan": 6,
           "tw1": 7, "tw2": 8, "tw3": 9, "tw4": 10, "pagu": 11, "pelaksana": 12}


def plan_rak(goals, activities, lines=(), notes=(), indicators=()) -> Rak:
    return Rak(path=None, sheet="RAK", meta=Meta(), column_of=dict(COLUMNS),
               plan=Plan(goals=tuple(goals), indicators=tuple(indicators), activities=tuple(activities),
                         budget_lines=tuple(lines)),
               notes=list(notes))


def three_goals(pagu_of_second=5_000_000, second_no="2") -> Rak:
    goals = [Goal(1, "1", "Sasaran Logistik", 8, 9), Goal(2, second_no, "Sasaran Keuangan", 10, 10),
             Goal(3, "3", "Sasaran SDM", 11, 12)]
    acts = [Activity(1, "1", "Sasaran Logistik", kegiatan="Pengadaan", pelaksana="Subbag Umum", budget_line=1, row=8),
            Activity(1, "1", "Sasaran Logistik", kegiatan="Distribusi", pelaksana="Subbag Umum", budget_line=1, row=9),
            Activity(2, second_no, "Sasaran Keuangan", kegiatan="Reviu", pelaksana="Subbag Keuangan",
                     budget_line=2 if pagu_of_second else None, row=10),
            Activity(3, "3", "Sasaran SDM", kegiatan="Diklat", pelaksana="Subbag SDM", budget_line=3, row=11),
            Activity(3, "3", "Sasaran SDM", kegiatan="Ujian Dinas", pelaksana="Subbag SDM", row=12)]
    lines = [BudgetLine(1, 1, "1", 10_000_000, "Subbag Umum", col=11, first_row=8, last_row=9),
             BudgetLine(3, 3, "3", 2_500_000, "Subbag SDM", col=11, first_row=11, last_row=12)]
    if pagu_of_second:
        lines.insert(1, BudgetLine(2, 2, second_no, pagu_of_second, "Subbag Keuangan", col=11, first_row=10,
                                   last_row=10))
    return plan_rak(goals, acts, lines)


def test_clean_plan_in_memory_has_no_findings():
    rak = three_goals()
    assert rak.total_pagu == 17_500_000
    assert check(rak) == []


def test_missing_budget_in_memory():
    found = missing_budget.check(three_goals(pagu_of_second=0))
    assert [(f.code, f.no, f.cell) for f in found] == [("missing-budget", "2", "K10")]
    assert found[0].message == "Sasaran 2 tidak memiliki Pagu Anggaran di baris mana pun"
    assert found[0].message_en == "Goal 2 has no Pagu (budget) on any of its rows"


def test_goal_without_a_number_is_named_by_position_in_each_language():
    found = missing_budget.check(three_goals(pagu_of_second=0, second_no=None))
    assert found[0].message == "Sasaran ke-2 tidak memiliki Pagu Anggaran di baris mana pun"
    assert found[0].message_en == "Goal #2 has no Pagu (budget) on any of its rows"
    numbered = numbering.check(three_goals(second_no=None))
    assert [(f.cell, f.message, f.message_en) for f in numbered] == [
        ("A10", "Sasaran tanpa nomor; seharusnya 2", "Goal without a number; expected 2")]


def test_merge_crosses_goal_reads_the_range_of_the_note():
    rak = three_goals()
    rak.notes.append(Note("merge-crosses-goal", 10, 12, "pelaksana", 2, "2", range=Range(10, 12, 12, 12)))
    found = merge_crosses_goal.check(rak)
    assert [(f.code, f.no, f.cell) for f in found] == [("merge-crosses-goal", "2", "L10")]
    assert found[0].message == "Sel gabungan L10:L12 (kolom Pelaksana) melintasi baris Sasaran 2 dan 3"
    assert found[0].message_en == "Merged range L10:L12 (column Pelaksana) spans rows of goals 2 and 3"


def test_merged_cell_gap_in_english_names_the_column_in_english():
    rak = three_goals()
    rak.notes.append(Note("merged-cell-gap", 12, 3, "indikator", 3, "3"))
    found = merged_cell_gap.check(rak)
    assert [(f.cell, f.column) for f in found] == [("C12", "indikator")]
    assert found[0].message.startswith("Sel Indikator kosong dan tidak digabung")
    assert found[0].message_en.startswith("The Indicator cell is blank and not merged")


def test_duplicate_goal_and_empty_activity_in_memory():
    rak = three_goals()
    goals = rak.plan.goals + (Goal(4, "4", "sasaran  logistik", 13, 13),)
    acts = rak.plan.activities + (Activity(4, "4", "sasaran  logistik", target_kegiatan="100 %", row=13),)
    lines = rak.plan.budget_lines + (BudgetLine(4, 4, "4", 1_000_000, None, col=11, first_row=13, last_row=13),)
    rak = plan_rak(goals, acts, lines)
    dup = duplicate_goal.check(rak)
    assert [(f.no, f.cell, f.message_en) for f in dup] == [
        ("4", "B13", "Goal 4 repeats goal 1: 'sasaran logistik'")]
    empty = empty_activity.check(rak)
    assert [(f.cell, f.message, f.message_en) for f in empty] == [
        ("E13", "Baris 13 memiliki Pagu dan target tetapi tidak memiliki nama kegiatan",
         "Row 13 has a Pagu and targets but no activity name")]


def test_target_unit_mismatch_says_the_unit_in_each_language():
    goals = [Goal(1, "1", "Akuntabilitas", 8, 9)]
    inds = [Indicator(1, "1", "Opini BPK", "WTP", 8)]
    acts = [Activity(1, "1", "Akuntabilitas", "Opini BPK", "WTP", kegiatan="Reviu", target_kegiatan="4 lap", row=8)]
    found = target_unit_mismatch.check(plan_rak(goals, acts, indicators=inds))
    assert [(f.cell, f.message, f.message_en) for f in found] == [
        ("F8", "Target kegiatan '4 lap' memakai satuan lain (laporan) dari target indikatornya 'WTP' (nilai)",
         "Activity target '4 lap' uses another unit (laporan) than its indicator's target 'WTP' (grade)")]


def test_frames_are_built_from_the_plan_on_first_access():
    rak = three_goals()
    assert rak._frames == {}
    assert rak.goals["pagu"].tolist() == [10_000_000, 5_000_000, 2_500_000]
    assert rak.goals["budget_lines"].tolist() == [1, 1, 1]
    assert rak.budgets["cell"].tolist() == ["K8", "K10", "K11"]
    assert rak.activities["budget_line"].tolist()[-1] is rak.activities["budget_line"].dtype.na_value
    assert set(rak._frames) == {"goals", "budgets", "activities"}
    assert rak.goals is rak.goals  # built once, kept on the instance
