//! [`Document`] to `.docx` with docx-rs, in the layout of a printed United Nations resolution
//! or of a manuscript for submission; with a base document, every difference as Word tracked
//! changes.

use std::collections::HashSet;
use std::io::Cursor;

use docx_rs::{
    AlignmentType, BreakType, Delete, Docx, Footnote as WordFootnote, Insert, LineSpacing,
    LineSpacingType, MoveFrom, MoveTo, PageMargin, Paragraph, Run, RunFonts, SpecialIndentType,
    Style, StyleType, Tab, TabValueType, VertAlignType,
};

use super::diff::{self, Change, Piece, TrackedBlock};
use super::document::{Document, Role};

/// Which page layout to write.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Layout {
    /// As the United Nations prints resolutions: Times New Roman 10 pt, footnotes 9 pt.
    #[default]
    Printed,
    /// The form for submitting a draft: 12 pt, double spacing.
    Manuscript,
}

/// How to write the document.
#[derive(Clone, Debug)]
pub struct ExportOptions {
    pub layout: Layout,
    /// Who made the tracked changes.
    pub author: String,
    /// When, as an ISO 8601 date and time (`2026-12-03T00:00:00Z`).
    pub date: String,
    /// The base document's own styles and page setup, to use instead of the built-in ones.
    pub base_layout: Option<BaseLayout>,
}

/// What a `.docx` base lends the export: its `styles.xml` (the styles this export needs and the
/// base lacks are added to it) and its page setup (`w:sectPr`, without header and footer
/// references, whose parts are not carried over).
#[derive(Clone, Debug, Default)]
pub struct BaseLayout {
    pub styles: String,
    pub section: Option<String>,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            layout: Layout::Printed,
            author: "resolution-ls".to_string(),
            date: "1970-01-01T00:00:00Z".to_string(),
            base_layout: None,
        }
    }
}

/// Why no document was written.
#[derive(Debug)]
pub struct ExportError(pub String);

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ExportError {}

/// Twentieths of a point: the unit of Word's indents and spacing.
const CENTIMETRE: i32 = 567;
/// The text block stands this far in from the page margins, the masthead does not.
const BODY_INDENT: i32 = 2 * CENTIMETRE;
/// Each step of indentation: a preambular paragraph's first line, an operative number's
/// hanging indent, a subparagraph level.
const STEP: i32 = CENTIMETRE;

/// The document as a `.docx` file.
pub fn export(document: &Document, options: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    let blocks = diff::untracked(document);
    write(&blocks, options)
}

/// The draft as a `.docx` file whose tracked changes, accepted, give `draft` and, rejected,
/// give `base`.
pub fn export_tracked(
    base: &Document,
    draft: &Document,
    options: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    let blocks = diff::tracked(base, draft);
    write(&blocks, options)
}

fn write(blocks: &[TrackedBlock], options: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    let (size, footnote_size, spacing) = match options.layout {
        Layout::Printed => (
            20,
            18,
            LineSpacing::new()
                .line(240)
                .line_rule(LineSpacingType::Auto)
                .after(120),
        ),
        Layout::Manuscript => (
            24,
            24,
            LineSpacing::new()
                .line(480)
                .line_rule(LineSpacingType::Auto)
                .after(0),
        ),
    };
    let fonts = RunFonts::new()
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
        .cs("Times New Roman")
        .east_asia("Times New Roman");
    let mut docx = Docx::new()
        .default_fonts(fonts)
        .default_size(size)
        .default_line_spacing(spacing)
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(1440)
                .bottom(1440)
                .left(1134)
                .right(1134)
                .header(720)
                .footer(720),
        );
    for style in styles(footnote_size) {
        docx = docx.add_style(style);
    }
    let mut writer = Writer {
        options,
        next_footnote: 1,
        next_number: 1,
        custom_marks: Vec::new(),
        referenced: HashSet::new(),
    };
    for block in blocks {
        docx = docx.add_paragraph(writer.paragraph(block));
    }
    let mut xml = docx.build();
    xml.document =
        mark_custom_references(&replace_placeholders(&xml.document), &writer.custom_marks);
    xml.document = move_ranges(&xml.document, options);
    xml.footnotes = replace_placeholders(&xml.footnotes);
    if let Some(base) = &options.base_layout {
        xml.styles = merge_styles(&base.styles, &String::from_utf8_lossy(&xml.styles)).into_bytes();
        if let Some(section) = &base.section {
            xml.document =
                replace_section(&String::from_utf8_lossy(&xml.document), section).into_bytes();
        }
    }
    let mut bytes = Cursor::new(Vec::new());
    xml.pack(&mut bytes)
        .map_err(|error| ExportError(format!("cannot assemble the Word document: {error}")))?;
    Ok(bytes.into_inner())
}

