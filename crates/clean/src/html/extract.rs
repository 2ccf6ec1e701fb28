//! Main-content extraction: find the element that holds the article body
//! and decide which of its blocks are article text.
//!
//! The idea (in the spirit of readability-style scorers, written for this
//! tree): every block of inline text (a paragraph, a list item, a heading,
//! a `<div>` with its own text) votes for its ancestors with a weight that
//! is positive for sentence-like text with few links and negative for link
//! lists and scraps; the element with the highest total is the article
//! body. Page furniture (navigation, share bars, comments, banners) is cut
//! out first by tag and by what its class and id say, unless it holds most
//! of the page's text.

use super::classes::{HintCache, NameHints};
use super::dom::{NodeId, Tree, NONE};
use super::tags::Tag;

/// Per-node facts the extractor computes once.
pub(crate) struct Analysis {
    /// Node is excluded from the text (junk, hidden, or pruned furniture).
    pub dead: Vec<bool>,
    /// Nearest block-level ancestor (or self) of each node.
    pub block_of: Vec<NodeId>,
    /// Whether each block's own text is kept.
    pub keep_block: Vec<bool>,
    /// The chosen article root.
    pub root: NodeId,
    /// Each node's summed score (for diagnostics).
    pub score: Vec<f64>,
}

/// Elements whose content is never article text.
fn is_junk_tag(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Head
            | Tag::Title
            | Tag::Meta
            | Tag::Link
            | Tag::Base
            | Tag::Script
            | Tag::Style
            | Tag::Noscript
            | Tag::Template
            | Tag::Iframe
            | Tag::Textarea
            | Tag::Xmp
            | Tag::Noembed
            | Tag::Noframes
            | Tag::Svg
            | Tag::Math
            | Tag::Canvas
            | Tag::Object
            | Tag::Embed
            | Tag::Video
            | Tag::Audio
            | Tag::Source
            | Tag::Track
            | Tag::Img
            | Tag::Button
            | Tag::Select
            | Tag::Option
            | Tag::Optgroup
            | Tag::Datalist
            | Tag::Input
            | Tag::Dialog
            | Tag::Map
            | Tag::Area
            | Tag::Label
    )
}

/// Elements that are page furniture by their tag.
fn is_furniture_tag(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Nav | Tag::Aside | Tag::Footer | Tag::Header | Tag::Menu | Tag::Figcaption | Tag::Form
    )
}

/// Visible characters of a text: non-whitespace code points.
fn visible_chars(s: &[u8]) -> u32 {
    s.iter()
        .filter(|&&b| (b & 0xC0) != 0x80 && !b.is_ascii_whitespace())
        .count() as u32
}

/// The attributes the extractor reads, found in one scan.
#[derive(Default)]
struct Marks<'a> {
    class: &'a str,
    id: &'a str,
    role: &'a str,
    itemprop: &'a str,
    hidden: bool,
}

fn marks<'a>(tree: &Tree<'a>, id: NodeId) -> Marks<'a> {
    let node = tree.node(id);
    let src = tree.src;
    let mut m = Marks::default();
    let (mut seen_class, mut seen_id) = (false, false);
    for a in &tree.attrs[node.attrs.start as usize..node.attrs.end as usize] {
        let name = &src.as_bytes()[a.name.clone()];
        let value = src.get(a.value.clone()).unwrap_or("");
        match name.len() {
            2 if name.eq_ignore_ascii_case(b"id") && !seen_id => {
                m.id = value;
                seen_id = true;
            }
            4 if name.eq_ignore_ascii_case(b"role") => m.role = value,
            5 if name.eq_ignore_ascii_case(b"class") && !seen_class => {
                m.class = value;
                seen_class = true;
            }
            5 if name.eq_ignore_ascii_case(b"style") => m.hidden |= style_hides(value),
            6 if name.eq_ignore_ascii_case(b"hidden") => m.hidden = true,
            8 if name.eq_ignore_ascii_case(b"itemprop") => m.itemprop = value,
            11 if name.eq_ignore_ascii_case(b"aria-hidden") => {
                m.hidden |= value.trim().eq_ignore_ascii_case("true");
            }
            _ => {}
        }
    }
    m
}

