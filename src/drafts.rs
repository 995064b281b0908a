//! Which files are drafts (DESIGN.md §1, "Which Markdown files are drafts"): the one decision
//! that `check DIR/` and the language server both take.
//!
//! A file is a draft when its name ends with `.res.md` (in any case), when the `files` setting
//! names it, or when it is Markdown (`.md`, in any case) with an organ line.

use std::path::Path;

use crate::config::Settings;
use crate::syntax;

/// What a file's path says about whether it is a draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathSays {
    /// Named `*.res.md` or matched by the `files` setting: a draft, whatever it holds.
    Draft,
    /// Markdown: a draft if it has an organ line.
    ReadTheText,
    /// Not Markdown by its name.
    NotMarkdown,
}

impl PathSays {
    /// What the path says about `path`, with the `files` globs read relative to `root` (the
    /// workspace root; the path as it is when there is none or the path is outside it).
    pub fn of(path: &Path, settings: &Settings, root: Option<&Path>) -> PathSays {
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if name.ends_with(".res.md") || matches_file_globs(path, settings, root) {
            PathSays::Draft
        } else if name.ends_with(".md") {
            PathSays::ReadTheText
        } else {
            PathSays::NotMarkdown
        }
    }

    /// Whether a file with this path and `text` is a draft.
    pub fn is_draft(self, text: &str) -> bool {
        match self {
            PathSays::Draft => true,
            PathSays::ReadTheText => syntax::has_organ_line(text),
            PathSays::NotMarkdown => false,
        }
    }
}

fn matches_file_globs(path: &Path, settings: &Settings, root: Option<&Path>) -> bool {
    if settings.files.is_empty() {
        return false;
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let root = root.map(|root| std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf()));
    let relative = root
        .as_deref()
        .and_then(|root| absolute.strip_prefix(root).ok())
        .unwrap_or(&absolute);
    settings.files_match(relative)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORGAN_LINE: &str = "*The General Assembly,*\n\n1. *Urges* States to act.\n";

    #[test]
    fn the_name_decides_in_any_case_and_markdown_is_read() {
        let settings = Settings::default();
        let says = |name: &str| PathSays::of(Path::new(name), &settings, None);
        assert_eq!(says("drafts/a.res.md"), PathSays::Draft);
        assert_eq!(says("drafts/X.RES.MD"), PathSays::Draft);
        assert_eq!(says("drafts/A.Res.Md"), PathSays::Draft);
        assert_eq!(says("README.md"), PathSays::ReadTheText);
        assert_eq!(says("NOTES.MD"), PathSays::ReadTheText);
        assert_eq!(says("list.txt"), PathSays::NotMarkdown);
        assert!(PathSays::Draft.is_draft("no organ line"));
        assert!(PathSays::ReadTheText.is_draft(ORGAN_LINE));
        assert!(!PathSays::ReadTheText.is_draft("# Notes\n"));
        assert!(!PathSays::NotMarkdown.is_draft(ORGAN_LINE));
    }

    #[test]
    fn the_files_setting_is_read_from_the_root() {
        let settings = Settings {
            files: vec!["drafts/**/*.txt".into()],
            ..Settings::default()
        };
        let root = Path::new("/work/space");
        assert_eq!(
            PathSays::of(
                Path::new("/work/space/drafts/hrc/a.txt"),
                &settings,
                Some(root)
            ),
            PathSays::Draft
        );
        assert_eq!(
            PathSays::of(Path::new("/elsewhere/a.txt"), &settings, Some(root)),
            PathSays::NotMarkdown
        );
    }
}
