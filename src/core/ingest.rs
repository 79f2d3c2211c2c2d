//! Bytes and a file name → text: encoding detection for plain text, HTML, DOCX and PDF, or
//! a typed error saying why not, with a message in Chinese and English.

use std::io::{Cursor, Read};

use encoding_rs::{Encoding, GBK, UTF_8};
use serde::{Deserialize, Serialize};

/// Larger files are refused before any work is done.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// Bound on a DOCX's decompressed `word/document.xml`: a zip bomb stops here.
const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;
/// Share of undecodable or control characters above which bytes are not taken as text.
const MAX_BAD_SHARE: f64 = 0.05;
/// Share of non-ASCII characters above which a single-byte decoding is taken for binary.
const MAX_NON_ASCII_SHARE: f64 = 0.3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Html,
    Docx,
    Pdf,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decoded {
    pub text: String,
    pub format: Format,
    /// The character encoding the bytes were read in (`UTF-8`, `GB18030`, `UTF-16LE` …).
    pub encoding: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum IngestError {
    Empty,
    TooLarge {
        bytes: usize,
    },
    Image {
        kind: String,
    },
    /// A zip archive that is not a Word document.
    Archive,
    /// A Word 97–2003 `.doc` (OLE compound file).
    LegacyWord,
    BrokenDocx {
        detail: String,
    },
    BrokenPdf {
        detail: String,
    },
    /// A PDF whose pages carry no text (a scan).
    PdfNoText {
        pages: usize,
    },
    /// A PDF whose text layer has no usable Unicode mapping.
    PdfGarbled,
    /// Bytes that are mostly not text in any encoding tried.
    Undecodable {
        encoding: String,
    },
    /// The browser (or the file system) could not hand over the file's bytes.
    Unreadable {
        detail: String,
    },
    /// The analysis stopped on this file (the worker crashed); it was not retried.
    Crashed,
}

impl IngestError {
    /// A stable key for tests and the UI.
    pub fn code(&self) -> &'static str {
        match self {
            IngestError::Empty => "empty",
            IngestError::TooLarge { .. } => "too-large",
            IngestError::Image { .. } => "image",
            IngestError::Archive => "archive",
            IngestError::LegacyWord => "legacy-word",
            IngestError::BrokenDocx { .. } => "broken-docx",
            IngestError::BrokenPdf { .. } => "broken-pdf",
            IngestError::PdfNoText { .. } => "pdf-no-text",
            IngestError::PdfGarbled => "pdf-garbled",
            IngestError::Undecodable { .. } => "undecodable",
            IngestError::Unreadable { .. } => "unreadable",
            IngestError::Crashed => "crashed",
        }
    }

    pub fn message_zh(&self) -> String {
        match self {
            IngestError::Empty => "文件是空的，没有可读取的文字。".into(),
            IngestError::TooLarge { bytes } => format!(
                "文件过大（{:.1} MB），上限为 20 MB。请只上传所需的信函。",
                *bytes as f64 / 1_048_576.0
            ),
            IngestError::Image { kind } => {
                format!("这是一张图片（{kind}），不是文字文件。请上传信函的 PDF、Word 或文本版本。")
            }
            IngestError::Archive => "这是一个压缩包，不是 Word 文档。请先解压，再逐个上传其中的文件。".into(),
            IngestError::LegacyWord => "这是旧版 Word（.doc）文件，无法读取。请在 Word 中另存为 .docx 后再上传。".into(),
            IngestError::BrokenDocx { detail } => {
                format!("Word 文档已损坏或不完整（{detail}）。请重新下载或在 Word 中另存后再上传。")
            }
            IngestError::BrokenPdf { detail } => {
                format!("PDF 文件已损坏或无法解析（{detail}）。请重新下载，或上传 Word/文本版本。")
            }
            IngestError::PdfNoText { pages } => format!(
                "这份 PDF（{pages} 页）没有文字层，可能是扫描件。请从联合国正式文件系统下载文字版，或上传 Word/文本版本。"
            ),
            IngestError::PdfGarbled => {
                "这份 PDF 的文字层无法转换为可读文字（缺少字符映射）。请上传 Word 或文本版本。".into()
            }
            IngestError::Undecodable { encoding } => format!(
                "文件内容大多无法解读为文字（按 {encoding} 尝试）。请确认这是文本、HTML、Word 或 PDF 文件。"
            ),
            IngestError::Unreadable { detail } => {
                format!("无法读取这个文件（{detail}）。文件可能已被移动或删除，请重新选择。")
            }
            IngestError::Crashed => "分析这个文件时分析引擎意外停止。引擎已重新启动，其他文件不受影响；这个文件没有再次分析。".into(),
        }
    }

    pub fn message_en(&self) -> String {
        match self {
            IngestError::Empty => "The file is empty: there is no text to read.".into(),
            IngestError::TooLarge { bytes } => format!(
                "The file is too large ({:.1} MB); the limit is 20 MB. Upload only the letters you need.",
                *bytes as f64 / 1_048_576.0
            ),
            IngestError::Image { kind } => format!(
                "This is an image ({kind}), not a text file. Upload the letter as PDF, Word or plain text."
            ),
            IngestError::Archive => {
                "This is a zip archive, not a Word document. Unpack it and upload its files one by one.".into()
            }
            IngestError::LegacyWord => {
                "This is an old Word (.doc) file, which cannot be read. Save it as .docx in Word and upload that."
                    .into()
            }
            IngestError::BrokenDocx { detail } => format!(
                "The Word document is damaged or incomplete ({detail}). Download it again or re-save it in Word."
            ),
            IngestError::BrokenPdf { detail } => format!(
                "The PDF is damaged or cannot be parsed ({detail}). Download it again, or upload a Word or text version."
            ),
            IngestError::PdfNoText { pages } => format!(
                "This PDF ({pages} pages) has no text layer; it may be a scan. Download the text version from the \
                 UN Official Document System, or upload a Word or text version."
            ),
            IngestError::PdfGarbled => {
                "This PDF's text layer cannot be turned into readable text (no character map). Upload a Word or \
                 text version."
                    .into()
            }
            IngestError::Undecodable { encoding } => format!(
                "Most of the file cannot be read as text (tried as {encoding}). Check that it is a text, HTML, \
                 Word or PDF file."
            ),
            IngestError::Unreadable { detail } => format!(
                "The file could not be read ({detail}). It may have been moved or deleted: choose it again."
            ),
            IngestError::Crashed => "The analysis engine stopped while reading this file. It has been restarted and \
                 the other documents are unaffected; this file was not analysed again."
                .into(),
        }
    }
}

