"""A company folder's index.html: every document the manifest knows, by job family and
level (most senior first), each with its links and, after `batch --check`, its score."""

from __future__ import annotations

from ..library.labels import labels
from ..library.loader import Library
from ..model.formats import FORMATS, extension
from .environment import render_template


def index_page(lib: Library, files: dict[str, dict], company_name: str) -> bytes:
    html = render_template(
        lib.sources,
        "html",
        "html/index.html.j2",
        groups=index_groups(lib, files),
        company=company_name,
        labels=labels(lib.sources),
    )
    return html.encode("utf-8")


def index_groups(lib: Library, files: dict[str, dict]) -> list[dict]:
    """Documents grouped by family, then level (most senior first), each with its links:
    one document is the files of one name (request.name, say coo-posting or a posting
    file's coo-dayton) in its formats."""
    rank = {lv.id: i for i, lv in enumerate(lib.levels)}
    docs: dict[tuple, dict] = {}
    for name, e in files.items():
        document = name.removesuffix(f".{extension(e['format'])}") if e.get("format") in FORMATS else name
        key = (e.get("family", ""), e.get("level", ""), e.get("role", ""), e.get("template", "jd"), document)
        doc = docs.setdefault(
            key,
            {
                "title": e.get("title", name),
                "level": e.get("level_label", ""),
                "template": e.get("template", "jd"),
                "role_title": e.get("role_title", e.get("title", name)),
                "check": e.get("check"),
                "links": [],
            },
        )
        doc["links"].append({"format": e.get("format", ""), "href": name})
    groups: dict[str, dict[str, list]] = {}
    for key in sorted(docs, key=lambda k: (k[0], -rank.get(k[1], -1), docs[k]["title"], k[3], k[4])):
        doc = docs[key]
        doc["links"].sort(key=lambda link: link["format"])
        groups.setdefault(key[0], {}).setdefault(doc["level"], []).append(doc)
    return [
        {"family": family, "levels": [{"level": lv, "documents": d} for lv, d in levels.items()]}
        for family, levels in groups.items()
    ]
