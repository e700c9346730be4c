//! Flat CSV exports of annual reports, for pandas, R or a database.
//!
//! ```text
//! cargo run --release --example export -- [--wide FILE.csv] [--long FILE.csv] FILE_OR_DIR...
//! ```
//!
//! A directory means every `.txt` file below it. Without `--wide` and
//! `--long` the wide CSV goes to standard output; `-` as a file name means
//! standard output too.
//!
//! - `--wide`: one row per report. Columns: `file, agency, year, template`,
//!   then one column per cell key (`t2.regulations.issued`, …,
//!   `t3.new_received.total`, …): the keys any of the reports holds, all
//!   2021-template keys first and then the 2019-only ones
//!   (`zfxxgk::export::all_keys` gives the order).
//! - `--long`: one row per cell read: `file, agency, year, key, value`.
//!
//! Values are exact (`1.25`, `-3`; a 2019 procurement amount keeps its unit,
//! `251000元`). A blank cell (nothing, `/`, `-`, `无` in the report) is the
//! empty string. In the wide CSV a cell the report does not have (the other
//! template's columns, a row that was not printed) is the empty string too;
//! use the long CSV to tell blank from absent — it lists only the cells read.
//!
//! ```python
//! import pandas as pd
//! wide = pd.read_csv("wide.csv", dtype={"year": "Int64"})
//! long = pd.read_csv("long.csv", keep_default_na=False)
//! ```
//!
//! Exit status: 0 when every file was read, 2 when a file could not be read
//! as a report (the others are still exported) or on a usage error.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use zfxxgk::Report;
use zfxxgk::export::{LONG_HEADER, WIDE_FIXED, long_values, report_fields, wide_keys, wide_values};

/// What to do.
#[derive(Debug, Default)]
pub struct Args {
    /// Where the wide CSV goes (`-` = stdout).
    pub wide: Option<PathBuf>,
    /// Where the long CSV goes (`-` = stdout).
    pub long: Option<PathBuf>,
    /// Files and directories to read.
    pub inputs: Vec<PathBuf>,
}

/// Reads the command line (without the program name).
pub fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Args, String> {
    let mut out = Args::default();
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--wide" | "--long" => {
                let v = it.next().ok_or_else(|| format!("{a} needs a file name"))?;
                let slot = if a == "--wide" { &mut out.wide } else { &mut out.long };
                *slot = Some(PathBuf::from(v));
            }
            "-h" | "--help" => {
                return Err("usage: export [--wide FILE.csv] [--long FILE.csv] FILE_OR_DIR...".to_owned());
            }
            _ if a.starts_with("--") => return Err(format!("unknown option {a}")),
            _ => out.inputs.push(PathBuf::from(a)),
        }
    }
    if out.inputs.is_empty() {
        return Err("no input files (usage: export [--wide FILE.csv] [--long FILE.csv] FILE_OR_DIR...)".to_owned());
    }
    if out.wide.is_none() && out.long.is_none() {
        out.wide = Some(PathBuf::from("-"));
    }
    Ok(out)
}

/// The files named: files as given, directories as every `.txt` below them (sorted).
pub fn input_files(inputs: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
        let mut entries: Vec<PathBuf> =
            std::fs::read_dir(dir)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out)?;
            } else if p.extension().is_some_and(|x| x == "txt") {
                out.push(p);
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    for i in inputs {
        if i.is_dir() {
            walk(i, &mut out)?;
        } else {
            out.push(i.clone());
        }
    }
    Ok(out)
}

/// Writes the wide CSV of `(file name, report)` pairs.
pub fn write_wide<W: Write>(reports: &[(String, Report)], w: W) -> csv::Result<()> {
    let keys = wide_keys(reports.iter().map(|(_, r)| r));
    let mut csv = csv::Writer::from_writer(w);
    let header = WIDE_FIXED.iter().map(|s| s.to_string()).chain(keys.iter().map(|k| k.to_string()));
    csv.write_record(header)?;
    for (file, r) in reports {
        let [agency, year, template] = report_fields(r);
        let row = [file.clone(), agency, year, template].into_iter().chain(wide_values(r, &keys));
        csv.write_record(row)?;
    }
    csv.flush()?;
    Ok(())
}

/// Writes the long CSV of `(file name, report)` pairs.
pub fn write_long<W: Write>(reports: &[(String, Report)], w: W) -> csv::Result<()> {
    let mut csv = csv::Writer::from_writer(w);
    csv.write_record(LONG_HEADER)?;
    for (file, r) in reports {
        let [agency, year, _] = report_fields(r);
        for (key, value) in long_values(r) {
            csv.write_record([file.as_str(), &agency, &year, &key.to_string(), &value])?;
        }
    }
    csv.flush()?;
    Ok(())
}

fn write_to(path: &Path, f: impl FnOnce(Box<dyn Write>) -> csv::Result<()>) -> Result<(), String> {
    let w: Box<dyn Write> = if path == Path::new("-") {
        Box::new(std::io::stdout().lock())
    } else {
        let file = std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Box::new(std::io::BufWriter::new(file))
    };
    f(w).map_err(|e| format!("{}: {e}", path.display()))
}

/// Runs the exporter; returns whether every input was read, or an error that stops it.
pub fn run(args: &Args) -> Result<bool, String> {
    let files = input_files(&args.inputs).map_err(|e| e.to_string())?;
    let mut reports = Vec::with_capacity(files.len());
    let mut all_read = true;
    for path in &files {
        let read = std::fs::read(path)
            .map_err(|e| e.to_string())
            .and_then(|b| zfxxgk::parse_bytes(&b).map_err(|e| e.to_string()));
        match read {
            Ok(r) => reports.push((path.display().to_string(), r)),
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                all_read = false;
            }
        }
    }
    if let Some(p) = &args.wide {
        write_to(p, |w| write_wide(&reports, w))?;
    }
    if let Some(p) = &args.long {
        write_to(p, |w| write_long(&reports, w))?;
    }
    Ok(all_read)
}

#[allow(dead_code)] // the tests include this file as a module
fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(2),
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
