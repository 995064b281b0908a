//! The text report: each finding as `path:line:column: severity[code]: message`, the source
//! line with carets under the range and the fix as `help:`, in the style of rustc and ruff;
//! then a summary line.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use unicode_width::UnicodeWidthChar;

use crate::diagnostic::{Diagnostic, Severity};
use crate::syntax::{ColumnUnit, LineIndex, floor_char_boundary};

/// Source lines wider than this many terminal columns are cut around the finding.
const MAX_SNIPPET_WIDTH: usize = 100;
/// How many columns of a long line are kept before the start of the finding.
const CONTEXT_BEFORE: usize = 30;
/// How many characters of a line are read on each side of the start of a finding: twice what
/// a snippet shows, for the characters that take no column (combining marks).
const WINDOW_CHARACTERS: usize = 2 * MAX_SNIPPET_WIDTH;
/// The columns a tab takes in a snippet.
const TAB_WIDTH: usize = 4;

/// The styles of the report; all plain when colour is off.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    error: Style,
    warning: Style,
    information: Style,
    hint: Style,
    emphasis: Style,
    gutter: Style,
    help: Style,
}

impl Palette {
    pub fn new(colored: bool) -> Palette {
        if !colored {
            let plain = Style::new();
            return Palette {
                error: plain,
                warning: plain,
                information: plain,
                hint: plain,
                emphasis: plain,
                gutter: plain,
                help: plain,
            };
        }
        let color = |color: AnsiColor| Style::new().fg_color(Some(color.into())).bold();
        Palette {
            error: color(AnsiColor::Red),
            warning: color(AnsiColor::Yellow),
            information: color(AnsiColor::Blue),
            hint: color(AnsiColor::Cyan),
            emphasis: Style::new().bold(),
            gutter: color(AnsiColor::Blue),
            help: color(AnsiColor::Green),
        }
    }

    pub fn severity(&self, severity: Severity) -> Style {
        match severity {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
            Severity::Information => self.information,
            Severity::Hint => self.hint,
        }
    }

    pub fn emphasis(&self) -> Style {
        self.emphasis
    }

    pub fn help(&self) -> Style {
        self.help
    }
}

/// Append one finding to `out`, followed by a blank line.
pub fn render_diagnostic(
    out: &mut String,
    shown: &str,
    text: &str,
    index: &LineIndex,
    diagnostic: &Diagnostic,
    palette: &Palette,
) {
    let start = index.line_col(text, diagnostic.range.start, ColumnUnit::Char);
    let severity_style = palette.severity(diagnostic.severity);
    let emphasis = palette.emphasis;
    let _ = writeln!(
        out,
        "{emphasis}{shown}:{}:{}:{emphasis:#} {severity_style}{}[{}]{severity_style:#}: {}",
        start.line + 1,
        start.column + 1,
        diagnostic.severity,
        diagnostic.code,
        diagnostic.message,
    );
    let snippet = Snippet::new(text, index, diagnostic.range.clone());
    let line_number = (start.line + 1).to_string();
    let pad = " ".repeat(line_number.len());
    let gutter = palette.gutter;
    let _ = writeln!(out, "{gutter}{pad} |{gutter:#}");
    let _ = writeln!(
        out,
        "{}",
        format!("{gutter}{line_number} |{gutter:#} {}", snippet.source).trim_end()
    );
    let _ = writeln!(
        out,
        "{gutter}{pad} |{gutter:#} {}{severity_style}{}{severity_style:#}",
        " ".repeat(snippet.caret_offset),
        "^".repeat(snippet.caret_width)
    );
    if let Some(fix) = &diagnostic.fix {
        let help = palette.help;
        let caution = if fix.is_safe() {
            ""
        } else {
            " (unsafe fix: it puts a different word in; --fix applies it only with --unsafe-fixes)"
        };
        let _ = writeln!(
            out,
            "{gutter}{pad} ={gutter:#} {help}help{help:#}: {}{caution}",
            fix.title
        );
    }
    out.push('\n');
}

/// A source line as shown in a terminal, and where the carets go under it.
#[derive(Debug, PartialEq, Eq)]
struct Snippet {
    source: String,
    /// Columns of spaces before the first caret.
    caret_offset: usize,
    caret_width: usize,
}

