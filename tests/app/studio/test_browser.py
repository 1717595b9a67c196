"""The studio in a real browser: headless Chromium and chromedriver from Debian's
packages (scripts/system-deps.sh installs them; nothing downloads a browser), driven
by Selenium against a real `jdgen serve` process.

One HR session, start to finish: open the studio, choose a role, change a line and see
the preview change, apply a checker suggestion, undo it, save the posting file, open a
broken one (one line in the page, nothing lost), download the DOCX and read it with
python-docx; and axe-core (shipped inside the axe-selenium-python package) finds no
serious or critical accessibility violation on the draft or the compare page.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import docx
import pytest
import yaml
from conftest import jdgen_command
from test_serve import free_port, start, wait_until_serving

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver") or (
    "/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None
)

pytestmark = pytest.mark.slow

if not (CHROMIUM and CHROMEDRIVER):  # CI installs both (make test): there it is a failure
    if os.environ.get("CI"):
        raise RuntimeError("chromium and chromium-driver are missing: run scripts/system-deps.sh")
    pytest.skip("needs chromium and chromium-driver (Debian packages)", allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import (  # noqa: E402
    NoAlertPresentException,
    StaleElementReferenceException,
)
from selenium.webdriver.chrome.service import Service as DriverService  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

NEW_LINE = "Chair the weekly review of output, safety and quality across the three plants."
FLAGGED_LINE = "Build a competitive team at the Dayton plant."  # a trait of the team: masculine-coded
FLAGGED_WORD = "competitive"
FIXED_LINE = "Build a skilled team at the Dayton plant."  # the first suggestion applied


@pytest.fixture
def studio(tmp_path):
    (tmp_path / "jdgen.yaml").write_text("company: acme\n")
    postings = tmp_path / "postings"
    postings.mkdir()
    (postings / "broken.yaml").write_text("role: coo\ncompany: acme\n  level: [unclosed\n")
    process, url, _ = start(tmp_path, "--port", str(free_port()))
    wait_until_serving(url.split("?")[0])
    yield tmp_path, url
    process.send_signal(signal.SIGINT)
    process.communicate(timeout=120)


@pytest.fixture
def browser(tmp_path):
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must never fetch a driver or browser
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1440,900",
    ):
        options.add_argument(flag)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options.add_experimental_option(
        "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    )
    driver = webdriver.Chrome(options=options, service=DriverService(executable_path=CHROMEDRIVER))
    driver.downloads = downloads
    yield driver
    driver.quit()


def wait(driver, condition, timeout=120):
    """Until `condition()` is true; the page redraws its editor, so an element found a
    moment ago may be gone: that is asked again, not a failure."""
    return WebDriverWait(
        driver,
        timeout,
        poll_frequency=0.1,
        ignored_exceptions=(StaleElementReferenceException, NoAlertPresentException),
    ).until(lambda d: condition())


def preview_text(driver, frame: str = "preview") -> str:
    """The text a reader sees in the preview (or the compare) frame."""
    return driver.execute_script(
        "const d = document.getElementById(arguments[0]).contentDocument;"
        "return d && d.body ? d.body.innerText : '';",
        frame,
    )


def preview_title(driver) -> str:
    """The document's title (its first heading) in the preview frame."""
    return driver.execute_script(
        "const d = document.getElementById('preview').contentDocument;"
        "const h = d && d.querySelector('h1'); return h ? h.innerText : '';"
    )


def score(driver) -> str:
    return driver.find_element(By.ID, "score").text


def settled(driver):
    """Wait until the page has shown the answer to the last edit."""
    wait(driver, lambda: driver.find_element(By.ID, "status").text.startswith("Up to date"))


def axe_violations(driver) -> list[dict]:
    from axe_selenium_python import Axe

    axe = Axe(driver)
    axe.inject()
    results = axe.run(options="{resultTypes: ['violations']}")
    return [v for v in results["violations"] if v["impact"] in ("serious", "critical")]


