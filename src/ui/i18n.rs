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
    pub body: &'static str,
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
    body: "正文",
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
    body: "Text",
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

/// `ms` is the worker's time; none for the seed's analysis shipped with the page.
pub fn status_ready(
    lang: Lang,
    parts: usize,
    tokens: usize,
    ms: Option<f64>,
    docs: usize,
) -> String {
    match (lang, ms) {
        (Lang::Zh, Some(ms)) => format!("已分词：{parts} 个部分，共 {tokens} 个词，用时 {ms:.0} 毫秒 · 工作区共 {docs} 份文件"),
        (Lang::Zh, None) => format!("已分词：{parts} 个部分，共 {tokens} 个词（随页面预先算好） · 工作区共 {docs} 份文件"),
        (Lang::En, Some(ms)) => format!("Segmented: {parts} parts, {tokens} tokens in {ms:.0} ms · {docs} documents in the workspace"),
        (Lang::En, None) => format!("Segmented: {parts} parts, {tokens} tokens (precomputed with the page) · {docs} documents in the workspace"),
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
    /// The chosen lexicon file could not be read (moved, deleted, not permitted).
    pub unreadable: &'static str,
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
    unreadable: "无法读取该文件：",
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
    unreadable: "The file could not be read: ",
};

pub fn lexicon_text(lang: Lang) -> LexiconText {
    match lang {
        Lang::Zh => LEXICON_ZH,
        Lang::En => LEXICON_EN,
    }
}

/// Labels of the workspace: tabs, document management and the views.
pub struct ViewText {
    pub tabs: &'static str,
    pub tab_corpus: &'static str,
    pub tab_reader: &'static str,
    pub tab_themes: &'static str,
    pub tab_compare: &'static str,
    pub tab_kwic: &'static str,
    pub tab_resolutions: &'static str,
    pub drop: &'static str,
    pub dropping: &'static str,
    pub paste: &'static str,
    pub paste_placeholder: &'static str,
    pub paste_name: &'static str,
    pub paste_submit: &'static str,
    pub paste_default_name: &'static str,
    pub rename: &'static str,
    pub rename_save: &'static str,
    pub remove: &'static str,
    pub reset: &'static str,
    pub reset_confirm: &'static str,
    pub storage_failed: &'static str,
    pub dismiss: &'static str,
    pub document: &'static str,
    pub date: &'static str,
    pub statement: &'static str,
    pub speaker: &'static str,
    pub state: &'static str,
    pub languages: &'static str,
    pub length: &'static str,
    pub top_themes: &'static str,
    pub corpus_title: &'static str,
    pub export_json: &'static str,
    pub export_terms: &'static str,
    pub export_csv: &'static str,
    pub export_svg: &'static str,
    pub show_tokens: &'static str,
    pub tokens_loading: &'static str,
    pub matrix_title: &'static str,
    pub matrix_hint: &'static str,
    pub matrix_chart: &'static str,
    pub close: &'static str,
    pub open_in_reader: &'static str,
    pub compare_title: &'static str,
    pub text_a: &'static str,
    pub text_b: &'static str,
    pub whole: &'static str,
    pub swap: &'static str,
    pub need_upload: &'static str,
    pub same_unit: &'static str,
    pub cosine: &'static str,
    pub cosine_hint: &'static str,
    pub deltas_title: &'static str,
    pub keyness_title: &'static str,
    pub keyness_hint: &'static str,
    pub languages_differ: &'static str,
    pub term: &'static str,
    pub log_ratio: &'static str,
    pub freq_a: &'static str,
    pub freq_b: &'static str,
    pub more_in_a: &'static str,
    pub more_in_b: &'static str,
    pub shared: &'static str,
    pub only_a: &'static str,
    pub only_b: &'static str,
    pub none: &'static str,
    pub pairs_title: &'static str,
    pub no_pairs: &'static str,
    pub export_keyness: &'static str,
    pub export_deltas: &'static str,
    pub kwic_title: &'static str,
    pub kwic_label: &'static str,
    pub kwic_search: &'static str,
    pub kwic_hint: &'static str,
    pub kwic_sort: &'static str,
    pub sort_text: &'static str,
    pub sort_left: &'static str,
    pub sort_right: &'static str,
    pub left: &'static str,
    pub hit: &'static str,
    pub right: &'static str,
    pub res_title: &'static str,
    pub res_hint: &'static str,
    pub res_none: &'static str,
    pub resolution: &'static str,
    pub waiting: &'static str,
    pub engine_restarted: &'static str,
}

pub const VIEW_ZH: ViewText = ViewText {
    tabs: "视图",
    tab_corpus: "概览",
    tab_reader: "阅读",
    tab_themes: "主题矩阵",
    tab_compare: "比较",
    tab_kwic: "语境",
    tab_resolutions: "决议",
    drop: "拖放文件到此处，或点击选择文件",
    dropping: "松开鼠标即可添加文件",
    paste: "粘贴文本",
    paste_placeholder: "在此粘贴一封信函的全文",
    paste_name: "名称（可选）",
    paste_submit: "分析粘贴的文本",
    paste_default_name: "粘贴文本",
    rename: "重命名",
    rename_save: "确定",
    remove: "移除",
    reset: "清空工作区",
    reset_confirm: "确定移除所有上传的文件吗？种子文件会保留。此操作无法撤销。",
    storage_failed: "本地存储出错：",
    dismiss: "知道了",
    document: "文件",
    date: "日期",
    statement: "部分",
    speaker: "发言人",
    state: "国家/机构",
    languages: "原件语文",
    length: "词数",
    top_themes: "前三个主题",
    corpus_title: "工作区概览",
    export_json: "导出工作区（JSON）",
    export_terms: "导出词频（CSV）",
    export_csv: "下载 CSV",
    export_svg: "下载 SVG 图",
    show_tokens: "显示分词边界",
    tokens_loading: "正在取得分词结果…",
    matrix_title: "主题矩阵",
    matrix_hint: "每行是一篇发言，每列是一个主题；颜色越深，标注该主题的段落占比越高。点击单元格查看这些段落。",
    matrix_chart: "各篇发言中各主题所占段落比例",
    close: "关闭",
    open_in_reader: "在阅读视图中打开",
    compare_title: "比较两个文本",
    text_a: "文本 A",
    text_b: "文本 B",
    whole: "全文",
    swap: "交换 A 与 B",
    need_upload: "拖入另一封安理会信函以与种子文件比较；也可以在下面比较种子文件中的两篇发言。",
    same_unit: "请选择两个不同的文本。",
    cosine: "词汇相似度（TF-IDF 余弦）",
    cosine_hint: "1 表示用词分布相同，0 表示没有共同的实词",
    deltas_title: "主题占比：A（左）与 B（右）",
    keyness_title: "关键词对比（对数似然 G²）",
    keyness_hint: "G² 为正表示在 A 中相对更多，为负表示在 B 中相对更多；* p < 0.05，** p < 0.01。不计停用词。点击词语查看语境。",
    languages_differ: "A 与 B 的语文不同（一个主要是中文，一个主要是拉丁字母文字），词语对比和相似度只反映语文差别；主题对比仍然有效。",
    term: "词语",
    log_ratio: "对数比",
    freq_a: "A 中频次",
    freq_b: "B 中频次",
    more_in_a: "A 中更突出",
    more_in_b: "B 中更突出",
    shared: "共有词语",
    only_a: "仅见于 A",
    only_b: "仅见于 B",
    none: "无",
    pairs_title: "同一国家或机构在两个文本中的发言",
    no_pairs: "没有在两个文本中都发言的国家或机构。",
    export_keyness: "下载关键词表（CSV）",
    export_deltas: "下载主题差异（CSV）",
    kwic_title: "语境检索",
    kwic_label: "检索词",
    kwic_search: "检索",
    kwic_hint: "输入一个词，查看它在工作区所有文件中出现的上下文。",
    kwic_sort: "排序：",
    sort_text: "按文中顺序",
    sort_left: "按左侧语境",
    sort_right: "按右侧语境",
    left: "左侧语境",
    hit: "检索词",
    right: "右侧语境",
    res_title: "决议引用矩阵",
    res_hint: "每行是一篇发言，每列是一项安理会决议；数字是引用次数，点击查看引用所在段落。",
    res_none: "工作区中的发言没有引用安理会决议。",
    resolution: "决议",
    waiting: "分析完成后显示。",
    engine_restarted: "分析引擎意外停止，已自动重新启动；工作区中的文件都在，正在重新分析。",
};

pub const VIEW_EN: ViewText = ViewText {
    tabs: "Views",
    tab_corpus: "Corpus",
    tab_reader: "Reader",
    tab_themes: "Theme matrix",
    tab_compare: "Compare",
    tab_kwic: "Concordance",
    tab_resolutions: "Resolutions",
    drop: "Drop files here, or click to choose files",
    dropping: "Release to add the files",
    paste: "Paste text",
    paste_placeholder: "Paste the full text of a letter here",
    paste_name: "Name (optional)",
    paste_submit: "Analyse the pasted text",
    paste_default_name: "pasted text",
    rename: "Rename",
    rename_save: "OK",
    remove: "Remove",
    reset: "Clear the workspace",
    reset_confirm: "Remove every uploaded document? The seed stays. This cannot be undone.",
    storage_failed: "Browser storage failed: ",
    dismiss: "Dismiss",
    document: "Document",
    date: "Date",
    statement: "Part",
    speaker: "Speaker",
    state: "State or body",
    languages: "Original",
    length: "Tokens",
    top_themes: "Top three themes",
    corpus_title: "Workspace overview",
    export_json: "Export the workspace (JSON)",
    export_terms: "Export term frequencies (CSV)",
    export_csv: "Download CSV",
    export_svg: "Download SVG chart",
    show_tokens: "Show word boundaries",
    tokens_loading: "Fetching the segmentation…",
    matrix_title: "Theme matrix",
    matrix_hint: "One row per statement, one column per theme; the darker the cell, the larger the share of paragraphs carrying the theme. Click a cell to see those paragraphs.",
    matrix_chart: "Share of paragraphs carrying each theme, per statement",
    close: "Close",
    open_in_reader: "Open in the reader",
    compare_title: "Compare two texts",
    text_a: "Text A",
    text_b: "Text B",
    whole: "whole document",
    swap: "Swap A and B",
    need_upload: "Drop in another Security Council letter to compare it with the seed; meanwhile you can compare two statements of the seed below.",
    same_unit: "Choose two different texts.",
    cosine: "Vocabulary similarity (TF-IDF cosine)",
    cosine_hint: "1 means the same distribution of words, 0 no content word in common",
    deltas_title: "Theme shares: A (left) and B (right)",
    keyness_title: "Key terms (log-likelihood G²)",
    keyness_hint: "Positive G² means relatively more frequent in A, negative in B; * p < 0.05, ** p < 0.01. Stop words are left out. Click a term for its contexts.",
    languages_differ: "A and B are in different languages (one mostly Chinese, the other mostly in Latin script): the word lists and the similarity reflect the language, not the content. The theme comparison still holds.",
    term: "Term",
    log_ratio: "Log ratio",
    freq_a: "Freq. A",
    freq_b: "Freq. B",
    more_in_a: "More prominent in A",
    more_in_b: "More prominent in B",
    shared: "Shared terms",
    only_a: "Only in A",
    only_b: "Only in B",
    none: "none",
    pairs_title: "The same state or body speaking in both texts",
    no_pairs: "No state or body speaks in both texts.",
    export_keyness: "Download key terms (CSV)",
    export_deltas: "Download theme differences (CSV)",
    kwic_title: "Concordance",
    kwic_label: "Search term",
    kwic_search: "Search",
    kwic_hint: "Type a term to see every context it occurs in, across the workspace.",
    kwic_sort: "Sort: ",
    sort_text: "in text order",
    sort_left: "by left context",
    sort_right: "by right context",
    left: "Left context",
    hit: "Term",
    right: "Right context",
    res_title: "Resolutions cited",
    res_hint: "One row per statement, one column per Security Council resolution; the number counts citations. Click it to see the paragraphs.",
    res_none: "No statement in the workspace cites a Security Council resolution.",
    resolution: "Resolution",
    waiting: "Shown once the analysis is done.",
    engine_restarted: "The analysis engine stopped unexpectedly and was restarted; every document of the workspace is still here and is being analysed again.",
};

pub fn view_text(lang: Lang) -> &'static ViewText {
    match lang {
        Lang::Zh => &VIEW_ZH,
        Lang::En => &VIEW_EN,
    }
}

