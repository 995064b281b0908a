//! The standard vocabularies as data, with fast lookup: clause openers and document symbol
//! series. No knowledge of drafts or diagnostics.

mod data_file;
pub mod openers;
pub mod symbols;
