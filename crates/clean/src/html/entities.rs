//! Character references (`&amp;`, `&#8217;`, `&#x2019;`) in text and attributes.

use std::borrow::Cow;

/// What a reference at the start of a string decodes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Decoded {
    /// The character it stands for.
    pub ch: char,
    /// How many bytes of the source the reference takes, `&` and `;` included.
    pub len: usize,
}

/// Legacy names browsers also accept without the closing `;`.
const LEGACY_NO_SEMICOLON: &[&str] = &[
    "amp", "lt", "gt", "quot", "nbsp", "copy", "reg", "AMP", "LT", "GT", "QUOT",
];

/// Windows-1252 meanings of numeric references 0x80..=0x9F (as browsers decode them).
const C1_REMAP: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{8D}', '\u{017D}', '\u{8F}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{9D}', '\u{017E}', '\u{0178}',
];

/// Decode the reference at the start of `s` (which starts with `&`), if it is one.
/// `in_attribute` applies the attribute rule: a legacy name without `;`
/// followed by `=` or an alphanumeric is left alone.
pub(crate) fn decode_at(s: &[u8], in_attribute: bool) -> Option<Decoded> {
    if s.first() != Some(&b'&') {
        return None;
    }
    if s.get(1) == Some(&b'#') {
        return decode_numeric(s);
    }
    let mut end = 1;
    while end < s.len() && end < 40 && s[end].is_ascii_alphanumeric() {
        end += 1;
    }
    if end == 1 {
        return None;
    }
    let name = std::str::from_utf8(&s[1..end]).ok()?;
    if s.get(end) == Some(&b';') {
        if let Some(ch) = lookup(name) {
            return Some(Decoded { ch, len: end + 1 });
        }
    }
    // Without ';' only the legacy names count, matched as a prefix ("&ampx" -> "&" + "x").
    for legacy in LEGACY_NO_SEMICOLON {
        if name.starts_with(legacy) {
            let next = s.get(1 + legacy.len()).copied();
            if in_attribute && next.is_some_and(|b| b == b'=' || b.is_ascii_alphanumeric()) {
                return None;
            }
            let ch = lookup(legacy)?;
            return Some(Decoded {
                ch,
                len: 1 + legacy.len(),
            });
        }
    }
    None
}

fn lookup(name: &str) -> Option<char> {
    let i = NAMED
        .binary_search_by(|(n, _)| n.as_bytes().cmp(name.as_bytes()))
        .ok()?;
    Some(NAMED[i].1)
}

fn decode_numeric(s: &[u8]) -> Option<Decoded> {
    let (hex, digits_start) = match s.get(2) {
        Some(b'x' | b'X') => (true, 3),
        _ => (false, 2),
    };
    let mut i = digits_start;
    let mut value: u32 = 0;
    while i < s.len() {
        let d = match (hex, s[i]) {
            (_, c @ b'0'..=b'9') => u32::from(c - b'0'),
            (true, c @ b'a'..=b'f') => u32::from(c - b'a' + 10),
            (true, c @ b'A'..=b'F') => u32::from(c - b'A' + 10),
            _ => break,
        };
        value = value
            .saturating_mul(if hex { 16 } else { 10 })
            .saturating_add(d);
        i += 1;
    }
    if i == digits_start {
        return None;
    }
    if s.get(i) == Some(&b';') {
        i += 1;
    }
    let ch = match value {
        0 => '\u{FFFD}',
        0x80..=0x9F => C1_REMAP[(value - 0x80) as usize],
        v => char::from_u32(v).unwrap_or('\u{FFFD}'),
    };
    Some(Decoded { ch, len: i })
}

/// Decode all references in `s` (an attribute value or a metadata string).
pub(crate) fn decode_str(s: &str, in_attribute: bool) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'&', &bytes[i..]) {
        let at = i + k;
        match decode_at(&bytes[at..], in_attribute) {
            Some(d) => {
                out.push_str(&s[last..at]);
                out.push(d.ch);
                i = at + d.len;
                last = i;
            }
            None => i = at + 1,
        }
    }
    out.push_str(&s[last..]);
    Cow::Owned(out)
}

