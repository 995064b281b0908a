//! The rules, one file each, all registered in [`RULES`].
//!
//! A rule is a pure function from a draft and the configuration to diagnostics with byte
//! ranges and fixes; it reports at the code's default severity (or lower when it is less sure)
//! and leaves the configured severity and the inline suppressions to `analysis`.

mod dangling_footnote;
mod inconsistent_citation_date;
mod misnumbered_paragraph;
mod misnumbered_subparagraph;
mod misordered_footnote;
mod misplaced_opener;
mod nonstandard_opener;
mod paragraph_punctuation;
mod repeated_opener;
mod unitalicized_opener;
mod unknown_document_symbol;
mod unreferenced_footnote;

use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic};
use crate::syntax::Draft;

pub type CheckFn = fn(&Draft<'_>, &Config, &mut Vec<Diagnostic>);

pub struct Rule {
    pub code: Code,
    pub check: CheckFn,
}

pub const RULES: &[Rule] = &[
    Rule {
        code: Code::MisnumberedParagraph,
        check: misnumbered_paragraph::check,
    },
    Rule {
        code: Code::MisnumberedSubparagraph,
        check: misnumbered_subparagraph::check,
    },
    Rule {
        code: Code::NonstandardOpener,
        check: nonstandard_opener::check,
    },
    Rule {
        code: Code::MisplacedOpener,
        check: misplaced_opener::check,
    },
    Rule {
        code: Code::UnitalicizedOpener,
        check: unitalicized_opener::check,
    },
    Rule {
        code: Code::RepeatedOpener,
        check: repeated_opener::check,
    },
    Rule {
        code: Code::DanglingFootnote,
        check: dangling_footnote::check,
    },
    Rule {
        code: Code::UnreferencedFootnote,
        check: unreferenced_footnote::check,
    },
    Rule {
        code: Code::MisorderedFootnote,
        check: misordered_footnote::check,
    },
    Rule {
        code: Code::UnknownDocumentSymbol,
        check: unknown_document_symbol::check,
    },
    Rule {
        code: Code::InconsistentCitationDate,
        check: inconsistent_citation_date::check,
    },
    Rule {
        code: Code::ParagraphPunctuation,
        check: paragraph_punctuation::check,
    },
];
