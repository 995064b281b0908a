//! The outline of a draft: organ line, preamble, each operative paragraph as "N. Opener" with
//! its subparagraphs nested under it, sections and annexes.

use std::ops::Range;

use crate::syntax::{Draft, ParagraphKind, Part, SectionKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutlineKind {
    OrganLine,
    Preamble,
    PreambularParagraph,
    Section,
    Annex,
    OperativeParagraph,
    Subparagraph,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutlineItem {
    pub name: String,
    pub detail: Option<String>,
    pub kind: OutlineKind,
    /// Everything the item covers.
    pub range: Range<usize>,
    /// The part to highlight and reveal (the number and opener).
    pub selection: Range<usize>,
    pub children: Vec<OutlineItem>,
}

/// The outline of `draft`, top-level items in document order.
pub fn outline(draft: &Draft<'_>) -> Vec<OutlineItem> {
    let mut top: Vec<OutlineItem> = Vec::new();
    if let Some(organ) = &draft.organ_line {
        top.push(OutlineItem {
            name: draft
                .slice(organ)
                .trim_matches(['*', '_', ',', ' '])
                .to_string(),
            detail: Some(draft.body.name().to_string()),
            kind: OutlineKind::OrganLine,
            range: organ.range(),
            selection: organ.range(),
            children: Vec::new(),
        });
    }
    let mut current_section: Option<usize> = None;
    for (index, paragraph) in draft.paragraphs.iter().enumerate() {
        if paragraph.section() != 0 && current_section != Some(paragraph.section()) {
            current_section = Some(paragraph.section());
            if let Some(section) = draft.sections.get(paragraph.section())
                && let Some(heading) = &section.heading
            {
                top.push(OutlineItem {
                    name: draft
                        .slice(heading)
                        .trim_matches(['#', '*', '_', ' '])
                        .to_string(),
                    detail: None,
                    kind: if section.kind == SectionKind::Annex {
                        OutlineKind::Annex
                    } else {
                        OutlineKind::Section
                    },
                    range: heading.range(),
                    selection: heading.range(),
                    children: Vec::new(),
                });
            }
        }
        let item = match paragraph.kind {
            ParagraphKind::Preambular => {
                let opener = opener_text(draft, index);
                let item = OutlineItem {
                    name: if opener.is_empty() {
                        "Preambular paragraph".into()
                    } else {
                        opener
                    },
                    detail: None,
                    kind: OutlineKind::PreambularParagraph,
                    range: paragraph.range.range(),
                    selection: selection(draft, index),
                    children: Vec::new(),
                };
                if paragraph.part == Part::Preamble {
                    push_into_preamble(&mut top, item);
                    continue;
                }
                item
            }
            ParagraphKind::Operative => {
                let number = paragraph
                    .number
                    .as_ref()
                    .map(|number| {
                        let suffix = number
                            .suffix
                            .map(|suffix| format!(" {}", draft.slice(suffix)))
                            .unwrap_or_default();
                        format!("{}{suffix}. ", number.value)
                    })
                    .unwrap_or_default();
                OutlineItem {
                    name: format!("{number}{}", opener_text(draft, index))
                        .trim()
                        .to_string(),
                    detail: None,
                    kind: OutlineKind::OperativeParagraph,
                    range: paragraph.range.range(),
                    selection: selection(draft, index),
                    children: Vec::new(),
                }
            }
            ParagraphKind::Subparagraph => {
                let label = paragraph
                    .label
                    .as_ref()
                    .map(|label| draft.slice(label.range).to_string())
                    .unwrap_or_default();
                let item = OutlineItem {
                    name: format!("{label} {}", first_words(draft.slice(paragraph.content), 6))
                        .trim()
                        .to_string(),
                    detail: None,
                    kind: OutlineKind::Subparagraph,
                    range: paragraph.range.range(),
                    selection: paragraph
                        .label
                        .as_ref()
                        .map_or(paragraph.range.range(), |label| label.range.range()),
                    children: Vec::new(),
                };
                if nest(&mut top, item.clone(), paragraph.depth) {
                    continue;
                }
                item
            }
            ParagraphKind::Text => continue,
        };
        match top.last_mut() {
            Some(section) if matches!(section.kind, OutlineKind::Section | OutlineKind::Annex) => {
                section.range.end = item.range.end;
                section.children.push(item);
            }
            _ => top.push(item),
        }
    }
    top
}

fn push_into_preamble(top: &mut Vec<OutlineItem>, item: OutlineItem) {
    if let Some(preamble) = top.last_mut()
        && preamble.kind == OutlineKind::Preamble
    {
        preamble.range.end = item.range.end;
        preamble.children.push(item);
        return;
    }
    top.push(OutlineItem {
        name: "Preamble".into(),
        detail: None,
        kind: OutlineKind::Preamble,
        range: item.range.clone(),
        selection: item.selection.clone(),
        children: vec![item],
    });
}

/// Put a subparagraph under the latest paragraph (or deeper subparagraph) it belongs to.
fn nest(top: &mut [OutlineItem], item: OutlineItem, depth: u8) -> bool {
    let Some(mut parent) = top.last_mut() else {
        return false;
    };
    if matches!(
        parent.kind,
        OutlineKind::Section | OutlineKind::Annex | OutlineKind::Preamble
    ) {
        match parent.children.last_mut() {
            Some(child) => parent = child,
            None => return false,
        }
    }
    if !matches!(
        parent.kind,
        OutlineKind::OperativeParagraph | OutlineKind::PreambularParagraph
    ) {
        return false;
    }
    attach(parent, item, depth.saturating_sub(1));
    true
}

/// Attach `item` `levels` subparagraph levels below `parent`, as deep as the tree goes.
fn attach(parent: &mut OutlineItem, item: OutlineItem, levels: u8) {
    parent.range.end = parent.range.end.max(item.range.end);
    let goes_deeper = levels > 0
        && parent
            .children
            .last()
            .is_some_and(|child| child.kind == OutlineKind::Subparagraph);
    match parent.children.last_mut() {
        Some(child) if goes_deeper => attach(child, item, levels - 1),
        _ => parent.children.push(item),
    }
}

fn opener_text(draft: &Draft<'_>, index: usize) -> String {
    draft.paragraphs[index]
        .opener
        .as_ref()
        .map(|opener| draft.slice(opener.words).to_string())
        .unwrap_or_else(|| first_words(draft.slice(draft.paragraphs[index].content), 4))
}

fn selection(draft: &Draft<'_>, index: usize) -> std::ops::Range<usize> {
    let paragraph = &draft.paragraphs[index];
    let end = paragraph
        .opener
        .as_ref()
        .map(|opener| opener.italic.unwrap_or(opener.words).end())
        .unwrap_or(paragraph.content.start())
        .max(paragraph.range.start());
    paragraph.range.start()..end.min(paragraph.range.end())
}

fn first_words(text: &str, count: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().take(count + 1).collect();
    if words.len() > count {
        format!("{} …", words[..count].join(" "))
    } else {
        words.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    #[test]
    fn paragraphs_nest_under_preamble_and_subparagraphs_under_paragraphs() {
        let text = "*The General Assembly,*\n\n*Recalling* its resolution,\n\n1. *Requests* the Secretary-General:\n\n(a) To report;\n\n(i) In writing;\n\n(b) To consult;\n\n2. *Decides* to remain seized.\n";
        let draft = parse(text);
        let items = outline(&draft);
        let names: Vec<&str> = items.iter().map(|item| item.name.as_str()).collect();
        assert_eq!(
            names,
            vec![
                "The General Assembly",
                "Preamble",
                "1. Requests",
                "2. Decides"
            ]
        );
        let first = &items[2];
        assert_eq!(first.children.len(), 2);
        assert_eq!(first.children[0].children.len(), 1);
    }
}
