//! Parser throughput, against two floors and a reference.
//!
//! ```text
//! cargo bench --bench parse -- --warm-up-time 1 --measurement-time 3
//! ```
//!
//! Groups:
//! - `layout/*`: the sample rendered in each of six layouts (tab-separated,
//!   one cell per line single- and double-spaced, PDF-flattened, `pdftotext
//!   -layout`, markdown; `parse` and `parse+check`), plus the floors on the tab-separated sample:
//!   `floor-lines` (a `str::lines()` pass summing line lengths) and
//!   `floor-nfkc` (NFKC-normalizing the whole text), and `ref-words`
//!   (the least a reader of every cell does: lines split into words, digit
//!   runs read as numbers, each word's place and value recorded; no labels,
//!   no table, no check), which shows how much of the lines budget merely
//!   reading the cells takes;
//! - `corpus/*`: 1,000 generated reports cycling through four layouts
//!   (tab-separated, one cell per line, PDF-flattened, markdown: the corpus
//!   of the first measurements, kept so that figures compare), parsed (and
//!   checked) one by one, `check` alone on the parsed reports, and the floors
//!   over the same texts;
//! - `scaling-batch/N`: N generated reports parsed and checked one by one
//!   (N = 1…1000);
//! - `scaling-huge/N`: one report N times the sample's size (prose with a
//!   claim the check reads, repeated inside section 一), parsed and checked;
//! - `shared/*`, only when `ZFXXGK_CORPUS` names the shared corpus: the five
//!   user samples and the real published reports, parsed and checked. The
//!   generated fixtures all read cleanly; real reports take the repair paths
//!   (wrapped labels, jumbled PDF blocks, diagnostics), which is where two
//!   hundredfold slowdowns hid until these rows were added.
//!
//! Criterion prints times and throughput but no ratios, so a final summary
//! (stderr) times the same closures with `Instant` and prints MB/s, reports
//! per second (parse and check) and the ratio of each parse to the floors:
//! medians of five rounds that time the parse and the floors in turn, with
//! the range of parse+check ÷ NFKC over the rounds.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput};
use unicode_normalization::UnicodeNormalization;

#[path = "fixtures/mod.rs"]
mod fixtures;

use fixtures::Layout;

const CORPUS_SIZE: usize = 1000;
const SCALES: [usize; 4] = [1, 10, 100, 1000];

fn parse_one(text: &str) -> usize {
    let report = zfxxgk::parse(text).expect("fixture parses");
    report.diagnostics.len() + report.sections.len()
}

fn parse_all(texts: &[String]) -> usize {
    texts.iter().map(|t| parse_one(t)).sum()
}

fn parse_check_one(text: &str) -> usize {
    let report = zfxxgk::parse(text).expect("fixture parses");
    report.check().len() + report.sections.len()
}

fn parse_check_all(texts: &[String]) -> usize {
    texts.iter().map(|t| parse_check_one(t)).sum()
}

fn floor_lines(text: &str) -> usize {
    text.lines().map(str::len).sum()
}

fn floor_nfkc(text: &str) -> usize {
    text.nfkc().count()
}

/// The least a reader of every cell does: the lines split into words on
/// whitespace (`split_whitespace`, as a PDF-flattened row needs), each
/// word's offset, line and value (a digit run, else none) recorded. No label
/// is matched, no table or diagnostic built, nothing checked.
fn ref_words(text: &str) -> usize {
    let mut cells: Vec<(usize, u32, Option<u64>)> = Vec::with_capacity(text.len() / 8);
    for (n, line) in text.lines().enumerate() {
        for w in line.split_whitespace() {
            let b = w.as_bytes();
            let value = (b.len() <= 18 && b.iter().all(u8::is_ascii_digit))
                .then(|| b.iter().fold(0u64, |m, d| m * 10 + u64::from(d - b'0')));
            cells.push((w.as_ptr() as usize - text.as_ptr() as usize, n as u32, value));
        }
    }
    black_box(&cells);
    cells.len()
}

