//! Working vectors kept from one parse to the next on the same thread.
//!
//! A parse fills a few vectors whose length follows the report: its lines,
//! the tokens of each table, the items of tables 2 and 3. They are over a
//! kilobyte each, and the system allocator serves blocks that size on its slow
//! path: all such blocks of a parse, served from a bump allocator instead,
//! made a batch of real reports read about 9% faster. These are the ones the
//! parser need not ask for again (about 2%; the rest is the report's own text
//! and tables, handed to the caller). So each thread keeps the last parse's
//! vectors, emptied, and the next parse on that thread starts from them. A
//! vector that a huge input grew past [`KEEP_MAX_BYTES`] is freed rather than
//! kept, so a thread holds at most 1 MiB between parses whatever it has read.
//!
//! The vectors hold borrows of the text (`Line<'a>`, `Event<'a>`); between
//! parses they are empty and kept as `'static` ones. [`relabel`] changes the
//! lifetime without `unsafe`: collecting a vector's own emptied iterator
//! reuses its allocation.

use std::cell::Cell;

use crate::key::{T2Item, T3Row};
use crate::text::Line;

use super::cells::Event;
use super::rows::Item;

/// A kept vector may hold at most this many bytes of capacity.
const KEEP_MAX_BYTES: usize = 256 * 1024;

/// The working vectors of one parse (all empty when handed out).
#[derive(Default)]
pub(crate) struct Scratch<'a> {
    /// The lines of the text.
    pub lines: Vec<Line<'a>>,
    /// The tokens of a table region (tables 2, 3 and 4 in turn).
    pub events: Vec<Event<'a>>,
    /// Table 2's labels and values.
    pub t2_items: Vec<Item<T2Item>>,
    /// Table 3's labels and values.
    pub t3_items: Vec<Item<T3Row>>,
}

thread_local! {
    static KEPT: Cell<Option<Scratch<'static>>> = const { Cell::new(None) };
}

impl<'a> Scratch<'a> {
    /// The vectors this thread kept from its last parse (new ones the first time).
    pub(crate) fn take() -> Scratch<'a> {
        // (`try_with`: a parse run by another thread-local's destructor, after
        // this one is gone, starts from new vectors instead of panicking.)
        let kept = KEPT.try_with(Cell::take).ok().flatten().unwrap_or_default();
        Scratch {
            lines: relabel(kept.lines),
            events: relabel(kept.events),
            t2_items: relabel(kept.t2_items),
            t3_items: relabel(kept.t3_items),
        }
    }

    /// Keeps the vectors, emptied, for the thread's next parse.
    pub(crate) fn keep(self) {
        let kept = Scratch {
            lines: relabel(bounded(self.lines)),
            events: relabel(bounded(self.events)),
            t2_items: relabel(bounded(self.t2_items)),
            t3_items: relabel(bounded(self.t3_items)),
        };
        let _ = KEPT.try_with(|k| k.set(Some(kept)));
    }
}

/// `v`, or a new vector when `v`'s capacity is over [`KEEP_MAX_BYTES`].
fn bounded<T>(v: Vec<T>) -> Vec<T> {
    if v.capacity().saturating_mul(size_of::<T>()) > KEEP_MAX_BYTES { Vec::new() } else { v }
}

/// `v` emptied, as a vector of `U`: the same type with another lifetime. The
/// allocation is kept, because std collects a vector's own iterator in place
/// when the element sizes and alignments agree (the test below holds it to that).
fn relabel<T, U>(mut v: Vec<T>) -> Vec<U> {
    const { assert!(size_of::<T>() == size_of::<U>() && align_of::<T>() == align_of::<U>()) };
    v.clear();
    v.into_iter().filter_map(|_| None).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relabel_keeps_the_allocation() {
        let text = String::from("a\nb\nc");
        let mut v: Vec<Line<'_>> = crate::text::lines(&text);
        v.reserve(100);
        let (ptr, cap) = (v.as_ptr() as usize, v.capacity());
        let kept: Vec<Line<'static>> = relabel(v);
        assert!(kept.is_empty());
        assert_eq!((kept.as_ptr() as usize, kept.capacity()), (ptr, cap));
    }

    #[test]
    fn a_parse_starts_from_the_kept_vectors() {
        let text = crate::SAMPLE_REPORT;
        drop(crate::parse(text).unwrap());
        let s = Scratch::take();
        assert!(s.lines.is_empty() && s.events.is_empty() && s.t3_items.is_empty());
        assert!(s.lines.capacity() >= crate::text::lines(text).len());
        assert!(s.events.capacity() > 0 && s.t2_items.capacity() > 0 && s.t3_items.capacity() > 0);
        s.keep();
    }

    /// A parse run from another thread-local's destructor, after this
    /// module's vectors and the label memo are gone, still reads the report.
    #[test]
    fn a_parse_during_thread_teardown_reads_the_report() {
        use std::sync::atomic::{AtomicU8, Ordering};
        static READ: AtomicU8 = AtomicU8::new(0);
        struct ParseOnDrop;
        impl Drop for ParseOnDrop {
            fn drop(&mut self) {
                let cells = crate::parse(crate::SAMPLE_REPORT).map_or(0, |r| r.cells().count());
                READ.store(if cells > 0 { 1 } else { 2 }, Ordering::SeqCst);
            }
        }
        thread_local!(static LATE: ParseOnDrop = const { ParseOnDrop });
        std::thread::spawn(|| {
            // Registered first, so destroyed last (after the parser's own).
            LATE.with(|_| ());
            drop(crate::parse(crate::SAMPLE_REPORT));
        })
        .join()
        .unwrap();
        assert_eq!(READ.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn huge_vectors_are_not_kept() {
        let mut s = Scratch::take();
        s.events.reserve(KEEP_MAX_BYTES / size_of::<Event<'_>>() + 1);
        s.lines.reserve(4);
        let lines_cap = s.lines.capacity();
        s.keep();
        let s = Scratch::take();
        assert_eq!(s.events.capacity(), 0);
        assert_eq!(s.lines.capacity(), lines_cap);
        s.keep();
    }
}
