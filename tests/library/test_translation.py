"""library/translation.py and wording.py: the library's German, entry by entry, beside the
English; a text without its German stops a German document and is listed by validate."""

from __future__ import annotations

import pytest

from jdgen.core.errors import LibraryError
from jdgen.library import translation, wording
from jdgen.library.sources import Layer, Sources, default_sources
from jdgen.library.translation import MissingTranslation, catalogue, check_catalogue, translator
from jdgen.model.base import Text


def test_every_library_text_and_label_has_its_german_and_every_entry_is_read():
    problems = check_catalogue(default_sources(), "de", every_file=True)
    assert problems == [], "\n".join(map(str, problems[:10]))


def test_the_german_uses_only_the_englishs_label_fields_and_known_placeholder_values():
    found = catalogue(default_sources(), "de")
    texts = [t for _, t in translation.library_texts(default_sources())]
    names = {n for t in texts for n in translation.PLACEHOLDER.findall(t)}
    for text in texts:
        german = found.get(text).text
        assert set(translation.FORMAT_FIELD.findall(german)) <= set(translation.FORMAT_FIELD.findall(text))
        assert translation.placeholders_allowed(german, names), (text, german)


def test_a_misspelt_placeholder_case_is_not_allowed():
    names = {"company.board", "role.title"}
    assert translation.placeholders_allowed("mit {{ company.board_dat }} und {{ role.title }}", names)
    assert not translation.placeholders_allowed("an {{ company.bord_acc }}", names)
    assert not translation.placeholders_allowed("an {{ company.board_nom }}", names)


def _layer(tmp_path, name: str, entries: str) -> Layer:
    folder = tmp_path / name
    (folder / "de").mkdir(parents=True)
    (folder / "de" / "x.yaml").write_text(entries, "utf-8")
    return Layer(name, library=folder)


def test_a_text_without_german_stops_with_its_english_file_and_line(tmp_path):
    found = catalogue(Sources((_layer(tmp_path, "user", "- en: Known\n  de: Bekannt\n"),)), "de")
    translate = translator(found)
    assert translate("Known") == "Bekannt"
    text = Text("Unknown duty.")
    text.file, text.line = tmp_path / "blocks" / "x.yaml", 7
    with pytest.raises(MissingTranslation) as caught:
        translate(text)
    assert caught.value.line == 7 and caught.value.file == text.file
    assert "Unknown duty." in caught.value.message


def test_an_entry_not_yet_written_counts_as_missing(tmp_path):
    found = catalogue(Sources((_layer(tmp_path, "user", "- en: Later\n  de: ''\n"),)), "de")
    with pytest.raises(MissingTranslation):
        translator(found)("Later")


def test_spaces_around_the_english_stay_around_the_german(tmp_path):
    found = catalogue(Sources((_layer(tmp_path, "user", "- en: ';'\n  de: ' ;'\n"),)), "de")
    assert translator(found)("; ") == "; "  # a list separator keeps its space


def test_a_later_layers_entry_wins(tmp_path):
    low = _layer(tmp_path, "builtin", "- en: Budget\n  de: Budget\n")
    high = _layer(tmp_path, "user", "- en: Budget\n  de: Etat\n")
    assert translator(catalogue(Sources((high, low)), "de"))("Budget") == "Etat"


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("en: x\nde: y\n", "a catalogue is a list of entries"),
        ("- de: nur Deutsch\n", "each entry needs 'en'"),
        ("- en: x\n  de: y\n  fr: z\n", "unknown key 'fr'"),
    ],
)
def test_a_broken_catalogue_is_one_error_at_its_line(tmp_path, content, says):
    layer = _layer(tmp_path, "user", content)
    with pytest.raises(LibraryError) as caught:
        catalogue(Sources((layer,)), "de")
    assert says in caught.value.message and caught.value.file.name == "x.yaml" and caught.value.line


def test_cases_become_their_own_placeholders(tmp_path):
    entries = "- en: board\n  de: der Vorstand\n  dat: dem Vorstand\n  acc: den Vorstand\n"
    found = catalogue(Sources((_layer(tmp_path, "user", entries),)), "de")
    assert translation.forms_of(found, "board", "board") == {
        "board": "der Vorstand",
        "board_dat": "dem Vorstand",
        "board_acc": "den Vorstand",
    }


def test_swiss_german_writes_ss(lib):
    german, swiss = wording.words(lib, "de-DE"), wording.words(lib, "de-CH")
    found = catalogue(lib.sources, "de")
    english = next(e for e, entry in found.entries.items() if "ß" in entry.text)
    assert "ß" in german(english)
    assert swiss(english) == german(english).replace("ß", "ss")


def test_english_documents_are_untouched_by_the_catalogue(lib):
    spell = wording.words(lib, "en-US")
    assert spell("Hire the team.") == "Hire the team."
