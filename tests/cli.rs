//! End-to-end tests of the `resolution-ls` binary: arguments, output formats, exit status,
//! discovery of drafts, standard input, `--fix` and `--diff`. The drafts they check are in
//! `tests/cli/`; expectations about findings are computed with the library where the rules
//! decide them, so these tests pin the command line, not the rules.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use resolution_ls::syntax::{ColumnUnit, LineIndex};
use resolution_ls::{Config, analyze};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const BINARY: &str = env!("CARGO_BIN_EXE_resolution-ls");

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cli")
        .join(name)
}

fn read_data(name: &str) -> Result<String, std::io::Error> {
    fs::read_to_string(data(name))
}

struct Ran {
    status: i32,
    stdout: String,
    stderr: String,
}

fn run_in(folder: &Path, args: &[&str], stdin: &[u8]) -> Result<Ran, std::io::Error> {
    let mut child = Command::new(BINARY)
        .args(args)
        .current_dir(folder)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin)?;
    }
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output()?;
    Ok(Ran {
        status: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    })
}

/// The findings of `check --format json NAME` in `folder`.
fn checked_as_json(
    folder: &Path,
    name: &str,
) -> Result<serde_json::Value, Box<dyn std::error::Error>> {
    let ran = run_in(folder, &["check", "--format", "json", name], b"")?;
    Ok(serde_json::from_str(&ran.stdout)?)
}

/// A temporary folder holding copies of the named drafts from `tests/cli/`.
fn folder_with(names: &[&str]) -> Result<tempfile::TempDir, std::io::Error> {
    let folder = tempfile::tempdir()?;
    for name in names {
        fs::copy(data(name), folder.path().join(name))?;
    }
    Ok(folder)
}

/// The JSON items the binary should print for `text` shown as `path`, computed with the
/// library.
fn expected_json(path: &str, text: &str) -> serde_json::Value {
    let index = LineIndex::new(text);
    let position = |offset: usize| index.line_col(text, offset, ColumnUnit::Char);
    let items = analyze(text, &Config::default())
        .into_iter()
        .map(|diagnostic| {
            let (start, end) = (
                position(diagnostic.range.start),
                position(diagnostic.range.end),
            );
            let fix = diagnostic.fix.as_ref().map(|fix| {
                let edits: Vec<serde_json::Value> = fix
                    .edits
                    .iter()
                    .map(|edit| {
                        let (start, end) = (position(edit.range.start), position(edit.range.end));
                        serde_json::json!({
                            "line": start.line + 1, "column": start.column + 1,
                            "end_line": end.line + 1, "end_column": end.column + 1,
                            "replacement": edit.replacement,
                        })
                    })
                    .collect();
                serde_json::json!({
                    "title": fix.title,
                    "applicability": fix.applicability.as_str(),
                    "edits": edits,
                })
            });
            serde_json::json!({
                "path": path,
                "line": start.line + 1, "column": start.column + 1,
                "end_line": end.line + 1, "end_column": end.column + 1,
                "severity": diagnostic.severity.as_str(),
                "code": diagnostic.code.as_str(),
                "message": diagnostic.message,
                "fix": fix,
            })
        })
        .collect();
    serde_json::Value::Array(items)
}

/// The paths named in the findings of a text report, in order, once each.
fn reported_paths(stdout: &str) -> Vec<String> {
    let mut paths: Vec<String> = Vec::new();
    for line in stdout.lines().filter(|line| line.contains("]: ")) {
        let path = line.split(':').next().unwrap_or("").to_string();
        if paths.last() != Some(&path) {
            paths.push(path);
        }
    }
    paths
}

#[test]
fn the_text_report_shows_the_line_carets_help_and_summary() -> TestResult {
    let folder = folder_with(&["defects.res.md"])?;
    let ran = run_in(folder.path(), &["check", "defects.res.md"], b"")?;
    assert_eq!(ran.status, 1, "{}", ran.stderr);
    assert!(
        ran.stdout.contains(
            "defects.res.md:7:1: error[misnumbered-paragraph]: Paragraph 3 follows paragraph 1"
        ),
        "{}",
        ran.stdout
    );
    assert!(ran.stdout.contains(
        "7 | 3. *Requests* the Office to report to the Council at its next session.\n  | ^^\n  = help: Renumber"
    ));
    // The footnote marker stands after `é` and `😀` (two columns wide in a terminal).
    assert!(ran.stdout.contains(
        "5 | 1. *Welcomes* the report on café culture 😀,<sup>1</sup> and thanks the Office;\n  |                                             ^^^^^^^^^^^^\n"
    ));
    assert!(
        ran.stdout
            .ends_with("2 errors in 1 file; 1 fixable with --fix.\n")
    );
    assert_eq!(ran.stderr, "");
    Ok(())
}

