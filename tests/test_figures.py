"""Legal figures as dated data (hooks/iopkit/figures.py) and review dates (review.py): unit tests."""
from __future__ import annotations

import datetime as dt
import sys

import pytest

from sitebuild import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
from iopkit.figures import (Cells, FigureError, build_date, figure_cells, format_number,  # noqa: E402
                            load_figures, parse_figures, render_figure)
from iopkit.review import insert_review_line, review_overdue, reviewed_line  # noqa: E402

NBSP = "\u00a0"
DAY = dt.date(2026, 12, 3)


def _data(**figures):
    base = {"value": 750000, "unit": "EUR", "valid_from": "2024-01-01", "valid_to": "open",
            "source": "Förordning (EU) 2023/2832", "checked": "2026-12-03"}
    return {"figures": {key: {**base, **spec} for key, spec in figures.items()}}


def test_swedish_numbers_use_non_breaking_spaces_and_english_commas():
    assert format_number(750000, "sv") == f"750{NBSP}000"
    assert format_number(8109450, "en") == "8,109,450"


def test_values_are_formatted_per_language():
    figs = parse_figures(_data(ceiling={}, fee={"value": 12000, "unit": "SEK"},
                               big={"value": 15000000}, over={"value": 14000000, "unit": "SEK",
                                                              "qualifier": "over"}))
    assert render_figure(figs, "ceiling", "sv", DAY) == f"750{NBSP}000{NBSP}euro"
    assert render_figure(figs, "ceiling", "en", DAY) == f"EUR{NBSP}750,000"
    assert render_figure(figs, "fee", "sv", DAY) == f"12{NBSP}000{NBSP}kronor"
    assert render_figure(figs, "big", "sv", DAY) == f"15{NBSP}miljoner{NBSP}euro"
    assert render_figure(figs, "big", "en", DAY) == f"EUR{NBSP}15{NBSP}million"
    assert render_figure(figs, "over", "sv", DAY) == f"drygt 14{NBSP}miljoner{NBSP}kronor"


def test_dates_are_written_out():
    figs = parse_figures(_data(day={"value": "2026-01-01", "unit": "date", "valid_from": "2026-01-01"}))
    assert render_figure(figs, "day", "sv", DAY) == "1 januari 2026"
    assert render_figure(figs, "day", "en", DAY) == "1 January 2026"


def test_a_current_figure_past_its_valid_to_stops_with_key_page_and_date():
    figs = parse_figures(_data(ceiling={"valid_to": "2025-12-31"}))
    with pytest.raises(FigureError) as err:
        render_figure(figs, "ceiling", "sv", DAY, page="lagstiftning.sv.md")
    message = str(err.value)
    assert "'ceiling'" in message and "lagstiftning.sv.md" in message
    assert "2025-12-31" in message and "2026-12-03" in message


def test_a_figure_is_current_up_to_and_including_its_last_day():
    figs = parse_figures(_data(ceiling={"valid_to": "2026-12-03"}))
    assert render_figure(figs, "ceiling", "sv", DAY) == f"750{NBSP}000{NBSP}euro"


def test_last_verified_figures_show_their_period_and_where_to_look():
    figs = parse_figures(_data(sek={"value": 8109450, "unit": "SEK", "valid_to": "2025-12-31",
                                    "status": "last_verified",
                                    "check_at": {"sv": "Upphandlingsmyndigheten", "en": "the agency"}}))
    text = render_figure(figs, "sek", "sv", DAY)
    assert "2024–2025" in text and "Upphandlingsmyndigheten" in text
    assert "2024–2025" in render_figure(figs, "sek", "en", DAY)


def test_historical_figures_show_their_period():
    figs = parse_figures(_data(old={"valid_from": "2018-01-01", "valid_to": "2019-12-31",
                                    "status": "historical"}))
    assert render_figure(figs, "old", "sv", DAY).endswith("(värdet för 2018–2019)")


def test_a_figure_not_yet_in_force_says_from_when():
    figs = parse_figures(_data(new={"valid_from": "2028-01-01"}))
    assert "1 januari 2028" in render_figure(figs, "new", "sv", DAY)


def test_an_unknown_key_is_named_with_the_page():
    with pytest.raises(FigureError, match=r"unknown figure 'nope'.*index\.sv\.md"):
        render_figure(parse_figures(_data(ceiling={})), "nope", "sv", DAY, page="index.sv.md")


def test_table_cells_hold_the_number_alone_then_currency_and_period():
    figs = parse_figures(_data(ceiling={"valid_to": "2030-12-31"}, fee={"value": 12000, "unit": "SEK"},
                               big={"value": 15000000}))
    assert figure_cells(figs, "ceiling", "sv", DAY) == Cells(f"750{NBSP}000", "euro", "2024–2030")
    assert figure_cells(figs, "fee", "en", DAY) == Cells("12,000", "SEK", "from 1 January 2024")
    assert figure_cells(figs, "fee", "sv", DAY).period == "från 1 januari 2024"
    assert figure_cells(figs, "big", "sv", DAY).amount == f"15{NBSP}000{NBSP}000"  # in full, so digits line up


