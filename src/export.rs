//! Flat views of reports for spreadsheets, data frames and databases.
//!
//! Two shapes (`examples/export.rs` writes both as CSV):
//!
//! - **wide**: one row per report, the columns `file, agency, year, template`
//!   and then one column per cell key ([`wide_keys`]: the keys the reports
//!   hold, in the stable order of [`all_keys`]);
//! - **long**: one row per cell read, `file, agency, year, key, value`.
//!
//! A value is the number as [`Number`]'s `Display` prints it: exact digits,
//! a minus sign, a decimal point, and the unit of a 2019 procurement amount
//! (`251000元`, `25.1万元`). A blank cell is the empty string. In the wide
//! shape a cell the report does not have (another template's key, a row that
//! was not printed) is the empty string too; the long shape tells the two
//! apart, since it lists only the cells that were read.
//!
//! ```
//! let report = zfxxgk::parse(zfxxgk::SAMPLE_REPORT)?;
//! let keys = zfxxgk::export::wide_keys([&report]);
//! let row = zfxxgk::export::wide_values(&report, &keys);
//! let i = keys.iter().position(|k| k.to_string() == "t3.new_received.total").unwrap();
//! assert_eq!(row[i], "12");
//! # Ok::<(), zfxxgk::Error>(())
//! ```

use std::collections::HashSet;

use crate::key::{Applicant, CellKey, T2Key, T3Row, T4Col, T4Group};
use crate::parse::t2::{items, measures};
use crate::report::{Report, Template};
use crate::value::Number;

/// The first columns of the wide shape, before the cell keys.
pub const WIDE_FIXED: [&str; 4] = ["file", "agency", "year", "template"];

/// The columns of the long shape.
pub const LONG_HEADER: [&str; 5] = ["file", "agency", "year", "key", "value"];

/// Every cell key of both templates, in a stable order: the keys of the 2021
/// template (table 2, the 25 rows of table 3, table 4), then the keys only
/// the 2019 template has (its table-2 columns, in its order, and the single
/// （六）其他处理 row `t3.other.total.*`).
pub fn all_keys() -> Vec<CellKey> {
    let t2 = |template: Template| {
        items(template).iter().flat_map(move |&item| {
            measures(template, item).iter().map(move |&measure| CellKey::T2(T2Key { item, measure }))
        })
    };
    let t3 = |rows: &'static [T3Row]| {
        rows.iter().flat_map(|&row| Applicant::ALL.iter().map(move |&col| CellKey::T3 { row, col }))
    };
    let t4 = T4Group::ALL.iter().flat_map(|&group| T4Col::ALL.iter().map(move |&col| CellKey::T4 { group, col }));
    let mut keys: Vec<CellKey> = t2(Template::Y2021).chain(t3(&T3Row::TEMPLATE_2021)).chain(t4).collect();
    let seen: HashSet<CellKey> = keys.iter().copied().collect();
    keys.extend(t2(Template::Y2019).filter(|k| !seen.contains(k)));
    keys.extend(t3(&[T3Row::OtherTotal]));
    keys
}

/// The cell-key columns of the wide shape for a set of reports: every key
/// any of them holds, in the order of [`all_keys`].
pub fn wide_keys<'a>(reports: impl IntoIterator<Item = &'a Report>) -> Vec<CellKey> {
    let mut held: HashSet<CellKey> = HashSet::new();
    for r in reports {
        held.extend(r.cells().map(|(k, _)| k));
    }
    all_keys().into_iter().filter(|k| held.contains(k)).collect()
}

/// A cell value as exported: the number as printed (unit included), `""` for blank.
pub fn value_text(value: Option<Number>) -> String {
    value.map(|n| n.to_string()).unwrap_or_default()
}

/// The agency, year and template of a report as exported (`""` when unknown).
pub fn report_fields(report: &Report) -> [String; 3] {
    [
        report.metadata.agency.clone().unwrap_or_default(),
        report.metadata.year.map(|y| y.to_string()).unwrap_or_default(),
        report.template.as_str().to_owned(),
    ]
}

/// One wide row's cell values for `keys`: the value, `""` for a blank cell
/// and `""` for a cell the report does not have.
pub fn wide_values(report: &Report, keys: &[CellKey]) -> Vec<String> {
    keys.iter().map(|&k| report.cell(k).map(|c| value_text(c.number())).unwrap_or_default()).collect()
}

/// The long rows of a report: `(key, value)` for every cell read, in template order.
pub fn long_values(report: &Report) -> impl Iterator<Item = (CellKey, String)> + '_ {
    report.cells().map(|(k, v)| (k, value_text(v)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_keys_are_unique_and_cover_both_templates() {
        let keys = all_keys();
        let set: HashSet<_> = keys.iter().collect();
        assert_eq!(set.len(), keys.len());
        // 2021: 10 + 25 × 7 + 15; 2019 adds 22 − 3 (the shared 处理决定数量) + 7.
        assert_eq!(keys.len(), 10 + 175 + 15 + 19 + 7);
        assert_eq!(keys[0].to_string(), "t2.regulations.issued");
        assert_eq!(keys[200].to_string(), "t2.regulations.new_made");
        assert_eq!(keys.last().unwrap().to_string(), "t3.other.total.total");
    }
}
