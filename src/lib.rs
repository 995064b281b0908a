//! resolution-ls: a checker and language server for United Nations resolution drafts.
//!
//! Layers, each knowing only those below it: [`syntax`] (text to draft model) and [`vocab`]
//! (standard vocabularies: data and look-up) → [`checks`] (the rules, with the judgement of
//! openers), [`fix`] and [`ide`] (pure functions over the model) → [`lsp`] and [`cli`].

pub mod analysis;
pub mod checks;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod drafts;
pub mod fix;
pub mod ide;
pub mod lsp;
pub mod process_heap;
pub mod syntax;
pub mod vocab;
pub mod word;

pub use analysis::analyze;
pub use config::Config;
pub use diagnostic::{Applicability, Code, Diagnostic, Edit, Fix, Severity};
