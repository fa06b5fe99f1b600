//! HTML fragments (TimelineJS text, vis-timeline item content) to plain text.
//!
//! The fragments people put in timeline files are small and often sloppy:
//! unclosed tags, stray `<`, entities without semicolons. This is a tolerant
//! tokenizer, not a parser: tags are dropped, `<script>`/`<style>` and the
//! like are dropped *with their content* (their text is code, never prose),
//! entities are decoded by `html-escape`, block elements and `<br>` become
//! line breaks, and `<a href>` links are collected so that they can become
//! sources. Nothing is ever fetched or executed, and no input can panic.

#![allow(
    clippy::doc_markdown,
    reason = "product names such as TimelineJS are prose, not code"
)]

/// A link found in an HTML fragment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The link's text (its `href` when the text is empty).
    pub label: String,
    /// The `href`, entities decoded.
    pub href: String,
}

/// The plain text of an HTML fragment and the links it held.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plain {
    /// Text with line breaks where the HTML had paragraphs, `<br>` and other
    /// blocks; runs of spaces collapsed; no leading or trailing whitespace.
    pub text: String,
    /// Every `<a href>` in document order.
    pub links: Vec<Link>,
}

/// Elements whose content is never prose: dropped together with it.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "title", "iframe", "object", "svg", "math",
];

/// Elements that start on a new line and end one.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "section",
    "table",
    "tr",
    "ul",
];

/// Elements separated from what surrounds them by an empty line.
const PARAGRAPHS: &[&str] = &["p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre"];

/// Converts an HTML fragment to plain text.
///
/// Text without any tag is taken as plain text: only entities are decoded
/// and its line breaks are kept (spreadsheet cells are often typed with
/// line breaks and no markup at all).
#[must_use]
pub fn to_text(html: &str) -> Plain {
    if !html.contains('<') {
        let decoded = html_escape::decode_html_entities(html)
            .replace("\r\n", "\n")
            .replace('\r', "\n");
        return Plain {
            text: tidy(&decoded),
            links: Vec::new(),
        };
    }
    let mut out = Out::default();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.text_segment(rest.get(..lt).unwrap_or_default());
        let tail = rest.get(lt..).unwrap_or_default();
        rest = if let Some((tag, after)) = Tag::parse(tail) {
            out.tag(&tag, after)
        } else {
            // A `<` that starts no tag ("a < b") is text.
            out.text_segment("<");
            tail.get(1..).unwrap_or_default()
        };
    }
    out.text_segment(rest);
    out.finish()
}

/// Converts an HTML fragment to a single line (for titles): like
/// [`to_text`], with line breaks turned into spaces.
#[must_use]
pub fn to_line(html: &str) -> Plain {
    let mut plain = to_text(html);
    plain.text = plain.text.split_whitespace().collect::<Vec<_>>().join(" ");
    plain
}

/// Every URL that embed code (`<iframe src>`, `<blockquote>` with links,
/// `<img src>`) points to, in order, without duplicates; scripts' own
/// sources are left out (they are code, not content).
#[must_use]
pub fn urls(html: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        let tail = rest.get(lt..).unwrap_or_default();
        rest = match Tag::parse(tail) {
            Some((tag, after)) => {
                let wanted = [tag.href, if tag.name == "script" { None } else { tag.src }];
                for url in wanted.into_iter().flatten().filter(|u| keep_href(u)) {
                    if !found.contains(&url) {
                        found.push(url);
                    }
                }
                after
            }
            None => tail.get(1..).unwrap_or_default(),
        };
    }
    found
}

/// True for links that can be kept as sources: not empty, not script.
fn keep_href(href: &str) -> bool {
    let lower = href.trim().to_ascii_lowercase();
    !lower.is_empty()
        && !["javascript:", "vbscript:", "data:"]
            .iter()
            .any(|p| lower.starts_with(p))
}