/// The base's styles, with each style of `ours` that the base does not define added at the end.
fn merge_styles(base: &str, ours: &str) -> String {
    let Some(end) = base.rfind("</w:styles>") else {
        return ours.to_string();
    };
    let mut added = String::new();
    let mut rest = ours;
    while let Some(start) = rest.find("<w:style w:type=") {
        let Some(length) = rest[start..].find("</w:style>") else {
            break;
        };
        let element = &rest[start..start + length + "</w:style>".len()];
        rest = &rest[start + length..];
        let id = element
            .split("w:styleId=\"")
            .nth(1)
            .and_then(|after| after.split('"').next())
            .unwrap_or("");
        if !id.is_empty() && !base.contains(&format!("w:styleId=\"{id}\"")) {
            added.push_str(element);
        }
    }
    format!("{}{}{}", &base[..end], added, &base[end..])
}

/// Our document with its page setup replaced by the base's.
fn replace_section(document: &str, section: &str) -> String {
    let (Some(start), Some(end)) = (document.rfind("<w:sectPr"), document.rfind("</w:sectPr>"))
    else {
        return document.to_string();
    };
    if end < start {
        return document.to_string();
    }
    format!(
        "{}{}{}",
        &document[..start],
        section,
        &document[end + "</w:sectPr>".len()..]
    )
}

/// A private-use character that stands for Word's footnote number inside a footnote, which
/// docx-rs cannot write; replaced by `<w:footnoteRef/>` in the XML.
const FOOTNOTE_NUMBER: char = '\u{F8F0}';

fn replace_placeholders(xml: &[u8]) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(xml) else {
        return xml.to_vec();
    };
    let placeholder = FOOTNOTE_NUMBER.to_string();
    if !text.contains(&placeholder) {
        return xml.to_vec();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(found) = rest.find(&placeholder) {
        // The placeholder is the whole text of a `<w:t ...>` element.
        let open = rest[..found].rfind("<w:t").unwrap_or(found);
        let close = rest[found..]
            .find("</w:t>")
            .map_or(found + placeholder.len(), |end| {
                found + end + "</w:t>".len()
            });
        out.push_str(&rest[..open]);
        out.push_str("<w:footnoteRef/>");
        rest = &rest[close..];
    }
    out.push_str(rest);
    out.into_bytes()
}

/// The bookmark ids and names that stand for move ranges.
const MOVE_RANGE_IDS: usize = 900_000;
const MOVE_MARK: &str = "resolution_ls_move";

