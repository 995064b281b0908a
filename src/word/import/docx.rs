//! `.docx` to [`Document`], with `zip` and quick-xml: paragraphs and their styles, italics and
//! bold (direct, from character styles, and italics from paragraph styles), Word's automatic
//! numbers computed from `numbering.xml`, footnotes from `footnotes.xml`, tracked changes
//! accepted.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use super::xml::{self, Element, Node};
use super::{ImportError, Imported};
use crate::word::document::{Block, Document, Emphasis, Footnote, Inline, Role};

/// Read a `.docx` file.
pub fn read(bytes: &[u8]) -> Result<Imported, ImportError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|error| {
        ImportError::Damaged(format!("the Word document cannot be unpacked ({error})"))
    })?;
    let document_xml = read_part(&mut archive, "word/document.xml")?.ok_or_else(|| {
        ImportError::NotADocument(
            "a zip archive without word/document.xml: not a Word document".to_string(),
        )
    })?;
    let styles = match read_part(&mut archive, "word/styles.xml")? {
        Some(part) => Styles::read(&parse_part(&part, "word/styles.xml")?),
        None => Styles::default(),
    };
    let numbering = match read_part(&mut archive, "word/numbering.xml")? {
        Some(part) => Numbering::read(&parse_part(&part, "word/numbering.xml")?),
        None => Numbering::default(),
    };
    let footnotes_root = match read_part(&mut archive, "word/footnotes.xml")? {
        Some(part) => Some(parse_part(&part, "word/footnotes.xml")?),
        None => None,
    };
    let root = parse_part(&document_xml, "word/document.xml")?;
    let mut notes_by_id: HashMap<String, &Element> = HashMap::new();
    if let Some(footnotes) = &footnotes_root {
        for note in footnotes
            .elements()
            .filter(|element| element.name == "footnote")
        {
            let is_separator = note.attribute("type").is_some_and(|kind| kind != "normal");
            if let (Some(id), false) = (note.attribute("id"), is_separator) {
                notes_by_id.insert(id.to_string(), note);
            }
        }
    }
    let mut reader = Reader {
        styles: &styles,
        numbering,
        notes_by_id,
        footnotes: Vec::new(),
        next_number: 1,
        insertions: 0,
        deletions: 0,
    };
    let body = root
        .child("body")
        .ok_or_else(|| ImportError::NotADocument("the document has no body".to_string()))?;
    let mut paragraphs = Vec::new();
    body.find_all("p", &mut paragraphs);
    let mut blocks: Vec<Block> = Vec::new();
    // A paragraph whose mark was deleted is one paragraph with the next, once the deletion is
    // accepted; a paragraph moved or deleted whole leaves nothing.
    let mut carried: Option<Block> = None;
    for paragraph in paragraphs {
        let (mut block, mark_deleted) = reader.paragraph(paragraph);
        if let Some(previous) = carried.take()
            && (!previous.inlines.is_empty() || previous.lead.is_some())
        {
            let mut inlines = previous.inlines;
            inlines.append(&mut block.inlines);
            block = Block {
                role: previous.role,
                lead: previous.lead.or(block.lead),
                inlines,
            };
        }
        if mark_deleted {
            carried = Some(block);
        } else if !block.inlines.is_empty() || block.lead.is_some() {
            blocks.push(block);
        }
    }
    if let Some(last) = carried
        && (!last.inlines.is_empty() || last.lead.is_some())
    {
        blocks.push(last);
    }
    for block in &mut blocks {
        tidy(&mut block.inlines);
    }
    blocks.retain(|block| !block.inlines.is_empty() || block.lead.is_some());
    let mut notes = Vec::new();
    if reader.insertions + reader.deletions > 0 {
        notes.push(format!(
            "accepted {} tracked insertion(s) and {} tracked deletion(s): the draft is the text \
             with every change accepted",
            reader.insertions, reader.deletions
        ));
    }
    Ok(Imported {
        document: Document {
            blocks,
            footnotes: reader.footnotes,
        },
        notes,
    })
}