/// Trims every line, drops leading and trailing blank lines and keeps at
/// most one empty line in a row.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

/// One tag as written: `<a href="x">`, `</p>`, `<br/>`, or markup to skip.
struct Tag {
    /// Lower-case element name; empty for comments, doctypes and `<?…?>`.
    name: String,
    closing: bool,
    self_closing: bool,
    href: Option<String>,
    src: Option<String>,
}

impl Tag {
    /// A comment, doctype or processing instruction: skipped.
    fn markup() -> Self {
        Self {
            name: String::new(),
            closing: false,
            self_closing: true,
            href: None,
            src: None,
        }
    }

    /// Parses the tag at the start of `text` (which starts with `<`); gives
    /// the tag and the text after it, or `None` when the `<` starts no tag.
    fn parse(text: &str) -> Option<(Self, &str)> {
        let bytes = text.as_bytes();
        match bytes.get(1) {
            Some(b'!') => {
                if let Some(body) = text.strip_prefix("<!--") {
                    let after = body
                        .find("-->")
                        .and_then(|end| body.get(end + 3..))
                        .unwrap_or_default();
                    return Some((Self::markup(), after));
                }
                let after = text
                    .find('>')
                    .and_then(|end| text.get(end + 1..))
                    .unwrap_or_default();
                Some((Self::markup(), after))
            }
            Some(b'?') => {
                let after = text
                    .find('>')
                    .and_then(|end| text.get(end + 1..))
                    .unwrap_or_default();
                Some((Self::markup(), after))
            }
            Some(b'/') => {
                let name_start = 2;
                let name = element_name(text.get(name_start..).unwrap_or_default());
                if name.is_empty() {
                    return None;
                }
                let after = text
                    .find('>')
                    .and_then(|end| text.get(end + 1..))
                    .unwrap_or_default();
                Some((
                    Self {
                        name,
                        closing: true,
                        self_closing: false,
                        href: None,
                        src: None,
                    },
                    after,
                ))
            }
            Some(b) if b.is_ascii_alphabetic() => {
                let name = element_name(text.get(1..).unwrap_or_default());
                let attributes_at = 1 + name.len();
                let (urls, self_closing, after) =
                    attributes(text.get(attributes_at..).unwrap_or_default());
                Some((
                    Self {
                        name,
                        closing: false,
                        self_closing,
                        href: urls.href,
                        src: urls.src,
                    },
                    after,
                ))
            }
            _ => None,
        }
    }
}

/// The lower-case element name at the start of `text`.
fn element_name(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == ':')
        .collect::<String>()
        .to_ascii_lowercase()
}

/// The URL attributes of a tag, entities decoded.
#[derive(Default)]
struct Urls {
    href: Option<String>,
    src: Option<String>,
}

/// Reads attributes up to the closing `>`: gives the `href` and `src`,
/// whether the tag ends in `/>`, and the text after the tag.
fn attributes(text: &str) -> (Urls, bool, &str) {
    let mut urls = Urls::default();
    let mut rest = text;
    let mut self_closing = false;
    loop {
        rest = rest.trim_start();
        let Some(first) = rest.chars().next() else {
            return (urls, self_closing, "");
        };
        match first {
            '>' => return (urls, self_closing, rest.get(1..).unwrap_or_default()),
            '/' => {
                self_closing = true;
                rest = rest.get(1..).unwrap_or_default();
                continue;
            }
            _ => self_closing = false,
        }
        let name_len =
            match rest.find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/') {
                Some(0) => first.len_utf8(),
                Some(len) => len,
                None => rest.len(),
            };
        let name = rest
            .get(..name_len)
            .unwrap_or_default()
            .to_ascii_lowercase();
        rest = rest.get(name_len..).unwrap_or_default().trim_start();
        let Some(after_eq) = rest.strip_prefix('=') else {
            continue;
        };
        rest = after_eq.trim_start();
        let value = if let Some(quote @ ('"' | '\'')) = rest.chars().next() {
            let body = rest.get(1..).unwrap_or_default();
            let end = body.find(quote).unwrap_or(body.len());
            rest = body.get(end + 1..).unwrap_or_default();
            body.get(..end).unwrap_or_default()
        } else {
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '>')
                .unwrap_or(rest.len());
            let value = rest.get(..end).unwrap_or_default();
            rest = rest.get(end..).unwrap_or_default();
            value
        };
        let decoded = || Some(html_escape::decode_html_entities(value).trim().to_owned());
        match name.as_str() {
            "href" => urls.href = decoded(),
            "src" => urls.src = decoded(),
            _ => {}
        }
    }
}

