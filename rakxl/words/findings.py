"""What the checker says: column labels in finding messages, one entry per finding code, and the
phrases its messages are made of. A rule passes a finding's parameters only (see
:func:`rakxl.findings.make`); :mod:`rakxl.i18n` renders its messages in both languages.

Data only: every text is an ``(Indonesian, English)`` pair under a key (``CLICK_ID`` maps
click's English to Indonesian). :mod:`rakxl.i18n` looks them up.
"""


#: Column labels in finding messages (the short names of layout's columns).
COLUMN_LABELS = {
    "no": ("No", "No"),
    "sasaran": ("Sasaran", "Goal"),
    "indikator": ("Indikator", "Indicator"),
    "target_indikator": ("Target Indikator", "Indicator target"),
    "kegiatan": ("Nama Kegiatan", "Activity"),
    "target_kegiatan": ("Target Kegiatan", "Activity target"),
    "tw1": ("Triwulan I", "Quarter I"),
    "tw2": ("Triwulan II", "Quarter II"),
    "tw3": ("Triwulan III", "Quarter III"),
    "tw4": ("Triwulan IV", "Quarter IV"),
    "pagu": ("Pagu Anggaran", "Pagu (budget)"),
    "pelaksana": ("Pelaksana", "Pelaksana"),
}