/// Whether inline CSS hides the element (`display: none`, `visibility: hidden`).
fn style_hides(style: &str) -> bool {
    let lower = style.to_ascii_lowercase();
    if !lower.contains("none") && !lower.contains("hidden") {
        return false;
    }
    let compact: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
    compact.contains("display:none") || compact.contains("visibility:hidden")
}

fn name_hints<'a>(m: &Marks<'a>, cache: &mut HintCache<'a>) -> NameHints {
    let mut h = if m.class.is_empty() && m.id.is_empty() && m.role.is_empty() {
        NameHints::default()
    } else {
        cache.hints(m.class, m.id, m.role)
    };
    if m.itemprop.eq_ignore_ascii_case("articleBody") {
        h.content = true;
        h.body = true;
        h.furniture = false;
    }
    h
}

/// Plain characters an article-body element needs to count as one.
const MIN_BODY_CHARS: u32 = 100;

/// Score multiplier for elements named as the article body.
const BODY_BONUS: f64 = 1.5;

/// Score multiplier for `<article>`, `<main>` and content-like names.
const CONTENT_BONUS: f64 = 1.1;

/// Analyse the tree and choose the article body. `prune` turns furniture
/// pruning on (the caller retries without it when nothing is found).
pub(crate) fn analyse(tree: &Tree<'_>, prune: bool) -> Analysis {
    let n = tree.nodes.len();
    let nodes = &tree.nodes;
    let src = tree.src.as_bytes();

    // Pass 1 (document order): hard junk, links, name hints.
    let mut hard_dead = vec![false; n];
    let mut in_link = vec![false; n];
    let mut furniture = vec![false; n];
    let mut content_hint = vec![false; n];
    let mut body_hint = vec![false; n];
    let mut cache = HintCache::default();
    for i in 1..n {
        let node = &nodes[i];
        let p = node.parent as usize;
        if node.tag == Tag::Text {
            hard_dead[i] = hard_dead[p] || node.raw;
            in_link[i] = in_link[p];
            continue;
        }
        in_link[i] = in_link[p] || node.tag == Tag::A;
        if hard_dead[p] || is_junk_tag(node.tag) {
            hard_dead[i] = true;
            continue;
        }
        let m = marks(tree, i as NodeId);
        if m.hidden {
            hard_dead[i] = true;
            continue;
        }
        let h = name_hints(&m, &mut cache);
        furniture[i] = (h.furniture || is_furniture_tag(node.tag))
            && !matches!(node.tag, Tag::Body | Tag::Html | Tag::Main | Tag::Article);
        content_hint[i] = h.content || matches!(node.tag, Tag::Article | Tag::Main);
        body_hint[i] = h.body;
    }

    // Pass 2 (reverse): which subtrees hold an article-body element with text.
    let mut plain = vec![0u32; n];
    let mut holds_body = vec![false; n];
    for i in (1..n).rev() {
        let node = &nodes[i];
        if node.tag == Tag::Text && !hard_dead[i] && !in_link[i] {
            plain[i] = visible_chars(&src[node.span.clone()]);
        }
        if body_hint[i] && plain[i] >= MIN_BODY_CHARS {
            holds_body[i] = true;
        }
        let p = node.parent as usize;
        plain[p] = plain[p].saturating_add(plain[i]);
        holds_body[p] |= holds_body[i];
    }

    // Pass 3 (document order): what is dead, and each node's block.
    let mut dead = vec![false; n];
    let mut block_of = vec![0 as NodeId; n];
    for i in 1..n {
        let node = &nodes[i];
        let p = node.parent as usize;
        let pruned = prune && furniture[i] && !holds_body[i];
        dead[i] = dead[p] || hard_dead[i] || pruned;
        block_of[i] = if node.tag != Tag::Text && node.tag.is_block() {
            i as NodeId
        } else {
            block_of[p]
        };
    }

    // Pass 4: each block's own text and link text.
    let mut own = vec![0u32; n];
    let mut own_link = vec![0u32; n];
    for i in 1..n {
        let node = &nodes[i];
        if node.tag != Tag::Text || dead[i] {
            continue;
        }
        let c = visible_chars(&src[node.span.clone()]);
        let b = block_of[i] as usize;
        own[b] = own[b].saturating_add(c);
        if in_link[i] {
            own_link[b] = own_link[b].saturating_add(c);
        }
    }

    // Pass 5: each block votes for itself and its ancestors, less for far ones,
    // so the element that directly holds the paragraphs wins over the page.
    let mut score = vec![0f64; n];
    let mut good = vec![0f64; n];
    let mut bad = vec![0f64; n];
    let mut keep_block = vec![false; n];
    for i in 0..n {
        if own[i] == 0 || dead[i] {
            continue;
        }
        let (w, keep) = block_weight(own[i], own_link[i], nodes[i].tag);
        keep_block[i] = keep;
        if w == 0.0 {
            continue;
        }
        // For widening, every link list item or teaser title costs a fixed
        // amount on top of its length: teaser lists are many short link blocks.
        let cost = if keep { -w } else { -w + LINK_BLOCK_COST };
        let mut id = i as NodeId;
        let mut d = 0u32;
        while id != NONE {
            let k = id as usize;
            score[k] += w * decay(d, w);
            if w > 0.0 {
                good[k] += w;
            } else {
                bad[k] += cost;
            }
            id = nodes[id as usize].parent;
            d += 1;
        }
    }
    let mut root = 0 as NodeId;
    let mut best = f64::MIN;
    for i in 0..n {
        if dead[i] || nodes[i].tag == Tag::Text {
            continue;
        }
        let s = if body_hint[i] && score[i] > 0.0 {
            score[i] * BODY_BONUS
        } else if content_hint[i] {
            score[i] * CONTENT_BONUS
        } else {
            score[i]
        };
        if s >= best {
            best = s;
            root = i as NodeId;
        }
    }
    // An element named as the article body that holds the scorer's choice
    // (or rivals it) is the body: link-heavy articles score low block by block.
    let mut named: Option<usize> = None;
    for i in 0..n {
        if body_hint[i]
            && !dead[i]
            && good[i] >= MIN_NAMED_GOOD
            && named.is_none_or(|b| good[i] > good[b])
        {
            named = Some(i);
        }
    }
    if let Some(b) = named {
        let holds_root = (b as NodeId) <= root && root < nodes[b].end;
        let weak_root = best <= 0.0 || good[b] >= NAMED_RIVAL * good[root as usize];
        if holds_root && weak_root {
            root = b as NodeId;
            best = best.max(1.0);
        }
    }
    if best <= 0.0 {
        root = NONE;
    } else {
        // Widen to ancestors while what they add is mostly article-like:
        // a body split by ads or figures comes back whole, a teaser list does not.
        loop {
            let p = nodes[root as usize].parent;
            if p == NONE || matches!(nodes[p as usize].tag, Tag::Body | Tag::Html | Tag::Document) {
                break;
            }
            let added_good = good[p as usize] - good[root as usize];
            let added_bad = bad[p as usize] - bad[root as usize];
            if added_good < CLIMB_RATIO * added_bad {
                break;
            }
            root = p;
        }
    }
    Analysis {
        dead,
        block_of,
        keep_block,
        root,
        score,
    }
}