#[test]
fn json_is_one_array_with_one_based_character_columns() -> TestResult {
    let folder = folder_with(&["defects.res.md"])?;
    let ran = run_in(
        folder.path(),
        &["check", "--format", "json", "defects.res.md"],
        b"",
    )?;
    assert_eq!(ran.status, 1);
    let printed: serde_json::Value = serde_json::from_str(&ran.stdout)?;
    let text = read_data("defects.res.md")?;
    assert_eq!(printed, expected_json("defects.res.md", &text));
    let items = printed.as_array().cloned().unwrap_or_default();
    let footnote = items
        .iter()
        .find(|item| item["code"] == "dangling-footnote")
        .ok_or("the dangling footnote is reported")?;
    // `<sup>` is the 44th character of its line, after `é` (2 bytes) and `😀` (4 bytes).
    assert_eq!(footnote["line"], 5);
    assert_eq!(footnote["column"], 44);
    assert_eq!(footnote["end_column"], 44 + "<sup>1</sup>".len());
    for item in &items {
        let keys: Vec<&String> = item
            .as_object()
            .map(|object| object.keys().collect())
            .unwrap_or_default();
        assert_eq!(
            keys,
            [
                "code",
                "column",
                "end_column",
                "end_line",
                "fix",
                "line",
                "message",
                "path",
                "severity"
            ]
        );
    }
    assert_eq!(ran.stderr, "2 errors in 1 file; 1 fixable with --fix.\n");
    Ok(())
}

/// A draft large enough to be read on two threads (from 256 KB) into room laid out in one heap
/// (from about 400 KB): `check` then makes its own thread one of rayon's two.
#[test]
fn a_large_draft_is_checked_on_two_threads_with_the_findings_of_one() -> TestResult {
    let mut text = read_data("defects.res.md")?;
    let mut number = 4;
    while text.len() < 600 * 1024 {
        // Every 500th paragraph opens with a verb that is not standard, so that findings come
        // from all over the text.
        let opener = if number % 500 == 0 {
            "Urge"
        } else {
            "Requests"
        };
        text.push_str(&format!(
            "\n{number}. *{opener}* the Office to report on paragraph {} above, as in resolution 19/33;\n",
            number - 1
        ));
        number += 1;
    }
    let folder = tempfile::tempdir()?;
    fs::write(folder.path().join("large.res.md"), &text)?;
    let printed = checked_as_json(folder.path(), "large.res.md")?;
    assert_eq!(printed, expected_json("large.res.md", &text));
    assert!(printed.as_array().is_some_and(|items| items.len() > 10));
    Ok(())
}

/// The binary reads text from strangers, so it is a position-independent executable, loaded
/// at a random address: the ELF header's type is `ET_DYN` (3), not the `ET_EXEC` (2) of a
/// binary linked at a fixed address. (Linking it at a fixed address spared the loader some
/// 10,000 relocations, 0.3 ms of every start; not worth giving up address randomisation.)
#[cfg(target_os = "linux")]
#[test]
fn the_binary_is_a_position_independent_executable() -> TestResult {
    use std::io::Read as _;
    let mut header = [0u8; 18];
    fs::File::open(BINARY)?.read_exact(&mut header)?;
    assert_eq!(&header[..4], b"\x7fELF", "{BINARY} is not an ELF file");
    assert_eq!(
        u16::from_le_bytes([header[16], header[17]]),
        3,
        "ELF type of {BINARY}"
    );
    Ok(())
}

