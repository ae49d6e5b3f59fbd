"""Where to apply in person: the city's one-stop desk (Trung tâm Phục vụ hành chính công), from
docs/_data/site.yml `one_stop_desk` (name, address and opening hours per language, phone), with a
plain link to the address on OpenStreetMap (a link, not an embedded map: nothing of a third party
loads with the page)."""

from __future__ import annotations

from urllib.parse import quote

from ..content.site_data import localized
from ..languages import DEFAULT

MAP_SEARCH = "https://www.openstreetmap.org/search?query={query}"


def one_stop_desk_view(info: dict, lang: str) -> dict | None:
    """{name, address, name_vi, address_vi, hours, phone, phone_link, map_url, sample} in `lang`
    (`name_vi`, `address_vi`: the Vietnamese ones beside another language's); None when site.yml
    has no `one_stop_desk` with a name and an address (the page then leaves the block out)."""
    desk = info.get("one_stop_desk") if isinstance(info, dict) else None
    if not isinstance(desk, dict):
        return None
    name, address = _text(desk.get("name"), lang), _text(desk.get("address"), lang)
    if not name or not address:
        return None
    phone = _text(desk.get("phone"), lang)
    # The map looks the address up as written in Vietnamese (as the map writes street names),
    # unless the editors give the exact query.
    query = _text(desk.get("map_query"), lang) or _text(desk.get("address"), DEFAULT)
    name_vi, address_vi = _text(desk.get("name"), DEFAULT), _text(desk.get("address"), DEFAULT)
    return {
        "name": name,
        "address": address,
        # Also in Vietnamese for readers of another language: as on the building's sign.
        "name_vi": name_vi if lang != DEFAULT and name_vi != name else "",
        "address_vi": address_vi if lang != DEFAULT and address_vi != address else "",
        "hours": _text(desk.get("opening_hours"), lang),
        "phone": phone,
        "phone_link": "tel:" + "".join(phone.split()) if phone else "",
        "map_url": MAP_SEARCH.format(query=quote(query, safe="")),
        "sample": desk.get("sample") is True,
    }


def _text(value, lang: str) -> str:
    """A site-data value in `lang` as text; anything that is not text (a list, a number) gives ''."""
    chosen = localized(value, lang)
    if isinstance(chosen, (int, float)) and not isinstance(chosen, bool):
        chosen = str(chosen)
    return chosen.strip() if isinstance(chosen, str) else ""
