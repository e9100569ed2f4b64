"""Benchmark of cleaning and de-duplication; prints tables, never passes or fails.

1. Near duplicates on a generated corpus with known truth (boilerplate added or
   removed, paragraphs reordered, 5-20 % of words edited, truncation to the
   lead, other tracking URLs): pairwise precision/recall of ``dedupe_documents``
   next to an in-memory datasketch MinHashLSH baseline on the same corpus.
2. Story clustering: pairwise F1 against ``dup_group`` of ../shared/eval/dev.jsonl
   (read at run time, never copied).
3. Throughput of clean + dedupe (pure code, one core) on ~3 KB articles.
4. Time of one batch of 1,000 new articles through ``dedupe_articles`` with
   PostgreSQL holding a small and a large number of articles (scratch database,
   created and dropped; filler rows generated in SQL).

    .venv/bin/python bench/dedupe.py [--quick]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import statistics
import time
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import psycopg2

from summitwatch.clean.article import RawItem, clean_item, content_hash
from summitwatch.db.connection import scratch_database
from summitwatch.dedupe import decide, stories
from summitwatch.dedupe.documents import clean_body, dedupe_documents, document_fingerprint
from summitwatch.dedupe.fingerprint import SHINGLE_WORDS, Fingerprint, fingerprint
from summitwatch.dedupe.signatures import NUM_PERM
from summitwatch.dedupe.store import StoredArticle, dedupe_articles
from summitwatch.dedupe.stories import Period
from summitwatch.dedupe.tokens import words
from summitwatch.documents import Document, split_date_header
from summitwatch.events import extract_document
from summitwatch.events.model import Event

SHARED = Path(__file__).resolve().parents[2] / "shared"
FUNCTION_WORDS = {
    "en": [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "with",
        "as",
        "was",
        "by",
        "at",
        "from",
        "it",
        "he",
        "said",
        "his",
        "be",
        "has",
        "have",
        "will",
        "are",
        "an",
        "not",
        "but",
        "this",
        "which",
        "its",
        "after",
        "were",
        "been",
        "who",
        "they",
        "their",
        "also",
        "more",
        "would",
        "had",
        "two",
        "one",
        "new",
        "talks",
    ],
    "de": [
        "der",
        "die",
        "und",
        "in",
        "den",
        "von",
        "zu",
        "das",
        "mit",
        "sich",
        "des",
        "auf",
        "für",
        "ist",
        "im",
        "dem",
        "nicht",
        "ein",
        "eine",
        "als",
        "auch",
        "es",
        "an",
        "werden",
        "aus",
        "er",
        "hat",
        "dass",
        "sie",
        "nach",
        "wird",
        "bei",
        "einer",
        "um",
        "am",
        "sind",
        "noch",
        "wie",
        "einem",
        "über",
        "so",
        "zum",
        "war",
        "haben",
    ],
}
BOILERPLATE = [
    "Zum Inhalt springen",
    "Foto: dpa",
    "Teilen auf Facebook",
    "Share this article",
    "Von Anna Berger",
]
NAMES = [
    "Scholz",
    "Macron",
    "Biden",
    "Xi",
    "Modi",
    "Putin",
    "Merkel",
    "Meloni",
    "Sunak",
    "Lula",
    "Erdogan",
    "Kishida",
    "Ramaphosa",
    "Trudeau",
]
PLACES = [
    "Berlin",
    "Paris",
    "Rom",
    "Madrid",
    "Peking",
    "Delhi",
    "Tokio",
    "Brüssel",
    "Wien",
    "Genf",
    "Hanoi",
    "Elmau",
    "Bali",
    "Osaka",
]


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    syllables = "ba be bi bo bu ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru "
    syllables += "sa se si so su ta te ti to tu ver ung ent ion sch str tra"
    parts = syllables.split()
    vocab = set()
    while len(vocab) < size:
        vocab.add("".join(rng.choice(parts) for _ in range(rng.randint(2, 4))))
    return sorted(vocab)


def _article(rng: random.Random, vocab: list[str], cum_weights: list[float], language: str) -> list[str]:
    """Paragraphs of a ~3 KB article: Zipf-distributed words, function words, names."""
    paragraphs = []
    for _ in range(rng.randint(6, 8)):
        length = rng.randint(65, 90)
        content = rng.choices(vocab, cum_weights=cum_weights, k=length)
        sentence_words = []
        for position in range(length):
            roll = rng.random()
            if roll < 0.4:
                sentence_words.append(rng.choice(FUNCTION_WORDS[language]))
            elif roll < 0.45:
                sentence_words.append(rng.choice(NAMES + PLACES))
            else:
                sentence_words.append(content[position])
        paragraphs.append(" ".join(sentence_words).capitalize() + ".")
    return paragraphs


def _edit_words(rng: random.Random, text: str, vocab: list[str], share: float) -> str:
    tokens = text.split(" ")
    target = int(len(tokens) * share)
    edited = 0
    while edited < target:
        position = rng.randrange(len(tokens))
        span = rng.randint(1, 3)
        action = rng.random()
        if action < 0.6:
            tokens[position : position + span] = [rng.choice(vocab) for _ in range(span)]
        elif action < 0.8:
            del tokens[position : position + span]
        else:
            tokens[position:position] = [rng.choice(vocab) for _ in range(span)]
        edited += span
    return " ".join(tokens)


def _perturb(rng: random.Random, paragraphs: list[str], vocab: list[str]) -> tuple[list[str], str]:
    kind = rng.choice(["boilerplate", "reorder", "edit", "truncate", "tracking", "edit+boilerplate"])
    out = list(paragraphs)
    if kind in ("boilerplate", "edit+boilerplate"):
        out = [rng.choice(BOILERPLATE), *out, rng.choice(BOILERPLATE)]
    if kind == "reorder":
        lead, rest = out[0], out[1:]
        rng.shuffle(rest)
        out = [lead, *rest] if rng.random() < 0.5 else [*rest, lead]
    if kind in ("edit", "edit+boilerplate"):
        share = rng.uniform(0.05, 0.20)
        out = [_edit_words(rng, p, vocab, share) if len(p) > 40 else p for p in out]
    if kind == "truncate":
        out = out[:1]  # the lead paragraph (55-80 words)
    return out, kind


def generated_corpus(seed: int, originals: int) -> list[tuple[Document, int, str]]:
    """(document, truth cluster, perturbation) with ~1.5 variants per original, shuffled."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng, 30_000)
    weights = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(vocab))))
    corpus = []
    for number in range(originals):
        language = "de" if number % 2 else "en"
        paragraphs = _article(rng, vocab, weights, language)
        url = f"https://news{number % 40}.example/{language}/story-{number}"
        corpus.append((Document(f"o{number}", "\n".join(paragraphs), url=url), number, "original"))
        for variant in range(rng.choice([0, 1, 1, 2, 3])):
            text, kind = _perturb(rng, paragraphs, vocab)
            tracked = f"{url}?utm_source=feed&utm_medium=rss&fbclid=x{variant}"
            corpus.append((Document(f"o{number}v{variant}", "\n".join(text), url=tracked), number, kind))
    rng.shuffle(corpus)
    return corpus


