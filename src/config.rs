//! Settings: what `resolution-ls.toml`, `initializationOptions` and `workspace/configuration`
//! can say, read into one [`Settings`] value with every unknown key or bad value reported.
//!
//! The keys are the same in every source (`checkOn`, `diagnosticsDelayMs`, `rules.<code>`,
//! `files`, `openers.preambular`, `openers.operative`, `symbols.known`, `base`); TOML files may
//! also spell them in snake case (`check_on`).

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::diagnostic::{Code, RuleLevel};

/// The name of the settings file looked up at the workspace root (and by `check`, in the
/// current folder and its parents).
pub const SETTINGS_FILE_NAME: &str = "resolution-ls.toml";

/// Known-symbol files larger than this are refused rather than read.
pub const MAX_KNOWN_SYMBOLS_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// When the language server checks a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum CheckOn {
    /// After `diagnosticsDelayMs` of quiet while typing, and on open and save.
    #[default]
    Change,
    /// Only on open and save.
    Save,
}

/// What the engine needs to check a draft.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    /// Configured levels; a code that is absent has its default level.
    pub rules: BTreeMap<Code, RuleLevel>,
    /// Extra openers the user accepts in the preamble (`Welcoming warmly`).
    pub preambular_openers: Vec<String>,
    /// Extra openers the user accepts in the operative part.
    pub operative_openers: Vec<String>,
    /// When set, a well-formed symbol that is not in this set is reported too.
    pub known_symbols: Option<HashSet<String>>,
}

impl Config {
    pub fn level(&self, code: Code) -> RuleLevel {
        self.rules
            .get(&code)
            .copied()
            .unwrap_or_else(|| code.default_level())
    }
}

/// Every setting, from any source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    pub check_on: CheckOn,
    pub diagnostics_delay_ms: u64,
    pub rules: BTreeMap<Code, RuleLevel>,
    /// Globs (relative to the workspace root) naming Markdown files that are drafts.
    pub files: Vec<String>,
    pub preambular_openers: Vec<String>,
    pub operative_openers: Vec<String>,
    /// Files (relative to the workspace root) listing known document symbols, one a line.
    pub known_symbol_files: Vec<String>,
    /// The document the drafts are based on (a `.docx`, PDF or draft `.md`, relative to the
    /// workspace root): the editor marks what changed against it and exports the changes as
    /// Word tracked changes.
    pub base: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            check_on: CheckOn::Change,
            diagnostics_delay_ms: 150,
            rules: BTreeMap::new(),
            files: Vec::new(),
            preambular_openers: Vec::new(),
            operative_openers: Vec::new(),
            known_symbol_files: Vec::new(),
            base: None,
        }
    }
}

/// A setting that could not be taken, with where it came from and what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingsError {
    /// The file or source the setting came from (`resolution-ls.toml`, `initializationOptions`).
    pub source: String,
    /// The key, dotted (`rules.misnumbered-paragraph`).
    pub key: String,
    pub message: String,
}

impl std::fmt::Display for SettingsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.key.is_empty() {
            write!(f, "{}: {}", self.source, self.message)
        } else {
            write!(f, "{}: `{}`: {}", self.source, self.key, self.message)
        }
    }
}

impl Settings {
    /// Read a `resolution-ls.toml`; `source` names it in errors.
    pub fn from_toml(text: &str, source: &str) -> (Settings, Vec<SettingsError>) {
        let mut settings = Settings::default();
        let errors = settings.merge_toml(text, source);
        (settings, errors)
    }

    /// Apply the keys of a TOML text over these settings.
    pub fn merge_toml(&mut self, text: &str, source: &str) -> Vec<SettingsError> {
        match toml::from_str::<Value>(text) {
            Ok(value) => self.merge_json(&value, source),
            Err(error) => vec![SettingsError {
                source: source.to_string(),
                key: String::new(),
                message: format!("not valid TOML: {}", error.message()),
            }],
        }
    }

