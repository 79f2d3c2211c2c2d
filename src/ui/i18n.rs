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

pub fn status_ready(lang: Lang, parts: usize, tokens: usize, ms: f64, docs: usize) -> String {
    match lang {
        Lang::Zh => format!("已分词：{parts} 个部分，共 {tokens} 个词，用时 {ms:.0} 毫秒 · 工作区共 {docs} 份文件"),
        Lang::En => format!("Segmented: {parts} parts, {tokens} tokens in {ms:.0} ms · {docs} documents in the workspace"),
    }
}

pub fn annex_label(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Zh => format!("附件{}", crate::core::text::chinese_numeral(n)),
        Lang::En => format!("Annex {n}"),
    }
}

/// Labels added with uploads and document metadata.
pub struct MetaText {
    pub add_files: &'static str,
    pub add_hint: &'static str,
    pub reading: &'static str,
    pub symbol: &'static str,
    pub date: &'static str,
    pub sender: &'static str,
    pub meeting: &'static str,
    pub topic: &'static str,
    pub references: &'static str,
    pub job: &'static str,
    pub source: &'static str,
    pub resolutions: &'static str,
    pub no_speaker: &'static str,
    pub parts: &'static str,
    pub themes: &'static str,
    pub themes_chart: &'static str,
    pub no_themes: &'static str,
    pub key_terms: &'static str,
    pub doc_themes: &'static str,
    pub doc_key_terms: &'static str,
    pub filter: &'static str,
    pub filter_all: &'static str,
}

pub const META_ZH: MetaText = MetaText {
    add_files: "添加文件",
    add_hint: "可一次选择多个文件：文本（任意编码）、HTML、Word（.docx）或 PDF。文件只在本机处理。",
    reading: "读取中…",
    symbol: "文号",
    date: "日期",
    sender: "发信人",
    meeting: "会议日期",
    topic: "议题",
    references: "提及文件",
    job: "文件编号",
    source: "来源",
    resolutions: "引用决议",
    no_speaker: "（代表团发言，未署名）",
    parts: "个部分",
    themes: "主题（段落占比）",
    themes_chart: "各主题所占段落比例",
    no_themes: "未识别出主题",
    key_terms: "关键词（TF-IDF，对照工作区）",
    doc_themes: "全文主题（段落占比）",
    doc_key_terms: "全文关键词",
    filter: "只显示含此主题的段落：",
    filter_all: "全部段落",
};

pub const META_EN: MetaText = MetaText {
    add_files: "Add files",
    add_hint: "Select one or more files: text (any encoding), HTML, Word (.docx) or PDF. Files are read on this machine only.",
    reading: "reading…",
    symbol: "Symbol",
    date: "Date",
    sender: "Sender",
    meeting: "Meeting",
    topic: "Topic",
    references: "Documents cited",
    job: "Job number",
    source: "Source",
    resolutions: "Resolutions cited",
    no_speaker: "(statement by the mission, no speaker named)",
    parts: "parts",
    themes: "Themes (share of paragraphs)",
    themes_chart: "Share of paragraphs carrying each theme",
    no_themes: "no theme found",
    key_terms: "Key terms (TF-IDF against the workspace)",
    doc_themes: "Themes of the whole document (share of paragraphs)",
    doc_key_terms: "Key terms of the whole document",
    filter: "Show only paragraphs with this theme: ",
    filter_all: "All paragraphs",
};

pub fn meta_text(lang: Lang) -> &'static MetaText {
    match lang {
        Lang::Zh => &META_ZH,
        Lang::En => &META_EN,
    }
}

pub fn error_message(lang: Lang, e: &crate::core::ingest::IngestError) -> String {
    match lang {
        Lang::Zh => e.message_zh(),
        Lang::En => e.message_en(),
    }
}

pub fn theme_name(lang: Lang, theme: &crate::core::themes::Theme) -> &str {
    match lang {
        Lang::Zh => &theme.name_zh,
        Lang::En => &theme.name_en,
    }
}

/// Shares as percentages with one decimal (UI convention).
pub fn percent(share: f32) -> String {
    format!("{:.1}%", share * 100.0)
}

/// Labels of the theme lexicon panel.
#[derive(Clone, Copy)]
pub struct LexiconText {
    pub open: &'static str,
    pub close: &'static str,
    pub title: &'static str,
    pub hint: &'static str,
    pub add: &'static str,
    pub import: &'static str,
    pub export: &'static str,
    pub reset: &'static str,
    pub edit: &'static str,
    pub delete: &'static str,
    pub save: &'static str,
    pub cancel: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub definition: &'static str,
    pub colour: &'static str,
    pub cues: &'static str,
    pub cues_error: &'static str,
    pub rejected: &'static str,
}

pub const LEXICON_ZH: LexiconText = LexiconText {
    open: "主题词表",
    close: "返回文件",
    title: "主题词表",
    hint: "每个主题有若干提示词及其权重；段落中提示词权重之和达到 2 即标注该主题。修改保存在本浏览器中，并立即重新标注所有文件。",
    add: "新增主题",
    import: "导入词表（.toml）",
    export: "导出词表",
    reset: "恢复默认词表",
    edit: "编辑",
    delete: "删除",
    save: "保存",
    cancel: "取消",
    name_zh: "中文名称",
    name_en: "英文名称",
    definition: "定义",
    colour: "颜色",
    cues: "提示词（每行：词 = 权重）",
    cues_error: "提示词有误：",
    rejected: "词表未被采用：",
};

pub const LEXICON_EN: LexiconText = LexiconText {
    open: "Theme lexicon",
    close: "Back to documents",
    title: "Theme lexicon",
    hint: "Each theme has cue terms with weights; a paragraph is tagged when its cue weights for a theme add up to 2. Changes are kept in this browser and re-tag every document at once.",
    add: "Add theme",
    import: "Import lexicon (.toml)",
    export: "Export lexicon",
    reset: "Restore the default lexicon",
    edit: "Edit",
    delete: "Delete",
    save: "Save",
    cancel: "Cancel",
    name_zh: "Chinese name",
    name_en: "English name",
    definition: "Definition",
    colour: "Colour",
    cues: "Cues (one a line: term = weight)",
    cues_error: "Cue error: ",
    rejected: "Lexicon not used: ",
};

pub fn lexicon_text(lang: Lang) -> LexiconText {
    match lang {
        Lang::Zh => LEXICON_ZH,
        Lang::En => LEXICON_EN,
    }
}
