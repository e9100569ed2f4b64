"""Team-written sentences (German and English) for whether a gathering is found at all, and
whether one is invented (issue 11, "what/when"):

- a group named through its leaders with the collective before it ("the leaders of the G20",
  "die Staats- und Regierungschefs der G7") is named like "G20 leaders": their meeting is the
  group's summit, and a later definite "the summit", "des Gipfels" of that text is the group's;
- a definite summit told with another year than the group's summit of the text ("Vor einem
  Jahr endete der Gipfel im Eklat") is that group's summit of that year;
- "beim vergangenen G20-Gipfel", "the previous G20 summit" is not the summit reported;
- a country alone does not part two mentions of one group's summit ("support Ukraine's armed
  forces" is a topic, not a second venue);
- the past tense of a verb of saying ("underscored the importance of talks") is not the tense
  of the gathering it speaks of;
- a comma after a place ends the clause unless a lone name qualifying the place follows
  ("Wuhan, China for talks"): "Following his stay in Beijing, Chancellor Scholz will travel on
  to Japan" is two trips; the fronted "his" is the person the sentence names, and the time
  the future is measured from is no past;
- the place of a gathering named only as a time ("Nach seinem Besuch in Peking fliegt ...") is
  not the clause's gathering's;
- a trip from a group's summit ("vom G20-Gipfel nach Südkorea reisen", "travel from the G20
  summit to South Korea") is a visit of its own, not the trip to the summit;
- one person's trip to a country and their gathering with someone not of that country are two;
- a fronted phrase ending at a comma ("At their meeting in Sochi, Modi praised Putin") has the
  verb of the clause after it; a place it fronts is nearer than the dateline;
- a group's summit named as a time ("one day after the NATO summit in Washington", "nach dem
  Nato-Gipfel in Washington") is still that summit, with the tense of what came after it;
- "Hanoi - Nach seinem Gipfel ..." opens with a dateline like "HANOI:";
- after a possessive ("India's continued ties") a past-shaped word is an adjective;
- a copular sentence ("Es ist das erste Treffen zwischen ...", "It would be the first meeting
  between ...") describes the gathering reported before: it joins it, or, with nothing to
  join, is no gathering; with a date of its own ("the first took place on June 25") it is
  another; "wäre" is a hypothesis;
- a negated intention ("no real reason to talk with Putin", "keinen Grund, mit Putin zu
  sprechen") is no gathering;
- a group named in full ("Ukraine-Kontaktgruppe", "Ukraine Defense Contact Group") makes the
  head of its name ("der Kontaktgruppe", "the contact group") usable later; "fand" is a past;
- "A meeting between A and B, ahead of a summit of C and D, has been postponed": the
  postponement after the phrase of purpose is the first gathering's;
- "tête-à-tête", "a bilateral with", "Vieraugengespräch" are meetings; "könnten" a possibility;
- a meeting "ahead of an EU leaders' summit", "im Vorfeld des Gipfels der EU-Staats- und
  Regierungschefs" is not that summit;
- a denied refusal ("never refused a meeting", "ein Treffen niemals abgelehnt", "did not rule out",
  "nicht ausgeschlossen") leaves the gathering open (proposed); a refusal alone negates it;
- a coordinated clause with a pro-verb ("und werde es auch im Nachgang tun", "and plans to
  follow up with him again") repeats the gathering of the clause before, in its own tense;
- contracted negations ("won't", "didn't") negate like "will not", "nicht": no gathering, or a
  date that no longer holds (postponed);
- a weak "talk", "sprechen" of the same two on the day of their call is that call.
"""

from __future__ import annotations

from datetime import date

import pytest

from summitwatch.documents import Document
from summitwatch.events import extract_document
from summitwatch.events.model import Event