def pairwise(truth: dict[str, object], predicted: dict[str, object]) -> tuple[float, float, float]:
    def pairs(labels: dict[str, object]) -> set[tuple[str, str]]:
        groups: defaultdict[object, list[str]] = defaultdict(list)
        for doc_id, label in labels.items():
            groups[label].append(doc_id)
        return {tuple(sorted(p)) for g in groups.values() for p in itertools.combinations(g, 2)}  # type: ignore[misc]

    gold, guess = pairs(truth), pairs(predicted)
    tp = len(gold & guess)
    precision = tp / len(guess) if guess else 1.0
    recall = tp / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def datasketch_baseline(corpus: list[tuple[Document, int, str]]) -> tuple[dict[str, object], float]:
    from datasketch import MinHash, MinHashLSH

    from summitwatch.dedupe.documents import clean_body

    start = time.perf_counter()
    lsh = MinHashLSH(threshold=decide.BODY_THRESHOLD, num_perm=NUM_PERM)
    root: dict[str, object] = {}
    for document, _, _ in corpus:
        tokens = words(clean_body(document.text))
        shingles = {
            " ".join(tokens[i : i + SHINGLE_WORDS]) for i in range(max(1, len(tokens) - SHINGLE_WORDS + 1))
        }
        signature = MinHash(num_perm=NUM_PERM, seed=1)
        signature.update_batch([s.encode("utf-8") for s in shingles])
        matches = sorted(lsh.query(signature))
        root[document.doc_id] = root[matches[0]] if matches else document.doc_id
        lsh.insert(document.doc_id, signature)
    return root, time.perf_counter() - start


def near_duplicate_table(originals: int) -> None:
    corpus = generated_corpus(7, originals)
    truth = {d.doc_id: cluster for d, cluster, _ in corpus}
    start = time.perf_counter()
    ours = {r.doc_id: r.duplicate_of or r.doc_id for r in dedupe_documents([d for d, _, _ in corpus])}
    ours_seconds = time.perf_counter() - start
    baseline, baseline_seconds = datasketch_baseline(corpus)
    print(f"\n## Near duplicates: generated corpus, {len(corpus)} documents from {originals} originals\n")
    print("| method | precision | recall | F1 | seconds | docs/s |")
    print("|---|---|---|---|---|---|")
    for name, predicted, seconds in (
        ("summitwatch (numpy MinHash, body+lead views)", ours, ours_seconds),
        ("datasketch MinHashLSH in memory (body only)", baseline, baseline_seconds),
    ):
        p, r, f = pairwise(truth, predicted)  # type: ignore[arg-type]
        print(f"| {name} | {p:.4f} | {r:.4f} | {f:.4f} | {seconds:.2f} | {len(corpus) / seconds:.0f} |")
    print("\nRecall by perturbation (summitwatch / datasketch):\n")
    by_kind: defaultdict[str, list[tuple[bool, bool]]] = defaultdict(list)
    first = {}
    for document, cluster, kind in corpus:
        first.setdefault(cluster, f"o{cluster}")
        if kind != "original":
            original = f"o{cluster}"
            by_kind[kind].append(
                (ours[document.doc_id] == ours[original], baseline[document.doc_id] == baseline[original])
            )
    print("| perturbation | variants | recall | baseline recall |")
    print("|---|---|---|---|")
    for kind, hits in sorted(by_kind.items()):
        print(
            f"| {kind} | {len(hits)} | {sum(a for a, _ in hits) / len(hits):.3f} "
            f"| {sum(b for _, b in hits) / len(hits):.3f} |"
        )


