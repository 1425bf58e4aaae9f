"""The words of refusals (:class:`rakxl.exceptions.RakError`): a section of the one
catalogue (:data:`rakxl.i18n.CATALOGUE`), ``(Indonesian, English)`` per key.

A refusal made with a key (``RakInputError.of("error.not_found", path=p)``) says its
Indonesian text as ``str(err)`` and renders in either language with ``err.render(lang)``.
"""

#: Words of refusals: (id, en).
ERROR_WORDS = {
    # where: the location before the reason
    "error.sheet": ("sheet '{sheet}'", "sheet '{sheet}'"),
    "error.cell": ("sel {cell}", "cell {cell}"),
    "error.text": ("{text}", "{text}"),
    # the file itself (rakxl.guard.files)
    "error.not_found": ("file tidak ditemukan", "file not found"),
    "error.cannot_open": ("file tidak dapat dibuka ({reason})", "the file cannot be opened ({reason})"),
    "error.folder": ("ini sebuah folder, bukan file workbook", "this is a folder, not a workbook file"),
    "error.special": ("ini {kind}, bukan file workbook; berikan file .xlsx atau .xls yang tersimpan",
                      "this is a {kind}, not a workbook file; give a saved .xlsx or .xls file"),
    "error.kind.fifo": ("FIFO (pipa bernama)", "FIFO (named pipe)"),
    "error.kind.socket": ("soket", "socket"),
    "error.kind.device": ("perangkat", "device"),
    "error.kind.other": ("bukan file biasa", "file that is not a regular file"),
    "error.too_big": ("file terlalu besar ({size} byte; batas {limit}); "
                      "bila file ini memang sah, naikkan batasnya (Limits / RAKXL_LIMITS)",
                      "the file is too big ({size} bytes; limit {limit}); "
                      "if the file is genuine, raise the limit (Limits / RAKXL_LIMITS)"),
    # not a workbook (rakxl.workbook, rakxl.guard.zipdir)
    "error.empty": ("file kosong (0 byte), bukan workbook Excel; minta file aslinya lagi "
                    "(mungkin gagal tersalin), atau simpan ulang sebagai .xlsx",
                    "the file is empty (0 bytes), not an Excel workbook; ask for the original file again "
                    "(the copy may have failed), or save it again as .xlsx"),
    "error.not_workbook": ("bukan workbook Excel: isinya {what}; buka di Excel lalu simpan ulang sebagai .xlsx",
                           "not an Excel workbook: it holds {what}; open it in Excel and save it again as .xlsx"),
    "error.what.xml2003": ("XML Spreadsheet 2003 (sering dari ekspor aplikasi web) yang diberi nama workbook",
                           "an XML Spreadsheet 2003 (often exported by a web application) named as a workbook"),
    "error.what.html": ("halaman HTML (sering dari ekspor aplikasi web) yang diberi nama workbook",
                        "an HTML page (often exported by a web application) named as a workbook"),
    "error.what.pdf": ("dokumen PDF", "a PDF document"),
    "error.what.csv": ("file teks/CSV", "a text/CSV file"),
    "error.what.text": ("file teks biasa", "a plain text file"),
    "error.what.other": ("file yang bukan workbook Excel", "a file that is not an Excel workbook"),
    "error.what.docx": ("dokumen Word (.docx)", "a Word document (.docx)"),
    "error.what.pptx": ("presentasi PowerPoint (.pptx)", "a PowerPoint presentation (.pptx)"),
    "error.what.odf": ("dokumen OpenDocument (.ods/.odt)", "an OpenDocument file (.ods/.odt)"),
    "error.what.empty_zip": ("arsip zip kosong", "an empty zip archive"),
    "error.what.plain_zip": ("arsip zip biasa tanpa bagian workbook (xl/workbook.xml)",
                             "a plain zip archive without a workbook part (xl/workbook.xml)"),
    "error.zip_broken": ("file zip rusak atau terpotong ({detail}); minta file aslinya lagi atau "
                         "buka di Excel lalu simpan ulang sebagai .xlsx",
                         "the zip file is damaged or cut short ({detail}); ask for the original file again or "
                         "open it in Excel and save it again as .xlsx"),
    "error.xlsb": ("workbook biner Excel (.xlsb) tidak didukung; buka di Excel lalu simpan ulang sebagai .xlsx",
                   "binary Excel workbooks (.xlsb) are not supported; open it in Excel and save it again as .xlsx"),
    "error.zip_encrypted": ("workbook dilindungi kata sandi (zip terenkripsi); buka di Excel, hapus "
                            "kata sandinya, lalu simpan ulang sebagai .xlsx",
                            "the workbook is password-protected (encrypted zip); open it in Excel, remove "
                            "the password, and save it again as .xlsx"),
    "error.part_broken": ("bagian '{part}' rusak ({detail}); buka di Excel lalu simpan ulang sebagai .xlsx",
                          "part '{part}' is damaged ({detail}); open it in Excel and save it again as .xlsx"),
    # files built to harm their reader (rakxl.guard): "error.hostile" says "{reason}; file refused"
    "error.hostile": ("{reason}; file ditolak", "{reason}; file refused"),
    "hostile.parts": ("zip berisi {count} bagian (batas {limit}); tidak ada workbook sebanyak itu",
                      "the zip holds {count} parts (limit {limit}); no workbook has that many"),
    "hostile.part_twice": ("zip memuat bagian '{part}' lebih dari sekali (pembaca berbeda akan membaca isi berbeda)",
                           "the zip holds part '{part}' more than once (different readers would read different "
                           "contents)"),
    "hostile.part_size": ("bagian '{part}' mengaku berukuran {size} byte setelah diekstrak (batas {limit}); "
                          "ini ciri bom zip",
                          "part '{part}' claims {size} bytes once extracted (limit {limit}); "
                          "the mark of a zip bomb"),
    "hostile.ratio": ("bagian '{part}' memiliki rasio kompresi {ratio}:1 (batas {limit}:1); ini ciri bom zip",
                      "part '{part}' has a compression ratio of {ratio}:1 (limit {limit}:1); the mark of a zip bomb"),
    "hostile.total_size": ("isi workbook mengaku {size} byte setelah diekstrak (batas {limit}); ini ciri bom zip",
                           "the workbook's contents claim {size} bytes once extracted (limit {limit}); "
                           "the mark of a zip bomb"),
    "hostile.part_inflated": ("bagian '{part}' melebihi {limit} byte setelah diekstrak",
                              "part '{part}' exceeds {limit} bytes once extracted"),
    "hostile.formula_cells": ("rumus tanpa nilai tersimpan di workbook ini membaca lebih dari {limit} sel; "
                              "bila file ini memang sah, naikkan batasnya (Limits / RAKXL_LIMITS)",
                              "formulas without stored values in this workbook read more than {limit} cells; "
                              "if the file is genuine, raise the limit (Limits / RAKXL_LIMITS)"),
    "hostile.extent": ("sel berisi menjangkau hingga {last} ({rows} baris x {cols} kolom = {cells} sel), jauh "
                       "melebihi tabel RAK mana pun (batas {max_rows} baris, {max_cols} kolom, {max_cells} sel); "
                       "bila file ini memang sah, naikkan batasnya (Limits / RAKXL_LIMITS)",
                       "the cells in use reach {last} ({rows} rows x {cols} columns = {cells} cells), far beyond "
                       "any RAK table (limit {max_rows} rows, {max_cols} columns, {max_cells} cells); "
                       "if the file is genuine, raise the limit (Limits / RAKXL_LIMITS)"),
    "hostile.row_n": ("baris {n}", "row {n}"),
    "hostile.merges": ("sheet memuat {n} sel gabungan (batas {limit}); "
                       "bila file ini memang sah, naikkan batasnya (Limits / RAKXL_LIMITS)",
                       "the sheet holds {n} merged ranges (limit {limit}); "
                       "if the file is genuine, raise the limit (Limits / RAKXL_LIMITS)"),
    "hostile.sst_count": ("bagian '{part}' mengaku memuat {count} teks dalam {size} byte",
                          "part '{part}' claims {count} texts in {size} bytes"),
    "hostile.elements": ("bagian '{part}' memuat lebih dari 200,000 elemen XML",
                         "part '{part}' holds more than 200,000 XML elements"),
    "hostile.workbook_dtd": ("workbook.xml memuat DTD/ENTITY (pola serangan XML)",
                             "workbook.xml holds a DTD/ENTITY (the pattern of an XML attack)"),
    "hostile.dtd": ("bagian '{part}' memuat DTD/ENTITY (pola serangan XML seperti 'billion laughs' atau "
                    "entitas eksternal)",
                    "part '{part}' holds a DTD/ENTITY (the pattern of XML attacks such as 'billion laughs' or "
                    "external entities)"),
    "hostile.exact_elements": ("bagian '{part}' dan bagian sebelumnya memuat lebih dari {limit} "
                               "elemen XML yang harus dibaca satu per satu; bila file ini memang sah, naikkan batasnya (Limits / RAKXL_LIMITS)",
                               "part '{part}' and the parts before it hold more than {limit} "
                               "XML elements to be read one by one; if the file is genuine, raise the limit (Limits / RAKXL_LIMITS)"),
    "hostile.far_cell": ("sel '{ref}' berada jauh di luar batas lembar kerja (batas {rows} "
                         "baris, {cols} kolom); bila file ini memang sah, naikkan batasnya (Limits / RAKXL_LIMITS)",
                         "cell '{ref}' lies far beyond the worksheet's bounds (limit {rows} "
                         "rows, {cols} columns); if the file is genuine, raise the limit (Limits / RAKXL_LIMITS)"),
    "hostile.far_row": ("baris '{row}' berada jauh di luar batas lembar kerja (batas {rows} baris); bila file ini memang sah, naikkan batasnya (Limits / RAKXL_LIMITS)",
                        "row '{row}' lies far beyond the worksheet's bounds (limit {rows} rows); if the file is genuine, raise the limit (Limits / RAKXL_LIMITS)"),
    "hostile.merged_cells": ("sel gabungan sheet ini bersama-sama menutup {n} sel (batas {limit}); bila file ini memang sah, naikkan batasnya (Limits / RAKXL_LIMITS)",
                             "the merged ranges of this sheet together cover {n} cells (limit {limit}); "
                             "if the file is genuine, raise the limit (Limits / RAKXL_LIMITS)"),
    "hostile.shared_text": ("teks bersama (shared strings) yang dipakai sel-selnya berjumlah lebih dari "
                            "{limit} byte setelah disalin ke tiap sel; bila file ini memang sah, naikkan batasnya (Limits / RAKXL_LIMITS)",
                            "the shared strings its cells use come to more than {limit} bytes once copied "
                            "into each cell; if the file is genuine, raise the limit (Limits / RAKXL_LIMITS)"),
    "hostile.xml_bytes": ("{what} mengaku {size} byte setelah diekstrak (batas {limit}); bila file ini memang sah, naikkan batasnya (Limits / RAKXL_LIMITS)",
                          "{what} claim {size} bytes once extracted (limit {limit}); if the file is genuine, raise the limit (Limits / RAKXL_LIMITS)"),
    "hostile.what_xml": ("bagian XML workbook ini", "the XML parts of this workbook"),
    "hostile.what_parsed": ("bagian yang dibaca parser", "the parts the parser reads"),
    "hostile.xls_sst": ("tabel teks .xls mengaku memuat {count} teks dalam {size} byte",
                        "the .xls text table claims {count} texts in {size} bytes"),
    # damaged parts (rakxl.guard)
    "error.numfmt": ("bagian '{part}' rusak (numFmtId tidak sah); buka di Excel lalu simpan ulang sebagai .xlsx",
                     "part '{part}' is damaged (numFmtId is not valid); open it in Excel and save it again as .xlsx"),
    "error.workbook_xml": ("workbook.xml rusak ({detail}); buka di Excel lalu simpan ulang sebagai .xlsx", "workbook.xml is damaged ({detail}); open it in Excel and save it again as .xlsx"),
    "error.not_xml": ("bagian '{part}' bukan XML yang sah ({detail}); buka di Excel lalu simpan ulang sebagai .xlsx",
                      "part '{part}' is not valid XML ({detail}); open it in Excel and save it again as .xlsx"),
    "error.encoding": ("bagian '{part}' memakai encoding '{encoding}' (workbook hanya memakai UTF-8 atau UTF-16); "
                       "buka di Excel lalu simpan ulang sebagai .xlsx",
                       "part '{part}' uses the encoding '{encoding}' (workbooks use UTF-8 or UTF-16 only); "
                       "open it in Excel and save it again as .xlsx"),
    "error.bad_ref": ("referensi sel '{ref}' tidak sah; buka di Excel lalu simpan ulang sebagai .xlsx", "cell reference '{ref}' is not valid; open it in Excel and save it again as .xlsx"),
    "error.bad_ref_row0": ("referensi sel '{ref}' tidak sah (baris 0); buka di Excel lalu simpan ulang sebagai .xlsx",
                           "cell reference '{ref}' is not valid (row 0); open it in Excel and save it again as .xlsx"),
    "error.bad_row": ("nomor baris '{row}' tidak sah; buka di Excel lalu simpan ulang sebagai .xlsx", "row number '{row}' is not valid; open it in Excel and save it again as .xlsx"),
    "error.limit_unknown": ("RAKXL_LIMITS: batas '{name}' tidak dikenal; yang ada: {names}",
                            "RAKXL_LIMITS: no limit is called '{name}'; the limits are: {names}"),
    "error.limit_value": ("RAKXL_LIMITS: nilai '{value}' untuk {name} bukan angka",
                          "RAKXL_LIMITS: the value '{value}' of {name} is not a number"),
    "error.one_of": ("{first} atau {last}", "{first} or {last}"),
    # monev workbooks (rakxl.monitoring)
    "error.already_monev": ("file ini sudah workbook monev; buat dari file RAK-nya (untuk RAK revisi: "
                            "rakxl monev RAK_REVISI.xlsx --from MONEV_LAMA.xlsx -o MONEV_BARU.xlsx)",
                            "this file is already a monev workbook; make it from its RAK file (for a revised RAK: "
                            "rakxl monev RAK_REVISI.xlsx --from MONEV_LAMA.xlsx -o MONEV_BARU.xlsx)"),
    "error.monev_suffix": ("workbook monev harus bernama .xlsx", "the monev workbook must be named .xlsx"),
    "error.not_monev": ("bukan workbook monev rakxl (sheet tersembunyi 'rakxl-monev' tidak ada); buat dengan "
                        "'rakxl monev RAK.xlsx -o MONEV.xlsx'",
                        "not a rakxl monev workbook (the hidden sheet 'rakxl-monev' is missing); make one with "
                        "'rakxl monev RAK.xlsx -o MONEV.xlsx'"),
    "error.monev_map": ("sheet 'rakxl-monev' kosong atau rusak; buat ulang workbook dengan 'rakxl monev'",
                        "the sheet 'rakxl-monev' is empty or damaged; make the workbook again with 'rakxl monev'"),
    "error.monev_column_map": ("peta kolom tidak lengkap ({field})", "the column map is incomplete ({field})"),
    "error.monev_moved": ("judul kolom '{got}' bukan '{want}' seperti saat dibuat; kolom "
                          "bergeser (disisipkan atau dihapus?)",
                          "the column header '{got}' is not '{want}' as made; the columns "
                          "moved (one inserted or deleted?)"),
    # tables not read (rakxl.reader.families)
    "error.unit_cost": ("kolom '{cost}' ({cost_cell}) di samping '{vol}' ({vol_cell}) adalah harga satuan, bukan Pagu, "
                        "dan tidak ada kolom jumlah (mis. 'Jumlah (Rp.)'): Pagu tiap baris tidak tertulis, tabel "
                        "tidak dibaca",
                        "column '{cost}' ({cost_cell}) beside '{vol}' ({vol_cell}) is a unit cost, not a Pagu, and "
                        "there is no total column (such as 'Jumlah (Rp.)'): no line's Pagu is written, the table "
                        "is not read"),
    "error.nested_budget": ("baris {row} ('{no} {text}', {at}) adalah jumlah dari {n} baris di bawahnya: tabel "
                            "anggaran bertingkat (program di atas kegiatan) tidak dibaca agar Pagu tidak terhitung "
                            "dua kali",
                            "row {row} ('{no} {text}', {at}) is the sum of the {n} rows below it: a nested budget "
                            "table (program over kegiatan) is not read, so that no Pagu is counted twice"),
    # settings files (rakxl.monitoring.config)
    "error.config_big": ("terlalu besar ({size} byte) untuk file pengaturan", "too big ({size} bytes) for a settings file"),
    "error.config_utf8": ("bukan teks UTF-8", "not UTF-8 text"),
    "error.config_unreadable": ("tidak dapat dibaca ({reason})", "cannot be read ({reason})"),
    "error.config_toml": ("bukan TOML yang sah: {detail}", "not valid TOML: {detail}"),
    "error.config_key": ("{setting}: {reason}", "{setting}: {reason}"),
    "config.choice": ("{value} tidak dikenal; pilih {allowed}", "{value} is unknown; choose {allowed}"),
    "config.unknown_key": ("kunci tidak dikenal; yang dikenal: {known}", "unknown key; the known ones: {known}"),
    "config.pelaksana_table": ('harus berupa tabel: "Nama Baku" = ["alias", ...]',
                               'must be a table: "Nama Baku" = ["alias", ...]'),
    "config.alias_list": ("harus berupa daftar teks alias", "must be a list of alias texts"),
    "config.capaian_table": ("harus berupa tabel [capaian]", "must be a table [capaian]"),
    "config.cap": ("{value} harus angka lebih dari 0 (mis. 100 atau 120), atau false",
                   "{value} must be a number above 0 (e.g. 100 or 120), or false"),
    "config.thresholds": ('harus berupa daftar {{ min = 91, name = "Sangat Baik" }}',
                          'must be a list of {{ min = 91, name = "Sangat Baik" }}'),
    "config.threshold": ('harus {{ min = ANGKA, name = "NAMA" }}', 'must be {{ min = NUMBER, name = "NAME" }}'),
    "config.threshold_types": ("min harus angka dan name teks", "min must be a number and name a text"),
    "config.threshold_order": ("{low} harus lebih kecil dari min sebelumnya ({previous}); urutkan dari kategori "
                               "tertinggi",
                               "{low} must be smaller than the min before it ({previous}); order them from the "
                               "highest category"),
    "config.methods_list": ("harus berupa daftar [[methods]]", "must be a list [[methods]]"),
    "config.methods_table": ("harus berupa tabel [[methods]]", "must be a table [[methods]]"),
    "config.method_empty": ("tidak menetapkan aggregation, direction atau scale",
                            "sets none of aggregation, direction or scale"),
    "config.goal": ('harus No sasaran seperti tertulis, mis. "5"', 'must be a goal No as written, e.g. "5"'),
    "config.indicator": ("harus urutan indikator dalam sasaran: 1, 2, 3...",
                         "must be the indicator's place within its goal: 1, 2, 3..."),
    "config.indicator_goal": ("perlu goal (No sasaran) juga", "needs goal (the goal No) too"),
    "config.match_text": ("harus teks (regular expression)", "must be a text (regular expression)"),
    "config.match_invalid": ("regular expression tidak sah: {detail}", "invalid regular expression: {detail}"),
    "config.rekap_table": ("harus berupa tabel [rekap]", "must be a table [rekap]"),
    "config.units": ('harus berupa daftar nama unit, mis. ["Subbag Keuangan", "Subbag SDM"]',
                     'must be a list of unit names, e.g. ["Subbag Keuangan", "Subbag SDM"]'),
    "config.selisih": ("{value} harus angka lebih dari 0 (poin persen, mis. 25)",
                       "{value} must be a number above 0 (percentage points, e.g. 25)"),
    "error.config_missing": ("file pengaturan tidak ada", "the settings file does not exist"),
    # the official layout (rakxl format) refuses what it would lose
    "error.pagu_not_number": ("Pagu '{value}' bukan angka; tata letak resmi akan mengosongkannya dan JUMLAH tidak akan "
                              "memuatnya{more}. Tulis Pagu sebagai angka lalu jalankan lagi",
                              "Pagu '{value}' is not a number; the official layout would leave it empty and JUMLAH "
                              "would not hold it{more}. Write the Pagu as a number and run again"),
    "error.pagu_more": (" (dan {n} sel Pagu lain: {cells})", " (and {n} more Pagu {n:cell|cells}: {cells})"),
    "error.stated_total": ("JUMLAH tertulis {stated}, sedangkan Pagu yang terbaca berjumlah {total}; tata letak resmi "
                           "akan menggantinya dengan jumlah itu. Periksa Pagu dan JUMLAH lalu jalankan lagi",
                           "JUMLAH says {stated}, while the Pagu read add up to {total}; the official layout would "
                           "replace it with that sum. Check the Pagu and JUMLAH and run again"),
    "error.budget_apart": ("bentuk tabel {family}: {n} baris Pagu berdiri di tabel anggaran tersendiri, bukan di "
                           "baris kegiatan; {what} belum dapat menuliskannya tanpa kehilangan Pagu",
                           "table family {family}: {n} budget {n:line stands|lines stand} in a budget table of "
                           "{n:its|their} own, not on the activity rows; {what} cannot write them yet without "
                           "losing Pagu"),
    "error.what_layout": ("tata letak resmi KPU", "the official KPU layout"),
    "error.what_monev": ("workbook monev", "the monev workbook"),
    # opening the workbook (rakxl.workbook)
    "error.password": ("workbook dilindungi kata sandi; hapus kata sandinya lalu simpan ulang",
                       "the workbook is password-protected; remove the password and save it again"),
    "error.incomplete": ("workbook rusak atau tidak lengkap ({detail}); buka di Excel lalu "
                         "simpan ulang sebagai .xlsx",
                         "the workbook is damaged or incomplete ({detail}); open it in Excel and "
                         "save it again as .xlsx"),
    "error.damaged": ("workbook rusak ({detail}); buka di Excel lalu simpan ulang sebagai .xlsx",
                      "the workbook is damaged ({detail}); open it in Excel and save it again as .xlsx"),
    "error.xls_unreadable": ("format .xls tidak dapat dibaca ({detail})", "the .xls format cannot be read ({detail})"),
    "batch.crashed": ("proses pembaca berhenti mendadak saat membaca file ini ({how}), juga saat dicoba lagi; "
                      "file ini dilewati, file lain tetap dihitung; buka di Excel lalu simpan ulang sebagai .xlsx",
                      "the reading process stopped suddenly on this file ({how}), again when tried a second time; "
                      "the file is skipped, the other files are still counted; open it in Excel and save it again "
                      "as .xlsx"),
    "batch.timed_out": ("membaca file ini melebihi {seconds:g} detik (batas max_seconds); file ini dilewati, file "
                        "lain tetap dihitung; bila file ini memang sah, naikkan batasnya (Limits / RAKXL_LIMITS)",
                        "reading this file took more than {seconds:g} seconds (the max_seconds limit); the file is "
                        "skipped, the other files are still counted; if the file is genuine, raise the limit "
                        "(Limits / RAKXL_LIMITS)"),
    "batch.exit_unknown": ("tidak diketahui", "unknown"),
    "batch.exit_signal": ("sinyal {name}", "signal {name}"),
    "batch.exit_code": ("kode keluar {code}", "exit code {code}"),
    "error.unexpected": ("kesalahan tak terduga di rakxl ({kind}: {exc})", "unexpected error in rakxl ({kind}: {exc})"),
    "error.duplicate": ("isinya sama persis dengan {first}; dihitung sekali", "the same content as {first}; counted once"),
    "error.memory": ("memori tidak cukup untuk file ini", "not enough memory for this file"),
    # not a RAK table (rakxl.reader)
    "error.not_rak_because": ("bukan tabel RAK: {reason}", "not a RAK table: {reason}"),
    "error.no_sheet_number": ("tidak ada sheet nomor {n} (workbook punya {count} sheet)",
                              "there is no sheet number {n} (the workbook has {count} {count:sheet|sheets})"),
    "error.sheet_unreadable": ("sheet tidak dapat dibaca ({detail})", "the sheet cannot be read ({detail})"),
    "error.xls_sheet_damaged": ("sheet .xls rusak ({detail}); buka di Excel lalu simpan ulang sebagai .xlsx",
                                "the .xls sheet is damaged ({detail}); open it in Excel and save it again as .xlsx"),
    # .xls files (rakxl.guard.xls)
    "error.xls_password": ("workbook dilindungi kata sandi (terenkripsi); buka di Excel, hapus kata "
                           "sandinya, lalu simpan ulang sebagai .xlsx",
                           "the workbook is password-protected (encrypted); open it in Excel, remove the "
                           "password, and save it again as .xlsx"),
    "error.xls_damaged": ("file .xls rusak ({detail}); buka di Excel lalu simpan ulang sebagai .xlsx",
                          "the .xls file is damaged ({detail}); open it in Excel and save it again as .xlsx"),
    "error.xls_outside": ("file .xls rusak (sheet '{name}' menunjuk ke luar workbook); buka di Excel lalu simpan "
                          "ulang sebagai .xlsx",
                          "the .xls file is damaged (sheet '{name}' points outside the workbook); open it in Excel "
                          "and save it again as .xlsx"),
    "error.xls_record": ("file .xls rusak (rekaman BIFF 0x{kind} tidak masuk akal); buka di Excel lalu simpan "
                         "ulang sebagai .xlsx",
                         "the .xls file is damaged (BIFF record 0x{kind} makes no sense); open it in Excel and "
                         "save it again as .xlsx"),
    "error.ole_not_excel": ("file OLE2 ini tidak memuat workbook Excel (mungkin dokumen Word lama); buka di Excel "
                            "lalu simpan ulang sebagai .xlsx",
                            "this OLE2 file holds no Excel workbook (perhaps an old Word document); open it in "
                            "Excel and save it again as .xlsx"),
    # folders (rakxl.folders, rakxl.totals, rakxl.rekap)
    "error.lock_file": ("ini file kunci Excel, bukan workbook: Excel membuatnya selagi {name} "
                        "terbuka dan menghapusnya saat ditutup; abaikan file ini",
                        "this is an Excel lock file, not a workbook: Excel makes it while {name} "
                        "is open and deletes it when it is closed; ignore this file"),
    "error.no_workbooks": ("tidak ada workbook (.xlsx, .xlsm, .xls) di {where}",
                           "there is no workbook (.xlsx, .xlsm, .xls) in {where}"),
    "error.nowhere": ("(tidak ada)", "(nothing)"),
    # outputs (rakxl.safeio, rakxl.annotate and the writers)
    "error.out_folder": ("keluaran adalah sebuah folder; sebutkan nama file",
                         "the output is a folder; name a file"),
    "error.out_broken_link": ("keluaran adalah tautan (symlink) yang rusak; sebutkan file biasa",
                              "the output is a broken link (symlink); name a regular file"),
    "error.out_special": ("keluaran bukan file biasa (perangkat, pipa atau soket); rakxl hanya menulis file biasa",
                          "the output is not a regular file (device, pipe or socket); rakxl writes regular "
                          "files only"),
    "error.out_is_input": ("keluaran sama dengan file masukan; rakxl tidak pernah menimpa masukan (pakai nama lain)",
                           "the output is the input file; rakxl never overwrites an input (use another name)"),
    "error.out_no_folder": ("folder tujuan tidak ada", "the destination folder does not exist"),
    "error.out_replace": ("file tidak dapat diganti ({reason}); bila sedang terbuka di Excel, "
                          "tutup dulu lalu jalankan lagi",
                          "the file cannot be replaced ({reason}); if it is open in Excel, "
                          "close it and run again"),
    "error.out_cannot_write": ("tidak dapat menulis di folder ini ({reason})", "cannot write in this folder ({reason})"),
    "error.out_no_temp": ("tidak dapat membuat file sementara di folder ini",
                          "cannot make a temporary file in this folder"),
    "error.too_many_bak": ("terlalu banyak cadangan .bak; pindahkan yang lama",
                           "too many .bak backups; move the old ones away"),
    "error.write_failed": ("tidak dapat menulis workbook: {detail}", "cannot write the workbook: {detail}"),
    "error.annotate_suffix": ("salinan beranotasi harus bernama .xlsx", "the annotated copy must be named .xlsx"),
    "error.annotate_xls": ("file .xls (Excel 97-2003) tidak dapat diberi anotasi; buka di Excel, simpan "
                           "ulang sebagai .xlsx, lalu jalankan lagi rakxl check --annotate",
                           "an .xls file (Excel 97-2003) cannot be annotated; open it in Excel, save it "
                           "again as .xlsx, then run rakxl check --annotate again"),
    "error.annotate_open": ("openpyxl tidak dapat membuka workbook ini untuk diberi anotasi ({detail}); "
                            "buka di Excel lalu simpan ulang sebagai .xlsx",
                            "openpyxl cannot open this workbook to annotate it ({detail}); "
                            "open it in Excel and save it again as .xlsx"),
    "error.no_sheet": ("tidak ada sheet '{name}'; sheet yang ada: {names}",
                       "there is no sheet '{name}'; the sheets are: {names}"),
}
