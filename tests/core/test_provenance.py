"""core/provenance.py: the keys noted while a document is made, and the signature of
jdgen's own code."""

from __future__ import annotations

import hashlib
from pathlib import Path

import jdgen
from jdgen.core import cache as diskcache
from jdgen.core.provenance import code_signature, note, recording


def test_notes_go_to_the_innermost_recording_only():
    note("library:outside.yaml")  # no recording: nothing to note into, and no error
    with recording() as outer:
        note("library:a.yaml")
        with recording() as inner:
            note("templates:b.j2", "library:c.yaml")
        note("library:a.yaml")  # noted twice: once in the set
    assert outer == {"library:a.yaml"}
    assert inner == {"templates:b.j2", "library:c.yaml"}


def test_a_recording_ends_even_when_the_block_fails():
    try:
        with recording():
            raise RuntimeError("stop")
    except RuntimeError:
        pass
    with recording() as after:
        pass
    note("library:late.yaml")
    assert after == set()


def test_the_code_signature_is_a_sha256_of_every_code_file():
    package = Path(jdgen.__file__).resolve().parent
    h = hashlib.sha256()
    for relative, _, _ in diskcache.code_files(package):
        h.update(relative.encode() + b"\0" + (package / relative).read_bytes())
    assert code_signature() == h.hexdigest()
    names = [relative for relative, _, _ in diskcache.code_files(package)]
    assert "core/provenance.py" in names and "render/docx.py" in names
