//! The whole command line in process, with a stand-in engine whose findings the tests choose:
//! every `WRONG` is an error fixed to `RIGHT`, every `SPLIT` a warning fixed to two lines, every
//! `GUESS` a warning with the unsafe fix `HUNCH`, every `meh` an information without fix.

use std::fs;
use std::path::Path;

use super::*;
use crate::analysis::{Analysis, FixOutcome};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::fix::apply_edits;

fn stand_in_analyze(text: &str, config: &Config) -> Analysis {
    Analysis {
        diagnostics: stand_in_diagnostics(text, config),
        lines: LineIndex::new(text),
    }
}

fn stand_in_diagnostics(text: &str, config: &Config) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for (start, _) in text.match_indices("WRONG") {
        let range = start..start + "WRONG".len();
        diagnostics.push(
            Diagnostic::new(
                Code::MisnumberedParagraph,
                range.clone(),
                "`WRONG` is wrong: it should read `RIGHT`. Replace it.",
            )
            .with_fix(Fix::new(
                "Replace with `RIGHT`",
                vec![Edit::new(range, "RIGHT")],
            )),
        );
    }
    for (start, _) in text.match_indices("SPLIT") {
        let range = start..start + "SPLIT".len();
        diagnostics.push(
            Diagnostic::new(
                Code::NonstandardOpener,
                range.clone(),
                "`SPLIT` wants two lines.",
            )
            .with_fix(Fix::new(
                "Split in two lines",
                vec![Edit::new(range, "TWO\nLINES")],
            )),
        );
    }
    for (start, _) in text.match_indices("GUESS") {
        let range = start..start + "GUESS".len();
        diagnostics.push(
            Diagnostic::new(
                Code::UnknownDocumentSymbol,
                range.clone(),
                "`GUESS` is unknown.",
            )
            .with_fix(Fix::suggestion(
                "Replace with `HUNCH`",
                vec![Edit::new(range, "HUNCH")],
            )),
        );
    }
    for (start, _) in text.match_indices("meh") {
        diagnostics.push(Diagnostic::new(
            Code::RepeatedOpener,
            start..start + 3,
            "`meh` is repeated.",
        ));
    }
    diagnostics.sort_by_key(|diagnostic| diagnostic.range.start);
    // Like the real analysis, take the configured levels.
    diagnostics
        .into_iter()
        .filter_map(|diagnostic| {
            let severity = config.level(diagnostic.code).severity()?;
            Some(diagnostic.with_severity(severity))
        })
        .collect()
}

fn stand_in_fix_all(text: &str, config: &Config, allowed: Applicability) -> FixOutcome {
    let fixes: Vec<Fix> = stand_in_diagnostics(text, config)
        .into_iter()
        .filter_map(|diagnostic| diagnostic.fix)
        .filter(|fix| fix.applicability <= allowed)
        .collect();
    let edits: Vec<Edit> = fixes.iter().flat_map(|fix| fix.edits.clone()).collect();
    FixOutcome {
        text: apply_edits(text, &edits),
        applied: fixes.into_iter().map(|fix| fix.title).collect(),
    }
}

const STAND_IN: Engine = Engine {
    analyze: stand_in_analyze,
    fix_all: stand_in_fix_all,
};

struct Ran {
    status: u8,
    stdout: String,
    stderr: String,
}

