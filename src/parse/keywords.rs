//! A set of keywords found in one pass over a text.
//!
//! Label matching looks for dozens of keywords in every text fragment of
//! every table. The scan walks the text a character at a time: one table
//! lookup (on the character's low bits) rejects almost every character; only
//! a character that starts some keyword is looked up and the keywords that
//! start with it compared in place. Unlike an automaton, whose next state
//! depends on the previous one, the per-character work is independent, so the
//! processor overlaps it; and the tables take a few kilobytes.

/// Bits of a character's code point that index the slots.
const FILTER_BITS: u32 = 12;

pub(crate) struct Keywords {
    patterns: Vec<&'static str>,
    /// Each keyword's first (up to) eight bytes as a little-endian word, and
    /// the mask of those bytes: one compare rejects most candidates without
    /// calling `memcmp`.
    heads: Vec<(u64, u64)>,
    /// Indexed by a character's low bits: 0 when no keyword starts with a
    /// character of those bits, `k + 1` for `starts[k]`, [`SHARED`] when
    /// several first characters share the bits.
    slots: Box<[u8; 1 << FILTER_BITS]>,
    /// First characters, sorted, each with its keywords' indices.
    starts: Vec<(char, Vec<u16>)>,
}

/// A slot shared by several first characters: look the character up.
const SHARED: u8 = u8::MAX;

impl Keywords {
    /// Indexes the keywords (static text of this crate, never empty).
    pub(crate) fn new(patterns: impl IntoIterator<Item = &'static str>) -> Keywords {
        let patterns: Vec<&'static str> = patterns.into_iter().collect();
        let mut starts: Vec<(char, Vec<u16>)> = Vec::new();
        for (i, p) in patterns.iter().enumerate() {
            let c = p.chars().next().expect("keywords are not empty");
            let i = u16::try_from(i).expect("fewer than 65536 keywords");
            match starts.binary_search_by_key(&c, |s| s.0) {
                Ok(k) => starts[k].1.push(i),
                Err(k) => starts.insert(k, (c, vec![i])),
            }
        }
        let mut slots = Box::new([0u8; 1 << FILTER_BITS]);
        for (k, (c, _)) in starts.iter().enumerate() {
            let slot = &mut slots[slot_of(*c)];
            *slot = match (*slot, u8::try_from(k + 1)) {
                (0, Ok(v)) if v != SHARED => v,
                _ => SHARED,
            };
        }
        let heads = patterns.iter().map(|p| head(p.as_bytes())).collect();
        Keywords { patterns, heads, slots, starts }
    }

    /// Calls `hit` with the index of each keyword at each place it occurs in `text`.
    #[inline]
    pub(crate) fn scan(&self, text: &str, mut hit: impl FnMut(usize)) {
        for (at, c) in text.char_indices() {
            let k = match self.slots[slot_of(c)] {
                0 => continue,
                SHARED => match self.starts.binary_search_by_key(&c, |s| s.0) {
                    Ok(k) => k,
                    Err(_) => continue,
                },
                v => usize::from(v - 1),
            };
            let (first, ids) = &self.starts[k];
            if *first != c {
                continue;
            }
            let rest = &text.as_bytes()[at..];
            let (word, _) = head(rest);
            for &i in ids {
                let i = usize::from(i);
                let (key, mask) = self.heads[i];
                if word & mask == key && rest.starts_with(self.patterns[i].as_bytes()) {
                    hit(i);
                }
            }
        }
    }
}

/// The first (up to) eight bytes of `b` as a little-endian word, and the mask of the bytes present.
#[inline]
fn head(b: &[u8]) -> (u64, u64) {
    if let Some(eight) = b.first_chunk::<8>() {
        return (u64::from_le_bytes(*eight), u64::MAX);
    }
    let n = b.len().min(8);
    let mut buf = [0u8; 8];
    buf[..n].copy_from_slice(&b[..n]);
    let mask = if n == 8 { u64::MAX } else { (1u64 << (n * 8)) - 1 };
    (u64::from_le_bytes(buf), mask)
}

#[inline]
fn slot_of(c: char) -> usize {
    (c as usize) & ((1 << FILTER_BITS) - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-driven scan finds what the library's overlapping search finds.
    #[test]
    fn scan_finds_every_overlapping_keyword() {
        // 'a' (U+0061), U+1061 and U+2061 share a slot.
        let pats = [
            "本年新收",
            "新收政府信息",
            "收",
            "其他",
            "其他处理",
            "七",
            "总计",
            "(七)总计",
            "ab",
            "b",
            "\u{1061}x",
            "\u{2061}",
        ];
        let ac = aho_corasick::AhoCorasick::new(pats).unwrap();
        let kw = Keywords::new(pats);
        for text in [
            "一、本年新收政府信息公开申请数量",
            "(六)其他处理",
            "(七)总计",
            "abab",
            "",
            "无关文字",
            "收收",
            "\u{1061}x\u{2061}a\u{1061}",
            "\u{3061}ab",
        ] {
            let mut want: Vec<usize> = ac.find_overlapping_iter(text).map(|m| m.pattern().as_usize()).collect();
            let mut got = Vec::new();
            kw.scan(text, |p| got.push(p));
            want.sort_unstable();
            got.sort_unstable();
            assert_eq!(got, want, "{text:?}");
        }
    }
}
