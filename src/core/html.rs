//! HTML → text: scripts, styles and navigation dropped, entities decoded, block elements
//! become paragraph breaks. A linear scan, so deeply nested or broken markup costs no more
//! than its length.

/// Elements whose content is never document text.
const SKIPPED: [&str; 10] = [
    "script", "style", "noscript", "template", "svg", "head", "nav", "iframe", "object", "button",
];

/// Elements that end a paragraph.
const BLOCKS: [&str; 27] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "hr",
    "dd",
    "dt",
    "dl",
    "main",
    "aside",
    "figure",
    "title",
];

pub fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    let mut pending_space = false;
    while let Some(lt) = rest.find('<') {
        push_text(&mut out, &rest[..lt], &mut pending_space);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            // An unclosed tag at the end: not text.
            rest = "";
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if !closing && SKIPPED.contains(&name.as_str()) && !tag.ends_with('/') {
            let end = format!("</{name}");
            rest = find_ci(rest, &end).map_or("", |at| {
                let after = &rest[at..];
                after.find('>').map_or("", |g| &after[g + 1..])
            });
            continue;
        }
        if name == "br" {
            out.push('\n');
            pending_space = false;
        } else if BLOCKS.contains(&name.as_str()) || name == "td" || name == "th" {
            if name == "td" || name == "th" {
                pending_space = true;
            } else {
                paragraph_break(&mut out);
                pending_space = false;
            }
        }
    }
    push_text(&mut out, rest, &mut pending_space);
    out.trim().to_string()
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    hay.char_indices().map(|(i, _)| i).find(|&i| {
        hay.get(i..i + n)
            .is_some_and(|s| s.eq_ignore_ascii_case(needle))
    })
}

fn paragraph_break(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
    if out.is_empty() || out.ends_with("\n\n") {
        return;
    }
    out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
}

/// Source whitespace collapses to one space (HTML's rule); entities are decoded after the
/// collapse so an `&nbsp;` survives as the character it is.
fn push_text(out: &mut String, raw: &str, pending_space: &mut bool) {
    if raw.is_empty() {
        return;
    }
    let mut collapsed = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_ascii_whitespace() {
            *pending_space = true;
        } else {
            // A space only between words: not at the start of the text or of a line.
            let at_line_start = collapsed.is_empty() && (out.is_empty() || out.ends_with('\n'));
            if *pending_space && !at_line_start {
                collapsed.push(' ');
            }
            *pending_space = false;
            collapsed.push(c);
        }
    }
    out.push_str(&html_escape::decode_html_entities(&collapsed));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_scripts_styles_and_navigation() {
        let html = "<html><head><title>T</title><style>p{color:red}</style></head><body>\
            <nav><a href=x>首页</a></nav><script>var x = '<p>no</p>';</script>\
            <p>第一段。</p><div>第二段</div><!-- <p>注释</p> --></body></html>";
        assert_eq!(html_text(html), "第一段。\n\n第二段");
    }

    #[test]
    fn entities_breaks_and_whitespace() {
        let html = "<p>A &amp; B&nbsp;C &ldquo;维和&rdquo; &#20013;&#x56FD;</p>\n<p>安全理事会主席<br>阿卜杜•阿巴里</p>";
        assert_eq!(
            html_text(html),
            "A & B\u{A0}C “维和” 中国\n\n安全理事会主席\n阿卜杜•阿巴里"
        );
        assert_eq!(html_text("<p>one\n   two</p>"), "one two");
    }

    #[test]
    fn broken_and_nested_markup_terminates() {
        assert_eq!(html_text("<p>text <b"), "text");
        assert_eq!(html_text("<script>never closed"), "");
        let deep = "<div>".repeat(10_000) + "深" + &"</div>".repeat(10_000);
        assert_eq!(html_text(&deep), "深");
        assert_eq!(html_text("<SCRIPT>x</SCRIPT>y"), "y");
    }
}
