//! Generated drafts for benchmarks: a realistic mix of preamble, operative paragraphs with
//! subparagraphs, footnotes, document symbols and citations, at any size.

use std::fmt::Write as _;

const PREAMBULAR: &[&str] = &[
    "Recalling",
    "Reaffirming",
    "Recognizing",
    "Noting with concern",
    "Bearing in mind",
    "Deeply concerned",
    "Welcoming",
    "Stressing",
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
];

/// A Human Rights Council draft of about `target_bytes` bytes.
pub fn draft(target_bytes: usize) -> String {
    let mut text = String::with_capacity(target_bytes + 4096);
    text.push_str("Human Rights Council\nFifty-ninth session\nAgenda item 3\n\n*The Human Rights Council,*\n\n");
    for (index, opener) in PREAMBULAR.iter().enumerate() {
        let _ = writeln!(
            text,
            "*{opener}* its resolution {}/{} of 12 July {} and General Assembly resolution 70/1 of 25 September 2015, as contained in document A/HRC/{}/{},\n",
            50 + index % 8,
            index + 3,
            2022 + (index % 8) / 3,
            50 + index % 8,
            20 + index
        );
    }
    let mut paragraph = 0;
    let mut footnote = 0;
    let mut footnotes = String::new();
    while text.len() + footnotes.len() < target_bytes {
        paragraph += 1;
        let opener = OPERATIVE[paragraph % OPERATIVE.len()];
        let with_footnote = paragraph % 5 == 0;
        if with_footnote {
            footnote += 1;
            let _ = writeln!(
                footnotes,
                "<sup>{footnote}</sup> A/HRC/59/{}.\n",
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
            for (letter, item) in ["a", "b", "c"].iter().zip([
                "To strengthen national institutions for the promotion and protection of human rights;",
                "To cooperate fully with the special procedures of the Council (see A/HRC/RES/5/1);",
                "To report to the Office of the High Commissioner on the measures taken;",
            ]) {
                let _ = writeln!(text, "({letter}) {item}\n");
            }
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
        "{paragraph}. *Decides* to continue its consideration of this question under the same agenda item.\n"
    );
    text.push_str(&footnotes);
    text
}
