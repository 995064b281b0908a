//! The rules, one file each, all registered in [`RULES`].
//!
//! A rule is a pure function from a draft and the configuration to diagnostics with byte
//! ranges and fixes; it reports at the code's default severity (or lower when it is less sure)
//! and leaves the configured severity and the inline suppressions to `analysis`.
//!
//! The four opener rules share [`opener_judgement`], which judges an opener read by the
//! vocabulary ([`crate::vocab::openers`]) against its part and builds the corrections.

mod dangling_footnote;
mod inconsistent_citation_date;
mod misnumbered_paragraph;
mod misnumbered_subparagraph;
mod misordered_footnote;
mod misplaced_opener;
mod nonstandard_opener;
pub mod opener_judgement;
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
    /// Whether the rule reads the paragraphs' openers ([`Draft::opener_reading`]). An analysis
    /// on two threads runs these rules on one, where the openers are read first, and the
    /// others on the other.
    pub reads_openers: bool,
}

pub const RULES: &[Rule] = &[
    Rule {
        code: Code::MisnumberedParagraph,
        check: misnumbered_paragraph::check,
        reads_openers: false,
    },
    Rule {
        code: Code::MisnumberedSubparagraph,
        check: misnumbered_subparagraph::check,
        reads_openers: false,
    },
    Rule {
        code: Code::NonstandardOpener,
        check: nonstandard_opener::check,
        reads_openers: true,
    },
    Rule {
        code: Code::MisplacedOpener,
        check: misplaced_opener::check,
        reads_openers: true,
    },
    Rule {
        code: Code::UnitalicizedOpener,
        check: unitalicized_opener::check,
        reads_openers: true,
    },
    Rule {
        code: Code::RepeatedOpener,
        check: repeated_opener::check,
        reads_openers: true,
    },
    Rule {
        code: Code::DanglingFootnote,
        check: dangling_footnote::check,
        reads_openers: false,
    },
    Rule {
        code: Code::UnreferencedFootnote,
        check: unreferenced_footnote::check,
        reads_openers: false,
    },
    Rule {
        code: Code::MisorderedFootnote,
        check: misordered_footnote::check,
        reads_openers: false,
    },
    Rule {
        code: Code::UnknownDocumentSymbol,
        check: unknown_document_symbol::check,
        reads_openers: false,
    },
    Rule {
        code: Code::InconsistentCitationDate,
        check: inconsistent_citation_date::check,
        reads_openers: false,
    },
    Rule {
        code: Code::ParagraphPunctuation,
        check: paragraph_punctuation::check,
        reads_openers: false,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_exactly_one_rule() {
        for &code in Code::ALL {
            let rules = RULES.iter().filter(|rule| rule.code == code).count();
            assert_eq!(rules, 1, "{code} has {rules} rules in RULES");
        }
        assert_eq!(RULES.len(), Code::ALL.len());
    }
}
