//! The linter: reads annual reports and prints what was read and what was repaired.
//!
//! ```text
//! cargo run --release --example lint -- [--json] FILE_OR_DIR...
//! ```
//!
//! A directory means every `.txt` file below it. With `--json` it prints one
//! JSON object per file per line.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::{Map, Value as Json, json};

fn main() -> ExitCode {
    let mut json_out = false;
    let mut paths = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--json" => json_out = true,
            "-h" | "--help" => {
                println!("usage: lint [--json] FILE_OR_DIR...");
                return ExitCode::SUCCESS;
            }
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    let mut files = Vec::new();
    for p in &paths {
        collect(p, &mut files);
    }
    let mut unreadable = 0;
    for file in &files {
        let name = file.display().to_string();
        let result = std::fs::read(file)
            .map_err(|e| e.to_string())
            .and_then(|bytes| zfxxgk::parse_bytes(&bytes).map_err(|e| e.to_string()));
        match result {
            Ok(report) => {
                if json_out {
                    println!("{}", report_json(&name, &report));
                } else {
                    print_human(&name, &report);
                }
            }
            Err(e) => {
                unreadable += 1;
                if json_out {
                    println!("{}", json!({"file": name, "ok": false, "error": e}));
                } else {
                    println!("{name}: error: {e}");
                }
            }
        }
    }
    if unreadable > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS }
}

fn collect(p: &Path, out: &mut Vec<PathBuf>) {
    if p.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(p).into_iter().flatten().flatten().map(|e| e.path()).collect();
        entries.sort();
        for e in entries {
            if e.is_dir() || e.extension().is_some_and(|x| x == "txt") {
                collect(&e, out);
            }
        }
    } else {
        out.push(p.to_path_buf());
    }
}

fn number_json(n: Option<zfxxgk::Number>) -> Json {
    match n {
        None => Json::Null,
        Some(n) => match n.as_count() {
            Some(c) if n.unit.is_none() => json!(c),
            _ => serde_json::Number::from_f64(n.to_f64()).map_or(Json::Null, Json::Number),
        },
    }
}

fn report_json(name: &str, r: &zfxxgk::Report) -> Json {
    let mut cells = Map::new();
    for (k, v) in r.cells() {
        cells.insert(k.to_string(), number_json(v));
    }
    let diagnostics: Vec<Json> = r
        .diagnostics
        .iter()
        .map(|d| json!({"code": d.code.as_str(), "severity": d.severity.to_string(), "message": d.message, "line": d.line}))
        .collect();
    json!({
        "file": name,
        "ok": true,
        "error": null,
        "format": r.template().as_str(),
        "agency": r.metadata.agency,
        "year": r.metadata.year,
        "layout": {
            "t2": r.table2.as_ref().and_then(|t| t.layout).map(|l| l.as_str()),
            "t3": r.table3.as_ref().and_then(|t| t.layout).map(|l| l.as_str()),
            "t4": r.table4.as_ref().and_then(|t| t.layout).map(|l| l.as_str()),
        },
        "cells": cells,
        "findings": [],
        "diagnostics": diagnostics,
    })
}

fn print_human(name: &str, r: &zfxxgk::Report) {
    println!(
        "{name}: {} {} ({} template), {} cells, {} diagnostics",
        r.metadata.agency.as_deref().unwrap_or("(agency unknown)"),
        r.metadata.year.map_or_else(|| "(year unknown)".to_owned(), |y| y.to_string()),
        r.template(),
        r.cells().count(),
        r.diagnostics.len()
    );
    for d in &r.diagnostics {
        if d.severity >= zfxxgk::Severity::Warning {
            println!("  {name}:{}: {}[{}]: {}", d.line, d.severity, d.code, d.message);
        }
    }
}
