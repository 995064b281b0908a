//! Print the draft model of a file, one block a line: `cargo run --example dump_draft FILE`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: dump_draft FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("{path}: {error}");
            std::process::exit(2);
        }
    };
    let draft = resolution_ls::syntax::parse(&text);
    println!("body: {:?}", draft.body);
    let line = |offset: usize| draft.lines.line_of(offset) + 1;
    for paragraph in &draft.paragraphs {
        let words = paragraph
            .opener
            .as_ref()
            .map(|opener| draft.slice(&opener.words))
            .unwrap_or("-");
        let number = paragraph
            .number
            .as_ref()
            .map(|number| number.value.to_string())
            .or_else(|| {
                paragraph
                    .label
                    .as_ref()
                    .map(|label| format!("({})", draft.slice(&label.text)))
            })
            .unwrap_or_default();
        let preview: String = draft.slice(&paragraph.range).chars().take(50).collect();
        println!(
            "{:>5} {:?}/{:?} s{} d{} {:>5} [{}] {}",
            line(paragraph.range.start),
            paragraph.kind,
            paragraph.part,
            paragraph.section,
            paragraph.depth,
            number,
            words,
            preview
        );
    }
    for footnote in &draft.footnote_texts {
        println!(
            "{:>5} footnote {}",
            line(footnote.range.start),
            footnote.label
        );
    }
    println!("markers: {}", draft.footnote_markers.len());
    println!("symbols: {}", draft.symbols.len());
    println!("citations: {}", draft.citations.len());
    println!(
        "references: {:?}",
        draft
            .references
            .iter()
            .map(|r| (line(r.range.start), draft.slice(&r.range), r.internal))
            .collect::<Vec<_>>()
    );
}