def run(text: str, lang: str, published: date) -> list[Event]:
    return list(extract_document(Document("t", text, published, "day", lang)).events)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The leaders of the G20 met in Rome on Saturday.", "en"),
        ("Die Staats- und Regierungschefs der G20 trafen sich am Samstag in Rom.", "de"),
    ],
)
def test_leaders_named_before_their_group_meet_at_its_summit(text: str, lang: str) -> None:
    events = run(text, lang, date(2021, 11, 1))
    assert [(e.kind, e.organizations, e.location, e.status) for e in events] == [
        ("summit", ("G20",), "Rome", "held")
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "The leaders of the G7 posed for a photo in the garden. On the second day of the summit, "
            "Zelenskyy arrives as a guest.",
            "en",
        ),
        (
            "Die Staats- und Regierungschefs der G7 posierten im Garten für ein Foto. Am zweiten Tag "
            "des Gipfels reist Selenskyj als Gast an.",
            "de",
        ),
        (
            "The G7 countries were almost written off. Now Macron and Trump celebrate the summit as a success.",
            "en",
        ),
        (
            "Die G7-Staaten waren schon fast abgeschrieben. Nun feiern Macron und Trump den Gipfel als Erfolg.",
            "de",
        ),
    ],
)
def test_the_summit_of_a_text_about_a_groups_leaders_is_the_groups(text: str, lang: str) -> None:
    events = run(text, lang, date(2025, 6, 16))
    assert [(e.kind, e.organizations) for e in events] == [("summit", ("G7",))]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Macron hosted the G7 summit in Biarritz this week. The summit of 2018 broke up in a quarrel "
            "after Trump disowned the final text.",
            "en",
        ),
        (
            "Macron war Gastgeber des G7-Gipfels in Biarritz. Im Jahr 2018 war der Gipfel im Streit "
            "auseinandergegangen, weil Trump den Schlusstext verwarf.",
            "de",
        ),
    ],
)
def test_the_summit_of_another_year_is_the_groups_summit_of_that_year(text: str, lang: str) -> None:
    events = run(text, lang, date(2019, 8, 27))
    assert sorted((e.date or "", e.organizations, e.location or "", e.participants) for e in events) == [
        ("2018", ("G7",), "", ("Donald Trump",)),
        ("2019-08", ("G7",), "Biarritz", ("Emmanuel Macron",)),
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Merkel said the statement would resemble the one of the previous G20 summit in Argentina. "
            "Trump is attending the G20 summit in Osaka.",
            "en",
        ),
        (
            "Merkel sagte, es werde einen Text wie beim vergangenen G20-Gipfel in Argentinien geben. "
            "Trump nimmt am G20-Gipfel in Osaka teil.",
            "de",
        ),
    ],
)
def test_the_previous_summit_of_a_group_is_another_summit(text: str, lang: str) -> None:
    summits = [e for e in run(text, lang, date(2019, 6, 29)) if e.organizations == ("G20",)]
    assert len(summits) == 2
    assert "Osaka" in {e.location for e in summits}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Trump and Zelenskyy talked at the margins of the NATO summit in The Hague. The NATO summit "
            "closed with a promise to support Ukraine's armed forces.",
            "en",
        ),
        (
            "Trump und Selenskyj trafen sich am Rande des Nato-Gipfels in Den Haag. Beim Nato-Gipfel "
            "sagten die Verbündeten weitere Waffenlieferungen in die Ukraine zu.",
            "de",
        ),
    ],
)
def test_a_country_alone_does_not_part_a_groups_summit(text: str, lang: str) -> None:
    summits = [e for e in run(text, lang, date(2025, 6, 25)) if e.organizations]
    assert [(e.organizations, e.location) for e in summits] == [(("NATO",), "The Hague")]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Modi will fly to Moscow for a two-day trip starting July 8, at Putin's invitation. The minister "
            "underscored how much the direct talks between Modi and Putin matter.",
            "en",
        ),
        (
            "Modi wird ab dem 8. Juli auf Einladung Putins zu einem zweitägigen Besuch nach Moskau reisen. "
            "Der Minister unterstrich die Bedeutung direkter Gespräche zwischen Modi und Putin.",
            "de",
        ),
    ],
)
def test_the_tense_of_a_verb_of_saying_is_not_the_gatherings(text: str, lang: str) -> None:
    events = run(text, lang, date(2024, 7, 1))
    assert [(e.kind, e.status, e.location) for e in events] == [("visit", "planned", "Moscow")]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Following his stay in Beijing, Chancellor Scholz will travel on to Japan for a three-day visit in July.",
            "en",
        ),
        (
            "Nach seinem Besuch in Peking wird Kanzler Scholz im Juli zu einem dreitägigen Besuch nach Japan reisen.",
            "de",
        ),
    ],
)
def test_the_next_stop_of_a_trip_is_a_visit_of_its_own(text: str, lang: str) -> None:
    events = run(text, lang, date(2023, 6, 8))
    japan = [e for e in events if e.country == "JP"]
    assert [(e.kind, e.status, e.participants, e.location, e.date) for e in japan] == [
        ("visit", "planned", ("Olaf Scholz",), None, "2023-07")
    ]
    assert all(e.status == "planned" and e.participants == ("Olaf Scholz",) for e in events)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Modi will fly to Wuhan, China for an informal summit with Xi.", "en"),
        ("Modi fliegt nach Wuhan, China zu einem informellen Gipfel mit Xi.", "de"),
    ],
)
def test_a_country_after_its_city_stays_in_the_clause(text: str, lang: str) -> None:
    events = run(text, lang, date(2018, 4, 20))
    assert [(e.participants, e.location) for e in events] == [(("Narendra Modi", "Xi Jinping"), "Wuhan")]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Trump will travel from the G20 summit in Osaka to South Korea, he wrote on Saturday. "
            "He offered to meet Kim Jong Un at the border.",
            "en",
        ),
        ("Trump werde vom G20-Gipfel in Osaka nach Südkorea reisen, schrieb er am Samstag.", "de"),
    ],
)
def test_a_trip_from_a_groups_summit_is_a_visit_of_its_own(text: str, lang: str) -> None:
    events = run(text, lang, date(2019, 6, 29))
    visits = [(e.participants, e.country, e.status) for e in events if e.kind == "visit"]
    assert visits == [(("Donald Trump",), "KR", "planned")]
    assert [e.location for e in events if e.organizations == ("G20",)] == ["Osaka"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Blinken spoke by phone with Lavrov, one day after the NATO summit in Washington.", "en"),
        ("Blinken telefonierte mit Lawrow, einen Tag nach dem Nato-Gipfel in Washington.", "de"),
    ],
)
def test_a_groups_summit_named_as_a_time_is_that_summit(text: str, lang: str) -> None:
    events = run(text, lang, date(2024, 7, 12))
    assert sorted((e.kind, e.status, e.organizations, e.location or "") for e in events) == [
        ("call", "held", (), ""),
        ("summit", "held", ("NATO",), "Washington"),
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Hanoi - After his failed summit with Kim Jong Un, Trump left early.", "en"),
        ("Hanoi - Nach seinem gescheiterten Gipfel mit Kim Jong Un ist Trump vorzeitig abgereist.", "de"),
    ],
)
def test_a_city_and_a_dash_open_a_dateline(text: str, lang: str) -> None:
    events = run(text, lang, date(2019, 2, 28))
    assert [(e.kind, e.status, e.location) for e in events] == [("summit", "held", "Hanoi")]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "NEW DELHI: While India took over the chair at Samarkand in Uzbekistan, Modi urged Putin at "
            "their meeting on Friday to stop the war.",
            "en",
        ),
        (
            "NEU-DELHI: Während Indien in Samarkand in Usbekistan den Vorsitz übernahm, drängte Modi Putin "
            "bei ihrem Treffen am Freitag, den Krieg zu beenden.",
            "de",
        ),
    ],
)
def test_a_fronted_place_is_nearer_than_the_dateline(text: str, lang: str) -> None:
    events = run(text, lang, date(2022, 9, 17))
    assert [(e.participants, e.location, e.status) for e in events] == [
        (("Narendra Modi", "Vladimir Putin"), "Samarkand", "held")
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Modi will pay a visit to Moscow on July 8. The trip underlines India's continued ties with Russia.",
            "en",
        ),
        (
            "Modi wird am 8. Juli nach Moskau reisen. Dieser Besuch unterstreicht Indiens fortgesetztes Engagement "
            "mit Russland.",
            "de",
        ),
    ],
)
def test_a_past_shape_after_a_possessive_is_an_adjective(text: str, lang: str) -> None:
    events = run(text, lang, date(2024, 7, 1))
    assert [(e.kind, e.status) for e in events] == [("visit", "planned")]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Angela Merkel will receive Vladimir Putin in Meseberg on Saturday. It is the first purely "
            "bilateral meeting between Merkel and Putin in Germany in years.",
            "en",
        ),
        (
            "Angela Merkel empfängt Wladimir Putin am Samstag in Meseberg. Es ist das erste reine "
            "Zweiertreffen von Merkel und Putin auf deutschem Boden seit Jahren.",
            "de",
        ),
    ],
)
def test_a_copular_description_joins_the_gathering_reported(text: str, lang: str) -> None:
    events = run(text, lang, date(2018, 8, 13))
    assert [(e.kind, e.status, e.participants, e.location) for e in events] == [
        ("visit", "planned", ("Angela Merkel", "Vladimir Putin"), "Meseberg")
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Macron met Zarif in Biarritz. It would be the first bilateral meeting between Trump and Rouhani.",
            "en",
        ),
        (
            "Macron traf Sarif in Biarritz. Es wäre das erste bilaterale Treffen zwischen Trump und Rohani.",
            "de",
        ),
    ],
)
def test_a_copular_description_with_nothing_to_join_is_no_gathering(text: str, lang: str) -> None:
    events = run(text, lang, date(2019, 8, 26))
    assert all("Hassan Rouhani" not in e.participants for e in events)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Austin spoke with Belousov on Friday. This was the second conversation between Austin and "
            "Belousov, the first took place on June 25.",
            "en",
        ),
        (
            "Austin telefonierte am Freitag mit Schoigu. Es war das zweite Telefonat zwischen Austin und "
            "Schoigu, das erste fand am 25. Juni statt.",
            "de",
        ),
    ],
)
def test_a_described_gathering_with_its_own_date_is_another(text: str, lang: str) -> None:
    events = run(text, lang, date(2024, 7, 12))
    assert sorted(e.date or "" for e in events) == ["2024-06-25", "2024-07-12"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Biden told reporters at the summit there is no real reason at the moment to talk with Putin.",
            "en",
        ),
        ("Biden sagte beim Gipfel, er habe derzeit keinen Grund, mit Putin zu sprechen.", "de"),
        ("Biden said he had no intention of meeting Putin.", "en"),
        ("Biden sagte, er habe keine Absicht, Putin zu treffen.", "de"),
    ],
)
def test_a_negated_intention_is_no_gathering(text: str, lang: str) -> None:
    assert [e for e in run(text, lang, date(2024, 7, 12)) if "Vladimir Putin" in e.participants] == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "The first meeting of the Ukraine Defense Contact Group took place in Ramstein in April. "
            "Another meeting of the contact group took place in Brussels in June.",
            "en",
        ),
        (
            "Das erste Treffen der Ukraine-Kontaktgruppe fand im April in Ramstein statt. Im Juni folgte "
            "in Brüssel ein weiteres Treffen der Kontaktgruppe.",
            "de",
        ),
    ],
)
def test_the_head_of_a_groups_name_is_the_group(text: str, lang: str) -> None:
    events = run(text, lang, date(2022, 9, 7))
    assert [(e.organizations, e.status, e.location, e.date) for e in events] == [
        (("Ukraine Defense Contact Group",), "held", "Ramstein", "2022-04"),
        (("Ukraine Defense Contact Group",), "held", "Brussels", "2022-06"),
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "A meeting between Lavrov and Rubio, ahead of a summit between Putin and Trump has been postponed.",
            "en",
        ),
        (
            "Ein Treffen zwischen Lawrow und Rubio, zur Vorbereitung eines Gipfels von Putin und Trump, ist "
            "auf unbestimmte Zeit verschoben worden.",
            "de",
        ),
    ],
)
def test_a_postponement_after_a_phrase_of_purpose_is_the_first_gatherings(text: str, lang: str) -> None:
    events = run(text, lang, date(2025, 10, 21))
    assert sorted((e.participants[0], e.status) for e in events) == [
        ("Sergey Lavrov", "postponed"),
        ("Vladimir Putin", "planned"),
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Scholz and Macron could hold a tête-à-tête in Paris on Wednesday, an aide said.", "en"),
        (
            "Scholz und Macron könnten am kommenden Mittwoch in Paris ein Tête-à-Tête haben, sagte der Beamte.",
            "de",
        ),
        ("In his bilateral with Raisi, Modi discussed energy ties.", "en"),
        ("Bei seinem Vieraugengespräch mit Raisi sprach Modi über Energie.", "de"),
    ],
)
def test_words_for_a_meeting_of_two(text: str, lang: str) -> None:
    events = run(text, lang, date(2022, 10, 21))
    assert len(events) == 1
    assert events[0].status in {"proposed", "held"}
    assert len(events[0].participants) == 2


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Scholz spoke with Macron. Both leaders will also meet in Brussels on Thursday ahead of an EU "
            "leaders' summit.",
            "en",
        ),
        (
            "Scholz sprach mit Macron. Beide werden sich am Donnerstag in Brüssel im Vorfeld des Gipfels der "
            "EU-Staats- und Regierungschefs treffen.",
            "de",
        ),
    ],
)
def test_a_meeting_ahead_of_a_groups_summit_is_not_the_summit(text: str, lang: str) -> None:
    events = run(text, lang, date(2022, 10, 19))
    assert ("meeting", "planned", "Brussels", "2022-10-20") in {
        (e.kind, e.status, e.location, e.date) for e in events
    }


