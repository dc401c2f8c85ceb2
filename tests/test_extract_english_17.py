"""Actors on English pages, round 17 (issue 20): a unit named "of" its university, a name with its
head first followed by "and" and a name with its head last, and an embassy of a state written with
its formal name. Each test is a short made-up passage in the style of a class, with what a reviewer
expects to see drafted."""

from __future__ import annotations

from helpers.extraction import actor_names, actors_by_name, event, quotes, roles
from helpers.statements import drafted, issues, who

# --- 1. "Faculty of Engineering of Sinar University": the parent is the university ----------------


def test_a_unit_named_of_its_university_has_the_university_as_parent() -> None:
    text = "Students of the Faculty of Engineering of Sinar University attended the training."
    got = quotes(text)
    assert got == ["Faculty of Engineering of Sinar University", "Sinar University"], got


def test_a_centre_for_a_field_of_its_university_has_the_university_as_parent() -> None:
    text = "The Center for Coastal Studies of Lembah Hijau University presented its flood maps."
    got = quotes(text)
    assert "Lembah Hijau University" in got and "Coastal Studies of Lembah Hijau University" not in got, got


def test_a_post_before_of_still_ends_the_body_name() -> None:
    text = "The Head of Contoh City Disaster Management Agency opened the drill."
    assert quotes(text) == ["Contoh City Disaster Management Agency"], quotes(text)


# --- 2. "Institute for X and Y Foundation": two bodies, the first with its head first --------------


def test_and_before_a_name_with_its_head_last_parts_two_bodies() -> None:
    text = ("Contoh City Government, in partnership with the Institute for Urban Futures and Tirta "
            "Lestari Foundation, held a workshop on coastal flooding.")
    got = quotes(text)
    assert "Institute for Urban Futures" in got and "Tirta Lestari Foundation" in got, got
    assert not any("Futures and" in q for q in got), got
    got_roles = roles(text, "Contoh City Government", "Institute for Urban Futures", "Tirta Lestari Foundation")
    assert got_roles["Tirta Lestari Foundation"] == "organiser", got_roles


def test_fields_joined_by_and_stay_in_one_name() -> None:
    text = ("Officials of the Ministry of Tourism and Creative Economy and the Center for Climate Risk "
            "and Opportunity Management attended.")
    got = quotes(text)
    assert got == ["Ministry of Tourism and Creative Economy",
                   "Center for Climate Risk and Opportunity Management"], got


def test_a_post_of_a_field_and_office_keeps_the_office_name() -> None:
    text = "The Head of Culture and Tourism Office welcomed the guests."
    assert quotes(text) == ["Culture and Tourism Office"], quotes(text)


# --- 3. "Embassy of the Kingdom of Norway": a state's formal name after an embassy -----------------


def test_an_embassy_of_a_state_with_its_formal_name_is_found() -> None:
    text = ("The workshop was supported by the Embassy of the Kingdom of Sweden and the Embassy of the "
            "Republic of Korea.")
    got = quotes(text)
    assert got == ["Embassy of the Kingdom of Sweden", "Embassy of the Republic of Korea"], got


def test_a_consulate_general_of_a_state_with_its_formal_name_is_found() -> None:
    text = "The Consulate General of the United States of America in Surabaya attended the drill."
    assert "Consulate General of the United States of America" in actor_names(text), actor_names(text)


def test_an_embassy_of_no_state_names_no_body() -> None:
    text = "The Embassy of the Future exhibition opened in the city hall."
    assert not any(q.startswith("Embassy of") for q in quotes(text)), quotes(text)


def test_an_embassy_and_its_ambassador_are_one_actor() -> None:
    text = ("The forum was supported by the Embassy of the Kingdom of Sweden. Swedish Ambassador to "
            "Indonesia Karin Lund opened it, and the Australian Embassy and Australian Ambassador "
            "Penny Lestari attended.")
    got = actor_names(text)
    assert got == ["Embassy of the Kingdom of Sweden", "Australian Embassy"], got


def test_embassies_of_two_countries_stay_two_actors() -> None:
    text = "The British Embassy and the Danish Embassy attended the workshop."
    assert actor_names(text) == ["British Embassy", "Danish Embassy"], actor_names(text)


