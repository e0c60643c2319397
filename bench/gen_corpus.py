#!/usr/bin/env python3
"""Generate a synthetic news digest for benchmarking glose against Hugo.

    python3 bench/gen_corpus.py --articles 1000 --seed 1 --out DIR

writes two sites made from the same content:

    DIR/glose/   a complete glose digest: content/site.toml, companies.toml,
                 events.toml, content/articles/*.md and seeds/*.txt
    DIR/hugo/    the same articles as a Hugo site: Markdown pages with TOML
                 front matter, a `companies` taxonomy, and layouts that make
                 one page per article, one per company, an index, a claims
                 page and a timeline

The output depends only on --articles and --seed (and this file): two runs
write byte-identical trees. Only the Python standard library is used, and
randomness comes only from `random.Random.random()`, the one method whose
sequence Python promises to keep across versions.

What the corpus holds, per article (see bench/README.md):
- a seed of ~6 KB of French-like prose (fixed vocabulary, typographic
  apostrophes, non-breaking spaces in « quotes » and before %), a title line,
  one or two subheading lines, a boilerplate line that is elided, and a stock
  sentence that occurs twice;
- 3-8 companies drawn from a pool of 200 with a Zipf-like spread, each named
  in the text by one of its aliases (word-bounded, sometimes after an elided
  article such as d’ or l’, sometimes with a non-breaking space inside);
- 5-15 claims quoting exact substrings of the seed: whole sentences,
  fragments, a figure nested in its sentence, two claims overlapping, and
  quotes that occur more than once, anchored with a prefix or a suffix;
- events shared by several articles, and cross-links `to = "slug#claim-id"`
  (confirms | contradicts | updates | repeats) to earlier articles or, now
  and then, within the article.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import json
import os
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path
import random

GENERATOR_VERSION = "1"
COMPANY_COUNT = 200
ZIPF_EXPONENT = 1.0
SEED_BYTES = (4600, 6600)
FIRST_DAY = date(2019, 1, 1)
LAST_DAY = date(2025, 12, 31)
NBSP = "\u00a0"
NNBSP = "\u202f"

# ---------------------------------------------------------------- vocabulary

DETERMINERS = "le la les un une des ce cette ces son sa ses leur leurs notre du".split()
NOUNS = (
    "accord marché contrat groupe entreprise secteur chiffre croissance projet usine "
    "réseau service client investissement budget milliard million directeur président "
    "stratégie plateforme logiciel nuage serveur centre données calcul puce processeur "
    "énergie électricité transition filiale rachat fusion concurrent partenaire régulateur "
    "autorité commission enquête rapport analyse prévision bénéfice perte trimestre année "
    "semaine mois salarié emploi syndicat grève négociation tarif prix coût hausse baisse "
    "action bourse investisseur fonds dette obligation capital valeur part marge activité "
    "production livraison commande stock chaîne fournisseur industrie technologie recherche "
    "innovation brevet licence produit offre gamme version lancement annonce communiqué "
    "déclaration entretien conférence sommet ministre gouvernement État région ville "
    "territoire infrastructure câble satellite antenne opérateur abonné utilisateur "
    "application modèle intelligence algorithme sécurité attaque faille donnée vie privée "
    "conformité amende sanction procès tribunal juge avocat plainte dossier calendrier "
    "objectif ambition feuille route étape phase pilote essai test résultat succès échec "
    "risque incertitude tension crise reprise relance plan programme aide subvention "
    "politique loi règlement directive norme standard label qualité performance efficacité"
).split()
ADJECTIVES = (
    "nouveau nouvelle grand grande important importante majeur majeure européen européenne "
    "français française mondial mondiale numérique industriel industrielle financier "
    "financière stratégique ambitieux ambitieuse prudent prudente record historique "
    "annuel annuelle trimestriel prochain prochaine dernier dernière premier première "
    "public publique privé privée local locale national nationale international "
    "internationale technique juridique commercial commerciale durable rapide lent lente "
    "fort forte faible solide fragile inédit inédite discret discrète officiel officielle "
    "exclusif exclusive massif massive modeste considérable sensible délicat délicate"
).split()
VERBS = (
    "annonce confirme dément prévoit estime affirme indique souligne rappelle précise "
    "signe lance rachète cède investit recrute supprime réduit augmente double triple "
    "présente dévoile prépare étudie négocie conclut finalise suspend reporte accélère "
    "renforce développe déploie ouvre ferme installe construit livre vend achète "
    "promet vise atteint dépasse manque redoute attend espère reconnaît admet conteste"
).split()
PREPOSITIONS = "à de en pour avec sans sur sous dans par vers chez contre selon depuis pendant après avant entre".split()
ADVERBS = "déjà encore aussi toujours désormais bientôt enfin notamment surtout ainsi pourtant cependant".split()
CONNECTORS = [
    "Par ailleurs,", "En outre,", "Selon nos informations,", "De son côté,", "Dans le même temps,",
    "À terme,", "Pour l’heure,", "En revanche,", "D’après un proche du dossier,", "Concrètement,",
]
HEADINGS = ["En bref", "Contexte", "Ce qu’il faut retenir", "Les chiffres clés", "Réactions", "Et maintenant ?", "Analyse"]
BOILERPLATE = [
    "Partager cet article",
    "Abonnez-vous à notre lettre d’information",
    "Lire aussi : nos autres articles sur le sujet",
    "Publicité",
]
STOCK = [
    "Le groupe n’a pas souhaité commenter ces informations.",
    "Contactée, la direction n’a pas donné suite.",
    "Les détails financiers de l’opération n’ont pas été communiqués.",
    "Une source proche du dossier confirme cette version.",
    "Le calendrier reste à préciser.",
]
PUBLISHERS = [
    "La Gazette du Nuage", "Le Courrier numérique", "L’Écho des marchés", "Tribune Tech",
    "Les Dépêches", "Le Journal de l’industrie", "Revue des réseaux", "Midi Économie",
]
KINDS = ["fact", "figure", "forecast", "opinion", "rumor", "attribution"]
VERDICTS = ["confirmed", "partly-true", "disputed", "false", "unverified"]
RELS = ["confirms", "contradicts", "updates", "repeats"]
NOTE_TEMPLATES = [
    "The annual report gives the same figure.",
    "The company's **own filing** says otherwise; see the source.",
    "Only one outlet reports this, citing an *unnamed* source.",
    "Confirmed by the joint press release of the same day.",
    "The amount is *up to* this figure, not a firm commitment.",
    "The regulator's decision is still pending.\n\n- first hearing scheduled\n- no date for the ruling",
    "Matches the [official statement](https://example.org/statements/{n}).",
    "The quoted analyst later revised the forecast.",
    "",
]
SYLLABLES_A = ["Val", "Ker", "Mor", "Sol", "Lum", "Ast", "Bor", "Cel", "Dor", "Fen", "Gal", "Hel",
               "Jar", "Kal", "Lor", "Mir", "Nor", "Ost", "Pel", "Quor", "Ryn", "Sel", "Tor", "Vex", "Zel"]
SYLLABLES_B = ["ora", "ix", "eon", "alis", "ium", "ane", "ys", "etta", "aro", "ondo", "ika", "uma", "ence", "ovia"]
SECOND_WORDS = ["Nuage", "Énergie", "Systèmes", "Capital", "Santé", "Mobilité", "Réseaux", "Labs", "Industries", "Data"]


# ---------------------------------------------------------------- randomness

class Rng:
    """Deterministic choices built on `random.Random.random()` only."""

    def __init__(self, *key: object) -> None:
        digest = hashlib.sha256(repr(key).encode()).digest()
        self._random = random.Random(int.from_bytes(digest[:16], "big")).random

    def below(self, n: int) -> int:
        return int(self._random() * n)

    def between(self, lo: int, hi: int) -> int:
        """An integer in lo..=hi."""
        return lo + self.below(hi - lo + 1)

    def chance(self, p: float) -> bool:
        return self._random() < p

    def pick(self, seq):
        return seq[int(self._random() * len(seq))]

    def sample(self, seq, k: int) -> list:
        pool = list(seq)
        out = []
        for _ in range(min(k, len(pool))):
            i = self.below(len(pool))
            pool[i], pool[-1] = pool[-1], pool[i]
            out.append(pool.pop())
        return out

    def weighted(self, cumulative: list[float]) -> int:
        return bisect.bisect_right(cumulative, self._random() * cumulative[-1])


def ascii_slug(text: str) -> str:
    table = str.maketrans("àâäçéèêëîïôöùûüÿœæÀÂÉÈÊÎÔÙÛÇ’'", "aaaceeeeiioouuuyoeAAEEEIOUUC--")
    out = []
    for ch in text.translate(table).lower():
        out.append(ch if ch.isascii() and ch.isalnum() else "-")
    return "-".join(part for part in "".join(out).split("-") if part)


def toml_str(s: str) -> str:
    # JSON string escapes are a subset of TOML basic-string escapes.
    return json.dumps(s, ensure_ascii=False)


def toml_list(items: list[str]) -> str:
    return "[" + ", ".join(toml_str(s) for s in items) + "]"


def day_of(i: int, n: int, offset: int = 0) -> date:
    span = (LAST_DAY - FIRST_DAY).days
    return FIRST_DAY + timedelta(days=min(span, (i * span) // max(n, 1) + offset))


# ---------------------------------------------------------------- companies and events

def make_companies(seed: int) -> list[dict]:
    rng = Rng(seed, "companies")
    names: list[str] = []
    seen = set()
    vocabulary = {w.capitalize() for w in NOUNS + ADJECTIVES + VERBS + DETERMINERS}
    while len(names) < COMPANY_COUNT:
        base = rng.pick(SYLLABLES_A) + rng.pick(SYLLABLES_B)
        if rng.chance(0.3):
            base += rng.pick(SYLLABLES_B)
        if base in seen or base in vocabulary:
            continue
        seen.add(base)
        names.append(base)
    companies: list[dict] = []
    for k, base in enumerate(names):
        roll = rng.below(100)
        company = {"id": ascii_slug(base), "name": base, "kind": "company", "aliases": [base], "parent": None,
                   "context": False, "description": None}
        if roll < 8:
            company["kind"] = "outlet"
            company["name"] = "Le " + base
            company["aliases"] = ["Le " + base, base]
        elif roll < 12:
            company["kind"] = "analyst"
            company["name"] = base + " Research"
            company["aliases"] = [base + " Research", base]
        elif roll < 14:
            company["kind"] = "index"
            company["name"] = "Indice " + base
            company["aliases"] = ["Indice " + base]
            company["context"] = True
        if rng.chance(0.5):
            company["description"] = f"{company['name']} is a *synthetic* {company['kind']} of the benchmark corpus."
        companies.append(company)
    # Subsidiaries and products: "Valora Nuage" (parent "Valora"), so that an
    # alias overlaps its parent's and chains of parents exist.
    parents = [c for c in companies if c["kind"] == "company"]
    extra = []
    for k in range(COMPANY_COUNT // 5):
        parent = parents[k % len(parents)]
        word = SECOND_WORDS[(k // len(parents) + k) % len(SECOND_WORDS)]
        name = f"{parent['name']} {word}"
        child = {"id": ascii_slug(name), "name": name, "kind": "product" if k % 3 == 0 else "company",
                 "aliases": [name], "parent": parent["id"], "context": False, "description": None}
        if k % 4 == 0:  # the non-breaking-space spelling, as found in some seeds
            child["aliases"].append(name.replace(" ", NBSP))
        if k % 5 == 0:  # an acronym
            child["aliases"].append((parent["name"][:2] + word[0]).upper())
        extra.append(child)
    # Keep the pool at COMPANY_COUNT: the children replace the last ones.
    companies = companies[: COMPANY_COUNT - len(extra)] + extra
    known = {c["id"] for c in companies}
    for c in companies:
        if c["parent"] not in known:
            c["parent"] = None
    return companies


def zipf_table(seed: int, count: int) -> tuple[list[int], list[float]]:
    """A random rank for each company and the cumulative 1/rank weights."""
    order = Rng(seed, "zipf").sample(range(count), count)
    cumulative, total = [], 0.0
    for rank in range(count):
        total += 1.0 / (rank + 1) ** ZIPF_EXPONENT
        cumulative.append(total)
    return order, cumulative


def draw_companies(rng: Rng, order: list[int], cumulative: list[float], k: int, exclude_context: list[bool]) -> list[int]:
    chosen: list[int] = []
    tries = 0
    while len(chosen) < k and tries < 1000:
        tries += 1
        index = order[rng.weighted(cumulative)]
        if index not in chosen and not exclude_context[index]:
            chosen.append(index)
    return chosen


def make_events(seed: int, n: int, companies: list[dict], order, cumulative) -> list[dict]:
    count = max(10, n // 5)
    rng = Rng(seed, "events")
    context_flags = [c["context"] for c in companies]
    events = []
    for j in range(count):
        day = day_of(j, count)
        precision = rng.below(10)
        text_date = day.isoformat() if precision < 7 else day.isoformat()[:7] if precision < 9 else day.isoformat()[:4]
        members = draw_companies(rng, order, cumulative, rng.between(1, 3), context_flags)
        names = " and ".join(companies[m]["name"] for m in members)
        event = {
            "id": f"event-{j:06d}",
            "date": text_date,
            "approx": precision == 8,
            "title": f"{names} {rng.pick(['sign a contract', 'announce a partnership', 'open a site', 'settle a dispute', 'publish results'])}",
            "summary": f"Announced on **{day.isoformat()}**." if rng.chance(0.5) else None,
            "companies": [companies[m]["id"] for m in members],
            "context": rng.chance(0.03),
            "source": {"publisher": rng.pick(PUBLISHERS), "url": f"https://example.org/events/{j}",
                       "date": day.isoformat()} if rng.chance(0.5) else None,
        }
        events.append(event)
    return events


# ---------------------------------------------------------------- seed text

class SeedWriter:
    """Builds a seed line by line, remembering where each sentence stands."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.sentences: list[dict] = []  # {"start", "text", "figure": (start, end) | None}

    def line(self, text: str) -> int:
        start = self.length
        self.parts.append(text + "\n")
        self.length += len(text) + 1
        return start

    def paragraph(self, sentences: list[tuple[str, tuple[int, int] | None]], tracked: bool = True) -> None:
        start = self.length
        pieces = []
        offset = start
        for k, (sentence, figure) in enumerate(sentences):
            if k:
                pieces.append(" ")
                offset += 1
            if tracked:
                fig = (offset + figure[0], offset + figure[1]) if figure else None
                self.sentences.append({"start": offset, "text": sentence, "figure": fig})
            pieces.append(sentence)
            offset += len(sentence)
        self.line("".join(pieces))

    def text(self) -> str:
        return "".join(self.parts)


