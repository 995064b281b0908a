//! The edit that silences one finding with an inline comment (DESIGN.md §3).

use crate::diagnostic::{Code, Edit};
use crate::syntax::LineIndex;

/// The edit that silences the finding of `code` starting at byte `start` of `text`: a comment
/// line before the line it starts on when that line opens its paragraph, else a comment at the
/// end of the line (a comment line inside a paragraph would split it).
pub fn disable_comment(text: &str, lines: &LineIndex, code: Code, start: usize) -> Edit {
    let line = lines.line_of(start);
    let line_range = lines.line_range(text, line);
    let line_text = text.get(line_range.clone()).unwrap_or("");
    let previous_blank = line == 0
        || text
            .get(lines.line_range(text, line - 1))
            .is_none_or(|previous| previous.trim().is_empty());
    let opens_paragraph = previous_blank
        || line_text.trim_start().starts_with(|character: char| {
            character.is_ascii_digit() || character == '*' || character == '_' || character == '('
        });
    if opens_paragraph {
        let ending = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let indent = &line_text[..line_text.len() - line_text.trim_start().len()];
        Edit::new(
            line_range.start..line_range.start,
            format!("{indent}<!-- resolution-ls: disable-next-line {code} -->{ending}"),
        )
    } else {
        Edit::new(
            line_range.end..line_range.end,
            format!(" <!-- resolution-ls: disable-line {code} -->"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::config::Config;
    use crate::fix::apply_edits;

    /// Silence each finding of `text` in turn: the comment silences that finding and no other,
    /// and adds none.
    fn silence_each(text: &str) {
        let config = Config::default();
        let found = analyze(text, &config);
        assert!(!found.is_empty(), "the excerpt has no finding to silence");
        let lines = LineIndex::new(text);
        for diagnostic in &found {
            let edit = disable_comment(text, &lines, diagnostic.code, diagnostic.range.start);
            let silenced = apply_edits(text, &[edit]);
            let after: Vec<Code> = analyze(&silenced, &config)
                .iter()
                .map(|diagnostic| diagnostic.code)
                .collect();
            let mut expected: Vec<Code> = found.iter().map(|other| other.code).collect();
            if let Some(position) = expected.iter().position(|code| *code == diagnostic.code) {
                expected.remove(position);
            }
            assert_eq!(
                after, expected,
                "silencing {}:\n{silenced}",
                diagnostic.code
            );
        }
    }

    #[test]
    fn a_comment_line_goes_before_a_paragraph_that_the_finding_opens() {
        let text = "*The General Assembly,*\n\n1. *Urges* States to act;\n\n3. *Decides* to remain seized of the matter.\n";
        let config = Config::default();
        let found = analyze(text, &config);
        let lines = LineIndex::new(text);
        let misnumbered = found
            .iter()
            .find(|diagnostic| diagnostic.code == Code::MisnumberedParagraph);
        let Some(misnumbered) = misnumbered else {
            panic!("no misnumbered-paragraph finding in {found:?}");
        };
        let edit = disable_comment(text, &lines, misnumbered.code, misnumbered.range.start);
        assert_eq!(
            apply_edits(text, &[edit]),
            text.replace(
                "3. *Decides*",
                "<!-- resolution-ls: disable-next-line misnumbered-paragraph -->\n3. *Decides*"
            )
        );
        silence_each(text);
    }

    #[test]
    fn inside_a_paragraph_the_comment_ends_the_line() {
        let text = "*The General Assembly,*\n\n1. *Urges* States to act in accordance with\nresolution 70/1<sup>1</sup>;\n\n2. *Decides* to remain seized of the matter.\n";
        let config = Config::default();
        let found = analyze(text, &config);
        let Some(dangling) = found
            .iter()
            .find(|diagnostic| diagnostic.code == Code::DanglingFootnote)
        else {
            panic!("no dangling-footnote finding in {found:?}");
        };
        let lines = LineIndex::new(text);
        let edit = disable_comment(text, &lines, dangling.code, dangling.range.start);
        assert_eq!(
            apply_edits(text, &[edit]),
            text.replace(
                "<sup>1</sup>;",
                "<sup>1</sup>; <!-- resolution-ls: disable-line dangling-footnote -->"
            )
        );
        silence_each(text);
    }

    #[test]
    fn crlf_texts_get_a_crlf_comment_line() {
        let text = "*The General Assembly,*\r\n\r\n1. *Urges* States to act;\r\n\r\n3. *Decides* to remain seized of the matter.\r\n";
        let lines = LineIndex::new(text);
        let start = text.find("3.").unwrap_or_default();
        let edit = disable_comment(text, &lines, Code::MisnumberedParagraph, start);
        assert!(edit.replacement.ends_with("-->\r\n"), "{edit:?}");
        silence_each(text);
    }
}
