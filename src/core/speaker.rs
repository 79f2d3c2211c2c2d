//! A statement's heading → who spoke: the state or office represented, the post, the name.
//! 中国常驻联合国副代表耿爽的发言 → China (CHN), 常驻联合国副代表, 耿爽.
//! Statement by the Permanent Representative of Estonia to the United Nations, Sven Jürgenson
//! → Estonia (EST), Permanent Representative … to the United Nations, Sven Jürgenson.

use serde::{Deserialize, Serialize};

use super::gazetteer::{state_matcher, states};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    /// The person, when the heading names one (a mission speaking has none).
    pub name: Option<String>,
    pub post: Option<String>,
    /// The state or office as printed (比利时, 秘书处 …).
    pub represents: Option<String>,
    /// ISO 3166 alpha-3 for a state, `UN` for the Secretariat.
    pub code: Option<String>,
}

/// Ends of Chinese post titles; the name follows the last one.
const ZH_POSTS: [&str; 14] = [
    "代表团",
    "代表",
    "协调员",
    "大使",
    "秘书长",
    "主席",
    "部长",
    "参赞",
    "临时代办",
    "特使",
    "顾问",
    "主任",
    "专员",
    "高级专员",
];

/// Posts of the United Nations Secretariat.
const UN_POSTS: [&str; 6] = [
    "秘书长",
    "特别代表",
    "特使",
    "高级专员",
    "Secretary-General",
    "Special Representative",
];

pub fn parse_heading(heading: &str) -> Speaker {
    if heading.is_ascii() || heading.contains("Statement") || heading.contains("Briefing") {
        parse_english(heading)
    } else {
        parse_chinese(heading)
    }
}

fn parse_chinese(heading: &str) -> Speaker {
    let core = ["的发言", "的通报", "的声明", "的讲话", "发言"]
        .iter()
        .find_map(|suffix| heading.strip_suffix(suffix))
        .unwrap_or(heading)
        .trim();
    // "2021年3月1日中华人民共和国常驻联合国代表团关于…的声明": the date before the speaker
    // and the topic after 关于 are not part of who speaks.
    let core = core.split("关于").next().unwrap_or(core);
    let core = match core.split_once('日') {
        Some((date, rest))
            if date.contains('年')
                && date
                    .chars()
                    .all(|c| c.is_ascii_digit() || "年月".contains(c)) =>
        {
            rest
        }
        _ => core,
    }
    .trim();
    let state = state_matcher()
        .find(core)
        .into_iter()
        .next()
        .filter(|h| h.start == 0);
    let (represents, code, rest) = match state {
        Some(h) => (
            Some(core[..h.end].to_string()),
            Some(states()[h.entry].iso3.clone()),
            &core[h.end..],
        ),
        None if UN_POSTS.iter().any(|p| core.contains(p)) => {
            (Some("联合国".to_string()), Some("UN".to_string()), core)
        }
        None => (None, None, core),
    };
    let post_end = ZH_POSTS
        .iter()
        .filter_map(|p| rest.rfind(p).map(|at| at + p.len()))
        .max();
    let (post, name) = match post_end {
        Some(end) => (Some(rest[..end].to_string()), rest[end..].trim()),
        None => (None, rest.trim()),
    };
    Speaker {
        name: (!name.is_empty()).then(|| name.to_string()),
        post: post.filter(|p| !p.is_empty()),
        represents,
        code,
    }
}

fn parse_english(heading: &str) -> Speaker {
    let core = [
        "Statement by ",
        "Briefing by ",
        "Statement of ",
        "Remarks by ",
    ]
    .iter()
    .find_map(|p| heading.strip_prefix(p))
    .unwrap_or(heading)
    .trim_start_matches("the ")
    .trim_end_matches('.')
    .trim();
    let state = state_matcher().find(core).into_iter().next();
    let (represents, code) = match state {
        Some(h) => (
            Some(core[h.start..h.end].to_string()),
            Some(states()[h.entry].iso3.clone()),
        ),
        None if UN_POSTS.iter().any(|p| core.contains(p)) => {
            (Some("United Nations".to_string()), Some("UN".to_string()))
        }
        None => (None, None),
    };
    // "…, Sven Jürgenson": a name after the last comma, if it is not part of the post.
    let (post, name) = match core.rsplit_once(", ") {
        Some((post, name))
            if !name.contains("United Nations")
                && name.split(' ').all(|w| w.starts_with(char::is_uppercase)) =>
        {
            (post.to_string(), Some(name.to_string()))
        }
        _ => (core.to_string(), None),
    };
    Speaker {
        name,
        post: (!post.is_empty()).then_some(post),
        represents,
        code,
    }
}
