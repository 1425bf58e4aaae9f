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
    # not a RAK table (rakxl.reader)
    "error.not_rak_because": ("bukan tabel RAK: {reason}", "not a RAK table: {reason}"),
    "error.no_sheet_number": ("tidak ada sheet nomor {n} (workbook punya {count} sheet)",
                              "there is no sheet number {n} (the workbook has {count} {count:sheet|sheets})"),
    "error.no_sheet": ("tidak ada sheet '{name}'; sheet yang ada: {names}",
                       "there is no sheet '{name}'; the sheets are: {names}"),
}