/// Named character references (HTML 4 set plus common HTML5 names), sorted by name.
pub(super) static NAMED: &[(&str, char)] = &[
    ("AElig", 'Æ'),
    ("Aacute", 'Á'),
    ("Acirc", 'Â'),
    ("Agrave", 'À'),
    ("Alpha", 'Α'),
    ("Aring", 'Å'),
    ("Atilde", 'Ã'),
    ("Auml", 'Ä'),
    ("Beta", 'Β'),
    ("Ccedil", 'Ç'),
    ("Chi", 'Χ'),
    ("Dagger", '‡'),
    ("Delta", 'Δ'),
    ("ETH", 'Ð'),
    ("Eacute", 'É'),
    ("Ecirc", 'Ê'),
    ("Egrave", 'È'),
    ("Epsilon", 'Ε'),
    ("Eta", 'Η'),
    ("Euml", 'Ë'),
    ("Gamma", 'Γ'),
    ("Hat", '^'),
    ("Iacute", 'Í'),
    ("Icirc", 'Î'),
    ("Igrave", 'Ì'),
    ("Iota", 'Ι'),
    ("Iuml", 'Ï'),
    ("Kappa", 'Κ'),
    ("Lambda", 'Λ'),
    ("Mu", 'Μ'),
    ("NewLine", '\u{a}'),
    ("Ntilde", 'Ñ'),
    ("Nu", 'Ν'),
    ("OElig", 'Œ'),
    ("Oacute", 'Ó'),
    ("Ocirc", 'Ô'),
    ("Ograve", 'Ò'),
    ("Omega", 'Ω'),
    ("Omicron", 'Ο'),
    ("Oslash", 'Ø'),
    ("Otilde", 'Õ'),
    ("Ouml", 'Ö'),
    ("Phi", 'Φ'),
    ("Pi", 'Π'),
    ("Prime", '″'),
    ("Psi", 'Ψ'),
    ("Rho", 'Ρ'),
    ("Scaron", 'Š'),
    ("Sigma", 'Σ'),
    ("THORN", 'Þ'),
    ("Tab", '\u{9}'),
    ("Tau", 'Τ'),
    ("Theta", 'Θ'),
    ("Uacute", 'Ú'),
    ("Ucirc", 'Û'),
    ("Ugrave", 'Ù'),
    ("Upsilon", 'Υ'),
    ("Uuml", 'Ü'),
    ("Xi", 'Ξ'),
    ("Yacute", 'Ý'),
    ("Yuml", 'Ÿ'),
    ("Zcaron", 'Ž'),
    ("ZeroWidthSpace", '\u{200b}'),
    ("Zeta", 'Ζ'),
    ("aacute", 'á'),
    ("acirc", 'â'),
    ("acute", '´'),
    ("aelig", 'æ'),
    ("agrave", 'à'),
    ("alefsym", 'ℵ'),
    ("alpha", 'α'),
    ("amp", '&'),
    ("and", '∧'),
    ("ang", '∠'),
    ("apos", '\''),
    ("aring", 'å'),
    ("ast", '*'),
    ("asymp", '≈'),
    ("atilde", 'ã'),
    ("auml", 'ä'),
    ("bdquo", '„'),
    ("beta", 'β'),
    ("brvbar", '¦'),
    ("bsol", '\\'),
    ("bull", '•'),
    ("cap", '∩'),
    ("ccedil", 'ç'),
    ("cedil", '¸'),
    ("cent", '¢'),
    ("check", '✓'),
    ("chi", 'χ'),
    ("circ", 'ˆ'),
    ("clubs", '♣'),
    ("colon", ':'),
    ("comma", ','),
    ("commat", '@'),
    ("cong", '≅'),
    ("copy", '©'),
    ("crarr", '↵'),
    ("cross", '✗'),
    ("cup", '∪'),
    ("curren", '¤'),
    ("dArr", '⇓'),
    ("dagger", '†'),
    ("darr", '↓'),
    ("dash", '‐'),
    ("deg", '°'),
    ("delta", 'δ'),
    ("diams", '♦'),
    ("divide", '÷'),
    ("dollar", '$'),
    ("eacute", 'é'),
    ("ecirc", 'ê'),
    ("egrave", 'è'),
    ("empty", '∅'),
    ("emsp", '\u{2003}'),
    ("ensp", '\u{2002}'),
    ("epsilon", 'ε'),
    ("equals", '='),
    ("equiv", '≡'),
    ("eta", 'η'),
    ("eth", 'ð'),
    ("euml", 'ë'),
    ("euro", '€'),
    ("excl", '!'),
    ("exist", '∃'),
    ("fnof", 'ƒ'),
    ("forall", '∀'),
    ("frac12", '½'),
    ("frac14", '¼'),
    ("frac34", '¾'),
    ("frasl", '⁄'),
    ("gamma", 'γ'),
    ("ge", '≥'),
    ("grave", '`'),
    ("gt", '>'),
    ("hArr", '⇔'),
    ("hairsp", '\u{200a}'),
    ("half", '½'),
    ("harr", '↔'),
    ("hearts", '♥'),
    ("hellip", '…'),
    ("hyphen", '‐'),
    ("iacute", 'í'),
    ("icirc", 'î'),
    ("iexcl", '¡'),
    ("igrave", 'ì'),
    ("image", 'ℑ'),
    ("infin", '∞'),
    ("int", '∫'),
    ("iota", 'ι'),
    ("iquest", '¿'),
    ("isin", '∈'),
    ("iuml", 'ï'),
    ("kappa", 'κ'),
    ("lArr", '⇐'),
    ("lambda", 'λ'),
    ("lang", '〈'),
    ("laquo", '«'),
    ("larr", '←'),
    ("lceil", '⌈'),
    ("lcub", '{'),
    ("ldquo", '“'),
    ("le", '≤'),
    ("lfloor", '⌊'),
    ("lowast", '∗'),
    ("lowbar", '_'),
    ("loz", '◊'),
    ("lpar", '('),
    ("lrm", '\u{200e}'),
    ("lsaquo", '‹'),
    ("lsqb", '['),
    ("lsquo", '‘'),
    ("lt", '<'),
    ("macr", '¯'),
    ("mdash", '—'),
    ("micro", 'µ'),
    ("middot", '·'),
    ("minus", '−'),
    ("mu", 'μ'),
    ("nabla", '∇'),
    ("nbsp", '\u{a0}'),
    ("ndash", '–'),
    ("ne", '≠'),
    ("ni", '∋'),
    ("not", '¬'),
    ("notin", '∉'),
    ("nsub", '⊄'),
    ("ntilde", 'ñ'),
    ("nu", 'ν'),
    ("num", '#'),
    ("numsp", '\u{2007}'),
    ("oacute", 'ó'),
    ("ocirc", 'ô'),
    ("oelig", 'œ'),
    ("ograve", 'ò'),
    ("oline", '‾'),
    ("omega", 'ω'),
    ("omicron", 'ο'),
    ("oplus", '⊕'),
    ("or", '∨'),
    ("ordf", 'ª'),
    ("ordm", 'º'),
    ("oslash", 'ø'),
    ("otilde", 'õ'),
    ("otimes", '⊗'),
    ("ouml", 'ö'),
    ("para", '¶'),
    ("part", '∂'),
    ("percnt", '%'),
    ("period", '.'),
    ("permil", '‰'),
    ("perp", '⊥'),
    ("phi", 'φ'),
    ("pi", 'π'),
    ("piv", 'ϖ'),
    ("plus", '+'),
    ("plusmn", '±'),
    ("pound", '£'),
    ("prime", '′'),
    ("prod", '∏'),
    ("prop", '∝'),
    ("psi", 'ψ'),
    ("puncsp", '\u{2008}'),
    ("quest", '?'),
    ("quot", '"'),
    ("rArr", '⇒'),
    ("radic", '√'),
    ("rang", '〉'),
    ("raquo", '»'),
    ("rarr", '→'),
    ("rceil", '⌉'),
    ("rcub", '}'),
    ("rdquo", '”'),
    ("real", 'ℜ'),
    ("reg", '®'),
    ("rfloor", '⌋'),
    ("rho", 'ρ'),
    ("rlm", '\u{200f}'),
    ("rpar", ')'),
    ("rsaquo", '›'),
    ("rsqb", ']'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("scaron", 'š'),
    ("sdot", '⋅'),
    ("sect", '§'),
    ("semi", ';'),
    ("shy", '\u{ad}'),
    ("sigma", 'σ'),
    ("sigmaf", 'ς'),
    ("sim", '∼'),
    ("sol", '/'),
    ("spades", '♠'),
    ("star", '☆'),
    ("starf", '★'),
    ("sub", '⊂'),
    ("sube", '⊆'),
    ("sum", '∑'),
    ("sup", '⊃'),
    ("sup1", '¹'),
    ("sup2", '²'),
    ("sup3", '³'),
    ("supe", '⊇'),
    ("szlig", 'ß'),
    ("tau", 'τ'),
    ("there4", '∴'),
    ("theta", 'θ'),
    ("thetasym", 'ϑ'),
    ("thinsp", '\u{2009}'),
    ("thorn", 'þ'),
    ("tilde", '˜'),
    ("times", '×'),
    ("trade", '™'),
    ("uArr", '⇑'),
    ("uacute", 'ú'),
    ("uarr", '↑'),
    ("ucirc", 'û'),
    ("ugrave", 'ù'),
    ("uml", '¨'),
    ("upsih", 'ϒ'),
    ("upsilon", 'υ'),
    ("uuml", 'ü'),
    ("verbar", '|'),
    ("vert", '|'),
    ("weierp", '℘'),
    ("xi", 'ξ'),
    ("yacute", 'ý'),
    ("yen", '¥'),
    ("yuml", 'ÿ'),
    ("zcaron", 'ž'),
    ("zeta", 'ζ'),
    ("zwj", '\u{200d}'),
    ("zwnj", '\u{200c}'),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_numeric_and_hex() {
        assert_eq!(decode_str("a &amp; b", false), "a & b");
        assert_eq!(
            decode_str("it&#8217;s &#x201C;q&#X201d;", false),
            "it’s “q”"
        );
        assert_eq!(decode_str("&eacute;t&eacute; &hellip;", false), "été …");
        assert_eq!(
            decode_str("&#150; &#0; &#xFFFFFFFF;", false),
            "– \u{FFFD} \u{FFFD}"
        );
    }

    #[test]
    fn unknown_and_bare_ampersands_stay() {
        assert_eq!(
            decode_str("AT&T & co &nosuch; &", false),
            "AT&T & co &nosuch; &"
        );
        assert_eq!(decode_str("&ampx &lt3", false), "&x <3");
        assert_eq!(decode_str("?a=1&amp=2", true), "?a=1&amp=2");
    }

    #[test]
    fn table_is_sorted_for_binary_search() {
        assert!(NAMED
            .windows(2)
            .all(|w| w[0].0.as_bytes() < w[1].0.as_bytes()));
    }
}
