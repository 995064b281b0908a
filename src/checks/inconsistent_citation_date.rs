//! `inconsistent-citation-date`: a cited resolution or decision whose date cannot fall in the
//! session or year its number gives (reference/un-drafting.md §5): "resolution 67/169 of
//! 20 December 2019", "resolution 2427 (2018) of 9 July 2019", "resolution 2016/2 of
//! 2 June 2017". When the words leave the body open, the date must fit none of the candidates.

use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic};
use crate::syntax::citations::{Citation, CitedKind, CitedNumber, Session};
use crate::syntax::{CitedBody, Draft};
use crate::vocab::symbols::{
    general_assembly_session_years, human_rights_council_session_year, ordinal_words,
};

pub fn check(draft: &Draft<'_>, _config: &Config, out: &mut Vec<Diagnostic>) {
    for citation in &draft.citations {
        let Some(date) = &citation.date else {
            continue;
        };
        if let Some(message) = inconsistency(draft, citation, date.year, date.month) {
            out.push(Diagnostic::new(
                Code::InconsistentCitationDate,
                citation.range.range(),
                message,
            ));
        }
    }
}

/// When a body's session was held, for messages: the body's session ("the General Assembly's
/// sixty-seventh session") and when ("ran from September 2012 to September 2013").
struct SessionFacts {
    session: String,
    when: String,
}

fn session_facts(body: CitedBody, session: u32) -> Option<SessionFacts> {
    match body {
        CitedBody::GeneralAssembly if session >= 1 => {
            let (opened, closed) = general_assembly_session_years(session);
            Some(SessionFacts {
                session: format!("the General Assembly's {} session", ordinal_words(session)),
                when: format!("ran from September {opened} to September {closed}"),
            })
        }
        CitedBody::HumanRightsCouncil if session >= 1 => {
            let year = human_rights_council_session_year(session);
            Some(SessionFacts {
                session: format!(
                    "the Human Rights Council's {} session",
                    ordinal_words(session)
                ),
                when: format!("was held in {year}"),
            })
        }
        _ => None,
    }
}

/// The Economic and Social Council's sessions run from July to July since its 2014 session
/// (General Assembly resolution 68/1), and are numbered by the year they end in.
const FIRST_JULY_TO_JULY_SESSION: u32 = 2014;

/// Whether a year-numbered resolution or decision (`2016/2`) can be dated `year`/`month`.
fn yearly_number_fits(body: CitedBody, numbered_year: u32, year: u32, month: u32) -> bool {
    numbered_year == year
        || (body == CitedBody::EconomicAndSocialCouncil
            && numbered_year >= FIRST_JULY_TO_JULY_SESSION
            && year + 1 == numbered_year
            && month >= 7)
}

fn year_fits(body: CitedBody, session: u32, year: u32) -> bool {
    match body {
        CitedBody::GeneralAssembly => {
            let (opened, closed) = general_assembly_session_years(session);
            year == opened || year == closed
        }
        CitedBody::HumanRightsCouncil => human_rights_council_session_year(session) == year,
        _ => true,
    }
}

fn inconsistency(draft: &Draft<'_>, citation: &Citation, year: u32, month: u32) -> Option<String> {
    let noun = citation.kind.noun();
    let capitalized = match citation.kind {
        CitedKind::Decision => "Decision",
        CitedKind::Resolution => "Resolution",
    };
    // Built only when there is something to report: the text of a large draft is out of the
    // cache by the time the rules run.
    let report = |reason: &str| {
        let number = draft.slice(citation.number_range);
        format!(
            "{capitalized} {number} is dated {year}, but {reason}. Check the {noun} number or the date."
        )
    };
    match citation.number {
        CitedNumber::Yearly {
            year: numbered_year,
            ..
        } if !yearly_number_fits(citation.body, numbered_year, year, month) => {
            let council = citation.body == CitedBody::EconomicAndSocialCouncil;
            let when = if council && numbered_year >= FIRST_JULY_TO_JULY_SESSION {
                format!(
                    "Economic and Social Council {noun}s numbered {numbered_year}/… belong to its {numbered_year} session, which ran from July {} to July {numbered_year}",
                    numbered_year - 1
                )
            } else {
                format!("{noun}s numbered {numbered_year}/… were adopted in {numbered_year}")
            };
            Some(report(&when))
        }
        CitedNumber::WithYear {
            year: adopted_year, ..
        } if adopted_year != year => Some(report(&format!(
            "the year in its number says it was adopted in {adopted_year}"
        ))),
        CitedNumber::WithRomanSession {
            session: Session::Regular(session),
            ..
        } if citation.body == CitedBody::GeneralAssembly
            && !year_fits(CitedBody::GeneralAssembly, session, year) =>
        {
            let facts = session_facts(CitedBody::GeneralAssembly, session)?;
            Some(report(&format!("{} {}", facts.session, facts.when)))
        }
        CitedNumber::Sessional {
            session: Session::Regular(session),
            ..
        } => {
            let candidates = [Some(citation.body), citation.alternative];
            let candidates = candidates.iter().flatten();
            if candidates.clone().any(|body| {
                !matches!(
                    body,
                    CitedBody::GeneralAssembly | CitedBody::HumanRightsCouncil
                )
            }) {
                return None;
            }
            if candidates
                .clone()
                .any(|body| year_fits(*body, session, year))
            {
                return None;
            }
            let facts: Vec<SessionFacts> = candidates
                .filter_map(|body| session_facts(*body, session))
                .collect();
            let described = match facts.as_slice() {
                [only] => format!("{} {}", only.session, only.when),
                [first, second] => format!(
                    "that fits neither {}, which {}, nor {}, which {}",
                    first.session, first.when, second.session, second.when
                ),
                _ => return None,
            };
            Some(report(&described))
        }
        _ => None,
    }
}
