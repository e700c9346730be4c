//! Bytes → `parse_bytes` (encoding sniffing), and, when the bytes are UTF-8,
//! the same text → `parse`. Neither may panic; for UTF-8 input both must
//! agree, and every span must fit the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let from_bytes = zfxxgk::parse_bytes(data);
    if let Ok(text) = std::str::from_utf8(data) {
        let from_str = zfxxgk::parse(text);
        if let Ok(report) = &from_str {
            common::check_spans(report, text);
        }
        assert_eq!(from_bytes, from_str, "parse_bytes and parse disagree on UTF-8 input");
    }
});