impl Snippet {
    /// The first line of `range`, underlined from the range's start to its end or, when the
    /// range runs on, to the end of that line. Tabs are expanded, control characters shown as
    /// `�`, wide characters take two columns and combining marks none; a line too wide for a
    /// terminal is cut around the range, the cuts marked with `…`.
    fn new(text: &str, index: &LineIndex, range: std::ops::Range<usize>) -> Snippet {
        let start = floor_char_boundary(text, range.start);
        let end = floor_char_boundary(text, range.end).max(start);
        let line = index.line_of(start);
        let line_range = index.line_range(text, line);
        let line_text = text.get(line_range.clone()).unwrap_or("");
        // Only the characters around the start are read, enough to fill a snippet: on a long
        // line, each finding reads the same few hundred, not the whole line.
        let start_in_line = start.clamp(line_range.start, line_range.end) - line_range.start;
        let window_start = line_text[..start_in_line]
            .char_indices()
            .rev()
            .nth(WINDOW_CHARACTERS - 1)
            .map_or(0, |(byte, _)| byte);
        let window_end = line_text[start_in_line..]
            .char_indices()
            .nth(WINDOW_CHARACTERS)
            .map_or(line_text.len(), |(byte, _)| start_in_line + byte);
        let cut_before = window_start > 0;
        let cut_after = window_end < line_text.len();
        let window = &line_text[window_start..window_end];
        let cells: Vec<(String, usize)> = window.chars().map(display_cell).collect();
        let start_cell = line_text[window_start..start_in_line].chars().count();
        let end_cell = if index.line_of(end) == line {
            let end_in_line = (end - line_range.start).clamp(start_in_line, window_end);
            line_text[window_start..end_in_line].chars().count()
        } else {
            cells.len()
        };

        let mut columns_before = Vec::with_capacity(cells.len() + 1);
        let mut column = 0;
        for (_, width) in &cells {
            columns_before.push(column);
            column += width;
        }
        columns_before.push(column);
        let total_width = column;
        let caret_start = columns_before[start_cell];
        let caret_width = (columns_before[end_cell] - caret_start).max(1);

        if total_width <= MAX_SNIPPET_WIDTH && !cut_before && !cut_after {
            return Snippet {
                source: cells.into_iter().map(|(shown, _)| shown).collect(),
                caret_offset: caret_start,
                caret_width,
            };
        }
        let left = caret_start
            .saturating_sub(CONTEXT_BEFORE)
            .min(total_width.saturating_sub(MAX_SNIPPET_WIDTH));
        let right = left + MAX_SNIPPET_WIDTH;
        let first = columns_before.partition_point(|&column| column < left);
        let last = cells
            .iter()
            .enumerate()
            .skip(first)
            .take_while(|(cell, (_, width))| columns_before[*cell] + width <= right)
            .count()
            + first;
        let mut source = String::new();
        let mut caret_offset = caret_start - columns_before[first].min(caret_start);
        if first > 0 || cut_before {
            source.push('…');
            caret_offset += 1;
        }
        source.extend(cells[first..last].iter().map(|(shown, _)| shown.as_str()));
        if last < cells.len() || cut_after {
            source.push('…');
        }
        let visible_end = columns_before[last].max(caret_start + 1);
        Snippet {
            source,
            caret_offset,
            caret_width: caret_width.min(visible_end - caret_start),
        }
    }
}

fn display_cell(character: char) -> (String, usize) {
    match character {
        '\t' => (" ".repeat(TAB_WIDTH), TAB_WIDTH),
        character if character.is_control() => ('\u{FFFD}'.to_string(), 1),
        character => (character.to_string(), character.width().unwrap_or(0)),
    }
}

/// What a run found, for the summary line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
    pub information: usize,
    pub hints: usize,
    pub files_checked: usize,
    pub files_with_findings: usize,
    /// Findings with a safe fix, which `--fix` applies.
    pub fixable: usize,
    /// Findings whose fix is unsafe, which only `--fix --unsafe-fixes` applies.
    pub fixable_unsafely: usize,
    /// Inputs that could not be read, decoded or written.
    pub failed: usize,
}

