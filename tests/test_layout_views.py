"""What the templates are given for the layout: dates as each language writes them, the lead
photo left out where the text already shows it, channel facts said once, UI strings complete."""

from __future__ import annotations

import re
import string
from pathlib import Path
from datetime import date, datetime, timedelta, timezone

import pytest
from babel.dates import format_date
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.mkdocs_adapter.images import variant_path
from portal.languages import BY_CODE, CODES
from portal.procedures.views import common_value
from portal.content.site_data import ui_strings
from portal.pages.views import images_in, is_same_image, localized_date

VIETNAM = timezone(timedelta(hours=7))
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


@settings(max_examples=200, deadline=None)
@given(day=days)
def test_vietnamese_dates_are_written_dd_mm_yyyy(day):
    written = localized_date(datetime(day.year, day.month, day.day, 9, 30, tzinfo=VIETNAM), "vi")
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4}", written), written
    assert datetime.strptime(written, "%d/%m/%Y").date() == day


@settings(max_examples=60, deadline=None)
@given(day=days, lang=st.sampled_from([code for code in CODES if code != "vi"]))
def test_other_languages_keep_their_own_long_date(day, lang):
    moment = datetime(day.year, day.month, day.day, 23, 59, tzinfo=VIETNAM)
    assert localized_date(moment, lang) == format_date(day, format="long", locale=BY_CODE[lang].babel_locale)


def test_examples_of_each_language():
    moment = datetime(2025, 12, 24, 8, 0, tzinfo=VIETNAM)
    assert [localized_date(moment, lang) for lang in CODES] == [
        "24/12/2025", "December 24, 2025", "2025年12月24日", "2025年12月24日", "2025년 12월 24일"]


# -- the lead photo once -----------------------------------------------------------------------

segment = st.text(alphabet=string.ascii_lowercase + string.digits + "-_", min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(folders=st.lists(segment, min_size=0, max_size=3), name=segment, width=st.integers(1, 5000),
       extension=st.sampled_from([".jpg", ".jpeg", ".png", ".webp"]))
def test_a_photo_and_its_web_sized_variants_are_the_same_image(folders, name, width, extension):
    original = "/".join([*folders, name + extension])
    assert is_same_image(original, original)
    assert is_same_image(variant_path(original, width), original)
    assert not is_same_image("/".join([*folders, name + "x" + extension]), original)
    assert not is_same_image(variant_path("/".join([*folders, name + "x" + extension]), width), original)


@pytest.mark.parametrize("body, page_url, expected", [
    # What Markdown and the photo variants make of ![...](images/a.jpg) in news/2025/x.vi.md ...
    ('<p><img alt="A" src="../images/a-960w.jpg" srcset="../images/a-480w.jpg 480w"></p>', "news/2025/x/",
     ["news/2025/images/a-960w.jpg"]),
    # ... of the same text in the Japanese version (images are shared, at the original's address) ...
    ('<p>Text.</p>\n<figure><img src="../../../../news/2025/images/a.jpg"></figure>', "ja/news/2025/x/",
     ["news/2025/images/a.jpg"]),
    # ... spaces written as %20, external and data images left aside.
    ('<img src="../images/my%20photo.png"><img src="https://example.org/b.jpg"><img src="data:image/png;base64,AA">',
     "news/2025/x/", ["news/2025/images/my photo.png"]),
    ("<p>No image here.</p>", "news/2025/x/", []),
])
def test_images_a_text_shows(body, page_url, expected):
    assert images_in(body, page_url) == expected


@settings(max_examples=100, deadline=None)
@given(body=st.text(max_size=300))
def test_any_text_gives_a_list_of_paths_and_never_fails(body):
    assert all(isinstance(path, str) for path in images_in(body, "news/2025/x/"))


# -- procedure channels ------------------------------------------------------------------------

def test_a_time_limit_or_fee_shared_by_every_channel_is_said_once():
    channels = [{"time_limit": "10 days", "fee": "None"}, {"time_limit": "10 days", "fee": "Postage"}]
    assert common_value(channels, "time_limit") == "10 days"
    assert common_value(channels, "fee") is None
    assert common_value(channels[:1], "time_limit") is None, "one channel: the table says it"
    assert common_value([{"fee": ""}, {"fee": ""}], "fee") is None


# -- UI strings ------------------------------------------------------------------------------------

def own_strings(lang: str) -> dict:
    """The language's own file, without the Vietnamese fallback of `ui_strings`."""
    import yaml

    import portal

    return yaml.safe_load((Path(portal.__file__).parent / "i18n" / f"{lang}.yml").read_text(encoding="utf-8"))


def test_every_ui_string_exists_in_all_five_languages_with_the_same_placeholders():
    reference = own_strings("vi")
    for lang in CODES:
        strings = own_strings(lang)
        assert set(strings) == set(reference), f"{lang}: missing {set(reference) - set(strings)}, extra {set(strings) - set(reference)}"
        for key, text in strings.items():
            assert str(text).strip(), f"{lang} {key} is empty"
            names = {name for _, name, _, _ in string.Formatter().parse(str(text)) if name}
            expected = {name for _, name, _, _ in string.Formatter().parse(str(reference[key])) if name}
            assert names == expected, f"{lang} {key}: placeholders {names}, Vietnamese has {expected}"


def test_the_footer_legal_line_is_in_each_language():
    english = ui_strings("en")["footer.copyright"]
    for lang in ("vi", "ja", "zh", "ko"):
        assert ui_strings(lang)["footer.copyright"] != english
        assert "reserved" not in ui_strings(lang)["footer.copyright"].lower(), lang