def test_hr_session_in_a_real_browser(studio, browser):
    workspace, url = studio
    browser.get(url)
    wait(browser, lambda: score(browser).isdigit())
    settled(browser)
    assert "token" not in browser.current_url  # the token went into a cookie

    # choose a role: the preview follows
    Select(browser.find_element(By.ID, "f-role")).select_by_value("vp-operations")
    wait(browser, lambda: preview_title(browser).startswith("VP of Operations"))
    Select(browser.find_element(By.ID, "f-role")).select_by_value("coo")
    wait(browser, lambda: preview_title(browser).startswith("Chief Operating Officer"))
    settled(browser)

    # change a line: the preview shows the new wording
    line = browser.find_element(By.CSS_SELECTOR, ".line:not(.hidden-line) textarea.line-text")
    old = line.get_attribute("value")
    assert old in preview_text(browser)
    line.clear()
    line.send_keys(NEW_LINE)
    wait(browser, lambda: NEW_LINE in preview_text(browser) and old not in preview_text(browser))
    settled(browser)

    # a line of one's own with a masculine-coded word: flagged in the panel and the preview
    area = browser.find_element(By.CSS_SELECTOR, "#areas .area")
    area.find_element(By.XPATH, ".//button[text()='Add a line']").click()
    wait(browser, lambda: browser.switch_to.active_element.tag_name == "textarea")
    browser.switch_to.active_element.send_keys(FLAGGED_LINE)
    quote = FLAGGED_WORD
    wait(browser, lambda: browser.find_elements(By.CSS_SELECTOR, f'button.suggestion[data-quote="{quote}"]'))
    settled(browser)

    # apply the checker's suggestion: one finding fewer for that word, the score is recomputed
    button = browser.find_element(By.CSS_SELECTOR, f'button.suggestion[data-quote="{quote}"]')
    flagged = len(browser.find_elements(By.CSS_SELECTOR, f'button.suggestion[data-quote="{quote}"]'))
    marks = browser.execute_script(
        "return document.getElementById('preview').contentDocument.querySelectorAll('mark.jdgen-flag').length"
    )
    assert marks > 0  # flagged words are highlighted in the preview
    button.click()
    wait(
        browser,
        lambda: (
            len(browser.find_elements(By.CSS_SELECTOR, f'button.suggestion[data-quote="{quote}"]')) < flagged
        ),
    )
    settled(browser)
    assert NEW_LINE in preview_text(browser) and FIXED_LINE in preview_text(browser)

    # undo brings the flagged word back, redo applies the suggestion again
    browser.find_element(By.ID, "undo").click()
    wait(
        browser,
        lambda: (
            len(browser.find_elements(By.CSS_SELECTOR, f'button.suggestion[data-quote="{quote}"]')) == flagged
        ),
    )
    browser.find_element(By.ID, "redo").click()
    wait(
        browser,
        lambda: (
            len(browser.find_elements(By.CSS_SELECTOR, f'button.suggestion[data-quote="{quote}"]')) < flagged
        ),
    )
    settled(browser)

    # save the posting file in the workspace
    name = browser.find_element(By.ID, "save-name")
    name.clear()
    name.send_keys("coo-columbus")
    settled(browser)  # the name is the documents' name: the preview follows it
    browser.find_element(By.ID, "save").click()
    wait(browser, lambda: browser.find_element(By.ID, "status").text.startswith("Saved"))
    time.sleep(0.5)  # a preview still on its way was awaited before saving: nothing overwrites this
    assert browser.find_element(By.ID, "status").text.startswith("Saved")
    saved = yaml.safe_load((workspace / "postings" / "coo-columbus.yaml").read_text())
    assert saved["role"] == "coo" and saved["company"] == "acme"
    assert any(r["text"] == NEW_LINE for r in saved["statements"]["replace"])
    assert saved["statements"]["add"][0]["text"] == FIXED_LINE

    # a broken posting file: the CLI's one line in the page, the draft kept (the list is
    # redrawn after the save: wait for it before choosing from it)
    wait(browser, lambda: browser.find_elements(By.CSS_SELECTOR, '#open-name option[value="broken"]'))
    Select(browser.find_element(By.ID, "open-name")).select_by_value("broken")
    browser.find_element(By.ID, "open").click()
    alert = browser.find_element(By.ID, "alert")
    wait(browser, lambda: alert.is_displayed())
    cli = subprocess.run(
        jdgen_command("build", "postings/broken.yaml"), cwd=workspace, capture_output=True, text=True
    )
    assert alert.text == cli.stderr.strip()
    assert alert.text.startswith("error: postings/broken.yaml:3")
    assert NEW_LINE in preview_text(browser)

    # download the DOCX: python-docx reads it, with the edited line
    browser.find_element(By.CSS_SELECTOR, 'button[data-fmt="docx"]').click()
    target = browser.downloads / "coo-columbus.docx"
    wait(browser, lambda: target.exists() and not list(browser.downloads.glob("*.crdownload")))
    time.sleep(0.2)
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert NEW_LINE in text
    # and the CLI makes the same bytes from the saved posting file
    subprocess.run(
        jdgen_command("build", "postings/coo-columbus.yaml", "-f", "docx", "-q"), cwd=workspace, check=True
    )
    assert target.read_bytes() == (workspace / "output" / "acme" / "coo-columbus.docx").read_bytes()

    # the page passes axe-core: no serious or critical violations
    assert axe_violations(browser) == []
    browser.find_element(By.ID, "tab-compare").click()
    browser.find_element(By.ID, "c-run").click()
    wait(
        browser,
        lambda: "VP of Operations" in preview_text(browser, "compare-frame"),
    )
    assert axe_violations(browser) == []