/// The styles and page setup of a `.docx`, for an export that takes over its base's layout;
/// `None` when `bytes` is not a Word document.
pub fn base_layout(bytes: &[u8]) -> Option<crate::word::export::BaseLayout> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let styles = String::from_utf8(read_part(&mut archive, "word/styles.xml").ok()??).ok()?;
    let document = String::from_utf8(read_part(&mut archive, "word/document.xml").ok()??).ok()?;
    let section = match (document.rfind("<w:sectPr"), document.rfind("</w:sectPr>")) {
        (Some(start), Some(end)) if start < end => {
            let whole = &document[start..end + "</w:sectPr>".len()];
            // Header and footer references point at parts that are not carried over.
            let pattern = regex::Regex::new(r"<w:(?:header|footer)Reference[^>]*/>").ok()?;
            Some(pattern.replace_all(whole, "").into_owned())
        }
        _ => None,
    };
    Some(crate::word::export::BaseLayout { styles, section })
}

fn read_part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<Vec<u8>>, ImportError> {
    let mut file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(error) => {
            return Err(ImportError::Damaged(format!("cannot read {name}: {error}")));
        }
    };
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)
        .map_err(|error| ImportError::Damaged(format!("cannot read {name}: {error}")))?;
    Ok(Some(bytes))
}

fn parse_part(bytes: &[u8], name: &str) -> Result<Element, ImportError> {
    xml::parse(bytes).map_err(|error| ImportError::Damaged(format!("{name}: {error}")))
}

/// What a style says, with what it is based on.
#[derive(Debug, Default, Clone)]
struct StyleInfo {
    based_on: Option<String>,
    italic: Option<bool>,
    bold: Option<bool>,
    superscript: Option<bool>,
    heading_level: Option<u8>,
    numbering: Option<(String, usize)>,
}

#[derive(Debug, Default)]
struct Styles {
    by_id: HashMap<String, StyleInfo>,
}

impl Styles {
    fn read(root: &Element) -> Styles {
        let mut by_id = HashMap::new();
        for style in root.elements().filter(|element| element.name == "style") {
            let Some(id) = style.attribute("styleId") else {
                continue;
            };
            let run = style.child("rPr");
            let paragraph = style.child("pPr");
            let name = style
                .child("name")
                .and_then(|name| name.attribute("val"))
                .unwrap_or("")
                .to_ascii_lowercase();
            let heading_level = name
                .strip_prefix("heading ")
                .and_then(|level| level.trim().parse::<u8>().ok())
                .or_else(|| {
                    paragraph
                        .and_then(|paragraph| paragraph.child("outlineLvl"))
                        .and_then(|level| level.attribute("val"))
                        .and_then(|level| level.parse::<u8>().ok())
                        .filter(|level| *level < 9)
                        .map(|level| level + 1)
                });
            let numbering = paragraph
                .and_then(|paragraph| paragraph.child("numPr"))
                .and_then(numbering_reference);
            by_id.insert(
                id.to_string(),
                StyleInfo {
                    based_on: style
                        .child("basedOn")
                        .and_then(|based| based.attribute("val"))
                        .map(str::to_string),
                    italic: run.and_then(|run| run.toggle("i")),
                    bold: run.and_then(|run| run.toggle("b")),
                    superscript: run
                        .and_then(|run| run.child("vertAlign"))
                        .map(|align| align.attribute("val") == Some("superscript")),
                    heading_level,
                    numbering,
                },
            );
        }
        Styles { by_id }
    }

    /// A property of a style, looked up along its `basedOn` chain.
    fn lookup<T>(&self, id: Option<&str>, property: impl Fn(&StyleInfo) -> Option<T>) -> Option<T> {
        let mut current = id;
        for _ in 0..16 {
            let style = self.by_id.get(current?)?;
            if let Some(value) = property(style) {
                return Some(value);
            }
            current = style.based_on.as_deref();
        }
        None
    }
}

