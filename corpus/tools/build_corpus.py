"""Rebuild corpus/postings/*.md and corpus/sources.yaml from the upstream snapshots (kept for audit).

    python corpus/tools/build_corpus.py MIRRORS_DIR

MIRRORS_DIR holds bare clones named OWNER+NAME/repo (the three repositories named below). Each posting's
text is the upstream text with markup removed (HTML to Markdown with corpus/tools/html2md.py, HTML entities
decoded); nothing is reworded, shortened or corrected. Site chrome that is not part of the posting
("Back to all jobs", "This job posting has closed") is left out. See corpus/README.md.
"""

from __future__ import annotations

import csv
import html
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from html2md import html_to_md  # noqa: E402

CORPUS = HERE.parent
RETRIEVED = "2026-12-06"

EMSCAD_REPO = "AnilSonawane2/JobCheck-Detecting-Fake-Job-Post-Using-NLP"
EMSCAD_PATH = "data/fake_job_postings.csv"
EMSCAD_LICENCE = "CC0-1.0"
EMSCAD_NOTE = (
    "EMSCAD, the Employment Scam Aegean Dataset (University of the Aegean, Laboratory of Information & "
    "Communication Systems Security): 17,880 real ads published on the Workable platform in 2012-2014, "
    "republished as 'Real or Fake Job Posting Prediction' on Kaggle and Hugging Face under CC0 1.0. "
    "Only rows labelled fraudulent=0 (ads by real employers) are used."
)
# job_id -> (slug, country, language)
EMSCAD = {
    "1": ("food52-marketing-intern-nyc", "US"),
    "7": ("androidpit-head-of-content-berlin", "DE"),
    "8": ("airenvy-lead-guest-service-sf", "US"),
    "12": ("talent-sourcer-london", "GB"),
    "18": ("apprenticeship-southend-16-18", "GB"),
    "28": ("doctors-uae", "AE"),
    "39": ("art-director-hyderabad", "IN"),
    "54": ("technical-project-manager-nyc", "US"),
    "97": ("software-test-engineer-london", "GB"),
    "117": ("executive-assistant-sf", "US"),
    "135": ("senior-business-development-manchester", "GB"),
    "166": ("sales-marketing-intern-london", "GB"),
    "185": ("growth-wunderkind-london", "GB"),
    "198": ("software-developer-indore", "IN"),
    "215": ("recruiter-inglewood-ca", "US"),
    "239": ("nanny-moscow", "RU"),
    "260": ("product-strategist-denver", "US"),
    "267": ("assistant-retail-manager-west-hollywood", "US"),
    "302": ("rhodecode-employee-berlin", "DE"),
    "307": ("customer-service-team-lead-nyc", "US"),
    "308": ("product-manager-mobile-munich", "DE"),
    "317": ("head-of-sales-india", "IN"),
    "349": ("community-ambassador-german-remote", "DE"),
    "354": ("software-engineer-intern-dublin", "IE"),
    "386": ("it-rockstar-san-diego", "US"),
    "390": ("mis-data-research-executive-indore", "IN"),
    "425": ("product-lead-mumbai", "IN"),
    "444": ("customer-service-manager-munich", "DE"),
    "469": ("junior-software-engineer-denver", "US"),
    "483": ("lead-marketing-tech-berlin", "DE"),
}

TTS_REPO = "18F/join.tts.gsa.gov"
TTS_LICENCE = "CC0-1.0"
TTS_NOTE = (
    "US federal government work (public domain in the US; CC0 1.0 worldwide, LICENSE.md); "
    "archived page as published on join.tts.gsa.gov."
)
TTS = [
    ("login-fraud-technical-expert15", "login-gov-fraud-technical-expert"),
    ("pif-presidential-innovation-fellow", "presidential-innovation-fellow"),
    ("recruiter", "tts-recruiter"),
    ("tts-bilingualdesigner", "tts-bilingual-designer"),
    ("contract-specialist", "tts-contract-specialist"),
    ("usdc-fellow-experience-supervisor", "usdc-fellow-experience-supervisor"),
    ("visual-designer", "18f-visual-designer"),
    ("talent-acquisition-partner", "tts-talent-acquisition-partner"),
    ("18f-user-experience-designer", "18f-user-experience-designer"),
]

CFG_REPO = "okfde/2013.archiv.codefor.de"
CFG_LICENCE = "MIT"
CFG_NOTE = (
    "Code for Germany / Open Knowledge Foundation Deutschland website "
    "(MIT licence, LICENSE.md: copyright Code for Germany)."
)
CFG = [
    ("_posts/2016-03-17-stellenausschreibung-drl.md", "okf-projektassistenz-digital-refugee-labs"),
    (
        "_posts/2017-10-02-stellenausschreibung-community-organizer.md",
        "okf-community-organizer-code-for-germany",
    ),
    ("_posts/2019-10-31-CFG-Stellenausschreibung-Community.md", "okf-communitybuilder-code-for-germany"),
]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout


