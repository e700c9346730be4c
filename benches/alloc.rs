//! Allocation counter: how many heap allocations (and bytes) one `parse`
//! costs, and how many `check` adds on top.
//!
//! ```text
//! cargo bench --bench alloc
//! ZFXXGK_CORPUS=/path/to/corpus cargo bench --bench alloc   # also the seeds and corpus/real reports
//! ```
//!
//! A counting global allocator wraps the system allocator; each measurement
//! parses once to warm up and then counts a second parse, as in a batch. (A
//! thread's very first parse makes about twice as many: the label memo fills
//! and the kept working vectors grow; 190 instead of about 100 for the sample.)

use std::alloc::{GlobalAlloc, Layout as AllocLayout, System};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

#[path = "fixtures/mod.rs"]
mod fixtures;

use fixtures::Layout;

struct Counting;

static ALLOCS: AtomicUsize = AtomicUsize::new(0);
static REALLOCS: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grow(n: usize) {
    let live = LIVE.fetch_add(n, Relaxed) + n;
    PEAK.fetch_max(live, Relaxed);
}

// SAFETY: every method forwards to `System` with the caller's arguments
// unchanged; the counters have no effect on the memory handed out.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: AllocLayout) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        BYTES.fetch_add(layout.size(), Relaxed);
        grow(layout.size());
        // SAFETY: forwarded contract.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: AllocLayout) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        BYTES.fetch_add(layout.size(), Relaxed);
        grow(layout.size());
        // SAFETY: forwarded contract.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: AllocLayout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        // SAFETY: forwarded contract.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: AllocLayout, new_size: usize) -> *mut u8 {
        REALLOCS.fetch_add(1, Relaxed);
        if new_size > layout.size() {
            BYTES.fetch_add(new_size - layout.size(), Relaxed);
            grow(new_size - layout.size());
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Relaxed);
        }
        // SAFETY: forwarded contract.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

struct Counts {
    allocs: usize,
    reallocs: usize,
    bytes: usize,
    peak: usize,
}

fn snapshot() -> (usize, usize, usize) {
    (ALLOCS.load(Relaxed), REALLOCS.load(Relaxed), BYTES.load(Relaxed))
}

/// Counts the allocations of one call of `f` (after one warm-up call).
fn count<T>(mut f: impl FnMut() -> T) -> (Counts, T) {
    drop(f());
    let before = snapshot();
    let base = LIVE.load(Relaxed);
    PEAK.store(base, Relaxed);
    let out = f();
    let after = snapshot();
    let counts = Counts {
        allocs: after.0 - before.0,
        reallocs: after.1 - before.1,
        bytes: after.2 - before.2,
        peak: PEAK.load(Relaxed) - base,
    };
    (counts, out)
}

fn row(name: &str, text: &[u8]) {
    let (c, result) = count(|| zfxxgk::parse_bytes(text));
    let what = match &result {
        Ok(r) => {
            let (ck, findings) = count(|| r.check());
            let cells = r.cells().filter(|(_, v)| v.is_some()).count();
            let layouts: Vec<&str> = [
                r.table2.as_ref().and_then(|t| t.layout),
                r.table3.as_ref().and_then(|t| t.layout),
                r.table4.as_ref().and_then(|t| t.layout),
            ]
            .iter()
            .map(|l| l.map_or("-", |l| l.as_str()))
            .collect();
            format!(
                "{:>6} {:>8}  {cells} cells, {} diags, {} findings, tables {}",
                ck.allocs,
                ck.bytes,
                r.diagnostics.len(),
                findings.len(),
                layouts.join("/")
            )
        }
        Err(e) => format!("{:>6} {:>8}  error: {e}", "-", "-"),
    };
    println!(
        "{name:<28} {:>8} {:>7} {:>8} {:>10} {:>10} {:>7.2} {what}",
        text.len(),
        c.allocs,
        c.reallocs,
        c.bytes,
        c.peak,
        c.bytes as f64 / text.len().max(1) as f64,
    );
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing
    // special. Either way the run is short, so always do the full thing.
    println!(
        "{:<28} {:>8} {:>7} {:>8} {:>10} {:>10} {:>7} {:>6} {:>8}  parsed",
        "input", "bytes", "allocs", "reallocs", "alloc B", "peak B", "B/in B", "check", "check B"
    );
    println!("(allocs/reallocs/alloc B/peak B: one parse; check, check B: one `check` of the parsed report)");
    for layout in Layout::ALL {
        row(&format!("sample/{}", layout.name()), fixtures::sample(layout).as_bytes());
    }
    let corpus = fixtures::corpus(8);
    for (i, text) in corpus.iter().enumerate() {
        row(&format!("generated/{i}/{}", Layout::CORPUS[i % Layout::CORPUS.len()].name()), text.as_bytes());
    }
    row("huge/10x", fixtures::huge(10).as_bytes());
    row("huge/100x", fixtures::huge(100).as_bytes());

    match std::env::var_os("ZFXXGK_CORPUS") {
        None => println!("(set ZFXXGK_CORPUS to also count the seeds and the real reports of the shared corpus)"),
        Some(dir) => {
            for sub in ["seeds", "corpus/real"] {
                let root = Path::new(&dir).join(sub);
                let mut files = Vec::new();
                collect(&root, &mut files);
                files.retain(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"));
                files.sort();
                if files.is_empty() {
                    println!("(no reports under {})", root.display());
                }
                for f in files {
                    match std::fs::read(&f) {
                        Ok(bytes) => {
                            let name = f.strip_prefix(&root).unwrap_or(&f).display().to_string();
                            row(&name, &bytes);
                        }
                        Err(e) => println!("{}: {e}", f.display()),
                    }
                }
            }
        }
    }
}
