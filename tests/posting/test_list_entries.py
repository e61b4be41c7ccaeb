"""A list pasted into one duty or requirement becomes one item per entry."""

import pytest
from django.template.loader import get_template
from wagtail.test.utils.form_data import rich_text, streamfield

from careers.blocks import DutiesBlock, PostingBodyBlock, RequirementsBlock
from careers.list_entries import split_entries
from careers.models import JobPostingPage
from tests.helpers import add_url, form_data, item_list

TWENTY = [f"Duty number {n} of the coordinator" for n in range(1, 21)]


@pytest.mark.parametrize(
    "html, entries",
    [
        ("<p>• Coordinate <b>affiliates</b></p><p>• Recruit</p>",
         ["<p>Coordinate <b>affiliates</b></p>", "<p>Recruit</p>"]),
        ("<p>1. One<br/>2) Two<br>(3) Three</p>", ["<p>One</p>", "<p>Two</p>", "<p>Three</p>"]),
        ("<ul><li>a thing</li><li>- other</li></ul>", ["<p>a thing</p>", "<p>other</p>"]),
        ("<p>e.g. keep this</p><p>a) Two</p>", ["<p>e.g. keep this</p>", "<p>Two</p>"]),
        ("<p><a href='https://x.org'>• linked</a> tail</p><p>A &amp; &lt;b&gt;</p>",
         ['<p><a href="https://x.org">linked</a> tail</p>', "<p>A &amp; &lt;b&gt;</p>"]),
        ("<p>• Only one duty</p>", None),
        ("<p></p><p>Only</p><p> </p>", None),
        ("", None),
    ],
)  # fmt: skip
def test_split_entries(html, entries):
    assert split_entries(html) == entries


def test_a_pasted_list_of_duties_becomes_one_item_per_duty():
    block = DutiesBlock()
    pasted = "".join(f"<p>{n}. {text}</p>" for n, text in enumerate(TWENTY, 1))
    value = block.to_python({"heading": "", "list_style": "numbered", "items": [pasted]})
    cleaned = block.clean(value)
    assert [item.source for item in cleaned["items"]] == [f"<p>{text}</p>" for text in TWENTY]
    ids = [child.id for child in cleaned["items"].bound_blocks]
    assert len(set(ids)) == 20


def test_a_pasted_list_of_requirements_keeps_their_importance():
    block = RequirementsBlock()
    value = block.to_python(
        {
            "items": [
                {"text": "<p>Spanish</p>", "importance": "essential"},
                {"text": "<p>- A degree</p><p>- A driving licence</p>", "importance": "desirable"},
            ]
        }
    )
    items = block.clean(value)["items"]
    assert [(i["text"].source, i["importance"]) for i in items] == [
        ("<p>Spanish</p>", "essential"),
        ("<p>A degree</p>", "desirable"),
        ("<p>A driving licence</p>", "desirable"),
    ]


def test_every_block_icon_exists_in_this_wagtail():
    icons = set()
    for child in PostingBodyBlock().child_blocks.values():
        icons.add(child.meta.icon)
        for grandchild in getattr(child, "child_blocks", {}).values():
            inner = getattr(grandchild, "child_block", grandchild)
            icons.add(inner.meta.icon)
    for icon in icons:
        get_template(f"wagtailadmin/icons/{icon}.svg")


@pytest.mark.django_db
def test_pasting_twenty_duties_into_one_item_saves_twenty(
    admin_client, careers_page, two_organisations
):
    pasted = rich_text("".join(f"<p>• {text}</p>" for text in TWENTY))
    duties = {"heading": "", "intro": rich_text(""), "list_style": "bulleted",
              "items": item_list([pasted])}  # fmt: skip
    data = form_data(two_organisations, body=streamfield([("duties", duties)]))
    data["action-publish"] = "action-publish"
    response = admin_client.post(add_url(careers_page), data)
    assert response.status_code == 302, response.context["form"].errors
    saved = JobPostingPage.objects.get().body[0].value["items"]
    assert [duty.source for duty in saved] == [f"<p>{text}</p>" for text in TWENTY]