def words(rng: Rng, count: int) -> list[str]:
    out = []
    pattern = [DETERMINERS, NOUNS, ADJECTIVES, VERBS, DETERMINERS, NOUNS, PREPOSITIONS, DETERMINERS, NOUNS, ADVERBS]
    k = rng.below(len(pattern))
    for _ in range(count):
        source = pattern[k % len(pattern)]
        k += 1 if rng.chance(0.8) else 2
        out.append(rng.pick(source))
    return out


def figure(rng: Rng) -> str:
    kind = rng.below(5)
    if kind == 0:
        return f"{rng.between(1, 40)},{rng.below(10)} milliards d’euros"
    if kind == 1:
        return f"{rng.between(1, 99)}{NBSP}%"
    if kind == 2:
        return f"{rng.between(10, 900)} millions de dollars"
    if kind == 3:
        return f"{rng.between(2, 90)}{NNBSP}000 emplois"
    return f"{rng.between(2, 12)} centres de données"


def mention(rng: Rng, alias: str) -> str:
    """An alias as it stands in French prose: sometimes after l’ / d’."""
    if alias[0] in "AEIOUÉ" and rng.chance(0.5):
        return rng.pick(["l’", "d’"]) + alias
    return alias


def sentence(rng: Rng, aliases: list[str]) -> tuple[str, tuple[int, int] | None]:
    """One sentence, and where its figure stands in it, if it has one."""
    head = []
    if rng.chance(0.15):
        head.append(rng.pick(CONNECTORS))
    subject = mention(rng, rng.pick(aliases)) if aliases and rng.chance(0.55) else None
    body = words(rng, rng.between(6, 18))
    if subject:
        body.insert(0, subject)
    elif not head:
        body[0] = body[0].capitalize()
    if rng.chance(0.12) and len(aliases) >= 2:  # "l’accord Alphabet-Meta": hyphen is a boundary
        a, b = rng.sample(aliases, 2)
        body.insert(rng.between(1, len(body) - 1), f"l’accord {a}-{b}")
    if rng.chance(0.15):
        quoted = " ".join(words(rng, rng.between(3, 7)))
        body.insert(rng.between(1, len(body) - 1), f"«{NBSP}{quoted}{NBSP}»")
    fig = None
    text_before = " ".join(head + body)
    if rng.chance(0.35):
        f = figure(rng)
        prep = rng.pick(["de", "pour", "avec", "à hauteur de"])
        before = text_before + f" {prep} "
        fig = (len(before), len(before) + len(f))
        text = before + f
        tail = words(rng, rng.between(0, 5))
        if tail:
            text += " " + " ".join(tail)
    else:
        text = text_before
    return text + ".", fig