fn run_stand_in(folder: &Path, args: &[&str], stdin: &str) -> Ran {
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let status = {
        let mut environment = Environment {
            current_folder: folder.to_path_buf(),
            stdout_is_terminal: false,
            stderr_is_terminal: false,
            no_color: false,
            stdin: Box::new(stdin.as_bytes()),
            stdout: Box::new(&mut stdout),
            stderr: Box::new(&mut stderr),
        };
        let args = args.iter().map(OsString::from).collect();
        run_in(args, &mut environment, STAND_IN)
    };
    Ran {
        status,
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

type TestResult = Result<(), Box<dyn std::error::Error>>;

#[test]
fn text_findings_show_the_line_carets_help_and_summary() -> TestResult {
    let folder = tempfile::tempdir()?;
    fs::write(folder.path().join("a.md"), "first meh\n\tWRONG here\n")?;
    let ran = run_stand_in(folder.path(), &["check", "a.md"], "");
    assert_eq!(ran.status, FINDINGS, "{}", ran.stderr);
    assert_eq!(
        ran.stdout,
        "a.md:1:7: information[repeated-opener]: `meh` is repeated.\n\
         \x20 |\n\
         1 | first meh\n\
         \x20 |       ^^^\n\
         \n\
         a.md:2:2: error[misnumbered-paragraph]: `WRONG` is wrong: it should read `RIGHT`. Replace it.\n\
         \x20 |\n\
         2 |     WRONG here\n\
         \x20 |     ^^^^^\n\
         \x20 = help: Replace with `RIGHT`\n\
         \n\
         1 error, 1 information in 1 file; 1 fixable with --fix.\n"
    );
    assert_eq!(ran.stderr, "");
    Ok(())
}

#[test]
fn unsafe_fixes_are_marked_and_applied_only_when_asked() -> TestResult {
    let folder = tempfile::tempdir()?;
    let draft = folder.path().join("a.md");
    fs::write(&draft, "WRONG GUESS\n")?;
    let checked = run_stand_in(folder.path(), &["check", "a.md"], "");
    assert!(
        checked.stdout.contains(
            "= help: Replace with `HUNCH` (unsafe fix: it puts a different word in; --fix applies it only with --unsafe-fixes)\n"
        ),
        "{}",
        checked.stdout
    );
    assert!(
        checked
            .stdout
            .ends_with("; 1 fixable with --fix, 1 more with --unsafe-fixes.\n"),
        "{}",
        checked.stdout
    );
    let json = run_stand_in(folder.path(), &["check", "--format", "json", "a.md"], "");
    let items: serde_json::Value = serde_json::from_str(&json.stdout)?;
    let applicability: Vec<&str> = items
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|item| item["fix"]["applicability"].as_str())
        .collect();
    assert_eq!(applicability, ["safe", "unsafe"]);

    let fixed = run_stand_in(folder.path(), &["check", "--fix", "a.md"], "");
    assert_eq!(fixed.status, SUCCESS, "{}", fixed.stderr);
    assert_eq!(fs::read_to_string(&draft)?, "RIGHT GUESS\n");
    let fixed = run_stand_in(
        folder.path(),
        &["check", "--fix", "--unsafe-fixes", "a.md"],
        "",
    );
    assert_eq!(fixed.status, SUCCESS, "{}", fixed.stderr);
    assert_eq!(fs::read_to_string(&draft)?, "RIGHT HUNCH\n");
    Ok(())
}

#[test]
fn warnings_alone_exit_zero_and_errors_exit_one() -> TestResult {
    let folder = tempfile::tempdir()?;
    fs::write(folder.path().join("warn.md"), "SPLIT\n")?;
    fs::write(folder.path().join("error.md"), "WRONG\n")?;
    assert_eq!(
        run_stand_in(folder.path(), &["check", "warn.md"], "").status,
        SUCCESS
    );
    assert_eq!(
        run_stand_in(folder.path(), &["check", "error.md"], "").status,
        FINDINGS
    );
    let both = run_stand_in(folder.path(), &["check", "warn.md", "error.md"], "");
    assert_eq!(both.status, FINDINGS);
    let paths: Vec<&str> = both
        .stdout
        .lines()
        .filter(|line| line.contains("]: "))
        .map(|line| line.split(':').next().unwrap_or(""))
        .collect();
    assert_eq!(paths, ["error.md", "warn.md"], "findings in path order");
    let ignored = run_stand_in(
        folder.path(),
        &["check", "--ignore", "misnumbered-paragraph", "error.md"],
        "",
    );
    assert_eq!(ignored.status, SUCCESS);
    Ok(())
}

#[test]
fn json_columns_count_characters_from_one() -> TestResult {
    let folder = tempfile::tempdir()?;
    fs::write(folder.path().join("a.md"), "\u{FEFF}ok\r\n😀 é WRONG\r\n")?;
    let ran = run_stand_in(folder.path(), &["check", "--format", "json", "a.md"], "");
    assert_eq!(ran.status, FINDINGS);
    let value: serde_json::Value = serde_json::from_str(&ran.stdout)?;
    assert_eq!(
        value,
        serde_json::json!([{
            "path": "a.md", "line": 2, "column": 5, "end_line": 2, "end_column": 10,
            "severity": "error", "code": "misnumbered-paragraph",
            "message": "`WRONG` is wrong: it should read `RIGHT`. Replace it.",
            "fix": {"title": "Replace with `RIGHT`", "applicability": "safe", "edits": [
                {"line": 2, "column": 5, "end_line": 2, "end_column": 10, "replacement": "RIGHT"}
            ]}
        }])
    );
    assert_eq!(ran.stderr, "1 error in 1 file; 1 fixable with --fix.\n");
    Ok(())
}

#[test]
fn fix_keeps_crlf_bom_and_permissions_and_leaves_nothing_fixable() -> TestResult {
    let folder = tempfile::tempdir()?;
    let path = folder.path().join("a.md");
    fs::write(&path, "\u{FEFF}one WRONG\r\nSPLIT meh\r\nlast\r\n")?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o604))?;
    }
    let ran = run_stand_in(folder.path(), &["check", "--fix", "a.md"], "");
    assert_eq!(ran.status, SUCCESS, "{}", ran.stderr);
    assert_eq!(
        fs::read_to_string(&path)?,
        "\u{FEFF}one RIGHT\r\nTWO\r\nLINES meh\r\nlast\r\n"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(fs::metadata(&path)?.permissions().mode() & 0o777, 0o604);
    }
    assert!(
        ran.stdout
            .starts_with("Fixed 2 findings in a.md: Replace with `RIGHT`; Split in two lines.\n"),
        "{}",
        ran.stdout
    );
    assert!(
        ran.stdout
            .contains("a.md:3:7: information[repeated-opener]")
    );
    assert!(ran.stdout.ends_with("1 information in 1 file.\n"));
    let entries = fs::read_dir(folder.path())?.count();
    assert_eq!(entries, 1, "no temporary file is left behind");
    let again = run_stand_in(folder.path(), &["check", "--fix", "a.md"], "");
    assert!(!again.stdout.contains("Fixed"));
    Ok(())
}

