//! Parse, (check — TODO once `zfxxgk::check` exists), then serialize the
//! `Report` with serde_json and read it back: nothing may panic and the
//! round trip must give the same report.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(report) = zfxxgk::parse_bytes(data) else { return };
    if let Ok(text) = std::str::from_utf8(data) {
        common::check_spans(&report, text);
    }
    // TODO(check): `let _ = report.check();` once src/check lands.
    let json = serde_json::to_string(&report).expect("Report serializes");
    let back: zfxxgk::Report = serde_json::from_str(&json).expect("serialized Report deserializes");
    assert_eq!(back, report, "JSON round trip changed the report");
    let _ = serde_json::to_value(&report).expect("Report serializes to a Value");
});