fn numbering_reference(properties: &Element) -> Option<(String, usize)> {
    let id = properties.child("numId")?.attribute("val")?.to_string();
    let level = properties
        .child("ilvl")
        .and_then(|level| level.attribute("val"))
        .and_then(|level| level.parse().ok())
        .unwrap_or(0);
    Some((id, level))
}

#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

/// `numbering.xml`: for each list, its levels, and the counters as the document goes on.
#[derive(Debug, Default)]
struct Numbering {
    abstract_levels: HashMap<String, Vec<Level>>,
    /// `w:num` id → abstract id and start overrides by level.
    lists: HashMap<String, (String, HashMap<usize, u32>)>,
    counters: HashMap<String, Vec<Option<u32>>>,
}

impl Numbering {
    fn read(root: &Element) -> Numbering {
        let mut numbering = Numbering::default();
        for element in root.elements() {
            match element.name.as_str() {
                "abstractNum" => {
                    let Some(id) = element.attribute("abstractNumId") else {
                        continue;
                    };
                    let mut levels = vec![Level::default(); 9];
                    for level in element.elements().filter(|child| child.name == "lvl") {
                        let Some(index) = level
                            .attribute("ilvl")
                            .and_then(|i| i.parse::<usize>().ok())
                        else {
                            continue;
                        };
                        if let Some(slot) = levels.get_mut(index) {
                            *slot = Level {
                                start: level
                                    .child("start")
                                    .and_then(|start| start.attribute("val"))
                                    .and_then(|start| start.parse().ok())
                                    .unwrap_or(1),
                                format: level
                                    .child("numFmt")
                                    .and_then(|format| format.attribute("val"))
                                    .unwrap_or("decimal")
                                    .to_string(),
                                text: level
                                    .child("lvlText")
                                    .and_then(|text| text.attribute("val"))
                                    .unwrap_or("")
                                    .to_string(),
                            };
                        }
                    }
                    numbering.abstract_levels.insert(id.to_string(), levels);
                }
                "num" => {
                    let (Some(id), Some(abstract_id)) = (
                        element.attribute("numId"),
                        element
                            .child("abstractNumId")
                            .and_then(|reference| reference.attribute("val")),
                    ) else {
                        continue;
                    };
                    let mut overrides = HashMap::new();
                    for level in element
                        .elements()
                        .filter(|child| child.name == "lvlOverride")
                    {
                        if let (Some(index), Some(start)) = (
                            level.attribute("ilvl").and_then(|i| i.parse().ok()),
                            level
                                .child("startOverride")
                                .and_then(|start| start.attribute("val"))
                                .and_then(|start| start.parse().ok()),
                        ) {
                            overrides.insert(index, start);
                        }
                    }
                    numbering
                        .lists
                        .insert(id.to_string(), (abstract_id.to_string(), overrides));
                }
                _ => {}
            }
        }
        numbering
    }

    /// The label Word shows for the next paragraph of list `id` at `level`, counting it.
    fn next_label(&mut self, id: &str, level: usize) -> Option<String> {
        if id == "0" {
            return None;
        }
        let (abstract_id, overrides) = self.lists.get(id)?;
        let levels = self.abstract_levels.get(abstract_id)?;
        let counters = self
            .counters
            .entry(abstract_id.clone())
            .or_insert_with(|| vec![None; 9]);
        let this = levels.get(level)?;
        let start = overrides.get(&level).copied().unwrap_or(this.start);
        let value = counters
            .get(level)
            .copied()
            .flatten()
            .map_or(start, |value| value + 1);
        if let Some(slot) = counters.get_mut(level) {
            *slot = Some(value);
        }
        for deeper in counters.iter_mut().skip(level + 1) {
            *deeper = None;
        }
        if this.format == "bullet" || this.format == "none" {
            return None;
        }
        let mut label = this.text.clone();
        for (index, level_info) in levels.iter().enumerate().take(level + 1) {
            let placeholder = format!("%{}", index + 1);
            if label.contains(&placeholder) {
                let count = counters
                    .get(index)
                    .copied()
                    .flatten()
                    .unwrap_or(level_info.start);
                label = label.replace(&placeholder, &format_number(count, &level_info.format));
            }
        }
        Some(label)
    }
}

