//! The flat exports of `examples/export.rs`, read back by a real CSV consumer
//! (the `csv` crate) and compared with `Report::cells()`.
//!
//! The example's code is compiled into this test (`#[path]`), so the test
//! runs the same functions the command runs, without building the example.

mod common;

#[allow(dead_code)]
#[path = "../examples/export.rs"]
mod export_example;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{Fixture, Layout, Options, render as print_in};
use export_example::{Args, parse_args, run};
use zfxxgk::{CellKey, Report, Template};

/// A fresh temporary directory for one test.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let p = std::env::temp_dir().join(format!("zfxxgk-export-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn cells(r: &Report) -> Vec<(String, String)> {
    r.cells().map(|(k, v)| (k.to_string(), v.map(|n| n.to_string()).unwrap_or_default())).collect()
}

/// Reads a CSV file back: header and records.
fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut rd = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let header: Vec<String> = rd.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = rd.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
    (header, rows)
}

/// Runs the exporter on `inputs` and checks both CSVs against the reports
/// parsed directly from the files. Returns the parsed reports by file name.
fn export_and_check(dir: &Path, inputs: Vec<PathBuf>) -> BTreeMap<String, Report> {
    let (wide, long) = (dir.join("wide.csv"), dir.join("long.csv"));
    let args = Args { wide: Some(wide.clone()), long: Some(long.clone()), inputs: inputs.clone() };
    run(&args).expect("export ran");
    let files = export_example::input_files(&inputs).unwrap();
    let reports: BTreeMap<String, Report> = files
        .iter()
        .filter_map(|p| zfxxgk::parse_bytes(&std::fs::read(p).unwrap()).ok().map(|r| (p.display().to_string(), r)))
        .collect();

    // Wide: header = fixed columns + the keys any report holds, in the stable order.
    let (header, rows) = read_csv(&wide);
    assert_eq!(header[..4], ["file", "agency", "year", "template"]);
    let keys: Vec<CellKey> = header[4..].iter().map(|h| h.parse().unwrap_or_else(|_| panic!("column {h}"))).collect();
    let order = zfxxgk::export::all_keys();
    let pos: Vec<usize> = keys.iter().map(|k| order.iter().position(|o| o == k).unwrap()).collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]), "columns in the stable order");
    let mut union: Vec<String> = reports.values().flat_map(|r| r.cells().map(|(k, _)| k.to_string())).collect();
    union.sort();
    union.dedup();
    let mut cols: Vec<String> = header[4..].to_vec();
    cols.sort();
    assert_eq!(cols, union, "columns = the union of the reports' keys");
    assert_eq!(rows.len(), reports.len(), "one row per report read");
    for row in &rows {
        assert_eq!(row.len(), header.len());
        let r = &reports[&row[0]];
        assert_eq!(row[1], r.metadata.agency.clone().unwrap_or_default());
        assert_eq!(row[2], r.metadata.year.map(|y| y.to_string()).unwrap_or_default());
        assert_eq!(row[3], r.template().as_str());
        let got: BTreeMap<&str, &str> =
            header[4..].iter().map(String::as_str).zip(row[4..].iter().map(String::as_str)).collect();
        let want = cells(r);
        for (k, v) in &want {
            assert_eq!(got[k.as_str()], v, "{} {k}", row[0]);
        }
        // Every other column is empty: a cell the report does not have.
        for (k, v) in &got {
            if !want.iter().any(|(w, _)| w == k) {
                assert_eq!(*v, "", "{} {k}: absent, so empty", row[0]);
            }
        }
    }

    // Long: file, agency, year, key, value — exactly Report::cells(), in order.
    let (header, rows) = read_csv(&long);
    assert_eq!(header, ["file", "agency", "year", "key", "value"]);
    let mut by_file: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for row in &rows {
        assert_eq!(row.len(), 5);
        let r = &reports[&row[0]];
        assert_eq!(row[1], r.metadata.agency.clone().unwrap_or_default());
        assert_eq!(row[2], r.metadata.year.map(|y| y.to_string()).unwrap_or_default());
        by_file.entry(row[0].clone()).or_default().push((row[3].clone(), row[4].clone()));
    }
    for (file, r) in &reports {
        assert_eq!(by_file.get(file).cloned().unwrap_or_default(), cells(r), "{file}");
    }
    reports
}

