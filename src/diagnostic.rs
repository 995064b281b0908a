//! What the engine reports: diagnostic codes, severities, messages and the edits that fix them.
//!
//! Everything here speaks byte offsets into the draft's text; only `lsp/` and `cli/` turn them
//! into lines and columns.

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

/// Declares every diagnostic code, once, with what the rest of the engine asks of it: its
/// stable name, its default level, what its fixes may do and a one-line summary. The rule
/// that reports a code is registered in `checks::RULES`, and a test there holds every code
/// to exactly one rule.
macro_rules! codes {
    ($(
        $(#[$attribute:meta])*
        $code:ident {
            name: $name:literal,
            default: $default:ident,
            fixes: $fixes:expr,
            summary: $summary:literal $(,)?
        }
    ),+ $(,)?) => {
        /// The stable name of a rule, as written in settings, inline comments and output.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($(#[$attribute])* $code,)+
        }

        impl Code {
            /// Every code, in the order of the table.
            pub const ALL: &'static [Code] = &[$(Code::$code,)+];

            /// What the table says of this code.
            pub fn info(self) -> &'static CodeInfo {
                const INFO: &[CodeInfo] = &[$(CodeInfo {
                    name: $name,
                    default_level: RuleLevel::$default,
                    fixes: $fixes,
                    summary: $summary,
                },)+];
                &INFO[self as usize]
            }
        }
    };
}

/// What the table of codes says of one code.
#[derive(Debug)]
pub struct CodeInfo {
    /// The stable kebab-case name: `misnumbered-paragraph`.
    pub name: &'static str,
    /// The level the code has when no setting changes it (DESIGN.md §3).
    pub default_level: RuleLevel,
    /// What its fixes may do: `None` when it has none, `Some(Unsafe)` when some of them put a
    /// different word in.
    pub fixes: Option<Applicability>,
    /// One line on what the rule finds, for listings and hover.
    pub summary: &'static str,
}

codes! {
    MisnumberedParagraph {
        name: "misnumbered-paragraph",
        default: Error,
        fixes: Some(Applicability::Safe),
        summary: "an operative paragraph number is not the one expected (gap, repeat, out of order)",
    },
    MisnumberedSubparagraph {
        name: "misnumbered-subparagraph",
        default: Warning,
        fixes: Some(Applicability::Safe),
        summary: "subparagraph labels (a), (b), ... or (i), (ii), ... out of sequence",
    },
    NonstandardOpener {
        name: "nonstandard-opener",
        default: Warning,
        fixes: Some(Applicability::Unsafe),
        summary: "an opener that is not a standard opener for its part of the resolution",
    },
    MisplacedOpener {
        name: "misplaced-opener",
        default: Warning,
        fixes: Some(Applicability::Unsafe),
        summary: "an operative verb in the preamble, or a participle in the operative part",
    },
    UnitalicizedOpener {
        name: "unitalicized-opener",
        default: Information,
        fixes: Some(Applicability::Safe),
        summary: "a standard opener written without italics",
    },
    RepeatedOpener {
        name: "repeated-opener",
        default: Information,
        fixes: Some(Applicability::Safe),
        summary: "a repeated opener without \"also\"/\"further\", or the adverb on the wrong side",
    },
    DanglingFootnote {
        name: "dangling-footnote",
        default: Error,
        fixes: None,
        summary: "a footnote marker with no footnote text",
    },
    UnreferencedFootnote {
        name: "unreferenced-footnote",
        default: Warning,
        fixes: None,
        summary: "a footnote text that no marker refers to",
    },
    MisorderedFootnote {
        name: "misordered-footnote",
        default: Warning,
        fixes: Some(Applicability::Safe),
        summary: "footnotes not numbered in order of first use, or defined twice",
    },
    UnknownDocumentSymbol {
        name: "unknown-document-symbol",
        default: Warning,
        fixes: Some(Applicability::Unsafe),
        summary: "a document symbol that does not parse or looks like a misspelt known symbol",
    },
    InconsistentCitationDate {
        name: "inconsistent-citation-date",
        default: Warning,
        fixes: None,
        summary: "a cited resolution whose date cannot fall in its session",
    },
    ParagraphPunctuation {
        name: "paragraph-punctuation",
        default: Information,
        fixes: Some(Applicability::Safe),
        summary: "a paragraph that does not end with the punctuation its place calls for",
    },
}