    /// Apply the keys of a JSON object over these settings. A `null` changes nothing; a
    /// `resolution` wrapper object (as some clients send) is looked through.
    pub fn merge_json(&mut self, value: &Value, source: &str) -> Vec<SettingsError> {
        let mut errors = Vec::new();
        let mut report = |key: &str, message: String| {
            errors.push(SettingsError {
                source: source.to_string(),
                key: key.to_string(),
                message,
            })
        };
        let object = match value {
            Value::Null => return Vec::new(),
            // Lua clients send an empty table as an empty list.
            Value::Array(items) if items.is_empty() => return Vec::new(),
            Value::Object(object) => object,
            other => {
                report(
                    "",
                    format!(
                        "settings must be an object of keys, not {}",
                        json_kind(other)
                    ),
                );
                return errors;
            }
        };
        if object.len() == 1
            && let Some(inner @ Value::Object(_)) = object.get("resolution")
        {
            return self.merge_json(inner, source);
        }
        for (key, value) in object {
            match normalize_key(key).as_str() {
                "checkon" => match value.as_str() {
                    Some("change") => self.check_on = CheckOn::Change,
                    Some("save") => self.check_on = CheckOn::Save,
                    _ => report(
                        key,
                        format!("expected \"change\" or \"save\", found {}", show(value)),
                    ),
                },
                "diagnosticsdelayms" => match value.as_u64() {
                    Some(delay) if delay <= 60_000 => self.diagnostics_delay_ms = delay,
                    _ => report(
                        key,
                        format!(
                            "expected a whole number of milliseconds from 0 to 60000, found {}",
                            show(value)
                        ),
                    ),
                },
                "rules" => match value {
                    Value::Object(rules) => {
                        for (name, level) in rules {
                            let dotted = format!("{key}.{name}");
                            let code = match name.parse::<Code>() {
                                Ok(code) => code,
                                Err(message) => {
                                    report(&dotted, message);
                                    continue;
                                }
                            };
                            match level.as_str().map(str::parse::<RuleLevel>) {
                                Some(Ok(level)) => {
                                    self.rules.insert(code, level);
                                }
                                Some(Err(message)) => report(&dotted, message),
                                None => report(
                                    &dotted,
                                    format!(
                                        "expected one of \"off\", \"hint\", \"information\", \"warning\", \"error\", found {}",
                                        show(level)
                                    ),
                                ),
                            }
                        }
                    }
                    other => report(
                        key,
                        format!(
                            "expected a table of `code = \"severity\"`, found {}",
                            json_kind(other)
                        ),
                    ),
                },
                "files" => match string_list(value) {
                    Ok(globs) => {
                        let mut good = Vec::new();
                        for glob in globs {
                            match globset::Glob::new(&glob) {
                                Ok(_) => good.push(glob),
                                Err(error) => report(
                                    key,
                                    format!("`{glob}` is not a valid glob pattern: {error}"),
                                ),
                            }
                        }
                        self.files = good;
                    }
                    Err(message) => report(key, message),
                },
                "openers" => match value {
                    Value::Object(parts) => {
                        for (part, list) in parts {
                            let dotted = format!("{key}.{part}");
                            let target = match part.as_str() {
                                "preambular" => &mut self.preambular_openers,
                                "operative" => &mut self.operative_openers,
                                _ => {
                                    report(
                                        &dotted,
                                        "unknown key; use `preambular` or `operative`".into(),
                                    );
                                    continue;
                                }
                            };
                            match string_list(list) {
                                Ok(openers) => *target = openers,
                                Err(message) => report(&dotted, message),
                            }
                        }
                    }
                    other => report(
                        key,
                        format!(
                            "expected a table with `preambular` and `operative` lists, found {}",
                            json_kind(other)
                        ),
                    ),
                },
                "symbols" => match value {
                    Value::Object(symbols) => {
                        for (name, list) in symbols {
                            let dotted = format!("{key}.{name}");
                            if name != "known" {
                                report(&dotted, "unknown key; use `known`".into());
                                continue;
                            }
                            match string_list(list) {
                                Ok(files) => self.known_symbol_files = files,
                                Err(message) => report(&dotted, message),
                            }
                        }
                    }
                    other => report(
                        key,
                        format!(
                            "expected a table with a `known` list of files, found {}",
                            json_kind(other)
                        ),
                    ),
                },
                "base" => match value {
                    // An empty path (VS Code's default) or null: no base.
                    Value::Null => self.base = None,
                    Value::String(path) if path.trim().is_empty() => self.base = None,
                    Value::String(path) => self.base = Some(path.trim().to_string()),
                    other => report(
                        key,
                        format!(
                            "expected the path of the base document (.docx, .pdf or .md), found {}",
                            json_kind(other)
                        ),
                    ),
                },
                // Clients send the server path to themselves; it is not for the server.
                "server" | "trace" => {}
                _ => report(
                    key,
                    "unknown setting; known settings are checkOn, diagnosticsDelayMs, rules, files, openers, symbols, base".into(),
                ),
            }
        }
        errors
    }

    /// The engine configuration, with the known-symbol files read relative to `root`.
    pub fn to_config(&self, root: Option<&Path>) -> (Config, Vec<SettingsError>) {
        let mut errors = Vec::new();
        let known_symbols = if self.known_symbol_files.is_empty() {
            None
        } else {
            let mut known = HashSet::new();
            for file in &self.known_symbol_files {
                let path = match root {
                    Some(root) => root.join(file),
                    None => PathBuf::from(file),
                };
                match read_known_symbols(&path) {
                    Ok(symbols) => known.extend(symbols),
                    Err(message) => errors.push(SettingsError {
                        source: path.display().to_string(),
                        key: "symbols.known".into(),
                        message,
                    }),
                }
            }
            Some(known)
        };
        let config = Config {
            rules: self.rules.clone(),
            preambular_openers: self.preambular_openers.clone(),
            operative_openers: self.operative_openers.clone(),
            known_symbols,
        };
        (config, errors)
    }

