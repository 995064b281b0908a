//! The real adopted resolutions in `../shared/corpus` are the best false-positive test there
//! is: no `error` may be raised on them, and every other diagnostic must be listed in
//! `tests/corpus_expectations.txt` with a one-line reason a UN editor would accept. A listed
//! diagnostic that no longer appears fails the test too, so the list stays true.
//!
//! The OCR texts in `corpus/ocr/` are robustness input only: every layer must read them without
//! panicking, and fixing them must terminate.
//!
//! The 1,345 adopted texts of `../shared/corpus-large` (the long General Assembly texts with
//! annexed conventions, programmes of action and budgets) are held to the same standard for
//! what counts: every error and warning must be listed in `tests/corpus_large_expectations.txt`
//! with its reason. And `check --fix`, run over a copy of them, may change no word: only
//! numbers, labels, punctuation, italics, spelling and "also"/"further".

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
    expectations_in("tests/corpus_expectations.txt")
}

/// `FILE:LINE CODE` keys from an expectations file (a path from the repository root); every
/// key needs its reason after ` — `.
fn expectations_in(file: &str) -> BTreeSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
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
    let problems = against_expectations(&files, &expectations(), Severity::Hint, true);
    assert!(
        problems.is_empty(),
        "{} problems on the real corpus:\n{}",
        problems.len(),
        problems.join("\n")
    );
    println!("{} real resolutions checked", files.len());
}

/// The findings on `files` at `least` severity or above, held to the `expected` keys: every
/// finding listed (and, with `no_error`, none an error), every listed one still found.
fn against_expectations(
    files: &[PathBuf],
    expected: &BTreeSet<String>,
    least: Severity,
    no_error: bool,
) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut problems = Vec::new();
    let config = Config::default();
    for path in files {
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
            if diagnostic.severity < least {
                continue;
            }
            let line = index
                .line_col(&text, diagnostic.range.start, ColumnUnit::Char)
                .line
                + 1;
            let key = format!("{name}:{line} {}", diagnostic.code);
            if no_error && diagnostic.severity == Severity::Error {
                problems.push(format!(
                    "error on adopted text: {key}: {}",
                    diagnostic.message
                ));
            } else if !expected.contains(&key) {
                problems.push(format!(
                    "unlisted {}: {key} — {}",
                    diagnostic.severity, diagnostic.message
                ));
            }
            seen.insert(key);
        }
    }
    for stale in expected.difference(&seen) {
        problems.push(format!("listed but no longer reported: {stale}"));
    }
    problems
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

fn corpus_large_folders() -> Option<Vec<PathBuf>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus-large");
    let folders = vec![root.join("paragraphs"), root.join("pdf-text")];
    if folders.iter().all(|folder| folder.is_dir()) {
        return Some(folders);
    }
    println!(
        "skipped: the adopted texts of corpus-large are not at {} (they are in CI)",
        root.display()
    );
    None
}

#[test]
fn corpus_large_raises_only_listed_errors_and_warnings() {
    let Some(folders) = corpus_large_folders() else {
        return;
    };
    let files: Vec<PathBuf> = folders
        .iter()
        .flat_map(|folder| markdown_files(folder))
        .collect();
    assert!(
        files.len() > 1000,
        "only {} texts in corpus-large",
        files.len()
    );
    // Errors are listed too: on corpus-large they are the source defects of texts whose
    // conversion lost a paragraph number (see the file's header).
    let expected = expectations_in("tests/corpus_large_expectations.txt");
    let problems = against_expectations(&files, &expected, Severity::Warning, false);
    assert!(
        problems.is_empty(),
        "{} problems on corpus-large:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The words of a text as `--fix` must keep them: letters only, in lower case, with what the
/// safe fixes may change left out: subparagraph labels, "also" and "further", and the `-ise`
/// and `-ize` of a spelling.
fn kept_words(text: &str) -> Vec<String> {
    let without_labels = LABEL.replace_all(text, " ");
    without_labels
        .split(|character: char| !character.is_alphabetic())
        .filter(|word| !word.is_empty())
        .map(|word| word.to_lowercase().replace("is", "iz"))
        .filter(|word| !matches!(word.as_str(), "alzo" | "also" | "further"))
        .collect()
}

static LABEL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"\([a-z]{1,6}\)|(?m)^[ \t]*[a-z]{1,6}\.[ \t]")
        .unwrap_or_else(|error| panic!("the label pattern does not compile: {error}"))
});

#[test]
fn fixing_corpus_large_changes_no_word_and_a_second_run_changes_nothing() {
    let Some(folders) = corpus_large_folders() else {
        return;
    };
    let copy = match tempfile::tempdir() {
        Ok(copy) => copy,
        Err(error) => panic!("cannot make a temporary folder: {error}"),
    };
    let mut originals = Vec::new();
    for (number, folder) in folders.iter().enumerate() {
        let target = copy.path().join(number.to_string());
        if let Err(error) = std::fs::create_dir(&target) {
            panic!("cannot make {}: {error}", target.display());
        }
        for path in markdown_files(folder) {
            let Some(name) = path.file_name() else {
                continue;
            };
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let copied = target.join(name);
            if let Err(error) = std::fs::write(&copied, &text) {
                panic!("cannot write {}: {error}", copied.display());
            }
            originals.push((copied, text));
        }
    }
    let fix = |extra: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_resolution-ls"))
            .args(["check", "--fix", "--no-config"])
            .args(extra)
            .arg(copy.path())
            .output();
        match output {
            Ok(output) if output.status.code().is_some_and(|code| code <= 1) => {}
            Ok(output) => panic!(
                "check --fix failed: {}",
                String::from_utf8_lossy(&output.stderr)
            ),
            Err(error) => panic!("cannot run resolution-ls: {error}"),
        }
    };
    fix(&[]);
    let mut changed = 0;
    let mut problems = Vec::new();
    let mut fixed_texts = Vec::new();
    for (path, original) in &originals {
        let fixed = std::fs::read_to_string(path).unwrap_or_default();
        if fixed != *original {
            changed += 1;
            if kept_words(&fixed) != kept_words(original) {
                problems.push(format!("--fix changed a word in {}", path.display()));
            }
        }
        fixed_texts.push(fixed);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(changed > 0, "--fix changed none of the texts");
    fix(&[]);
    for ((path, _), fixed) in originals.iter().zip(&fixed_texts) {
        let again = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            again == *fixed,
            "a second --fix changed {} again",
            path.display()
        );
    }
    // The unsafe fixes are a different matter: they may put other words in, and only
    // --unsafe-fixes applies them.
    fix(&["--unsafe-fixes"]);
    let mut unsafely = 0;
    for ((path, _), fixed) in originals.iter().zip(&fixed_texts) {
        let again = std::fs::read_to_string(path).unwrap_or_default();
        if again != *fixed {
            unsafely += 1;
            // The word comparison sees what an unsafe fix does, so it would see a safe fix
            // that did the same.
            assert!(
                kept_words(&again) != kept_words(fixed),
                "--unsafe-fixes changed {} but the word comparison saw no changed word",
                path.display()
            );
        }
    }
    println!(
        "--fix changed {changed} of {} adopted texts and no word; --unsafe-fixes then changed {unsafely} more",
        originals.len()
    );
}
