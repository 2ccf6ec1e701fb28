//! A compact element tree built from the tokenizer, with the HTML parsing
//! rules that matter for text (implied end tags, void elements, stray end
//! tags) and none of the rest.
//!
//! Nodes live in one vector in document order, so a node's subtree is the
//! contiguous index range `id..node.end`; passes over the tree are loops,
//! never recursion, and arbitrarily deep pages cannot overflow the stack.

use super::tags::Tag;
use super::tokenizer::{Attr, Token, Tokenizer};
use std::ops::Range;

/// Index of a node in [`Tree::nodes`].
pub(crate) type NodeId = u32;

/// "No node".
pub(crate) const NONE: NodeId = u32::MAX;

/// Open elements deeper than this are attached but not kept open, so that
/// pathological nesting stays linear.
const MAX_DEPTH: usize = 400;

/// One element or text node.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    /// The element's tag; `Tag::Text` for character data.
    pub tag: Tag,
    /// Parent node (`NONE` for the document).
    pub parent: NodeId,
    /// One past the last node of this subtree.
    pub end: NodeId,
    /// Text: the character data. Element: the start tag.
    pub span: Range<usize>,
    /// Element: its attributes, `Tree::attrs[attrs]`.
    pub attrs: Range<u32>,
    /// Text inside a raw-text element (`<script>`, `<style>`, `<title>`...).
    pub raw: bool,
}

/// The parsed page.
pub(crate) struct Tree<'a> {
    /// The page source.
    pub src: &'a str,
    /// All nodes; node 0 is the document.
    pub nodes: Vec<Node>,
    /// Attributes of all elements.
    pub attrs: Vec<Attr>,
}

impl<'a> Tree<'a> {
    /// Parse `src` into a tree. Never fails: broken markup is repaired the
    /// way browsers mostly do, or kept as text.
    pub fn parse(src: &'a str) -> Tree<'a> {
        let mut b = Builder {
            tree: Tree {
                src,
                nodes: Vec::with_capacity(src.len() / 40 + 8),
                attrs: Vec::with_capacity(src.len() / 60 + 8),
            },
            stack: Vec::with_capacity(64),
            foreign_depth: 0,
        };
        b.tree.nodes.push(Node {
            tag: Tag::Document,
            parent: NONE,
            end: 0,
            span: 0..0,
            attrs: 0..0,
            raw: false,
        });
        b.stack.push(0);
        let mut tok = Tokenizer::new(src);
        while let Some(t) = tok.next_token() {
            match t {
                Token::Start {
                    name,
                    self_closing,
                    span,
                } => {
                    let tag = Tag::from_name(&src.as_bytes()[name.clone()]);
                    b.start(tag, name, self_closing, span, &tok.attrs);
                }
                Token::End { name, .. } => {
                    let tag = Tag::from_name(&src.as_bytes()[name.clone()]);
                    b.end(tag, name);
                }
                Token::Text(r) => b.text(r, false),
                Token::RawText(r) => b.text(r, true),
                Token::Other => {}
            }
        }
        let len = b.tree.nodes.len() as NodeId;
        for &id in &b.stack {
            b.tree.nodes[id as usize].end = len;
        }
        b.tree
    }

    /// The node with id `id`.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }

    /// Children of `id`, in order.
    #[cfg(test)]
    pub fn children(&self, id: NodeId) -> Children<'_, 'a> {
        let n = self.node(id);
        Children {
            tree: self,
            next: id + 1,
            end: n.end,
        }
    }

    /// The value of attribute `name` (lower-case) of element `id`, raw.
    pub fn attr(&self, id: NodeId, name: &str) -> Option<&'a str> {
        let n = self.node(id);
        let src = self.src;
        self.attrs[n.attrs.start as usize..n.attrs.end as usize]
            .iter()
            .find(|a| src.as_bytes()[a.name.clone()].eq_ignore_ascii_case(name.as_bytes()))
            .and_then(|a| src.get(a.value.clone()))
    }

    /// The text of a text node.
    pub fn text(&self, id: NodeId) -> &'a str {
        self.src.get(self.node(id).span.clone()).unwrap_or("")
    }

    /// Concatenated raw text of all text nodes under `id`.
    pub fn raw_text_of(&self, id: NodeId) -> String {
        let n = self.node(id);
        let mut out = String::new();
        for i in id..n.end {
            if self.nodes[i as usize].tag == Tag::Text {
                out.push_str(self.text(i));
            }
        }
        out
    }
}

/// Iterator over the children of a node.
#[cfg(test)]
pub(crate) struct Children<'t, 'a> {
    tree: &'t Tree<'a>,
    next: NodeId,
    end: NodeId,
}