impl Code {
    pub fn as_str(self) -> &'static str {
        self.info().name
    }

    /// The severity a rule has when no setting changes it (DESIGN.md §3).
    pub fn default_level(self) -> RuleLevel {
        self.info().default_level
    }

    /// One line on what the rule finds, for `--help`-style listings and hover.
    pub fn summary(self) -> &'static str {
        self.info().summary
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Code {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Code::ALL
            .iter()
            .copied()
            .find(|code| code.as_str() == name)
            .ok_or_else(|| {
                let known: Vec<&str> = Code::ALL.iter().map(|code| code.as_str()).collect();
                format!(
                    "unknown diagnostic code `{name}`; known codes are {}",
                    known.join(", ")
                )
            })
    }
}

/// How serious a reported diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Hint,
    Information,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Information => "information",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rule's configured level: a severity, or off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RuleLevel {
    Off,
    Hint,
    Information,
    Warning,
    Error,
}

impl RuleLevel {
    pub fn severity(self) -> Option<Severity> {
        match self {
            RuleLevel::Off => None,
            RuleLevel::Hint => Some(Severity::Hint),
            RuleLevel::Information => Some(Severity::Information),
            RuleLevel::Warning => Some(Severity::Warning),
            RuleLevel::Error => Some(Severity::Error),
        }
    }
}

impl FromStr for RuleLevel {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name {
            "off" => Ok(RuleLevel::Off),
            "hint" => Ok(RuleLevel::Hint),
            "information" | "info" => Ok(RuleLevel::Information),
            "warning" | "warn" => Ok(RuleLevel::Warning),
            "error" => Ok(RuleLevel::Error),
            other => Err(format!(
                "unknown severity `{other}`; use one of off, hint, information, warning, error"
            )),
        }
    }
}

/// Replace the bytes in `range` with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

impl Edit {
    pub fn new(range: Range<usize>, replacement: impl Into<String>) -> Self {
        Edit {
            range,
            replacement: replacement.into(),
        }
    }
}

/// Whether a fix may be applied without the user looking at it, as ruff's safe and unsafe
/// fixes and clippy's `MachineApplicable` and `MaybeIncorrect`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Applicability {
    /// The fix keeps every word: it renumbers, reletters, punctuates, italicizes, reorders,
    /// spells a word the United Nations way or adds "also". `check --fix` and fix-all apply it.
    Safe,
    /// The fix puts a different word in (the nearest standard opener, a corrected document
    /// symbol, a participle turned into a verb). It may change what the text says, so it is
    /// offered for the user to choose, and applied only with `--unsafe-fixes`.
    Unsafe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

impl fmt::Display for Applicability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A set of non-overlapping edits that repairs one diagnostic, with a title that says what it
/// does ("Renumber the operative paragraphs and 1 cross-reference", "End with `,`").
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
    pub applicability: Applicability,
}

impl Fix {
    /// A safe fix: one that keeps every word of the text.
    pub fn new(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix::with_applicability(title, edits, Applicability::Safe)
    }

    /// An unsafe fix, a suggestion: one that puts a different word in.
    pub fn suggestion(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix::with_applicability(title, edits, Applicability::Unsafe)
    }

    pub fn with_applicability(
        title: impl Into<String>,
        mut edits: Vec<Edit>,
        applicability: Applicability,
    ) -> Self {
        edits.sort_by_key(|edit| (edit.range.start, edit.range.end));
        Fix {
            title: title.into(),
            edits,
            applicability,
        }
    }

    pub fn is_safe(&self) -> bool {
        self.applicability == Applicability::Safe
    }

    /// Whether any edit of this fix touches a byte that an edit of `other` touches.
    pub fn overlaps(&self, other: &Fix) -> bool {
        self.edits.iter().any(|mine| {
            other
                .edits
                .iter()
                .any(|theirs| ranges_overlap(&mine.range, &theirs.range))
        })
    }
}

/// Two ranges overlap when they share a byte, or when both insert at the same point (the order
/// of the two insertions would then be ambiguous).
pub fn ranges_overlap(a: &Range<usize>, b: &Range<usize>) -> bool {
    if a.start == a.end && b.start == b.end {
        return a.start == b.start;
    }
    a.start < b.end && b.start < a.end
        || (a.start == a.end && b.start < a.start && a.start < b.end)
        || (b.start == b.end && a.start < b.start && b.start < a.end)
}

/// One finding of one rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub range: Range<usize>,
    /// What is wrong, why, and what to do, in full sentences.
    pub message: String,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A diagnostic at the rule's default severity; the analysis applies the configured one.
    pub fn new(code: Code, range: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.default_level().severity().unwrap_or(Severity::Hint),
            range,
            message: message.into(),
            fix: None,
        }
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
}