def test_table_cells_follow_the_same_validity_rules_as_figure():
    figs = parse_figures(_data(
        ceiling={"valid_to": "2025-12-31"},
        sek={"value": 8109450, "unit": "SEK", "valid_to": "2025-12-31", "status": "last_verified",
             "check_at": {"sv": "Upphandlingsmyndigheten", "en": "the agency"}}))
    with pytest.raises(FigureError, match=r"'ceiling'.*lagstiftning\.sv\.md.*2025-12-31"):
        figure_cells(figs, "ceiling", "sv", DAY, page="lagstiftning.sv.md")
    assert figure_cells(figs, "sek", "en", DAY).period == "2024–2025; see the source for today's value"
    assert figure_cells(figs, "sek", "sv", dt.date(2025, 6, 1)).period == "2024–2025"
    with pytest.raises(FigureError, match="unknown figure 'nope'"):
        figure_cells(figs, "nope", "sv", DAY)


@pytest.mark.parametrize("spec", [{"value": "2026-01-01", "unit": "date", "valid_from": "2026-01-01"},
                                  {"value": 12, "unit": "percent"}, {"qualifier": "about"}])
def test_table_cells_refuse_what_is_not_an_exact_amount(spec):
    with pytest.raises(FigureError, match="exact amount in EUR or SEK"):
        figure_cells(parse_figures(_data(odd=spec)), "odd", "sv", DAY, page="lagstiftning.sv.md")


@pytest.mark.parametrize("spec, expected", [
    ({"value": "750 000"}, "value must be a number"),
    ({"unit": "USD"}, "unit must be one of"),
    ({"valid_to": "2023-13-01"}, "valid_to is not a real date"),
    ({"valid_from": "2025-01-01", "valid_to": "2024-12-31"}, "before valid_from"),
    ({"status": "historical"}, "needs the date its period ended"),
    ({"status": "last_verified", "valid_to": "2025-12-31"}, "needs check_at"),
    ({"source": ""}, "missing source"),
])
def test_bad_entries_are_named_by_key_and_field(spec, expected):
    with pytest.raises(FigureError, match=expected) as err:
        parse_figures(_data(ceiling=spec))
    assert "figure 'ceiling'" in str(err.value)


def test_build_date_comes_from_the_environment_or_today():
    assert build_date({"IOP_BUILD_DATE": "2031-01-01"}) == dt.date(2031, 1, 1)
    assert build_date({}) == dt.datetime.now(dt.timezone.utc).date()
    with pytest.raises(FigureError, match="IOP_BUILD_DATE"):
        build_date({"IOP_BUILD_DATE": "1 jan"})


def test_the_figure_file_is_valid_and_lists_its_keys_at_the_top():
    path = ROOT / "docs" / "_data" / "figures.yml"
    figures = load_figures(path)
    header = path.read_text(encoding="utf-8").split("\nfigures:")[0]
    assert [key for key in figures if key not in header] == []


def test_review_is_overdue_after_twelve_months():
    reviewed = dt.date(2026, 12, 3)
    assert not review_overdue(reviewed, dt.date(2027, 12, 3))
    assert review_overdue(reviewed, dt.date(2027, 12, 4))
    assert not review_overdue(dt.date(2024, 2, 29), dt.date(2025, 2, 28))


def test_review_line_goes_after_the_summary():
    text = "# Title\n\nPoint first.\n{.summary}\n\n## Next\n"
    out = insert_review_line(text, reviewed_line(DAY, "sv"))
    assert out.index("{.summary}") < out.index("Senast granskad") < out.index("## Next")
    assert '<time datetime="2026-12-03">3 december 2026</time>' in out


def test_clauses_can_print_a_figure(tmp_path):
    """The clause-rendering context has figure() too (for later use by the clause library)."""
    from agreement_helpers import copy_library, library  # noqa: E402
    from iopkit.agreements import render_agreement  # noqa: E402
    from iopkit.figures import figure_function  # noqa: E402
    from sitebuild import KOMMUN

    lib_dir = copy_library(tmp_path / "_agreements")
    first = library(lib_dir).templates["allman-iop"]["clauses"][0]
    clause = lib_dir / "clauses" / "sv" / f"{first}.md"
    clause.write_text(clause.read_text(encoding="utf-8") + "\nTaket är {{ figure('de_minimis_ceiling_eur') }}.\n",
                      encoding="utf-8")
    figures = load_figures(ROOT / "docs" / "_data" / "figures.yml")
    text = render_agreement(library(lib_dir), "allman-iop", "sv", KOMMUN,
                            figure=figure_function(figures, "sv", DAY, "avtal/allman-iop.sv.md"))
    assert f"Taket är 300{NBSP}000{NBSP}euro." in text