#[cfg(test)]
impl Iterator for Children<'_, '_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next >= self.end {
            return None;
        }
        let id = self.next;
        self.next = self.tree.node(id).end.max(id + 1);
        Some(id)
    }
}

struct Builder<'a> {
    tree: Tree<'a>,
    stack: Vec<NodeId>,
    /// Depth inside `<svg>`/`<math>`, where `/>` closes any element.
    foreign_depth: usize,
}

impl Builder<'_> {
    fn top_tag(&self) -> Tag {
        self.stack
            .last()
            .map_or(Tag::Document, |&id| self.tree.nodes[id as usize].tag)
    }

    fn pop(&mut self) {
        if self.stack.len() <= 1 {
            return;
        }
        if let Some(id) = self.stack.pop() {
            let len = self.tree.nodes.len() as NodeId;
            let node = &mut self.tree.nodes[id as usize];
            node.end = len;
            if matches!(node.tag, Tag::Svg | Tag::Math) {
                self.foreign_depth = self.foreign_depth.saturating_sub(1);
            }
        }
    }

    /// Pop up to and including stack position `pos`.
    fn pop_to(&mut self, pos: usize) {
        while self.stack.len() > pos.max(1) {
            self.pop();
        }
    }

    /// Stack position of the nearest open `tag`, searching down to a boundary.
    fn find_open(&self, tag: Tag, stop: impl Fn(Tag) -> bool) -> Option<usize> {
        for (pos, &id) in self.stack.iter().enumerate().rev() {
            let t = self.tree.nodes[id as usize].tag;
            if t == tag {
                return Some(pos);
            }
            if stop(t) {
                return None;
            }
        }
        None
    }

    fn close_p(&mut self) {
        if let Some(pos) = self.find_open(Tag::P, Tag::is_scope_boundary) {
            self.pop_to(pos);
        }
    }

    fn implied_closes(&mut self, tag: Tag) {
        if self.foreign_depth > 0 {
            return;
        }
        if tag.closes_p() {
            self.close_p();
        }
        match tag {
            Tag::Li => {
                let stop = |t: Tag| {
                    matches!(t, Tag::Ul | Tag::Ol | Tag::Menu)
                        || (t.is_special() && !matches!(t, Tag::Div | Tag::P | Tag::Address))
                };
                if let Some(pos) = self.find_open(Tag::Li, stop) {
                    self.pop_to(pos);
                }
            }
            Tag::Dt | Tag::Dd => {
                let stop = |t: Tag| {
                    t == Tag::Dl
                        || (t.is_special() && !matches!(t, Tag::Div | Tag::P | Tag::Address))
                };
                for t in [Tag::Dt, Tag::Dd] {
                    if let Some(pos) = self.find_open(t, stop) {
                        self.pop_to(pos);
                    }
                }
            }
            t if t.is_heading() && self.top_tag().is_heading() => self.pop(),
            Tag::Td | Tag::Th => {
                let stop = |t: Tag| matches!(t, Tag::Tr | Tag::Table);
                for t in [Tag::Td, Tag::Th] {
                    if let Some(pos) = self.find_open(t, stop) {
                        self.pop_to(pos);
                    }
                }
            }
            Tag::Tr => {
                let stop = |t: Tag| matches!(t, Tag::Table | Tag::Thead | Tag::Tbody | Tag::Tfoot);
                if let Some(pos) = self.find_open(Tag::Tr, stop) {
                    self.pop_to(pos);
                }
            }
            Tag::Thead | Tag::Tbody | Tag::Tfoot => {
                let stop = |t: Tag| t == Tag::Table;
                for t in [Tag::Thead, Tag::Tbody, Tag::Tfoot] {
                    if let Some(pos) = self.find_open(t, stop) {
                        self.pop_to(pos);
                    }
                }
            }
            Tag::Option | Tag::Optgroup if self.top_tag() == Tag::Option => self.pop(),
            Tag::A => {
                if let Some(pos) = self.find_open(Tag::A, Tag::is_scope_boundary) {
                    self.pop_to(pos);
                }
            }
            Tag::Body => {}
            _ => {}
        }
    }

    fn start(
        &mut self,
        tag: Tag,
        _name: Range<usize>,
        self_closing: bool,
        span: Range<usize>,
        attrs: &[Attr],
    ) {
        self.implied_closes(tag);
        let parent = self.stack.last().copied().unwrap_or(0);
        let id = self.tree.nodes.len() as NodeId;
        let a0 = self.tree.attrs.len() as u32;
        self.tree.attrs.extend_from_slice(attrs);
        let a1 = self.tree.attrs.len() as u32;
        self.tree.nodes.push(Node {
            tag,
            parent,
            end: id + 1,
            span,
            attrs: a0..a1,
            raw: false,
        });
        let closes_itself = tag.is_void() || (self_closing && self.foreign_depth > 0);
        if !closes_itself && self.stack.len() < MAX_DEPTH {
            if matches!(tag, Tag::Svg | Tag::Math) {
                self.foreign_depth += 1;
            }
            self.stack.push(id);
        }
    }

    fn end(&mut self, tag: Tag, name: Range<usize>) {
        let src = self.tree.src.as_bytes();
        match tag {
            Tag::Br => {
                self.start(Tag::Br, name.clone(), false, name.start..name.end, &[]);
                return;
            }
            Tag::Body | Tag::Html => return,
            _ => {}
        }
        let tree = &self.tree;
        let same = |id: NodeId| {
            let n = &tree.nodes[id as usize];
            if tag != Tag::Other {
                return n.tag == tag;
            }
            if n.tag != Tag::Other {
                return false;
            }
            // Compare the start tag's name with this end tag's name.
            let start_name = &src[n.span.start + 1..];
            let want = &src[name.clone()];
            start_name.len() >= want.len()
                && start_name[..want.len()].eq_ignore_ascii_case(want)
                && start_name
                    .get(want.len())
                    .is_none_or(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
        };
        let inline = !tag.is_special() && tag != Tag::Other;
        let mut found = None;
        for (pos, &id) in self.stack.iter().enumerate().rev() {
            if same(id) {
                found = Some(pos);
                break;
            }
            let t = tree.nodes[id as usize].tag;
            // A stray inline end tag must not close the block it sits in;
            // a block end tag does not cross a table cell or the document.
            if (inline || tag == Tag::Other) && t.is_special() && self.foreign_depth == 0 {
                break;
            }
            if t.is_scope_boundary() {
                break;
            }
        }
        if let Some(pos) = found {
            self.pop_to(pos);
        }
    }

    fn text(&mut self, r: Range<usize>, raw: bool) {
        if r.is_empty() {
            return;
        }
        let parent = self.stack.last().copied().unwrap_or(0);
        let id = self.tree.nodes.len() as NodeId;
        self.tree.nodes.push(Node {
            tag: Tag::Text,
            parent,
            end: id + 1,
            span: r,
            attrs: 0..0,
            raw,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A compact rendering of the tree: tags with children in brackets.
    fn shape(tree: &Tree<'_>, id: NodeId) -> String {
        let n = tree.node(id);
        if n.tag == Tag::Text {
            return format!("'{}'", tree.text(id));
        }
        let kids: Vec<String> = tree.children(id).map(|c| shape(tree, c)).collect();
        let name = format!("{:?}", n.tag).to_lowercase();
        if kids.is_empty() {
            name
        } else {
            format!("{name}[{}]", kids.join(" "))
        }
    }

    fn parse_shape(src: &str) -> String {
        let t = Tree::parse(src);
        shape(&t, 0)
    }

    #[test]
    fn implied_paragraph_and_list_ends() {
        assert_eq!(
            parse_shape("<p>a<p>b<div>c</div>"),
            "document[p['a'] p['b'] div['c']]"
        );
        assert_eq!(
            parse_shape("<ul><li>a<li>b</ul>"),
            "document[ul[li['a'] li['b']]]"
        );
    }

    #[test]
    fn stray_inline_end_tag_does_not_close_block() {
        assert_eq!(
            parse_shape("<div><p>a</span>b</p></div>"),
            "document[div[p['a' 'b']]]"
        );
    }

    #[test]
    fn void_and_self_closing() {
        assert_eq!(
            parse_shape("<p>a<br>b<img src=x>c</p>"),
            "document[p['a' br 'b' img 'c']]"
        );
        // `<div/>` is not self-closing in HTML; in SVG it is.
        assert_eq!(parse_shape("<div/>x"), "document[div['x']]");
        assert_eq!(
            parse_shape("<svg><path/><g/></svg>y"),
            "document[svg[other other] 'y']"
        );
    }

    #[test]
    fn unknown_elements_match_their_end_tags() {
        assert_eq!(
            parse_shape("<my-box><x-a>t</x-a></my-box>u"),
            "document[other[other['t']] 'u']"
        );
    }

    #[test]
    fn deep_nesting_is_linear_and_safe() {
        let src = "<div>".repeat(100_000) + "x" + &"</div>".repeat(100_000);
        let t = Tree::parse(&src);
        assert!(t.nodes.len() > 100_000);
        assert_eq!(t.node(0).end as usize, t.nodes.len());
    }

    #[test]
    fn attributes_are_found_case_insensitively() {
        let t = Tree::parse("<div CLASS='a b' id=main>t</div>");
        assert_eq!(t.attr(1, "class"), Some("a b"));
        assert_eq!(t.attr(1, "id"), Some("main"));
        assert_eq!(t.attr(1, "role"), None);
    }
}
