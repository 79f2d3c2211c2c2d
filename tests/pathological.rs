//! Pathological inputs, generated here (nothing big is checked in): huge runs of one
//! character around the 20 MB limit, a 5 MB line, 100 000 paragraphs, deeply nested HTML
//! and DOCX XML, a zip bomb dressed as a Word document, PDFs with 5 000 empty pages. Each
//! must end in an exact, stated outcome; the time each takes is printed
//! (`cargo test --release --test pathological -- --nocapture`).
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::sync::OnceLock;
use std::time::Instant;

use unsc_lens::core::analysis::{analyse, Analysed, Analyzer};
use unsc_lens::core::ingest::{Format, IngestError, MAX_BYTES};
use unsc_lens::core::structure::PartKind;
use unsc_lens::core::SEED_ZH;

fn analyzer() -> &'static Analyzer {
    static AN: OnceLock<Analyzer> = OnceLock::new();
    AN.get_or_init(Analyzer::default)
}

/// `analyse` with its time printed.
fn timed(label: &str, name: &str, bytes: &[u8]) -> Result<Analysed, IngestError> {
    let an = analyzer();
    let started = Instant::now();
    let out = analyse(name, bytes, an);
    let what = match &out {
        Ok(a) => format!(
            "ok: {} parts, {} paragraphs, {} words",
            a.doc.parts.len(),
            a.doc
                .parts
                .iter()
                .map(|p| p.paragraphs.len())
                .sum::<usize>(),
            a.summary.word_count
        ),
        Err(e) => format!("{e:?}"),
    };
    let mut what = what;
    what.truncate(160);
    eprintln!(
        "[pathological] {label:<40} {:>9.3} s  ({} bytes) {what}",
        started.elapsed().as_secs_f64(),
        bytes.len()
    );
    out
}

/// A lone short line is read as the title of a body with no paragraphs.
fn only_title(a: &Analysed) -> &str {
    assert_eq!(a.doc.parts.len(), 1);
    assert_eq!(a.doc.parts[0].kind, PartKind::Body);
    assert!(a.doc.parts[0].paragraphs.is_empty());
    a.doc.slice(a.doc.parts[0].heading.expect("a title"))
}

fn body_paragraphs(a: &Analysed) -> usize {
    assert_eq!(a.doc.parts.len(), 1);
    assert_eq!(a.doc.parts[0].kind, PartKind::Body);
    a.doc.parts[0].paragraphs.len()
}

/// `n` bytes of a one-character run; `n` need not be a multiple of the character's length
/// (the tail is cut mid-character, as a truncated download would be).
fn run_of(c: char, n: usize) -> Vec<u8> {
    let mut s = c.to_string().repeat(n / c.len_utf8() + 1).into_bytes();
    s.truncate(n);
    s
}

#[test]
fn one_byte_over_twenty_megabytes_is_refused() {
    for c in ['a', '维'] {
        let err = timed("20 MB + 1, refused", "big.txt", &run_of(c, MAX_BYTES + 1)).unwrap_err();
        assert_eq!(
            err,
            IngestError::TooLarge {
                bytes: MAX_BYTES + 1
            }
        );
    }
}

// The two full 20 MB analyses take 4–6 s in a release build but over 30 s each unoptimised,
// so the debug `cargo test` skips them; `cargo test --release` runs them.
#[test]
#[cfg_attr(debug_assertions, ignore = "slow unoptimised; run with --release")]
fn twenty_megabytes_of_latin_a() {
    // Exactly at the limit: read, one paragraph holding one 20 MB "word".
    let a = timed(
        "20 MB of 'a' (at the limit)",
        "a.txt",
        &run_of('a', MAX_BYTES),
    )
    .unwrap();
    assert_eq!(a.source.format, Format::Text);
    assert_eq!(body_paragraphs(&a), 1);
    assert_eq!(a.doc.text.len(), MAX_BYTES);
    assert_eq!(a.summary.word_count, 1);
    // One byte over: refused before any work, with the size.
    let err = timed("20 MB + 1 of 'a'", "a.txt", &run_of('a', MAX_BYTES + 1)).unwrap_err();
    assert_eq!(
        err,
        IngestError::TooLarge {
            bytes: MAX_BYTES + 1
        }
    );
}