def write_seed(rng: Rng, title: str, aliases_by_company: list[list[str]]) -> dict:
    writer = SeedWriter()
    writer.line(title)
    writer.line("")
    target = rng.between(*SEED_BYTES)
    headings = rng.sample(HEADINGS, rng.between(1, 2))
    boilerplate = rng.sample(BOILERPLATE, rng.between(1, 2))
    stock = rng.pick(STOCK)
    all_aliases = [a for aliases in aliases_by_company for a in aliases]
    # Every company is named at least once, early; then at random.
    first = [rng.pick(aliases) for aliases in aliases_by_company]
    paragraph = 0
    while True:
        size = len(writer.text().encode())
        if size >= target:
            break
        count = rng.between(2, 5)
        sentences = []
        for _ in range(count):
            pool = [first.pop()] if first else all_aliases
            sentences.append(sentence(rng, pool))
        writer.paragraph(sentences)
        paragraph += 1
        if paragraph == 1:
            writer.line(boilerplate[0])
        elif paragraph == 2:
            writer.paragraph([(stock, None)], tracked=False)
        elif paragraph == 3:
            writer.line(headings[0])
        elif paragraph == 5 and len(boilerplate) > 1:
            writer.line(boilerplate[1])
        elif paragraph == 6 and len(headings) > 1:
            writer.line(headings[1])
    # The stock sentence again, at the end of a paragraph of its own.
    writer.paragraph([sentence(rng, all_aliases), (stock, None)], tracked=True)
    writer.sentences.pop()  # the stock sentence is claimed apart, not as a plain sentence
    return {"text": writer.text(), "sentences": writer.sentences, "headings": headings,
            "boilerplate": boilerplate, "stock": stock}


