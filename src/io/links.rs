//! Which source URLs are web links. Only these are ever opened (in the
//! system browser); anything else is shown as text.
//!
//! **Architecture invariant:** the URL that is checked is the URL that is
//! opened: [`web_url`] returns the very text to open, never a verdict on
//! one text that is then applied to another.

use super::diag::is_unsafe;

/// The URL to open for `url` as written, or `None` when it must not be a
/// link. A web link is `http://` or `https://` (any case) with a host,
/// after trimming surrounding whitespace; it has no whitespace inside and
/// no control, bidi or invisible character anywhere (those make a link read
/// as something it is not). `http://a` is a web link; `https://`,
/// `javascript:…`, `file:…` and `data:…` are not.
#[must_use]
pub fn web_url(url: &str) -> Option<&str> {
    let url = url.trim();
    let rest = strip_scheme(url, "https://").or_else(|| strip_scheme(url, "http://"))?;
    if url.chars().any(|c| c.is_whitespace() || is_unsafe(c)) {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_and_port = authority.rsplit('@').next().unwrap_or_default();
    let host = if host_and_port.starts_with('[') {
        // An IPv6 literal: `[::1]:8080`.
        host_and_port.split(']').next().unwrap_or_default()
    } else {
        host_and_port.split(':').next().unwrap_or_default()
    };
    (!host.trim_start_matches('[').is_empty()).then_some(url)
}

/// `url` without `scheme`, compared without regard to case.
fn strip_scheme<'u>(url: &'u str, scheme: &str) -> Option<&'u str> {
    let head = url.get(..scheme.len())?;
    head.eq_ignore_ascii_case(scheme)
        .then(|| url.get(scheme.len()..))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_links_are_http_and_https_with_a_host() {
        assert_eq!(
            web_url("https://www.reuters.com/"),
            Some("https://www.reuters.com/")
        );
        assert_eq!(
            web_url("HTTP://example.org/x"),
            Some("HTTP://example.org/x")
        );
        assert_eq!(web_url("http://a"), Some("http://a"));
        assert_eq!(web_url("http://[::1]:8080/x"), Some("http://[::1]:8080/x"));
        assert_eq!(web_url("https://user@host"), Some("https://user@host"));
        for bad in [
            "https://",
            "http://",
            "http:///x",
            "http://:80",
            "http://[]/",
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "file:///etc/passwd",
            "data:text/html,<b>x</b>",
            "ftp://example.org",
            "",
            "é",
        ] {
            assert_eq!(web_url(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn the_checked_url_is_the_opened_url() {
        // Surrounding whitespace is trimmed, and the trimmed text is what
        // is returned to open.
        assert_eq!(web_url("  https://a.org/ \n"), Some("https://a.org/"));
        assert_eq!(web_url("\thttp://a"), Some("http://a"));
        // Whitespace inside is not a link.
        assert_eq!(web_url("https://a.org/ x"), None);
        assert_eq!(web_url("https://a.org/\nx"), None);
    }

    #[test]
    fn controls_bidi_and_invisible_characters_are_never_links() {
        for spoofed in [
            "https://example.org/\u{202e}gpj.exe",
            "https://exa\u{200b}mple.org/",
            "https://example.org\u{2066}/x",
            "https://example.org/\u{1b}[2J",
            "https://\u{feff}example.org",
        ] {
            assert_eq!(web_url(spoofed), None, "{spoofed:?}");
        }
    }
}