def test_the_page_is_usable_with_the_keyboard(studio, browser):
    _, url = studio
    browser.get(url)
    wait(browser, lambda: score(browser).isdigit())
    from selenium.webdriver.common.keys import Keys

    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    assert browser.switch_to.active_element.get_attribute("class") == "skip"
    reached = set()
    for _ in range(40):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        reached.add(browser.switch_to.active_element.get_attribute("id"))
    assert {"tab-draft", "tab-compare", "save", "f-company", "f-role", "f-level", "f-title"} <= reached


def test_keyboard_focus_stays_on_the_control_after_each_action(studio, browser):
    """The editor is rebuilt after every change: the keyboard stays where it was, or on
    the control that takes its place, never back at the top of the page."""
    from selenium.webdriver.common.keys import Keys

    _, url = studio
    browser.get(url)
    wait(browser, lambda: score(browser).isdigit())
    settled(browser)
    area = browser.find_element(By.CSS_SELECTOR, "#areas .area")
    down = area.find_elements(By.CSS_SELECTOR, "button[aria-label='Move the line down']")[0]
    down_id = down.get_attribute("id")
    first = shown_lines(browser)[0]
    down.send_keys(Keys.ENTER)
    wait(browser, lambda: shown_lines(browser)[0] != first)
    settled(browser)
    assert browser.switch_to.active_element.get_attribute("id") == down_id

    area = browser.find_element(By.CSS_SELECTOR, "#areas .area")
    remove = area.find_elements(By.CSS_SELECTOR, "button[aria-label='Remove the line']")[0]
    line_id = remove.get_attribute("id").removesuffix("-remove")
    remove.send_keys(Keys.ENTER)
    wait(browser, lambda: browser.find_elements(By.ID, f"{line_id}-restore"))
    settled(browser)
    assert browser.switch_to.active_element.get_attribute("id") == f"{line_id}-restore"
    browser.switch_to.active_element.send_keys(Keys.ENTER)  # and back: focus on "Remove" again
    wait(browser, lambda: browser.find_elements(By.ID, f"{line_id}-remove"))
    settled(browser)
    assert browser.switch_to.active_element.get_attribute("id") == f"{line_id}-remove"


def shown_lines(driver) -> list[str]:
    """The editor's lines of the first area, as the page shows them."""
    area = driver.find_element(By.CSS_SELECTOR, "#areas .area")
    return [box.get_attribute("value") for box in area.find_elements(By.CSS_SELECTOR, "textarea.line-text")]