impl std::fmt::Display for IngestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message_en())
    }
}

impl std::error::Error for IngestError {}

fn lower_ext(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

fn image_kind(b: &[u8]) -> Option<&'static str> {
    if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("PNG")
    } else if b.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("JPEG")
    } else if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        Some("GIF")
    } else if b.starts_with(b"II*\0") || b.starts_with(b"MM\0*") {
        Some("TIFF")
    } else if b.len() >= 12 && &b[..4] == b"RIFF" && &b[8..12] == b"WEBP" {
        Some("WebP")
    } else {
        None
    }
}

/// What kind of file the bytes are, before any decoding: Docx, Pdf or Text (text may still
/// turn out to be HTML), or why they cannot be read at all.
pub fn container(name: &str, bytes: &[u8]) -> Result<Format, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    if bytes.len() > MAX_BYTES {
        return Err(IngestError::TooLarge { bytes: bytes.len() });
    }
    if let Some(kind) = image_kind(bytes) {
        return Err(IngestError::Image { kind: kind.into() });
    }
    let ext = lower_ext(name);
    if bytes.starts_with(b"PK\x03\x04") || ext == "docx" {
        Ok(Format::Docx)
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        Err(IngestError::LegacyWord)
    } else if bytes.starts_with(b"%PDF-") || ext == "pdf" {
        Ok(Format::Pdf)
    } else {
        Ok(Format::Text)
    }
}

#[cfg(feature = "pdf")]
use super::pdf::pdf_text;

/// The analysis worker is built without the PDF reader (it is a separate, lazily loaded
/// worker) and hands PDFs over before decoding, so this is never reached there.
#[cfg(not(feature = "pdf"))]
fn pdf_text(_: &[u8]) -> Result<String, IngestError> {
    Err(IngestError::BrokenPdf {
        detail: "this build has no PDF reader".into(),
    })
}

/// A PDF's text as read by `pdf::pdf_text` (in the browser, by the separate PDF reader).
pub fn from_pdf_text(text: Result<String, IngestError>) -> Result<Decoded, IngestError> {
    nonempty(Decoded {
        text: text?,
        format: Format::Pdf,
        encoding: "PDF".into(),
    })
}

fn nonempty(decoded: Decoded) -> Result<Decoded, IngestError> {
    if decoded.text.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    Ok(decoded)
}