# ---------------------------------------------------------------- anchoring

def occurrences(text: str, quote: str) -> list[int]:
    """Every start of quote in text, overlapping ones included (as glose counts)."""
    out, i = [], text.find(quote)
    while i >= 0:
        out.append(i)
        i = text.find(quote, i + 1)
    return out


def selector(text: str, start: int, end: int, prefer_prefix: bool) -> dict:
    """quote, plus the shortest prefix and/or suffix that makes it unique."""
    quote = text[start:end]
    found = occurrences(text, quote)
    if len(found) == 1:
        return {"quote": quote}

    def with_suffix(length: int) -> tuple[str, list[int]]:
        s = text[end:end + length]
        return s, [o for o in found if text.startswith(s, o + len(quote))]

    def with_prefix(length: int) -> tuple[str, list[int]]:
        p = text[max(0, start - length):start]
        return p, [o for o in found if text[:o].endswith(p)]

    order = [("prefix", with_prefix), ("suffix", with_suffix)]
    if not prefer_prefix:
        order.reverse()
    for length in (6, 12, 24, 48, 96, 400):
        for name, fn in order:
            value, left = fn(length)
            if len(left) == 1 and value:
                return {"quote": quote, name: value}
    p, _ = with_prefix(400)
    s, _ = with_suffix(400)
    return {"quote": quote, "prefix": p, "suffix": s}


def word_spans(sentence_text: str) -> list[tuple[int, int]]:
    spans, i = [], 0
    for w in sentence_text.split(" "):
        spans.append((i, i + len(w)))
        i += len(w) + 1
    return spans


# ---------------------------------------------------------------- articles

