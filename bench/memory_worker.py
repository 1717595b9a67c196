"""Render N documents (PDF and DOCX) in one warm process, as a batch worker does,
then print the process's peak resident memory in KiB."""

from __future__ import annotations

import itertools
import resource
import sys

from jdgen.library import load_company, load_library
from jdgen.render import renderer
from jdgen.service import compose_role


def main(count: int) -> None:
    lib = load_library()
    companies = [load_company(lib, name) for name in ("acme", "nordwerk")]
    combos = itertools.cycle(itertools.product(sorted(lib.roles), [lv.id for lv in lib.levels], companies))
    pdf, docx = renderer("pdf"), renderer("docx")
    for role, level, company in itertools.islice(combos, count):
        jd = compose_role(lib, role, company, level=level)
        pdf(jd)
        docx(jd)
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


if __name__ == "__main__":
    main(int(sys.argv[1]))
