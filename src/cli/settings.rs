//! Where `check` takes its settings from: `--config FILE`, else the nearest
//! `resolution-ls.toml` in the current folder or its parents, then `--select` and `--ignore`.

use std::path::{Path, PathBuf};

use crate::config::{Config, SETTINGS_FILE_NAME, Settings};
use crate::diagnostic::{Code, RuleLevel};

/// The settings a run uses.
#[derive(Clone, Debug)]
pub struct LoadedSettings {
    pub settings: Settings,
    pub config: Config,
    /// The folder `files` globs and known-symbol files are relative to: the settings file's
    /// folder, or the current folder when there is none.
    pub root: PathBuf,
    /// Problems worth a warning: unknown keys, bad values, unreadable known-symbol files.
    pub warnings: Vec<String>,
}

/// Which settings file to read.
#[derive(Clone, Debug)]
pub enum SettingsSource {
    /// `--config FILE`.
    Explicit(PathBuf),
    /// The nearest `resolution-ls.toml` from this folder up.
    Nearest,
    /// `--no-config`.
    Defaults,
}

/// Read the settings. `Err` is a failure that stops the run (exit 2): a settings file that
/// cannot be read or is not TOML, or an unknown code in `--select`/`--ignore`.
pub fn load(
    source: &SettingsSource,
    current_folder: &Path,
    select: &[String],
    ignore: &[String],
) -> Result<LoadedSettings, String> {
    let file = match source {
        SettingsSource::Explicit(path) => Some(current_folder.join(path)),
        SettingsSource::Nearest => find_nearest(current_folder),
        SettingsSource::Defaults => None,
    };
    let (settings, root, mut warnings) = match &file {
        Some(path) => {
            let shown = display_relative(path, current_folder);
            let text = std::fs::read_to_string(path)
                .map_err(|error| format!("cannot read the settings file `{shown}`: {error}"))?;
            if let Err(error) = text.parse::<toml::Table>() {
                return Err(format!(
                    "the settings file `{shown}` is not valid TOML: {}",
                    error.to_string().trim_end()
                ));
            }
            let (settings, errors) = Settings::from_toml(&text, &shown);
            let root = path
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| current_folder.to_path_buf());
            let warnings = errors.iter().map(ToString::to_string).collect();
            (settings, root, warnings)
        }
        None => (
            Settings::default(),
            current_folder.to_path_buf(),
            Vec::new(),
        ),
    };
    let (mut config, errors) = settings.to_config(Some(&root));
    warnings.extend(errors.iter().map(ToString::to_string));
    apply_selection(&mut config, select, ignore)?;
    Ok(LoadedSettings {
        settings,
        config,
        root,
        warnings,
    })
}

/// The nearest settings file in `folder` or its parents.
pub fn find_nearest(folder: &Path) -> Option<PathBuf> {
    folder
        .ancestors()
        .map(|ancestor| ancestor.join(SETTINGS_FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// `--select` turns off every code it does not name (and turns on, at its default level, a
/// named code the settings turned off); `--ignore` then turns off the codes it names.
fn apply_selection(
    config: &mut Config,
    select: &[String],
    ignore: &[String],
) -> Result<(), String> {
    let parse = |names: &[String], option: &str| -> Result<Vec<Code>, String> {
        names
            .iter()
            .map(|name| name.trim())
            .filter(|name| !name.is_empty())
            .map(|name| {
                name.parse::<Code>()
                    .map_err(|message| format!("{option}: {message}"))
            })
            .collect()
    };
    let selected = parse(select, "--select")?;
    let ignored = parse(ignore, "--ignore")?;
    if !selected.is_empty() {
        for &code in Code::ALL {
            if !selected.contains(&code) {
                config.rules.insert(code, RuleLevel::Off);
            } else if config.level(code) == RuleLevel::Off {
                config.rules.insert(code, code.default_level());
            }
        }
    }
    for code in ignored {
        config.rules.insert(code, RuleLevel::Off);
    }
    Ok(())
}

/// `path` relative to `folder` when it lies below it, as the user would type it.
pub fn display_relative(path: &Path, folder: &Path) -> String {
    path.strip_prefix(folder)
        .unwrap_or(path)
        .display()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_settings_file_is_found_in_a_parent() -> Result<(), Box<dyn std::error::Error>> {
        let workspace = tempfile::tempdir()?;
        let nested = workspace.path().join("drafts/hrc");
        std::fs::create_dir_all(&nested)?;
        std::fs::write(
            workspace.path().join(SETTINGS_FILE_NAME),
            "[rules]\nrepeated-opener = \"off\"\nno-such = \"error\"\n",
        )?;
        let loaded = load(&SettingsSource::Nearest, &nested, &[], &[])?;
        assert_eq!(loaded.root, workspace.path());
        assert_eq!(loaded.config.level(Code::RepeatedOpener), RuleLevel::Off);
        assert_eq!(loaded.warnings.len(), 1);
        assert!(loaded.warnings[0].contains("`rules.no-such`"));
        Ok(())
    }

    #[test]
    fn a_settings_file_that_is_not_toml_stops_the_run() -> Result<(), Box<dyn std::error::Error>> {
        let workspace = tempfile::tempdir()?;
        std::fs::write(workspace.path().join(SETTINGS_FILE_NAME), "[rules\n")?;
        let error = load(&SettingsSource::Nearest, workspace.path(), &[], &[]).err();
        assert!(error.is_some_and(|message| message.contains("not valid TOML")));
        Ok(())
    }

    #[test]
    fn select_and_ignore_set_levels() -> Result<(), Box<dyn std::error::Error>> {
        let folder = tempfile::tempdir()?;
        let loaded = load(
            &SettingsSource::Defaults,
            folder.path(),
            &["misnumbered-paragraph".into(), "dangling-footnote".into()],
            &["dangling-footnote".into()],
        )?;
        assert_eq!(
            loaded.config.level(Code::MisnumberedParagraph),
            RuleLevel::Error
        );
        assert_eq!(loaded.config.level(Code::DanglingFootnote), RuleLevel::Off);
        assert_eq!(loaded.config.level(Code::RepeatedOpener), RuleLevel::Off);
        let error = load(
            &SettingsSource::Defaults,
            folder.path(),
            &[],
            &["no-such-code".into()],
        )
        .err();
        assert!(error.is_some_and(|message| message.starts_with("--ignore: unknown")));
        Ok(())
    }
}