#[test]
fn diff_shows_the_fixes_and_writes_nothing() -> TestResult {
    let folder = tempfile::tempdir()?;
    let path = folder.path().join("a.md");
    fs::write(&path, "keep\nWRONG\n")?;
    let ran = run_stand_in(folder.path(), &["check", "--diff", "a.md"], "");
    assert_eq!(ran.status, FINDINGS);
    assert_eq!(
        ran.stdout,
        "--- a.md\n+++ a.md\n@@ -1,2 +1,2 @@\n keep\n-WRONG\n+RIGHT\n"
    );
    assert_eq!(
        ran.stderr,
        "Would fix 1 finding in a.md: Replace with `RIGHT`.\nWould fix 1 finding in 1 file.\n"
    );
    assert_eq!(fs::read_to_string(&path)?, "keep\nWRONG\n");
    fs::write(&path, "clean\n")?;
    let clean = run_stand_in(folder.path(), &["check", "--diff", "a.md"], "");
    assert_eq!((clean.status, clean.stdout.as_str()), (SUCCESS, ""));
    Ok(())
}

#[test]
fn standard_input_is_checked_and_fixed_to_standard_output() -> TestResult {
    let folder = tempfile::tempdir()?;
    let checked = run_stand_in(folder.path(), &["check", "-"], "WRONG\n");
    assert_eq!(checked.status, FINDINGS);
    assert!(
        checked
            .stdout
            .starts_with("<stdin>:1:1: error[misnumbered-paragraph]")
    );
    let fixed = run_stand_in(
        folder.path(),
        &["check", "--fix", "-"],
        "a\r\nWRONG SPLIT\r\n",
    );
    assert_eq!(fixed.status, SUCCESS);
    assert_eq!(fixed.stdout, "a\r\nRIGHT TWO\r\nLINES\r\n");
    assert!(fixed.stderr.starts_with("Fixed 2 findings in <stdin>:"));
    Ok(())
}

#[test]
fn folders_check_drafts_only() -> TestResult {
    let folder = tempfile::tempdir()?;
    fs::create_dir(folder.path().join("drafts"))?;
    fs::write(
        folder.path().join("drafts/README.md"),
        "WRONG but not a draft\n",
    )?;
    fs::write(folder.path().join("drafts/b.res.md"), "WRONG\n")?;
    fs::write(
        folder.path().join("drafts/c.md"),
        "*The General Assembly,*\n\n1. *Decides* WRONG;\n",
    )?;
    let ran = run_stand_in(folder.path(), &["check", "drafts"], "");
    let paths: Vec<&str> = ran
        .stdout
        .lines()
        .filter(|line| line.contains("]: "))
        .map(|line| line.split(':').next().unwrap_or(""))
        .collect();
    assert_eq!(paths, ["drafts/b.res.md", "drafts/c.md"]);
    assert!(
        ran.stdout.ends_with(
            "2 errors in 2 files; 2 fixable with --fix.\n\
             Skipped 1 Markdown file that is not a draft below the folders given: not named \
             *.res.md and without an organ line such as `*The General Assembly,*`. Name a file \
             on the command line, or match it with the `files` setting in resolution-ls.toml, \
             to check it.\n"
        ),
        "{}",
        ran.stdout
    );
    Ok(())
}

