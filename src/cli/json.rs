//! `--format json`: one JSON array of findings.
//!
//! Each item is
//! `{"path", "line", "column", "end_line", "end_column", "severity", "code", "message", "fix"}`;
//! lines and columns are 1-based and columns count characters (Unicode scalar values), the
//! end is exclusive. `severity` is `error`, `warning`, `information` or `hint`. `fix` is `null`
//! or `{"title": "...", "edits": [{"line", "column", "end_line", "end_column", "replacement"}]}`,
//! each edit replacing its range (same units, in the text as it was checked) with
//! `replacement`. A byte-order mark is not counted in columns.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::syntax::{ColumnUnit, LineIndex};

#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    path: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    severity: &'static str,
    code: &'static str,
    message: &'a str,
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    /// `safe` (keeps every word; `--fix` applies it) or `unsafe` (puts a different word in;
    /// only `--fix --unsafe-fixes` applies it).
    applicability: &'static str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    replacement: &'a str,
}

/// 1-based line and character column of the start and end of `range`.
struct Span {
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
}

fn span(text: &str, index: &LineIndex, range: &std::ops::Range<usize>) -> Span {
    let start = index.line_col(text, range.start, ColumnUnit::Char);
    let end = index.line_col(text, range.end.max(range.start), ColumnUnit::Char);
    Span {
        line: start.line + 1,
        column: start.column + 1,
        end_line: end.line + 1,
        end_column: end.column + 1,
    }
}

impl<'a> JsonDiagnostic<'a> {
    pub fn new(path: &'a str, text: &str, index: &LineIndex, diagnostic: &'a Diagnostic) -> Self {
        let Span {
            line,
            column,
            end_line,
            end_column,
        } = span(text, index, &diagnostic.range);
        JsonDiagnostic {
            path,
            line,
            column,
            end_line,
            end_column,
            severity: diagnostic.severity.as_str(),
            code: diagnostic.code.as_str(),
            message: &diagnostic.message,
            fix: diagnostic
                .fix
                .as_ref()
                .map(|fix| JsonFix::new(fix, text, index)),
        }
    }
}

impl<'a> JsonFix<'a> {
    fn new(fix: &'a Fix, text: &str, index: &LineIndex) -> Self {
        JsonFix {
            title: &fix.title,
            applicability: fix.applicability.as_str(),
            edits: fix
                .edits
                .iter()
                .map(|edit| JsonEdit::new(edit, text, index))
                .collect(),
        }
    }
}

impl<'a> JsonEdit<'a> {
    fn new(edit: &'a Edit, text: &str, index: &LineIndex) -> Self {
        let Span {
            line,
            column,
            end_line,
            end_column,
        } = span(text, index, &edit.range);
        JsonEdit {
            line,
            column,
            end_line,
            end_column,
            replacement: &edit.replacement,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    #[test]
    fn items_have_exactly_the_documented_shape() -> Result<(), serde_json::Error> {
        let text = "é😀 *Urge*\n";
        let start = text.find('*').unwrap_or(0);
        let diagnostic =
            Diagnostic::new(Code::NonstandardOpener, start..start + 6, "Use `*Urges*`.").with_fix(
                Fix::new(
                    "Replace with `*Urges*`",
                    vec![Edit::new(start..start + 6, "*Urges*")],
                ),
            );
        let index = LineIndex::new(text);
        let value = serde_json::to_value(JsonDiagnostic::new("a.md", text, &index, &diagnostic))?;
        assert_eq!(
            value,
            serde_json::json!({
                "path": "a.md", "line": 1, "column": 4, "end_line": 1, "end_column": 10,
                "severity": "warning", "code": "nonstandard-opener", "message": "Use `*Urges*`.",
                "fix": {"title": "Replace with `*Urges*`", "applicability": "safe", "edits": [
                    {"line": 1, "column": 4, "end_line": 1, "end_column": 10, "replacement": "*Urges*"}
                ]}
            })
        );
        let keys: Vec<String> =
            serde_json::to_string(&JsonDiagnostic::new("a.md", text, &index, &diagnostic))?
                .split("\":")
                .filter_map(|piece| piece.rsplit('"').next().map(str::to_string))
                .take(9)
                .collect();
        assert_eq!(
            keys,
            [
                "path",
                "line",
                "column",
                "end_line",
                "end_column",
                "severity",
                "code",
                "message",
                "fix"
            ]
        );
        Ok(())
    }
}