# --- 4. "Minister of Environment and Forestry": an English portfolio of two fields ----------------


def test_an_english_minister_of_two_fields_names_the_whole_ministry() -> None:
    text = "The signing was witnessed by Minister of Environment and Forestry Sari Lestari and the envoy."
    assert actor_names(text) == ["Kementerian Lingkungan Hidup dan Kehutanan"], actor_names(text)


def test_an_english_minister_of_one_field_before_and_keeps_one_field() -> None:
    text = "The forum was opened by Minister of Health Budi Santoso and Governor Ahmad Lestari."
    assert "Kementerian Kesehatan" in actor_names(text), actor_names(text)


# --- 5. "tsunami drill": an English drill is the event; a funder "with financial support from" ----


def test_an_english_drill_is_the_event() -> None:
    text = "Hundreds of students took part in a tsunami drill held by Contoh Agency on Tuesday."
    assert event(text)[1] == "workshop", event(text)


def test_a_kind_of_support_before_support_from_still_names_a_funder() -> None:
    text = ("Pupils joined an evacuation drill conducted by Contoh Agency, with financial support from "
            "Sinar Foundation.")
    assert roles(text, "Contoh Agency", "Sinar Foundation") == {"Contoh Agency": "organiser",
                                                                "Sinar Foundation": "participant"}


def test_with_the_support_of_names_a_participant() -> None:
    text = "Contoh Agency held the training with the support of Sinar Foundation."
    assert roles(text, "Contoh Agency", "Sinar Foundation")["Sinar Foundation"] == "participant"


# --- 6. "the challenges of X": the problem a body sets out to address -----------------------------


def test_the_challenges_of_names_an_issue() -> None:
    text = ("Sinar Foundation and Contoh Agency signed a memorandum of understanding on Friday to "
            "address the challenges of climate change in coastal districts.")
    got = issues(text)
    assert any(q.startswith("challenges of climate change") for q in got), got


# --- 7. a list of English names each ending at its head: no short form spans the commas ------------


def test_a_short_form_does_not_span_a_list_of_english_names() -> None:
    text = ("Volunteers came from Contoh Karhutla Task Force, Sinar Patrol Team, Fire Attack Team (TSA) "
            "and Lestari Foundation.")
    got = quotes(text)
    assert "Contoh Karhutla Task Force" in got and "Fire Attack Team (TSA)" in got, got
    assert not any(q.startswith("Task Force,") for q in got), got


def test_a_short_form_still_spans_the_fields_of_one_name() -> None:
    text = "Staff of the Ministry of Public Works, Housing, and Spatial Planning (MPWHSP) attended."
    assert quotes(text) == ["Ministry of Public Works, Housing, and Spatial Planning (MPWHSP)"], quotes(text)


# --- 8. "X Team": a team named before its head is a body; "Team Leader" is a post -----------------


def test_a_named_team_is_a_body_and_a_team_leader_is_not() -> None:
    text = ("The Humanitarian Country Team met the Sinar Patrol Team. The Deputy Team Leader of the "
            "project and the team of experts attended.")
    got = quotes(text)
    assert got == ["Humanitarian Country Team", "Sinar Patrol Team"], got


# --- 9. "Indonesian Ministry of X": the country's own ministry, one actor with its minister --------


def test_an_indonesian_ministry_is_the_ministry_and_one_actor_with_its_minister() -> None:
    text = ("The agreement was signed by Indonesian Ministry of Environment and Forestry (MoEF) Secretary "
            "General Budi Santoso. Minister of Environment and Forestry Sari Lestari witnessed it.")
    assert actor_names(text) == ["Ministry of Environment and Forestry"], actor_names(text)


def test_indonesian_stays_in_a_name_that_is_no_ministry() -> None:
    assert "Indonesian Red Cross" in quotes("The Indonesian Red Cross attended the drill."), \
        quotes("The Indonesian Red Cross attended the drill.")


# --- 10. "Institute of Hazard, Risk, and Resilience": fields after "of" listed with commas ---------