/// The shared corpus's inputs when `ZFXXGK_CORPUS` names it: each directory
/// (`seeds`, `corpus/real`) as a list of (file name, text), sorted by name.
/// Empty when the variable is not set; a benchmark is run by hand, so a
/// missing directory is reported and left out rather than failing the run.
fn shared_inputs() -> Vec<(&'static str, Vec<(String, String)>)> {
    let Some(root) = std::env::var_os("ZFXXGK_CORPUS").map(std::path::PathBuf::from) else {
        return Vec::new();
    };
    let mut sets = Vec::new();
    for (name, sub) in [("seeds", "seeds"), ("real", "corpus/real")] {
        let dir = root.join(sub);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("ZFXXGK_CORPUS: {} is not readable; left out", dir.display());
            continue;
        };
        let mut files: Vec<(String, String)> = Vec::new();
        for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
            if !path.extension().is_some_and(|e| e == "txt" || e == "md") {
                continue;
            }
            let name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            match std::fs::read_to_string(&path) {
                Ok(text) => files.push((name, text)),
                // (`parse` takes UTF-8; a file in another encoding is not timed.)
                Err(e) => eprintln!("ZFXXGK_CORPUS: {} left out: {e}", path.display()),
            }
        }
        files.sort();
        sets.push((name, files));
    }
    sets
}

fn parse_check_any(text: &str) -> usize {
    // A real report may be damaged past reading; that is a result too.
    zfxxgk::parse(text).map_or(0, |r| r.check().len() + r.sections.len())
}

fn total_len(texts: &[String]) -> u64 {
    texts.iter().map(|t| t.len() as u64).sum()
}

fn bench_layouts(c: &mut Criterion) {
    let mut g = c.benchmark_group("layout");
    for layout in Layout::ALL {
        let text = fixtures::sample(layout);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(format!("parse/{}", layout.name()), |b| b.iter(|| parse_one(black_box(&text))));
        g.bench_function(format!("parse+check/{}", layout.name()), |b| b.iter(|| parse_check_one(black_box(&text))));
    }
    let text = zfxxgk::SAMPLE_REPORT;
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("floor-lines", |b| b.iter(|| floor_lines(black_box(text))));
    g.bench_function("floor-nfkc", |b| b.iter(|| floor_nfkc(black_box(text))));
    g.bench_function("ref-words", |b| b.iter(|| ref_words(black_box(text))));
    g.finish();
}

fn bench_corpus(c: &mut Criterion) {
    let corpus = fixtures::corpus(CORPUS_SIZE);
    let mut g = c.benchmark_group("corpus");
    g.sample_size(20);
    g.throughput(Throughput::Bytes(total_len(&corpus)));
    g.bench_function("parse", |b| b.iter(|| parse_all(black_box(&corpus))));
    g.bench_function("parse+check", |b| b.iter(|| parse_check_all(black_box(&corpus))));
    let reports: Vec<zfxxgk::Report> = corpus.iter().map(|t| zfxxgk::parse(t).expect("fixture parses")).collect();
    g.bench_function("check", |b| b.iter(|| reports.iter().map(|r| black_box(r).check().len()).sum::<usize>()));
    g.bench_function("floor-lines", |b| b.iter(|| corpus.iter().map(|t| floor_lines(black_box(t))).sum::<usize>()));
    g.bench_function("floor-nfkc", |b| b.iter(|| corpus.iter().map(|t| floor_nfkc(black_box(t))).sum::<usize>()));
    g.bench_function("ref-words", |b| b.iter(|| corpus.iter().map(|t| ref_words(black_box(t))).sum::<usize>()));
    g.finish();
}

fn bench_shared(c: &mut Criterion) {
    let sets = shared_inputs();
    if sets.is_empty() {
        return;
    }
    let mut g = c.benchmark_group("shared");
    for (name, files) in &sets {
        let texts: Vec<String> = files.iter().map(|(_, t)| t.clone()).collect();
        g.throughput(Throughput::Bytes(total_len(&texts)));
        g.bench_function(format!("parse+check/{name}"), |b| {
            b.iter(|| texts.iter().map(|t| parse_check_any(black_box(t))).sum::<usize>())
        });
    }
    g.finish();
}

