//! What a letter says about itself: symbol, job number, date, sender, the meeting it
//! reports and its topic, the documents it refers to.

use serde::{Deserialize, Serialize};

use super::clean::{is_job_number, is_symbol_line};
use super::text::is_space;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocKind {
    Letter,
    PresidentialStatement,
    Resolution,
    #[default]
    Other,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub kind: DocKind,
    pub symbol: Option<String>,
    /// The UN job number printed in the footer (20-12063).
    pub job_number: Option<String>,
    /// Date of the letter, ISO 8601.
    pub date: Option<String>,
    /// Post and name of the signatory (安全理事会主席 阿卜杜•阿巴里).
    pub sender: Option<String>,
    pub meeting_date: Option<String>,
    pub topic: Option<String>,
    /// Document symbols cited, other than the document's own, in order of first mention.
    pub references: Vec<String>,
}

/// The document symbol: from the page furniture, else a symbol standing alone on a line.
pub fn symbol(furniture: &[String], blocks: &[&str]) -> Option<String> {
    furniture
        .iter()
        .map(String::as_str)
        .chain(blocks.iter().copied().take(5))
        .flat_map(columns)
        .find(|l| is_symbol_line(l))
        .map(|s| s.split(" (").next().unwrap_or(s).to_string())
}

/// A header line laid out in columns (`United Nations      S/2024/1234`, as `pdftotext
/// -layout` gives it) → its columns; any other line → itself.
pub fn columns(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut spaces = 0;
    for (at, c) in line.char_indices() {
        if is_space(c) {
            spaces += 1;
            continue;
        }
        if spaces >= 3 && at > start {
            out.push(line[start..at].trim_matches(is_space));
            start = at;
        }
        spaces = 0;
    }
    out.push(line[start..].trim_matches(is_space));
    out.retain(|c| !c.is_empty());
    out
}

pub fn job_number(furniture: &[String]) -> Option<String> {
    furniture.iter().find_map(|line| {
        line.split(|c: char| is_space(c) || c == '\u{FFFD}')
            .find(|w| is_job_number(w))
            .map(String::from)
    })
}

pub fn kind(symbol: Option<&str>, has_annexes: bool) -> DocKind {
    match symbol {
        Some(s) if s.starts_with("S/PRST/") => DocKind::PresidentialStatement,
        Some(s) if s.starts_with("S/RES/") => DocKind::Resolution,
        _ if has_annexes => DocKind::Letter,
        _ => DocKind::Other,
    }
}