@pytest.mark.parametrize(
    ("text", "lang", "found"),
    [
        ("Putin said he had never refused a meeting with Zelenskyy.", "en", True),
        ("Putin betonte, ein Treffen mit Selenskyj habe er niemals abgelehnt.", "de", True),
        ("Putin did not rule out a meeting with Zelenskyy.", "en", True),
        ("Putin hat ein Treffen mit Selenskyj nicht ausgeschlossen.", "de", True),
        ("Putin ruled out a meeting with Zelenskyy.", "en", False),
        ("Putin hat ein Treffen mit Selenskyj ausgeschlossen.", "de", False),
    ],
)
def test_a_denied_refusal_leaves_the_gathering_open(text: str, lang: str, found: bool) -> None:
    events = run(text, lang, date(2025, 5, 20))
    assert [(e.status, set(e.participants)) for e in events] == (
        [("proposed", {"Vladimir Putin", "Volodymyr Zelenskyy"})] if found else []
    )


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Scholz talked with Zelensky on Monday and will follow up with him after his call with Putin.",
            "en",
        ),
        (
            "Scholz habe vorher mit Selenskyj telefoniert und werde es auch nach dem Telefonat mit Putin tun.",
            "de",
        ),
    ],
)
def test_a_pro_verb_repeats_the_gathering_before(text: str, lang: str) -> None:
    calls = [
        e
        for e in run(text, lang, date(2024, 11, 15))
        if e.participants == ("Olaf Scholz", "Volodymyr Zelenskyy")
    ]
    assert sorted((e.kind, e.status) for e in calls) == [("call", "held"), ("call", "planned")]