#[test]
#[cfg_attr(debug_assertions, ignore = "slow unoptimised; run with --release")]
fn twenty_megabytes_of_wei() {
    // 维 is three bytes in UTF-8: the largest whole number of them under the limit.
    let n = MAX_BYTES / 3 * 3;
    let a = timed(
        "20 MB of '维' (under the limit)",
        "wei.txt",
        &run_of('维', n),
    )
    .unwrap();
    assert_eq!(a.source.format, Format::Text);
    assert_eq!(a.source.encoding, "UTF-8");
    assert_eq!(body_paragraphs(&a), 1);
    assert_eq!(a.doc.text.len(), n);
    // jieba's dictionary has 维维: the run is cut into pairs, the one content word.
    assert_eq!(a.summary.word_count, n / 6);
    let terms = &a.summary.parts[0].terms;
    assert_eq!(terms.len(), 1);
    assert_eq!((terms[0].term.as_str(), terms[0].count), ("维维", n / 6));
    let err = timed("20 MB + 1 of '维'", "wei.txt", &run_of('维', MAX_BYTES + 1)).unwrap_err();
    assert_eq!(
        err,
        IngestError::TooLarge {
            bytes: MAX_BYTES + 1
        }
    );
}

/// The seed's text with every line break taken out, repeated to 5 MB: a single line.
fn five_megabyte_line() -> String {
    let flat: String = SEED_ZH
        .chars()
        .filter(|c| !matches!(c, '\n' | '\r'))
        .collect();
    let mut line = String::with_capacity(5 * 1024 * 1024 + flat.len());
    while line.len() < 5 * 1024 * 1024 {
        line.push_str(&flat);
    }
    line
}

#[test]
fn a_single_five_megabyte_line() {
    let line = five_megabyte_line();
    let a = timed("5 MB line, no break", "line.txt", line.as_bytes()).unwrap();
    // One block: no annex label can start it, so everything is one body paragraph.
    assert_eq!(body_paragraphs(&a), 1);
    assert!(a.summary.word_count > 500_000, "{}", a.summary.word_count);
    // The seed's resolutions and themes are all found in it.
    assert!(a.doc.entities.len() > 1000);
    assert!(!a.themes.parts[0].paragraphs[0].tags.is_empty());
}

#[test]
fn a_five_megabyte_cover_paragraph_before_an_annex() {
    // The cover letter's first paragraph is searched for the meeting's date and topic:
    // here it is 5 MB of text with no space and no date.
    let text = format!(
        "2020年9月16日安全理事会主席给秘书长的信\n{}\n附件一\n中国常驻联合国副代表耿爽的发言\n发言。\n",
        "维".repeat(5 * 1024 * 1024 / 3)
    );
    let a = timed("5 MB cover paragraph + annex", "cover.txt", text.as_bytes()).unwrap();
    assert_eq!(a.doc.parts.len(), 2);
    assert_eq!(a.doc.parts[0].kind, PartKind::Cover);
    assert_eq!(a.doc.parts[0].paragraphs.len(), 1);
    assert_eq!(a.doc.parts[1].kind, PartKind::Annex);
    assert_eq!(a.doc.meta.meeting_date, None);
    assert_eq!(a.doc.meta.date.as_deref(), Some("2020-09-16"));
    // 5 MB of Latin letters with no space has the same shape for the English date reader.
    let latin = format!(
        "Letter dated 20 May 2021 from the President\n{}\nAnnex I\nStatement by China\nText.\n",
        "x".repeat(5 * 1024 * 1024)
    );
    let a = timed(
        "5 MB Latin cover paragraph + annex",
        "cover.txt",
        latin.as_bytes(),
    )
    .unwrap();
    assert_eq!(a.doc.parts.len(), 2);
    assert_eq!(a.doc.meta.meeting_date, None);
}

#[test]
fn a_hundred_thousand_tiny_paragraphs() {
    let text = "段。\n\n".repeat(100_000);
    let a = timed("100 000 tiny paragraphs", "many.txt", text.as_bytes()).unwrap();
    assert_eq!(body_paragraphs(&a), 100_000);
    assert_eq!(a.summary.word_count, 100_000);
    // Windows line ends and no blank lines: each line is still its own paragraph (a short
    // line ending in a full stop is not hard-wrapped).
    let crlf = "段。\r\n".repeat(100_000);
    let a = timed("100 000 CRLF lines", "many.txt", crlf.as_bytes()).unwrap();
    assert_eq!(body_paragraphs(&a), 100_000);
}