fn format_number(value: u32, format: &str) -> String {
    match format {
        "lowerLetter" => letters(value),
        "upperLetter" => letters(value).to_uppercase(),
        "lowerRoman" => crate::syntax::to_roman(value),
        "upperRoman" => crate::syntax::to_roman(value).to_uppercase(),
        _ => value.to_string(),
    }
}

/// 1 → a, 26 → z, 27 → aa (Word repeats the letter).
fn letters(value: u32) -> String {
    if value == 0 {
        return String::new();
    }
    let letter = char::from(b'a' + u8::try_from((value - 1) % 26).unwrap_or(0));
    let times = usize::try_from((value - 1) / 26 + 1).unwrap_or(1);
    std::iter::repeat_n(letter, times).collect()
}

struct Reader<'a> {
    styles: &'a Styles,
    numbering: Numbering,
    notes_by_id: HashMap<String, &'a Element>,
    footnotes: Vec<Footnote>,
    /// The number Word gives the next footnote.
    next_number: u32,
    insertions: usize,
    deletions: usize,
}

/// The formatting a run inherits.
#[derive(Clone, Copy, Default)]
struct Inherited<'s> {
    paragraph_style: Option<&'s str>,
    /// Paragraph-style bold counts only outside headings and this tool's own styles.
    style_bold_counts: bool,
}

impl<'a> Reader<'a> {
    /// A paragraph, and whether its mark was deleted (so that it joins the next one).
    fn paragraph(&mut self, paragraph: &'a Element) -> (Block, bool) {
        let properties = paragraph.child("pPr");
        let style = properties
            .and_then(|properties| properties.child("pStyle"))
            .and_then(|style| style.attribute("val"));
        let heading = style.and_then(|id| self.styles.lookup(Some(id), |info| info.heading_level));
        let own_style = style.is_some_and(|id| id.starts_with("Res"));
        let role = match (style, heading) {
            (Some("ResSection"), _) => Role::Heading(0),
            (_, Some(level)) if !own_style => Role::Heading(level.min(6)),
            _ => Role::Text,
        };
        let numbering = properties
            .and_then(|properties| properties.child("numPr"))
            .and_then(numbering_reference)
            .or_else(|| self.styles.lookup(style, |info| info.numbering.clone()));
        let lead = numbering.and_then(|(id, level)| self.numbering.next_label(&id, level));
        let mark_deleted = properties
            .and_then(|properties| properties.child("rPr"))
            .is_some_and(|run| run.child("del").is_some());
        let inherited = Inherited {
            paragraph_style: style,
            style_bold_counts: !own_style && heading.is_none(),
        };
        let mut inlines = Vec::new();
        self.content(paragraph, inherited, &mut inlines);
        let mut block = Block {
            role,
            lead,
            inlines,
        };
        let may_have_typed_lead =
            role == Role::Text && !matches!(style, Some("ResTitle" | "ResMasthead" | "ResOrgan"));
        if may_have_typed_lead {
            split_typed_lead(&mut block);
        }
        (block, mark_deleted)
    }

    fn content(&mut self, parent: &'a Element, inherited: Inherited<'a>, out: &mut Vec<Inline>) {
        let mut custom_mark_pending = false;
        for element in parent.elements() {
            match element.name.as_str() {
                "r" => self.run(element, inherited, out, &mut custom_mark_pending),
                "ins" | "moveTo" => {
                    self.insertions += 1;
                    self.content(element, inherited, out);
                }
                "del" | "moveFrom" => self.deletions += 1,
                "hyperlink" | "smartTag" | "fldSimple" | "customXml" | "sdt" | "sdtContent" => {
                    self.content(element, inherited, out)
                }
                _ => {}
            }
        }
    }