#[test]
fn exit_status_is_zero_without_errors() -> TestResult {
    let folder = folder_with(&["clean.res.md", "warning.res.md"])?;
    let clean = run_in(folder.path(), &["check", "clean.res.md"], b"")?;
    assert_eq!(
        (clean.status, clean.stdout.as_str()),
        (0, "No findings in 1 file.\n")
    );
    let warned = run_in(folder.path(), &["check", "warning.res.md"], b"")?;
    assert_eq!(warned.status, 0, "warnings alone do not fail");
    assert!(warned.stdout.contains("warning[unreferenced-footnote]"));
    let json = run_in(
        folder.path(),
        &["check", "--format", "json", "clean.res.md"],
        b"",
    )?;
    assert_eq!(json.stdout.trim(), "[]");
    Ok(())
}

#[test]
fn a_missing_file_exits_two_and_is_named() -> TestResult {
    let folder = folder_with(&["clean.res.md"])?;
    let ran = run_in(
        folder.path(),
        &["check", "clean.res.md", "missing.res.md"],
        b"",
    )?;
    assert_eq!(ran.status, 2);
    assert!(
        ran.stderr
            .starts_with("error: missing.res.md: cannot read the file:"),
        "{}",
        ran.stderr
    );
    assert!(ran.stdout.contains("1 file could not be checked."));
    Ok(())
}

#[test]
fn settings_are_read_from_the_nearest_file_and_checked() -> TestResult {
    let folder = folder_with(&["defects.res.md"])?;
    fs::create_dir(folder.path().join("drafts"))?;
    fs::rename(
        folder.path().join("defects.res.md"),
        folder.path().join("drafts/defects.res.md"),
    )?;
    fs::write(
        folder.path().join("resolution-ls.toml"),
        "[rules]\nmisnumbered-paragraph = \"warning\"\ndangling-footnote = \"off\"\nno-such-rule = \"off\"\n",
    )?;
    let ran = run_in(
        &folder.path().join("drafts"),
        &["check", "defects.res.md"],
        b"",
    )?;
    assert_eq!(
        ran.status, 0,
        "the settings lower the errors: {}",
        ran.stdout
    );
    assert!(ran.stdout.contains("warning[misnumbered-paragraph]"));
    assert!(!ran.stdout.contains("dangling-footnote"));
    assert!(
        ran.stderr
            .contains("resolution-ls.toml: `rules.no-such-rule`: unknown diagnostic code"),
        "{}",
        ran.stderr
    );
    let without = run_in(
        &folder.path().join("drafts"),
        &["check", "--no-config", "defects.res.md"],
        b"",
    )?;
    assert_eq!(without.status, 1);
    fs::write(folder.path().join("resolution-ls.toml"), "[rules\n")?;
    let broken = run_in(
        &folder.path().join("drafts"),
        &["check", "defects.res.md"],
        b"",
    )?;
    assert_eq!(broken.status, 2);
    assert!(
        broken.stderr.contains("is not valid TOML"),
        "{}",
        broken.stderr
    );
    let selected = run_in(
        &folder.path().join("drafts"),
        &[
            "check",
            "--no-config",
            "--select",
            "dangling-footnote",
            "defects.res.md",
        ],
        b"",
    )?;
    assert!(
        selected.stdout.contains("dangling-footnote") && !selected.stdout.contains("misnumbered")
    );
    Ok(())
}

#[test]
fn folders_check_drafts_and_skip_other_markdown() -> TestResult {
    let folder = tempfile::tempdir()?;
    let base = folder.path();
    for sub in [
        "drafts/hrc",
        "drafts/.archive",
        "target",
        "node_modules/pkg",
    ] {
        fs::create_dir_all(base.join(sub))?;
    }
    let defects = read_data("defects.res.md")?;
    // A README that happens to hold a numbering gap is not a draft: no organ line.
    fs::write(
        base.join("README.md"),
        "# Notes\n\n1. First;\n\n3. Third.\n",
    )?;
    fs::write(base.join("drafts/hrc/b.res.md"), &defects)?;
    fs::write(base.join("drafts/a.md"), &defects)?;
    fs::write(base.join("drafts/.archive/old.res.md"), &defects)?;
    fs::write(base.join("target/copy.res.md"), &defects)?;
    fs::write(base.join("node_modules/pkg/x.res.md"), &defects)?;
    let ran = run_in(base, &["check", "."], b"")?;
    assert_eq!(ran.status, 1);
    assert_eq!(
        reported_paths(&ran.stdout),
        ["drafts/a.md", "drafts/hrc/b.res.md"]
    );
    assert!(
        ran.stdout
            .contains("4 errors in 2 files; 2 fixable with --fix.\n"),
        "{}",
        ran.stdout
    );
    assert!(
        ran.stdout
            .ends_with("Skipped 1 Markdown file that is not a draft below the folders given: not named *.res.md and without an organ line such as `*The General Assembly,*`. Name a file on the command line, or match it with the `files` setting in resolution-ls.toml, to check it.\n"),
        "{}",
        ran.stdout
    );
    let explicit = run_in(base, &["check", "README.md"], b"")?;
    assert_eq!(
        reported_paths(&explicit.stdout),
        ["README.md"],
        "a named file is always checked"
    );
    fs::write(
        base.join("resolution-ls.toml"),
        "files = [\"notes/*.txt\"]\n",
    )?;
    fs::create_dir(base.join("notes"))?;
    fs::write(base.join("notes/draft.txt"), &defects)?;
    let globbed = run_in(base, &["check"], b"")?;
    assert_eq!(
        reported_paths(&globbed.stdout),
        ["drafts/a.md", "drafts/hrc/b.res.md", "notes/draft.txt"]
    );
    Ok(())
}