def test_lines_are_moved_removed_added_and_swapped_for_library_wordings(studio, browser):
    _, url = studio
    browser.get(url)
    wait(browser, lambda: score(browser).isdigit())
    settled(browser)
    first, second = shown_lines(browser)[:2]
    area = browser.find_element(By.CSS_SELECTOR, "#areas .area")

    # move the first line down: the two swap in the editor and in the preview
    area.find_elements(By.CSS_SELECTOR, "button[aria-label='Move the line down']")[0].click()
    wait(browser, lambda: shown_lines(browser)[:2] == [second, first])
    settled(browser)
    text = preview_text(browser)
    assert text.index(second) < text.index(first)

    # remove it: gone from the preview, offered for restoring
    area = browser.find_element(By.CSS_SELECTOR, "#areas .area")
    area.find_elements(By.CSS_SELECTOR, "button[aria-label='Remove the line']")[0].click()
    wait(browser, lambda: second not in preview_text(browser))
    assert browser.find_elements(By.XPATH, "//button[starts-with(@aria-label, 'Restore the line')]")

    # add a line of one's own: it leads its area in the posting
    area = browser.find_element(By.CSS_SELECTOR, "#areas .area")
    area.find_element(By.XPATH, ".//button[text()='Add a line']").click()
    wait(browser, lambda: browser.switch_to.active_element.tag_name == "textarea")
    settled(browser)
    new_row = browser.switch_to.active_element.find_element(
        By.XPATH, "./ancestor::div[contains(@class, 'line')][1]"
    )
    assert not new_row.find_elements(By.CSS_SELECTOR, ".tag")  # an empty new line is not "not shown"
    browser.switch_to.active_element.send_keys("Open the Dayton site by June.")
    wait(browser, lambda: "Open the Dayton site by June." in preview_text(browser))

    # pick another wording from the library for a line
    area = browser.find_element(By.CSS_SELECTOR, "#areas .area")
    before = shown_lines(browser)[1]
    area.find_elements(By.CSS_SELECTOR, "button[aria-label='Other wordings from the library']")[1].click()
    choice = wait(browser, lambda: browser.find_elements(By.CSS_SELECTOR, ".alternatives button.alt"))[0]
    wording = choice.text.split("\n")[0]
    choice.click()
    wait(browser, lambda: wording in preview_text(browser) and before not in preview_text(browser))

    # move the whole area down: another area leads the document
    settled(browser)
    title = browser.find_element(By.CSS_SELECTOR, "#areas .area h3").text
    browser.find_element(By.CSS_SELECTOR, f"button[aria-label='Move the area {title} down']").click()
    wait(browser, lambda: browser.find_element(By.CSS_SELECTOR, "#areas .area h3").text != title)


def test_form_fields_follow_the_arrangement_and_unsaved_edits_are_guarded(studio, browser):
    _, url = studio
    browser.get(url)
    wait(browser, lambda: score(browser).isdigit())
    settled(browser)
    arrangement = Select(browser.find_element(By.ID, "f-arrangement"))
    assert arrangement.first_selected_option.text == "From the company profile"
    office_days = browser.find_element(By.ID, "f-office-days")
    remote_in = browser.find_element(By.ID, "f-remote-in")
    assert not office_days.is_displayed() and not remote_in.is_displayed()
    leaving = (
        "const e = new Event('beforeunload', {cancelable: true});"
        "window.dispatchEvent(e); return e.defaultPrevented;"
    )
    assert browser.execute_script(leaving) is False  # nothing to lose yet
    arrangement.select_by_value("hybrid")
    wait(browser, lambda: office_days.is_displayed() and not remote_in.is_displayed())
    office_days.send_keys("3")
    settled(browser)
    arrangement.select_by_value("remote")
    wait(browser, lambda: remote_in.is_displayed() and not office_days.is_displayed())
    settled(browser)  # the office days were not sent with remote work: no error
    assert not browser.find_element(By.ID, "alert").is_displayed()
    assert browser.execute_script(leaving) is True
    counts = browser.find_element(By.ID, "counts").text
    cards = [  # read in one script: the panel may be redrawn between two WebDriver calls
        tuple(card)
        for card in browser.execute_script(
            "return [...document.querySelectorAll('#findings li.finding')]"
            ".filter((c) => c.dataset.quote).map((c) => [c.dataset.rule, c.dataset.quote]);"
        )
    ]
    assert len(cards) == len(set(cards))  # one card per rule and word
    verdict = browser.find_element(By.ID, "verdict").text
    calm = re.match(r"0 errors · 0 warnings", counts) is not None
    assert verdict.endswith("no change needed") == (calm and bool(verdict)), (verdict, counts)
    for number, word in re.findall(r"(\d+) (\w+)", counts):
        assert word.endswith("s") == (number != "1"), counts


