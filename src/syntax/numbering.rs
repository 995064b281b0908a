//! Which operative paragraphs are numbered together: the resolution's operative part, each
//! annex, and where a section lets the numbering start again at 1.

use crate::syntax::{Draft, Part};

/// One run of operative paragraphs numbered together: the resolution proper, or an annex.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NumberingRun {
    /// Indices into `draft.paragraphs`, in document order.
    pub paragraphs: Vec<usize>,
}

/// The operative paragraphs of the draft, split into the runs that are numbered separately:
/// the resolution's operative part, and each annex.
pub fn numbering_runs(draft: &Draft<'_>) -> Vec<NumberingRun> {
    let mut runs: Vec<NumberingRun> = Vec::new();
    let mut in_annex = false;
    let mut annex_section = None;
    for (index, paragraph) in draft.operative() {
        let annex = paragraph.part == Part::Annex;
        let starts_run = runs.is_empty()
            || annex != in_annex
            || (annex && annex_section != Some(annex_start_section(draft, paragraph.section())));
        if starts_run {
            runs.push(NumberingRun::default());
        }
        in_annex = annex;
        if annex {
            annex_section = Some(annex_start_section(draft, paragraph.section()));
        }
        if let Some(run) = runs.last_mut() {
            run.paragraphs.push(index);
        }
    }
    runs
}

/// The section where the annex holding `section` starts, so that each annex is its own run.
fn annex_start_section(draft: &Draft<'_>, section: usize) -> usize {
    let mut start = section;
    while start > 0 {
        let heading = draft.sections[start].heading.as_ref();
        let is_annex_heading = heading.is_some_and(|range| {
            let words = draft.slice(range).trim_matches(['#', '*', '_', ' ']);
            words.starts_with("Annex")
                || words.starts_with("ANNEX")
                || words.starts_with("Appendix")
        });
        if is_annex_heading {
            return start;
        }
        start -= 1;
    }
    start
}

/// Whether paragraph `current` starts a new section relative to `previous` (numbering may
/// restart at 1 there).
pub fn starts_section(draft: &Draft<'_>, previous: Option<usize>, current: usize) -> bool {
    match previous {
        None => true,
        Some(previous) => {
            draft.paragraphs[previous].section() != draft.paragraphs[current].section()
        }
    }
}