/// Bookmarks named `resolution_ls_moveFrom_N` / `..._moveTo_N` become Word's move ranges
/// (`w:moveFromRangeStart` ... `w:moveFromRangeEnd`), named `moveN` on both sides, which is how
/// Word ties a move's two places together.
fn move_ranges(xml: &[u8], options: &ExportOptions) -> Vec<u8> {
    let text = String::from_utf8_lossy(xml);
    if !text.contains(MOVE_MARK) {
        return xml.to_vec();
    }
    let Ok(start) = regex::Regex::new(&format!(
        r#"<w:bookmarkStart w:id="(\d+)" w:name="{MOVE_MARK}(From|To)_(\d+)" />"#
    )) else {
        return xml.to_vec();
    };
    let mut ends = Vec::new();
    let replaced = start.replace_all(&text, |captures: &regex::Captures<'_>| {
        ends.push((captures[1].to_string(), captures[2].to_string()));
        format!(
            r#"<w:move{side}RangeStart w:id="{id}" w:author="{author}" w:date="{date}" w:name="move{number}" />"#,
            side = &captures[2],
            id = &captures[1],
            author = escape_attribute(&options.author),
            date = escape_attribute(&options.date),
            number = &captures[3],
        )
    });
    let mut out = replaced.into_owned();
    for (id, side) in ends {
        out = out.replace(
            &format!(r#"<w:bookmarkEnd w:id="{id}" />"#),
            &format!(r#"<w:move{side}RangeEnd w:id="{id}" />"#),
        );
    }
    out.into_bytes()
}

fn escape_attribute(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Footnote references whose label is not the number Word would give them (a draft whose
/// footnotes are out of order, or labelled `*`) carry their label as a custom mark, so that
/// Word shows the footnotes as drafted.
fn mark_custom_references(xml: &[u8], ids: &[usize]) -> Vec<u8> {
    if ids.is_empty() {
        return xml.to_vec();
    }
    let mut text = String::from_utf8_lossy(xml).into_owned();
    for id in ids {
        text = text.replace(
            &format!("<w:footnoteReference w:id=\"{id}\" />"),
            &format!("<w:footnoteReference w:customMarkFollows=\"1\" w:id=\"{id}\" />"),
        );
    }
    text.into_bytes()
}

struct Writer<'a> {
    options: &'a ExportOptions,
    /// The id of the next Word footnote.
    next_footnote: usize,
    /// The number Word shows on the next automatically numbered footnote.
    next_number: usize,
    custom_marks: Vec<usize>,
    referenced: HashSet<String>,
}

impl Writer<'_> {
    fn paragraph(&mut self, block: &TrackedBlock) -> Paragraph {
        let mut paragraph = Paragraph::new().style(style_id(block.role, &block.plain));
        if let Some(alignment) = masthead_alignment(block) {
            paragraph = paragraph.align(alignment);
        }
        paragraph = match block.mark {
            Change::Same => paragraph,
            Change::Inserted | Change::MovedTo => {
                paragraph.insert(&self.options.author, &self.options.date)
            }
            Change::Deleted | Change::MovedFrom => {
                paragraph.delete(&self.options.author, &self.options.date)
            }
        };
        // A move's range: written as a bookmark, which docx-rs can write, and turned into
        // `w:moveFromRangeStart` and its kin in the XML.
        let move_range = block.move_id.map(|id| {
            let side = if block.mark == Change::MovedFrom {
                "From"
            } else {
                "To"
            };
            (
                MOVE_RANGE_IDS + id * 2 + usize::from(side == "To"),
                format!("{MOVE_MARK}{side}_{id}"),
            )
        });
        if let Some((range_id, name)) = &move_range {
            paragraph = paragraph.add_bookmark_start(*range_id, name);
        }
        let mut index = 0;
        while index < block.pieces.len() {
            let change = block.pieces[index].0;
            let mut runs = Vec::new();
            while let Some((piece_change, piece)) = block.pieces.get(index)
                && *piece_change == change
            {
                runs.push(self.run(piece, change));
                index += 1;
            }
            paragraph = self.add_runs(paragraph, runs, change);
        }
        if let Some((range_id, _)) = move_range {
            paragraph = paragraph.add_bookmark_end(range_id);
        }
        paragraph
    }

    fn add_runs(&self, mut paragraph: Paragraph, runs: Vec<Run>, change: Change) -> Paragraph {
        match change {
            Change::Same => {
                for run in runs {
                    paragraph = paragraph.add_run(run);
                }
                paragraph
            }
            Change::Inserted => {
                let mut insert = Insert::new_with_empty()
                    .author(&self.options.author)
                    .date(&self.options.date);
                for run in runs {
                    insert = insert.add_run(run);
                }
                paragraph.add_insert(insert)
            }
            Change::Deleted => {
                let mut delete = Delete::new()
                    .author(&self.options.author)
                    .date(&self.options.date);
                for run in runs {
                    delete = delete.add_run(run);
                }
                paragraph.add_delete(delete)
            }
            Change::MovedFrom => {
                let mut moved = MoveFrom::new()
                    .author(&self.options.author)
                    .date(&self.options.date);
                for run in runs {
                    moved = moved.add_run(run);
                }
                paragraph.add_move_from(moved)
            }
            Change::MovedTo => {
                let mut moved = MoveTo::new_with_empty()
                    .author(&self.options.author)
                    .date(&self.options.date);
                for run in runs {
                    moved = moved.add_run(run);
                }
                paragraph.add_move_to(moved)
            }
        }
    }

    fn run(&mut self, piece: &Piece, change: Change) -> Run {
        let add_text = |run: Run, text: &str| {
            if change == Change::Deleted {
                run.add_delete_text(text)
            } else {
                run.add_text(text)
            }
        };
        match piece {
            Piece::Text { text, emphasis } => {
                let mut run = add_text(Run::new(), text);
                if emphasis.italic {
                    run = run.italic();
                }
                if emphasis.bold {
                    run = run.bold();
                }
                run
            }
            Piece::Tab => Run::new().add_tab(),
            Piece::Break => Run::new().add_break(BreakType::TextWrapping),
            Piece::Superscript(label) => {
                let mut run = add_text(Run::new(), label);
                run.run_property = run.run_property.vert_align(VertAlignType::SuperScript);
                run
            }
            Piece::Note { label, body } => {
                self.referenced.insert(label.clone());
                let custom = *label != self.next_number.to_string();
                let id = self.next_footnote;
                self.next_footnote += 1;
                let mut content = Paragraph::new().style("FootnoteText");
                if custom {
                    self.custom_marks.push(id);
                    content =
                        content.add_run(Run::new().style("FootnoteReference").add_text(label));
                } else {
                    self.next_number += 1;
                    content = content.add_run(
                        Run::new()
                            .style("FootnoteReference")
                            .add_text(FOOTNOTE_NUMBER.to_string()),
                    );
                }
                content = content.add_run(Run::new().add_tab());
                let mut index = 0;
                while index < body.len() {
                    let body_change = body[index].0;
                    let mut runs = Vec::new();
                    while let Some((piece_change, piece)) = body.get(index)
                        && *piece_change == body_change
                    {
                        runs.push(self.run(piece, body_change));
                        index += 1;
                    }
                    content = self.add_runs(content, runs, body_change);
                }
                let footnote = WordFootnote {
                    id,
                    content: vec![content],
                };
                let reference = Run::new()
                    .style("FootnoteReference")
                    .add_footnote_reference(footnote);
                if custom {
                    add_text(reference, label)
                } else {
                    reference
                }
            }
        }
    }
}

/// The paragraph style for a block; masthead lines are told apart by what they say.
fn style_id(role: Role, plain: &str) -> &'static str {
    match role {
        Role::Masthead => {
            if is_title_like(plain) {
                "ResTitle"
            } else {
                "ResMasthead"
            }
        }
        Role::Organ => "ResOrgan",
        Role::Preambular => "ResPreambular",
        Role::Operative => "ResOperative",
        Role::Subparagraph(1) => "ResSubparagraph1",
        Role::Subparagraph(2) => "ResSubparagraph2",
        Role::Subparagraph(_) => "ResSubparagraph3",
        Role::Heading(0) => "ResSection",
        Role::Heading(1) => "Heading1",
        Role::Heading(2) => "Heading2",
        Role::Heading(3) => "Heading3",
        Role::Heading(4) => "Heading4",
        Role::Heading(5) => "Heading5",
        Role::Heading(_) => "Heading6",
        Role::Text => "ResText",
    }
}

