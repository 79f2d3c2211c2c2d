//! PDF → text through pdfplumber (pure Rust, works in wasm), page by page, one printed
//! line a line. No crate reports a scan or a text layer without Unicode maps, so both are
//! detected here from what comes out.

use super::ingest::IngestError;

/// Share of a page's characters that may be unmapped glyphs before the page is rejected.
const MAX_GARBLED_SHARE: f64 = 0.2;

pub fn pdf_text(bytes: &[u8]) -> Result<String, IngestError> {
    let broken = |e: &dyn std::fmt::Display| IngestError::BrokenPdf {
        detail: e.to_string(),
    };
    let pdf = pdfplumber::Pdf::open_bytes(bytes, None).map_err(|e| broken(&e))?;
    let pages = pdf.pages();
    // A page tree that yields no page at all (empty, or a Pages node listing itself as its
    // own kid, which pdfplumber skips) is a broken file, not a scan "of 0 pages".
    if pages.is_empty() {
        return Err(broken(&"the page tree has no pages"));
    }
    let options = pdfplumber::TextOptions::default();
    let mut out = String::new();
    let mut garbled_pages = 0;
    let mut text_pages = 0;
    for page in pages.iter() {
        let page = page.map_err(|e| broken(&e))?;
        let text = page.extract_text(&options);
        if text.trim().is_empty() {
            continue;
        }
        if garbled_share(&text) > MAX_GARBLED_SHARE {
            garbled_pages += 1;
            continue;
        }
        text_pages += 1;
        // A blank line and a page-break marker line let cleaning rejoin a paragraph that
        // runs over the page end.
        if !out.is_empty() {
            out.push_str("\n\n\u{0C}\n\n");
        }
        out.push_str(text.trim_end());
    }
    if text_pages == 0 {
        return Err(if garbled_pages > 0 {
            IngestError::PdfGarbled
        } else {
            IngestError::PdfNoText { pages: pages.len() }
        });
    }
    Ok(out)
}

/// `(cid:N)` markers, U+FFFD and private-use code points are what unmapped glyphs become.
fn garbled_share(text: &str) -> f64 {
    let total = text.chars().filter(|c| !c.is_whitespace()).count().max(1);
    let cid = text.matches("(cid:").count() * 6;
    let bad = text
        .chars()
        .filter(|c| {
            *c == '\u{FFFD}'
                || ('\u{E000}'..='\u{F8FF}').contains(c)
                || (c.is_control() && !c.is_whitespace())
        })
        .count();
    (cid + bad) as f64 / total as f64
}
