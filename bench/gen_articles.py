#!/usr/bin/env python3
"""Generate synthetic conflict-news articles for the ledger ingest benchmark.

Usage: gen_articles.py OUT_DIR [N] [--seed S]

Writes N plain-text articles (headline, byline, date line, body) into
OUT_DIR/NNN/article-NNNNNNN.txt, 1000 per folder. Every article is made up
from templates: claims of shelling by one side, denials by the other,
journalists' observations, truce agreements, casualty figures, background
paragraphs; about one in ten is a lightly edited wire copy of an earlier
one (another headline, a changed word, an extra sentence), so the ledger's
near-duplicate detection and merging have real work to do.
"""

import argparse
import datetime as dt
import os
import random

DYADS = [
    # (side A country, adjective, defence body, side B ..., towns on A's side, towns on B's side)
    (
        ("Armenia", "Armenian", "Armenia's defence ministry"),
        ("Azerbaijan", "Azerbaijani", "Azerbaijan's defence ministry"),
        ["Stepanakert", "Martuni", "Hadrut", "Martakert", "Askeran"],
        ["Tartar", "Ganja", "Aghdam"],
    ),
    (
        ("Ukraine", "Ukrainian", "Ukraine's general staff"),
        ("Russia", "Russian", "Russia's defence ministry"),
        ["Pisky", "Maiorsk", "Zolote", "Chasiv Yar", "Velyka Novosilka"],
        ["Donetsk", "Horlivka", "Luhansk"],
    ),
    (
        ("Israel", "Israeli", "the Israeli military"),
        ("Islamic Jihad", "Islamic Jihad", "Islamic Jihad's armed wing"),
        ["Nir Oz", "Kfar Aza", "Sderot", "Ashkelon"],
        ["Gaza City", "Khan Younis", "Deir al-Balah", "Nuseirat"],
    ),
    (
        ("Kyrgyzstan", "Kyrgyz", "Kyrgyzstan's border service"),
        ("Tajikistan", "Tajik", "Tajikistan's border guards"),
        ["Batken", "Kok-Tash", "Aksai"],
        ["Isfara", "Vorukh", "Chorkuh"],
    ),
    (
        ("India", "Indian", "the Indian army"),
        ("Pakistan", "Pakistani", "Pakistan's military"),
        ["Poonch", "Kupwara", "Uri"],
        ["Kotli", "Bhimber", "Nakyal"],
    ),
]

