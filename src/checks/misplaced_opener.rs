use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::syntax::Draft;

pub fn check(_draft: &Draft<'_>, _config: &Config, _out: &mut Vec<Diagnostic>) {}
