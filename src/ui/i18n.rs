//! Interface text in Chinese (the default) and English. Document text is never translated.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Every label of the interface, in one language.
pub struct Text {
    pub toggle: &'static str,
    pub toggle_label: &'static str,
    pub subtitle: &'static str,
    pub documents: &'static str,
    pub seed: &'static str,
    pub statements: &'static str,
    pub cover: &'static str,
    pub annex: &'static str,
    pub original: &'static str,
    pub no_original: &'static str,
    pub words: &'static str,
    pub top_words: &'static str,
    pub pending: &'static str,
    pub loading: &'static str,
    pub failed: &'static str,
    pub contents: &'static str,
}

pub const ZH: Text = Text {
    toggle: "EN",
    toggle_label: "Switch the interface to English",
    subtitle: "安全理事会文件的分词、主题与比较",
    documents: "文件",
    seed: "种子",
    statements: "篇发言",
    cover: "来函",
    annex: "附件",
    original: "原件",
    no_original: "未注明原件语文",
    words: "词数",
    top_words: "高频实词",
    pending: "分词中…",
    loading: "分词引擎加载中…",
    failed: "分词引擎出错：",
    contents: "目录",
};

pub const EN: Text = Text {
    toggle: "中文",
    toggle_label: "切换到中文界面",
    subtitle: "Segmentation, themes and comparison of Security Council documents",
    documents: "Documents",
    seed: "seed",
    statements: "statements",
    cover: "Cover letter",
    annex: "Annex",
    original: "Original",
    no_original: "original language not stated",
    words: "Tokens",
    top_words: "Most frequent content words",
    pending: "segmenting…",
    loading: "Loading the segmenter…",
    failed: "The segmenter failed: ",
    contents: "Contents",
};

pub fn text(lang: Lang) -> &'static Text {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

pub fn language_name(lang: Lang, code: &str) -> String {
    let zh = match code {
        "zh" => "中文",
        "en" => "英文",
        "fr" => "法文",
        "ru" => "俄文",
        "es" => "西班牙文",
        "ar" => "阿拉伯文",
        other => other,
    };
    let en = match code {
        "zh" => "Chinese",
        "en" => "English",
        "fr" => "French",
        "ru" => "Russian",
        "es" => "Spanish",
        "ar" => "Arabic",
        other => other,
    };
    match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => en.to_string(),
    }
}

pub fn status_ready(lang: Lang, parts: usize, tokens: usize, ms: f64) -> String {
    match lang {
        Lang::Zh => format!("已分词：{parts} 个部分，共 {tokens} 个词，用时 {ms:.0} 毫秒"),
        Lang::En => format!("Segmented: {parts} parts, {tokens} tokens in {ms:.0} ms"),
    }
}

pub fn annex_label(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Zh => format!("附件{}", crate::core::text::chinese_numeral(n)),
        Lang::En => format!("Annex {n}"),
    }
}