/// `78/155. Implementation of ...`, `59/... The right to education`: a resolution's title line.
fn is_title_like(plain: &str) -> bool {
    let mut parts = plain.splitn(2, ". ");
    let (Some(number), Some(_)) = (parts.next(), parts.next()) else {
        return false;
    };
    number.contains('/')
        && number.len() <= 12
        && number
            .chars()
            .all(|character| character.is_ascii_alphanumeric() || "/.-".contains(character))
}

/// The symbol, distribution, date and original-language lines stand at the right, as on the
/// first page of a United Nations document.
fn masthead_alignment(block: &TrackedBlock) -> Option<AlignmentType> {
    if !matches!(block.role, Role::Masthead | Role::Heading(_)) || block.in_body {
        return None;
    }
    let text = block.plain.trim();
    let is_symbol = !text.contains(' ')
        && text.contains('/')
        && text
            .chars()
            .next()
            .is_some_and(|first| first.is_ascii_uppercase());
    let is_distribution = text.starts_with("Distr.") || text.starts_with("Original:");
    let is_date = {
        let words: Vec<&str> = text.split_whitespace().collect();
        words.len() == 3
            && words[0]
                .parse::<u8>()
                .is_ok_and(|day| (1..=31).contains(&day))
            && words[1].chars().next().is_some_and(char::is_uppercase)
            && words[2].len() == 4
            && words[2].parse::<u16>().is_ok()
    };
    (is_symbol || is_distribution || is_date).then_some(AlignmentType::Right)
}

