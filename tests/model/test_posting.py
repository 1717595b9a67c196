"""model/posting.py: one opening: its output name, and its identity (its content without
where it stood), which digests and the manifest use."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jdgen.core.errors import OutputError
from jdgen.model.base import Origin, Text
from jdgen.model.data import AddStatement, StatementChanges
from jdgen.model.posting import Employment, Posting, Salary, Work


def test_the_output_name_is_the_files_own():
    assert Posting(role="coo").name == "posting" and Posting(role="coo").file is None
    here = Posting(role="coo", origin=Origin(Path("postings/coo-dayton.yaml"), 1))
    assert here.file == Path("postings/coo-dayton.yaml") and here.name == "coo-dayton"
    with pytest.raises(OutputError, match="unsafe name"):
        Posting(role="coo", origin=Origin(Path("postings/Plant Manager.yaml"), 1)).name  # noqa: B018


def test_the_identity_is_the_content_only():
    title = Text("Operations Lead")
    title.file, title.line = Path("a.yaml"), 3
    posting = Posting(
        role="coo",
        title=title,
        work=Work("hybrid", office_days=2, origin=Origin(Path("a.yaml"), 5)),
        employment=Employment("FULL_TIME"),
        salary=Salary(1, 2, origin=Origin(Path("a.yaml"), 9)),
        statements=StatementChanges(add=(AddStatement("quality", "Audits."),)),
        origin=Origin(Path("a.yaml"), 1),
    )
    identity = posting.identity()
    assert identity == {
        "role": "coo",
        "template": "posting",
        "title": "Operations Lead",
        "work": {"arrangement": "hybrid", "office_days": 2},
        "employment": {"type": "FULL_TIME"},
        "salary": {"min": 1, "max": 2, "period": "year"},
        "statements": {"add": [{"block": "quality", "text": "Audits."}]},
    }
    assert type(identity["title"]) is str  # plain text, not the Text that remembers its line
    json.dumps(identity)
    moved = Posting(role="coo", title="Operations Lead", origin=Origin(Path("b.yaml"), 7))
    assert moved.identity() == Posting(role="coo", title="Operations Lead").identity()
    assert moved.identity() != Posting(role="coo", title="Operations lead").identity()
