//! Which files a `check` run reads (DESIGN.md §1, "Which Markdown files are drafts").

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use walkdir::WalkDir;

use crate::config::Settings;
use crate::drafts::PathSays;

/// Folders never entered below a folder argument, besides hidden ones.
const SKIPPED_FOLDERS: [&str; 2] = ["target", "node_modules"];

/// One input of the run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// `-`: standard input, shown as `<stdin>`.
    Stdin,
    File(FileInput),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileInput {
    /// Where to read it (the current folder joined with what the user typed).
    pub path: PathBuf,
    /// How to name it in output: as typed, or as found below a folder argument.
    pub shown: String,
    /// Whether it is checked whatever it holds. When not, a Markdown file found below a folder
    /// is checked only if it has an organ line.
    pub always_checked: bool,
}

/// What discovery found, and what it could not read.
#[derive(Debug, Default)]
pub struct Discovery {
    pub inputs: Vec<Input>,
    /// Folders that could not be listed, named, with the reason.
    pub errors: Vec<String>,
}

/// Expand the command-line paths into inputs: a file is always checked; a folder is searched
/// for drafts. Inputs come sorted by path, standard input first, each once.
pub fn discover(
    arguments: &[PathBuf],
    current_folder: &Path,
    settings: &Settings,
    root: &Path,
) -> Discovery {
    let mut discovery = Discovery::default();
    let mut files: Vec<FileInput> = Vec::new();
    let mut reads_stdin = false;
    for argument in arguments {
        if argument.as_os_str() == "-" {
            reads_stdin = true;
            continue;
        }
        let path = current_folder.join(argument);
        if path.is_dir() {
            walk_folder(
                argument,
                &path,
                settings,
                root,
                &mut files,
                &mut discovery.errors,
            );
        } else {
            files.push(FileInput {
                path,
                shown: shown_path(argument),
                always_checked: true,
            });
        }
    }
    files.sort_by(|a, b| {
        a.path
            .cmp(&b.path)
            .then(b.always_checked.cmp(&a.always_checked))
    });
    let mut seen = HashSet::new();
    files.retain(|file| {
        seen.insert(std::path::absolute(&file.path).unwrap_or_else(|_| file.path.clone()))
    });
    if reads_stdin {
        discovery.inputs.push(Input::Stdin);
    }
    discovery.inputs.extend(files.into_iter().map(Input::File));
    discovery
}

fn walk_folder(
    argument: &Path,
    folder: &Path,
    settings: &Settings,
    root: &Path,
    files: &mut Vec<FileInput>,
    errors: &mut Vec<String>,
) {
    let walker = WalkDir::new(folder)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_skipped(entry));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let place = error
                    .path()
                    .map(|path| shown_below(argument, folder, path))
                    .unwrap_or_else(|| shown_path(argument));
                errors.push(format!("cannot read `{place}`: {}", error_reason(&error)));
                continue;
            }
        };
        // A symbolic link to a file is checked like the file; links to folders are not
        // followed, so a loop of links cannot trap the walk.
        if entry.file_type().is_dir() || !entry.path().is_file() {
            continue;
        }
        let path = entry.path();
        let always_checked = match PathSays::of(path, settings, Some(root)) {
            PathSays::Draft => true,
            PathSays::ReadTheText => false,
            PathSays::NotMarkdown => continue,
        };
        files.push(FileInput {
            path: path.to_path_buf(),
            shown: shown_below(argument, folder, path),
            always_checked,
        });
    }
}

fn is_skipped(entry: &walkdir::DirEntry) -> bool {
    let name = entry.file_name().to_string_lossy();
    name.starts_with('.')
        || (entry.file_type().is_dir() && SKIPPED_FOLDERS.contains(&name.as_ref()))
}

fn error_reason(error: &walkdir::Error) -> String {
    match error.io_error() {
        Some(io_error) => io_error.to_string(),
        None => error.to_string(),
    }
}

/// A path found below a folder argument, named from the argument as the user typed it.
fn shown_below(argument: &Path, folder: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(folder).unwrap_or(path);
    shown_path(&argument.join(relative))
}

/// A path without leading `./`, with `/` separators on every platform.
pub fn shown_path(path: &Path) -> String {
    let mut components = path.components().peekable();
    while components.peek() == Some(&Component::CurDir) {
        components.next();
    }
    let cleaned: PathBuf = components.collect();
    if cleaned.as_os_str().is_empty() {
        return ".".to_string();
    }
    cleaned.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(discovery: &Discovery) -> Vec<(String, bool)> {
        discovery
            .inputs
            .iter()
            .map(|input| match input {
                Input::Stdin => ("<stdin>".to_string(), true),
                Input::File(file) => (file.shown.clone(), file.always_checked),
            })
            .collect()
    }

    #[test]
    fn folders_yield_candidates_in_order_and_skip_hidden_and_build_folders()
    -> Result<(), Box<dyn std::error::Error>> {
        let workspace = tempfile::tempdir()?;
        let base = workspace.path();
        for folder in [
            "drafts/b",
            ".git",
            "target",
            "node_modules",
            "drafts/.hidden",
        ] {
            std::fs::create_dir_all(base.join(folder))?;
        }
        for file in [
            "drafts/b/z.res.md",
            "drafts/b/Y.RES.MD",
            "drafts/NOTES.MD",
            "drafts/a.md",
            "drafts/notes.txt",
            "drafts/.draft.md",
            "drafts/.hidden/x.res.md",
            ".git/y.res.md",
            "target/t.res.md",
            "node_modules/n.res.md",
            "README.md",
            "list.txt",
        ] {
            std::fs::write(base.join(file), "")?;
        }
        let settings = Settings {
            files: vec!["list.txt".into()],
            ..Settings::default()
        };
        let discovery = discover(&[".".into(), "-".into()], base, &settings, base);
        assert_eq!(
            shown(&discovery),
            vec![
                ("<stdin>".to_string(), true),
                ("README.md".to_string(), false),
                ("drafts/NOTES.MD".to_string(), false),
                ("drafts/a.md".to_string(), false),
                ("drafts/b/Y.RES.MD".to_string(), true),
                ("drafts/b/z.res.md".to_string(), true),
                ("list.txt".to_string(), true),
            ]
        );
        Ok(())
    }

    #[test]
    fn explicit_files_are_always_checked_once() -> Result<(), Box<dyn std::error::Error>> {
        let workspace = tempfile::tempdir()?;
        let base = workspace.path();
        std::fs::create_dir_all(base.join("drafts"))?;
        std::fs::write(base.join("drafts/a.md"), "")?;
        let settings = Settings::default();
        let discovery = discover(
            &["drafts".into(), "./drafts/a.md".into(), "missing.md".into()],
            base,
            &settings,
            base,
        );
        assert_eq!(
            shown(&discovery),
            vec![
                ("drafts/a.md".to_string(), true),
                ("missing.md".to_string(), true),
            ]
        );
        Ok(())
    }
}