/// The same decision as the language server's (tests/lsp: `files_named_res_md_in_any_case_...`):
/// `.res.md` in any case is a draft; other Markdown, in any case, needs an organ line.
#[test]
fn a_draft_named_in_capitals_is_checked_below_a_folder() -> TestResult {
    let folder = tempfile::tempdir()?;
    let base = folder.path();
    let without_organ_line =
        "1. *Urges* States to act;\n\n3. *Decides* to remain seized of the matter.\n";
    fs::write(base.join("A_HRC_55_L1.RES.MD"), without_organ_line)?;
    fs::write(base.join("NOTES.MD"), without_organ_line)?;
    let ran = run_in(base, &["check", "."], b"")?;
    assert_eq!(
        reported_paths(&ran.stdout),
        ["A_HRC_55_L1.RES.MD"],
        "{}",
        ran.stdout
    );
    Ok(())
}

#[test]
fn standard_input_is_read_with_a_dash() -> TestResult {
    let folder = tempfile::tempdir()?;
    let text = read_data("defects.res.md")?;
    let ran = run_in(
        folder.path(),
        &["check", "--format", "json", "-"],
        text.as_bytes(),
    )?;
    assert_eq!(ran.status, 1);
    let printed: serde_json::Value = serde_json::from_str(&ran.stdout)?;
    assert_eq!(printed, expected_json("<stdin>", &text));
    let fixed = run_in(folder.path(), &["check", "--fix", "-"], text.as_bytes())?;
    let expected = resolution_ls::analysis::fix_all(
        &text,
        &Config::default(),
        resolution_ls::Applicability::Safe,
    )
    .text;
    assert_eq!(
        fixed.stdout, expected,
        "the fixed text goes to standard output"
    );
    assert!(
        fixed
            .stderr
            .contains("Fixed 1 finding in <stdin>: Renumber"),
        "{}",
        fixed.stderr
    );
    assert!(
        fixed.stderr.contains("error[dangling-footnote]"),
        "what remains is reported"
    );
    Ok(())
}

