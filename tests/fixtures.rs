//! Rule fixtures: every `tests/fixtures/**/<name>.md` is a draft excerpt with its expected
//! diagnostics marked under the lines they start on:
//!
//! ```text
//! 4. *Urge* all States to act;
//!    ^^^^^^ nonstandard-opener: `*Urges*`
//! ```
//!
//! Caret lines are removed before the text is analysed; the carets cover the diagnostic's range
//! on that line (columns in characters), then come the code and, after `: `, an optional
//! fragment of the message. Every diagnostic must be marked. Beside a fixture, an optional
//! `<name>.fixed.md` holds the text expected after applying the safe fixes (what `--fix` does),
//! an optional `<name>.unsafe-fixed.md` the text after every fix (`--fix --unsafe-fixes`), and
//! an optional `<name>.toml` its settings. For every fixture and both kinds of fixing, fixing
//! must leave nothing fixable of that kind and fixing twice must change nothing.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use resolution_ls::config::Settings;
use resolution_ls::syntax::{ColumnUnit, LineIndex};
use resolution_ls::{Applicability, Config, Diagnostic, analysis, analyze};

#[derive(Debug, PartialEq, Eq, Clone)]
struct Expectation {
    line: usize,
    start_column: usize,
    end_column: usize,
    code: String,
    fragment: Option<String>,
}

struct Fixture {
    path: PathBuf,
    text: String,
    expectations: Vec<Expectation>,
    config: Config,
}

fn fixture_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn fixture_files(folder: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            fixture_files(&path, found);
        } else if path.extension().is_some_and(|extension| extension == "md")
            && !path.to_string_lossy().ends_with(".fixed.md")
            && !path.to_string_lossy().ends_with(".unsafe-fixed.md")
        {
            found.push(path);
        }
    }
}

/// A caret line: spaces, carets, a space, a code, and optionally `: fragment`.
fn read_caret_line(line: &str) -> Option<(usize, usize, String, Option<String>)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent..];
    let carets = rest.len() - rest.trim_start_matches('^').len();
    if carets == 0 {
        return None;
    }
    let annotation = rest[carets..].strip_prefix(' ')?;
    let (code, fragment) = match annotation.split_once(": ") {
        Some((code, fragment)) => (code.trim(), Some(fragment.trim().to_string())),
        None => (annotation.trim(), None),
    };
    if code.is_empty()
        || !code
            .chars()
            .all(|character| character.is_ascii_lowercase() || character == '-')
    {
        return None;
    }
    Some((indent, indent + carets, code.to_string(), fragment))
}

fn load(path: &Path) -> Result<Fixture, String> {
    let raw = std::fs::read_to_string(path).map_err(|error| format!("cannot read: {error}"))?;
    let mut text = String::with_capacity(raw.len());
    let mut expectations = Vec::new();
    let mut kept_lines = 0usize;
    for line in raw.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if let Some((start_column, end_column, code, fragment)) = read_caret_line(content) {
            if kept_lines == 0 {
                return Err("a caret line must follow the line it marks".into());
            }
            expectations.push(Expectation {
                line: kept_lines - 1,
                start_column,
                end_column,
                code,
                fragment,
            });
        } else {
            text.push_str(line);
            kept_lines += 1;
        }
    }
    let settings_path = path.with_extension("toml");
    let config = if settings_path.exists() {
        let settings_text = std::fs::read_to_string(&settings_path)
            .map_err(|error| format!("cannot read {}: {error}", settings_path.display()))?;
        let (settings, errors) =
            Settings::from_toml(&settings_text, &settings_path.display().to_string());
        let (config, config_errors) = settings.to_config(path.parent());
        let all: Vec<String> = errors
            .iter()
            .chain(&config_errors)
            .map(ToString::to_string)
            .collect();
        if !all.is_empty() {
            return Err(format!("bad settings: {}", all.join("; ")));
        }
        config
    } else {
        Config::default()
    };
    Ok(Fixture {
        path: path.to_path_buf(),
        text,
        expectations,
        config,
    })
}

fn actual_expectation(text: &str, index: &LineIndex, diagnostic: &Diagnostic) -> Expectation {
    let start = index.line_col(text, diagnostic.range.start, ColumnUnit::Char);
    let end = index.line_col(text, diagnostic.range.end, ColumnUnit::Char);
    let end_column = if end.line == start.line {
        end.column as usize
    } else {
        let line = index.line_range(text, start.line as usize);
        text[line].chars().count()
    };
    Expectation {
        line: start.line as usize,
        start_column: start.column as usize,
        end_column: end_column.max(start.column as usize + 1),
        code: diagnostic.code.as_str().to_string(),
        fragment: None,
    }
}

fn describe(text: &str, index: &LineIndex, expectation: &Expectation, message: &str) -> String {
    let line_range = index.line_range(text, expectation.line);
    format!(
        "  line {}: {}\n          {}{} {}{}",
        expectation.line + 1,
        &text[line_range],
        " ".repeat(expectation.start_column),
        "^".repeat(
            expectation
                .end_column
                .saturating_sub(expectation.start_column)
                .max(1)
        ),
        expectation.code,
        if message.is_empty() {
            String::new()
        } else {
            format!(": {message}")
        }
    )
}

