"""Words of the table contract's refusals and of the diff (``rakxl diff``).

Data only: every text is an ``(Indonesian, English)`` pair under a key (``CLICK_ID`` maps
click's English to Indonesian). :mod:`rakxl.i18n` looks them up.
"""


#: Words of the refusals: (id, en).
CONTRACT_WORDS = {
    "contract.not_rak": ("bukan tabel RAK", "not a RAK table"),
    "contract.looked": ("diperiksa: {sheets}", "looked at: {sheets}"),
    "contract.more_sheets": ("{names} dan {n} sheet lain", "{names} and {n} more sheets"),
    "contract.no_header": ("tidak ada baris judul kolom yang dikenal (seperti 'Nama Kegiatan/Aksi' dan 'Pagu Anggaran')",
                  "no known header row (such as 'Nama Kegiatan/Aksi' and 'Pagu Anggaran')"),
    "contract.candidate": ("sheet '{sheet}' baris {row} punya {found}", "sheet '{sheet}' row {row} has {found}"),
    "contract.missing": ("tetapi tidak ada {missing}", "but no {missing}"),
    "contract.and": (" dan ", " and "),
    "contract.side_by_side": ("{roles} ada dua kali di baris judul ({cells}): dua tabel berdampingan; pisahkan ke sheet "
                     "masing-masing",
                     "{roles} stand twice in the header row ({cells}): two tables side by side; put each on a "
                     "sheet of its own"),
    "contract.thousands": ("kolom '{text}' ({cell}) dalam ribuan rupiah; rakxl tidak mengalikan sendiri: ubah ke rupiah penuh",
                  "column '{text}' ({cell}) is in thousands of rupiah; rakxl does not multiply on its own: write "
                  "full rupiah"),
    "contract.budget_like": ("kolom '{text}' ({cell}) bukan Pagu Anggaran", "column '{text}' ({cell}) is no Pagu Anggaran"),
    "contract.empty": ("judul kolom RAK lengkap tetapi tidak ada satu pun baris kegiatan di bawahnya",
              "a full RAK header but not one activity row below it"),
    "contract.looks_like": ("tampaknya {what}", "it looks like {what}"),
    "contract.rollup": ("baris ringkasan: Pagu {amount} di {cell} (No {no}) adalah jumlah {count} baris Pagu di bawahnya "
               "({first}:{last}){more}; program di atas kegiatan dihitung dua kali bila dijumlahkan",
               "roll-up rows: the Pagu {amount} in {cell} (No {no}) is the sum of the {count} Pagu lines below it "
               "({first}:{last}){more}; program over kegiatan would be counted twice"),
    "contract.rollup_more": (", dan {n} baris ringkasan lain", ", and {n} more roll-up rows"),
}


#: Words of the diff (rakxl diff): its summary, kinds of change, the parts of a plan.
DIFF_WORDS = {
    "diff.title": ("Perubahan RAK", "RAK changes"),
    "diff.old": ("lama", "old"),
    "diff.new": ("baru", "new"),
    "diff.nothing": ("Tidak ada perubahan.", "No changes."),
    "diff.total": ("Total Pagu", "Total Pagu"),
    "diff.by_pelaksana": ("Pagu per Pelaksana:", "Pagu per Pelaksana:"),
    "diff.goal": ("Sasaran", "Goal"),
    "diff.was_no": ("sebelumnya {no}", "was {no}"),
    "diff.added": ("baru", "added"),
    "diff.removed": ("dihapus", "removed"),
    "diff.changed": ("diubah", "changed"),
    "diff.renamed": ("ganti nama", "renamed"),
    "diff.renumbered": ("nomor berubah", "renumbered"),
    "diff.same": ("sama", "same"),
    "diff.text_was": ("teks sebelumnya", "text was"),
    "diff.activity": ("Kegiatan", "Activity"),
    "diff.renumbered_goals": ("Nomor Sasaran berubah, isi sama: {pairs}", "Goals renumbered, content unchanged: {pairs}"),
    "diff.meta": ("Judul dan tanda tangan:", "Title and signature:"),
    "diff.was": ("Sebelumnya", "Was"),
    "diff.new_activity": ("Kegiatan baru", "New activity"),
    "diff.more_activities": ("dan {n} kegiatan lain", "and {n} more"),
    "diff.new_goal": ("Sasaran baru", "New goal"),
    "diff.removed_activities": ("Kegiatan dihapus", "Activities removed"),
    "diff.empty": ("(kosong)", "(blank)"),
    "diff.level_sasaran": ("Sasaran", "Goal"),
    "diff.level_kegiatan": ("Kegiatan", "Activity"),
    "diff.level_pelaksana": ("Pelaksana", "Pelaksana"),
    "diff.level_judul": ("Judul", "Title"),
    "diff.sheet_heading": ("== Sheet '{old}' -> '{new}' ==", "== Sheet '{old}' -> '{new}' =="),
    "diff.sheet_removed_line": ("Sheet RAK '{sheet}' tidak ada lagi di RAK baru (Pagu {pagu} hilang)",
                           "RAK sheet '{sheet}' is missing from the new plan (Pagu {pagu} gone)"),
    "diff.sheet_added_line": ("Sheet RAK baru '{sheet}' (Pagu {pagu})", "New RAK sheet '{sheet}' (Pagu {pagu})"),
    "diff.no_such_sheet": ("tidak ada sheet RAK '{sheet}' di kedua file", "no RAK sheet '{sheet}' in either file"),
}


#: Labels of the fields of a plan, as the diff names them (Kolom of the Perubahan sheet).
FIELD_WORDS = {
    "field.no": ("No", "No"),
    "field.sasaran": ("Sasaran", "Goal"),
    "field.kegiatan": ("Nama Kegiatan", "Activity name"),
    "field.indikator": ("Indikator", "Indicator"),
    "field.target_indikator": ("Target Indikator", "Indicator target"),
    "field.target_kegiatan": ("Target Kegiatan", "Activity target"),
    "field.tw1": ("Triwulan I", "Quarter I"),
    "field.tw2": ("Triwulan II", "Quarter II"),
    "field.tw3": ("Triwulan III", "Quarter III"),
    "field.tw4": ("Triwulan IV", "Quarter IV"),
    "field.pelaksana": ("Pelaksana", "Pelaksana"),
    "field.pagu": ("Pagu", "Pagu"),
    "field.year": ("Tahun", "Year"),
    "field.organization": ("Organisasi", "Organization"),
    "field.unit": ("Unit", "Unit"),
    "field.place": ("Tempat", "Place"),
    "field.signed_on": ("Tanggal", "Date"),
    "field.signatory_title": ("Jabatan penandatangan", "Signatory title"),
    "field.signatory": ("Penandatangan", "Signatory"),
    "field.nip": ("NIP", "NIP"),
}


#: Words of the sheet-level changes of a diff over several RAK sheets.
DIFF_SHEET_WORDS = {
    "diff.sheet_change": ("Perubahan sheet", "Sheet change"),
    "diff.sheet_removed": ("sheet RAK dihapus", "RAK sheet removed"),
    "diff.sheet_added": ("sheet RAK baru", "RAK sheet added"),
}