/// How much of a block's vote reaches the ancestor `d` levels up.
fn decay(d: u32, w: f64) -> f64 {
    if w < 0.0 || d <= 1 {
        1.0
    } else {
        1.0 / (1.0 + DECAY * f64::from(d - 1))
    }
}

/// Article-like text an element named as the body needs to be taken as it.
const MIN_NAMED_GOOD: f64 = 200.0;

/// How many times the article text of the scorer's choice a named body
/// around it must hold to replace it.
const NAMED_RIVAL: f64 = 2.0;

/// How much more article-like than junk text an ancestor must add to be taken.
const CLIMB_RATIO: f64 = 3.0;

/// Extra cost of a link block when deciding whether to widen the body.
const LINK_BLOCK_COST: f64 = 50.0;

/// Decay rate of votes with distance.
const DECAY: f64 = 0.5;

/// A block's vote for its ancestors, and whether its text is kept.
fn block_weight(chars: u32, link_chars: u32, tag: Tag) -> (f64, bool) {
    let len = f64::from(chars);
    let link = f64::from(link_chars);
    let density = link / len;
    if density > 0.5 {
        return (-len, false);
    }
    let plain = len - link;
    if plain >= 80.0 || (tag == Tag::P && plain >= 40.0) {
        (plain - link, true)
    } else if tag.is_heading() {
        (0.0, true)
    } else {
        (-0.25 * len, true)
    }
}