def emscad_posting(row: dict[str, str]) -> str:
    def field(name: str) -> str:
        return html.unescape(row[name]).strip()

    lines = [f"# {field('title')}", ""]
    for label, name in (
        ("Location", "location"),
        ("Department", "department"),
        ("Salary range", "salary_range"),
        ("Employment type", "employment_type"),
        ("Experience", "required_experience"),
        ("Education", "required_education"),
    ):
        if field(name):
            lines.append(f"{label}: {field(name)}  ")
    if row["telecommuting"] == "1":
        lines.append("Telecommuting: yes  ")
    for heading, name in (
        ("Company profile", "company_profile"),
        ("Description", "description"),
        ("Requirements", "requirements"),
        ("Benefits", "benefits"),
    ):
        if field(name):
            lines += ["", f"## {heading}", "", re.sub(r"[ \t]+", " ", field(name))]
    return "\n".join(lines).rstrip() + "\n"


def main(mirrors: Path) -> None:
    out = CORPUS / "postings"
    out.mkdir(exist_ok=True)
    entries = []
    n = 0

    def add(slug: str, text: str, **meta: str) -> None:
        nonlocal n
        n += 1
        name = f"{n:03d}-{slug}.md"
        (out / name).write_text(text, "utf-8")
        entries.append({"id": f"{n:03d}", "file": f"postings/{name}", **meta})

    repo = mirrors / EMSCAD_REPO.replace("/", "+") / "repo"
    commit = git(repo, "rev-parse", "HEAD").strip()
    rows = {r["job_id"]: r for r in csv.DictReader(git(repo, "show", f"HEAD:{EMSCAD_PATH}").splitlines(True))}
    for job_id, (slug, country) in EMSCAD.items():
        row = rows[job_id]
        assert row["fraudulent"] == "0", job_id
        add(
            slug,
            emscad_posting(row),
            source=f"github:{EMSCAD_REPO}/{EMSCAD_PATH}@{commit} (EMSCAD job_id {job_id})",
            licence=EMSCAD_LICENCE,
            licence_note=EMSCAD_NOTE,
            language="en",
            country=country,
            location=html.unescape(row["location"]).strip(),
            published="2012-2014",
        )

    repo = mirrors / TTS_REPO.replace("/", "+") / "repo"
    for page, slug in TTS:
        path = f"archive/{page}/index.html"
        commit = git(repo, "log", "-1", "--format=%H", "--", path).strip()
        raw = git(repo, "show", f"{commit}:{path}")
        main_html = raw[raw.index("<main") : raw.index("</main>")]
        text = html_to_md(main_html)
        text = re.sub(r"^Back to all jobs\n+", "", text)
        text = re.sub(
            r"### This job posting has closed\.\n+Please see our other open positions\.\n+", "", text
        )
        add(
            slug,
            text,
            source=f"github:{TTS_REPO}/{path}@{commit}",
            licence=TTS_LICENCE,
            licence_note=TTS_NOTE,
            language="en",
            country="US",
            location="United States (remote / federal)",
            published=git(repo, "log", "-1", "--format=%cs", "--", path).strip(),
        )

    repo = mirrors / CFG_REPO.replace("/", "+") / "repo"
    for path, slug in CFG:
        commit = git(repo, "log", "-1", "--format=%H", "--", path).strip()
        raw = git(repo, "show", f"{commit}:{path}")
        front, body = raw.split("---", 2)[1:]
        title = html.unescape(re.search(r'^title:\s*"(.*)"', front, re.M).group(1))
        body = re.sub(r"!\[[^\]]*\]\([^)]*\)\n?", "", body)  # images
        text = f"# {title}\n\n" + html_to_md(body.replace("\n\n", "<p>").replace("\n", "<br>\n"))
        text = re.sub(r"\\\*", "*", text)
        add(
            slug,
            text,
            source=f"github:{CFG_REPO}/{path}@{commit}",
            licence=CFG_LICENCE,
            licence_note=CFG_NOTE,
            language="de",
            country="DE",
            location="Berlin",
            published=path.split("/")[1][:10],
        )

    with open(CORPUS / "sources.yaml", "w", encoding="utf-8") as f:
        f.write(
            "# One entry per posting: where its text comes from, its licence, and when it was retrieved.\n"
            "# Written by corpus/tools/build_corpus.py; see corpus/README.md.\n"
            f"retrieved: '{RETRIEVED}'\npostings:\n"
        )
        for e in entries:
            f.write(f"  - id: '{e['id']}'\n")
            for k in (
                "file",
                "source",
                "licence",
                "licence_note",
                "language",
                "country",
                "location",
                "published",
            ):
                v = str(e[k]).replace("'", "''")
                f.write(f"    {k}: '{v}'\n")
            f.write(f"    retrieved: '{RETRIEVED}'\n")
    print(f"{n} postings")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
