//! The engine's front door: parse a text, run every rule, apply the configured severities and
//! the inline suppressions.

use crate::checks;
use crate::config::Config;
use crate::diagnostic::{Applicability, Code, Diagnostic, Edit, Fix};
use crate::fix;
use crate::syntax::{self, Blocks, Draft, LineIndex, SuppressionKind};

/// Documents larger than this are not analysed: the largest compilations of a session's
/// resolutions run to a few megabytes, so a text this size is not a draft, and analysing it
/// would hold an editor up.
pub const MAX_DOCUMENT_BYTES: usize = 64 * 1024 * 1024;

/// Why a text of `length` bytes is not analysed, if it is too large.
pub fn too_large(length: usize) -> Option<String> {
    (length > MAX_DOCUMENT_BYTES).then(|| {
        format!(
            "This document is {:.1} MB; resolution-ls checks drafts of up to {} MB, so it was not checked. Split it into one file per resolution.",
            length as f64 / (1024.0 * 1024.0),
            MAX_DOCUMENT_BYTES / (1024 * 1024)
        )
    })
}

/// Texts at least this large are worth analysing on two threads: below it, handing the work
/// over costs more than it saves.
pub const TWO_THREADS_FROM_BYTES: usize = 256 * 1024;

/// Build the opener vocabulary on a thread of its own. A process about to analyse a draft
/// calls this first: the reading of the text's blocks can go on meanwhile. If a text needs
/// the vocabulary before the thread has built it, it waits for it rather than building it
/// twice. (Nothing else needs building: the block reader and the reference search read the
/// text by hand, and the suppression pattern is built for the first comment that names the
/// checker.)
pub fn prepare_in_background() {
    let started = std::thread::Builder::new()
        .name("prepare".to_string())
        .spawn(crate::vocab::openers::prepare);
    // A thread that cannot be started only means each is built on first use, as without this.
    drop(started);
}

/// Make the calling thread one of two in rayon's global pool, and start the other now, for a
/// process that analyses one large text on two threads ([`analyze_on_two_threads`]) from
/// this thread. Its joins then run on this thread and hand one half to the other, rather than
/// both halves waiting for the pool's threads to start and take them. The other thread
/// builds the opener vocabulary as it starts, in place of [`prepare_in_background`]: a third
/// thread would only compete with the two for the processor. Returns whether the pool was
/// started; it is not if it was started before.
pub fn start_two_thread_pool_here() -> bool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .use_current_thread()
        .start_handler(|_| crate::vocab::openers::prepare())
        .build_global()
        .is_ok()
}

/// Parse `text` and return its diagnostics, sorted by position.
pub fn analyze(text: &str, config: &Config) -> Vec<Diagnostic> {
    analyze_indexed(text, config).diagnostics
}

/// A text's diagnostics, with the index of its lines that the parser built on the way.
pub struct Analysis {
    pub diagnostics: Vec<Diagnostic>,
    pub lines: LineIndex,
}

/// [`analyze`], keeping the line index, for callers that turn the diagnostics' offsets into
/// lines and columns and would otherwise index the text a second time.
pub fn analyze_indexed(text: &str, config: &Config) -> Analysis {
    let draft = syntax::parse(text);
    let diagnostics = analyze_draft(&draft, config);
    Analysis {
        diagnostics,
        lines: draft.lines,
    }
}

/// [`analyze_indexed`] on two threads of rayon's pool, for a large text in an editor, where
/// the time to the diagnostics matters more than the processor time. Given the text of the
/// document's previous version and the blocks its analysis returned, only the paragraphs
/// around the edit are read again. The result is the same either way; the blocks returned are
/// for the analysis of the next version.
pub fn analyze_on_two_threads(
    text: &str,
    config: &Config,
    previous: Option<(&str, &Blocks)>,
) -> (Analysis, Blocks) {
    let draft = match previous {
        Some((previous_text, blocks)) => {
            syntax::reparse_on_two_threads(text, previous_text, blocks)
        }
        None => syntax::parse_on_two_threads(text),
    };
    let diagnostics = analyze_draft_on_two_threads(&draft, config);
    let (lines, blocks) = draft.into_blocks();
    (Analysis { diagnostics, lines }, blocks)
}

/// [`analyze_draft`] on two threads of rayon's pool: the rules that read openers on one, the
/// others on the other.
pub fn analyze_draft_on_two_threads(draft: &Draft<'_>, config: &Config) -> Vec<Diagnostic> {
    let (mut diagnostics, others) = rayon::join(
        || run_rules(draft, config, |rule| rule.reads_openers),
        || run_rules(draft, config, |rule| !rule.reads_openers),
    );
    diagnostics.extend(others);
    settle(draft, diagnostics)
}

/// Run every rule over a parsed draft.
pub fn analyze_draft(draft: &Draft<'_>, config: &Config) -> Vec<Diagnostic> {
    let diagnostics = run_rules(draft, config, |_| true);
    settle(draft, diagnostics)
}

/// Run the rules `chosen` picks and that the configuration enables, each diagnostic at its
/// configured level.
fn run_rules(
    draft: &Draft<'_>,
    config: &Config,
    chosen: impl Fn(&checks::Rule) -> bool,
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for rule in checks::RULES.iter().filter(|rule| chosen(rule)) {
        if config.level(rule.code).severity().is_none() {
            continue;
        }
        let start = diagnostics.len();
        (rule.check)(draft, config, &mut diagnostics);
        for diagnostic in &mut diagnostics[start..] {
            apply_level(diagnostic, config);
        }
    }
    diagnostics
}

