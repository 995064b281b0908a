//! The real adopted resolutions in `../shared/corpus` are the best false-positive test there
//! is: no `error` may be raised on them, and every other diagnostic must be listed in
//! `tests/corpus_expectations.txt` with a one-line reason a UN editor would accept. A listed
//! diagnostic that no longer appears fails the test too, so the list stays true.
//!
//! The OCR texts in `corpus/ocr/` are robustness input only: every layer must read them without
//! panicking, and fixing them must terminate.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use resolution_ls::syntax::{ColumnUnit, LineIndex};
use resolution_ls::{Applicability, Config, Severity, analysis, analyze};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

/// The real corpus, or `None` after saying plainly that it is missing and the test skipped.
fn corpus_or_say_skipped() -> Option<PathBuf> {
    let folder = corpus_dir();
    if folder.is_dir() {
        return Some(folder);
    }
    println!(
        "skipped: the real corpus is not at {} (it is in CI)",
        folder.display()
    );
    None
}

fn markdown_files(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok())
                .map(|entry| entry.path())
                .filter(|path| path.extension().is_some_and(|extension| extension == "md"))
                .filter(|path| path.file_name().is_some_and(|name| name != "README.md"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// `FILE:LINE CODE` keys from the expectations file; the reason follows ` — `.
fn expectations() -> BTreeSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus_expectations.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let mut keys = BTreeSet::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, reason)) = line.split_once(" — ") else {
            panic!(
                "{}:{}: expected `FILE:LINE CODE — reason`, found `{line}`",
                path.display(),
                number + 1
            );
        };
        assert!(
            !reason.trim().is_empty(),
            "{}:{}: every expected diagnostic needs a reason",
            path.display(),
            number + 1
        );
        keys.insert(key.trim().to_string());
    }
    keys
}

#[test]
fn real_resolutions_raise_no_error_and_only_listed_findings() {
    let Some(folder) = corpus_or_say_skipped() else {
        return;
    };
    let files = markdown_files(&folder);
    assert!(
        files.len() > 10,
        "only {} drafts in {}",
        files.len(),
        folder.display()
    );
    let expected = expectations();
    let mut seen = BTreeSet::new();
    let mut problems = Vec::new();
    let config = Config::default();
    for path in &files {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(error) => {
                problems.push(format!("{}: cannot read: {error}", path.display()));
                continue;
            }
        };
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy().to_string())
            .unwrap_or_default();
        let index = LineIndex::new(&text);
        for diagnostic in analyze(&text, &config) {
            let line = index
                .line_col(&text, diagnostic.range.start, ColumnUnit::Char)
                .line
                + 1;
            let key = format!("{name}:{line} {}", diagnostic.code);
            if diagnostic.severity == Severity::Error {
                problems.push(format!(
                    "error on adopted text: {key}: {}",
                    diagnostic.message
                ));
            } else if !expected.contains(&key) {
                problems.push(format!("unlisted: {key} — {}", diagnostic.message));
            }
            seen.insert(key);
        }
    }
    for stale in expected.difference(&seen) {
        problems.push(format!("listed but no longer reported: {stale}"));
    }
    assert!(
        problems.is_empty(),
        "{} problems on the real corpus:\n{}",
        problems.len(),
        problems.join("\n")
    );
    println!("{} real resolutions checked", files.len());
}

#[test]
fn real_resolutions_analysed_on_two_threads_give_the_same_diagnostics() {
    let Some(folder) = corpus_or_say_skipped() else {
        return;
    };
    let config = Config::default();
    let mut files = markdown_files(&folder);
    files.extend(markdown_files(&folder.join("ocr")));
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let on_two = resolution_ls::analysis::analyze_on_two_threads(&text, &config, None).0;
        assert!(
            on_two.diagnostics == analyze(&text, &config),
            "{}: two threads found otherwise than one",
            path.display()
        );
    }
}

#[test]
fn ocr_texts_are_read_and_fixed_without_panicking() {
    let folder = corpus_dir().join("ocr");
    if !folder.is_dir() {
        println!("skipped: no OCR texts at {}", folder.display());
        return;
    }
    let files = markdown_files(&folder);
    assert!(!files.is_empty(), "no OCR texts in {}", folder.display());
    let config = Config::default();
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let fixed = analysis::fix_all(&text, &config, Applicability::Unsafe);
        let again = analysis::fix_all(&fixed.text, &config, Applicability::Unsafe);
        assert_eq!(
            again.text,
            fixed.text,
            "fixing {} twice changes it",
            path.display()
        );
    }
}
