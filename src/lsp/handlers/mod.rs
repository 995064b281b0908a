//! One file per request or notification. A request handler reads one document snapshot (the
//! version's shared analysis, see `publish`) in a short function and answers in protocol
//! types; a notification handler updates the session.

pub mod code_action;
pub mod code_lens;
pub mod completion;
pub mod definition;
pub mod diagnostic;
pub mod did_change;
pub mod did_change_configuration;
pub mod did_close;
pub mod did_open;
pub mod did_save;
pub mod document_symbol;
pub mod execute_command;
pub mod export;
pub mod folding_range;
pub mod hover;
pub mod initialize;
pub mod references;
pub mod renumber;
