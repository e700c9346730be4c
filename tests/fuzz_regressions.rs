//! Replays every input kept in `tests/fuzz_regressions/` (crashes and
//! inconsistencies found by `cargo fuzz`) through what the fuzz targets do:
//! `parse_bytes`, `parse` on the UTF-8 text, `check`, and serialization.

use std::path::Path;

// The same span invariants the fuzz targets assert.
#[path = "../fuzz/fuzz_targets/common.rs"]
mod fuzz_common;

fn replay(bytes: &[u8]) {
    let from_bytes = zfxxgk::parse_bytes(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        let from_text = zfxxgk::parse(text);
        if let Ok(r) = &from_text {
            fuzz_common::check_spans(r, text);
            for f in r.check() {
                fuzz_common::check_finding_spans(&f, text);
            }
        }
        // Both entry points agree on whether the input is a report.
        assert_eq!(from_bytes.is_ok(), from_text.is_ok(), "parse_bytes {from_bytes:?} vs parse {from_text:?}");
    }
    if let Ok(report) = from_bytes {
        let findings = report.check();
        serde_json::to_string(&report).unwrap();
        serde_json::to_string(&findings).unwrap();
        for f in &findings {
            let _ = f.to_string();
        }
    }
}

#[test]
fn every_kept_fuzz_input_replays() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        replay(&std::fs::read(&path).unwrap());
        n += 1;
    }
    assert!(n >= 2, "expected the kept inputs in {}", dir.display());
}

#[test]
fn a_cell_at_i64_max_does_not_overflow_a_sum() {
    let text = zfxxgk::SAMPLE_REPORT.replacen("\t10\t1\t0\t0\t1\t0\t12", "\t9223372036854775807\t1\t0\t0\t1\t0\t12", 1);
    assert_ne!(text, zfxxgk::SAMPLE_REPORT);
    let report = zfxxgk::parse(&text).unwrap();
    assert!(!report.check().is_empty());
}

#[test]
fn a_second_bom_is_text_for_both_entry_points() {
    let mut bytes = b"\xef\xbb\xbf\xef\xbb\xbf".to_vec();
    replay(&bytes);
    bytes.extend_from_slice(zfxxgk::SAMPLE_REPORT.as_bytes());
    let a = zfxxgk::parse_bytes(&bytes).unwrap();
    let b = zfxxgk::parse(std::str::from_utf8(&bytes).unwrap()).unwrap();
    assert_eq!(a.cells().collect::<Vec<_>>(), b.cells().collect::<Vec<_>>());
    assert_eq!(
        a.table3.unwrap().get(zfxxgk::T3Row::Total, zfxxgk::Applicant::Total).unwrap().span,
        b.table3.unwrap().get(zfxxgk::T3Row::Total, zfxxgk::Applicant::Total).unwrap().span
    );
}
