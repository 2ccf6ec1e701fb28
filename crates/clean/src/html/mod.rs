//! Main-content extraction and metadata for HTML pages.
//!
//! The page is tokenized without copying ([`tokenizer`]), built into a flat
//! element tree with the HTML rules that matter for text ([`dom`]), scored
//! to find the article body ([`extract`]) and rendered as text whose every
//! byte maps back to the page ([`text`]). Metadata comes from the same tree
//! ([`meta`]).

mod classes;
mod dom;
mod entities;
mod extract;
mod meta;
mod scraps;
mod tags;
mod text;
mod tokenizer;

use dom::{Tree, NONE};
use truce_document::{Metadata, OffsetMap};

/// The article body of an HTML page and what its markup says about it.
#[derive(Debug, Clone, Default)]
pub struct CleanedHtml {
    /// Article body: paragraphs separated by a blank line.
    pub text: String,
    /// Byte offsets of `text` back to byte offsets of the HTML string.
    pub map: OffsetMap,
    /// Title, date, URL and outlet from `<title>`, `og:*`, JSON-LD, `<time>`, canonical link.
    pub meta: Metadata,
}

/// Extract the main content and metadata of an HTML page.
///
/// Never fails: a page without an article body gives empty text.
pub fn clean_html(html: &str) -> CleanedHtml {
    let tree = Tree::parse(html);
    let meta = meta::read(&tree);
    let mut built = None;
    for prune in [true, false] {
        let analysis = extract::analyse(&tree, prune);
        if analysis.root == NONE {
            continue;
        }
        let (mut out, segments) = text::render(&tree, &analysis, None);
        if let Some(keep) = scraps::choose(&tree, out.as_str(), &segments, meta.title.as_deref()) {
            out = text::render(&tree, &analysis, Some(&keep)).0;
        }
        if !out.is_empty() {
            built = Some(out);
            break;
        }
    }
    let (text, map) = built.map(|b| b.finish()).unwrap_or_default();
    CleanedHtml { text, map, meta }
}

/// Describe how the article root of `html` was chosen (development aid).
#[doc(hidden)]
pub fn explain(html: &str) -> String {
    let tree = Tree::parse(html);
    let a = extract::analyse(&tree, true);
    let mut out = String::new();
    let describe = |id: dom::NodeId| {
        let n = tree.node(id);
        format!(
            "#{id} {:?} class={:?} id={:?} score={:.0}",
            n.tag,
            tree.attr(id, "class").unwrap_or(""),
            tree.attr(id, "id").unwrap_or(""),
            a.score[id as usize]
        )
    };
    if a.root == NONE {
        return "no root".into();
    }
    let mut path = vec![];
    let mut id = a.root;
    while id != NONE {
        path.push(describe(id));
        id = tree.node(id).parent;
    }
    path.reverse();
    out.push_str(&path.join("\n"));
    out.push_str("\n-- children of root:\n");
    let root = tree.node(a.root);
    let mut c = a.root + 1;
    while c < root.end {
        let n = tree.node(c);
        if n.tag != tags::Tag::Text {
            out.push_str(&format!("  {} dead={}\n", describe(c), a.dead[c as usize]));
        }
        c = n.end.max(c + 1);
    }
    out
}

#[cfg(test)]
mod tests;