fn check_fixture(fixture: &Fixture) -> Vec<String> {
    let mut failures = Vec::new();
    let text = &fixture.text;
    let index = LineIndex::new(text);
    let diagnostics = analyze(text, &fixture.config);
    let mut unmatched: Vec<&Expectation> = fixture.expectations.iter().collect();
    for diagnostic in &diagnostics {
        let actual = actual_expectation(text, &index, diagnostic);
        let found = unmatched.iter().position(|expected| {
            expected.line == actual.line
                && expected.start_column == actual.start_column
                && expected.end_column == actual.end_column
                && expected.code == actual.code
        });
        match found {
            Some(position) => {
                let expected = unmatched.remove(position);
                if let Some(fragment) = &expected.fragment
                    && !diagnostic.message.contains(fragment.as_str())
                {
                    failures.push(format!(
                        "message lacks `{fragment}`:\n{}",
                        describe(text, &index, &actual, &diagnostic.message)
                    ));
                }
            }
            None => failures.push(format!(
                "unexpected diagnostic:\n{}",
                describe(text, &index, &actual, &diagnostic.message)
            )),
        }
        if let Some(fix) = &diagnostic.fix {
            let declared = diagnostic.code.info().fixes;
            if declared.is_none_or(|declared| fix.applicability > declared) {
                failures.push(format!(
                    "{} declares fixes {declared:?} in the table of codes, but `{}` is {}",
                    diagnostic.code, fix.title, fix.applicability
                ));
            }
            for (position, edit) in fix.edits.iter().enumerate() {
                if fix.edits[position + 1..].iter().any(|other| {
                    resolution_ls::diagnostic::ranges_overlap(&edit.range, &other.range)
                }) {
                    failures.push(format!("fix `{}` has overlapping edits", fix.title));
                }
            }
        }
    }
    for expected in unmatched {
        failures.push(format!(
            "missing diagnostic:\n{}",
            describe(text, &index, expected, "")
        ));
    }

    for (allowed, suffix) in [
        (Applicability::Safe, "fixed.md"),
        (Applicability::Unsafe, "unsafe-fixed.md"),
    ] {
        check_fixing(fixture, allowed, suffix, &mut failures);
    }
    failures
}

/// Fix the fixture with the fixes `allowed` permits: the text must match `<name>.<suffix>` when
/// that file exists, no such fix may remain, and fixing twice must change nothing.
fn check_fixing(
    fixture: &Fixture,
    allowed: Applicability,
    suffix: &str,
    failures: &mut Vec<String>,
) {
    let text = fixture.text.as_str();
    let fixed = analysis::fix_all(text, &fixture.config, allowed);
    let fixed_path = fixture.path.with_extension(suffix);
    if fixed_path.exists() {
        match std::fs::read_to_string(&fixed_path) {
            Ok(expected) if expected == fixed.text => {}
            Ok(expected) => failures.push(format!(
                "fixed text differs from {}:\n{}",
                fixed_path.display(),
                line_diff(&expected, &fixed.text)
            )),
            Err(error) => failures.push(format!("cannot read {}: {error}", fixed_path.display())),
        }
    }
    let fixed_index = LineIndex::new(&fixed.text);
    for diagnostic in analyze(&fixed.text, &fixture.config) {
        if diagnostic
            .fix
            .as_ref()
            .is_some_and(|fix| fix.applicability <= allowed)
        {
            let actual = actual_expectation(&fixed.text, &fixed_index, &diagnostic);
            failures.push(format!(
                "still fixable ({allowed} fixes) after fixing:\n{}",
                describe(&fixed.text, &fixed_index, &actual, &diagnostic.message)
            ));
        }
    }
    let twice = analysis::fix_all(&fixed.text, &fixture.config, allowed);
    if twice.text != fixed.text {
        failures.push(format!(
            "fixing twice ({allowed} fixes) changes the text:\n{}",
            line_diff(&fixed.text, &twice.text)
        ));
    }
}

fn line_diff(expected: &str, actual: &str) -> String {
    let mut out = String::new();
    let expected_lines: Vec<&str> = expected.lines().collect();
    let actual_lines: Vec<&str> = actual.lines().collect();
    for line in 0..expected_lines.len().max(actual_lines.len()) {
        let (left, right) = (expected_lines.get(line), actual_lines.get(line));
        if left != right {
            let _ = writeln!(
                out,
                "  line {}:\n    expected: {}\n    actual:   {}",
                line + 1,
                left.unwrap_or(&"<none>"),
                right.unwrap_or(&"<none>")
            );
        }
    }
    out
}

#[test]
fn every_fixture_gives_exactly_its_marked_diagnostics_and_fixes_cleanly() {
    let mut files = Vec::new();
    fixture_files(&fixture_root(), &mut files);
    assert!(
        !files.is_empty(),
        "no fixtures found under {}",
        fixture_root().display()
    );
    let mut report = String::new();
    let mut failed = 0;
    for path in &files {
        let failures = match load(path) {
            Ok(fixture) => check_fixture(&fixture),
            Err(error) => vec![error],
        };
        if !failures.is_empty() {
            failed += 1;
            let relative = path.strip_prefix(fixture_root()).unwrap_or(path);
            let _ = writeln!(report, "\n{}:", relative.display());
            for failure in failures {
                let _ = writeln!(report, "{failure}");
            }
        }
    }
    assert!(
        failed == 0,
        "{failed} of {} fixtures failed:{report}",
        files.len()
    );
    println!("{} fixtures checked", files.len());
}
