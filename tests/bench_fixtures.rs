//! The benches' inputs are what they claim to be: every layout the bench
//! fixtures render reads to the same cells as the tab-separated original,
//! with no diagnostics, so a throughput figure is for a report read right.

#[path = "../benches/fixtures/mod.rs"]
mod fixtures;

use fixtures::Layout;

fn cells(text: &str) -> Vec<String> {
    let report = zfxxgk::parse(text).expect("a bench fixture is a report");
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    report.cells().map(|(key, cell)| format!("{key}={cell:?}")).collect()
}

#[test]
fn every_layout_reads_to_the_tab_separated_cells() {
    for i in 0..20 {
        let tabbed = fixtures::variant(i);
        let want = cells(&tabbed);
        assert_eq!(want.len(), 200, "variant {i}");
        for layout in Layout::ALL {
            let text = fixtures::render(&tabbed, layout);
            assert_eq!(cells(&text), want, "variant {i} in {}", layout.name());
        }
    }
}

#[test]
fn the_corpus_cycles_through_the_corpus_layouts() {
    let corpus = fixtures::corpus(8);
    for (i, text) in corpus.iter().enumerate() {
        let layout = Layout::CORPUS[i % Layout::CORPUS.len()];
        assert_eq!(text, &fixtures::render(&fixtures::variant(i), layout), "report {i}");
    }
}
