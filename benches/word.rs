//! Word and PDF speed: export of the longest corpus text, import of its `.docx`, and a
//! tracked-changes export of a 100-paragraph draft against its base (budgets: 50 ms, 50 ms and
//! 100 ms). `cargo bench --bench word`.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::Criterion;
use resolution_ls::word::{self, ExportOptions};

/// The longest text of `../shared/corpus`, or `None` after saying that the corpus is missing.
fn longest_corpus_text() -> Option<(PathBuf, String)> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let Ok(entries) = std::fs::read_dir(&folder) else {
        println!(
            "skipped the corpus benchmarks: no corpus at {}",
            folder.display()
        );
        return None;
    };
    entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "md"))
        .filter(|path| path.file_name().is_some_and(|name| name != "README.md"))
        .filter_map(|path| Some((path.clone(), std::fs::read_to_string(&path).ok()?)))
        .max_by_key(|(_, text)| text.len())
}

/// A draft of `count` operative paragraphs with subparagraphs and footnotes, and the same
/// draft as last year's base: every fifth paragraph edited, one in ten new, one in ten gone.
fn hundred_paragraphs(count: usize) -> (String, String) {
    let mut draft = String::from(
        "A/HRC/60/L.1\n\n**60/1. Benchmark resolution**\n\n*The Human Rights Council,*\n\n",
    );
    let mut base = draft.clone();
    for index in 0..10 {
        let paragraph = format!(
            "*Recalling* its resolution {index}/1 of 12 July 2019 and all previous resolutions on the subject,<sup>{}</sup>\n\n",
            index + 1
        );
        draft.push_str(&paragraph);
        base.push_str(&paragraph);
    }
    let (mut draft_number, mut base_number) = (1, 1);
    for index in 0..count {
        let words = "the Office of the United Nations High Commissioner for Human Rights to continue to provide technical assistance to States upon their request";
        if index % 10 != 3 {
            draft.push_str(&format!(
                "{draft_number}. *Requests* {words}, in paragraph {index};\n\n"
            ));
            draft_number += 1;
        }
        if index % 10 != 7 {
            let edited = if index % 5 == 0 {
                words.replace("continue to provide", "provide")
            } else {
                words.to_string()
            };
            base.push_str(&format!(
                "{base_number}. *Requests* {edited}, in paragraph {index};\n\n"
            ));
            base_number += 1;
        }
    }
    for index in 0..10 {
        let note = format!("<sup>{}</sup> A/HRC/{index}/1.\n\n", index + 1);
        draft.push_str(&note);
        base.push_str(&note);
    }
    (draft, base)
}

fn benches(criterion: &mut Criterion) {
    let options = ExportOptions::default();
    if let Some((path, text)) = longest_corpus_text() {
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = match word::export_draft(&text, &options) {
            Ok((bytes, _)) => bytes,
            Err(error) => panic!("{name}: {error}"),
        };
        criterion.bench_function(
            &format!("export {name} ({} KB)", text.len() / 1024),
            |bencher| {
                bencher.iter(|| {
                    word::export_draft(black_box(&text), &options).map(|(bytes, _)| bytes.len())
                })
            },
        );
        criterion.bench_function(
            &format!("import {name}.docx ({} KB)", bytes.len() / 1024),
            |bencher| {
                bencher.iter(|| {
                    word::import::import(black_box(&bytes), Path::new("x.docx"))
                        .map(|imported| imported.document.blocks.len())
                })
            },
        );
    }
    let (draft, base) = hundred_paragraphs(100);
    criterion.bench_function(
        "tracked export, 100 paragraphs against their base",
        |bencher| {
            bencher.iter(|| {
                let (draft_document, _) = word::read_draft(black_box(&draft));
                let (base_document, _) = word::read_draft(black_box(&base));
                word::export::export_tracked(&base_document, &draft_document, &options)
                    .map(|bytes| bytes.len())
            })
        },
    );
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    benches(&mut criterion);
    criterion.final_summary();
}