/// Reads bytes as a user's file: what it is, its text, or why it has none.
pub fn decode(name: &str, bytes: &[u8]) -> Result<Decoded, IngestError> {
    let decoded = match container(name, bytes)? {
        Format::Docx => Decoded {
            text: docx_text(bytes)?,
            format: Format::Docx,
            encoding: "UTF-8".into(),
        },
        Format::Pdf => return from_pdf_text(pdf_text(bytes)),
        Format::Text | Format::Html => {
            let (text, encoding) = decode_text(bytes)?;
            let ext = lower_ext(name);
            if matches!(ext.as_str(), "html" | "htm" | "xhtml") || looks_like_html(&text) {
                Decoded {
                    text: super::html::html_text(&text),
                    format: Format::Html,
                    encoding,
                }
            } else {
                Decoded {
                    text,
                    format: Format::Text,
                    encoding,
                }
            }
        }
    };
    nonempty(decoded)
}

fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// Share of characters that signal a wrong decoding: U+FFFD and C0 controls other than
/// tab, newline, carriage return and form feed.
fn bad_share(text: &str) -> f64 {
    let mut total = 0usize;
    let mut bad = 0usize;
    for c in text.chars() {
        total += 1;
        if c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0C')) {
            bad += 1;
        }
    }
    if total == 0 {
        0.0
    } else {
        bad as f64 / total as f64
    }
}

fn non_ascii_share(text: &str) -> f64 {
    let total = text.chars().count().max(1);
    text.chars().filter(|c| !c.is_ascii()).count() as f64 / total as f64
}

/// A byte-order mark decides; else valid UTF-8 is UTF-8; else chardetng guesses among the
/// legacy encodings (GB18030/GBK and Big5 for Chinese).
pub fn decode_text(bytes: &[u8]) -> Result<(String, String), IngestError> {
    let bom = Encoding::for_bom(bytes);
    // Unmarked UTF-8, most files: validated once here, not again by encoding_rs.
    if bom.is_none() {
        if let Ok(text) = std::str::from_utf8(bytes) {
            return checked(text, UTF_8).map(|name| (text.to_owned(), name));
        }
    }
    let (encoding, body): (&'static Encoding, &[u8]) = match bom {
        Some((enc, bom_len)) => (enc, &bytes[bom_len..]),
        None => {
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            (detector.guess(None, chardetng::Utf8Detection::Deny), bytes)
        }
    };
    let (text, _) = encoding.decode_without_bom_handling(body);
    checked(&text, encoding).map(|name| (text.into_owned(), name))
}

/// The encoding's name as the app shows it, or why the text it gave is not a letter.
fn checked(text: &str, encoding: &'static Encoding) -> Result<String, IngestError> {
    // encoding_rs's GBK decoder reads all of GB18030, which is what Chinese Windows writes.
    let name = if encoding == GBK {
        "GB18030"
    } else {
        encoding.name()
    };
    // An unmarked UTF-16 file decodes as single bytes full of NULs: caught here too.
    // A single-byte guess decodes any bytes without error, so binary data turns into a
    // soup of accented letters and symbols; real text in those encodings is mostly ASCII.
    let single_byte = encoding.is_single_byte() && encoding != UTF_8;
    if bad_share(text) > MAX_BAD_SHARE
        || (single_byte && non_ascii_share(text) > MAX_NON_ASCII_SHARE)
    {
        return Err(IngestError::Undecodable {
            encoding: name.into(),
        });
    }
    Ok(name.to_string())
}

/// The text of a Word document's body, one paragraph a line, paragraphs separated by a
/// blank line.
fn docx_text(bytes: &[u8]) -> Result<String, IngestError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        if bytes.starts_with(b"PK\x03\x04") {
            IngestError::BrokenDocx {
                detail: e.to_string(),
            }
        } else {
            IngestError::BrokenDocx {
                detail: "not a zip container".into(),
            }
        }
    })?;
    let mut entry = match archive.by_name("word/document.xml") {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Err(IngestError::Archive),
        Err(e) => {
            return Err(IngestError::BrokenDocx {
                detail: e.to_string(),
            })
        }
    };
    let mut xml = Vec::new();
    (&mut entry)
        .take(MAX_XML_BYTES + 1)
        .read_to_end(&mut xml)
        .map_err(|e| IngestError::BrokenDocx {
            detail: e.to_string(),
        })?;
    if xml.len() as u64 > MAX_XML_BYTES {
        return Err(IngestError::BrokenDocx {
            detail: "word/document.xml expands beyond 64 MB".into(),
        });
    }
    docx_xml_text(&xml)
}