    /// Whether the `files` globs name `relative_path` (a path relative to the workspace root).
    pub fn files_match(&self, relative_path: &Path) -> bool {
        if self.files.is_empty() {
            return false;
        }
        let mut builder = globset::GlobSetBuilder::new();
        for glob in &self.files {
            if let Ok(glob) = globset::Glob::new(glob) {
                builder.add(glob);
            }
        }
        builder
            .build()
            .map(|set| set.is_match(relative_path))
            .unwrap_or(false)
    }
}

/// Read a known-symbols file: one symbol a line; blank lines and lines starting with `#` are
/// skipped.
pub fn read_known_symbols(path: &Path) -> Result<Vec<String>, String> {
    let metadata = std::fs::metadata(path)
        .map_err(|error| format!("cannot read the known-symbols file: {error}"))?;
    if metadata.len() > MAX_KNOWN_SYMBOLS_FILE_BYTES {
        return Err(format!(
            "the known-symbols file is {} bytes; the limit is {} bytes",
            metadata.len(),
            MAX_KNOWN_SYMBOLS_FILE_BYTES
        ));
    }
    let text = std::fs::read_to_string(path)
        .map_err(|error| format!("cannot read the known-symbols file: {error}"))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(normalize_symbol)
        .collect())
}

/// Symbols are compared without spaces before a parenthesized year: `S/RES/2427(2018)` and
/// `S/RES/2427 (2018)` are the same symbol.
pub fn normalize_symbol(symbol: &str) -> String {
    symbol.split_whitespace().collect::<Vec<_>>().join("")
}

fn normalize_key(key: &str) -> String {
    key.chars()
        .filter(|character| *character != '_' && *character != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

fn string_list(value: &Value) -> Result<Vec<String>, String> {
    match value {
        Value::String(single) => Ok(vec![single.clone()]),
        Value::Array(items) => items
            .iter()
            .map(|item| {
                item.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| format!("expected a list of strings, found {}", show(item)))
            })
            .collect(),
        other => Err(format!(
            "expected a list of strings, found {}",
            json_kind(other)
        )),
    }
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a table",
    }
}

fn show(value: &Value) -> String {
    let text = value.to_string();
    if text.len() > 60 {
        format!("{}…", &text[..text.floor_char_boundary(60)])
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_settings_are_read_and_bad_ones_reported() {
        let (settings, errors) = Settings::from_toml(
            r#"
check_on = "save"
diagnosticsDelayMs = 0
files = ["drafts/**/*.md"]
colour = "blue"

[rules]
repeated-opener = "off"
misnumbered-paragraph = "loud"
no-such-rule = "error"

[openers]
preambular = ["Welcoming warmly"]
"#,
            "resolution-ls.toml",
        );
        assert_eq!(settings.check_on, CheckOn::Save);
        assert_eq!(settings.diagnostics_delay_ms, 0);
        assert_eq!(
            settings.rules.get(&Code::RepeatedOpener),
            Some(&RuleLevel::Off)
        );
        assert_eq!(settings.preambular_openers, vec!["Welcoming warmly"]);
        let keys: Vec<&str> = errors.iter().map(|error| error.key.as_str()).collect();
        assert_eq!(
            keys,
            vec![
                "colour",
                "rules.misnumbered-paragraph",
                "rules.no-such-rule"
            ]
        );
        assert!(settings.files_match(Path::new("drafts/hrc/a.md")));
        assert!(!settings.files_match(Path::new("README.md")));
    }

    #[test]
    fn json_settings_may_be_wrapped_in_resolution() {
        let mut settings = Settings::default();
        let errors = settings.merge_json(
            &serde_json::json!({"resolution": {"checkOn": "save"}}),
            "initializationOptions",
        );
        assert!(errors.is_empty());
        assert_eq!(settings.check_on, CheckOn::Save);
        let errors = settings.merge_json(&serde_json::json!(3), "workspace/configuration");
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn the_base_is_a_path_and_an_empty_one_is_none() {
        let (settings, errors) =
            Settings::from_toml("base = \"bases/A_RES_78_155.docx\"\n", "resolution-ls.toml");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(settings.base.as_deref(), Some("bases/A_RES_78_155.docx"));

        let mut settings = settings;
        let errors =
            settings.merge_json(&serde_json::json!({"base": ""}), "workspace/configuration");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(settings.base, None, "VS Code's empty default means no base");

        let errors = settings.merge_json(&serde_json::json!({"base": 7}), "initializationOptions");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].key, "base");
        assert!(
            errors[0].message.contains("found a number"),
            "{}",
            errors[0]
        );
        assert_eq!(settings.base, None);
    }
}
