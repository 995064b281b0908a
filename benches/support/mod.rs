//! Generated drafts for benchmarks: a realistic mix of masthead, preamble, operative paragraphs
//! with subparagraphs (and sub-subparagraphs), footnotes, document symbols and citations, and a
//! closing, at any size, for each of the four organs. The drafts are clean (no findings), as most
//! of a real draft is, so the engine's cost is that of reading, not of reporting.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

const PREAMBULAR: &[&str] = &[
    "Recalling",
    "Reaffirming",
    "Recognizing",
    "Noting with concern",
    "Bearing in mind",
    "Deeply concerned",
    "Welcoming",
    "Stressing",
    "Acknowledging",
    "Emphasizing",
    "Taking note",
    "Convinced",
    "Mindful",
    "Expressing concern",
];
const OPERATIVE: &[&str] = &[
    "Requests",
    "Calls upon",
    "Encourages",
    "Urges",
    "Decides",
    "Invites",
    "Takes note",
    "Emphasizes",
    "Stresses",
    "Recommends",
    "Welcomes",
    "Reaffirms",
];

/// The organ line and the masthead of each organ's drafts.
const ORGANS: &[(&str, &str, &str)] = &[
    (
        "The Human Rights Council",
        "Human Rights Council\nFifty-ninth session\nAgenda item 3",
        "A/HRC/59",
    ),
    (
        "The General Assembly",
        "General Assembly\nEightieth session\nAgenda item 72 (b)",
        "A/80",
    ),
    (
        "The Economic and Social Council",
        "Economic and Social Council\n2026 session\nAgenda item 18 (e)",
        "E/2026",
    ),
    (
        "The Security Council",
        "Security Council\nDistr.: General",
        "S/2026",
    ),
];

/// The largest resolution generated in one piece: about 5,000 operative paragraphs. Larger
/// drafts are compilations of a session's resolutions, as real multi-megabyte files are.
const LARGEST_RESOLUTION: usize = 2_000_000;

/// A Human Rights Council draft of about `target_bytes` bytes; above 2 MB, a compilation of
/// resolutions of 2 MB each, numbered from 1 each, with footnotes numbered through the file.
pub fn draft(target_bytes: usize) -> String {
    let mut text = String::with_capacity(target_bytes + 4096);
    let mut footnotes = 0;
    let mut index = 0;
    while text.len() < target_bytes {
        let left = target_bytes - text.len();
        let size = if left > LARGEST_RESOLUTION + LARGEST_RESOLUTION / 2 {
            LARGEST_RESOLUTION
        } else {
            left
        };
        footnotes = resolution(&mut text, size, index * ORGANS.len(), footnotes);
        index += 1;
        text.push('\n');
    }
    text
}

/// A draft of about `target_bytes` bytes for organ `variant % 4`, its wording shifted by
/// `variant` so that drafts of a workspace differ.
pub fn draft_of(target_bytes: usize, variant: usize) -> String {
    let mut text = String::with_capacity(target_bytes + 4096);
    resolution(&mut text, target_bytes, variant, 0);
    text
}

/// Appends one resolution of about `target_bytes` bytes to `text`, its footnotes numbered after
/// `footnotes_before`; returns the last footnote number.
fn resolution(
    text: &mut String,
    target_bytes: usize,
    variant: usize,
    footnotes_before: usize,
) -> usize {
    let start = text.len();
    let (organ, masthead, symbol) = ORGANS[variant % ORGANS.len()];
    let council = if organ == "The Human Rights Council" {
        "its"
    } else {
        "Human Rights Council"
    };
    let _ = writeln!(
        text,
        "{masthead}\n\n**{}/{}. Promotion and protection of human rights and international cooperation**\n\n*{organ},*\n",
        59 + variant % 3,
        1 + variant % 40
    );
    for index in 0..PREAMBULAR.len() {
        let opener = PREAMBULAR[(index + variant) % PREAMBULAR.len()];
        let session = 50 + index % 8;
        // The Council's fiftieth and fifty-first sessions met in 2022, then three a year.
        let year = if session < 52 {
            2022
        } else {
            2023 + (session - 52) / 3
        };
        let _ = writeln!(
            text,
            "*{opener}* {council} resolution {session}/{} of 12 July {year} and General Assembly resolution 70/1 of 25 September 2015, as contained in document {symbol}/{},\n",
            index + 3,
            20 + index
        );
    }
    let mut paragraph = 0;
    let mut footnote = footnotes_before;
    let mut footnotes = String::new();
    while text.len() - start + footnotes.len() < target_bytes {
        paragraph += 1;
        let opener = OPERATIVE[(paragraph + variant) % OPERATIVE.len()];
        let with_footnote = paragraph % 5 == 0;
        if with_footnote {
            footnote += 1;
            let _ = writeln!(
                footnotes,
                "<sup>{footnote}</sup> {symbol}/{}.\n",
                10 + footnote % 80
            );
        }
        let marker = if with_footnote {
            format!("<sup>{footnote}</sup>")
        } else {
            String::new()
        };
        if paragraph % 7 == 0 {
            let _ = writeln!(
                text,
                "{paragraph}. *{opener}* States, in accordance with paragraph {} above and Security Council resolution 2427 (2018),{marker} to take the following measures:\n",
                paragraph.max(2) - 1
            );
            let _ = writeln!(
                text,
                "(a) To strengthen national institutions for the promotion and protection of human rights;\n"
            );
            if paragraph % 14 == 0 {
                let _ = writeln!(
                    text,
                    "(b) To cooperate fully with the special procedures of the Council (see A/HRC/RES/5/1), including by:\n\n    (i) Accepting requests for country visits;\n\n    (ii) Replying promptly to communications;\n"
                );
            } else {
                let _ = writeln!(
                    text,
                    "(b) To cooperate fully with the special procedures of the Council (see A/HRC/RES/5/1);\n"
                );
            }
            let _ = writeln!(
                text,
                "(c) To report to the Office of the High Commissioner on the measures taken;\n"
            );
        } else {
            let _ = writeln!(
                text,
                "{paragraph}. *{opener}* all States to continue to cooperate with the Office of the United Nations High Commissioner for Human Rights, in line with Council resolution 53/7 of 12 July 2023,{marker} and to submit information on progress achieved;\n"
            );
        }
    }
    paragraph += 1;
    let _ = writeln!(
        text,
        "{paragraph}. *Decides* to continue its consideration of this question under the same agenda item.\n\n{}th meeting\n10 April 2026\n\n[Adopted without a vote.]\n",
        40 + variant % 20
    );
    text.push_str(&footnotes);
    footnote
}

/// Writes `count` drafts of 0.5 to 1.5 times `bytes` each, of every organ, as
/// `folder/draft-NNNN.res.md`.
pub fn write_workspace(folder: &Path, count: usize, bytes: usize) -> std::io::Result<()> {
    std::fs::create_dir_all(folder)?;
    for index in 0..count {
        let size = bytes / 2 + bytes * (index % 11) / 10;
        std::fs::write(
            folder.join(format!("draft-{index:04}.res.md")),
            draft_of(size, index),
        )?;
    }
    Ok(())
}