#: Per finding code: (title, message template), each an (Indonesian, English) pair.
FINDING_TEXTS = {
    "missing-budget": (
        ("Pagu kosong", "Missing budget"),
        ("Sasaran {no} tidak memiliki Pagu Anggaran di baris mana pun",
         "Goal {no} has no Pagu (budget) on any of its rows")),
    "merged-cell-gap": (
        ("Celah sel gabungan", "Gap in merged cells"),
        ("Sel {column_label} kosong dan tidak digabung (merge), padahal kolom ini memakai sel gabungan; "
         "dianggap lanjutan sel di atasnya",
         "The {column_label} cell is blank and not merged although this column uses merged cells; "
         "read as continuing the cell above")),
    "merge-crosses-goal": (
        ("Sel gabungan melintasi sasaran", "Merge crosses goals"),
        ("Sel gabungan {range} (kolom {column_label}) melintasi baris Sasaran {goals}",
         "Merged range {range} (column {column_label}) spans rows of goals {goals}")),
    "numbering": (
        ("Nomor tidak urut", "Numbering"),
        ("{what}; seharusnya {expected}", "{what}; expected {expected}")),
    "amount-as-text": (
        ("Pagu berupa teks", "Amount typed as text"),
        ("Pagu '{value}' diketik sebagai teks; Excel tidak dapat menjumlahkannya (dibaca {amount})",
         "Pagu '{value}' is typed as text; Excel cannot sum it (read as {amount})")),
    "amount-invalid": (
        ("Pagu tidak terbaca", "Unreadable amount"),
        ("Sel Pagu berisi '{value}', bukan jumlah uang yang dapat dibaca",
         "The Pagu cell holds '{value}', not a readable amount")),
    "formula-no-cache": (
        ("Rumus tanpa nilai", "Formula without value"),
        ("Rumus Pagu {value} tidak punya nilai tersimpan dan tidak dapat dihitung; buka dan simpan "
         "ulang file di Excel",
         "The Pagu formula {value} has no saved value and cannot be evaluated; open and save the "
         "file again in Excel")),
    "total-mismatch": (
        ("Jumlah tidak cocok", "Total mismatch"),
        ("Baris jumlah menyatakan {stated}, tetapi jumlah Pagu semua baris anggaran adalah {computed} "
         "(selisih {difference})",
         "The total row states {stated}, but the budget lines add up to {computed} "
         "(difference {difference})")),
    "duplicate-goal": (
        ("Sasaran ganda", "Duplicate goal"),
        ("Sasaran {no} sama dengan Sasaran {other}: '{sasaran}'", "Goal {no} repeats goal {other}: '{sasaran}'")),
    "duplicate-budget": (
        ("Anggaran ganda", "Duplicate budget"),
        ("Pagu Sasaran {no} ({amount}) {reason}; anggaran bisa terhitung dua kali",
         "The Pagu of goal {no} ({amount}) {reason}; the money may be counted twice")),
    "pelaksana-variant": (
        ("Nama Pelaksana berbeda", "Pelaksana variant"),
        ("Pelaksana '{name}' ({count} baris) tampaknya varian dari '{other}' ({other_count} baris); "
         "total per Pelaksana akan terpecah",
         "Pelaksana '{name}' ({count} rows) looks like a variant of '{other}' ({other_count} rows); "
         "totals by Pelaksana would be split")),
    "target-format": (
        ("Target tidak terbaca", "Unreadable target"),
        ("Target '{value}' tidak dapat ditafsirkan: bukan persentase (100 %), nilai/predikat (B, WTP) "
         "atau jumlah dengan satuan (4 lap)",
         "Target '{value}' cannot be interpreted: not a percentage (100 %), a grade (B, WTP) "
         "or a count with a unit (4 lap)")),
    "target-unit-mismatch": (
        ("Satuan target berbeda", "Target unit mismatch"),
        ("Target kegiatan '{value}' memakai satuan lain ({unit}) dari target indikatornya "
         "'{indicator_target}' ({indicator_unit})",
         "Activity target '{value}' uses another unit ({unit}) than its indicator's target "
         "'{indicator_target}' ({indicator_unit})")),
    "nip-invalid": (
        ("NIP tidak sah", "Invalid NIP"),
        ("NIP '{value}' tidak sah: {reason}", "NIP '{value}' is not valid: {reason}")),
    "missing-pelaksana": (
        ("Pelaksana kosong", "Missing Pelaksana"),
        ("Kegiatan Sasaran {no} tidak memiliki Pelaksana", "An activity of goal {no} has no Pelaksana")),
    "empty-activity": (
        ("Nama kegiatan kosong", "Empty activity"),
        ("Baris {row} memiliki {what} tetapi tidak memiliki nama kegiatan", "Row {row} has {what} but no activity name")),
    "budget-unlinked": (
        ("Pagu tanpa sasaran", "Budget line without a goal"),
        ("Baris anggaran '{text}' tidak dapat dikaitkan ke satu sasaran (nomor atau teksnya tidak menunjuk satu "
         "sasaran): dihitung sebagai Pagu organisasi, tanpa sasaran",
         "Budget line '{text}' cannot be linked to one goal (neither its number nor its text names one): "
         "counted as the organisation's budget, with no goal")),
    "unit-cost-ignored": (
        ("Biaya satuan bukan Pagu", "Unit cost is not the budget"),
        ("Kolom {unit_cost} adalah biaya satuan; Pagu dibaca dari kolom {total}",
         "Column {unit_cost} is a unit cost; the budget is read from column {total}")),
    # monitoring (rakxl.monitoring.rules)
    "monev-over-pagu": (
        ("Realisasi melebihi Pagu", "Spending above Pagu"),
        ("Realisasi anggaran s.d. triwulan {q} ({spent}) melebihi Pagu {pagu} di {pagu_cell}",
         "Spending up to quarter {q} ({spent}) exceeds the Pagu {pagu} at {pagu_cell}")),
    "monev-budget-repeated": (
        ("Realisasi anggaran diketik berulang", "Spending typed on several rows"),
        ("Realisasi anggaran triwulan {q} diketik di {n} baris satu Pagu ({cells}: {values}); realisasi milik "
         "baris Pagu, bukan tiap kegiatan, dan hanya sel pertama yang dihitung",
         "Quarter {q} spending is typed on {n} rows of one Pagu ({cells}: {values}); spending belongs to the "
         "budget line, not to each activity, and only the first cell counts")),
    "monev-no-target": (
        ("Realisasi tanpa target", "Realisation without a target"),
        ("Realisasi '{value}' triwulan {q} dilaporkan, tetapi '{target}' bukan target berupa angka; capaian "
         "tidak terdefinisi",
         "Realisation '{value}' reported for quarter {q}, but '{target}' is no numeric target; capaian is not "
         "defined")),
    "monev-missing": (
        ("Realisasi belum diisi", "Realisation missing"),
        ("Realisasi {level} triwulan {q} kosong (belum dilaporkan: {cells}), padahal laporan sudah s.d. triwulan {upto}",
         "The {level} realisation of quarter {q} is blank (not reported: {cells}) although the report is up to "
         "quarter {upto}")),
    "monev-cumulative-typed": (
        ("Angka kumulatif di sel triwulan", "Cumulative figures typed"),
        ("Realisasi triwulan {values} naik terus dan jumlahnya ({total}) melampaui target {target}, padahal "
         "nilai terakhir ({last}) tidak; tampaknya angka kumulatif diketik di sel per triwulan (isi hanya "
         "realisasi triwulan itu)",
         "Quarter realisations {values} keep rising and add up to {total}, above the target {target}, while the "
         "last one ({last}) is not; cumulative figures seem typed into per-quarter cells")),
    "monev-invalid": (
        ("Realisasi tidak sah", "Invalid realisation"),
        ("Realisasi triwulan {q} '{value}' {reason}",
         "Quarter {q} realisation '{value}' {reason}")),
    "monev-over-cap": (
        ("Capaian melebihi batas", "Capaian above the cap"),
        ("Capaian triwulan {q} {value} melebihi batas {cap}; ditampilkan {cap}",
         "Quarter {q} capaian {value} is above the cap {cap}; shown as {cap}")),
    "monev-no-evidence": (
        ("Bukti dukung kosong", "No evidence"),
        ("Kegiatan tercapai {value} pada triwulan {q}, tetapi Bukti Dukung ({cell}) kosong",
         "The activity reached {value} in quarter {q}, but its evidence cell ({cell}) is blank")),
}


