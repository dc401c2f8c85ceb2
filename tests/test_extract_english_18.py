"""Roles and names on English pages, round 18 (issue 20): English verbs and nouns of speaking,
"held the <event>", an appeal read as no invitation, and a holder's post written between the
body's name and the holder's. Each test is a short made-up passage in the style of a class, with
what a reviewer expects to see drafted."""

from __future__ import annotations

from helpers.extraction import quotes, roles

# --- 1. English verbs and nouns of speaking (guide, roles 1 and 6) ------------------------------------


def test_stated_and_remarked_make_a_speaker() -> None:
    text = ("The workshop was held in Contoh City. Ms. Sari, the Director of the Tirta Agency, "
            "stated in her speech that access needs collaboration. The Sinar Foundation remarked that "
            "funding is short.")
    got = roles(text, "Tirta Agency", "Sinar Foundation")
    assert got == {"Tirta Agency": "speaker", "Sinar Foundation": "speaker"}, got


def test_a_presentation_noun_before_the_body_makes_a_speaker() -> None:
    text = ("The session began with the exposure of Mr. Budi ( Contoh Disaster Agency ) on early warning. "
            "Next came the explanation of the Tirta Lestari Foundation on the programme.")
    got = roles(text, "Contoh Disaster Agency", "Tirta Lestari Foundation")
    assert got == {"Contoh Disaster Agency": "speaker", "Tirta Lestari Foundation": "speaker"}, got


def test_provides_the_explanation_makes_a_speaker() -> None:
    text = "Mr Andi ( Contoh Environment Office ) also provides the explanation of the waste bank programme."
    assert roles(text, "Contoh Environment Office") == {"Contoh Environment Office": "speaker"}


# --- 2. "X together with Y held the <event>": both organise ------------------------------------------


def test_held_the_named_event_makes_its_subjects_organisers() -> None:
    text = ("The Coastal Care Network together with Yayasan Tirta supported by the Regional Secretariat "
            "held the Regional Workshop on Peat Fire Prevention in Contoh Regency.")
    got = roles(text, "Coastal Care Network", "Yayasan Tirta", "Regional Secretariat")
    assert got == {"Coastal Care Network": "organiser", "Yayasan Tirta": "organiser",
                   "Regional Secretariat": "participant"}, got


def test_was_held_the_day_after_is_no_act() -> None:
    text = "The Coastal Care Network said the workshop was held the day after the flood."
    assert roles(text, "Coastal Care Network")["Coastal Care Network"] != "organiser"


# --- 3. "invited all parties to strengthen ...": an appeal, not an invitation to the event ----------------


def test_invited_to_do_something_is_no_organiser() -> None:
    text = "The Contoh Foundation invited all related parties to strengthen disaster risk reduction programmes."
    assert roles(text, "Contoh Foundation")["Contoh Foundation"] != "organiser"


def test_invited_to_attend_still_organises() -> None:
    text = "The Sinar Institute invited village heads to attend the workshop."
    assert roles(text, "Sinar Institute") == {"Sinar Institute": "organiser"}
    text = "The Tirta Institute invited the youth group to the dialogue."
    assert roles(text, "Tirta Institute") == {"Tirta Institute": "organiser"}


# --- 4. "Contoh Health Office Head Budi Santoso": the post ends the body's name --------------------------


def test_a_post_after_an_english_name_ends_it() -> None:
    text = "Central Contoh Environmental Services Office Head Andi Wirawan said the fires were fewer."
    assert quotes(text) == ["Central Contoh Environmental Services Office"], quotes(text)


def test_a_post_after_a_ministry_of_a_field_ends_it() -> None:
    text = "The Ministry of Health Secretary General Rina Sari also spoke."
    assert quotes(text) == ["Ministry of Health"], quotes(text)


def test_head_office_stays_a_name() -> None:
    text = "The meeting took place at the Sinar Energy Head Office."
    assert "Head" in " ".join(quotes(text)), quotes(text)