impl Tally {
    pub fn add(&mut self, diagnostics: &[Diagnostic]) {
        self.files_checked += 1;
        if !diagnostics.is_empty() {
            self.files_with_findings += 1;
        }
        for diagnostic in diagnostics {
            match diagnostic.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Information => self.information += 1,
                Severity::Hint => self.hints += 1,
            }
            match &diagnostic.fix {
                Some(fix) if fix.edits.is_empty() => {}
                Some(fix) if fix.is_safe() => self.fixable += 1,
                Some(_) => self.fixable_unsafely += 1,
                None => {}
            }
        }
    }

    /// "3 errors, 2 warnings in 1 of 4 files; 4 fixable with --fix."; `offer_fix` adds the
    /// fixable clause. Inputs that failed are counted in a sentence of their own.
    pub fn summary(&self, offer_fix: bool) -> String {
        let mut line = self.findings_sentence(offer_fix);
        if self.failed > 0 {
            let failed = plural(self.failed, "file", "files");
            if line.is_empty() {
                line = format!("{failed} could not be checked.");
            } else {
                let _ = write!(line, " {failed} could not be checked.");
            }
        }
        line
    }

    fn findings_sentence(&self, offer_fix: bool) -> String {
        if self.files_checked == 0 {
            return if self.failed == 0 {
                "No drafts found to check.".to_string()
            } else {
                String::new()
            };
        }
        let files = |count: usize| plural(count, "file", "files");
        if self.files_with_findings == 0 {
            return format!("No findings in {}.", files(self.files_checked));
        }
        let counts: Vec<String> = [
            (self.errors, "error", "errors"),
            (self.warnings, "warning", "warnings"),
            (self.information, "information", "information"),
            (self.hints, "hint", "hints"),
        ]
        .into_iter()
        .filter(|(count, _, _)| *count > 0)
        .map(|(count, one, many)| plural(count, one, many))
        .collect();
        let place = if self.files_with_findings == self.files_checked {
            files(self.files_checked)
        } else {
            format!(
                "{} of {}",
                self.files_with_findings,
                files(self.files_checked)
            )
        };
        let mut line = format!("{} in {place}", counts.join(", "));
        if offer_fix {
            match (self.fixable, self.fixable_unsafely) {
                (0, 0) => {}
                (safe, 0) => {
                    let _ = write!(line, "; {safe} fixable with --fix");
                }
                (0, unsafely) => {
                    let _ = write!(line, "; {unsafely} fixable with --fix --unsafe-fixes");
                }
                (safe, unsafely) => {
                    let _ = write!(
                        line,
                        "; {safe} fixable with --fix, {unsafely} more with --unsafe-fixes"
                    );
                }
            }
        }
        line.push('.');
        line
    }
}

/// "Fixed 3 findings in x.md: Renumber ...; Replace with `*Urges*`." (`verb` is "Fixed" or
/// "Would fix"). Repeated titles are counted rather than repeated.
pub fn fixes_line(verb: &str, shown: &str, titles: &[String]) -> String {
    let mut distinct: Vec<(&str, usize)> = Vec::new();
    for title in titles {
        match distinct
            .iter_mut()
            .find(|(seen, _)| *seen == title.as_str())
        {
            Some((_, count)) => *count += 1,
            None => distinct.push((title.as_str(), 1)),
        }
    }
    let listed: Vec<String> = distinct
        .into_iter()
        .map(|(title, count)| {
            if count > 1 {
                format!("{title} (×{count})")
            } else {
                title.to_string()
            }
        })
        .collect();
    format!(
        "{verb} {} in {shown}: {}.",
        plural(titles.len(), "finding", "findings"),
        listed.join("; ")
    )
}

