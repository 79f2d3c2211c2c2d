//! Undo what PDF extraction does to a letter: page furniture in the running text, lines
//! hard-wrapped at the page width, paragraphs split by a page break, stray spaces between
//! Han characters. The result is one block per paragraph (or heading), joined by `\n`.

use super::text::{display_width, is_cjk, is_sentence_end, is_space, may_start_space, Span};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    /// Blocks joined by a single `\n`; every span of the analysis points into this.
    pub text: String,
    pub blocks: Vec<Span>,
    /// Furniture lines removed, trimmed, in order (the document symbol is read from these).
    pub furniture: Vec<String>,
}

impl Cleaned {
    pub fn block(&self, i: usize) -> &str {
        self.blocks
            .get(i)
            .map(|s| s.slice(&self.text))
            .unwrap_or("")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Blank,
    Furniture,
    Text,
}

/// `t`: the line without its surrounding spaces.
fn classify(t: &str) -> LineKind {
    if t.is_empty() {
        LineKind::Blank
    } else if is_furniture(t) {
        LineKind::Furniture
    } else {
        LineKind::Text
    }
}

/// A UN document symbol standing alone on a line, as printed in the page header:
/// `S/2020/911`, `A/74/19`, `S/PRST/2007/2`, `S/RES/2436 (2018)`.
pub fn is_symbol_line(t: &str) -> bool {
    // Every line of a letter is tested: the organ is checked first, and nothing allocated.
    let Some((organ, _)) = t.split_once('/') else {
        return false;
    };
    if organ.is_empty() || organ.len() > 4 || !organ.bytes().all(|b| b.is_ascii_uppercase()) {
        return false;
    }
    // The organ holds no space, so a " (" (the year of S/RES/2436 (2018)) comes after it.
    let core = t.split(" (").next().unwrap_or(t);
    let Some((_, rest)) = core.split_once('/') else {
        return false;
    };
    rest.contains('/')
        && rest
            .split('/')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '.'))
        && rest
            .split('/')
            .any(|p| p.chars().all(|c| c.is_ascii_digit()))
}

/// A job number: two digits, a hyphen, five digits (`20-12063`).
pub fn is_job_number(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() == 8
        && b[2] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 2 || c.is_ascii_digit())
}

/// A page number in the `5/20` form.
fn is_page_number(w: &str) -> bool {
    let mut it = w.split('/');
    let (Some(a), Some(b), None) = (it.next(), it.next(), it.next()) else {
        return false;
    };
    !a.is_empty()
        && !b.is_empty()
        && a.len() <= 4
        && b.len() <= 4
        && a.chars().all(|c| c.is_ascii_digit())
        && b.chars().all(|c| c.is_ascii_digit())
}

/// Page furniture: the symbol header, the job-number/page footer (`20-12063� 5/20`,
/// `20/20� 20-12063`, `20-12063 (C)`), the bar code (`*2012063*`) and the distribution line.
pub fn is_furniture(t: &str) -> bool {
    if is_symbol_line(t) {
        return true;
    }
    // The first-page header laid out in columns: the organ's name beside the symbol (which
    // has a slash: most lines have none, and need not be split into columns).
    let cols = if t.contains('/') {
        super::meta::columns(t)
    } else {
        Vec::new()
    };
    if cols.len() > 1
        && cols.iter().any(|c| is_symbol_line(c))
        && cols.iter().all(|c| {
            is_symbol_line(c)
                || matches!(
                    *c,
                    "United Nations" | "联合国" | "Security Council" | "安全理事会"
                )
        })
    {
        return true;
    }
    if t.len() >= 3 && t.starts_with('*') && t.ends_with('*') {
        let inner = &t[1..t.len() - 1];
        if inner.len() >= 6 && inner.chars().all(|c| c.is_ascii_digit()) {
            return true;
        }
    }
    if t.starts_with("Distr.:") || t.starts_with("Distr:") {
        return true;
    }
    // Footer: words separated by spaces or by the replacement character that the PDF's
    // private-use glyph becomes; one job number plus only page numbers and language codes.
    // One pass that stops at the first word of any other kind (a line of text's first).
    // Each of those kinds starts with a digit or `(`: a line whose first word does not is
    // told apart without splitting out that word (a line of Chinese has no space to end it).
    if !matches!(
        t.chars().find(|c| !(is_space(*c) || *c == '\u{FFFD}')),
        Some('0'..='9' | '(')
    ) {
        return false;
    }
    let mut jobs = 0;
    for w in t
        .split(|c: char| is_space(c) || c == '\u{FFFD}')
        .filter(|w| !w.is_empty())
    {
        if is_job_number(w) {
            jobs += 1;
        } else if !(is_page_number(w) || matches!(w, "(C)" | "(E)" | "(F)" | "(R)" | "(S)" | "(A)"))
        {
            return false;
        }
    }
    jobs == 1
}

