//! The linter: reads annual reports, prints what was read and repaired, and
//! checks the consistency rules (format spec §5).
//!
//! ```text
//! cargo run --release --example lint -- [--json] [--claims] FILE_OR_DIR...
//! ```
//!
//! A directory means every `.txt` file below it. Reports of one agency for
//! consecutive years are paired automatically and checked for continuity
//! (`continuity.*`); the findings go to the later year's file.
//!
//! Without `--json` the findings are printed like compiler diagnostics:
//!
//! ```text
//! report.txt:45:52: error[t3.row_total]: （一）予以公开: 总计 = 7 but 自然人+…+其他 = 6
//!    |
//! 45 |     （一）予以公开    5    1    0    0    0    0    7
//!    |                                                    ^
//!    = 5 + 1 + 0 + 0 + 0 + 0 = 6 ≠ 7
//! ```
//!
//! With `--json` it prints one JSON object per file per line; `findings` holds
//! objects with `rule`, `cell`, `severity`, `message`, `line`, `expected`,
//! `found` (and `column`, `cells`, `assumed_blank_zero`, `arithmetic`,
//! `related_line`, `related_file`).
//!
//! Exit status: 0 when every file is clean, 1 when there are findings, 2 when
//! a file could not be read as a report.

use std::collections::{BTreeMap, HashMap};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::{Map, Value as Json, json};
use zfxxgk::check::Finding;
use zfxxgk::{Report, Severity, Span};

/// `println!` that ends the program quietly when stdout is closed (`lint … | head`).
macro_rules! outln {
    ($($arg:tt)*) => {{
        if writeln!(std::io::stdout(), $($arg)*).is_err() {
            std::process::exit(141);
        }
    }};
}

/// One file of the batch.
struct Entry {
    name: String,
    path: PathBuf,
    result: Result<Report, String>,
    findings: Vec<Found>,
}

/// A finding, and for continuity findings the file of the previous year.
struct Found {
    finding: Finding,
    related_file: Option<usize>,
}

