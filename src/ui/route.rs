//! Views addressed by the URL fragment, so a view can be bookmarked and the back button
//! works. Fragments carry document ids, part and paragraph numbers and a search term the
//! user typed — never document text.
//!
//! `#/corpus`, `#/reader/3`, `#/reader/3/2.5` (part 2, paragraph 5), `#/themes`,
//! `#/compare/5/1`, `#/compare/5.2/1.3` (statements), `#/kwic/维和`, `#/resolutions`,
//! `#/resolutions/2436`.

/// A document, or one of its parts (statements).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Unit {
    pub doc: u32,
    pub part: Option<usize>,
}

impl Unit {
    pub fn doc(doc: u32) -> Unit {
        Unit { doc, part: None }
    }

    pub fn code(&self) -> String {
        match self.part {
            Some(p) => format!("{}.{p}", self.doc),
            None => self.doc.to_string(),
        }
    }

    pub fn parse(s: &str) -> Option<Unit> {
        match s.split_once('.') {
            Some((d, p)) => Some(Unit {
                doc: d.parse().ok()?,
                part: Some(p.parse().ok()?),
            }),
            None => Some(Unit::doc(s.parse().ok()?)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Route {
    Corpus,
    /// No document named: the selected one.
    #[default]
    Home,
    Reader {
        doc: u32,
        /// Part and paragraph to bring into view.
        at: Option<(usize, usize)>,
    },
    Themes,
    /// No units named: the newest upload against the seed.
    Compare(Option<(Unit, Unit)>),
    Kwic(String),
    Resolutions(Option<String>),
}

/// The tabs, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Corpus,
    Reader,
    Themes,
    Compare,
    Kwic,
    Resolutions,
}

pub const TABS: [Tab; 6] = [
    Tab::Corpus,
    Tab::Reader,
    Tab::Themes,
    Tab::Compare,
    Tab::Kwic,
    Tab::Resolutions,
];

impl Tab {
    pub fn id(self) -> &'static str {
        match self {
            Tab::Corpus => "corpus",
            Tab::Reader => "reader",
            Tab::Themes => "themes",
            Tab::Compare => "compare",
            Tab::Kwic => "kwic",
            Tab::Resolutions => "resolutions",
        }
    }
}

impl Route {
    pub fn tab(&self) -> Tab {
        match self {
            Route::Corpus => Tab::Corpus,
            Route::Home | Route::Reader { .. } => Tab::Reader,
            Route::Themes => Tab::Themes,
            Route::Compare(_) => Tab::Compare,
            Route::Kwic(_) => Tab::Kwic,
            Route::Resolutions(_) => Tab::Resolutions,
        }
    }

    /// The fragment, with its `#`.
    pub fn hash(&self) -> String {
        match self {
            Route::Home => "#/".into(),
            Route::Corpus => "#/corpus".into(),
            Route::Reader { doc, at: None } => format!("#/reader/{doc}"),
            Route::Reader {
                doc,
                at: Some((p, i)),
            } => format!("#/reader/{doc}/{p}.{i}"),
            Route::Themes => "#/themes".into(),
            Route::Compare(None) => "#/compare".into(),
            Route::Compare(Some((a, b))) => format!("#/compare/{}/{}", a.code(), b.code()),
            Route::Kwic(t) if t.is_empty() => "#/kwic".into(),
            Route::Kwic(t) => format!("#/kwic/{}", encode(t)),
            Route::Resolutions(None) => "#/resolutions".into(),
            Route::Resolutions(Some(n)) => format!("#/resolutions/{}", encode(n)),
        }
    }

    /// A fragment as found in `location.hash` (with or without `#`); anything not
    /// understood is the home view.
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let mut it = path.splitn(2, '/');
        let head = it.next().unwrap_or("");
        let rest = it.next().unwrap_or("");
        let parts: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
        match head {
            "corpus" => Route::Corpus,
            "themes" => Route::Themes,
            "reader" => match parts.first().and_then(|d| d.parse().ok()) {
                Some(doc) => Route::Reader {
                    doc,
                    at: parts.get(1).and_then(|at| {
                        let (p, i) = at.split_once('.')?;
                        Some((p.parse().ok()?, i.parse().ok()?))
                    }),
                },
                None => Route::Home,
            },
            "compare" => Route::Compare(match parts.as_slice() {
                [a, b] => Unit::parse(a).zip(Unit::parse(b)),
                _ => None,
            }),
            "kwic" => Route::Kwic(decode(rest)),
            "resolutions" => Route::Resolutions((!rest.is_empty()).then(|| decode(rest))),
            _ => Route::Home,
        }
    }
}

/// Percent-encoding of everything but unreserved ASCII, so a Chinese term survives any
/// browser's handling of the fragment.
pub fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_survives_its_fragment() {
        let routes = [
            Route::Home,
            Route::Corpus,
            Route::Reader { doc: 3, at: None },
            Route::Reader {
                doc: 3,
                at: Some((2, 5)),
            },
            Route::Themes,
            Route::Compare(None),
            Route::Compare(Some((Unit::doc(5), Unit::doc(1)))),
            Route::Compare(Some((
                Unit {
                    doc: 5,
                    part: Some(2),
                },
                Unit {
                    doc: 1,
                    part: Some(3),
                },
            ))),
            Route::Kwic("维和".into()),
            Route::Kwic("peace keeping/100%".into()),
            Route::Kwic(String::new()),
            Route::Resolutions(None),
            Route::Resolutions(Some("2436".into())),
        ];
        for r in routes {
            assert_eq!(Route::parse(&r.hash()), r, "{}", r.hash());
        }
        assert_eq!(
            Route::Kwic("维和".into()).hash(),
            "#/kwic/%E7%BB%B4%E5%92%8C"
        );
        assert_eq!(Route::parse("#/kwic/维和"), Route::Kwic("维和".into()));
    }

    #[test]
    fn anything_else_is_home() {
        for h in ["", "#", "#/nope", "#/reader/x", "#/reader/"] {
            assert_eq!(Route::parse(h), Route::Home, "{h}");
        }
        assert_eq!(Route::parse("#/compare/1"), Route::Compare(None));
        assert_eq!(Route::parse("#/compare/1/x.2"), Route::Compare(None));
        assert_eq!(decode("%E7%BB%B4%"), "维%");
        assert_eq!(decode("%zz"), "%zz");
    }
}