    fn run(
        &mut self,
        run: &'a Element,
        inherited: Inherited<'a>,
        out: &mut Vec<Inline>,
        custom_mark_pending: &mut bool,
    ) {
        let properties = run.child("rPr");
        let character_style = properties
            .and_then(|properties| properties.child("rStyle"))
            .and_then(|style| style.attribute("val"));
        let styles = self.styles;
        let italic = properties
            .and_then(|properties| properties.toggle("i"))
            .or_else(|| styles.lookup(character_style, |info| info.italic))
            .or_else(|| styles.lookup(inherited.paragraph_style, |info| info.italic))
            .unwrap_or(false);
        let bold = properties
            .and_then(|properties| properties.toggle("b"))
            .or_else(|| styles.lookup(character_style, |info| info.bold))
            .or_else(|| {
                inherited
                    .style_bold_counts
                    .then(|| styles.lookup(inherited.paragraph_style, |info| info.bold))
                    .flatten()
            })
            .unwrap_or(false);
        let superscript = properties
            .and_then(|properties| properties.child("vertAlign"))
            .map(|align| align.attribute("val") == Some("superscript"))
            .or_else(|| styles.lookup(character_style, |info| info.superscript))
            .unwrap_or(false);
        let emphasis = Emphasis { italic, bold };
        let mut text = String::new();
        let flush = |text: &mut String, out: &mut Vec<Inline>| {
            if text.is_empty() {
                return;
            }
            let label = text.trim();
            let is_marker = superscript
                && !label.is_empty()
                && label.len() <= 6
                && label
                    .bytes()
                    .all(|byte| byte.is_ascii_digit() || byte == b'*');
            if is_marker {
                out.push(Inline::Note {
                    label: label.to_string(),
                });
            } else {
                push_text(out, text, emphasis);
            }
            text.clear();
        };
        for node in &run.children {
            let Node::Element(element) = node else {
                continue;
            };
            match element.name.as_str() {
                "t" => {
                    if *custom_mark_pending {
                        // The mark that a custom-mark footnote reference shows is its label,
                        // already taken.
                        *custom_mark_pending = false;
                        continue;
                    }
                    text.push_str(&element.text());
                }
                "tab" | "ptab" => text.push('\t'),
                "br" | "cr"
                    if element
                        .attribute("type")
                        .is_none_or(|kind| kind == "textWrapping") =>
                {
                    flush(&mut text, out);
                    out.push(Inline::Break);
                }
                "noBreakHyphen" => text.push('\u{2011}'),
                "sym" => {
                    if let Some(character) = element
                        .attribute("char")
                        .and_then(|code| u32::from_str_radix(code, 16).ok())
                        .and_then(char::from_u32)
                    {
                        text.push(character);
                    }
                }
                "footnoteReference" => {
                    flush(&mut text, out);
                    let custom = element
                        .attribute("customMarkFollows")
                        .is_some_and(|value| matches!(value, "1" | "true" | "on"));
                    let label = if custom {
                        *custom_mark_pending = true;
                        run_mark_text(run).unwrap_or_else(|| "*".to_string())
                    } else {
                        let number = self.next_number;
                        self.next_number += 1;
                        number.to_string()
                    };
                    if let Some(id) = element.attribute("id") {
                        self.footnote(id, &label);
                    }
                    out.push(Inline::Note { label });
                }
                _ => {}
            }
        }
        flush(&mut text, out);
    }

    fn footnote(&mut self, id: &str, label: &str) {
        let Some(note) = self.notes_by_id.get(id).copied() else {
            return;
        };
        let mut inlines = Vec::new();
        let mut paragraphs = Vec::new();
        note.find_all("p", &mut paragraphs);
        for (index, paragraph) in paragraphs.into_iter().enumerate() {
            if index > 0 {
                inlines.push(Inline::Break);
            }
            let style = paragraph
                .child("pPr")
                .and_then(|properties| properties.child("pStyle"))
                .and_then(|style| style.attribute("val"));
            let inherited = Inherited {
                paragraph_style: style,
                style_bold_counts: false,
            };
            self.content(paragraph, inherited, &mut inlines);
        }
        // A custom-mark footnote repeats its mark, as typed text, at the start of its text.
        if matches!(inlines.first(), Some(Inline::Note { label: mark }) if mark == label) {
            inlines.remove(0);
        }
        tidy(&mut inlines);
        self.footnotes.push(Footnote {
            label: label.to_string(),
            inlines,
        });
    }
}

