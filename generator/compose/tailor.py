"""Tailoring: one opening's (or one workspace role's) changes to a composed selection.

Compose picks each block's statements for the role and level; this step then adds,
removes and replaces single statements by ref (`BLOCK/SLUG`), reorders or drops
blocks, and puts a new title through every sentence that used the old one. A change
that no longer applies (its statement was deleted or reworded in the library) is an
error naming the file and line of the change and the closest refs, never a silent
no-op. Text from a posting is data: it is never rendered as a template.
"""

from __future__ import annotations

import re
from dataclasses import field, replace

from ..core.errors import LibraryError, did_you_mean
from ..core.record import record
from ..library.industry import block_title, text
from ..model.refs import block_refs, slug
from .selection import chosen


class Own(str):
    """Text a posting wrote itself: printed as written, never rendered as a template."""

    literal = True


@record
class Picked:
    """One block as chosen for a document: its id, heading and (ref, text) statements."""

    block: str
    title: str
    emphasis: str
    items: list[tuple[str, str]] = field(default_factory=list)
    added: list[str] = field(default_factory=list)  # refs of statements this tailoring added


def pick(lib, role, level, with_additions: bool, industry: str | None) -> list[Picked]:
    """Each of the role's blocks with its statements for the level, as compose chooses
    them (selection.chosen: the items that fit the industry, up to the block's share of
    the essential duties), each with its ref."""
    out = []
    for rb, statements in chosen(lib, role, level, with_additions, industry):
        block = lib.blocks[rb.id]
        refs = block_refs(block.id, {**block.statements, "": rb.add})
        own = {**refs[level.id], **refs[""]}
        items = [(own[t], text(t)) for t in statements]
        out.append(Picked(block.id, rb.title or block_title(block, industry), rb.emphasis, items))
    return out


def role_selection(lib, request) -> list[Picked]:
    """The blocks and (ref, text) statements of the role's document at the request's
    level, after the workspace role's changes (at its own level): what `jdgen show`
    lists, the studio's editor offers and a posting's changes apply to."""
    role, level = request.role, request.level
    chosen = pick(lib, role, level, request.own_level, request.company.industry)
    if request.own_level:
        known = all_refs(lib, role, level)
        chosen = apply_statements(chosen, role.statements, f"role '{role.id}'", known, False)
    return chosen


def selection(lib, request) -> list[Picked]:
    """The blocks and (ref, text) statements of a request's document, after the
    workspace role's changes (at its own level) and the posting's."""
    role, level, posting = request.role, request.level, request.posting
    chosen = role_selection(lib, request)
    if posting:
        known = all_refs(lib, role, level)
        chosen = apply_statements(chosen, posting.statements, "the posting", known, True)
        chosen = apply_blocks(chosen, posting.blocks, "the posting")
    return chosen


def tailored(lib, request) -> tuple[list, set[str]]:
    """The document's blocks as (heading, block id, texts), and the texts the posting
    added itself (they always lead a posting's "What you will do")."""
    chosen = selection(lib, request)
    added = {str(t) for p in chosen for _, t in p.items[: len(p.added)] if isinstance(t, Own)}
    return [(p.title, p.block, [t for _, t in p.items]) for p in chosen], added


def all_refs(lib, role, level) -> dict[str, str]:
    """{ref: text} of every statement the role's blocks have at the level (for messages)."""
    out = {}
    for rb in role.blocks:
        block = lib.blocks[rb.id]
        refs = block_refs(block.id, {**block.statements, "": rb.add})
        out.update({ref: text(item) for item, ref in refs[level.id].items()})
        out.update({ref: text(item) for item, ref in refs[""].items()})
    return out


