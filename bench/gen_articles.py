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
    "Talks between the two sides have stalled since the spring, diplomats said.",
    "The truce was meant to allow the exchange of prisoners and the bodies of the dead.",
    "International monitors have called on both sides to show restraint.",
    "Thousands of residents have fled the area since the fighting began.",
    "Foreign ministers of the two countries are due to meet later this month.",
    "Aid groups said access to the area remained difficult.",
    "The front line has barely moved in months despite regular exchanges of fire.",
    "Officials on both sides said they remained committed to the agreement.",
]
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
    for s in rng.sample(BACKGROUND, 3):
        paras.append(s)
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
    return f"{title}\n\n{byline}\n{outlet}\n{date_line}\n\n{body}\n"


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
