"""rakxl.text: the two ways rakxl compares texts."""
from rakxl.text import fold_spaces, fold_words


def test_fold_spaces_folds_case_and_spacing_only():
    assert fold_spaces(" Sarana  dan\nPrasarana\u00a0") == "sarana dan prasarana"
    assert fold_spaces("Subbag Umum & Logistik") == "subbag umum & logistik"  # punctuation kept
    assert fold_spaces("STRASSE") == fold_spaces("straße")  # casefold, not lower
    assert fold_spaces(None) == ""


def test_fold_words_folds_punctuation_too():
    assert fold_words("Guna,  Meningkatkan (Layanan)") == "guna meningkatkan layanan"
    assert fold_words("Sub_bag-Umum") == "sub bag umum"
    assert fold_words(None) == ""