fn main() -> ExitCode {
    let mut json_out = false;
    let mut show_claims = false;
    let mut paths = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--json" => json_out = true,
            "--claims" => show_claims = true,
            "-h" | "--help" => {
                outln!("usage: lint [--json] [--claims] FILE_OR_DIR...");
                outln!("  --claims  also list the numbers read from the prose (sections 一 and 六)");
                outln!("exit status: 0 clean, 1 findings, 2 a file could not be read as a report");
                return ExitCode::SUCCESS;
            }
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    let mut files = Vec::new();
    for p in &paths {
        collect(p, &mut files);
    }

    let progress = files.len() > 100 && std::io::stderr().is_terminal();
    let mut entries: Vec<Entry> = Vec::with_capacity(files.len());
    for (k, file) in files.iter().enumerate() {
        if progress && (k % 10 == 0 || k + 1 == files.len()) {
            eprint!("\rreading {}/{} …", k + 1, files.len());
            let _ = std::io::stderr().flush();
        }
        let result = std::fs::read(file)
            .map_err(|e| e.to_string())
            .and_then(|bytes| zfxxgk::parse_bytes(&bytes).map_err(|e| e.to_string()));
        let findings = match &result {
            Ok(r) => r.check().into_iter().map(|finding| Found { finding, related_file: None }).collect(),
            Err(_) => Vec::new(),
        };
        entries.push(Entry { name: file.display().to_string(), path: file.clone(), result, findings });
    }
    if progress {
        eprint!("\r{:40}\r", "");
    }
    let pairs = run_continuity(&mut entries);

    let mut stats = Stats::default();
    for entry in &entries {
        stats.add(entry);
        if json_out {
            outln!("{}", entry_json(entry, &entries));
        } else {
            print_human(entry, &entries);
            if show_claims && let Ok(r) = &entry.result {
                for c in zfxxgk::check::claims(r) {
                    outln!(
                        "  {}:{}:{}: claim {:?} = {}: {}",
                        entry.name,
                        c.span.line,
                        c.span.column,
                        c.kind,
                        c.value,
                        c.text
                    );
                }
            }
        }
    }
    if !json_out {
        stats.print(pairs);
    }
    if stats.unreadable > 0 {
        ExitCode::from(2)
    } else if stats.errors + stats.warnings > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
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

// ---------------------------------------------------------------------------
// Continuity: pairing reports of one agency for consecutive years.

/// True when `prefix` is a place (淮安市 in 淮安市洪泽区人民政府 vs 洪泽区人民政府).
fn is_place_prefix(prefix: &str) -> bool {
    ["省", "市", "州", "盟", "地区", "县", "区"].iter().any(|s| prefix.ends_with(s))
}

/// Groups agency names that are the same agency: equal, or one is the other
/// with a higher-level place name in front.
fn agency_groups(names: &[&str]) -> HashMap<String, usize> {
    let mut group: HashMap<String, usize> = names.iter().enumerate().map(|(k, n)| (n.to_string(), k)).collect();
    let mut parent: Vec<usize> = (0..names.len()).collect();
    fn root(parent: &mut [usize], mut k: usize) -> usize {
        while parent[k] != k {
            parent[k] = parent[parent[k]];
            k = parent[k];
        }
        k
    }
    for (k, name) in names.iter().enumerate() {
        for (at, _) in name.char_indices().skip(1) {
            let (prefix, suffix) = name.split_at(at);
            if suffix.chars().count() >= 4
                && is_place_prefix(prefix)
                && let Some(&other) = group.get(suffix)
            {
                let (a, b) = (root(&mut parent, k), root(&mut parent, other));
                parent[a] = b;
            }
        }
    }
    for (k, name) in names.iter().enumerate() {
        let r = root(&mut parent, k);
        group.insert(name.to_string(), r);
    }
    group
}

/// Runs `continuity` between consecutive years of each agency; returns the number of pairs.
fn run_continuity(entries: &mut [Entry]) -> usize {
    let mut names: Vec<&str> =
        entries.iter().filter_map(|e| e.result.as_ref().ok().and_then(|r| r.metadata.agency.as_deref())).collect();
    names.sort_unstable();
    names.dedup();
    let groups = agency_groups(&names);
    // (agency group, year) → files.
    let mut by_year: BTreeMap<(usize, u16), Vec<usize>> = BTreeMap::new();
    for (k, e) in entries.iter().enumerate() {
        if let Ok(r) = &e.result
            && let (Some(agency), Some(year)) = (r.metadata.agency.as_deref(), r.metadata.year)
        {
            by_year.entry((groups[agency], year)).or_default().push(k);
        }
    }
    let mut pairs = 0;
    let mut new: Vec<(usize, Found)> = Vec::new();
    for (&(group, year), next_files) in &by_year {
        let Some(prev_files) = year.checked_sub(1).and_then(|y| by_year.get(&(group, y))) else { continue };
        // Of several copies of last year's report, the one read with the fewest problems.
        let Some(&prev) = prev_files.iter().min_by_key(|&&k| problems(&entries[k])) else { continue };
        let Ok(prev_report) = &entries[prev].result else { continue };
        for &next in next_files {
            let Ok(next_report) = &entries[next].result else { continue };
            pairs += 1;
            for finding in zfxxgk::check::continuity(prev_report, next_report) {
                new.push((next, Found { finding, related_file: Some(prev) }));
            }
        }
    }
    for (k, f) in new {
        entries[k].findings.push(f);
    }
    pairs
}

fn problems(e: &Entry) -> usize {
    e.result.as_ref().map_or(usize::MAX, |r| r.diagnostics.iter().filter(|d| d.severity >= Severity::Warning).count())
}

// ---------------------------------------------------------------------------
// JSON.

fn number_json(n: Option<zfxxgk::Number>) -> Json {
    match n {
        None => Json::Null,
        Some(n) => match n.as_count() {
            Some(c) if n.unit.is_none() => json!(c),
            _ => serde_json::Number::from_f64(n.to_f64()).map_or(Json::Null, Json::Number),
        },
    }
}

fn finding_json(f: &Found, entries: &[Entry]) -> Json {
    let d = &f.finding;
    json!({
        "rule": d.rule.as_str(),
        "cell": d.cell.to_string(),
        "severity": d.severity.to_string(),
        "message": d.to_string(),
        "line": d.span.map_or(0, |s| s.line),
        "column": d.span.map_or(0, |s| s.column),
        "expected": d.expected,
        "found": d.found,
        "cells": d.cells.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "assumed_blank_zero": d.assumed_blank_zero.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "arithmetic": d.arithmetic,
        "related_line": d.related_span.map(|s| s.line),
        "related_file": f.related_file.map(|k| entries[k].name.as_str()),
    })
}

fn entry_json(e: &Entry, entries: &[Entry]) -> Json {
    let r = match &e.result {
        Ok(r) => r,
        Err(err) => return json!({"file": e.name, "ok": false, "error": err}),
    };
    let mut cells = Map::new();
    for (k, v) in r.cells() {
        cells.insert(k.to_string(), number_json(v));
    }
    let diagnostics: Vec<Json> = r
        .diagnostics
        .iter()
        .map(|d| json!({"code": d.code.as_str(), "severity": d.severity.to_string(), "message": d.message, "line": d.line}))
        .collect();
    let findings: Vec<Json> = e.findings.iter().map(|f| finding_json(f, entries)).collect();
    json!({
        "file": e.name,
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
        "findings": findings,
        "diagnostics": diagnostics,
    })
}

// ---------------------------------------------------------------------------
// Human output.

#[derive(Default)]
struct Stats {
    files: usize,
    clean: usize,
    with_findings: usize,
    unreadable: usize,
    errors: usize,
    warnings: usize,
}

impl Stats {
    fn add(&mut self, e: &Entry) {
        self.files += 1;
        if e.result.is_err() {
            self.unreadable += 1;
            return;
        }
        let (errors, warnings) = count(&e.findings);
        self.errors += errors;
        self.warnings += warnings;
        if e.findings.is_empty() {
            self.clean += 1;
        } else {
            self.with_findings += 1;
        }
    }

    fn print(&self, pairs: usize) {
        outln!();
        outln!(
            "{} file{}: {} clean, {} with findings ({} error{}, {} warning{}), {} unreadable; continuity checked for {} pair{} of consecutive years",
            self.files,
            plural(self.files),
            self.clean,
            self.with_findings,
            self.errors,
            plural(self.errors),
            self.warnings,
            plural(self.warnings),
            self.unreadable,
            pairs,
            plural(pairs),
        );
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn count(findings: &[Found]) -> (usize, usize) {
    let errors = findings.iter().filter(|f| f.finding.severity == Severity::Error).count();
    (errors, findings.len() - errors)
}

/// The decoded text, as `parse_bytes` saw it (spans are offsets into it).
fn decode(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    for (bom, enc) in [(&b"\xff\xfe"[..], encoding_rs::UTF_16LE), (&b"\xfe\xff"[..], encoding_rs::UTF_16BE)] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return enc.decode_without_bom_handling(rest).0.into_owned();
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(t) => t.strip_prefix('\u{feff}').unwrap_or(t).to_owned(),
        Err(_) => encoding_rs::GB18030.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

fn source_of(path: &Path) -> String {
    std::fs::read(path).map(|b| decode(&b)).unwrap_or_default()
}

fn print_human(e: &Entry, entries: &[Entry]) {
    let r = match &e.result {
        Ok(r) => r,
        Err(err) => {
            outln!("{}: error: {err}", e.name);
            return;
        }
    };
    let (errors, warnings) = count(&e.findings);
    outln!(
        "{}: {} {} ({} template), {} cells, {} diagnostics, {}",
        e.name,
        r.metadata.agency.as_deref().unwrap_or("(agency unknown)"),
        r.metadata.year.map_or_else(|| "(year unknown)".to_owned(), |y| y.to_string()),
        r.template(),
        r.cells().count(),
        r.diagnostics.len(),
        if e.findings.is_empty() {
            "no findings".to_owned()
        } else {
            format!(
                "{} finding{} ({errors} error{}, {warnings} warning{})",
                e.findings.len(),
                plural(e.findings.len()),
                plural(errors),
                plural(warnings)
            )
        }
    );
    for d in &r.diagnostics {
        if d.severity >= Severity::Warning {
            outln!("  {}:{}: {}[{}]: {}", e.name, d.line, d.severity, d.code, d.message);
        }
    }
    if e.findings.is_empty() {
        return;
    }
    let source = source_of(&e.path);
    let mut other_sources: HashMap<usize, String> = HashMap::new();
    for f in &e.findings {
        let d = &f.finding;
        let (line, column) = d.span.map_or((0, 0), |s| (s.line, s.column));
        outln!("{}:{line}:{column}: {}[{}]: {}: {}", e.name, d.severity, d.rule, d.subject, d.message);
        let gutter =
            d.span.map_or(1, |s| s.line.to_string().len()).max(d.related_span.map_or(1, |s| s.line.to_string().len()));
        if let Some(span) = d.span {
            snippet(&source, span, gutter);
        }
        outln!("{:gutter$} = {}", "", d.arithmetic);
        if let Some(rel) = d.related_span {
            match f.related_file {
                Some(k) => {
                    let other = &entries[k];
                    outln!(
                        "{:gutter$} = note: last year's figure is at {}:{}:{}",
                        "",
                        other.name,
                        rel.line,
                        rel.column
                    );
                    let text = other_sources.entry(k).or_insert_with(|| source_of(&other.path));
                    snippet(text, rel, gutter);
                }
                None => {
                    outln!("{:gutter$} = note: the text says so at {}:{}:{}", "", e.name, rel.line, rel.column);
                    snippet(&source, rel, gutter);
                }
            }
        }
    }
}

/// Terminal width of a character: CJK and full-width forms take two columns.
fn width(c: char) -> usize {
    match c as u32 {
        0..=0x1f | 0x7f..=0x9f | 0x200b..=0x200f | 0xfeff => 0,
        0x1100..=0x115f
        | 0x2e80..=0x303e
        | 0x3041..=0x33ff
        | 0x3400..=0x4dbf
        | 0x4e00..=0x9fff
        | 0xa000..=0xa4cf
        | 0xac00..=0xd7a3
        | 0xf900..=0xfaff
        | 0xfe30..=0xfe4f
        | 0xff00..=0xff60
        | 0xffe0..=0xffe6
        | 0x20000..=0x3fffd => 2,
        _ => 1,
    }
}

const TAB: &str = "    ";
const MAX_WIDTH: usize = 100;

/// Prints the source line of `span` with `^^^` under it.
fn snippet(source: &str, span: Span, gutter: usize) {
    let Some(start) = source.get(..span.start).map(str::len) else { return };
    let line_start = source[..start].rfind(['\n', '\r']).map_or(0, |k| k + 1);
    let line_end = source[start..].find(['\n', '\r']).map_or(source.len(), |k| start + k);
    let line = &source[line_start..line_end];
    let (lead, line) = {
        let trimmed = line.trim_start_matches('\u{c}');
        (line.len() - trimmed.len(), trimmed)
    };
    let at = start - line_start - lead.min(start - line_start);
    let end = span.end.clamp(start, line_end) - line_start - lead.min(start - line_start);
    // Each char as (display text, width, is it under the marker).
    let cells: Vec<(String, usize, bool)> = line
        .char_indices()
        .map(|(i, c)| {
            let marked = i >= at && (i < end || (i == at && end == at));
            match c {
                '\t' => (TAB.to_owned(), TAB.len(), marked),
                _ => (c.to_string(), width(c), marked),
            }
        })
        .collect();
    // A window of at most MAX_WIDTH columns around the marker.
    let first_mark = cells.iter().position(|c| c.2).unwrap_or(cells.len());
    let mut from = 0;
    let total: usize = cells.iter().map(|c| c.1).sum();
    let mut before: usize = cells[..first_mark].iter().map(|c| c.1).sum();
    while total > MAX_WIDTH && before > MAX_WIDTH / 2 && from < first_mark {
        before -= cells[from].1;
        from += 1;
    }
    let mut to = from;
    let mut w = 0;
    while to < cells.len() && w + cells[to].1 <= MAX_WIDTH {
        w += cells[to].1;
        to += 1;
    }
    let head = if from > 0 { "…" } else { "" };
    let tail = if to < cells.len() { "…" } else { "" };
    let shown: String = cells[from..to].iter().map(|c| c.0.as_str()).collect();
    let mut marker = String::from(if from > 0 { " " } else { "" });
    let mut any = false;
    for c in &cells[from..to] {
        if c.2 {
            marker.push_str(&"^".repeat(c.1.max(1)));
            any = true;
        } else if !any {
            marker.push_str(&" ".repeat(c.1));
        }
    }
    if !any {
        marker.push('^');
    }
    outln!("{:gutter$} |", "");
    outln!("{:>gutter$} | {head}{}{tail}", span.line, shown.trim_end());
    outln!("{:gutter$} | {marker}", "");
}