fn bench_scaling(c: &mut Criterion) {
    let mut g = c.benchmark_group("scaling-batch");
    g.sample_size(10);
    for n in SCALES {
        let batch: Vec<String> = (0..n).map(fixtures::variant).collect();
        g.throughput(Throughput::Bytes(total_len(&batch)));
        g.bench_with_input(BenchmarkId::from_parameter(n), &batch, |b, batch| {
            b.iter(|| parse_check_all(black_box(batch)))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("scaling-huge");
    g.sample_size(10);
    for n in SCALES {
        let text = fixtures::huge(n);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
            b.iter(|| parse_check_one(black_box(text)))
        });
    }
    g.finish();
}

/// How many rounds the summary times each row in (its budget split between them).
const SUMMARY_ROUNDS: usize = 5;

/// The median of `xs` (not empty; the mean of the middle two for an even count).
fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n % 2 == 1 { xs[n / 2] } else { (xs[n / 2 - 1] + xs[n / 2]) / 2.0 }
}

/// Seconds per call of `f`, timed over as many calls as fit in `budget`.
fn time(budget: Duration, mut f: impl FnMut() -> usize) -> f64 {
    black_box(f());
    let start = Instant::now();
    let mut iters = 0u64;
    while start.elapsed() < budget || iters < 3 {
        black_box(f());
        iters += 1;
    }
    start.elapsed().as_secs_f64() / iters as f64
}

fn mbps(bytes: u64, secs: f64) -> f64 {
    bytes as f64 / secs / 1e6
}

