//! Parse, check (single-report rules, and continuity of the report with
//! itself), then serialize the `Report` and the findings with serde_json and
//! read them back: nothing may panic, every span must fit the text, and the
//! round trips must give the same values.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(report) = zfxxgk::parse_bytes(data) else { return };
    let findings = report.check();
    let continuity = zfxxgk::check::continuity(&report, &report);
    if let Ok(text) = std::str::from_utf8(data) {
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