fn styles(footnote_size: usize) -> Vec<Style> {
    let paragraph = |id: &str, name: &str| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
    };
    let body = |style: Style| style.align(AlignmentType::Both);
    let mut styles = vec![
        paragraph("ResMasthead", "Resolution masthead"),
        paragraph("ResTitle", "Resolution title")
            .bold()
            .size(26)
            .indent(Some(BODY_INDENT), None, Some(BODY_INDENT), None),
        paragraph("ResOrgan", "Resolution organ line")
            .italic()
            .indent(
                Some(BODY_INDENT),
                Some(SpecialIndentType::FirstLine(STEP)),
                Some(BODY_INDENT),
                None,
            ),
        body(paragraph(
            "ResPreambular",
            "Resolution preambular paragraph",
        ))
        .indent(
            Some(BODY_INDENT),
            Some(SpecialIndentType::FirstLine(STEP)),
            Some(BODY_INDENT),
            None,
        ),
        body(paragraph("ResText", "Resolution text")).indent(
            Some(BODY_INDENT),
            Some(SpecialIndentType::FirstLine(STEP)),
            Some(BODY_INDENT),
            None,
        ),
        paragraph("ResSection", "Resolution section heading")
            .bold()
            .align(AlignmentType::Center)
            .indent(Some(BODY_INDENT), None, Some(BODY_INDENT), None),
        paragraph("FootnoteText", "footnote text")
            .size(footnote_size)
            .indent(
                Some(BODY_INDENT),
                Some(SpecialIndentType::Hanging(STEP / 2)),
                Some(BODY_INDENT),
                None,
            )
            .line_spacing(
                LineSpacing::new()
                    .line(240)
                    .line_rule(LineSpacingType::Auto)
                    .after(0),
            ),
    ];
    for (depth, id, name) in [
        (0, "ResOperative", "Resolution operative paragraph"),
        (1, "ResSubparagraph1", "Resolution subparagraph"),
        (
            2,
            "ResSubparagraph2",
            "Resolution subparagraph, second degree",
        ),
        (
            3,
            "ResSubparagraph3",
            "Resolution subparagraph, third degree",
        ),
    ] {
        let left = BODY_INDENT + STEP * (depth + 1);
        let mut style = body(paragraph(id, name)).indent(
            Some(left),
            Some(SpecialIndentType::Hanging(STEP)),
            Some(BODY_INDENT),
            None,
        );
        // The text after the number or label starts at a tab stop where the hanging indent
        // ends.
        style.paragraph_property = style.paragraph_property.add_tab(
            Tab::new()
                .val(TabValueType::Left)
                .pos(usize::try_from(left).unwrap_or(0)),
        );
        styles.push(style);
    }
    for (level, size) in [(1, 32), (2, 28), (3, 24), (4, 22), (5, 20), (6, 20)] {
        styles.push(
            Style::new(format!("Heading{level}"), StyleType::Paragraph)
                .name(format!("heading {level}"))
                .based_on("Normal")
                .bold()
                .size(size)
                .outline_lvl(level - 1),
        );
    }
    let mut reference =
        Style::new("FootnoteReference", StyleType::Character).name("footnote reference");
    reference.run_property = reference
        .run_property
        .vert_align(VertAlignType::SuperScript);
    styles.push(reference);
    styles
}