/// Times parse and the floors with `Instant` and prints MB/s and ratios.
fn summary(budget: Duration) {
    let mut rows: Vec<(String, Vec<String>)> =
        Layout::ALL.iter().map(|l| (format!("sample/{}", l.name()), vec![fixtures::sample(*l)])).collect();
    rows.push((format!("corpus/{CORPUS_SIZE}"), fixtures::corpus(CORPUS_SIZE)));
    rows.push(("huge/1000x".to_owned(), vec![fixtures::huge(1000)]));
    let shared = shared_inputs();
    for (name, files) in &shared {
        rows.push((format!("{name}/{}", files.len()), files.iter().map(|(_, t)| t.clone()).collect()));
    }

    eprintln!();
    eprintln!(
        "summary (Instant; {SUMMARY_ROUNDS} rounds of {:?} per measurement, the five measurements of a row \
         taken in turn in each round): MB/s, reports/s, and parse (parse+check) time ÷ floor time, \
         medians over the rounds; pc÷nfkc range: the lowest and highest round; \
         words÷lin: the ref-words reference (reading every cell, nothing more) ÷ the lines floor; \
         pc÷words: parse+check ÷ that reference",
        budget / SUMMARY_ROUNDS as u32
    );
    eprint!(
        "{:<22} {:>9} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "input", "bytes", "parse", "p+check", "pc rep/s", "lines", "nfkc"
    );
    eprintln!(
        " {:>7} {:>7} {:>7} {:>7} {:>8} {:>8} {:>13}",
        "÷lines", "÷nfkc", "pc÷lin", "pc÷nfkc", "words÷lin", "pc÷words", "pc÷nfkc range"
    );
    for (name, texts) in &rows {
        let bytes = total_len(texts);
        // The floors are timed in the same rounds as the parse, so that a
        // slow stretch of the machine (they drift by a few percent over a
        // minute) weighs on both sides of a ratio.
        let round = budget / SUMMARY_ROUNDS as u32;
        let rounds: Vec<[f64; 5]> = (0..SUMMARY_ROUNDS)
            .map(|_| {
                [
                    time(round, || texts.iter().map(|t| zfxxgk::parse(t).map_or(0, |r| r.sections.len())).sum()),
                    time(round, || texts.iter().map(|t| parse_check_any(t)).sum()),
                    time(round, || texts.iter().map(|t| floor_lines(black_box(t))).sum()),
                    time(round, || texts.iter().map(|t| floor_nfkc(black_box(t))).sum()),
                    time(round, || texts.iter().map(|t| ref_words(black_box(t))).sum()),
                ]
            })
            .collect();
        let med = |f: &dyn Fn(&[f64; 5]) -> f64| median(rounds.iter().map(f).collect());
        let [t_parse, t_check, t_lines, t_nfkc] = [0, 1, 2, 3].map(|k| med(&|r| r[k]));
        let pc_nfkc: Vec<f64> = rounds.iter().map(|r| r[1] / r[3]).collect();
        let (lo, hi) = pc_nfkc.iter().fold((f64::MAX, f64::MIN), |(lo, hi), &x| (lo.min(x), hi.max(x)));
        eprintln!(
            "{name:<22} {bytes:>9} {:>8.1} {:>8.1} {:>8.0} {:>8.0} {:>8.1} {:>6.0}× {:>6.2}× {:>6.0}× {:>6.2}× {:>7.1}× {:>7.1}× {:>6.2}–{:.2}×",
            mbps(bytes, t_parse),
            mbps(bytes, t_check),
            texts.len() as f64 / t_check,
            mbps(bytes, t_lines),
            mbps(bytes, t_nfkc),
            med(&|r| r[0] / r[2]),
            med(&|r| r[0] / r[3]),
            med(&|r| r[1] / r[2]),
            median(pc_nfkc),
            med(&|r| r[4] / r[2]),
            med(&|r| r[1] / r[4]),
            lo,
            hi,
        );
    }

    // One slow file hides in a set's total: each shared file on its own, slowest first.
    if !shared.is_empty() {
        eprintln!();
        eprintln!("shared files, slowest first: parse + check MB/s and ÷ the NFKC floor over the same file");
        let mut per_file: Vec<(f64, f64, &str)> = shared
            .iter()
            .flat_map(|(_, files)| files)
            .map(|(name, text)| {
                let t_check = time(budget, || parse_check_any(black_box(text)));
                let t_nfkc = time(budget, || floor_nfkc(black_box(text)));
                (t_check / t_nfkc, mbps(text.len() as u64, t_check), name.as_str())
            })
            .collect();
        per_file.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (ratio, mb, name) in per_file.iter().take(5) {
            eprintln!("  {name:<48} {mb:>8.1} MB/s {ratio:>6.2}× nfkc");
        }
    }

    eprintln!();
    eprintln!("scaling of parse + check (time relative to 1×; linear growth means time ratio ≈ size ratio)");
    eprintln!("{:<16} {:>10} {:>12} {:>11} {:>10}", "input", "bytes", "time", "MB/s", "time/1×");
    for (kind, make) in [
        ("batch", (|n| (0..n).map(fixtures::variant).collect()) as fn(usize) -> Vec<String>),
        ("huge", |n| vec![fixtures::huge(n)]),
    ] {
        let mut base = None;
        for n in SCALES {
            let texts = make(n);
            let bytes = total_len(&texts);
            let t = time(budget, || parse_check_all(&texts));
            let base = *base.get_or_insert(t);
            eprintln!(
                "{:<16} {bytes:>10} {:>10.3}ms {:>11.1} {:>9.1}×",
                format!("{kind}/{n}x"),
                t * 1e3,
                mbps(bytes, t),
                t / base
            );
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let listing = args.iter().any(|a| a == "--list");
    let test_mode = args.iter().any(|a| a == "--test");

    let mut c = Criterion::default().configure_from_args();
    bench_layouts(&mut c);
    bench_corpus(&mut c);
    bench_scaling(&mut c);
    bench_shared(&mut c);
    c.final_summary();

    if !listing {
        summary(if test_mode { Duration::ZERO } else { Duration::from_millis(500) });
    }
}
