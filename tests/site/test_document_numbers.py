"""文号 parsing and normalisation: every bracket people type, one stored form."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from lifelong_site.document_numbers import (
    normalise_document_number,
    parse_document_number,
    validate_document_number,
    validate_index_number,
)

OFFICIAL = "教职成厅函〔2024〕7号"


@pytest.mark.parametrize(
    "typed",
    [
        OFFICIAL,
        "教职成厅函[2024]7号",
        "教职成厅函［2024］7号",
        "教职成厅函【2024】7号",
        "教职成厅函 (2024) 7 号",
        "教职成厅函2024 7号",
        "教职成厅函〔２０２４〕７号",
    ],
)
def test_every_bracket_variant_parses_to_the_official_form(typed):
    assert str(parse_document_number(typed)) == OFFICIAL


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "Faculty of Cheng Chengxiang [2024] No. 7",
        "教职成厅函〔24〕7号",
        "〔2024〕7号",
        "教职成厅函〔2024〕号",
    ],
)
def test_malformed_numbers_do_not_parse(bad):
    assert parse_document_number(bad) is None


def test_normalisation_keeps_the_official_form_byte_for_byte():
    assert normalise_document_number(OFFICIAL).encode() == OFFICIAL.encode()
    assert normalise_document_number(" 教职成厅函[2024]7号 ") == OFFICIAL


def test_validator_rejects_a_machine_translated_number():
    with pytest.raises(ValidationError) as error:
        validate_document_number("Faculty of Cheng Chengxiang [2024] No. 7")
    assert "教职成厅函〔2024〕7号" in str(error.value)  # the message shows the expected form


def test_index_number_pattern(settings):
    validate_index_number("360A07-07-2024-0007")
    with pytest.raises(ValidationError):
        validate_index_number("not-an-index")
    settings.NOTICE_INDEX_NUMBER_PATTERN = r"^LN-\d{4}$"
    validate_index_number("LN-0001")
    with pytest.raises(ValidationError):
        validate_index_number("360A07-07-2024-0007")