/// `2020年9月16日` at the start of `s` → ("2020-09-16", bytes consumed).
fn zh_date_at(s: &str) -> Option<(String, usize)> {
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let y = digits(s);
    if y != 4 || !s[y..].starts_with('年') {
        return None;
    }
    let mut i = y + '年'.len_utf8();
    let m = digits(&s[i..]);
    let month: u32 = s[i..i + m].parse().ok()?;
    i += m;
    if !s[i..].starts_with('月') {
        return None;
    }
    i += '月'.len_utf8();
    let d = digits(&s[i..]);
    let day: u32 = s[i..i + d].parse().ok()?;
    i += d;
    if !s[i..].starts_with('日') || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some((
        format!("{}-{month:02}-{day:02}", &s[..4]),
        i + '日'.len_utf8(),
    ))
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `16 September 2020` at the start of `s`.
fn en_date_at(s: &str) -> Option<(String, usize)> {
    // A day is a short number: without this bound, finding the end of the first word
    // scanned to the next space, and `dates` (which tries every position) was quadratic
    // on a long line with no space.
    s.bytes().take(12).position(|b| b == b' ')?;
    let mut words = s.splitn(4, ' ');
    let day: u32 = words.next()?.parse().ok()?;
    let month_word = words.next()?;
    let month = MONTHS.iter().position(|m| *m == month_word)? as u32 + 1;
    let year_word = words.next()?;
    let year_digits: String = year_word.chars().take_while(char::is_ascii_digit).collect();
    if year_digits.len() != 4 || !(1..=31).contains(&day) {
        return None;
    }
    let consumed = s.find(&year_digits)? + 4;
    Some((format!("{year_digits}-{month:02}-{day:02}"), consumed))
}

/// Every date in `s`, in order.
pub fn dates(s: &str) -> Vec<String> {
    s.char_indices()
        .filter(|(i, _)| *i == 0 || !s.as_bytes()[i - 1].is_ascii_digit())
        .filter_map(|(i, _)| zh_date_at(&s[i..]).or_else(|| en_date_at(&s[i..])))
        .map(|(d, _)| d)
        .collect()
}

/// The letter's own date: in its title (`2020年9月16日…的信`, `Letter dated 20 May 2021 from …`)
/// or on a line of its own near the top.
pub fn letter_date(title: Option<&str>, blocks: &[&str]) -> Option<String> {
    if let Some(t) = title {
        let t = t.strip_prefix("Letter dated ").unwrap_or(t);
        if let Some((d, _)) = zh_date_at(t).or_else(|| en_date_at(t)) {
            return Some(d);
        }
    }
    blocks
        .iter()
        .take(6)
        .find_map(|b| en_date_at(b).filter(|(_, n)| *n == b.len()).map(|(d, _)| d))
}

/// The signatory: a `(签名)` / `(Signed)` line with the post on the line before or after.
pub fn sender(cover: &[&str]) -> Option<String> {
    for (i, b) in cover.iter().enumerate() {
        let zh = ["(签名)", "（签名）"]
            .iter()
            .find_map(|m| b.strip_suffix(m));
        if let Some(name) = zh {
            let post = i
                .checked_sub(1)
                .map(|j| cover[j])
                .filter(|p| is_short_line(p));
            return Some(join_sender(post, name.trim()));
        }
        if let Some(name) = b.strip_prefix("(Signed)") {
            let post = cover.get(i + 1).copied().filter(|p| is_short_line(p));
            return Some(join_sender(post, name.trim()));
        }
    }
    None
}

fn is_short_line(s: &str) -> bool {
    s.chars().count() <= 60 && !s.ends_with('。') && !s.ends_with('.')
}

fn join_sender(post: Option<&str>, name: &str) -> String {
    match post {
        Some(p) => format!("{} {name}", p.trim()),
        None => name.to_string(),
    }
}

/// The meeting the letter reports: its date and topic, from the first paragraph of the
/// cover letter (`在2020年9月14日星期一召开的关于“联合国维和行动”的视频会议上`).
pub fn meeting(first_paragraph: &str) -> (Option<String>, Option<String>) {
    let date = dates(first_paragraph).into_iter().next();
    let topic = ["关于“", "on “", "on \""].iter().find_map(|open| {
        let start = first_paragraph.find(open)? + open.len();
        let rest = &first_paragraph[start..];
        let end = rest.find(['”', '"'])?;
        Some(rest[..end].to_string())
    });
    (date, topic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_both_languages() {
        assert_eq!(
            dates("在2020年9月14日星期一召开，2020年5月7日的信"),
            ["2020-09-14", "2020-05-07"]
        );
        assert_eq!(dates("Letter dated 20 May 2021 from"), ["2021-05-20"]);
        assert_eq!(dates("第2436（2018）号决议，13年"), Vec::<String>::new());
    }

    #[test]
    fn sender_from_signature_lines() {
        assert_eq!(
            sender(&["……分发。", "安全理事会主席", "阿卜杜•阿巴里(签名)"]).as_deref(),
            Some("安全理事会主席 阿卜杜•阿巴里")
        );
        assert_eq!(
            sender(&["(Signed) Tarek Ladeb", "President of the Security Council"]).as_deref(),
            Some("President of the Security Council Tarek Ladeb")
        );
    }

    #[test]
    fn job_numbers_from_footers() {
        let f = vec![
            "S/2020/911".to_string(),
            "20-12063\u{FFFD} 5/20".to_string(),
        ];
        assert_eq!(job_number(&f).as_deref(), Some("20-12063"));
    }
}