@pytest.mark.parametrize(
    ("text", "lang", "status"),
    [
        ("Trump won't meet Kim Jong Un in Hanoi next week.", "en", None),
        ("Trump wird Kim Jong Un nächste Woche nicht in Hanoi treffen.", "de", None),
        ("A summit of Trump and Xi won't take place in March and may happen in April.", "en", "postponed"),
        ("Ein Gipfel von Trump und Xi wird nicht mehr im März stattfinden.", "de", "postponed"),
    ],
)
def test_a_contracted_negation_negates(text: str, lang: str, status: str | None) -> None:
    events = run(text, lang, date(2019, 3, 14))
    assert [(e.status, e.date) for e in events] == ([(status, None)] if status else [])


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "The White House announced a video call between Biden and Putin for Tuesday. The two presidents "
            "will talk with each other on Tuesday.",
            "en",
        ),
        (
            "Das Weiße Haus kündigt für Dienstag eine Videoschalte zwischen Biden und Putin an. Die beiden "
            "Präsidenten werden am Dienstag miteinander sprechen.",
            "de",
        ),
    ],
)
def test_talk_on_the_day_of_a_call_is_the_call(text: str, lang: str) -> None:
    events = run(text, lang, date(2021, 12, 4))
    assert [(e.kind, e.status, e.date) for e in events] == [("call", "planned", "2021-12-07")]


def test_talk_at_another_time_than_the_call_is_another_gathering() -> None:
    text = "Biden and Putin held a video call on Tuesday. Putin and Biden will talk with each other again in January."
    events = run(text, "en", date(2021, 12, 9))
    assert sorted((e.kind, e.date) for e in events) == [("call", "2021-12-07"), ("meeting", "2022-01")]