#[test]
fn failures_exit_two_and_name_the_file() -> TestResult {
    let folder = tempfile::tempdir()?;
    fs::write(folder.path().join("a.md"), "WRONG\n")?;
    fs::write(folder.path().join("binary.md"), b"\xff\xfe")?;
    let ran = run_stand_in(
        folder.path(),
        &["check", "a.md", "missing.md", "binary.md"],
        "",
    );
    assert_eq!(ran.status, FAILURE);
    assert!(
        ran.stderr
            .contains("error: missing.md: cannot read the file:"),
        "{}",
        ran.stderr
    );
    assert!(
        ran.stderr
            .contains("error: binary.md: the file is not UTF-8 text")
    );
    assert!(
        ran.stdout.contains("a.md:1:1: error"),
        "the other files are still checked"
    );
    assert!(
        ran.stdout
            .ends_with("1 error in 1 file; 1 fixable with --fix. 2 files could not be checked.\n")
    );
    Ok(())
}

#[test]
fn settings_warnings_go_to_stderr_and_bad_settings_stop_the_run() -> TestResult {
    let folder = tempfile::tempdir()?;
    fs::create_dir(folder.path().join("sub"))?;
    fs::write(folder.path().join("sub/a.md"), "WRONG\n")?;
    fs::write(
        folder.path().join("resolution-ls.toml"),
        "[rules]\nno-such-rule = \"off\"\nmisnumbered-paragraph = \"warning\"\n",
    )?;
    let ran = run_stand_in(&folder.path().join("sub"), &["check", "a.md"], "");
    assert_eq!(
        ran.status, SUCCESS,
        "the settings make the finding a warning"
    );
    assert!(ran.stderr.starts_with("warning: "), "{}", ran.stderr);
    assert!(
        ran.stderr
            .contains("resolution-ls.toml: `rules.no-such-rule`: unknown diagnostic code"),
        "{}",
        ran.stderr
    );
    assert!(ran.stdout.contains("warning[misnumbered-paragraph]"));
    let ignored = run_stand_in(
        &folder.path().join("sub"),
        &["check", "--no-config", "a.md"],
        "",
    );
    assert_eq!(ignored.status, FINDINGS);
    fs::write(folder.path().join("broken.toml"), "rules = [")?;
    let broken = run_stand_in(
        folder.path(),
        &["check", "--config", "broken.toml", "sub"],
        "",
    );
    assert_eq!(broken.status, FAILURE);
    assert!(
        broken
            .stderr
            .starts_with("error: the settings file `broken.toml` is not valid TOML")
    );
    let missing = run_stand_in(folder.path(), &["check", "--config", "none.toml"], "");
    assert_eq!(missing.status, FAILURE);
    assert!(missing.stderr.contains("none.toml"));
    Ok(())
}

#[test]
fn colour_follows_the_choice() -> TestResult {
    let folder = tempfile::tempdir()?;
    fs::write(folder.path().join("a.md"), "WRONG\n")?;
    let always = run_stand_in(folder.path(), &["check", "--color", "always", "a.md"], "");
    assert!(always.stdout.contains('\u{1b}'));
    let auto = run_stand_in(folder.path(), &["check", "a.md"], "");
    assert!(!auto.stdout.contains('\u{1b}'), "not a terminal");
    Ok(())
}

#[test]
fn usage_errors_exit_two() {
    let folder = std::env::temp_dir();
    let ran = run_stand_in(&folder, &["check", "--fix", "--diff", "a.md"], "");
    assert_eq!(ran.status, FAILURE);
    assert!(ran.stderr.contains("cannot be used with"));
    let help = run_stand_in(&folder, &["check", "--help"], "");
    assert_eq!(help.status, SUCCESS);
    assert!(help.stdout.contains("Examples:"));
    let unknown = run_stand_in(&folder, &["check", "--select", "nope", "a.md"], "");
    assert_eq!(unknown.status, FAILURE);
    assert!(
        unknown
            .stderr
            .contains("--select: unknown diagnostic code `nope`")
    );
}

#[test]
fn markdown_below_a_folder_that_is_not_utf8_is_skipped_unless_it_is_a_draft() -> TestResult {
    let folder = tempfile::tempdir()?;
    fs::write(folder.path().join("latin1.md"), b"caf\xe9 WRONG\n")?;
    let skipped = run_stand_in(folder.path(), &["check", "."], "");
    assert_eq!(skipped.status, SUCCESS);
    assert!(
        skipped
            .stdout
            .starts_with("No drafts found to check.\nSkipped 1 Markdown file that is not a draft"),
        "{}",
        skipped.stdout
    );
    fs::write(
        folder.path().join("latin1.md"),
        b"*The General Assembly,*\n\n1. *Decides* caf\xe9;\n",
    )?;
    let failed = run_stand_in(folder.path(), &["check", "."], "");
    assert_eq!(failed.status, FAILURE);
    assert!(
        failed
            .stderr
            .contains("latin1.md: the file is not UTF-8 text")
    );
    Ok(())
}
