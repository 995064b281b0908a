//! Resolution and decision citations in running text: "resolution 67/169 of 20 December 2012",
//! "Council resolution 19/33", "resolution 2427 (2018)".

use std::ops::Range;

use super::Body;

/// The body whose resolution is cited.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CitedBody {
    GeneralAssembly,
    HumanRightsCouncil,
    SecurityCouncil,
    EconomicAndSocialCouncil,
    /// The words around the citation do not tell.
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    pub range: Range<usize>,
    pub body: CitedBody,
}

/// Find the citations in `text[within]` of a draft adopted by `draft_body`.
pub fn scan(_text: &str, _within: Range<usize>, _draft_body: Body, _out: &mut Vec<Citation>) {}