#[test]
fn twenty_thousand_annexes() {
    let mut text = String::from("2020年9月16日安全理事会主席给秘书长的信\n\n来函。\n\n");
    for _ in 0..20_000 {
        text.push_str(
            "附件\n\n中国常驻联合国副代表耿爽的发言\n\n[原件：中文]\n\n第2436（2018）号决议。\n\n",
        );
    }
    let a = timed("20 000 annexes", "annexes.txt", text.as_bytes()).unwrap();
    assert_eq!(a.doc.parts.len(), 20_001);
    assert_eq!(a.doc.annexes().count(), 20_000);
    assert!(a.doc.annexes().all(|p| p.languages == ["zh"]
        && p.speaker.as_ref().unwrap().code.as_deref() == Some("CHN")
        && p.paragraphs.len() == 1));
}

#[test]
fn many_distinct_symbols_and_resolutions() {
    // Hundreds of thousands of distinct citations in one paragraph.
    let mut text = String::new();
    for i in 0..200_000 {
        text.push_str(&format!("S/2020/{i}、第{}号决议，", 1000 + i % 90_000));
    }
    let a = timed("200 000 distinct symbols", "cites.txt", text.as_bytes()).unwrap();
    assert_eq!(body_paragraphs(&a), 1);
    assert_eq!(a.doc.meta.references.len(), 200_000);
}

#[test]
fn a_chain_of_symbol_like_fragments() {
    // S/x.S/x.S/x. … : every S starts a symbol-shaped run as long as the rest of the line.
    let text = "S/x.".repeat(1024 * 1024);
    let a = timed("4 MB of S/x.S/x.", "chain.txt", text.as_bytes()).unwrap();
    assert_eq!(body_paragraphs(&a), 1);
    assert!(a.doc.meta.references.is_empty());
}

