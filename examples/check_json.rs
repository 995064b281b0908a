//! A stand-in for `resolution-ls check --format json PATH...` while the command line is built:
//! `target/debug/examples/check_json check --format json FILE...` (the first three arguments
//! are ignored when they are `check --format json`).

use resolution_ls::syntax::{ColumnUnit, LineIndex};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let paths: Vec<&String> = args
        .iter()
        .filter(|arg| !matches!(arg.as_str(), "check" | "--format" | "json"))
        .collect();
    let config = resolution_ls::Config::default();
    let mut items = Vec::new();
    let mut errors = false;
    for path in paths {
        let Ok(text) = std::fs::read_to_string(path) else {
            eprintln!("{path}: cannot read");
            std::process::exit(2);
        };
        let index = LineIndex::new(&text);
        for diagnostic in resolution_ls::analyze(&text, &config) {
            let start = index.line_col(&text, diagnostic.range.start, ColumnUnit::Char);
            let end = index.line_col(&text, diagnostic.range.end, ColumnUnit::Char);
            errors |= diagnostic.severity == resolution_ls::Severity::Error;
            items.push(serde_json::json!({
                "path": path,
                "line": start.line + 1,
                "column": start.column + 1,
                "end_line": end.line + 1,
                "end_column": end.column + 1,
                "severity": diagnostic.severity.as_str(),
                "code": diagnostic.code.as_str(),
                "message": diagnostic.message,
                "fix": diagnostic.fix.as_ref().map(|fix| fix.title.clone()),
            }));
        }
    }
    println!("{}", serde_json::Value::Array(items));
    std::process::exit(i32::from(errors));
}