pub fn plural(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Code, Edit, Fix};

    fn snippet(text: &str, range: std::ops::Range<usize>) -> (String, String) {
        let snippet = Snippet::new(text, &LineIndex::new(text), range);
        (
            snippet.source,
            format!(
                "{}{}",
                " ".repeat(snippet.caret_offset),
                "^".repeat(snippet.caret_width)
            ),
        )
    }

    fn at(text: &str, needle: &str) -> std::ops::Range<usize> {
        let start = text.find(needle).unwrap_or(0);
        start..start + needle.len()
    }

    #[test]
    fn a_finding_is_rendered_with_its_line_carets_and_help() {
        let text = "*The General Assembly,*\n\n1. *Decides* to act;\n\n3. *Requests* more.\n";
        let diagnostic = Diagnostic::new(
            Code::MisnumberedParagraph,
            at(text, "3."),
            "Paragraph 2 is numbered 3.",
        )
        .with_fix(Fix::new(
            "Renumber the operative paragraphs",
            vec![Edit::new(at(text, "3"), "2")],
        ));
        let mut out = String::new();
        render_diagnostic(
            &mut out,
            "a.md",
            text,
            &LineIndex::new(text),
            &diagnostic,
            &Palette::new(false),
        );
        assert_eq!(
            out,
            "a.md:5:1: error[misnumbered-paragraph]: Paragraph 2 is numbered 3.\n  |\n5 | 3. *Requests* more.\n  | ^^\n  = help: Renumber the operative paragraphs\n\n"
        );
    }

    #[test]
    fn colour_wraps_the_severity_only_when_asked() {
        let text = "x\n";
        let diagnostic = Diagnostic::new(Code::DanglingFootnote, 0..1, "Message.");
        let mut coloured = String::new();
        render_diagnostic(
            &mut coloured,
            "a.md",
            text,
            &LineIndex::new(text),
            &diagnostic,
            &Palette::new(true),
        );
        assert!(coloured.contains("\u{1b}["));
        let mut plain = String::new();
        render_diagnostic(
            &mut plain,
            "a.md",
            text,
            &LineIndex::new(text),
            &diagnostic,
            &Palette::new(false),
        );
        assert!(!plain.contains('\u{1b}'));
    }

    #[test]
    fn carets_count_terminal_columns() {
        assert_eq!(
            snippet("\tA 😀 é x", at("\tA 😀 é x", "x")),
            ("    A 😀 é x".to_string(), "           ^".to_string())
        );
        let combining = "e\u{301}e\u{301} x";
        assert_eq!(snippet(combining, at(combining, "x")).1, "   ^");
        let wide = "漢字 wrong";
        assert_eq!(snippet(wide, at(wide, "字")).1, "  ^^");
    }

    #[test]
    fn empty_and_end_of_line_ranges_get_one_caret() {
        assert_eq!(snippet("abc\n", 1..1).1, " ^");
        assert_eq!(snippet("abc\n", 3..3).1, "   ^");
    }

    #[test]
    fn a_range_over_several_lines_is_underlined_to_the_end_of_the_first() {
        let text = "first line\nsecond line\n";
        assert_eq!(
            snippet(text, 6..text.len()),
            ("first line".to_string(), "      ^^^^".to_string())
        );
        assert_eq!(
            snippet("ab\r\ncd", 1..5),
            ("ab".to_string(), " ^".to_string())
        );
    }

    #[test]
    fn control_characters_are_not_sent_to_the_terminal() {
        assert_eq!(snippet("a\u{1b}[31mb", 0..1).0, "a\u{FFFD}[31mb");
    }

    #[test]
    fn long_lines_are_cut_around_the_finding() {
        let text = format!("{}TARGET{}", "a".repeat(200), "b".repeat(200));
        let (source, carets) = snippet(&text, at(&text, "TARGET"));
        assert!(source.starts_with('…') && source.ends_with('…'));
        assert_eq!(source.chars().count(), MAX_SNIPPET_WIDTH + 2);
        let caret_column = carets.find('^').unwrap_or(0);
        assert_eq!(
            source
                .chars()
                .skip(caret_column)
                .take(6)
                .collect::<String>(),
            "TARGET"
        );
        assert_eq!(carets.trim_start(), "^^^^^^");
        let near_end = format!("{}END", "a".repeat(300));
        let (source, carets) = snippet(&near_end, at(&near_end, "END"));
        assert!(source.starts_with('…') && source.ends_with("END"));
        assert_eq!(carets.len() - 3, source.chars().count() - 3);
    }

    #[test]
    fn a_finding_deep_in_a_long_line_is_shown_as_on_a_shorter_one() {
        let line = |side: usize| format!("é{}TARGET{}", "a".repeat(side), "b".repeat(side));
        let (long, short) = (line(100_000), line(300));
        assert_eq!(
            snippet(&long, at(&long, "TARGET")),
            snippet(&short, at(&short, "TARGET"))
        );
        let end = |side: usize| format!("{}é END", "a".repeat(side));
        let (long, short) = (end(100_000), end(300));
        assert_eq!(
            snippet(&long, at(&long, "END")),
            snippet(&short, at(&short, "END"))
        );
        // A range that runs past what is read is underlined to the end of what is shown.
        let (source, carets) = snippet(&long, 50_000..long.len());
        assert!(source.starts_with('…') && source.ends_with('…'));
        assert_eq!(
            carets.trim_start().len(),
            MAX_SNIPPET_WIDTH - CONTEXT_BEFORE
        );
    }

    #[test]
    fn summaries_count_by_severity_and_file() {
        let mut tally = Tally::default();
        let error = Diagnostic::new(Code::MisnumberedParagraph, 0..1, "m")
            .with_fix(Fix::new("Renumber", vec![Edit::new(0..1, "2")]));
        let warning = Diagnostic::new(Code::NonstandardOpener, 0..1, "m");
        tally.add(&[error.clone(), error, warning]);
        tally.add(&[]);
        assert_eq!(
            tally.summary(true),
            "2 errors, 1 warning in 1 of 2 files; 2 fixable with --fix."
        );
        assert_eq!(tally.summary(false), "2 errors, 1 warning in 1 of 2 files.");
        assert_eq!(Tally::default().summary(true), "No drafts found to check.");
        let mut clean = Tally::default();
        clean.add(&[]);
        assert_eq!(clean.summary(true), "No findings in 1 file.");
        clean.failed = 2;
        assert_eq!(
            clean.summary(true),
            "No findings in 1 file. 2 files could not be checked."
        );
        let only_failures = Tally {
            failed: 1,
            ..Tally::default()
        };
        assert_eq!(only_failures.summary(true), "1 file could not be checked.");
    }

    #[test]
    fn fix_lines_count_repeated_titles() {
        let titles = vec![
            "Renumber".to_string(),
            "Add `;`".to_string(),
            "Add `;`".to_string(),
        ];
        assert_eq!(
            fixes_line("Fixed", "x.md", &titles),
            "Fixed 3 findings in x.md: Renumber; Add `;` (×2)."
        );
    }
}