#[test]
fn generated_reports_of_both_templates() {
    let tmp = TempDir::new("generated");
    let input = tmp.0.join("in");
    std::fs::create_dir_all(input.join("2019/nested")).unwrap();
    let mut truth = BTreeMap::new();
    for seed in 0..24u64 {
        let layout = Layout::ALL[seed as usize % Layout::ALL.len()];
        let (fx, sub) = if seed.is_multiple_of(2) {
            (Fixture::generate(seed), input.clone())
        } else {
            (Fixture::generate_2019(seed), input.join(if seed % 4 == 1 { "2019" } else { "2019/nested" }))
        };
        // A file name a CSV writer has to quote.
        let name = if seed == 3 { "a, \"quoted\" name.txt".to_owned() } else { format!("{seed:03}.txt") };
        let path = sub.join(name);
        std::fs::write(&path, print_in(&fx, layout, Options::plain(layout))).unwrap();
        truth.insert(path.display().to_string(), fx);
    }
    std::fs::write(input.join("notes.md"), "not a report").unwrap();
    let reports = export_and_check(&tmp.0, vec![input]);
    assert_eq!(reports.len(), 24, "every .txt below the directory, nothing else");
    // The exported values are the invented ones (blanks as "").
    for (file, fx) in &truth {
        let r = &reports[file];
        assert_eq!(r.template(), fx.template, "{file}");
        let want: Vec<(String, String)> =
            fx.expected_cells().into_iter().map(|(k, v)| (k, v.unwrap_or_default())).collect();
        assert_eq!(cells(r), want, "{file}");
    }
    let (header, rows) = read_csv(&tmp.0.join("wide.csv"));
    let col = |k: &str| header.iter().position(|h| h == k).unwrap_or_else(|| panic!("no column {k}"));
    // Both templates' columns, 2021 first.
    assert!(col("t2.regulations.issued") < col("t2.regulations.new_made"));
    assert!(col("t3.carried_forward.total") < col("t3.other.total.total"));
    // A 2021 report has no 2019 columns and the other way round: empty.
    let by_template = |t: &'static str| rows.iter().filter(move |r| r[3] == t);
    assert!(by_template("2021").all(|r| r[col("t2.procurement.amount")].is_empty()));
    assert!(by_template("2019").all(|r| r[col("t2.regulations.issued")].is_empty()));
    assert!(by_template("2019").any(|r| r[col("t2.procurement.amount")].ends_with('元')), "amounts keep their unit");
    assert!(rows.iter().any(|r| r[0].ends_with("a, \"quoted\" name.txt")));
    // Some blank cells came out as "".
    let (_, long) = read_csv(&tmp.0.join("long.csv"));
    assert!(long.iter().any(|r| r[4].is_empty()), "a blank cell");
}

#[test]
fn unreadable_files_are_reported_and_skipped() {
    let tmp = TempDir::new("unreadable");
    let good = tmp.0.join("good.txt");
    std::fs::write(&good, zfxxgk::SAMPLE_REPORT).unwrap();
    let bad = tmp.0.join("bad.txt");
    std::fs::write(&bad, "今天天气很好。").unwrap();
    let wide = tmp.0.join("w.csv");
    let args = Args { wide: Some(wide.clone()), long: None, inputs: vec![good.clone(), bad] };
    assert_eq!(run(&args), Ok(false));
    let (_, rows) = read_csv(&wide);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][0], good.display().to_string());
    assert_eq!(rows[0][1], "青川县示例局");
    assert_eq!(rows[0][3], "2021");
}

#[test]
fn command_line() {
    let a = parse_args(["--long", "l.csv", "x", "--wide", "w.csv", "y"].map(String::from)).unwrap();
    assert_eq!(a.wide, Some(PathBuf::from("w.csv")));
    assert_eq!(a.long, Some(PathBuf::from("l.csv")));
    assert_eq!(a.inputs, [PathBuf::from("x"), PathBuf::from("y")]);
    let a = parse_args(["x".to_owned()]).unwrap();
    assert_eq!(a.wide, Some(PathBuf::from("-")), "wide CSV to stdout by default");
    assert!(parse_args(Vec::<String>::new()).is_err());
    assert!(parse_args(["--wide".to_owned()]).is_err());
    assert!(parse_args(["--bogus".to_owned(), "x".to_owned()]).is_err());
}

#[test]
fn real_corpus() {
    let Some(dir) = std::env::var_os("ZFXXGK_CORPUS").map(PathBuf::from) else {
        eprintln!("ZFXXGK_CORPUS is not set; corpus export skipped");
        return;
    };
    let tmp = TempDir::new("corpus");
    let reports = export_and_check(&tmp.0, vec![dir.join("corpus/real")]);
    assert!(reports.len() >= 12);
    assert!(reports.values().any(|r| r.template() == Template::Y2019));
    let shanghai = reports.iter().find(|(f, _)| f.contains("007-shanghai")).map(|(_, r)| r).unwrap();
    let (header, rows) = read_csv(&tmp.0.join("wide.csv"));
    let row = rows.iter().find(|r| r[0].contains("007-shanghai")).unwrap();
    let col = |k: &str| header.iter().position(|h| h == k).unwrap();
    assert_eq!(row[col("t2.procurement.amount")], "251000元");
    assert_eq!(row[col("t3.new_received.total")], "859");
    assert_eq!(row[col("t3.granted.total")], "", "总计 left blank in rows that are not totals");
    assert!(shanghai.cell("t3.granted.total".parse().unwrap()).is_some_and(|c| c.value.is_blank()));
}
