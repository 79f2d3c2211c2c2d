//! `unsc-lens`: the browser app's analysis from the command line (issue #8), for
//! researchers who outgrow a browser tab. The same core (`unsc_lens::core`) and the same
//! serializer (`core::export`) as the app, so the results are identical; outputs are JSON
//! Lines and CSV that pandas, R and DuckDB read directly.
//!
//! Native only: built for wasm32 (as `cargo clippy --target wasm32-unknown-unknown --bins`
//! does) it is an empty program.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::io::{BufRead, IsTerminal, Write};
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;
    use std::time::Instant;

    use rayon::prelude::*;

    use unsc_lens::core::analysis::{analyse, Analysed, Analyzer};
    use unsc_lens::core::compare::{keyness, keyness_table, theme_deltas, KEYNESS_ROWS};
    use unsc_lens::core::export::{
        csv, documents_jsonl, keyness_csv, term_frequencies_csv, theme_deltas_csv,
        theme_matrix_csv, Named,
    };
    use unsc_lens::core::ingest::{IngestError, MAX_BYTES};
    use unsc_lens::core::segment::Segmenter;
    use unsc_lens::core::stats::merge_counts;
    use unsc_lens::core::text::{is_space, Span};
    use unsc_lens::core::themes::Lexicon;

    const VERSION: &str = env!("CARGO_PKG_VERSION");

    const HELP: &str = "\
unsc-lens — UNSC Lens from the command line: the browser app's analysis of UN Security
Council letters (read → clean → structure → segment → tag themes → find entities), for
scripts, with the same results as the app.

Usage:
  unsc-lens analyze FILE... [--lexicon FILE] [--out DIR]
  unsc-lens compare A B [--lexicon FILE] [--themes FILE]
  unsc-lens segment [--plain] < TEXT
  unsc-lens help [COMMAND]

Commands:
  analyze   analyse letters; write documents.jsonl, themes.csv, terms.csv and errors.csv
  compare   keyness of letter A against letter B, as CSV on standard output
  segment   segment text from standard input into words, one output line per input line