/// What the block-joining rules need to know of a text line, worked out once per line:
/// each line is looked at again as the previous line of the next one.
struct LineFacts {
    /// An annex label (附件一, Annex I): the block after it is a statement heading.
    annex: bool,
    /// A line that must stand as its own block whatever its neighbours: an annex label or
    /// an original-language marker.
    structural: bool,
    width: usize,
}

impl LineFacts {
    fn of(t: &str) -> LineFacts {
        let annex = super::structure::annex_label(t).is_some();
        LineFacts {
            annex,
            structural: annex || super::structure::language_marker(t).is_some(),
            width: display_width(t),
        }
    }
}

/// How a statement's heading ends (…的发言).
const HEADING_ENDS: [&str; 4] = ["的发言", "的通报", "的声明", "的讲话"];

struct Line<'a> {
    text: &'a str,
    indented: bool,
}

/// Width above which a line is taken to be filled to the margin (and so hard-wrapped):
/// three quarters of the 90th percentile of line widths.
fn full_width(mut widths: Vec<usize>) -> usize {
    if widths.is_empty() {
        return usize::MAX;
    }
    widths.sort_unstable();
    let p90 = widths[(widths.len() * 9 / 10).min(widths.len() - 1)];
    (p90 * 3 / 4).max(8)
}

pub fn clean(raw: &str) -> Cleaned {
    let raw = raw.strip_prefix('\u{FEFF}').unwrap_or(raw);
    let mut furniture = Vec::new();
    // Each text line with whether blank lines, and among them a page break (removed
    // furniture), came before it.
    let mut items: Vec<(Line<'_>, bool, bool)> = Vec::new();
    let mut gap = false;
    let mut page_break = false;
    for line in raw.lines() {
        let t = line.trim_matches(is_space);
        match classify(t) {
            LineKind::Blank => gap = true,
            LineKind::Furniture => {
                furniture.push(t.to_string());
                gap = true;
                page_break = true;
            }
            LineKind::Text => {
                let indented = line.starts_with(is_space);
                items.push((Line { text: t, indented }, gap, page_break));
                gap = false;
                page_break = false;
            }
        }
    }
    let facts: Vec<LineFacts> = items
        .iter()
        .map(|(l, _, _)| LineFacts::of(l.text))
        .collect();
    let full = full_width(facts.iter().map(|f| f.width).collect());

    let mut blocks: Vec<String> = Vec::new();
    let mut prev: Option<(&str, &LineFacts)> = None;
    // Whether the block being built follows an annex label, i.e. is a statement heading.
    let mut heading_block = false;
    for ((line, gap, page_break), fact) in items.iter().zip(&facts) {
        let starts_new = match prev {
            None => true,
            Some((p, pf)) => {
                let prev_end = p.chars().last().unwrap_or('。');
                let wrapped = pf.width >= full && !is_sentence_end(prev_end);
                if fact.structural || pf.structural {
                    true
                } else if heading_block && HEADING_ENDS.iter().any(|e| p.ends_with(e)) {
                    // A heading that fills the line is still only the heading.
                    true
                } else if *gap {
                    // A blank line ends a paragraph, unless the page ended mid-sentence.
                    !(*page_break && wrapped)
                } else {
                    // Within a run of lines only an indent after a full stop or a line
                    // short of the margin (a heading, a signature, a paragraph's last
                    // line) ends the block.
                    (line.indented && is_sentence_end(prev_end)) || pf.width < full
                }
            }
        };
        if starts_new {
            heading_block = prev.is_some_and(|(_, pf)| pf.annex);
            blocks.push(line.text.to_string());
        } else if let Some(block) = blocks.last_mut() {
            join_line(block, line.text);
        }
        prev = Some((line.text, fact));
    }

    let mut text = String::with_capacity(raw.len());
    let mut spans = Vec::with_capacity(blocks.len());
    for b in &blocks {
        if !text.is_empty() {
            text.push('\n');
        }
        let start = text.len();
        squeeze_cjk_spaces_into(&mut text, b);
        spans.push(Span::new(start, text.len()));
    }
    Cleaned {
        text,
        blocks: spans,
        furniture,
    }
}

/// Chinese lines join with nothing between them, Latin ones with a space.
fn join_line(block: &mut String, next: &str) {
    let last = block.chars().last();
    let first = next.chars().next();
    if let (Some(a), Some(b)) = (last, first) {
        let latin_end = !is_cjk(a) && (a.is_alphanumeric() || ",.;:)?!\"'%".contains(a));
        let latin_start = !is_cjk(b) && (b.is_alphanumeric() || "(\"'".contains(b));
        if latin_end && latin_start && a != '-' {
            block.push(' ');
        }
    }
    block.push_str(next);
}

/// Removes spaces that extraction put between Han characters (`综 合业 绩` → `综合业绩`),
/// keeping spaces that separate Latin words or numbers.
#[cfg(test)]
fn squeeze_cjk_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    squeeze_cjk_spaces_into(&mut out, s);
    out
}