#[test]
fn fix_writes_in_place_keeping_crlf_bom_and_permissions() -> TestResult {
    let folder = tempfile::tempdir()?;
    let path = folder.path().join("draft.res.md");
    let lf_text = read_data("defects.res.md")?;
    let crlf_text = format!("\u{FEFF}{}", lf_text.replace('\n', "\r\n"));
    fs::write(&path, &crlf_text)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640))?;
    }
    let ran = run_in(folder.path(), &["check", "--fix", "draft.res.md"], b"")?;
    assert_eq!(
        ran.status, 1,
        "the dangling footnote has no fix and remains"
    );
    assert!(
        ran.stdout
            .starts_with("Fixed 1 finding in draft.res.md: Renumber the operative paragraphs.\n"),
        "{}",
        ran.stdout
    );
    assert!(ran.stdout.contains("error[dangling-footnote]"));
    assert!(ran.stdout.ends_with("1 error in 1 file.\n"));

    let written = fs::read_to_string(&path)?;
    let expected_lf = resolution_ls::analysis::fix_all(
        &lf_text,
        &Config::default(),
        resolution_ls::Applicability::Safe,
    )
    .text;
    assert_eq!(
        written,
        format!("\u{FEFF}{}", expected_lf.replace('\n', "\r\n"))
    );
    assert!(written.contains("\r\n2. *Requests*"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(fs::metadata(&path)?.permissions().mode() & 0o777, 0o640);
    }
    let names: Vec<String> = fs::read_dir(folder.path())?
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["draft.res.md"], "no temporary file is left");

    let items = checked_as_json(folder.path(), "draft.res.md")?;
    let fixable: Vec<&serde_json::Value> = items
        .as_array()
        .map(|items| items.iter().filter(|item| !item["fix"].is_null()).collect())
        .unwrap_or_default();
    assert!(fixable.is_empty(), "nothing fixable remains: {fixable:?}");
    let twice = run_in(folder.path(), &["check", "--fix", "draft.res.md"], b"")?;
    assert!(!twice.stdout.contains("Fixed"));
    assert_eq!(
        fs::read_to_string(&path)?,
        written,
        "fixing twice changes nothing"
    );
    Ok(())
}

#[test]
fn diff_shows_the_fixes_and_writes_nothing() -> TestResult {
    let folder = folder_with(&["defects.res.md", "clean.res.md"])?;
    let before = fs::read(folder.path().join("defects.res.md"))?;
    let ran = run_in(folder.path(), &["check", "--diff", "defects.res.md"], b"")?;
    assert_eq!(ran.status, 1, "a diff to apply exits 1");
    assert!(
        ran.stdout
            .starts_with("--- defects.res.md\n+++ defects.res.md\n@@ ")
    );
    assert!(ran.stdout.contains("\n-3. *Requests*") && ran.stdout.contains("\n+2. *Requests*"));
    assert!(
        ran.stderr.ends_with("Would fix 1 finding in 1 file.\n"),
        "{}",
        ran.stderr
    );
    assert_eq!(fs::read(folder.path().join("defects.res.md"))?, before);
    let clean = run_in(folder.path(), &["check", "--diff", "clean.res.md"], b"")?;
    assert_eq!((clean.status, clean.stdout.as_str()), (0, ""));
    Ok(())
}

#[test]
fn no_arguments_or_stdio_is_for_the_language_server() -> TestResult {
    let folder = tempfile::tempdir()?;
    for args in [&[][..], &["--stdio"][..]] {
        // The language server reads LSP from stdin; a client that closes stdin without
        // `shutdown` and `exit` ends it with status 1 (LSP), and nothing but frames is written.
        let ran = run_in(folder.path(), args, b"")?;
        assert_eq!(ran.status, 1, "{}", ran.stderr);
        assert_eq!(ran.stdout, "");
    }
    Ok(())
}

#[test]
fn version_help_and_rules() -> TestResult {
    let folder = tempfile::tempdir()?;
    let version = run_in(folder.path(), &["--version"], b"")?;
    assert_eq!(version.status, 0);
    assert_eq!(
        version.stdout,
        format!("resolution-ls {}\n", env!("CARGO_PKG_VERSION"))
    );
    let help = run_in(folder.path(), &["check", "--help"], b"")?;
    assert_eq!(help.status, 0);
    assert!(help.stdout.contains("Examples:") && help.stdout.contains("--fix"));
    let usage = run_in(folder.path(), &["check", "--format", "xml"], b"")?;
    assert_eq!(usage.status, 2);
    let rules = run_in(folder.path(), &["rules"], b"")?;
    assert_eq!(rules.status, 0);
    for code in resolution_ls::Code::ALL {
        let line = rules
            .stdout
            .lines()
            .find(|line| line.starts_with(&format!("{code} ")))
            .ok_or_else(|| format!("{code} is listed"))?;
        let default = code
            .default_level()
            .severity()
            .map_or("off", |severity| severity.as_str());
        assert!(
            line.contains(default) && line.ends_with(code.summary()),
            "{line}"
        );
    }
    let json = run_in(folder.path(), &["rules", "--format", "json"], b"")?;
    let listed: serde_json::Value = serde_json::from_str(&json.stdout)?;
    assert_eq!(
        listed.as_array().map(Vec::len),
        Some(resolution_ls::Code::ALL.len())
    );
    Ok(())
}