pub fn hits_count(lang: Lang, n: usize, shown: usize) -> String {
    match (lang, n > shown) {
        (Lang::Zh, false) => format!("共 {n} 处"),
        (Lang::Zh, true) => format!("共 {n} 处，显示前 {shown} 处"),
        (Lang::En, false) => format!("{n} hits"),
        (Lang::En, true) => format!("{n} hits, the first {shown} shown"),
    }
}

pub fn paragraphs_count(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("{n} 段"),
        Lang::En if n == 1 => "1 paragraph".into(),
        Lang::En => format!("{n} paragraphs"),
    }
}

pub fn restored(lang: Lang, n: usize, skipped: usize) -> String {
    match (lang, skipped) {
        (Lang::Zh, 0) => format!("已从本浏览器恢复 {n} 份文件"),
        (Lang::Zh, s) => format!("已从本浏览器恢复 {n} 份文件；{s} 条存储记录无法读取，已跳过"),
        (Lang::En, 0) => format!("{n} documents restored from this browser"),
        (Lang::En, s) => format!("{n} documents restored from this browser; {s} stored records could not be read and were skipped"),
    }
}

/// G² with one decimal and its sign (+ = more in A).
pub fn g2(v: f64) -> String {
    let stars = if v.abs() >= crate::core::compare::G2_P01 {
        "**"
    } else if v.abs() >= crate::core::compare::G2_P05 {
        "*"
    } else {
        ""
    };
    format!("{v:+.1}{stars}")
}

pub fn statements_count(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("{n} 篇发言引用"),
        Lang::En if n == 1 => "cited in 1 statement".into(),
        Lang::En => format!("cited in {n} statements"),
    }
}