/// Drop what inline comments silence and sort by position. The sort is stable and every
/// diagnostic of a code comes from one rule, so the order the rules ran in does not show.
fn settle(draft: &Draft<'_>, mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let suppressed = Suppressions::new(draft);
    diagnostics.retain(|diagnostic| !suppressed.silences(draft, diagnostic));
    diagnostics.sort_by(|a, b| {
        (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code))
    });
    diagnostics
}

/// A rule reports at its default severity, or lower when it is less sure ("a hint at most").
/// The configured level replaces the default; a lowered diagnostic never rises above it.
fn apply_level(diagnostic: &mut Diagnostic, config: &Config) {
    let Some(configured) = config.level(diagnostic.code).severity() else {
        return;
    };
    let default = diagnostic
        .code
        .default_level()
        .severity()
        .unwrap_or(configured);
    diagnostic.severity = if diagnostic.severity < default {
        diagnostic.severity.min(configured)
    } else {
        configured
    };
}

/// What `fix_all` did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FixOutcome {
    pub text: String,
    /// The titles of the fixes applied, in the order they were applied.
    pub applied: Vec<String>,
}

/// The most rounds of fix-and-recheck `fix_all` runs before it stops; a fix that keeps
/// producing new fixable findings would otherwise loop forever.
const MAX_FIX_ROUNDS: usize = 8;

/// Apply every available fix that `allowed` permits (safe fixes only, or unsafe ones too),
/// re-checking after each round, until nothing fixable remains. Fixes whose edits overlap one
/// already taken in a round wait for the next round.
pub fn fix_all(text: &str, config: &Config, allowed: Applicability) -> FixOutcome {
    let mut current = text.to_string();
    let mut applied = Vec::new();
    for _ in 0..MAX_FIX_ROUNDS {
        let diagnostics = analyze(&current, config);
        let mut taken: Vec<Fix> = Vec::new();
        for diagnostic in diagnostics {
            let Some(fix) = diagnostic.fix else { continue };
            if fix.applicability > allowed
                || fix.edits.is_empty()
                || taken.contains(&fix)
                || taken.iter().any(|other| other.overlaps(&fix))
            {
                continue;
            }
            taken.push(fix);
        }
        if taken.is_empty() {
            break;
        }
        let edits: Vec<Edit> = taken
            .iter()
            .flat_map(|fix| fix.edits.iter().cloned())
            .collect();
        let next = fix::apply_edits(&current, &edits);
        if next == current {
            break;
        }
        applied.extend(taken.into_iter().map(|fix| fix.title));
        current = next;
    }
    FixOutcome {
        text: current,
        applied,
    }
}

/// The lines and regions that inline comments silence, per code.
struct Suppressions {
    /// (line, code or None for every code)
    lines: Vec<(usize, Option<Code>)>,
    /// (start offset, end offset, code or None)
    regions: Vec<(usize, usize, Option<Code>)>,
}

impl Suppressions {
    fn new(draft: &Draft<'_>) -> Self {
        let mut lines = Vec::new();
        let mut regions = Vec::new();
        let mut open: Vec<(usize, Option<Code>)> = Vec::new();
        for suppression in &draft.suppressions {
            let codes: Vec<Option<Code>> = if suppression.codes.is_empty() {
                vec![None]
            } else {
                suppression
                    .codes
                    .iter()
                    .filter_map(|name| name.parse::<Code>().ok())
                    .map(Some)
                    .collect()
            };
            let line = draft.lines.line_of(suppression.range.start());
            match suppression.kind {
                SuppressionKind::DisableNextLine => {
                    let end_line = draft.lines.line_of(suppression.range.end());
                    let next = next_nonblank_line(draft, end_line + 1);
                    lines.extend(codes.iter().map(|code| (next, *code)));
                }
                SuppressionKind::DisableLine => {
                    lines.extend(codes.iter().map(|code| (line, *code)));
                }
                SuppressionKind::Disable => {
                    open.extend(codes.iter().map(|code| (suppression.range.end(), *code)));
                }
                SuppressionKind::Enable => {
                    open.retain(|(start, code)| {
                        let closes = codes.contains(&None) || codes.contains(code);
                        if closes {
                            regions.push((*start, suppression.range.start(), *code));
                        }
                        !closes
                    });
                }
            }
        }
        regions.extend(
            open.into_iter()
                .map(|(start, code)| (start, usize::MAX, code)),
        );
        Suppressions { lines, regions }
    }

    fn silences(&self, draft: &Draft<'_>, diagnostic: &Diagnostic) -> bool {
        let applies = |code: &Option<Code>| code.is_none_or(|code| code == diagnostic.code);
        let line = draft.lines.line_of(diagnostic.range.start);
        self.lines
            .iter()
            .any(|(silenced, code)| *silenced == line && applies(code))
            || self.regions.iter().any(|(start, end, code)| {
                *start <= diagnostic.range.start && diagnostic.range.start < *end && applies(code)
            })
    }
}

fn next_nonblank_line(draft: &Draft<'_>, from: usize) -> usize {
    let mut line = from;
    while line < draft.lines.line_count() {
        let range = draft.lines.line_range(draft.text, line);
        if !draft.slice(&range).trim().is_empty() {
            return line;
        }
        line += 1;
    }
    from
}