def _dev_documents() -> tuple[list[Document], dict[str, object]]:
    documents, truth = [], {}
    for line in (SHARED / "eval" / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        body, published, precision = split_date_header(record["text"])
        if published is None and record.get("published"):
            # the dataset's own date stands in for feed or page metadata
            parts = [int(p) for p in record["published"].split("-")]
            published = date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
            precision = ("year", "month", "day")[len(parts) - 1]
        documents.append(Document(record["doc_id"], body, published, precision, url=record.get("url")))
        truth[record["doc_id"]] = record["dup_group"] or record["doc_id"]
    return documents, truth


# --- Story clustering on a generated corpus -------------------------------------------------------
# Team-written templates. A story is one agency report; outlets rewrite it (another lead, sentences
# reordered, synonyms, an added quote or background line, a day later). Confusers are other stories
# about the same two leaders within a few days: another topic, another kind of event, another place.

LEADERS = [
    ("Olaf", "Scholz", "Germany", "German", "Berlin"),
    ("Emmanuel", "Macron", "France", "French", "Paris"),
    ("Joe", "Biden", "the United States", "American", "Washington"),
    ("Xi", "Jinping", "China", "Chinese", "Beijing"),
    ("Narendra", "Modi", "India", "Indian", "New Delhi"),
    ("Giorgia", "Meloni", "Italy", "Italian", "Rome"),
    ("Fumio", "Kishida", "Japan", "Japanese", "Tokyo"),
    ("Luiz", "Lula", "Brazil", "Brazilian", "Brasilia"),
    ("Cyril", "Ramaphosa", "South Africa", "South African", "Pretoria"),
    ("Justin", "Trudeau", "Canada", "Canadian", "Ottawa"),
    ("Recep", "Erdogan", "Turkey", "Turkish", "Ankara"),
    ("Anthony", "Albanese", "Australia", "Australian", "Canberra"),
]
VENUES = ["Geneva", "Hanoi", "Bali", "Osaka", "Singapore", "Helsinki", "Vienna", "Doha", "Nairobi", "Lima"]
FORUMS = ["G20", "APEC", "ASEAN", "BRICS", "NATO", "OECD"]
TOPICS = {
    "trade": ("trade", "tariffs", "export controls", "a free trade agreement"),
    "climate": ("climate", "emission targets", "coal phase-out", "a climate finance fund"),
    "energy": ("energy", "gas supplies", "a pipeline project", "an energy partnership"),
    "security": ("security", "arms deliveries", "a border dispute", "a defence pact"),
    "migration": ("migration", "asylum rules", "labour visas", "a migration accord"),
    "chips": ("technology", "semiconductor supplies", "rare earths", "a chip alliance"),
}
SPOKESPEOPLE = ["Maria Okafor", "Daniel Brandt", "Lena Fischer", "Tomas Havel", "Aiko Mori", "Rahul Mehta"]
# Each sentence in several phrasings: outlets pick one, so rewrites share names, not phrases.
STORY_SENTENCES = {
    "meet": [
        (
            "{A} and {B} will meet in {venue} on {weekday} for talks on {topic}, officials said.",
            "{A} is set to hold talks with {B} in {venue} on {weekday}, with {topic} at the top of the "
            "agenda.",
            "The leaders of {ca} and {cb}, {A} and {B}, plan to sit down in {venue} on {weekday} to discuss "
            "{topic}.",
        ),
        (
            "The meeting on the sidelines of the {forum} gathering is their first since last year.",
            "It will be the first encounter of the two since last year, on the margins of the {forum}.",
        ),
        (
            "Diplomats expect the two sides to discuss {issue} and to sign {deal}.",
            "Both governments hope to agree on {issue}; a deal on {deal} could be signed as well.",
            "Officials said {issue} and {deal} would be on the table.",
        ),
        (
            "{Bsur} said on arrival that {cb} wanted a partnership of equals.",
            "Speaking to reporters, {Bsur} said {cb} was looking for a partnership of equals.",
        ),
        (
            "Relations between {ca} and {cb} have been strained over {issue} for months.",
            "Ties between the two countries have been tense for months because of {issue}.",
        ),
    ],
    "cancel": [
        (
            "{A} has called off a planned meeting with {B} in {venue}, citing the dispute over {issue}.",
            "A summit between {A} and {B} in {venue} has been cancelled amid a row over {issue}.",
            "{ca} scrapped talks between {A} and {B} that had been planned for {venue}, blaming {issue}.",
        ),
        (
            "The {forum} meeting was meant to settle differences on {topic}.",
            "The talks on the margins of the {forum} were supposed to ease tensions over {topic}.",
        ),
        (
            "{Bsur}'s office said it regretted the decision and remained open to dialogue.",
            "A spokesperson for {Bsur} voiced regret and said the door to dialogue remained open.",
        ),
        (
            "It is the second time this year that a meeting of the two leaders has collapsed.",
            "This is already the second cancelled meeting of the two this year.",
        ),
        (
            "Analysts said the decision would delay any agreement on {deal}.",
            "Experts warned that {deal} now looked further away than ever.",
        ),
    ],
    "agree": [
        (
            "{A} and {B} agreed in {venue} on {weekday} to work together on {topic}.",
            "Meeting in {venue} on {weekday}, {A} and {B} struck an agreement on {topic}.",
            "The leaders of {ca} and {cb} reached a deal on {topic} at their talks in {venue} on {weekday}.",
        ),
        (
            "The two governments signed {deal}, which officials valued at {amount} billion dollars.",
            "Under the agreement, worth {amount} billion dollars, the two countries will set up {deal}.",
        ),
        (
            "{Asur} called the accord a turning point for relations with {cb}.",
            "{Asur} described the agreement as a turning point in ties with {cb}.",
        ),
        (
            "The talks took place on the sidelines of the {forum} summit.",
            "The deal was struck on the margins of the {forum} meeting.",
        ),
        (
            "Disagreements over {issue} were left for later talks.",
            "The two sides did not resolve their differences over {issue}.",
        ),
    ],
    "criticise": [
        (
            "{A} sharply criticised {B} on {weekday} over {issue}.",
            "{A} attacked {B}'s government over {issue} in a speech on {weekday}.",
            "In unusually blunt remarks on {weekday}, {A} took aim at {B} over {issue}.",
        ),
        (
            "{Asur} said {cb} was breaking its promises on {topic}.",
            "{cb}, {Asur} said, had not kept its word on {topic}.",
        ),
        (
            "{Bsur}'s government rejected the accusations as unfounded.",
            "The government of {Bsur} dismissed the criticism as baseless.",
        ),
        (
            "The dispute casts a shadow over the {forum} meeting in {venue} next month.",
            "The row clouds the upcoming {forum} gathering in {venue}.",
        ),
    ],
}
LEADS_ADDED = (
    "{venue} - ",
    "{Asur} and {Bsur}: what we know so far. ",
    "Breaking news. ",
)
QUOTES = (
    '"We will judge them by their actions," said {spokesperson}, an adviser to {Asur}.',
    '"This matters for jobs at home," {spokesperson}, who speaks for the government, told reporters.',
    '"Nobody expects miracles," said {spokesperson} of the {forum} secretariat.',
)
BACKGROUND = (
    "{Asur} took office in a year of economic uncertainty.",
    "{cb} is one of the largest trading partners of {ca}.",
    "The {forum} brings together the leaders of major economies.",
)
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _story_slots(
    rng: random.Random, first: tuple[str, ...], second: tuple[str, ...], kind: str
) -> dict[str, str]:
    name, *issues, deal = TOPICS[rng.choice(list(TOPICS))]
    return {
        "A": f"{first[0]} {first[1]}",
        "B": f"{second[0]} {second[1]}",
        "Asur": first[1],
        "Bsur": second[1],
        "ca": first[2],
        "cb": second[2],
        "venue": rng.choice(VENUES),
        "forum": rng.choice(FORUMS),
        "topic": name,
        "issue": rng.choice(issues),
        "deal": deal,
        "amount": str(rng.randint(2, 40)),
        "weekday": rng.choice(WEEKDAYS),
        "kind": kind,
    }


def _story_details(rng: random.Random, vocab: list[str]) -> list[str]:
    """What only this story says (who else spoke, figures, background), as generated words."""
    details = []
    for _ in range(rng.randint(4, 6)):
        sentence = [
            rng.choice(FUNCTION_WORDS["en"]) if rng.random() < 0.4 else rng.choice(vocab)
            for _ in range(rng.randint(14, 24))
        ]
        details.append(" ".join(sentence) + ".")
    return details


def _reworded(rng: random.Random, sentence: str, vocab: list[str]) -> str:
    """An outlet's own wording: about a third of the words swapped for others."""
    return " ".join(rng.choice(vocab) if rng.random() < 0.35 else w for w in sentence.split(" "))


def _story_text(
    rng: random.Random, slots: dict[str, str], details: list[str], vocab: list[str], rewrite: bool
) -> str:
    sentences = STORY_SENTENCES[slots["kind"]]
    if not rewrite:  # the agency report: first phrasings, in order
        text = [group[0] for group in sentences] + details
    else:
        lead = rng.choice(sentences[0])
        body = [rng.choice(group) for group in sentences[1:] if rng.random() < 0.85]
        body += [_reworded(rng, d, vocab) for d in details if rng.random() < 0.7]
        rng.shuffle(body)
        text = [lead, *body]
        if rng.random() < 0.6:
            text.insert(rng.randint(1, len(text)), rng.choice(QUOTES))
        if rng.random() < 0.5:
            text.append(rng.choice(BACKGROUND))
        if rng.random() < 0.3:
            text[0] = rng.choice(LEADS_ADDED) + text[0]
    filled = [s.format(spokesperson=rng.choice(SPOKESPEOPLE), **slots) for s in text]
    return "\n\n".join(s[0].upper() + s[1:] for s in filled)


def story_corpus(seed: int, pairs: int) -> tuple[list[Document], dict[str, object]]:
    """Documents sorted by date and their true story: per pair of leaders, two or three stories
    a few days apart (the confusers), each told by an agency and 1-4 outlets."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng, 20_000)
    documents: list[tuple[date, Document]] = []
    truth: dict[str, object] = {}
    for number in range(pairs):
        first, second = rng.sample(LEADERS, 2)
        day = date(2024, 1, 1) + timedelta(days=rng.randrange(300))
        kinds = rng.sample(list(STORY_SENTENCES), rng.choice([1, 2, 2, 3]))
        for story_number, kind in enumerate(kinds):
            slots = _story_slots(rng, first, second, kind)
            details = _story_details(rng, vocab)
            story_day = day + timedelta(days=rng.randint(0, 4))
            for outlet in range(1 + rng.choice([1, 1, 2, 3, 4])):
                doc_id = f"p{number}s{story_number}o{outlet}"
                published = story_day + timedelta(days=rng.choice([0, 0, 1]) if outlet else 0)
                text = _story_text(rng, slots, details, vocab, rewrite=outlet > 0)
                documents.append((published, Document(doc_id, text, published, "day")))
                truth[doc_id] = f"p{number}s{story_number}"
    documents.sort(key=lambda pair: (pair[0], pair[1].doc_id))
    return [d for _, d in documents], truth


def _story_clusters(prints: list[Fingerprint], doc_ids: list[str]) -> dict[str, object]:
    index = decide.SamenessIndex()
    return {doc_ids[n]: index.decide_and_add(n, fp).story for n, fp in enumerate(prints)}


Setting = tuple[float, float, float]  # similarity threshold, threshold when unlike, weight of other words


def _story_scores(
    documents: list[Document],
    truth: dict[str, object],
    settings: list[Setting],
    events: dict[str, tuple[Event, ...]],
) -> dict[Setting, tuple[float, float, float]]:
    """Pairwise P/R/F1 of story clusters per setting; ``events``: the gatherings extracted per document."""
    doc_ids = [d.doc_id for d in documents]
    saved = (decide.STORY_SIMILARITY, decide.STORY_SIMILARITY_UNLIKE, stories.KIND_WEIGHTS["w"])
    scores = {}
    try:
        for words_weight in sorted({w for _, _, w in settings}):
            stories.KIND_WEIGHTS["w"] = words_weight
            prints = [document_fingerprint(d, events.get(d.doc_id, ())) for d in documents]
            for threshold, unlike, weight in settings:
                if weight == words_weight:
                    decide.STORY_SIMILARITY, decide.STORY_SIMILARITY_UNLIKE = threshold, unlike
                    scores[(threshold, unlike, weight)] = pairwise(truth, _story_clusters(prints, doc_ids))
    finally:
        decide.STORY_SIMILARITY, decide.STORY_SIMILARITY_UNLIKE, stories.KIND_WEIGHTS["w"] = saved
    return scores


def story_table(pairs: int) -> None:
    dev_documents, dev_truth = _dev_documents()
    generated, generated_truth = story_corpus(31, pairs)
    # Stories are decided on the gatherings the extractor finds, as in the pipeline and the CLI.
    extracted = {d.doc_id: tuple(extract_document(d).events) for d in dev_documents + generated}
    results = list(dedupe_documents(dev_documents))
    duplicates = {r.doc_id: r.duplicate_of or r.doc_id for r in results}
    current = (decide.STORY_SIMILARITY, decide.STORY_SIMILARITY_UNLIKE, stories.KIND_WEIGHTS["w"])
    settings = sorted(
        {current}
        | {
            (t, u, w)
            for t in (0.25, 0.3, 0.35, 0.4, 0.45)
            for u in (0.45, 0.55, 0.65, 2.0)  # 2.0: never joined when unlike
            for w in (0.4, 0.7, 1.0)
        }
    )
    dev = _story_scores(dev_documents, dev_truth, settings, extracted)
    gen = _story_scores(generated, generated_truth, settings, extracted)
    text_only = [current]
    dev_text = _story_scores(dev_documents, dev_truth, text_only, {})
    gen_text = _story_scores(generated, generated_truth, text_only, {})
    stories_in_corpus = len(set(generated_truth.values()))
    print(
        f"\n## Stories: dup_group of ../shared/eval/dev.jsonl ({len(dev_documents)} documents) and a "
        f"generated corpus ({len(generated)} documents, {stories_in_corpus} stories, {pairs} leader pairs)\n"
    )
    print("| clustering | dev precision | dev recall | dev F1 | generated precision | recall | F1 |")
    print("|---|---|---|---|---|---|---|")
    p, r, f = pairwise(dev_truth, duplicates)  # type: ignore[arg-type]
    gp, gr, gf = pairwise(
        generated_truth,  # type: ignore[arg-type]
        {r.doc_id: r.duplicate_of or r.doc_id for r in dedupe_documents(generated)},
    )
    print(f"| near duplicates only | {p:.3f} | {r:.3f} | {f:.3f} | {gp:.3f} | {gr:.3f} | {gf:.3f} |")
    threshold, unlike, words_weight = current
    for label, d_scores, g_scores in (
        ("text only, no gatherings", dev_text, gen_text),
        ("with the extracted gatherings (pipeline)", dev, gen),
    ):
        scores = " | ".join(f"{v:.3f}" for v in (*d_scores[current], *g_scores[current]))
        print(
            f"| story profiles, {label} (similarity >= {threshold}, >= {unlike} when unlike, "
            f"other words x {words_weight}) | {scores} |"
        )
    print("\nParameter sweep with the extracted gatherings, best 8 by the smaller of the two F1:\n")
    print("| similarity | when unlike | other words | dev P | dev R | dev F1 | gen P | gen R | gen F1 |")
    print("|---|---|---|---|---|---|---|---|---|")
    ranked = sorted(settings, key=lambda k: (-min(dev[k][2], gen[k][2]), -(dev[k][2] + gen[k][2])))
    for key in ranked[:8] + ([current] if current not in ranked[:8] else []):
        threshold, unlike, words_weight = key
        scores = " | ".join(f"{v:.3f}" for v in (*dev[key], *gen[key]))
        mark = " current" if key == current else ""
        print(f"| {threshold} | {unlike} | {words_weight} | {scores} |{mark}")


def throughput_table(count: int) -> None:
    corpus = generated_corpus(11, count)[:count]
    items = [
        RawItem(n, "bench", d.doc_id, d.url, None, datetime(2024, 5, 1, tzinfo=UTC), d.text, "text/plain")
        for n, (d, _, _) in enumerate(corpus)
    ]
    size = sum(len(i.content.encode()) for i in items) / len(items)
    for item in items[:50]:  # warm-up: model loading and word caches are not per-article costs
        clean_item(item)
    timings: dict[str, float] = defaultdict(float)
    index = decide.SamenessIndex()
    for number, item in enumerate(items):
        t0 = time.perf_counter()
        article = clean_item(item)
        t1 = time.perf_counter()
        fp = fingerprint(article.body, article.content_hash, Period(date(2024, 5, 1), date(2024, 5, 1)))
        t2 = time.perf_counter()
        index.decide_and_add(number, fp)
        t3 = time.perf_counter()
        timings["clean"] += t1 - t0
        timings["fingerprint"] += t2 - t1
        timings["decide"] += t3 - t2
    total = sum(timings.values())
    print(f"\n## Throughput, one core: {len(items)} articles of {size / 1000:.1f} KB on average\n")
    print("| step | ms/article | articles/s |")
    print("|---|---|---|")
    for step, seconds in [*timings.items(), ("clean + dedupe", total)]:
        print(f"| {step} | {1000 * seconds / len(items):.2f} | {len(items) / seconds:.0f} |")


def _admin_url() -> str:
    return os.environ.get("DATABASE_URL") or "postgresql://postgres@127.0.0.1:5432/postgres"


# Filler rows, generated in SQL. Their band hashes and story terms are random, so they are never
# candidates: what a large table costs a batch is its index size, not extra work per match.
FILL_SQL = """
INSERT INTO raw.sources (name, kind, location) VALUES ('filler', 'push', 'bench') ON CONFLICT DO NOTHING;
INSERT INTO raw.items (item_id, source_name, item_key, content_sha256, content, content_type, process_state,
                       processed_at)
SELECT i, 'filler', 'f' || i, encode(sha256(int8send(i)), 'hex'), 'filler', 'text/plain', 'done', now()
FROM generate_series(%(lo)s::bigint, %(hi)s::bigint) i;
INSERT INTO core.articles (article_id, item_id, source_name, doc_id, body, content_hash, published_at,
                           published_precision, story_id)
SELECT i, i, 'filler', 'f' || i, 'filler', encode(sha256(int8send(i)), 'hex'),
       timestamptz '2021-01-01' + (i %% 1095) * interval '1 day', 'day', NULL
FROM generate_series(%(lo)s::bigint, %(hi)s::bigint) i;
INSERT INTO core.article_signatures (article_id, signature_version, content_hash, body_minhash, lead_minhash,
                                     shingles, story_terms, first_day, last_day)
SELECT i, 0, encode(sha256(int8send(i)), 'hex'), %(signature)s, %(signature)s, 400,
       ARRAY[-8 * i, -8 * i - 1, -8 * i - 2, -8 * i - 3, -8 * i - 4, -8 * i - 5],
       date '2021-01-01' + (i %% 1095)::integer, date '2021-01-01' + (i %% 1095)::integer
FROM generate_series(%(lo)s::bigint, %(hi)s::bigint) i;
INSERT INTO core.article_bands (band, hash, day, article_id)
SELECT b, ((random() - 0.5) * 1.8e19)::bigint, date '2021-01-01' + (i %% 1095)::integer, i
FROM generate_series(%(lo)s::bigint, %(hi)s::bigint) i, unnest(%(bands)s::smallint[]) b;
INSERT INTO core.article_story_terms (term_hash, last_day, first_day, article_id)
SELECT -8 * i - t, date '2021-01-01' + (i %% 1095)::integer, date '2021-01-01' + (i %% 1095)::integer, i
FROM generate_series(%(lo)s::bigint, %(hi)s::bigint) i, generate_series(0, 5) t;
INSERT INTO core.stories (story_id, articles, independent_reports, first_day, last_day, profile_terms,
                          profile_counts)
SELECT i, 1, 1, date '2021-01-01' + (i %% 1095)::integer, date '2021-01-01' + (i %% 1095)::integer,
       ARRAY(SELECT -8 * i - t FROM generate_series(0, 31) t), array_fill(1::real, ARRAY[32])
FROM generate_series(%(lo)s::bigint, %(hi)s::bigint) i;
INSERT INTO core.story_term_documents (term_hash, articles)
SELECT -8 * i - t, 1 FROM generate_series(%(lo)s::bigint, %(hi)s::bigint) i, generate_series(0, 1) t;
"""
FILLED_TABLES = (
    "raw.items",
    "core.articles",
    "core.article_signatures",
    "core.article_bands",
    "core.article_story_terms",
    "core.stories",
    "core.story_term_documents",
)


def _droppable_indexes(cur: psycopg2.extensions.cursor) -> list[tuple[str, str, str | None, str]]:
    """(table, index, constraint or None, definition) of the filled tables' indexes no foreign key needs."""
    cur.execute(
        """
        SELECT i.indrelid::regclass::text, i.indexrelid::regclass::text, c.conname,
               coalesce(pg_get_constraintdef(c.oid), pg_get_indexdef(i.indexrelid))
        FROM pg_index i
        LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.contype IN ('p', 'u')
        WHERE i.indrelid = ANY(%s::regclass[])
          AND NOT EXISTS (SELECT 1 FROM pg_constraint f
                          WHERE f.conindid = i.indexrelid AND f.contype NOT IN ('p', 'u'))
        ORDER BY 1, 2
        """,
        (list(FILLED_TABLES),),
    )
    return cur.fetchall()


def _fill(conn: psycopg2.extensions.connection, upto: int, have: int) -> None:
    """Add filler articles have+1..upto: indexes dropped, rows generated in SQL, indexes built, ANALYZE."""
    from psycopg2 import sql

    from summitwatch.dedupe.fingerprint import BODY_BANDS, LEAD_BANDS, LEAD_FIRST_BAND

    bands = [*range(BODY_BANDS), *range(LEAD_FIRST_BAND, LEAD_FIRST_BAND + LEAD_BANDS)]
    with conn.cursor() as cur:
        indexes = _droppable_indexes(cur)
        for table, index, constraint, _ in indexes:
            if constraint is None:
                cur.execute(sql.SQL("DROP INDEX {}").format(sql.SQL(index)))
            else:
                cur.execute(
                    sql.SQL("ALTER TABLE {} DROP CONSTRAINT {}").format(
                        sql.SQL(table), sql.Identifier(constraint)
                    )
                )
        # scratch database: filler rows skip foreign-key triggers, which would double the fill time
        cur.execute("SET session_replication_role = replica")
        signature = psycopg2.Binary(bytes(4 * NUM_PERM))
        step = 250_000
        for lo in range(have + 1, upto + 1, step):
            cur.execute(
                FILL_SQL, {"lo": lo, "hi": min(upto, lo + step - 1), "bands": bands, "signature": signature}
            )
        cur.execute("SET session_replication_role = DEFAULT")
        # the filler took the ids the sequences would hand out next
        cur.execute("SELECT setval(pg_get_serial_sequence('raw.items', 'item_id'), %s)", (upto + 1_000_000,))
        cur.execute(
            "SELECT setval(pg_get_serial_sequence('core.articles', 'article_id'), %s)", (upto + 1_000_000,)
        )
        cur.execute("SET maintenance_work_mem = '1GB'")
        for table, _, constraint, definition in indexes:
            if constraint is None:
                # a partitioned table's index is defined "ON ONLY" the parent: build it on every partition
                cur.execute(definition.replace(" ON ONLY ", " ON ", 1))
            else:
                cur.execute(
                    sql.SQL("ALTER TABLE {} ADD CONSTRAINT {} {}").format(
                        sql.SQL(table), sql.Identifier(constraint), sql.SQL(definition)
                    )
                )
    conn.commit()
    _settle(conn)


def _settle(conn: psycopg2.extensions.connection) -> None:
    """VACUUM ANALYZE and CHECKPOINT: no autovacuum or dirty filler pages compete with the timed batches."""
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("VACUUM ANALYZE")
        cur.execute("CHECKPOINT")
    conn.autocommit = False


def _insert_articles(
    cur: psycopg2.extensions.cursor, corpus: list[tuple[Document, int, str]], tag: str, published: datetime
) -> list[StoredArticle]:
    articles = []
    for document, _, _ in corpus:
        body = clean_body(document.text)
        digest = content_hash(body)
        cur.execute(
            """
            INSERT INTO raw.items (source_name, item_key, content_sha256, content, content_type)
            VALUES ('bench', %s, %s, %s, 'text/plain') RETURNING item_id
            """,
            (f"{tag}{document.doc_id}", digest, body),
        )
        item_id = cur.fetchone()[0]
        cur.execute(
            """
            INSERT INTO core.articles (item_id, source_name, doc_id, canonical_url, body, content_hash,
                                       published_at, published_precision)
            VALUES (%s, 'bench', %s, %s, %s, %s, %s, 'day') RETURNING article_id
            """,
            (item_id, f"{tag}{document.doc_id}", document.url, body, digest, published),
        )
        articles.append(StoredArticle(cur.fetchone()[0], body, digest, document.url, published, "day"))
    return articles


def _timed_batch(
    conn: psycopg2.extensions.connection,
    corpus: list[tuple[Document, int, str]],
    tag: str,
    published: datetime,
) -> float:
    """Seconds of dedupe_articles for ``corpus``, written as articles beforehand (not timed)."""
    with conn.cursor() as cur:
        cur.execute(
            "INSERT INTO raw.sources (name, kind, location) VALUES ('bench', 'push', 'b') "
            "ON CONFLICT DO NOTHING"
        )
        articles = _insert_articles(cur, corpus, tag, published)
        conn.commit()
        start = time.perf_counter()
        dedupe_articles(cur, articles)
        conn.commit()
    return time.perf_counter() - start


WARM_UP_BATCHES = 1
TIMED_BATCHES = 5


def database_table(sizes: list[int]) -> None:
    """Batch time per stored-table size: the same warm-up and the same kind of batches at each size.

    Every batch is its own generated corpus (500 originals stored first, untimed, then the timed
    batch: 500 variants of them and 500 new originals), dated 10 days after the previous one, so no
    batch finds candidates among earlier batches' articles and each size sees the same work.
    """
    with scratch_database(_admin_url(), "summitwatch_bench") as url:
        from summitwatch.db.migrations import migrate

        conn = psycopg2.connect(url)
        migrate(conn)
        conn.commit()
        print("\n## One batch of 1,000 new articles through dedupe_articles (PostgreSQL)\n")
        print(
            f"{WARM_UP_BATCHES} warm-up batch, then {TIMED_BATCHES} timed batches per size "
            "(each after 500 untimed originals it partly copies)\n"
        )
        print(
            "| filler articles | band rows | fill seconds | batch seconds, median | min | max | articles/s |"
        )
        print("|---|---|---|---|---|---|---|")
        have = 0
        batch_number = 0
        for size in sizes:
            t0 = time.perf_counter()
            _fill(conn, size, have)
            have = size
            fill = time.perf_counter() - t0
            with conn.cursor() as cur:
                cur.execute("SELECT count(*) FROM core.article_bands")
                band_rows = cur.fetchone()[0]
            timings = []
            for repetition in range(WARM_UP_BATCHES + TIMED_BATCHES):
                batch_number += 1
                corpus = generated_corpus(1000 + batch_number, 1400)
                originals = [c for c in corpus if c[2] == "original"]
                variants = [c for c in corpus if c[2] != "original" and int(c[1]) < 500]
                published = datetime(2024, 1, 1, tzinfo=UTC) + timedelta(days=10 * batch_number)
                _timed_batch(conn, originals[:500], f"b{batch_number}s", published)
                seconds = _timed_batch(
                    conn, variants[:500] + originals[500:1000], f"b{batch_number}b", published
                )
                if repetition >= WARM_UP_BATCHES:
                    timings.append(seconds)
            median = statistics.median(timings)
            print(
                f"| {size:,} | {band_rows:,} | {fill:.0f} | {median:.2f} | {min(timings):.2f} "
                f"| {max(timings):.2f} | {1000 / median:.0f} |"
            )
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller corpora and 100k instead of 1M rows")
    args = parser.parse_args()
    near_duplicate_table(600 if args.quick else 3000)
    story_table(60 if args.quick else 200)
    throughput_table(500 if args.quick else 2000)
    database_table([10_000, 100_000] if args.quick else [10_000, 1_000_000])


if __name__ == "__main__":
    main()
