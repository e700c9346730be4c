//! Parses and checks every `.txt` file under a directory on all cores and
//! prints the throughput.
//!
//! ```text
//! cargo run --release --example batch -- [--threads N] [--no-check] DIR
//! cargo run --release --example batch -- --generate DIR COUNT
//! ```
//!
//! Files are read up front (so the timing is the parser's, not the disk's),
//! then split between `N` threads (default: all cores) with
//! `std::thread::scope`: each thread takes the next file from a shared
//! counter. `--generate` writes `COUNT` generated reports in mixed layouts
//! (the bench fixtures) to `DIR`, for trying this out.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

#[path = "../benches/fixtures/mod.rs"]
mod fixtures;

const USAGE: &str = "usage: batch [--threads N] [--no-check] DIR\n       batch --generate DIR COUNT";

fn main() -> ExitCode {
    let mut threads = None;
    let mut dir = None;
    let mut generate = None;
    let mut run_check = true;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            "--threads" | "-j" => match args.next().and_then(|n| n.parse::<usize>().ok()) {
                Some(n) if n > 0 => threads = Some(n),
                _ => return usage("--threads needs a positive number"),
            },
            "--no-check" => run_check = false,
            "--generate" => match (args.next(), args.next().and_then(|n| n.parse::<usize>().ok())) {
                (Some(d), Some(n)) => generate = Some((PathBuf::from(d), n)),
                _ => return usage("--generate needs DIR and COUNT"),
            },
            _ if dir.is_none() && !arg.starts_with('-') => dir = Some(PathBuf::from(arg)),
            _ => return usage(&format!("unexpected argument {arg:?}")),
        }
    }
    if let Some((dir, n)) = generate {
        return write_corpus(&dir, n);
    }
    let Some(dir) = dir else { return usage("no directory given") };
    let threads = threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));

    let mut paths = Vec::new();
    collect(&dir, &mut paths);
    paths.sort();
    let mut files = Vec::with_capacity(paths.len());
    for p in &paths {
        match std::fs::read(p) {
            Ok(bytes) => files.push(bytes),
            Err(e) => eprintln!("{}: {e}", p.display()),
        }
    }
    if files.is_empty() {
        eprintln!("no .txt files under {}", dir.display());
        return ExitCode::FAILURE;
    }
    let bytes: usize = files.iter().map(Vec::len).sum();

    let next = AtomicUsize::new(0);
    let start = Instant::now();
    let per_thread: Vec<Tally> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut t = Tally::default();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(file) = files.get(i) else { break };
                        match zfxxgk::parse_bytes(file) {
                            Ok(report) => {
                                t.reports += 1;
                                t.diagnostics += report.diagnostics.len();
                                if run_check {
                                    t.findings += report.check().len();
                                }
                            }
                            Err(_) => t.errors += 1,
                        }
                    }
                    t
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().expect("worker panicked")).collect()
    });
    let secs = start.elapsed().as_secs_f64();
    let total = per_thread.iter().fold(Tally::default(), |a, b| Tally {
        reports: a.reports + b.reports,
        errors: a.errors + b.errors,
        diagnostics: a.diagnostics + b.diagnostics,
        findings: a.findings + b.findings,
    });

    println!("threads      {threads}");
    println!("files        {}", files.len());
    println!("bytes        {bytes}");
    println!("reports      {} ({} not reports, {} diagnostics)", total.reports, total.errors, total.diagnostics);
    if run_check {
        println!("findings     {}", total.findings);
    } else {
        println!("findings     (not checked)");
    }
    println!("time         {:.3} s", secs);
    println!("reports/s    {:.0}", files.len() as f64 / secs);
    println!("MB/s         {:.1}", bytes as f64 / secs / 1e6);
    ExitCode::SUCCESS
}

#[derive(Default)]
struct Tally {
    reports: usize,
    errors: usize,
    diagnostics: usize,
    findings: usize,
}

fn usage(msg: &str) -> ExitCode {
    eprintln!("batch: {msg}\n{USAGE}");
    ExitCode::from(2)
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let Ok(entries) = std::fs::read_dir(path) else {
            eprintln!("{}: cannot read directory", path.display());
            return;
        };
        for e in entries.flatten() {
            collect(&e.path(), out);
        }
    } else if path.extension().is_some_and(|e| e == "txt") {
        out.push(path.to_path_buf());
    }
}

fn write_corpus(dir: &Path, n: usize) -> ExitCode {
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("{}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    for (i, text) in fixtures::corpus(n).iter().enumerate() {
        let layout = fixtures::Layout::CORPUS[i % fixtures::Layout::CORPUS.len()];
        let path = dir.join(format!("{i:05}-{}.txt", layout.name()));
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("{}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    println!("wrote {n} reports to {}", dir.display());
    ExitCode::SUCCESS
}