# --- 5. "USAID TIRTA PLUS partners with the city": a donor's programme acting under its own name ---------


def test_a_donor_programme_in_capitals_is_one_actor() -> None:
    from helpers.extraction import actor_names

    text = ("To strengthen water services, USAID TIRTA PLUS partners with the local governments to hold "
            "a series of workshops. The workshop was attended by the USAID TIRTA PLUS Deputy Chief of "
            "Party. The Director of Bappenas said universal access needs donors like USAID.")
    got = actor_names(text)
    assert "USAID TIRTA PLUS" in got and "USAID" in got, got


def test_a_donor_before_a_post_or_in_a_headline_stays_the_donor() -> None:
    assert quotes("The UNICEF ADVISOR said the plan was ready.") == ["UNICEF"]
    assert "USAID AND BNPB" not in " ".join(quotes("USAID AND BNPB SIGN AGREEMENT\n\nThe text follows."))


def test_partners_with_makes_an_organiser() -> None:
    text = "The Tirta Programme partners with the Contoh City Government to hold a series of workshops."
    got = roles(text, "Tirta Programme", "Contoh City Government")
    assert got == {"Tirta Programme": "organiser", "Contoh City Government": "organiser"}, got


def test_a_donor_programme_written_once_is_left_to_its_donor() -> None:
    text = "The report thanks USAID KOTA for the maps."
    assert quotes(text) == ["USAID"], quotes(text)


# --- 6. "convened on 12 October at the Provincial Government": the venue's body hosts -------------------


def test_at_the_body_after_a_verb_of_holding_makes_a_host() -> None:
    text = "Participants convened on 12 October at the Contoh Provincial Government to discuss the plan."
    assert roles(text, "Contoh Provincial Government") == {"Contoh Provincial Government": "host"}


def test_at_the_body_of_an_affiliation_stays_a_mention() -> None:
    text = "Budi, a professor at the Sinar University, said the plan was weak."
    assert roles(text, "Sinar University")["Sinar University"] != "host"


# --- 7. English dates: a dateline set off by a bar; two days sharing the year after the second --------


def test_a_dateline_set_off_by_a_bar_gives_way_to_the_event_date() -> None:
    from helpers.extraction import event

    text = ("Contoh, 29 September 2022 | The Contoh City Government organised a workshop for cities "
            "on 28-29 September 2022 at a hotel.")
    assert event(text)[0] == "2022-09-28", event(text)


def test_two_days_sharing_a_year_date_the_first() -> None:
    from resilience_kg.extract.recognise.dates import find_dates

    text = "The workshops were held in Contoh City and Sinar City on July 11 and July 13, 2017."
    assert [str(d.date) for d in find_dates(text)] == ["2017-07-11"]
    text = "Workshops took place on 3 May and 5 May 2019 in two towns."
    assert [str(d.date) for d in find_dates(text)] == ["2019-05-03"]


# --- 8. A partnership told as past work or in reported speech is no co-organising of this event --------


def test_has_also_collaborated_is_past_work() -> None:
    text = "On the other hand, the Contoh Fund has also collaborated with the Sinar Directorate since 2021."
    assert roles(text, "Contoh Fund", "Sinar Directorate")["Sinar Directorate"] != "organiser"


def test_a_partnership_in_reported_speech_is_no_organiser() -> None:
    text = ("The coordinator said, in collaboration with the Sinar Institute and the Tirta Foundation, "
            "the Contoh Centre has initiated safe schools since 2009.")
    got = roles(text, "Sinar Institute", "Tirta Foundation")
    assert "organiser" not in got.values(), got


def test_a_partnership_in_the_event_sentence_still_organises() -> None:
    text = "The Contoh Centre, in collaboration with the Sinar Institute, held a workshop on 3 May 2023."
    assert roles(text, "Contoh Centre", "Sinar Institute") == {"Contoh Centre": "organiser",
                                                              "Sinar Institute": "organiser"}