/// A number or label typed before a tab (`5.<tab>`, `(a)<tab>`, `6<tab>`) is the paragraph's
/// lead, as Word users and this tool's export write it.
fn split_typed_lead(block: &mut Block) {
    if block.lead.is_some() {
        return;
    }
    let Some(Inline::Text { text, .. }) = block.inlines.first_mut() else {
        return;
    };
    let trimmed = text.trim_start();
    let Some(tab) = trimmed.find('\t') else {
        return;
    };
    let candidate = trimmed[..tab].trim();
    let looks_like_lead = !candidate.is_empty()
        && candidate.len() <= 12
        && (candidate.starts_with(|first: char| first.is_ascii_digit())
            || (candidate.starts_with('(') && candidate.ends_with(')'))
            || (candidate.len() <= 5 && candidate.ends_with('.')));
    if !looks_like_lead {
        return;
    }
    block.lead = Some(candidate.to_string());
    *text = trimmed[tab + 1..].to_string();
}

/// The text after a custom-mark footnote reference in the same run.
fn run_mark_text(run: &Element) -> Option<String> {
    let mut seen_reference = false;
    for element in run.elements() {
        if element.name == "footnoteReference" {
            seen_reference = true;
        } else if seen_reference && element.name == "t" {
            return Some(element.text().trim().to_string());
        }
    }
    None
}

fn push_text(out: &mut Vec<Inline>, text: &str, emphasis: Emphasis) {
    if let Some(Inline::Text {
        text: last,
        emphasis: last_emphasis,
    }) = out.last_mut()
    {
        // Spaces carry no emphasis worth keeping apart.
        if *last_emphasis == emphasis || text.trim().is_empty() {
            last.push_str(text);
            return;
        }
    }
    out.push(Inline::Text {
        text: text.to_string(),
        emphasis,
    });
}

/// Spaces collapsed, leading and trailing spaces dropped, neighbours with the same emphasis
/// joined.
fn tidy(inlines: &mut Vec<Inline>) {
    let mut tidied: Vec<Inline> = Vec::with_capacity(inlines.len());
    let mut last_was_space = true;
    for inline in inlines.drain(..) {
        match inline {
            Inline::Text { text, emphasis } => {
                let mut collapsed = String::with_capacity(text.len());
                for character in text.chars() {
                    let character = if character == '\u{a0}' {
                        ' '
                    } else {
                        character
                    };
                    if character.is_whitespace() {
                        if !last_was_space {
                            collapsed.push(' ');
                        }
                        last_was_space = true;
                    } else {
                        collapsed.push(character);
                        last_was_space = false;
                    }
                }
                if collapsed.is_empty() {
                    continue;
                }
                push_text(&mut tidied, &collapsed, emphasis);
            }
            Inline::Break => {
                if let Some(Inline::Text { text, .. }) = tidied.last_mut() {
                    let trimmed = text.trim_end().len();
                    text.truncate(trimmed);
                }
                tidied.push(Inline::Break);
                last_was_space = true;
            }
            note @ Inline::Note { .. } => {
                tidied.push(note);
                last_was_space = false;
            }
        }
    }
    if let Some(Inline::Text { text, .. }) = tidied.last_mut() {
        let trimmed = text.trim_end().len();
        text.truncate(trimmed);
    }
    while matches!(tidied.last(), Some(Inline::Break)) {
        tidied.pop();
    }
    tidied.retain(|inline| !matches!(inline, Inline::Text { text, .. } if text.is_empty()));
    *inlines = tidied;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_letters_repeat_after_z() {
        assert_eq!(letters(1), "a");
        assert_eq!(letters(26), "z");
        assert_eq!(letters(27), "aa");
    }
}