fn docx_xml_text(xml: &[u8]) -> Result<String, IngestError> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = String::new();
    let mut in_text = false;
    let mut buf = Vec::new();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| IngestError::BrokenDocx {
                detail: e.to_string(),
            })?;
        match event {
            Event::Start(e) if e.local_name().as_ref() == "t" => in_text = true,
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" => out.push_str("\n\n"),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "tab" => out.push('\t'),
                "br" | "cr" => out.push('\n'),
                "p" => out.push_str("\n\n"),
                _ => {}
            },
            Event::Text(t) if in_text => {
                out.push_str(&t.xml10_content());
            }
            Event::GeneralRef(r) if in_text => {
                // Entity and character references inside w:t (&amp; &#x4E2D; …).
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    out.push(c);
                } else {
                    out.push_str(match r.borrow().into_inner().as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "安全理事会主席给秘书长的信：联合国维和行动，第2436（2018）号决议。";

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode("a.txt", SAMPLE.as_bytes()).unwrap();
        assert_eq!(
            (plain.text.as_str(), plain.encoding.as_str()),
            (SAMPLE, "UTF-8")
        );
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(SAMPLE.as_bytes());
        assert_eq!(decode("a.txt", &bom).unwrap().text, SAMPLE);
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(SAMPLE.encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(SAMPLE.encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(decode("le.txt", &le).unwrap().text, SAMPLE);
        assert_eq!(decode("be.txt", &be).unwrap().encoding, "UTF-16BE");
    }

    #[test]
    fn gb18030_without_bom_is_detected() {
        let (bytes, _, _) = encoding_rs::GB18030.encode(SAMPLE);
        let d = decode("letter.txt", &bytes).unwrap();
        assert_eq!(d.text, SAMPLE);
        assert_eq!(d.encoding, "GB18030");
    }

    #[test]
    fn typed_errors() {
        assert_eq!(decode("x.txt", b"").unwrap_err(), IngestError::Empty);
        assert_eq!(decode("x.txt", b"  \n\t ").unwrap_err(), IngestError::Empty);
        assert_eq!(
            decode("x.txt", b"\x89PNG\r\n\x1a\n0000")
                .unwrap_err()
                .code(),
            "image"
        );
        assert_eq!(
            decode("x.doc", &[0xD0, 0xCF, 0x11, 0xE0, 1, 2]).unwrap_err(),
            IngestError::LegacyWord
        );
        assert_eq!(
            decode("x.docx", b"PK\x03\x04 truncated")
                .unwrap_err()
                .code(),
            "broken-docx"
        );
        let big = vec![b'a'; MAX_BYTES + 1];
        assert_eq!(decode("x.txt", &big).unwrap_err().code(), "too-large");
        let binary: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert_eq!(decode("x.bin", &binary).unwrap_err().code(), "undecodable");
    }

    #[test]
    fn every_error_speaks_both_languages() {
        let errors = [
            IngestError::Empty,
            IngestError::TooLarge { bytes: 30_000_000 },
            IngestError::Image { kind: "PNG".into() },
            IngestError::Archive,
            IngestError::LegacyWord,
            IngestError::BrokenDocx { detail: "x".into() },
            IngestError::BrokenPdf { detail: "x".into() },
            IngestError::PdfNoText { pages: 3 },
            IngestError::PdfGarbled,
            IngestError::Undecodable {
                encoding: "GB18030".into(),
            },
        ];
        for e in errors {
            assert!(
                e.message_zh().chars().any(crate::core::text::is_han),
                "{e:?}"
            );
            assert!(e.message_en().is_ascii(), "{e:?}");
        }
    }

    #[test]
    fn docx_runs_paragraphs_and_entities() {
        let xml = r#"<?xml version="1.0"?><w:document xmlns:w="x"><w:body>
            <w:p><w:r><w:t>附件</w:t></w:r><w:r><w:t xml:space="preserve">一</w:t></w:r></w:p>
            <w:p><w:r><w:t>A &amp; B&#x4E2D;</w:t></w:r><w:r><w:tab/><w:t>C</w:t></w:r></w:p>
            </w:body></w:document>"#;
        let text = docx_xml_text(xml.as_bytes()).unwrap();
        assert_eq!(text.trim(), "附件一\n\nA & B中\tC");
    }
}
