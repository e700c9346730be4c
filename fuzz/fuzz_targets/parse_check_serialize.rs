//! Parse, check (single-report rules, and continuity of the report with
//! itself), then serialize the `Report` and the findings with serde_json and
//! read them back: nothing may panic, every span must fit the text, and the
//! round trips must give the same values.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(report) = zfxxgk::parse_bytes(data) else { return };
    // Known bug (tests/fuzz_regressions/check_sum_overflow): check sums
    // counts in i64 without overflow checks, so a cell near i64::MAX panics
    // in debug builds (wraps in release). Skip check for such reports until
    // that is fixed, so the fuzzer looks further.
    let huge = report.cells().any(|(_, n)| n.is_some_and(|n| n.mantissa.unsigned_abs() > 1_000_000_000_000_000));
    let (findings, continuity) =
        if huge { (Vec::new(), Vec::new()) } else { (report.check(), zfxxgk::check::continuity(&report, &report)) };
    if let Ok(text) = std::str::from_utf8(data) {
        // parse_bytes strips a second BOM that parse would keep
        // (tests/fuzz_regressions/parse_bytes_double_bom); spans are then
        // relative to the text after both.
        let text = if text.starts_with("\u{feff}\u{feff}") { &text[3..] } else { text };
        common::check_spans(&report, text);
        for f in &findings {
            common::check_finding_spans(f, text);
        }
    }
    let json = serde_json::to_string(&report).expect("Report serializes");
    let back: zfxxgk::Report = serde_json::from_str(&json).expect("serialized Report deserializes");
    assert_eq!(back, report, "JSON round trip changed the report");
    for f in findings.iter().chain(&continuity) {
        let json = serde_json::to_string(f).expect("Finding serializes");
        let back: zfxxgk::Finding = serde_json::from_str(&json).expect("serialized Finding deserializes");
        assert_eq!(&back, f, "JSON round trip changed a finding");
        let _ = f.to_string();
    }
});