def test_changing_the_role_asks_before_discarding_edits(studio, browser):
    _, url = studio
    browser.get(url)
    wait(browser, lambda: score(browser).isdigit())
    settled(browser)
    title = browser.find_element(By.ID, "f-title")
    title.clear()
    title.send_keys("Operations Chief")
    settled(browser)
    Select(browser.find_element(By.ID, "f-role")).select_by_value("vp-operations")
    wait(browser, lambda: "discards" in browser.switch_to.alert.text)
    browser.switch_to.alert.dismiss()
    assert Select(browser.find_element(By.ID, "f-role")).first_selected_option.get_attribute("value") == "coo"
    assert browser.find_element(By.ID, "f-title").get_attribute("value") == "Operations Chief"
    Select(browser.find_element(By.ID, "f-role")).select_by_value("vp-operations")
    wait(browser, lambda: "discards" in browser.switch_to.alert.text)
    browser.switch_to.alert.accept()
    wait(browser, lambda: "VP of Operations" in preview_text(browser))


def test_companies_by_name_and_compare_opens_on_the_drafts_company(studio, browser):
    _, url = studio
    browser.get(url)
    wait(browser, lambda: score(browser).isdigit())
    company = Select(browser.find_element(By.ID, "f-company"))
    assert "Brightwater Software Ltd" in [o.text for o in company.options]
    company.select_by_visible_text("Brightwater Software Ltd")
    settled(browser)
    currency = Select(browser.find_element(By.ID, "f-salary-currency"))
    assert currency.first_selected_option.get_attribute("value") == "GBP"
    browser.find_element(By.ID, "tab-compare").click()
    compare = Select(browser.find_element(By.ID, "c-company"))
    assert compare.first_selected_option.get_attribute("value") == "brightwater"


def test_a_broken_workspace_file_and_a_refused_value_show_in_the_page(studio, browser):
    workspace, url = studio
    (workspace / "roles").mkdir()
    (workspace / "roles" / "broken.yaml").write_text("id: [unclosed\n")
    browser.get(url)
    wait(browser, lambda: score(browser).isdigit())  # the page loads, over the library as it was
    problems = browser.find_element(By.ID, "problems")
    assert problems.is_displayed()
    listed = [li.text for li in problems.find_elements(By.TAG_NAME, "li")]
    assert len(listed) == 1 and listed[0].startswith("error: roles/broken.yaml:1: YAML syntax error")
    settled(browser)

    # a value the draft cannot take: the server's 400 line in the page, the draft kept
    browser.find_element(By.ID, "f-salary-min").send_keys("90000")
    browser.find_element(By.ID, "f-salary-max").send_keys("9" * 29)
    alert = browser.find_element(By.ID, "alert")
    wait(browser, lambda: alert.is_displayed() and "salary.max" in alert.text)
    assert alert.text.startswith("error: 'salary.max' is too large") and "\n" not in alert.text
    assert browser.find_element(By.ID, "status").text == "Not updated"


def test_the_language_field_gives_a_german_preview_and_a_german_file(studio, browser):
    """Deutsch in the form: the preview is the German posting, and the saved posting file
    says `language: de`, so `jdgen build` makes the same German documents."""
    from jdgen.library.sources import default_sources
    from jdgen.library.translation import catalogue

    folder, url = studio
    german = catalogue(default_sources(), "de").get("What you will do").text
    browser.get(url)
    wait(browser, lambda: score(browser).isdigit())
    settled(browser)
    assert german not in preview_text(browser)
    Select(browser.find_element(By.ID, "f-language")).select_by_value("de")
    wait(browser, lambda: german in preview_text(browser))
    frame_lang = browser.execute_script(
        "return document.getElementById('preview').contentDocument.documentElement.lang;"
    )
    assert frame_lang.startswith("de")
    settled(browser)
    name = browser.find_element(By.ID, "save-name")
    name.clear()
    name.send_keys("deutsch")
    browser.find_element(By.ID, "save").click()
    wait(browser, lambda: (folder / "postings" / "deutsch.yaml").exists())
    assert "language: de" in (folder / "postings" / "deutsch.yaml").read_text("utf-8")
