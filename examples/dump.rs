// Scratch: not committed.
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let draft = resolution_ls::syntax::parse(&text);
    for (i, s) in draft.sections.iter().enumerate() {
        let h = s
            .heading
            .map(|h| draft.slice(h).to_string())
            .unwrap_or_default();
        println!(
            "section {i} {:?} line {} {:?}",
            s.kind,
            s.heading
                .map(|h| draft.lines.line_of(h.start()) + 1)
                .unwrap_or(0),
            h.chars().take(60).collect::<String>()
        );
    }
    for p in &draft.paragraphs {
        let line = draft.lines.line_of(p.range.start()) + 1;
        let t: String = draft.slice(p.range).chars().take(70).collect();
        println!(
            "{line:5} s{} {:?} {:?} n={:?} l={:?} | {t}",
            p.section(),
            p.part,
            p.kind,
            p.number.as_ref().map(|n| n.value),
            p.label.as_ref().map(|l| draft.slice(l.text).to_string())
        );
    }
}