/// Finds `needle` (ASCII) in `hay` ignoring ASCII case.
fn find_ignore_case(hay: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    hay.as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// The text being built, with whitespace and line breaks pending until the
/// next visible character (so that nothing trails and nothing doubles).
#[derive(Default)]
struct Out {
    text: String,
    space: bool,
    breaks: u8,
    bullet: bool,
    pre: usize,
    /// Open `<a>` elements: href and where their text starts.
    anchors: Vec<(Option<String>, usize)>,
    links: Vec<Link>,
}

impl Out {
    fn text_segment(&mut self, raw: &str) {
        if raw.is_empty() {
            return;
        }
        let decoded = html_escape::decode_html_entities(raw);
        for c in decoded.chars() {
            if self.pre > 0 {
                if c == '\n' {
                    self.line_break();
                } else if c != '\r' {
                    self.visible(c);
                }
            } else if c.is_ascii_whitespace() {
                self.space = true;
            } else {
                self.visible(c);
            }
        }
    }

    fn visible(&mut self, c: char) {
        if !self.text.is_empty() {
            if self.breaks > 0 {
                while self.text.ends_with(' ') {
                    self.text.pop();
                }
                for _ in 0..self.breaks {
                    self.text.push('\n');
                }
            } else if self.space && !self.text.ends_with(['\n', ' ']) {
                self.text.push(' ');
            }
        }
        if self.bullet {
            self.text.push_str("• ");
        }
        self.space = false;
        self.breaks = 0;
        self.bullet = false;
        self.text.push(c);
    }

    fn block(&mut self, breaks: u8) {
        self.breaks = self.breaks.max(breaks);
        self.space = false;
    }

    fn line_break(&mut self) {
        self.breaks = (self.breaks + 1).min(2);
        self.space = false;
    }

    /// Handles one tag; gives the text after it (after a dropped element's
    /// content, for `<script>` and the like).
    fn tag<'t>(&mut self, tag: &Tag, after: &'t str) -> &'t str {
        let name = tag.name.as_str();
        if name.is_empty() {
            return after;
        }
        if !tag.closing && DROPPED.contains(&name) {
            if tag.self_closing {
                return after;
            }
            // Skip to the matching end tag, or to the end of the text.
            return match find_ignore_case(after, &format!("</{name}")) {
                Some(end) => {
                    let close = after.get(end..).unwrap_or_default();
                    close
                        .find('>')
                        .and_then(|gt| close.get(gt + 1..))
                        .unwrap_or_default()
                }
                None => "",
            };
        }
        match name {
            "br" => self.line_break(),
            "a" if !tag.closing => self.anchors.push((tag.href.clone(), self.text.len())),
            "a" => self.close_anchor(),
            "li" if !tag.closing => {
                self.block(1);
                self.bullet = true;
            }
            "pre" => {
                self.pre = if tag.closing {
                    self.pre.saturating_sub(1)
                } else {
                    self.pre + 1
                };
                self.block(2);
            }
            // Table cells side by side are separate words.
            "td" | "th" => self.space = true,
            _ if PARAGRAPHS.contains(&name) => self.block(2),
            _ if BLOCKS.contains(&name) => self.block(1),
            _ => {}
        }
        after
    }

    fn close_anchor(&mut self) {
        let Some((href, start)) = self.anchors.pop() else {
            return;
        };
        let Some(href) = href.filter(|h| keep_href(h)) else {
            return;
        };
        let label = self
            .text
            .get(start..)
            .unwrap_or_default()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let label = if label.is_empty() {
            href.clone()
        } else {
            label
        };
        self.links.push(Link { label, href });
    }

    fn finish(mut self) -> Plain {
        while !self.anchors.is_empty() {
            self.close_anchor();
        }
        Plain {
            text: tidy(&self.text),
            links: self.links,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_dropped_entities_decoded() {
        let plain = to_text("<p>Tom &amp; Jerry&#39;s <em>big</em>&nbsp;day</p>");
        assert_eq!(plain.text, "Tom & Jerry's big\u{a0}day");
        assert_eq!(to_text("caf&eacute; &lt;b&gt; &#x263A;").text, "café <b> ☺");
    }

    #[test]
    fn script_and_style_content_is_dropped() {
        let plain = to_text(
            "Before<script type=\"text/javascript\">alert('<b>x</b>');</script> after<style>p{color:red}</style>.",
        );
        assert_eq!(plain.text, "Before after.");
        assert_eq!(to_text("x<SCRIPT>never closed").text, "x");
        assert_eq!(to_text("<!-- a <b>comment</b> -->text").text, "text");
    }

    #[test]
    fn paragraphs_and_breaks_become_lines() {
        let plain = to_text(
            "<p>One\n   line.</p> <p>Two<br>three<br/><br />four</p><ul><li>a</li><li>b</li></ul>",
        );
        assert_eq!(plain.text, "One line.\n\nTwo\nthree\n\nfour\n\n• a\n• b");
        assert_eq!(to_line("<h2>A</h2><p>B</p>").text, "A B");
        assert_eq!(
            to_text("<table><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table>").text,
            "1 2\n3"
        );
    }

    #[test]
    fn links_are_collected() {
        let plain = to_text(
            "See <a href=\"https://example.org/a?x=1&amp;y=2\" target=_blank>the <b>report</b></a> and <a href='javascript:alert(1)'>this</a>, <a href=https://b.example>https://b.example</a>.",
        );
        assert_eq!(plain.text, "See the report and this, https://b.example.");
        assert_eq!(
            plain.links,
            vec![
                Link {
                    label: "the report".to_owned(),
                    href: "https://example.org/a?x=1&y=2".to_owned()
                },
                Link {
                    label: "https://b.example".to_owned(),
                    href: "https://b.example".to_owned()
                },
            ]
        );
    }

    #[test]
    fn embed_code_gives_its_urls() {
        let embed = "<blockquote class=\"twitter-tweet\"><p>Hi</p>&mdash; <a href=\"https://twitter.com/x/status/1\">May 1</a></blockquote><script async src=\"https://platform.twitter.com/widgets.js\"></script><iframe src='https://www.youtube.com/embed/x'></iframe>";
        assert_eq!(
            urls(embed),
            [
                "https://twitter.com/x/status/1",
                "https://www.youtube.com/embed/x"
            ]
        );
    }

    #[test]
    fn sloppy_html_never_panics() {
        for text in [
            "<",
            "a < b",
            "<a href=",
            "<a href=\"x",
            "</",
            "<!--",
            "<p",
            "&",
            "&#99999999;",
            "<a>x",
            "é<é>é",
            "<pre>a\n b</pre>c",
        ] {
            let _ = to_text(text);
        }
        assert_eq!(to_text("a < b").text, "a < b");
        assert_eq!(to_text("<pre>a\n  b</pre>c").text, "a\nb\n\nc");
    }

    #[test]
    fn plain_text_keeps_its_lines() {
        assert_eq!(
            to_text("Line one\r\nLine two &amp; more").text,
            "Line one\nLine two & more"
        );
    }
}