def test_fields_after_of_listed_with_commas_stay_in_one_name() -> None:
    text = "One of its institutes is the Institute of Hazard, Risk, and Resilience, which studies floods."
    assert quotes(text) == ["Institute of Hazard, Risk, and Resilience"], quotes(text)


def test_a_list_of_known_bodies_after_a_head_first_name_stays_a_list() -> None:
    text = "Speakers came from the Institute for Policy Studies, Oxfam and Mercy Corps."
    assert quotes(text) == ["Institute for Policy Studies", "Oxfam", "Mercy Corps"], quotes(text)


# --- 11. "the Head of the X Office, Andi Lestari": the holder after the body is a person -----------


def test_a_holder_named_after_the_head_of_the_body_is_no_actor() -> None:
    text = ("The meeting was chaired by the Head of the Contoh City Public Works Office, Andi Lestari, "
            "and attended by Sinar Foundation, Lestari Agency and PDAM Tirta Contoh.")
    got = actor_names(text)
    assert "Andi Lestari" not in got and "Contoh City Public Works Office" in got, got


# --- 12. "Contoh State Polytechnic": English for a politeknik ---------------------------------------


def test_an_english_polytechnic_is_an_academic_body() -> None:
    got = actors_by_name("Lecturers from Contoh State Polytechnic shared flood models.")
    assert "Contoh State Polytechnic" in got and got["Contoh State Polytechnic"].sector == "AcademicInstitution", got


# --- 13. "X expressed its commitment to ...": a commitment in the body's own words -----------------


def test_expressed_its_commitment_to_is_a_commitment_of_the_body() -> None:
    text = ("Sinar Foundation held a workshop on water with Contoh Regency Government on Monday. "
            "Contoh Regency Government expressed its commitment to enforcing groundwater permits.")
    got = drafted(text)
    assert "enforcing groundwater permits" in got, got
    kind, status, _ = got["enforcing groundwater permits"]
    assert (kind, status) == ("Commitment", "planned"), got
    assert who(got, "enforcing groundwater permits") == ["Contoh Regency Government"], got


# --- 14. "Water, Sanitation and Hygiene (WASH)": a field's short form names no body ---------------


def test_a_field_short_form_is_no_body() -> None:
    text = ("The plan is tied to the global Water, Sanitation and Hygiene (WASH) campaigns. "
            "Sinar Foundation and WASH partners met on the NDC targets.")
    got = quotes(text)
    assert "WASH" not in got and "NDC" not in got and "Sinar Foundation" in got, got


# --- 15. "the Australian Ambassador to Indonesia, Penny Lestari,": the post's holder is no body -----


def test_the_holder_after_an_envoy_post_is_no_actor() -> None:
    text = ("The Australian Ambassador to Indonesia, Penny Lestari, together with the Main Secretary of "
            "BNPB Budi Santoso, Sinar Foundation and Contoh University launched the report.")
    got = actor_names(text)
    assert "Penny Lestari" not in got and "Kedutaan Besar Australia" in got, got


# --- 16. "Indonesian Red Cross and Sinar Foundation": a head of two words ends the first body -------


def test_a_two_word_english_head_before_and_ends_the_first_body() -> None:
    text = ("The Indonesian Red Cross and Sinar Foundation attended, as did Contoh City Government and "
            "Lestari Institute.")
    got = quotes(text)
    assert got == ["Indonesian Red Cross", "Sinar Foundation", "Contoh City Government", "Lestari Institute"], got


def test_fields_joined_by_and_before_a_head_stay_one_name() -> None:
    text = "Staff of the Contoh Research and Development Agency attended."
    assert quotes(text) == ["Contoh Research and Development Agency"], quotes(text)


def test_the_means_after_a_problem_is_no_part_of_it() -> None:
    text = ("Sinar Foundation and Contoh Agency signed an agreement on Friday to address the challenges of "
            "climate change by supporting village forests across the province.")
    assert issues(text) == ["challenges of climate change"], issues(text)


def test_the_cause_after_a_participle_stays_in_the_problem() -> None:
    text = "Participants noted the lack of clean water caused by drought in the villages."
    assert issues(text) == ["lack of clean water caused by drought in the villages"], issues(text)
