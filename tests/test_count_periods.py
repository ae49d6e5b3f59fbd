"""Report periods of `portal count`: every kind under both conventions (DOMAIN.md "Report periods"),
ranges, series splitting, and the Vietnamese way of writing dates."""

from __future__ import annotations

from datetime import date

import pytest

from portal.counting.counts import PeriodError, date_window, parse_period, split_period
from portal.counting.report_formats import period_label, vietnamese_date

CALENDAR_2025 = {
    "2025": (date(2025, 1, 1), date(2025, 12, 31)),
    "2025-Q1": (date(2025, 1, 1), date(2025, 3, 31)),
    "2025-Q2": (date(2025, 4, 1), date(2025, 6, 30)),
    "2025-Q3": (date(2025, 7, 1), date(2025, 9, 30)),
    "2025-Q4": (date(2025, 10, 1), date(2025, 12, 31)),
    "2025-H1": (date(2025, 1, 1), date(2025, 6, 30)),
    "2025-H2": (date(2025, 7, 1), date(2025, 12, 31)),
    "2025-9M": (date(2025, 1, 1), date(2025, 9, 30)),
    "2025-01": (date(2025, 1, 1), date(2025, 1, 31)),
    "2025-02": (date(2025, 2, 1), date(2025, 2, 28)),
    "2024-02": (date(2024, 2, 1), date(2024, 2, 29)),
    "2025-03": (date(2025, 3, 1), date(2025, 3, 31)),
    "2025-12": (date(2025, 12, 1), date(2025, 12, 31)),
}

ND09_2025 = {
    # The rows DOMAIN.md fixes...
    "2025": (date(2024, 12, 15), date(2025, 12, 14)),
    "2025-Q1": (date(2024, 12, 15), date(2025, 3, 14)),
    "2025-H1": (date(2024, 12, 15), date(2025, 6, 14)),
    "2025-9M": (date(2024, 12, 15), date(2025, 9, 14)),
    "2025-03": (date(2025, 2, 15), date(2025, 3, 14)),
    # ...and the ones we derive from "15th of the month before to the 14th of the last month".
    "2025-Q2": (date(2025, 3, 15), date(2025, 6, 14)),
    "2025-Q3": (date(2025, 6, 15), date(2025, 9, 14)),
    "2025-Q4": (date(2025, 9, 15), date(2025, 12, 14)),
    "2025-H2": (date(2025, 6, 15), date(2025, 12, 14)),
    "2025-01": (date(2024, 12, 15), date(2025, 1, 14)),
    "2025-12": (date(2025, 11, 15), date(2025, 12, 14)),
}


@pytest.mark.parametrize("code, expected", CALENDAR_2025.items())
def test_calendar_periods(code, expected):
    period = parse_period(code)
    assert (period.start, period.end) == expected
    assert period.code == code
    assert period.convention == "calendar"


@pytest.mark.parametrize("code, expected", ND09_2025.items())
def test_nd09_periods(code, expected):
    period = parse_period(code, "nd09")
    assert (period.start, period.end) == expected
    assert period.convention == "nd09"


def test_nd09_report_months_tile_the_nd09_year_without_gaps():
    months = [parse_period(f"2025-{month:02d}", "nd09") for month in range(1, 13)]
    year = parse_period("2025", "nd09")
    assert months[0].start == year.start and months[-1].end == year.end
    for earlier, later in zip(months, months[1:]):
        assert (later.start - earlier.end).days == 1


def test_spellings_are_normalised():
    assert parse_period("2025-q2").code == "2025-Q2"
    assert parse_period("2025-h1").code == "2025-H1"
    assert parse_period("2025-9m").code == "2025-9M"
    assert parse_period("2025-3").code == "2025-03"
    assert parse_period(" 2025 ").code == "2025"


@pytest.mark.parametrize("text", ["2025-Q5", "2025-Q0", "2025-H3", "2025-13", "2025-00", "25", "2025-6M", "", "Q1-2025",
                                  "2025/03", "2025..", "0000"])
def test_bad_periods_are_refused_with_advice(text):
    with pytest.raises(PeriodError) as raised:
        parse_period(text)
    assert str(raised.value)


def test_unknown_convention_is_refused():
    with pytest.raises(PeriodError, match="calendar or nd09"):
        parse_period("2025", "fiscal")


def test_range_of_periods_runs_from_the_first_start_to_the_last_end():
    years = parse_period("2021..2025")
    assert (years.start, years.end, years.code) == (date(2021, 1, 1), date(2025, 12, 31), "2021..2025")
    quarters = parse_period("2024-Q3..2025-Q2", "nd09")
    assert (quarters.start, quarters.end) == (date(2024, 6, 15), date(2025, 6, 14))
    with pytest.raises(PeriodError, match="ends before"):
        parse_period("2025..2024")


def test_date_window_is_inclusive_and_ordered():
    window = date_window(date(2025, 1, 1), date(2025, 3, 5))
    assert (window.start, window.end, window.code) == (date(2025, 1, 1), date(2025, 3, 5), None)
    assert date_window(date(2025, 3, 5), date(2025, 3, 5)).start == date(2025, 3, 5)
    with pytest.raises(PeriodError, match="before"):
        date_window(date(2025, 3, 5), date(2025, 3, 4))