#[test]
fn deeply_nested_html() {
    let depth = 100_000;
    let html = format!(
        "{}维持和平{}",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let a = timed("100 000 nested <div>", "deep.html", html.as_bytes()).unwrap();
    assert_eq!(a.source.format, Format::Html);
    assert_eq!(only_title(&a), "维持和平");
    // Never closed, and sniffed as HTML without the extension.
    let open = format!("<html>{}文字", "<div><span><p>".repeat(depth));
    let a = timed("300 000 unclosed tags", "open.txt", open.as_bytes()).unwrap();
    assert_eq!(a.source.format, Format::Html);
    assert_eq!(a.doc.text, "文字");
    // Script elements opened again and again, closed once at the very end.
    let scripts = format!(
        "<html><p>前</p>{}x</script><p>后</p>",
        "<script>".repeat(depth)
    );
    let a = timed(
        "100 000 <script> opened, one closed",
        "s.html",
        scripts.as_bytes(),
    )
    .unwrap();
    assert_eq!(a.doc.text, "前\n后");
    // A skipped element never closed, followed by many more starts of one.
    let unclosed = format!("<p>前</p>{}", "<style>a".repeat(depth));
    let a = timed("100 000 unclosed <style>", "u.html", unclosed.as_bytes()).unwrap();
    assert_eq!(a.doc.text, "前");
}

fn zip_of(entries: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(method)
        .large_file(true);
    for (name, data) in entries {
        w.start_file(*name, options).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn a_zip_bomb_dressed_as_docx() {
    // 65 MB of XML whitespace: over the 64 MB bound on word/document.xml.
    let mut xml = b"<?xml version=\"1.0\"?><w:document xmlns:w=\"x\"><w:body>".to_vec();
    xml.resize(65 * 1024 * 1024, b' ');
    xml.extend_from_slice(b"<w:p><w:r><w:t>bomb</w:t></w:r></w:p></w:body></w:document>");
    let started = Instant::now();
    let bomb = zip_of(
        &[("word/document.xml", &xml)],
        zip::CompressionMethod::Deflated,
    );
    drop(xml);
    eprintln!(
        "[pathological] (building the bomb took {:.3} s)",
        started.elapsed().as_secs_f64()
    );
    assert!(bomb.len() < 200 * 1024, "{} bytes", bomb.len());
    let err = timed("zip bomb (65 MB document.xml)", "bomb.docx", &bomb).unwrap_err();
    assert_eq!(
        err,
        IngestError::BrokenDocx {
            detail: "word/document.xml expands beyond 64 MB".into()
        }
    );
    // The same bomb under a name that says text: the zip signature decides.
    let err = timed("zip bomb named .txt", "bomb.txt", &bomb).unwrap_err();
    assert_eq!(err.code(), "broken-docx");
}

#[test]
fn a_docx_whose_xml_nests_deeply() {
    let depth = 100_000;
    let xml = format!(
        "<?xml version=\"1.0\"?><w:document xmlns:w=\"x\"><w:body><w:p>{}<w:t>深层嵌套</w:t>{}</w:p></w:body></w:document>",
        "<w:r>".repeat(depth),
        "</w:r>".repeat(depth)
    );
    let docx = zip_of(
        &[("word/document.xml", xml.as_bytes())],
        zip::CompressionMethod::Deflated,
    );
    let a = timed("DOCX with 100 000 nested w:r", "deep.docx", &docx).unwrap();
    assert_eq!(a.source.format, Format::Docx);
    assert_eq!(only_title(&a), "深层嵌套");
    // Opened and never closed: the XML reader stops at the end of the input.
    let open = format!(
        "<?xml version=\"1.0\"?><w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t>文字</w:t></w:r></w:p>{}",
        "<w:p><w:r>".repeat(depth)
    );
    let docx = zip_of(
        &[("word/document.xml", open.as_bytes())],
        zip::CompressionMethod::Deflated,
    );
    let out = timed("DOCX with 200 000 unclosed tags", "open.docx", &docx);
    let a = out.unwrap();
    assert_eq!(a.doc.text, "文字");
    // Closing tags that were never opened.
    let stray = format!(
        "<?xml version=\"1.0\"?><w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t>文字</w:t></w:r></w:p>{}</w:body></w:document>",
        "</w:r>".repeat(depth)
    );
    let docx = zip_of(
        &[("word/document.xml", stray.as_bytes())],
        zip::CompressionMethod::Deflated,
    );
    let err = timed("DOCX with 100 000 stray end tags", "stray.docx", &docx).unwrap_err();
    assert_eq!(err.code(), "broken-docx");
}

/// A minimal PDF: numbered objects (1 is the catalog), a correct cross-reference table.
fn pdf_of(objects: &[String]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// Catalog, one flat Pages node, `n` empty pages (objects 3 … n + 2).
fn empty_pages_pdf(n: usize) -> Vec<u8> {
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", i + 3)).collect();
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")),
    ];
    objects.extend(
        (0..n).map(|_| "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_string()),
    );
    pdf_of(&objects)
}

#[test]
fn a_pdf_with_five_thousand_empty_pages() {
    let pdf = empty_pages_pdf(5000);
    let err = timed("PDF, 5 000 empty pages", "empty.pdf", &pdf).unwrap_err();
    assert_eq!(err, IngestError::PdfNoText { pages: 5000 });
    // The same document is a valid one-page PDF when cut down: the generator is sound.
    let err = timed("PDF, 1 empty page", "one.pdf", &empty_pages_pdf(1)).unwrap_err();
    assert_eq!(err, IngestError::PdfNoText { pages: 1 });
}

#[test]
fn a_pdf_whose_page_tree_nests_deeply_or_loops() {
    // 5 000 Pages nodes each holding the next, the last holding one empty page.
    let depth = 5000;
    let mut objects = vec!["<< /Type /Catalog /Pages 2 0 R >>".to_string()];
    for i in 0..depth {
        let me = i + 2;
        let parent = if i == 0 {
            String::new()
        } else {
            format!("/Parent {} 0 R ", me - 1)
        };
        objects.push(format!(
            "<< /Type /Pages {parent}/Kids [{} 0 R] /Count 1 >>",
            me + 1
        ));
    }
    objects.push(format!(
        "<< /Type /Page /Parent {} 0 R /MediaBox [0 0 595 842] >>",
        depth + 1
    ));
    let pdf = pdf_of(&objects);
    let err = timed("PDF, page tree 5 000 deep", "deep.pdf", &pdf).unwrap_err();
    assert_eq!(err, IngestError::PdfNoText { pages: 1 });
    // A Pages node that lists itself among its kids.
    let looped = pdf_of(&[
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_string(),
    ]);
    // pdfplumber drops the looping node and finds no page: a broken file, not a scan.
    let err = timed("PDF, page tree with a loop", "loop.pdf", &looped).unwrap_err();
    assert_eq!(
        err,
        IngestError::BrokenPdf {
            detail: "the page tree has no pages".into()
        }
    );
}
