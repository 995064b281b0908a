//! The standard vocabularies as data, with fast lookup: clause openers and document symbol
//! series. No knowledge of drafts or diagnostics, and no judgement: what is wrong with an
//! opener and what to write instead is decided by the rules, in `checks::opener_judgement`.

mod data_file;
pub mod openers;
pub mod symbols;