/// [`squeeze_cjk_spaces`] appending to `out` (the cleaned text being built), so a block
/// needs no copy of its own. A run of spaces becomes one space, or nothing between two
/// CJK characters.
fn squeeze_cjk_spaces_into(out: &mut String, s: &str) {
    // The last character pushed.
    let mut before: Option<char> = None;
    // `s[copied..]` is not in `out` yet: text between spaces is copied a run at a time.
    let mut copied = 0;
    let mut at = 0;
    let bytes = s.as_bytes();
    while at < bytes.len() {
        // Han characters are passed over without being decoded.
        if !may_start_space(bytes[at]) {
            at += 1;
            continue;
        }
        let Some(c) = s[at..].chars().next() else {
            break;
        };
        if !is_space(c) {
            at += c.len_utf8();
            continue;
        }
        if copied < at {
            out.push_str(&s[copied..at]);
            before = s[copied..at].chars().next_back();
        }
        let mut end = at + c.len_utf8();
        while let Some(c) = s[end..].chars().next().filter(|c| is_space(*c)) {
            end += c.len_utf8();
        }
        let after = s[end..].chars().next();
        let drop = matches!((before, after), (Some(a), Some(b)) if is_cjk(a) && is_cjk(b));
        if !drop {
            out.push(' ');
            before = Some(' ');
        }
        copied = end;
        at = end;
    }
    out.push_str(&s[copied..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbol_lines() {
        for s in [
            "S/2020/911",
            "S/2020/911 (Chinese)",
            "A/74/19",
            "S/PRST/2007/2",
        ] {
            assert!(is_symbol_line(s), "{s}");
        }
        // The organ is what precedes the first slash, and before any " (".
        for s in [
            "S (2020)/911/1",
            "s/2020/911",
            "UNSCR/2020/1",
            "/2020/911",
            "S/PV.8758",
            "见 S/2020/897",
            "S/2020/ 911",
            "S/2020",
        ] {
            assert!(!is_symbol_line(s), "{s}");
        }
    }

    #[test]
    fn furniture_lines() {
        for f in [
            "S/2020/911",
            "20-12063\u{FFFD} 5/20",
            "20/20\u{FFFD} 20-12063",
            "*2012063*",
            "S/PRST/2007/2",
            "20-12063 (C)",
            "Distr.: General",
            "United Nations                                                    S/2024/1234",
        ] {
            assert!(is_furniture(f), "{f}");
        }
        for t in [
            "（S/2020/372）中所述",
            "as set out in   S/2020/372   last year",
            "第2518 (2020)号决议",
            "2020年9月16日",
            "5/20",
            "20-12063 是编号",
        ] {
            assert!(!is_furniture(t), "{t}");
        }
    }

    #[test]
    fn page_break_in_mid_sentence_is_joined() {
        let long = "根据行动计划采取的旨在提高联合国维和人员安全与安全与安全与安全与安";
        let raw = format!(
            "{long}\n\n\nS/2020/911\n\n20-12063\u{FFFD} 5/20\n\n保的措施无疑为此做出了贡献。\n"
        );
        let c = clean(&raw);
        assert_eq!(c.blocks.len(), 1);
        assert!(c.text.ends_with("与安保的措施无疑为此做出了贡献。"));
        assert_eq!(c.furniture, vec!["S/2020/911", "20-12063\u{FFFD} 5/20"]);
    }

    #[test]
    fn blank_line_without_page_break_ends_paragraph() {
        let raw = "第一段没有句号的标题行\n\n第二段。";
        let c = clean(raw);
        assert_eq!(c.blocks.len(), 2);
        assert_eq!(c.block(1), "第二段。");
    }

    #[test]
    fn wrapped_lines_join_without_space_in_chinese_and_with_space_in_latin() {
        let zh = clean("我们的行动已在冠状病毒病大流行的情况下作出调整并将继续推进改\n革。");
        assert_eq!(
            zh.block(0),
            "我们的行动已在冠状病毒病大流行的情况下作出调整并将继续推进改革。"
        );
        let en = clean("The Council underlined the importance of the\nmandates set out in resolution 2436\n(2018) and welcomed the report.");
        assert_eq!(
            en.block(0),
            "The Council underlined the importance of the mandates set out in resolution 2436 (2018) and welcomed the report."
        );
    }

    #[test]
    fn stray_spaces_between_han_are_removed() {
        assert_eq!(
            squeeze_cjk_spaces("的 挑 战 ，包 括 通 过使 用综 合业 绩 评 估系 统 。"),
            "的挑战，包括通过使用综合业绩评估系统。"
        );
        assert_eq!(
            squeeze_cjk_spaces("第2518 (2020)号决议"),
            "第2518 (2020)号决议"
        );
    }

    /// The character-at-a-time squeeze that the run-at-a-time one replaced.
    fn squeeze_by_char(s: &str) -> String {
        let mut out = String::new();
        let mut before: Option<char> = None;
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            if is_space(c) {
                while chars.next_if(|c| is_space(*c)).is_some() {}
                let after = chars.peek().copied();
                let drop = matches!((before, after), (Some(a), Some(b)) if is_cjk(a) && is_cjk(b));
                if !drop {
                    out.push(' ');
                    before = Some(' ');
                }
            } else {
                out.push(c);
                before = Some(c);
            }
        }
        out
    }

    #[test]
    fn squeezing_by_runs_matches_squeezing_by_characters() {
        let english = include_str!("../../tests/fixtures/english-letter.txt");
        for s in crate::core::SEED_ZH.lines().chain(english.lines()).chain([
            "",
            " ",
            "  中 \u{3000}文\u{00A0} x \u{2028}\u{205F}y 。 “ ” \u{1680}é ",
            "\t中\r\n",
            "a  b",
        ]) {
            assert_eq!(squeeze_cjk_spaces(s), squeeze_by_char(s), "{s:?}");
        }
    }

    #[test]
    fn annex_label_stands_alone() {
        let raw = "最后一段的最后一行是这样写的而且相当长的一行文字。\n 附件一\n主管和平行动副秘书长的发言\n\n正文。";
        let c = clean(raw);
        assert_eq!(c.block(1), "附件一");
        assert_eq!(c.block(2), "主管和平行动副秘书长的发言");
    }

    #[test]
    fn empty_and_blank_input() {
        assert!(clean("").blocks.is_empty());
        assert!(clean("\n\n  \n").blocks.is_empty());
    }
}
