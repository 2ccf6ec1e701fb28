//! Tag names the extractor cares about, and their HTML parsing classes.

/// A known HTML tag, or `Other` for everything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub(crate) enum Tag {
    Document,
    Text,
    Html,
    Head,
    Body,
    Title,
    Meta,
    Link,
    Base,
    Script,
    Style,
    Noscript,
    Template,
    Iframe,
    Textarea,
    Xmp,
    Noembed,
    Noframes,
    Svg,
    Math,
    Canvas,
    Object,
    Embed,
    Video,
    Audio,
    Picture,
    Source,
    Track,
    Img,
    Br,
    Hr,
    Wbr,
    Input,
    Button,
    Select,
    Option,
    Optgroup,
    Datalist,
    Form,
    Label,
    Fieldset,
    Legend,
    Nav,
    Aside,
    Footer,
    Header,
    Menu,
    Dialog,
    Figure,
    Figcaption,
    Main,
    Article,
    Section,
    Div,
    P,
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    Hgroup,
    Ul,
    Ol,
    Li,
    Dl,
    Dt,
    Dd,
    Blockquote,
    Pre,
    Code,
    Table,
    Caption,
    Colgroup,
    Col,
    Thead,
    Tbody,
    Tfoot,
    Tr,
    Td,
    Th,
    A,
    Span,
    Em,
    Strong,
    B,
    I,
    U,
    S,
    Small,
    Big,
    Sup,
    Sub,
    Time,
    Address,
    Center,
    Font,
    Cite,
    Q,
    Abbr,
    Mark,
    Del,
    Ins,
    Details,
    Summary,
    Area,
    Param,
    Map,
    Other,
}

impl Tag {
    /// The tag for a (any-case) element name.
    pub fn from_name(name: &[u8]) -> Tag {
        let mut buf = [0u8; 10];
        if name.len() > buf.len() {
            return Tag::Other;
        }
        for (d, s) in buf.iter_mut().zip(name) {
            *d = s.to_ascii_lowercase();
        }
        match &buf[..name.len()] {
            b"html" => Tag::Html,
            b"head" => Tag::Head,
            b"body" => Tag::Body,
            b"title" => Tag::Title,
            b"meta" => Tag::Meta,
            b"link" => Tag::Link,
            b"base" => Tag::Base,
            b"script" => Tag::Script,
            b"style" => Tag::Style,
            b"noscript" => Tag::Noscript,
            b"template" => Tag::Template,
            b"iframe" => Tag::Iframe,
            b"textarea" => Tag::Textarea,
            b"xmp" => Tag::Xmp,
            b"noembed" => Tag::Noembed,
            b"noframes" => Tag::Noframes,
            b"svg" => Tag::Svg,
            b"math" => Tag::Math,
            b"canvas" => Tag::Canvas,
            b"object" => Tag::Object,
            b"embed" => Tag::Embed,
            b"video" => Tag::Video,
            b"audio" => Tag::Audio,
            b"picture" => Tag::Picture,
            b"source" => Tag::Source,
            b"track" => Tag::Track,
            b"img" | b"image" => Tag::Img,
            b"br" => Tag::Br,
            b"hr" => Tag::Hr,
            b"wbr" => Tag::Wbr,
            b"input" => Tag::Input,
            b"button" => Tag::Button,
            b"select" => Tag::Select,
            b"option" => Tag::Option,
            b"optgroup" => Tag::Optgroup,
            b"datalist" => Tag::Datalist,
            b"form" => Tag::Form,
            b"label" => Tag::Label,
            b"fieldset" => Tag::Fieldset,
            b"legend" => Tag::Legend,
            b"nav" => Tag::Nav,
            b"aside" => Tag::Aside,
            b"footer" => Tag::Footer,
            b"header" => Tag::Header,
            b"menu" => Tag::Menu,
            b"dialog" => Tag::Dialog,
            b"figure" => Tag::Figure,
            b"figcaption" => Tag::Figcaption,
            b"main" => Tag::Main,
            b"article" => Tag::Article,
            b"section" => Tag::Section,
            b"div" => Tag::Div,
            b"p" => Tag::P,
            b"h1" => Tag::H1,
            b"h2" => Tag::H2,
            b"h3" => Tag::H3,
            b"h4" => Tag::H4,
            b"h5" => Tag::H5,
            b"h6" => Tag::H6,
            b"hgroup" => Tag::Hgroup,
            b"ul" => Tag::Ul,
            b"ol" => Tag::Ol,
            b"li" => Tag::Li,
            b"dl" => Tag::Dl,
            b"dt" => Tag::Dt,
            b"dd" => Tag::Dd,
            b"blockquote" => Tag::Blockquote,
            b"pre" | b"listing" => Tag::Pre,
            b"code" => Tag::Code,
            b"table" => Tag::Table,
            b"caption" => Tag::Caption,
            b"colgroup" => Tag::Colgroup,
            b"col" => Tag::Col,
            b"thead" => Tag::Thead,
            b"tbody" => Tag::Tbody,
            b"tfoot" => Tag::Tfoot,
            b"tr" => Tag::Tr,
            b"td" => Tag::Td,
            b"th" => Tag::Th,
            b"a" => Tag::A,
            b"span" => Tag::Span,
            b"em" => Tag::Em,
            b"strong" => Tag::Strong,
            b"b" => Tag::B,
            b"i" => Tag::I,
            b"u" => Tag::U,
            b"s" | b"strike" => Tag::S,
            b"small" => Tag::Small,
            b"big" => Tag::Big,
            b"sup" => Tag::Sup,
            b"sub" => Tag::Sub,
            b"time" => Tag::Time,
            b"address" => Tag::Address,
            b"center" => Tag::Center,
            b"font" => Tag::Font,
            b"cite" => Tag::Cite,
            b"q" => Tag::Q,
            b"abbr" => Tag::Abbr,
            b"mark" => Tag::Mark,
            b"del" => Tag::Del,
            b"ins" => Tag::Ins,
            b"details" => Tag::Details,
            b"summary" => Tag::Summary,
            b"area" => Tag::Area,
            b"param" => Tag::Param,
            b"map" => Tag::Map,
            _ => Tag::Other,
        }
    }

