from careers.models import CareersIndexPage
from tests.browser.test_editor import add_block, log_in, pytestmark  # noqa


def test_dom(page):
    careers = CareersIndexPage.objects.get(locale__language_code="en")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    log_in(page)
    page.goto(f"/admin/pages/add/careers/jobpostingpage/{careers.pk}/")
    add_block(page, "Duties")
    text = "\n".join(f"• Duty number {n}" for n in range(1, 21))
    page.evaluate("text => navigator.clipboard.writeText(text)", text)
    field = page.locator("input[name='body-0-value-items-0-value']").locator("xpath=..")
    field.locator("[contenteditable=true]").click()
    page.keyboard.press("Control+V")
    page.wait_for_timeout(4000)
    print(page.locator("input[name='body-0-value-items-count']").input_value())
    page.screenshot(path="/tmp/shots-h15b/scratch-paste.png", full_page=True)
    print(page.js_errors)
