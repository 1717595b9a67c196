"""Render N documents (PDF and DOCX) in one warm process, as a batch worker does,
then print the number of documents and the process's peak resident memory in KiB.
N = 0: one pass over the catalogue (every role that fits, at every level, for both
companies), after which every cache a worker fills has met everything it will hold."""

from __future__ import annotations

import itertools
import resource
import sys

from jdgen.library.industry import role_fits
from jdgen.library.loader import load_company, load_library
from jdgen.render import renderer
from jdgen.service.generate import compose_role


def main(count: int) -> None:
    lib = load_library()
    companies = [load_company(lib, name) for name in ("acme", "nordwerk")]
    catalogue = [
        (role, level.id, company)
        for level, company, role in itertools.product(lib.levels, companies, sorted(lib.roles))
        if role_fits(lib.roles[role], company.industry)  # plant manager: manufacturing only
    ]
    count = count or len(catalogue)
    combos = itertools.cycle(catalogue)
    pdf, docx = renderer("pdf"), renderer("docx")
    for role, level, company in itertools.islice(combos, count):
        jd = compose_role(lib, role, company, level=level)
        pdf(jd)
        docx(jd)
    print(count, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


if __name__ == "__main__":
    main(int(sys.argv[1]))