def apply_statements(selection: list[Picked], changes, what: str, known: dict[str, str], user: bool):
    """Add, remove and replace statements by ref. `what` names who asks ("the posting",
    "role 'x'") in messages; `user` marks the new texts as never to be rendered."""
    if changes is None:
        return selection
    by_block = {p.block: p for p in selection}
    in_doc = {ref: p for p in selection for ref, _ in p.items}

    def wrap(text):
        return Own(text) if user else text

    def missing(ref: str) -> LibraryError:
        if ref in known:
            message = (
                f"{what} changes '{ref}', which this document does not include at this level "
                "(the role's emphasis on the block leaves it out)"
            )
        else:
            message = (
                f"{what} changes '{ref}', which names no statement of the role "
                "(mistyped, or removed from the library since)"
            )
        return LibraryError(
            message + "." + did_you_mean(ref, list(in_doc) or list(known)),
            getattr(ref, "file", None),
            getattr(ref, "line", None),
            "use a ref from 'jdgen show ROLE --refs' (with --company and --level), or remove the change",
            "tailor.unknown-ref",
        )

    for ref in changes.remove:
        if ref not in in_doc and ref in known:
            continue  # a statement of the role this document leaves out anyway (industry, share)
        if ref not in in_doc:
            raise missing(ref)
        picked = in_doc.pop(ref)
        picked.items = [(r, t) for r, t in picked.items if r != ref]
    for change in changes.replace:
        if change.ref not in in_doc:
            raise missing(change.ref)
        picked = in_doc[change.ref]
        picked.items = [(r, wrap(change.text) if r == change.ref else t) for r, t in picked.items]
    for change in changes.add:
        picked = by_block.get(change.block)
        if picked is None:
            raise LibraryError(
                f"{what} adds a statement to block '{change.block}', which the role does not use."
                + did_you_mean(change.block, list(by_block)),
                _file(change),
                _line(change),
                f"use one of the role's blocks: {', '.join(by_block)}",
                "tailor.unknown-block",
            )
        ref = f"{change.block}/{slug(change.text)}"
        picked.items.insert(len(picked.added), (ref, wrap(change.text)))
        picked.added.append(ref)
    return selection


def apply_blocks(selection: list[Picked], changes, what: str) -> list[Picked]:
    """Blocks named in `order` first, in that order; `drop` leaves a block out."""
    if changes is None:
        return selection
    ids = [p.block for p in selection]
    for name in (*changes.order, *changes.drop):
        if name not in ids:
            raise LibraryError(
                f"{what} names block '{name}', which the role does not use.{did_you_mean(name, ids)}",
                getattr(name, "file", None),
                getattr(name, "line", None),
                f"use one of the role's blocks: {', '.join(ids)}",
                "tailor.unknown-block",
            )
    kept = [p for p in selection if p.block not in changes.drop]
    first = [next(p for p in kept if p.block == name) for name in changes.order if name not in changes.drop]
    return first + [p for p in kept if p not in first]


def retitle(jd, old: str, new: str):
    """The document under its new title: the title, and every sentence that said the
    old one (summaries, statements, qualifications, team and travel lines, the interim
    mandate) says the new."""
    if not new or new == old:
        return jd
    pattern = re.compile(rf"\b{re.escape(old)}\b")

    def fix(text):
        # a sentence that already says the new title (a statement that names {{ role.title }})
        # keeps it: only the old title elsewhere changes ("Senior Buyer" is not "Senior Senior Buyer")
        return new.join(pattern.sub(lambda _: new, part) for part in text.split(new)) if text else text

    def fix_all(items):
        return tuple(fix(t) for t in items)

    sections = tuple(replace(s, items=fix_all(s.items)) for s in jd.sections)
    mandate = jd.mandate and replace(
        jd.mandate,
        trigger=fix(jd.mandate.trigger),
        success=fix_all(jd.mandate.success),
        handover=fix_all(jd.mandate.handover),
    )
    return replace(
        jd,
        title=new,
        summary=fix(jd.summary),
        posting_summary=fix(jd.posting_summary),
        sections=sections,
        highlights=fix_all(jd.highlights),
        qualifications=fix_all(jd.qualifications),
        kpis=fix_all(jd.kpis),
        mandate=mandate,
    )


def _file(obj):
    origin = getattr(obj, "origin", None)
    return origin.file if origin else None


def _line(obj):
    origin = getattr(obj, "origin", None)
    return origin.line if origin else None