Options:
  -h, --help      this help (or a command's: unsc-lens analyze --help)
  -V, --version   the version

Inputs may be plain text (any encoding the app reads), HTML, Word .docx or PDF with a text
layer. Exit status: 0 done; 1 an input (or the lexicon) could not be read or analysed;
2 usage error.
";

    const HELP_ANALYZE: &str = "\
Usage: unsc-lens analyze FILE... [--lexicon FILE] [--out DIR]

Reads every FILE (in parallel; RAYON_NUM_THREADS sets the threads), analyses it as the app
does, and writes into DIR (default: the current directory, created if missing):

  documents.jsonl  one JSON document per line (schema unsc-lens/document/1): source, meta,
                   themes, key terms, parts with speakers, resolutions, paragraphs, theme
                   tags and cue hits (byte offsets into the included text), entities
  themes.csv       one row per part: document, symbol, part, label, speaker, state, one
                   column per theme id (share of the part's paragraphs tagged, percent),
                   paragraphs
  terms.csv        one row per content word per part: document, symbol, part, speaker,
                   state, term, count, per_10k
  errors.csv       one row per file that could not be read: file, code, message_en,
                   message_zh (only the header when every file was read)

Rows come in the order the files were given. Key terms are weighed against every part of
every file given. A file that cannot be read is reported and the others are still written;
the exit status is then 1.

Options:
  --lexicon FILE  theme lexicon in the format of data/themes.toml (default: the built-in one)
  --out DIR       where to write (default: .)
  -h, --help      this help
";

    const HELP_COMPARE: &str = "\
Usage: unsc-lens compare A B [--lexicon FILE] [--themes FILE]

Analyses letters A and B and writes to standard output their keyness table as CSV: the
terms relatively more frequent in A (side A, strongest first), then those more frequent in
B (side B), at most 30 each, a term needing two occurrences in all. Columns: a, b (the
letters' symbols, else file names), side, term, g2 (signed log-likelihood; |g2| >= 3.84 is
p < 0.05, >= 6.63 p < 0.01), log_ratio (binary log of the ratio of relative frequencies),
freq_a, freq_b. Whole letters are compared: their parts' content words summed, against their
word counts.

Options:
  --themes FILE   also write the theme deltas as CSV to FILE: a, b, theme, name_en, name_zh,
                  share_a, share_b, delta (A - B; shares of paragraphs tagged, percent)
  --lexicon FILE  theme lexicon in the format of data/themes.toml (default: the built-in one)
  -h, --help      this help
";

    const HELP_SEGMENT: &str = "\
Usage: unsc-lens segment [--plain] < TEXT

Reads UTF-8 text on standard input and writes, for every input line, one line of its words
separated by single spaces (whitespace dropped), as the app segments a paragraph: jieba-rs
(HMM on) with the UN user dictionary for text with Han characters, Unicode word boundaries
otherwise.

Options:
  --plain     plain jieba-rs (Jieba::new(), HMM on) on every line, without the UN dictionary
  -h, --help  this help
";

    /// A command line that cannot be run: the message and the command whose help applies.
    #[derive(Debug)]
    struct Usage {
        message: String,
        command: Option<&'static str>,
    }

    enum Command {
        Help(&'static str),
        Version,
        Analyze {
            files: Vec<PathBuf>,
            lexicon: Option<PathBuf>,
            out: PathBuf,
        },
        Compare {
            a: PathBuf,
            b: PathBuf,
            lexicon: Option<PathBuf>,
            themes: Option<PathBuf>,
        },
        Segment {
            plain: bool,
        },
    }

    /// A command's arguments: positionals and `--flag value` / `--flag=value` options.
    struct Args {
        positional: Vec<String>,
        values: Vec<(&'static str, String)>,
        switches: Vec<&'static str>,
        help: bool,
    }

    fn parse_args(
        command: &'static str,
        args: &[String],
        value_flags: &[&'static str],
        switch_flags: &[&'static str],
    ) -> Result<Args, Usage> {
        let usage = |message: String| Usage {
            message,
            command: Some(command),
        };
        let mut out = Args {
            positional: Vec::new(),
            values: Vec::new(),
            switches: Vec::new(),
            help: false,
        };
        let mut i = 0;
        let mut only_positional = false;
        while i < args.len() {
            let arg = &args[i];
            i += 1;
            if only_positional || arg == "-" || !arg.starts_with('-') {
                out.positional.push(arg.clone());
                continue;
            }
            if arg == "--" {
                only_positional = true;
                continue;
            }
            if arg == "-h" || arg == "--help" {
                out.help = true;
                continue;
            }
            let (name, inline) = match arg.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (arg.as_str(), None),
            };
            if let Some(flag) = value_flags.iter().find(|f| **f == name) {
                let value = match inline {
                    Some(v) => v,
                    None => {
                        let v = args
                            .get(i)
                            .ok_or_else(|| usage(format!("{name} needs a value")))?;
                        i += 1;
                        v.clone()
                    }
                };
                if value.is_empty() {
                    return Err(usage(format!("{name} needs a value")));
                }
                if out.values.iter().any(|(f, _)| f == flag) {
                    return Err(usage(format!("{name} given twice")));
                }
                out.values.push((flag, value));
            } else if let Some(flag) = switch_flags.iter().find(|f| **f == name) {
                if inline.is_some() {
                    return Err(usage(format!("{name} takes no value")));
                }
                out.switches.push(flag);
            } else {
                return Err(usage(format!("unknown option {arg:?} for {command}")));
            }
        }
        Ok(out)
    }

    impl Args {
        fn value(&self, flag: &str) -> Option<PathBuf> {
            self.values
                .iter()
                .find(|(f, _)| *f == flag)
                .map(|(_, v)| PathBuf::from(v))
        }
    }

    fn parse(args: &[String]) -> Result<Command, Usage> {
        let Some(first) = args.first() else {
            return Err(Usage {
                message: "a command is needed".into(),
                command: None,
            });
        };
        let rest = &args[1..];
        match first.as_str() {
            "-h" | "--help" => Ok(Command::Help(HELP)),
            "-V" | "--version" | "version" => Ok(Command::Version),
            "help" => match rest.first().map(String::as_str) {
                None => Ok(Command::Help(HELP)),
                Some(c) => help_of(c).map(Command::Help).ok_or_else(|| Usage {
                    message: format!("no command {c:?}"),
                    command: None,
                }),
            },
            "analyze" | "analyse" => {
                let a = parse_args("analyze", rest, &["--lexicon", "--out"], &[])?;
                if a.help {
                    return Ok(Command::Help(HELP_ANALYZE));
                }
                if a.positional.is_empty() {
                    return Err(Usage {
                        message: "analyze needs at least one FILE".into(),
                        command: Some("analyze"),
                    });
                }
                Ok(Command::Analyze {
                    files: a.positional.iter().map(PathBuf::from).collect(),
                    lexicon: a.value("--lexicon"),
                    out: a.value("--out").unwrap_or_else(|| PathBuf::from(".")),
                })
            }
            "compare" => {
                let a = parse_args("compare", rest, &["--lexicon", "--themes"], &[])?;
                if a.help {
                    return Ok(Command::Help(HELP_COMPARE));
                }
                let [x, y] = a.positional.as_slice() else {
                    return Err(Usage {
                        message: format!(
                            "compare needs two files, A and B ({} given)",
                            a.positional.len()
                        ),
                        command: Some("compare"),
                    });
                };
                Ok(Command::Compare {
                    a: PathBuf::from(x),
                    b: PathBuf::from(y),
                    lexicon: a.value("--lexicon"),
                    themes: a.value("--themes"),
                })
            }
            "segment" => {
                let a = parse_args("segment", rest, &[], &["--plain"])?;
                if a.help {
                    return Ok(Command::Help(HELP_SEGMENT));
                }
                if let Some(p) = a.positional.first() {
                    return Err(Usage {
                        message: format!("segment reads standard input and takes no file ({p:?})"),
                        command: Some("segment"),
                    });
                }
                Ok(Command::Segment {
                    plain: a.switches.contains(&"--plain"),
                })
            }
            other => Err(Usage {
                message: format!("unknown command {other:?}"),
                command: None,
            }),
        }
    }

    fn help_of(command: &str) -> Option<&'static str> {
        match command {
            "analyze" | "analyse" => Some(HELP_ANALYZE),
            "compare" => Some(HELP_COMPARE),
            "segment" => Some(HELP_SEGMENT),
            _ => None,
        }
    }

    /// An error that ends the run with status 1, already phrased for the user.
    struct Failed(String);

    pub fn main() -> ExitCode {
        let args: Vec<String> = std::env::args().skip(1).collect();
        if args.is_empty() {
            eprint!("{HELP}");
            return ExitCode::from(2);
        }
        let command = match parse(&args) {
            Ok(c) => c,
            Err(u) => {
                eprintln!("unsc-lens: {}", u.message);
                match u.command {
                    Some(c) => eprintln!("Try 'unsc-lens {c} --help'."),
                    None => eprintln!("Try 'unsc-lens --help'."),
                }
                return ExitCode::from(2);
            }
        };
        let result = match command {
            Command::Help(text) => {
                print!("{text}");
                Ok(ExitCode::SUCCESS)
            }
            Command::Version => {
                println!("unsc-lens {VERSION}");
                Ok(ExitCode::SUCCESS)
            }
            Command::Analyze {
                files,
                lexicon,
                out,
            } => run_analyze(&files, lexicon.as_deref(), &out),
            Command::Compare {
                a,
                b,
                lexicon,
                themes,
            } => run_compare(&a, &b, lexicon.as_deref(), themes.as_deref()),
            Command::Segment { plain } => run_segment(plain),
        };
        match result {
            Ok(code) => code,
            Err(Failed(message)) => {
                eprintln!("unsc-lens: {message}");
                ExitCode::from(1)
            }
        }
    }

    fn load_lexicon(path: Option<&Path>) -> Result<Lexicon, Failed> {
        let Some(path) = path else {
            return Ok(Lexicon::default_lexicon());
        };
        let src = std::fs::read_to_string(path)
            .map_err(|e| Failed(format!("cannot read the lexicon {}: {e}", path.display())))?;
        Lexicon::parse(&src)
            .map_err(|e| Failed(format!("the lexicon {} is not valid: {e}", path.display())))
    }

    /// Why a file has no analysis: the core's typed error, or the file system's.
    enum FileError {
        Ingest(IngestError),
        Io(std::io::Error),
    }

    impl FileError {
        fn code(&self) -> &'static str {
            match self {
                FileError::Ingest(e) => e.code(),
                FileError::Io(_) => "unreadable",
            }
        }
        fn message_en(&self) -> String {
            match self {
                FileError::Ingest(e) => e.message_en(),
                FileError::Io(e) => format!("The file cannot be read: {e}."),
            }
        }
        fn message_zh(&self) -> String {
            match self {
                FileError::Ingest(e) => e.message_zh(),
                FileError::Io(e) => format!("无法读取文件：{e}。"),
            }
        }
    }

    /// The name a document goes by: its file name, as the browser knows it.
    fn file_name(path: &Path) -> String {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string())
    }

    /// One file through the app's pipeline. A file over the app's size limit is refused
    /// before it is read.
    fn analyse_file(path: &Path, an: &Analyzer) -> Result<Analysed, FileError> {
        let size = std::fs::metadata(path).map_err(FileError::Io)?.len();
        if size > MAX_BYTES as u64 {
            return Err(FileError::Ingest(IngestError::TooLarge {
                bytes: usize::try_from(size).unwrap_or(usize::MAX),
            }));
        }
        let bytes = std::fs::read(path).map_err(FileError::Io)?;
        analyse(&file_name(path), &bytes, an).map_err(FileError::Ingest)
    }

    fn progress_bar(len: usize) -> indicatif::ProgressBar {
        if !std::io::stderr().is_terminal() {
            return indicatif::ProgressBar::hidden();
        }
        let bar = indicatif::ProgressBar::new(len as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{prefix} [{bar:30}] {pos}/{len} files ({elapsed}, ~{eta} left)",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_prefix("analysing");
        bar
    }

    fn write(path: &Path, contents: &str) -> Result<(), Failed> {
        std::fs::write(path, contents)
            .map_err(|e| Failed(format!("cannot write {}: {e}", path.display())))
    }

    fn run_analyze(
        files: &[PathBuf],
        lexicon: Option<&Path>,
        out: &Path,
    ) -> Result<ExitCode, Failed> {
        let started = Instant::now();
        let lexicon = load_lexicon(lexicon)?;
        std::fs::create_dir_all(out)
            .map_err(|e| Failed(format!("cannot create {}: {e}", out.display())))?;
        // The segmenter is built once and shared by every thread (Analyzer is Sync).
        let an = Analyzer::new(lexicon);
        let ready = started.elapsed();
        let bar = progress_bar(files.len());
        let results: Vec<Result<Analysed, FileError>> = files
            .par_iter()
            .map(|path| {
                let r = analyse_file(path, &an);
                bar.inc(1);
                r
            })
            .collect();
        bar.finish_and_clear();
        let analysed = started.elapsed();

        let names: Vec<String> = files.iter().map(|p| file_name(p)).collect();
        let named: Vec<Named> = results
            .iter()
            .zip(&names)
            .filter_map(|(r, name)| {
                r.as_ref().ok().map(|analysed| Named {
                    name: name.as_str(),
                    analysed,
                })
            })
            .collect();
        let mut errors = vec![vec![
            "file".to_string(),
            "code".into(),
            "message_en".into(),
            "message_zh".into(),
        ]];
        for (path, r) in files.iter().zip(&results) {
            if let Err(e) = r {
                errors.push(vec![
                    path.display().to_string(),
                    e.code().to_string(),
                    e.message_en(),
                    e.message_zh(),
                ]);
            }
        }
        let lexicon = &an.tagger.lexicon;
        // The outputs are independent: built side by side.
        let (jsonl, (themes, terms)) = rayon::join(
            || documents_jsonl(&named, lexicon),
            || {
                rayon::join(
                    || theme_matrix_csv(&named, lexicon),
                    || term_frequencies_csv(&named),
                )
            },
        );
        let outputs = [
            ("documents.jsonl", jsonl),
            ("themes.csv", themes),
            ("terms.csv", terms),
            ("errors.csv", csv(&errors)),
        ];
        for (name, contents) in &outputs {
            write(&out.join(name), contents)?;
        }

        let failed = errors.len() - 1;
        let parts: usize = named.iter().map(|d| d.analysed.doc.parts.len()).sum();
        let words: usize = named.iter().map(|d| d.analysed.summary.word_count).sum();
        let bytes: usize = named.iter().map(|d| d.analysed.source.bytes).sum();
        let done = started.elapsed();
        eprintln!(
            "unsc-lens: analysed {} of {} files ({:.1} MB) in {:.2} s: {parts} parts, {words} words",
            named.len(),
            files.len(),
            bytes as f64 / 1e6,
            done.as_secs_f64(),
        );
        eprintln!(
            "  {:.2} s loading the dictionary, {:.2} s analysing on {} threads, {:.2} s writing",
            ready.as_secs_f64(),
            (analysed - ready).as_secs_f64(),
            rayon::current_num_threads(),
            (done - analysed).as_secs_f64(),
        );
        for (path, r) in files.iter().zip(&results) {
            if let Err(e) = r {
                eprintln!(
                    "  failed: {}: {} ({})",
                    path.display(),
                    e.message_en(),
                    e.code()
                );
            }
        }
        let written: Vec<String> = outputs
            .iter()
            .map(|(name, _)| out.join(name).display().to_string())
            .collect();
        eprintln!("  wrote {}", written.join(", "));
        Ok(if failed > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        })
    }

    fn run_compare(
        a: &Path,
        b: &Path,
        lexicon: Option<&Path>,
        themes: Option<&Path>,
    ) -> Result<ExitCode, Failed> {
        let an = Analyzer::new(load_lexicon(lexicon)?);
        let (ra, rb) = rayon::join(|| analyse_file(a, &an), || analyse_file(b, &an));
        let fail = |path: &Path, e: FileError| {
            Failed(format!(
                "{}: {} ({})",
                path.display(),
                e.message_en(),
                e.code()
            ))
        };
        let da = ra.map_err(|e| fail(a, e))?;
        let db = rb.map_err(|e| fail(b, e))?;
        let (na, nb) = (file_name(a), file_name(b));
        let (doc_a, doc_b) = (
            Named {
                name: &na,
                analysed: &da,
            },
            Named {
                name: &nb,
                analysed: &db,
            },
        );
        // Symbols name the letters, unless both have the same one (two copies of a letter).
        let (la, lb) = if doc_a.label() != doc_b.label() {
            (doc_a.label().to_string(), doc_b.label().to_string())
        } else if na != nb {
            (na.clone(), nb.clone())
        } else {
            (a.display().to_string(), b.display().to_string())
        };
        let counts = |d: &Analysed| merge_counts(d.summary.part_terms());
        let all = keyness(
            &counts(&da),
            &counts(&db),
            da.summary.word_count,
            db.summary.word_count,
        );
        let table = keyness_table(&all, KEYNESS_ROWS);
        if let Some(path) = themes {
            let deltas = theme_deltas(&da.themes.profile, &db.themes.profile);
            write(
                path,
                &theme_deltas_csv(&deltas, &an.tagger.lexicon, &la, &lb),
            )?;
        }
        let mut stdout = std::io::stdout().lock();
        match stdout
            .write_all(keyness_csv(&table, &la, &lb).as_bytes())
            .and_then(|_| stdout.flush())
        {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                Err(Failed(format!("cannot write to standard output: {e}")))
            }
            _ => Ok(ExitCode::SUCCESS),
        }
    }

    /// How `segment` cuts a line.
    enum Cutter {
        Project(Segmenter),
        Plain(jieba_rs::Jieba),
    }

    impl Cutter {
        fn words<'t>(&self, line: &'t str) -> Vec<&'t str> {
            match self {
                Cutter::Project(seg) => seg
                    .words(line, Span::new(0, line.len()))
                    .into_iter()
                    .map(|s| s.slice(line))
                    .collect(),
                Cutter::Plain(jieba) => jieba
                    .cut(line, true)
                    .into_iter()
                    .map(|t| t.word)
                    .filter(|w| !w.chars().all(is_space))
                    .collect(),
            }
        }
    }

    fn segment_lines(
        cutter: &Cutter,
        input: &mut impl BufRead,
        out: &mut impl Write,
    ) -> std::io::Result<()> {
        let mut buf = Vec::new();
        loop {
            buf.clear();
            if input.read_until(b'\n', &mut buf)? == 0 {
                break;
            }
            let line = String::from_utf8_lossy(&buf);
            let line = line.trim_end_matches(['\n', '\r']);
            for (i, w) in cutter.words(line).iter().enumerate() {
                if i > 0 {
                    out.write_all(b" ")?;
                }
                out.write_all(w.as_bytes())?;
            }
            out.write_all(b"\n")?;
        }
        out.flush()
    }

    fn run_segment(plain: bool) -> Result<ExitCode, Failed> {
        let cutter = if plain {
            Cutter::Plain(jieba_rs::Jieba::new())
        } else {
            Cutter::Project(Segmenter::new())
        };
        let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        match segment_lines(&cutter, &mut std::io::stdin().lock(), &mut out) {
            // A reader that stops early (| head) is not an error.
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                Err(Failed(format!("segment: {e}")))
            }
            _ => Ok(ExitCode::SUCCESS),
        }
    }
}