OUTLETS = [
    "Caspian Herald", "Steppe Courier", "Levant Daily", "Border Monitor",
    "Continental Wire", "Evening Dispatch", "Harbour Times", "Mountain Post",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
VERBS = ["shelled", "fired mortars at", "attacked positions near", "launched drones at",
         "opened fire on"]
DISMISS = ["dismissed the claim as nonsense", "denied the report", "rejected the accusation",
           "called the claim a provocation"]
BACKGROUND = [
    "Talks between the two sides have stalled since {month}, {official} said.",
    "The truce was meant to allow the exchange of {n} prisoners and the bodies of the dead.",
    "International monitors counted {big} violations in the {region} area last week.",
    "About {big} residents have fled {place} since the fighting began in {month}.",
    "Foreign ministers of the two countries are due to meet in {city} on {weekday}.",
    "Aid groups said access to {place} remained difficult after the bridge was damaged.",
    "The front line near {place} has barely moved in {n} months, {official} said.",
    "{official_cap} said both sides remained committed to the agreement signed in {city}.",
    "Schools in {place} stayed closed for a {ordinal} day, local authorities said.",
    "{n} ambulances were sent to {place} overnight, a hospital spokesman told reporters.",
    "Electricity was cut to parts of {place} after a substation was hit, officials said.",
    "The {ordinal} round of talks is expected in {city} before the end of {month}.",
    "A convoy carrying {big} tonnes of flour reached {place} on {weekday}.",
    "{official_cap} told parliament that {n} soldiers had been disciplined for breaches.",
    "Residents of {place} said they had spent {n} nights in basements.",
    "Farmers near {place} said they could not reach their fields for {n} weeks.",
    "Mediators from {city} have proposed a line of separation {n} kilometres wide.",
    "Prices of bread in {place} have doubled since {month}, traders said.",
]
OFFICIALS = ["a government spokesman", "the regional governor", "a senior diplomat",
             "the deputy foreign minister", "a military analyst", "the mayor",
             "an adviser to the president", "a parliamentary committee chair"]
CITIES = ["Geneva", "Vienna", "Doha", "Istanbul", "Brussels", "Astana", "Cairo", "Oslo"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
ORDINALS = ["second", "third", "fourth", "fifth", "sixth", "seventh"]


def background(rng, towns, k):
    out = []
    for t in rng.sample(BACKGROUND, k):
        official = rng.choice(OFFICIALS)
        out.append(t.format(
            month=rng.choice(MONTHS), official=official,
            official_cap=official[0].upper() + official[1:],
            n=rng.randrange(2, 40), big=rng.randrange(100, 20000),
            region=rng.choice(towns), place=rng.choice(towns), city=rng.choice(CITIES),
            weekday=rng.choice(WEEKDAYS), ordinal=rng.choice(ORDINALS),
        ))
    return out


NUMBERS = ["one", "two", "three", "four", "five", "six", "seven", "eight"]


def weekday_on_or_before(pub, back):
    day = pub - dt.timedelta(days=back)
    return day, WEEKDAYS[day.weekday()]


def article(rng, i):
    side_a, side_b, towns_a, towns_b = rng.choice(DYADS)
    if rng.random() < 0.5:
        side_a, side_b, towns_a, towns_b = side_b, side_a, towns_b, towns_a
    pub = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(5 * 365))
    when, weekday = weekday_on_or_before(pub, rng.randrange(3))
    town = rng.choice(towns_a)
    verb = rng.choice(VERBS)
    kind = rng.random()
    paras = []
    dateline = town.upper() if kind < 0.2 else side_a[0].split()[0].upper()
    lead_date = f"{pub.strftime('%b')} {pub.day}"
    if kind < 0.15:
        title = f"{side_a[0]} and {side_b[0]} agree to ceasefire"
        paras.append(
            f"{dateline}, {lead_date} - {side_a[0]} and {side_b[0]} agreed to a ceasefire on "
            f"{weekday} after talks mediated by foreign envoys, officials said."
        )
        paras.append(
            f"{side_a[2][0].upper() + side_a[2][1:]} said its forces would observe the truce "
            f"as long as {side_b[1]} forces did the same."
        )
    elif kind < 0.35:
        title = f"Explosions heard near {town}"
        paras.append(
            f"{town.upper()}, {lead_date} - A journalist in {town} heard explosions on "
            f"{weekday} and saw smoke rising over the town, residents said."
        )
        n = rng.choice(NUMBERS)
        paras.append(f"Local officials said {n} people were wounded.")
    else:
        title = f"{side_a[0]} says {side_b[1]} forces {verb.split()[0]} {town}"
        k = rng.choice(NUMBERS)
        w = rng.choice(NUMBERS)
        paras.append(
            f"{dateline}, {lead_date} - {side_a[2][0].upper() + side_a[2][1:]} said {side_b[1]} "
            f"forces {verb} {town} on {weekday}, in breach of the ceasefire."
        )
        paras.append(f"It said {k} civilians were killed and {w} were wounded.")
        if kind < 0.6:
            paras.append(
                f"{side_b[2][0].upper() + side_b[2][1:]} {rng.choice(DISMISS)} and said its "
                f"forces were observing the truce."
            )
    paras.extend(background(rng, towns_a + towns_b, rng.randrange(4, 9)))
    byline = f"By {rng.choice(['Staff', 'Our correspondent', 'Agency reporters'])}"
    body = "\n\n".join(paras)
    outlet = rng.choice(OUTLETS)
    date_line = f"{pub.day} {pub.strftime('%B')} {pub.year}"
    return title, byline, date_line, outlet, body, i


def wire_copy(rng, original):
    title, byline, date_line, _outlet, body, i = original
    edits = [
        lambda b: b.replace(" said ", " says ", 1),
        lambda b: b.replace("residents", "local residents", 1),
        lambda b: b + "\n\nThe claims could not be independently verified.",
        lambda b: b.replace("officials", "authorities", 1),
    ]
    for e in rng.sample(edits, 2):
        body = e(body)
    return "Update: " + title, byline, date_line, rng.choice(OUTLETS), body, i


def render(a):
    title, byline, date_line, outlet, body, _ = a
    return f"{title}\n\n{byline}, {outlet}\n{date_line}\n\n{body}\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("n", nargs="?", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=20201010)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    recent = []
    total = 0
    for i in range(args.n):
        if recent and rng.random() < 0.1:
            a = wire_copy(rng, rng.choice(recent))
        else:
            a = article(rng, i)
            recent.append(a)
            if len(recent) > 200:
                recent.pop(0)
        folder = os.path.join(args.out, f"{i // 1000:03d}")
        if i % 1000 == 0:
            os.makedirs(folder, exist_ok=True)
        text = render(a)
        total += len(text.encode())
        with open(os.path.join(folder, f"article-{i:07d}.txt"), "w", encoding="utf-8") as f:
            f.write(text)
    print(f"wrote {args.n} articles, {total / 1e6:.1f} MB, into {args.out}")


if __name__ == "__main__":
    main()
