"""Fixture generator: the test plans (tests/variants.py) rendered in the other RAK families.

Each renderer writes a :class:`tests.variants.Plan` in the shape of one family that
offices use besides the KPU layout (see README, "RAK families"), with xlsxwriter or
openpyxl; :func:`expected` derives from the plan model alone what rakxl must read from
that rendering (the KPU layout's frames, with the fields the family does not have set
to None). Neither uses rakxl.

- ``workplan``: goals as rows across the table (``1 | Poin Renstra ...``), activities
  lettered ``a.``, ``b.``; ``Vol`` x ``Biaya`` = ``Jumlah (Rp.)``; ``TOTAL USULAN ANGGARAN``.
- ``targets-budget``: a targets table (quarter cells hold the actions of that quarter),
  then an ``Alokasi Anggaran`` table with ``Rp 1.234.000`` amounts and ``JUMLAH TOTAL``.
- ``pemda``: Sasaran | Indikator | Satuan | Target | Program/Kegiatan | Anggaran (Rp) |
  Rencana Aksi | (Sub Rencana Aksi) | Target TW I..IV | Penanggung Jawab, no No column.
- ``monthly``: the KPU columns with Jan..Des (or Bulan 1..12) instead of TW I-IV.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tests import variants as V

MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
ROMAN = ("I", "II", "III", "IV")
MARKS = {"√", "v", "V", "x", "X", "✓", "✔"}


@dataclass
class Options:
    """How one family is laid out (each renderer reads the options it knows).

    Attributes:
        engine: ``xlsxwriter`` or ``openpyxl``.
        hierarchy: ``merged`` (vertical merges) or ``repeated`` (the text on every row).
        formula: workplan: ``Jumlah`` as ``=Vol*Biaya`` (cached by xlsxwriter, not by openpyxl).
        goal_cell: workplan: ``split`` (No apart, the goal text merged across the rest)
            or ``joined`` (``1. text`` merged across the whole row).
        subtotals: workplan: each goal's total on its own row (``goal-row``, the text
            merged up to the Jumlah column), on a ``Sub Total`` row below its
            activities (``row``), or not at all (None). ``subtotal_off`` adds that much
            to the first goal's (a subtotal that disagrees with its lines).
        numbering: targets-budget: the budget table's No: ``dotted`` (``1.1``, ``1.2``:
            linked by numbering), ``grouped`` (goal rows above their lines: linked by the
            goal's No and text), ``text`` (1..n, each line named by its first activity:
            linked where that name is a quarter action of exactly one goal) or
            ``sequential`` (1..n, named ``Belanja operasional n``: not linked).
        budget_pelaksana: targets-budget: a Penanggung Jawab column in the budget table.
        stated_total: targets-budget / workplan: the amount of the total row (None: the
            plan's total).
        no_column: pemda: write a No column.
        sub_aksi: pemda: Rencana Aksi over Sub Rencana Aksi (the activities).
        pemda_months: pemda: twelve month columns (Jan..Des under ``Target Bulan``)
            instead of TW I..IV.
        months: monthly: ``names`` (Jan..Des under a group), ``numbers`` (1..12 under
            ``Bulan``) or ``bulan`` (``Bulan 1``..``Bulan 12`` in one header row).
        spread: monthly: a quarter's check mark in each of its months (else in its first).
    """

    engine: str = "xlsxwriter"
    hierarchy: str = "merged"
    formula: bool = False
    goal_cell: str = "split"
    subtotals: str | None = None
    subtotal_off: int = 0
    numbering: str = "dotted"
    budget_pelaksana: bool = True
    stated_total: int | None = None
    no_column: bool = False
    sub_aksi: bool = False
    pemda_months: bool = False
    months: str = "names"
    spread: bool = True


def _book(path, engine):
    return V._XlsxWriterBook(path) if engine == "xlsxwriter" else V._OpenpyxlBook(path)


def _lines(g: V.Goal):
    """(start row, end row, amount) of each budget line of a goal (rows within the goal)."""
    n = len(list(g.rows()))
    starts = [s for s, _ in g.pagu]
    return [(s, (starts[k + 1] if k + 1 < len(starts) else n) - 1, a) for k, (s, a) in enumerate(g.pagu)]


def _spans(items, n):
    """(start, end, value) of spans starting at each item's row, running to the next."""
    return [(s, (items[k + 1][0] if k + 1 < len(items) else n) - 1, v) for k, (s, v) in enumerate(items)]


def _indicator_spans(g: V.Goal):
    """(first row, last row, indicator) of each indicator of a goal (rows within the goal)."""
    i0 = 0
    for ind in g.indicators:
        yield i0, i0 + len(ind.activities) - 1, ind
        i0 += len(ind.activities)


def _title(ws, plan, width, r=0):
    for line in (f"RENCANA AKSI KINERJA TAHUN {plan.year}", plan.organization, plan.unit):
        ws.merge(r, 0, r, width - 1, line, "bold")
        r += 1
    return r + 1


def _signature(ws, plan, r, col):
    r += 1
    for line in (f"Kota Contoh, 15 Januari {plan.year}", plan.organization, "Kepala,", None, None,
                 "NAMA PEJABAT", "NIP. 19700101 199503 1 001"):
        if line:
            ws.write(r, col, line)
        r += 1


def _put(ws, opts, top, bottom, c, value, style="text"):
    """A hierarchy value over rows top..bottom: merged, or repeated on each row."""
    if opts.hierarchy == "merged":
        ws.merge(top, c, bottom, c, value, style)
    else:
        for r in range(top, bottom + 1):
            ws.write(r, c, value, style)


def _waktu(tw):
    marks = [f"TW {ROMAN[q]}" for q, v in enumerate(tw) if v]
    return ", ".join(marks) or None


# -- workplan -----------------------------------------------------------------------

WORKPLAN_HEADER = ("No", "Program Kerja", "Waktu Pelaksanaan", "Indikator Capaian", "Target", "Vol", "Biaya",
                   "Jumlah (Rp.)", "Penanggung Jawab")


def render_workplan(path, plan: V.Plan, opts: Options = Options()) -> Path:
    book = _book(path, opts.engine)
    ws = book.sheet("RKAT")
    width = len(WORKPLAN_HEADER)
    col = {name: i for i, name in enumerate(WORKPLAN_HEADER)}
    r = _title(ws, plan, width)
    for c, text in enumerate(WORKPLAN_HEADER):
        ws.write(r, c, text, "bold")
    r += 1
    for c in range(width):
        ws.write(r, c, f"({c + 1})", "bold")
    r += 1
    jumlah = []
    for gi, g in enumerate(plan.goals):
        own = sum(a for _, a in g.pagu) + (opts.subtotal_off if gi == 0 else 0)
        end = col["Jumlah (Rp.)"] - 1 if opts.subtotals == "goal-row" else width - 1
        if opts.goal_cell == "split":
            ws.write(r, 0, g.no, "bold")
            ws.merge(r, 1, r, end, g.sasaran, "bold")
        else:
            ws.merge(r, 0, r, end, f"{g.no}. {g.sasaran}", "bold")
        if opts.subtotals == "goal-row":
            ws.write(r, col["Jumlah (Rp.)"], own, "money")
        r += 1
        rows = list(g.rows())
        top = r
        for i, (ind, act, _) in enumerate(rows):
            ws.write(top + i, 0, f"{chr(ord('a') + i % 26)}.")
            ws.write(top + i, 1, act.kegiatan)
            ws.write(top + i, 2, _waktu(act.tw))
        for i0, end, ind in _indicator_spans(g):
            _put(ws, opts, top + i0, top + end, 3, ind.text)
            _put(ws, opts, top + i0, top + end, 4, ind.target)
        for s, e, text in _spans(g.pelaksana, len(rows)):
            _put(ws, opts, top + s, top + e, col["Penanggung Jawab"], text)
        for s, e, amount in _lines(g):
            vol = 2 if amount % 2 == 0 else 1
            a, b = top + s, top + e
            if opts.hierarchy == "merged" and b > a:
                for name in ("Vol", "Biaya", "Jumlah (Rp.)"):
                    ws.merge(a, col[name], b, col[name], None, "money")
            ws.write(a, col["Vol"], vol, "money")
            ws.write(a, col["Biaya"], amount // vol, "money")
            if opts.formula:
                ws.formula(a, col["Jumlah (Rp.)"], f"F{a + 1}*G{a + 1}", amount)
            else:
                ws.write(a, col["Jumlah (Rp.)"], amount, "money")
            jumlah.append(f"H{a + 1}")
        r = top + len(rows)
        if opts.subtotals == "row":
            ws.merge(r, 0, r, col["Jumlah (Rp.)"] - 1, "Sub Total", "bold")
            ws.write(r, col["Jumlah (Rp.)"], own, "money")
            r += 1
    ws.merge(r, 0, r, col["Jumlah (Rp.)"] - 1, "TOTAL USULAN ANGGARAN", "bold")
    total = plan.total if opts.stated_total is None else opts.stated_total
    if opts.formula:
        ws.formula(r, col["Jumlah (Rp.)"], f"SUM({','.join(jumlah)})", total)
    else:
        ws.write(r, col["Jumlah (Rp.)"], total, "money")
    _signature(ws, plan, r + 1, width - 2)
    book.close()
    return Path(path)


# -- targets table + budget table -------------------------------------------------------

def quarter_actions(ind: V.Indicator) -> tuple:
    """The text of each quarter cell of an indicator's row: the activities planned in
    that quarter, one per line (None when none)."""
    out = []
    for q in range(4):
        names = [a.kegiatan for a in ind.activities if a.tw[q] and a.kegiatan]
        out.append("\n".join(names) or None)
    return tuple(out)


def budget_table_rows(plan: V.Plan, numbering: str):
    """(No, text, amount, pelaksana, goal index or None) of the budget table's rows,
    goal rows (amount None) included when ``grouped``."""
    out = []
    k = 0
    for gi, g in enumerate(plan.goals, start=1):
        rows = list(g.rows())
        if numbering == "grouped" and g.pagu:
            out.append((g.no, g.sasaran, None, None, gi))
        for j, (s, _, amount) in enumerate(_lines(g)):
            k += 1
            text = rows[s][1].kegiatan or rows[s][0].text
            if numbering == "sequential":
                text = f"Belanja operasional {k}"
            no = {"dotted": f"{g.no}.{j + 1}", "grouped": f"{chr(ord('a') + j)}."}.get(numbering, str(k))
            out.append((no, text, amount, g.pelaksana_in_force(s), gi))
    return out


def render_targets_budget(path, plan: V.Plan, opts: Options = Options()) -> Path:
    book = _book(path, opts.engine)
    ws = book.sheet("Rencana Aksi")
    r = _title(ws, plan, 8)
    ws.write(r, 0, "A. Target Kinerja", "bold")
    r += 1
    for c, text in enumerate(("No", "Kinerja Utama", "Indikator Kinerja", "Target Tahunan")):
        ws.merge(r, c, r + 1, c, text, "bold")
    ws.merge(r, 4, r, 7, "Target Rencana Aksi", "bold")
    for q in range(4):
        ws.write(r + 1, 4 + q, f"TW {ROMAN[q]}", "bold")
    r += 2
    for g in plan.goals:
        top = r
        for ind in g.indicators:
            ws.write(r, 2, ind.text)
            ws.write(r, 3, ind.target)
            for q, text in enumerate(quarter_actions(ind)):
                ws.write(r, 4 + q, text)
            r += 1
        _put(ws, opts, top, r - 1, 0, g.no)
        _put(ws, opts, top, r - 1, 1, g.sasaran)
    r += 1
    ws.write(r, 0, "B. Alokasi Anggaran", "bold")
    r += 1
    head = ["No", "Program/Kegiatan", "Pagu Anggaran"] + (["Penanggung Jawab"] if opts.budget_pelaksana else [])
    for c, text in enumerate(head):
        ws.write(r, c, text, "bold")
    r += 1
    for no, text, amount, pelaksana, _ in budget_table_rows(plan, opts.numbering):
        ws.write(r, 0, no)
        ws.write(r, 1, text)
        ws.write(r, 2, None if amount is None else "Rp " + f"{amount:,}".replace(",", "."))
        if opts.budget_pelaksana and amount is not None:
            ws.write(r, 3, pelaksana)
        r += 1
    total = plan.total if opts.stated_total is None else opts.stated_total
    ws.merge(r, 0, r, 1, "JUMLAH TOTAL", "bold")
    ws.write(r, 2, "Rp " + f"{total:,}".replace(",", "."))
    _signature(ws, plan, r + 1, 5)
    book.close()
    return Path(path)


# -- pemda ------------------------------------------------------------------------------

def satuan(target):
    if not target:
        return None
    return "%" if target.endswith("%") else "Nilai" if target.isalpha() else "Dokumen"


def program_of(g: V.Goal, s: int) -> str:
    """The Program/Kegiatan written beside the budget line starting at row s of g."""
    ind, act, _ = list(g.rows())[s]
    return f"Kegiatan {act.kegiatan or ind.text}"


def render_pemda(path, plan: V.Plan, opts: Options = Options()) -> Path:
    book = _book(path, opts.engine)
    ws = book.sheet("Renaksi")
    head = (["No"] if opts.no_column else []) + ["Sasaran", "Indikator", "Satuan", "Target", "Program/Kegiatan",
                                                 "Anggaran (Rp)", "Rencana Aksi"]
    periods = list(MONTHS) if opts.pemda_months else ["TW I", "TW II", "TW III", "TW IV"]
    head += (["Sub Rencana Aksi"] if opts.sub_aksi else []) + periods + ["Penanggung Jawab"]
    col = {name: i for i, name in enumerate(head)}
    r = _title(ws, plan, len(head))
    for name, c in col.items():
        if name in periods:
            ws.write(r + 1, c, name, "bold")
        else:
            ws.merge(r, c, r + 1, c, name, "bold")
    ws.merge(r, col[periods[0]], r, col[periods[-1]], "Target Bulan" if opts.pemda_months else "Target", "bold")
    r += 2
    for c in range(len(head)):
        ws.write(r, c, c + 1, "bold")
    r += 1
    for g in plan.goals:
        rows = list(g.rows())
        top, n = r, len(rows)
        if opts.no_column:
            _put(ws, opts, top, top + n - 1, col["No"], g.no)
        _put(ws, opts, top, top + n - 1, col["Sasaran"], g.sasaran)
        for i0, end, ind in _indicator_spans(g):
            _put(ws, opts, top + i0, top + end, col["Indikator"], ind.text)
            _put(ws, opts, top + i0, top + end, col["Satuan"], satuan(ind.target))
            _put(ws, opts, top + i0, top + end, col["Target"], ind.target)
            if opts.sub_aksi:
                _put(ws, opts, top + i0, top + end, col["Rencana Aksi"], f"Aksi {ind.text}")
        for s, e, amount in _lines(g):
            ws.merge(top + s, col["Program/Kegiatan"], top + e, col["Program/Kegiatan"], program_of(g, s))
            ws.merge(top + s, col["Anggaran (Rp)"], top + e, col["Anggaran (Rp)"], amount, "money")
        for s, e, text in _spans(g.pelaksana, n):
            _put(ws, opts, top + s, top + e, col["Penanggung Jawab"], text)
        for i, (ind, act, _) in enumerate(rows):
            ws.write(top + i, col["Sub Rencana Aksi" if opts.sub_aksi else "Rencana Aksi"], act.kegiatan)
            values = month_values(act.tw, True) if opts.pemda_months else act.tw
            for name, v in zip(periods, values):
                ws.write(top + i, col[name], v)
        r = top + n
    ws.merge(r, 0, r, col["Anggaran (Rp)"] - 1, "JUMLAH", "bold")
    ws.write(r, col["Anggaran (Rp)"], plan.total, "money")
    _signature(ws, plan, r + 1, len(head) - 3)
    book.close()
    return Path(path)


# -- monthly ----------------------------------------------------------------------------

def month_values(tw, spread: bool) -> list:
    """The twelve month cells of an activity planned by quarter: a check mark in each
    month of its quarter (``spread``), anything else in the quarter's first month."""
    out = [None] * 12
    for q, v in enumerate(tw):
        if v is None:
            continue
        if spread and v in MARKS:
            out[3 * q:3 * q + 3] = [v] * 3
        else:
            out[3 * q] = v
    return out


def render_monthly(path, plan: V.Plan, opts: Options = Options()) -> Path:
    book = _book(path, opts.engine)
    ws = book.sheet("RAK Bulanan")
    before = ["no", "sasaran", "indikator", "target_indikator", "kegiatan", "target_kegiatan"]
    after = ["pagu", "pelaksana"]
    width = len(before) + 12 + len(after)
    col = {name: i for i, name in enumerate(before)}
    col.update({name: len(before) + 12 + i for i, name in enumerate(after)})
    m0 = len(before)
    r = _title(ws, plan, width)
    two = opts.months != "bulan"
    for name, c in col.items():
        ws.merge(r, c, r + 1 if two else r, c, V.OFFICIAL_HEADERS[name], "bold")
    if two:
        ws.merge(r, m0, r, m0 + 11, "Jadwal Pelaksanaan (Bulan)" if opts.months == "names" else "Bulan", "bold")
        for m in range(12):
            ws.write(r + 1, m0 + m, MONTHS[m] if opts.months == "names" else m + 1, "bold")
    else:
        for m in range(12):
            ws.write(r, m0 + m, f"Bulan {m + 1}", "bold")
    r += 2 if two else 1
    for g in plan.goals:
        rows = list(g.rows())
        top, n = r, len(rows)
        _put(ws, opts, top, top + n - 1, col["no"], g.no)
        _put(ws, opts, top, top + n - 1, col["sasaran"], g.sasaran)
        for i0, end, ind in _indicator_spans(g):
            _put(ws, opts, top + i0, top + end, col["indikator"], ind.text)
            _put(ws, opts, top + i0, top + end, col["target_indikator"], ind.target)
        for s, e, amount in _lines(g):
            ws.merge(top + s, col["pagu"], top + e, col["pagu"], amount, "money")
        for s, e, text in _spans(g.pelaksana, n):
            _put(ws, opts, top + s, top + e, col["pelaksana"], text)
        for i, (ind, act, _) in enumerate(rows):
            ws.write(top + i, col["kegiatan"], act.kegiatan)
            ws.write(top + i, col["target_kegiatan"], act.target)
            for m, v in enumerate(month_values(act.tw, opts.spread)):
                ws.write(top + i, m0 + m, v)
        r = top + n
    ws.merge(r, 0, r, col["kegiatan"], "JUMLAH", "bold")
    ws.write(r, col["pagu"], plan.total, "money")
    _signature(ws, plan, r + 1, width - 3)
    book.close()
    return Path(path)


RENDERERS = {"workplan": render_workplan, "targets-budget": render_targets_budget, "pemda": render_pemda,
             "monthly": render_monthly}


def render(path, family: str, plan: V.Plan, opts: Options = Options()) -> Path:
    """Write ``plan`` in ``family``'s shape at ``path``."""
    return RENDERERS[family](path, plan, opts)


# -- what rakxl must read -------------------------------------------------------------

def expected(plan: V.Plan, family: str, opts: Options = Options()) -> dict[str, list[tuple]]:
    """The frames (as :func:`tests.variants.expected`) that reading the rendering gives:
    the KPU layout's, with what the family does not have set to None."""
    exp = V.expected(plan)
    F = V.ACTIVITY_FIELDS
    acts = [dict(zip(F, row)) for row in exp["activities"]]
    if family == "workplan":
        for a in acts:
            a["target_kegiatan"] = None
            a.update(tw1=None, tw2=None, tw3=None, tw4=None)
    elif family == "pemda":
        for a in acts:
            a["target_kegiatan"] = None
            if not opts.no_column:
                a["no"] = None
        if not opts.no_column:
            exp["goals"] = [(g, None, *rest) for g, _, *rest in exp["goals"]]
            exp["indicators"] = [(g, None, *rest) for g, _, *rest in exp["indicators"]]
            exp["budgets"] = [(b, g, None, *rest) for b, g, _, *rest in exp["budgets"]]
    elif family == "targets-budget":
        acts = []
        for gi, g in enumerate(plan.goals, start=1):
            for ind in g.indicators:
                acts.append(dict(zip(F, (gi, g.no, g.sasaran, ind.text, ind.target, None, None,
                                         *quarter_actions(ind), None, None))))
        actions: dict[str, set] = {}  # quarter action -> the goals it stands in
        for gi, g in enumerate(plan.goals, start=1):
            for ind in g.indicators:
                for text in quarter_actions(ind):
                    for name in (text or "").split("\n"):
                        if name:
                            actions.setdefault(name, set()).add(gi)
        budgets, by_goal = [], {}
        k = 0
        for no, text, amount, pelaksana, gi in budget_table_rows(plan, opts.numbering):
            if amount is None:
                continue
            k += 1
            if opts.numbering == "sequential":
                linked = False
            elif opts.numbering == "text":
                linked = actions.get(text) == {gi}
            else:
                linked = True
            goal = gi if linked else None
            budgets.append((k, goal, plan.goals[gi - 1].no if linked else None, amount,
                            pelaksana if opts.budget_pelaksana else None))
            if linked:
                by_goal.setdefault(gi, []).append(amount)
        exp["budgets"] = budgets
        exp["goals"] = [(gi, g.no, g.sasaran, sum(by_goal.get(gi, [])), len(by_goal.get(gi, [])))
                        for gi, g in enumerate(plan.goals, start=1)]
    exp["activities"] = [tuple(a[f] for f in F) for a in acts]
    return exp


def pagu_by_pelaksana(budgets: list[tuple]) -> dict:
    """Total Pagu per Pelaksana of expected/read budget rows."""
    out: dict = {}
    for row in budgets:
        out[row[4]] = out.get(row[4], 0) + row[3]
    return out