def make_article(i: int, n: int, seed: int, companies: list[dict], events: list[dict], order, cumulative) -> dict:
    rng = Rng(seed, "article", i)
    context_flags = [c["context"] for c in companies]
    members = draw_companies(rng, order, cumulative, rng.between(3, 8), context_flags)
    aliases_by_company = []
    for m in members:
        aliases = companies[m]["aliases"]
        aliases_by_company.append(aliases)
    lead = companies[members[0]]["aliases"][0]
    title_words = words(rng, rng.between(4, 8))
    title = f"{lead} {rng.pick(VERBS)} {' '.join(title_words)}"
    seed_doc = write_seed(rng, title, aliases_by_company)
    text = seed_doc["text"]
    published = day_of(i, n)
    slug = f"{published.isoformat()}-{ascii_slug(' '.join(title.split()[:4]))[:40].strip('-')}-{i}"
    seed_name = f"{i:06d}_{hashlib.sha256(f'{seed}/{i}'.encode()).hexdigest()[:16]}.txt"

    sentences = seed_doc["sentences"]
    claim_count = rng.between(5, 15)
    spans: list[tuple[int, int]] = []  # (start, end) in text, in claim order

    # 1. the stock sentence, twice: each occurrence needs a prefix or a suffix
    stock = seed_doc["stock"]
    stock_starts = occurrences(text, stock)
    spans.append((stock_starts[0], stock_starts[0] + len(stock)))
    # 2. a figure nested in its sentence
    with_figure = [s for s in sentences if s["figure"]]
    used = set()
    if with_figure:
        s = rng.pick(with_figure)
        used.add(s["start"])
        spans.append((s["start"], s["start"] + len(s["text"])))
        spans.append(s["figure"])
    # 3. two claims overlapping in one sentence
    long_ones = [s for s in sentences if len(s["text"].split(" ")) >= 10 and s["start"] not in used]
    if long_ones:
        s = rng.pick(long_ones)
        used.add(s["start"])
        ws = word_spans(s["text"])
        a_end = rng.between(len(ws) // 2, len(ws) - 2)
        b_start = rng.between(2, a_end - 1)
        spans.append((s["start"] + ws[0][0], s["start"] + ws[a_end][1]))
        spans.append((s["start"] + ws[b_start][0], s["start"] + ws[-1][1]))
    # 4. the second stock occurrence, a fragment of it
    if len(stock_starts) > 1:
        ws = word_spans(stock)
        cut = rng.between(2, len(ws) - 1)
        base = stock_starts[1]
        spans.append((base, base + ws[cut - 1][1]))
    # 5. whole sentences and fragments of other sentences
    free = [s for s in sentences if s["start"] not in used]
    for s in rng.sample(free, max(0, claim_count - len(spans))):
        ws = word_spans(s["text"])
        if rng.chance(0.4) or len(ws) < 6:
            spans.append((s["start"], s["start"] + len(s["text"])))
        else:
            a = rng.between(0, len(ws) - 4)
            b = rng.between(a + 3, len(ws) - 1)
            spans.append((s["start"] + ws[a][0], s["start"] + ws[b][1]))
    spans = spans[:max(claim_count, 5)]

    company_ids = [companies[m]["id"] for m in members]
    claims = []
    for k, (start, end) in enumerate(spans, 1):
        anchor = selector(text, start, end, prefer_prefix=k % 2 == 0)
        kind = rng.pick(KINDS)
        verdict = None if kind == "opinion" and rng.chance(0.5) else rng.pick(VERDICTS)
        claim = {"id": f"claim-{k}", **anchor, "kind": kind, "verdict": verdict}
        if rng.chance(0.3):
            claim["paraphrase"] = f"{companies[members[0]]['name']} made statement {k} of article {i}."
        claim["companies"] = rng.sample(company_ids, rng.between(1, min(3, len(company_ids))))
        if rng.chance(0.25):
            claim["event"] = events[rng.below(len(events))]["id"]
        claim["note"] = rng.pick(NOTE_TEMPLATES).replace("{n}", str(i))
        sources = []
        if verdict is not None and verdict != "unverified":
            for m in range(rng.between(1, 2)):
                source = {"publisher": rng.pick(PUBLISHERS), "url": f"https://example.org/evidence/{i}/{k}/{m}"}
                if rng.chance(0.6):
                    source["title"] = f"Evidence {m + 1} for claim {k}"
                if rng.chance(0.6):
                    source["date"] = day_of(i, n, offset=-rng.below(30)).isoformat()
                if rng.chance(0.2):
                    source["excerpt"] = "A short excerpt of the source."
                sources.append(source)
        claim["sources"] = sources
        claims.append(claim)
    # Cross-links: at most one per claim, always to an earlier article or an
    # earlier claim of the same article, so no pair is linked twice.
    for k, claim in enumerate(claims, 1):
        if i > 0 and rng.chance(0.15):
            j = i - 1 - rng.below(min(i, 50)) if rng.chance(0.8) else rng.below(i)
            claim["link"] = {"to": f"{{slug:{j}}}#claim-{rng.between(1, 5)}", "rel": rng.pick(RELS)}
        elif k > 1 and rng.chance(0.05):
            claim["link"] = {"to": f"#claim-{rng.between(1, k - 1)}", "rel": rng.pick(RELS)}

    elides = []
    for line in seed_doc["boilerplate"]:
        start = text.find("\n" + line + "\n") + 1
        elides.append({**selector(text, start, start + len(line), prefer_prefix=False), "reason": "site boilerplate"})

    verdict_counts = {v: sum(1 for c in claims if c["verdict"] == v) for v in VERDICTS}
    body = (
        f"{rng.pick(PUBLISHERS)} reports on *{companies[members[0]]['name']}*: "
        f"{verdict_counts['confirmed']} of {len(claims)} claims are confirmed.\n"
    )
    if rng.chance(0.3):
        body += "\n- the figures come from the company\n- the timing is unconfirmed\n"
    return {
        "index": i,
        "slug": slug,
        "seed_name": seed_name,
        "text": text,
        "title": title,
        "title_en": f"{companies[members[0]]['name']} news, item {i}" if rng.chance(0.5) else None,
        "published": published.isoformat(),
        "publisher": rng.pick(PUBLISHERS),
        "url": f"https://example.org/news/{i}" if rng.chance(0.8) else None,
        "summary": f"Synthetic article {i} about {companies[members[0]]['name']} and {len(members) - 1} other companies.",
        "headings": seed_doc["headings"],
        "companies": company_ids,
        "claims": claims,
        "elides": elides,
        "body": body,
    }


def link_target(to: str, slugs: list[str]) -> str:
    if to.startswith("{slug:"):
        j, rest = to[len("{slug:"):].split("}", 1)
        return slugs[int(j)] + rest
    return to


# ---------------------------------------------------------------- glose output

def glose_article(a: dict, slugs: list[str]) -> str:
    out = ["+++",
           f"seed = {toml_str(a['seed_name'])}",
           f"title = {toml_str(a['title'])}"]
    if a["title_en"]:
        out.append(f"title_en = {toml_str(a['title_en'])}")
    out.append(f"published = {a['published']}")
    out.append(f"publisher = {toml_str(a['publisher'])}")
    if a["url"]:
        out.append(f"url = {toml_str(a['url'])}")
    out.append('lang = "fr"')
    out.append(f"summary = {toml_str(a['summary'])}")
    out.append(f"headings = {toml_list(a['headings'])}")
    for c in a["claims"]:
        out.append("")
        out.append("[[claim]]")
        out.append(f"id = {toml_str(c['id'])}")
        out.append(f"quote = {toml_str(c['quote'])}")
        for key in ("prefix", "suffix"):
            if key in c:
                out.append(f"{key} = {toml_str(c[key])}")
        out.append(f"kind = {toml_str(c['kind'])}")
        if c["verdict"]:
            out.append(f"verdict = {toml_str(c['verdict'])}")
        if "paraphrase" in c:
            out.append(f"paraphrase = {toml_str(c['paraphrase'])}")
        out.append(f"companies = {toml_list(c['companies'])}")
        if "event" in c:
            out.append(f"event = {toml_str(c['event'])}")
        out.append(f"note = {toml_str(c['note'])}")
        for s in c["sources"]:
            out.append("[[claim.source]]")
            for key in ("title", "publisher", "url", "excerpt"):
                if key in s:
                    out.append(f"{key} = {toml_str(s[key])}")
            if "date" in s:
                out.append(f"date = {s['date']}")
        if "link" in c:
            out.append("[[claim.link]]")
            out.append(f"to = {toml_str(link_target(c['link']['to'], slugs))}")
            out.append(f"rel = {toml_str(c['link']['rel'])}")
    for e in a["elides"]:
        out.append("")
        out.append("[[elide]]")
        for key in ("quote", "prefix", "suffix", "reason"):
            if key in e:
                out.append(f"{key} = {toml_str(e[key])}")
    out.append("+++")
    return "\n".join(out) + "\n" + a["body"]


def glose_companies(companies: list[dict]) -> str:
    out = []
    for c in companies:
        out.append("[[company]]")
        out.append(f"id = {toml_str(c['id'])}")
        out.append(f"name = {toml_str(c['name'])}")
        out.append(f"kind = {toml_str(c['kind'])}")
        if c["parent"]:
            out.append(f"parent = {toml_str(c['parent'])}")
        out.append(f"aliases = {toml_list(c['aliases'])}")
        if c["description"]:
            out.append(f"description = {toml_str(c['description'])}")
        if c["context"]:
            out.append("context = true")
        out.append("")
    return "\n".join(out)


def glose_events(events: list[dict]) -> str:
    out = []
    for e in events:
        out.append("[[event]]")
        out.append(f"id = {toml_str(e['id'])}")
        out.append(f"date = {toml_str(e['date'])}")
        if e["approx"]:
            out.append("approx = true")
        out.append(f"title = {toml_str(e['title'])}")
        if e["summary"]:
            out.append(f"summary = {toml_str(e['summary'])}")
        out.append(f"companies = {toml_list(e['companies'])}")
        if e["context"]:
            out.append("context = true")
        if e["source"]:
            s = e["source"]
            out.append("[[event.source]]")
            out.append(f"publisher = {toml_str(s['publisher'])}")
            out.append(f"url = {toml_str(s['url'])}")
            out.append(f"date = {s['date']}")
        out.append("")
    return "\n".join(out)


GLOSE_SITE = '''title = "Synthetic Digest"
description = "A generated digest for the glose benchmark: {n} articles, {companies} companies, {events} events."
language = "en"
authors = ["bench/gen_corpus.py"]
'''


# ---------------------------------------------------------------- Hugo output

def hugo_article(a: dict, slugs: list[str]) -> str:
    """The same article as a Hugo page: the seed's text is the Markdown body
    (headings as ###, the title line left to the template); claims, elides
    and the editors' summary are front matter."""
    out = ["+++",
           f"title = {toml_str(a['title'])}"]
    if a["title_en"]:
        out.append(f"title_en = {toml_str(a['title_en'])}")
    out.append(f"date = {a['published']}")
    out.append(f"publisher = {toml_str(a['publisher'])}")
    if a["url"]:
        out.append(f"source_url = {toml_str(a['url'])}")
    out.append('lang = "fr"')
    out.append(f"summary = {toml_str(a['summary'])}")
    out.append(f"editorial = {toml_str(a['body'])}")
    out.append(f"companies = {toml_list(a['companies'])}")
    out.append(f"elides = {toml_list([e['quote'] for e in a['elides']])}")
    for c in a["claims"]:
        out.append("")
        out.append("[[claims]]")
        out.append(f"id = {toml_str(c['id'])}")
        out.append(f"quote = {toml_str(c['quote'])}")
        out.append(f"kind = {toml_str(c['kind'])}")
        out.append(f"verdict = {toml_str(c['verdict'] or 'opinion')}")
        if "paraphrase" in c:
            out.append(f"paraphrase = {toml_str(c['paraphrase'])}")
        out.append(f"companies = {toml_list(c['companies'])}")
        if "event" in c:
            out.append(f"event = {toml_str(c['event'])}")
        out.append(f"note = {toml_str(c['note'])}")
        for s in c["sources"]:
            out.append("[[claims.sources]]")
            for key in ("title", "publisher", "url", "excerpt"):
                if key in s:
                    out.append(f"{key} = {toml_str(s[key])}")
            if "date" in s:
                out.append(f"date = {s['date']}")
        if "link" in c:
            out.append("[[claims.links]]")
            out.append(f"to = {toml_str(link_target(c['link']['to'], slugs))}")
            out.append(f"rel = {toml_str(c['link']['rel'])}")
    out.append("+++")
    lines = [line for line in a["text"].split("\n")[1:] if line.strip()]
    body = []
    for line in lines:
        body.append(("### " + line) if line in a["headings"] else line)
    return "\n".join(out) + "\n" + "\n\n".join(body) + "\n"


def hugo_company(c: dict) -> str:
    out = ["+++", f"title = {toml_str(c['name'])}", f"kind = {toml_str(c['kind'])}",
           f"aliases_in_text = {toml_list(c['aliases'])}"]
    if c["parent"]:
        out.append(f"parent = {toml_str(c['parent'])}")
    if c["context"]:
        out.append("context = true")
    out.append("+++")
    return "\n".join(out) + "\n" + (c["description"] or "") + "\n"


def hugo_events(events: list[dict]) -> str:
    out = []
    for e in events:
        out.append("[[events]]")
        out.append(f"id = {toml_str(e['id'])}")
        out.append(f"date = {toml_str(e['date'])}")
        out.append(f"title = {toml_str(e['title'])}")
        if e["summary"]:
            out.append(f"summary = {toml_str(e['summary'])}")
        out.append(f"companies = {toml_list(e['companies'])}")
        out.append("")
    return "\n".join(out)


HUGO_CONFIG = '''baseURL = "/"
title = "Synthetic Digest"
locale = "en"
relativeURLs = true
uglyURLs = true
disableKinds = ["rss", "sitemap", "robotstxt", "section"]
enableRobotsTXT = false
[taxonomies]
company = "companies"
[markup.goldmark.renderer]
unsafe = false
[markup.highlight]
noClasses = false
'''

HUGO_LAYOUTS = {
    "baseof.html": '''<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ block "title" . }}{{ .Title }} · {{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Params.summary }}{{ . }}{{ else }}{{ site.Title }}{{ end }}">
<link rel="stylesheet" href="{{ "static/style.css" | relURL }}">
</head>
<body>
<header><a href="{{ "index.html" | relURL }}">{{ site.Title }}</a>
<nav><a href="{{ "index.html" | relURL }}">Articles</a> <a href="{{ "timeline.html" | relURL }}">Timeline</a> <a href="{{ "companies.html" | relURL }}">Companies</a> <a href="{{ "claims.html" | relURL }}">Claims</a></nav>
</header>
<main>{{ block "main" . }}{{ end }}</main>
<footer><p>A generated digest for the glose benchmark.</p></footer>
</body>
</html>
''',
    # One article: the seed text with each claim's quote highlighted (one
    # `replace` per claim, the nearest Hugo gets to anchoring), elisions
    # replaced, then each claim's note with its sources and links.
    "page.html": '''{{ define "main" }}
<article>
<header>
<p class="kicker">{{ .Params.publisher }} · {{ .Date.Format "2 January 2006" }} · French{{ with .Params.source_url }} · <a href="{{ . }}">original</a>{{ end }}</p>
<h1 lang="fr">{{ .Title }}</h1>
{{ with .Params.title_en }}<p class="title-en">{{ . }}</p>{{ end }}
</header>
<section class="digest-summary"><h2>Editors’ summary</h2>
{{ .Params.editorial | markdownify }}
<p>{{ len .Params.claims }} annotated passages.</p>
</section>
{{ $text := .Content }}
{{ range .Params.elides }}{{ $text = replace $text . "[…]" 1 }}{{ end }}
{{ range .Params.claims }}{{ $q := htmlEscape .quote }}{{ $text = replace $text $q (printf "<mark id=\\"quote-%s\\">%s</mark>" .id $q) 1 }}{{ end }}
<section class="seed" lang="fr">{{ $text | safeHTML }}</section>
<section class="notes"><h2>Annotations</h2>
<ol>
{{ range .Params.claims }}
<li id="claim-{{ .id }}"><p><span class="verdict verdict-{{ .verdict }}">{{ .verdict | humanize }}</span> · {{ .kind | humanize }} <q lang="fr">{{ .quote }}</q></p>
{{ with .paraphrase }}<p class="paraphrase">{{ . }}</p>{{ end }}
{{ .note | markdownify }}
{{ with .companies }}<p>Names {{ range $i, $c := . }}{{ if $i }}, {{ end }}{{ with site.GetPage (printf "/companies/%s" $c) }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}</p>{{ end }}
{{ with .event }}<p>Event: <a href="{{ "timeline.html" | relURL }}#event-{{ . }}">{{ . }}</a></p>{{ end }}
{{ with .sources }}<ul class="sources">{{ range . }}<li><a href="{{ .url }}">{{ .title | default .url }}</a>, {{ .publisher }}{{ with .date }}, {{ . }}{{ end }}{{ with .excerpt }}: “{{ . }}”{{ end }}</li>{{ end }}</ul>{{ end }}
{{ range .links }}{{ $parts := split .to "#" }}{{ $target := index $parts 0 }}
<p class="link">{{ .rel | humanize }} {{ if $target }}{{ with site.GetPage (printf "/articles/%s" $target) }}<a href="{{ .RelPermalink }}#{{ index $parts 1 }}">{{ .Title }}</a>{{ end }}{{ else }}<a href="#{{ index $parts 1 }}">this article</a>{{ end }}</p>
{{ end }}
</li>
{{ end }}
</ol>
</section>
<section class="mentions"><h2>Companies mentioned</h2>
<ul>{{ range .GetTerms "companies" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
</section>
</article>
{{ end }}
''',
    "home.html": '''{{ define "title" }}{{ site.Title }}{{ end }}
{{ define "main" }}
<h1>{{ site.Title }}</h1>
{{ $pages := where site.RegularPages "Section" "articles" }}
<p>{{ len $pages }} articles.</p>
<ol class="cards">
{{ range $pages.ByDate.Reverse }}
<li class="card"><h3><a href="{{ .RelPermalink }}" lang="fr">{{ .Title }}</a></h3>
{{ with .Params.title_en }}<p class="title-en">{{ . }}</p>{{ end }}
<p class="kicker">{{ .Params.publisher }} · {{ .Date.Format "2 January 2006" }}</p>
<p>{{ .Params.summary }}</p>
<p>{{ len .Params.claims }} claims</p>
<p class="names">Mentions {{ range $i, $t := .GetTerms "companies" }}{{ if $i }}, {{ end }}<a href="{{ $t.RelPermalink }}">{{ $t.LinkTitle }}</a>{{ end }}</p>
</li>
{{ end }}
</ol>
{{ end }}
''',
    # companies.html: every company with its count of articles.
    "taxonomy.html": '''{{ define "main" }}
<h1>Companies</h1>
<ul>
{{ range .Data.Terms.Alphabetical }}
<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ with .Page.Params.parent }}(part of {{ . }}){{ end }} <span class="count">{{ .Count }} articles</span></li>
{{ end }}
</ul>
{{ end }}
''',
    # companies/ID.html: its articles, and the claims that name it.
    "term.html": '''{{ define "main" }}
{{ $id := .Data.Term }}
<h1>{{ .Title }}</h1>
<p class="kicker">{{ .Params.kind | humanize }}{{ with .Params.parent }}{{ with site.GetPage (printf "/companies/%s" .) }} · part of <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}</p>
{{ .Content }}
<p>Found in the articles as {{ range $i, $a := .Params.aliases_in_text }}{{ if $i }}, {{ end }}“{{ $a }}”{{ end }}.</p>
<h2>Articles</h2>
<ul>
{{ range .Pages.ByDate }}
<li><a href="{{ .RelPermalink }}">{{ .Params.title_en | default .Title }}</a>, {{ .Params.publisher }}, {{ .Date.Format "2 January 2006" }}</li>
{{ end }}
</ul>
<h2>Claims naming {{ .Title }}</h2>
{{ range .Pages.ByDate }}{{ $page := . }}
{{ $named := slice }}{{ range .Params.claims }}{{ if in .companies $id }}{{ $named = $named | append . }}{{ end }}{{ end }}
{{ with $named }}<h3><a href="{{ $page.RelPermalink }}">{{ $page.Title }}</a></h3>
<ul>{{ range . }}<li>{{ .verdict | humanize }} <a href="{{ $page.RelPermalink }}#claim-{{ .id }}"><q lang="fr">{{ truncate 160 .quote }}</q></a></li>{{ end }}</ul>{{ end }}
{{ end }}
{{ end }}
''',
    # claims.html: every claim, grouped by verdict: one pass over the
    # articles per verdict (Scratch.Add on a slice copies it: quadratic).
    "claims.html": '''{{ define "main" }}
<h1>Claims</h1>
{{ $pages := (where site.RegularPages "Section" "articles").ByDate.Reverse }}
{{ range $verdict := slice "confirmed" "partly-true" "disputed" "false" "unverified" "opinion" }}
<section><h2>{{ $verdict | humanize }}</h2>
<ul>{{ range $pages }}{{ $page := . }}{{ range where .Params.claims "verdict" $verdict }}<li><a href="{{ $page.RelPermalink }}#claim-{{ .id }}"><q lang="fr">{{ .quote }}</q></a>, {{ $page.Params.publisher }}</li>{{ end }}{{ end }}</ul>
</section>
{{ end }}
{{ end }}
''',
    # timeline.html: events by date with the claims that report them, and
    # each article's publication, grouped by year.
    "timeline.html": '''{{ define "main" }}
<h1>Timeline</h1>
{{ $reports := newScratch }}
{{ range where site.RegularPages "Section" "articles" }}{{ $page := . }}
{{ range .Params.claims }}{{ with .event }}{{ $reports.Add . (slice $page) }}{{ end }}{{ end }}
{{ end }}
<h2>Events</h2>
<ol>
{{ range sort hugo.Data.events.events "date" }}
<li id="event-{{ .id }}">{{ .date }}: {{ .title }}{{ with .summary }} {{ . | markdownify }}{{ end }}
{{ with $reports.Get .id }}<ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ else }}<p>No article in the digest reports this event.</p>{{ end }}</li>
{{ end }}
</ol>
<h2>Publications</h2>
{{ range (where site.RegularPages "Section" "articles").GroupByDate "2006" }}
<h3>{{ .Key }}</h3>
<ul>{{ range .Pages }}<li id="published-{{ .File.ContentBaseName }}">{{ .Date.Format "2 January" }}: <a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
{{ end }}
''',
    "404.html": '''{{ define "main" }}<h1>Not found</h1><p><a href="{{ "index.html" | relURL }}">Back to the digest</a></p>{{ end }}
''',
}

HUGO_STYLE = "body{max-width:60rem;margin:auto;font:1rem/1.5 serif}mark{background:#ffe}\n"


# ---------------------------------------------------------------- main

def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def generate(n: int, seed: int, out: Path, hugo: bool = True) -> None:
    companies = make_companies(seed)
    order, cumulative = zipf_table(seed, len(companies))
    events = make_events(seed, n, companies, order, cumulative)
    # Slugs first: cross-links name earlier articles by slug.
    slugs: list[str] = []
    glose_root, hugo_root = out / "glose", out / "hugo"
    for root in (glose_root, hugo_root):
        if root.exists():
            shutil.rmtree(root)
    (glose_root / "content" / "articles").mkdir(parents=True)
    (glose_root / "seeds").mkdir(parents=True)
    if hugo:
        (hugo_root / "content" / "articles").mkdir(parents=True)
    progress = sys.stderr.isatty()
    named = {c for e in events for c in e["companies"]}
    for i in range(n):
        a = make_article(i, n, seed, companies, events, order, cumulative)
        named.update(a["companies"])
        slugs.append(a["slug"])
        write(glose_root / "seeds" / a["seed_name"], a["text"])
        write(glose_root / "content" / "articles" / f"{a['slug']}.md", glose_article(a, slugs))
        if hugo:
            write(hugo_root / "content" / "articles" / f"{a['slug']}.md", hugo_article(a, slugs))
        if progress and i % 500 == 0:
            print(f"\rgen_corpus: {i}/{n} articles", end="", file=sys.stderr)
    if progress:
        print(f"\rgen_corpus: {n}/{n} articles", file=sys.stderr)
    # A company that nothing names is there as background: say so, as an
    # editor would, so that `glose check` stays free of warnings at small N.
    for c in companies:
        if c["id"] not in named:
            c["context"] = True
    write(glose_root / "content" / "site.toml",
          GLOSE_SITE.format(n=n, companies=len(companies), events=len(events)))
    write(glose_root / "content" / "companies.toml", glose_companies(companies))
    write(glose_root / "content" / "events.toml", glose_events(events))
    if hugo:
        write(hugo_root / "hugo.toml", HUGO_CONFIG)
        write(hugo_root / "data" / "events.toml", hugo_events(events))
        write(hugo_root / "static" / "static" / "style.css", HUGO_STYLE)
        write(hugo_root / "content" / "claims.md", '+++\ntitle = "Claims"\nlayout = "claims"\nurl = "/claims.html"\n+++\n')
        write(hugo_root / "content" / "timeline.md", '+++\ntitle = "Timeline"\nlayout = "timeline"\nurl = "/timeline.html"\n+++\n')
        write(hugo_root / "content" / "companies" / "_index.md", '+++\ntitle = "Companies"\nurl = "/companies.html"\n+++\n')
        for c in companies:
            write(hugo_root / "content" / "companies" / c["id"] / "_index.md", hugo_company(c))
        for name, text in HUGO_LAYOUTS.items():
            write(hugo_root / "layouts" / name, text)
    stamp = {"generator": GENERATOR_VERSION, "articles": n, "seed": seed,
             "source_sha256": hashlib.sha256(Path(__file__).read_bytes()).hexdigest()}
    write(out / "corpus.json", json.dumps(stamp, indent=2) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", "-n", type=int, required=True, help="number of articles (N)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write glose/ and hugo/ into")
    parser.add_argument("--no-hugo", action="store_true", help="write only the glose digest")
    args = parser.parse_args()
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    generate(args.articles, args.seed, args.out, hugo=not args.no_hugo)
    return 0


if __name__ == "__main__":
    sys.exit(main())