    /// Elements that never have content.
    pub fn is_void(self) -> bool {
        matches!(
            self,
            Tag::Meta
                | Tag::Link
                | Tag::Base
                | Tag::Img
                | Tag::Br
                | Tag::Hr
                | Tag::Wbr
                | Tag::Input
                | Tag::Source
                | Tag::Track
                | Tag::Embed
                | Tag::Col
                | Tag::Area
                | Tag::Param
        )
    }

    /// Whether the element starts a new line of text (block-level rendering).
    pub fn is_block(self) -> bool {
        matches!(
            self,
            Tag::Document
                | Tag::Html
                | Tag::Body
                | Tag::Div
                | Tag::P
                | Tag::H1
                | Tag::H2
                | Tag::H3
                | Tag::H4
                | Tag::H5
                | Tag::H6
                | Tag::Hgroup
                | Tag::Ul
                | Tag::Ol
                | Tag::Li
                | Tag::Dl
                | Tag::Dt
                | Tag::Dd
                | Tag::Blockquote
                | Tag::Pre
                | Tag::Table
                | Tag::Caption
                | Tag::Thead
                | Tag::Tbody
                | Tag::Tfoot
                | Tag::Tr
                | Tag::Td
                | Tag::Th
                | Tag::Section
                | Tag::Article
                | Tag::Main
                | Tag::Nav
                | Tag::Aside
                | Tag::Header
                | Tag::Footer
                | Tag::Figure
                | Tag::Figcaption
                | Tag::Form
                | Tag::Fieldset
                | Tag::Address
                | Tag::Center
                | Tag::Details
                | Tag::Summary
                | Tag::Menu
                | Tag::Dialog
                | Tag::Hr
                | Tag::Legend
                | Tag::Option
                | Tag::Select
                | Tag::Textarea
                | Tag::Video
                | Tag::Audio
                | Tag::Iframe
                | Tag::Canvas
                | Tag::Object
        )
    }

    /// Headings `h1`..`h6`.
    pub fn is_heading(self) -> bool {
        matches!(
            self,
            Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6
        )
    }

    /// Start tags that close an open `<p>` (HTML parsing rules).
    pub fn closes_p(self) -> bool {
        matches!(
            self,
            Tag::Address
                | Tag::Article
                | Tag::Aside
                | Tag::Blockquote
                | Tag::Center
                | Tag::Details
                | Tag::Dialog
                | Tag::Div
                | Tag::Dl
                | Tag::Fieldset
                | Tag::Figcaption
                | Tag::Figure
                | Tag::Footer
                | Tag::Header
                | Tag::Hgroup
                | Tag::Main
                | Tag::Menu
                | Tag::Nav
                | Tag::Ol
                | Tag::P
                | Tag::Section
                | Tag::Summary
                | Tag::Ul
                | Tag::H1
                | Tag::H2
                | Tag::H3
                | Tag::H4
                | Tag::H5
                | Tag::H6
                | Tag::Pre
                | Tag::Form
                | Tag::Li
                | Tag::Dd
                | Tag::Dt
                | Tag::Table
                | Tag::Hr
                | Tag::Xmp
        )
    }

    /// "Special" elements: a stray inline end tag does not close them.
    pub fn is_special(self) -> bool {
        self.is_block()
            || matches!(
                self,
                Tag::Head
                    | Tag::Title
                    | Tag::Meta
                    | Tag::Link
                    | Tag::Base
                    | Tag::Script
                    | Tag::Style
                    | Tag::Noscript
                    | Tag::Template
                    | Tag::Img
                    | Tag::Br
                    | Tag::Wbr
                    | Tag::Input
                    | Tag::Button
                    | Tag::Embed
                    | Tag::Colgroup
                    | Tag::Col
                    | Tag::Area
                    | Tag::Param
                    | Tag::Source
                    | Tag::Track
                    | Tag::Xmp
                    | Tag::Noembed
                    | Tag::Noframes
            )
    }

    /// Elements that bound the search for an open element to close.
    pub fn is_scope_boundary(self) -> bool {
        matches!(
            self,
            Tag::Document
                | Tag::Html
                | Tag::Table
                | Tag::Td
                | Tag::Th
                | Tag::Caption
                | Tag::Template
                | Tag::Object
                | Tag::Button
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_case_insensitive() {
        assert_eq!(Tag::from_name(b"DIV"), Tag::Div);
        assert_eq!(Tag::from_name(b"Strike"), Tag::S);
        assert_eq!(Tag::from_name(b"custom-element"), Tag::Other);
        assert_eq!(Tag::from_name(b""), Tag::Other);
    }
}