@pytest.mark.parametrize("span, unit, convention, expected_codes", [
    ("2021..2025", "year", "calendar", ["2021", "2022", "2023", "2024", "2025"]),
    ("2025", "quarter", "calendar", ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]),
    ("2025", "quarter", "nd09", ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]),
    ("2025-H2", "month", "calendar", [f"2025-{month:02d}" for month in range(7, 13)]),
    ("2025", "month", "nd09", [f"2025-{month:02d}" for month in range(1, 13)]),
    ("2021..2025", "year", "nd09", ["2021", "2022", "2023", "2024", "2025"]),
])
def test_series_rows_match_whole_periods(span, unit, convention, expected_codes):
    rows = split_period(parse_period(span, convention), unit, convention)
    assert [row.code for row in rows] == expected_codes
    for row in rows:
        whole = parse_period(row.code, convention)
        assert (row.start, row.end) == (whole.start, whole.end)


def test_series_rows_are_clipped_to_a_date_window_and_cover_it_exactly():
    window = date_window(date(2025, 1, 1), date(2025, 3, 5))
    rows = split_period(window, "month", "calendar")
    assert [(row.code, row.start, row.end) for row in rows] == [
        ("2025-01", date(2025, 1, 1), date(2025, 1, 31)),
        ("2025-02", date(2025, 2, 1), date(2025, 2, 28)),
        ("2025-03", date(2025, 3, 1), date(2025, 3, 5)),
    ]
    # nd09 months over calendar dates: January 2025 (15/12-14/01) is cut at 01/01, and the
    # report month 2025-04 (15/03-14/04) holds 15/03-31/03 of a calendar Q1.
    nd09_rows = split_period(parse_period("2025-Q1"), "month", "nd09")
    assert [(row.code, row.start, row.end) for row in nd09_rows] == [
        ("2025-01", date(2025, 1, 1), date(2025, 1, 14)),
        ("2025-02", date(2025, 1, 15), date(2025, 2, 14)),
        ("2025-03", date(2025, 2, 15), date(2025, 3, 14)),
        ("2025-04", date(2025, 3, 15), date(2025, 3, 31)),
    ]


@pytest.mark.parametrize("unit", ["year", "quarter", "month"])
@pytest.mark.parametrize("convention", ["calendar", "nd09"])
@pytest.mark.parametrize("start, end", [(date(2020, 12, 20), date(2025, 3, 5)), (date(2025, 3, 14), date(2025, 3, 15)),
                                        (date(2024, 2, 29), date(2024, 2, 29))])
def test_series_rows_are_contiguous_and_cover_the_span(unit, convention, start, end):
    rows = split_period(date_window(start, end), unit, convention)
    assert rows[0].start == start and rows[-1].end == end
    for earlier, later in zip(rows, rows[1:]):
        assert (later.start - earlier.end).days == 1


def test_unknown_series_unit_is_refused():
    with pytest.raises(PeriodError, match="series unit"):
        split_period(parse_period("2025"), "week")


@pytest.mark.parametrize("day, written", [
    (date(2025, 1, 1), "01/01/2025"),
    (date(2025, 3, 5), "05/3/2025"),
    (date(2025, 2, 14), "14/02/2025"),
    (date(2024, 12, 15), "15/12/2024"),
    (date(2025, 10, 9), "09/10/2025"),
])
def test_vietnamese_date_style(day, written):
    assert vietnamese_date(day) == written


@pytest.mark.parametrize("code, convention, label", [
    ("2025", "calendar", "Năm 2025"),
    ("2025-Q1", "nd09", "Quý I/2025"),
    ("2025-Q4", "calendar", "Quý IV/2025"),
    ("2025-H1", "calendar", "6 tháng đầu năm 2025"),
    ("2025-H2", "nd09", "6 tháng cuối năm 2025"),
    ("2025-9M", "calendar", "9 tháng đầu năm 2025"),
    ("2025-03", "calendar", "Tháng 3/2025"),
    ("2025-01", "calendar", "Tháng 01/2025"),
    ("2021..2025", "calendar", "Năm 2021 - năm 2025"),
])
def test_period_labels_in_vietnamese(vietnamese, code, convention, label):
    assert period_label(parse_period(code, convention)) == label


@pytest.mark.parametrize("code, label", [
    ("2025", "Year 2025"), ("2025-Q4", "Quarter 4 of 2025"), ("2025-H1", "First half of 2025"),
    ("2025-9M", "First nine months of 2025"), ("2025-03", "Month 2025-03"), ("2021..2025", "Year 2021 - year 2025"),
])
def test_period_labels_in_english(code, label):
    assert period_label(parse_period(code)) == label


def test_window_label_is_its_dates(vietnamese):
    assert period_label(date_window(date(2025, 1, 1), date(2025, 3, 5))) == "01/01/2025 - 05/3/2025"


def test_window_label_in_english_is_iso_dates():
    assert period_label(date_window(date(2025, 1, 1), date(2025, 3, 5))) == "2025-01-01 - 2025-03-05"