#: Parts of finding messages that a rule chooses (:class:`Phrase`), with their own parameters.
FINDING_PHRASES = {
    "goal-position": ("ke-{n}", "#{n}"),                     # a goal without a No, by position
    "and": (" dan ", " and "),
    # duplicate-budget
    "repeats-lines": ("mengulang baris anggaran dan kegiatan Sasaran {other}",
                      "repeats the budget lines and activities of goal {other}"),
    "equals-total": ("sama dengan Pagu Sasaran {other}, yang Sasarannya sama",
                     "equals the Pagu of goal {other}, which has the same Sasaran"),
    # numbering
    "goal-without-number": ("Sasaran tanpa nomor", "Goal without a number"),
    "number-out-of-sequence": ("Nomor Sasaran '{written}' tidak urut", "Goal number '{written}' is out of sequence"),
    # empty-activity
    "has-pagu": ("Pagu", "a Pagu"),
    "has-targets": ("target", "targets"),
    # target units
    "unit-grade": ("nilai", "grade"),
    # nip-invalid
    "nip-not-digits": ("harus berupa 18 angka (spasi boleh)", "must be 18 digits (spaces allowed)"),
    "nip-length": ("harus 18 angka, tertulis {n} angka", "must have 18 digits, has {n}"),
    "nip-birth-date": ("tanggal lahir {digits} bukan tanggal yang ada (TTTTBBHH)",
                       "birth date {digits} is not a real date (YYYYMMDD)"),
    "nip-birth-year": ("tahun lahir {year} tidak masuk akal", "birth year {year} is implausible"),
    "nip-month": ("bulan pengangkatan {digits} tidak sah (TTTTBB)",
                  "appointment month {digits} is not valid (YYYYMM)"),
    "nip-month-order": ("bulan pengangkatan {digits} tidak sesudah tanggal lahir {born}",
                        "appointment month {digits} is not after the birth date {born}"),
    "nip-gender": ("digit jenis kelamin {digit} harus 1 atau 2", "gender digit {digit} must be 1 or 2"),
    # monitoring: which level a realisation belongs to, why a realisation is invalid, a Pagu as a target
    "level-indikator": ("indikator", "indicator"),
    "level-kegiatan": ("kegiatan", "activity"),
    "not-a-grade": ("bukan nilai pada skala target", "is not a grade of the target's scale"),
    "not-a-number": ("bukan angka (ketik angka saja, tanpa % atau satuan)", "is not a number (type the number only)"),
    "not-an-amount": ("bukan jumlah rupiah berupa angka", "is not an amount typed as a number"),
    "negative": ("negatif", "is negative"),
    "pagu-amount": ("Pagu {amount}", "Pagu {amount}"),
}
