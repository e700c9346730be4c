//! Checks shared by the fuzz targets: documented invariants of a `Report`.

use zfxxgk::{Report, Span};

/// Every span lies inside `src` (the text after a BOM) on `char` boundaries,
/// as documented in `zfxxgk::Span`.
pub fn check_spans(report: &Report, text: &str) {
    let src = text.strip_prefix('\u{feff}').unwrap_or(text);
    let ok = |what: &str, s: Span| {
        assert!(
            s.start <= s.end && s.end <= src.len() && src.is_char_boundary(s.start) && src.is_char_boundary(s.end),
            "{what}: span {s:?} does not fit the {}-byte text",
            src.len()
        );
    };
    for d in &report.diagnostics {
        if let Some(s) = d.span {
            ok("diagnostic", s);
        }
    }
    for (key, cell) in report.cells_with_spans() {
        ok(&format!("cell {key}"), cell.span);
    }
    ok("preamble", report.preamble.span);
    let m = &report.metadata;
    for (what, t) in [
        ("title", &m.title),
        ("period", &m.period),
        ("published", &m.published),
        ("address", &m.address),
        ("phone", &m.phone),
        ("postcode", &m.postcode),
    ] {
        if let Some(t) = t {
            ok(what, t.span);
        }
    }
    for s in &report.sections {
        ok("section heading", s.heading.span);
        ok("section body", s.body.span);
        for sub in &s.subsections {
            ok("subsection heading", sub.heading.span);
            ok("subsection body", sub.body.span);
        }
    }
    let unrecognized = report.table2.iter().flat_map(|t| &t.unrecognized);
    let unrecognized = unrecognized.chain(report.table3.iter().flat_map(|t| &t.unrecognized));
    for f in unrecognized.chain(report.table4.iter().flat_map(|t| &t.unrecognized)) {
        ok("unrecognized fragment", f.span);
    }
}

/// A finding's spans (the cell, the prose claim) fit the text too.
#[allow(dead_code)] // not every target checks
pub fn check_finding_spans(f: &zfxxgk::Finding, text: &str) {
    let src = text.strip_prefix('\u{feff}').unwrap_or(text);
    for s in [f.span, f.related_span].into_iter().flatten() {
        assert!(
            s.start <= s.end && s.end <= src.len() && src.is_char_boundary(s.start) && src.is_char_boundary(s.end),
            "finding {f}: span {s:?} does not fit the {}-byte text",
            src.len()
        );
    }
}
