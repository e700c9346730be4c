//! The shared corpus: the five seeds against their truth files, and the real
//! reports of `corpus/real` (complete tables, template as in MANIFEST.tsv,
//! and values pinned by reading each source text by hand).
//!
//! Runs only when `ZFXXGK_CORPUS` names the shared directory (the one holding
//! `seeds/`, `spec/truth/` and `corpus/real/`); when it is set and the
//! directory is missing, that is a failure, not a skip.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use zfxxgk::{CellKey, Report, Template};

/// The corpus root, or `None` (skip) when `ZFXXGK_CORPUS` is not set.
fn corpus() -> Option<PathBuf> {
    let Some(dir) = std::env::var_os("ZFXXGK_CORPUS") else {
        eprintln!("ZFXXGK_CORPUS is not set; corpus tests skipped");
        return None;
    };
    let dir = PathBuf::from(dir);
    for sub in ["seeds", "spec/truth", "corpus/real"] {
        assert!(dir.join(sub).is_dir(), "ZFXXGK_CORPUS={}: {sub}/ is missing", dir.display());
    }
    Some(dir)
}

fn parse_file(path: &Path) -> Report {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    zfxxgk::parse_bytes(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}

/// Every cell as key → displayed number (`None` for blank).
fn cells(r: &Report) -> BTreeMap<String, Option<String>> {
    r.cells().map(|(k, v)| (k.to_string(), v.map(|n| n.to_string()))).collect()
}

// --- seeds ------------------------------------------------------------------------

#[test]
fn seeds_match_their_truth() {
    let Some(dir) = corpus() else { return };
    let seeds = txt_files(&dir.join("seeds"));
    assert!(!seeds.is_empty(), "no seeds");
    let mut problems = Vec::new();
    for path in &seeds {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let truth_path = dir.join("spec/truth").join(format!("seed-{}.json", &name[..3]));
        let truth: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(&truth_path).unwrap_or_else(|e| panic!("{}: {e}", truth_path.display())),
        )
        .unwrap();
        assert_eq!(truth["file"].as_str(), Some(name.as_str()), "{}", truth_path.display());
        let r = parse_file(path);
        let got = cells(&r);
        let want: BTreeMap<String, Option<String>> = truth["cells"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), if v.is_null() { None } else { Some(v.to_string()) }))
            .collect();
        for (k, w) in &want {
            k.parse::<CellKey>().unwrap_or_else(|e| panic!("{name}: truth key {e}"));
            match got.get(k) {
                Some(g) if g == w => {}
                g => problems.push(format!("{name} {k}: truth {w:?}, parsed {g:?}")),
            }
        }
        for k in got.keys().filter(|k| !want.contains_key(*k)) {
            problems.push(format!("{name} {k}: parsed but not in the truth"));
        }
        for k in truth["blank_cells"].as_array().unwrap() {
            let k = k.as_str().unwrap();
            if got.get(k) != Some(&None) {
                problems.push(format!("{name} {k}: blank in the truth, parsed {:?}", got.get(k)));
            }
        }
        if r.metadata.agency.as_deref() != truth["agency"].as_str() {
            problems.push(format!("{name}: agency {:?}, truth {}", r.metadata.agency, truth["agency"]));
        }
        if r.metadata.year.map(u64::from) != truth["year"].as_u64() {
            problems.push(format!("{name}: year {:?}, truth {}", r.metadata.year, truth["year"]));
        }
        if Some(r.template.as_str()) != truth["format"].as_str() {
            problems.push(format!("{name}: template {}, truth {}", r.template, truth["format"]));
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

// --- real reports: completeness and the manifest -----------------------------------------

struct Entry {
    file: String,
    year: u16,
    format: String,
    layout: String,
}

fn manifest(dir: &Path) -> Vec<Entry> {
    let text = std::fs::read_to_string(dir.join("corpus/real/MANIFEST.tsv")).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap_or_else(|| panic!("MANIFEST has no {name}"));
    let (f, y, fmt, lay) = (col("file"), col("report_year"), col("format"), col("layout"));
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            Entry {
                file: c[f].to_owned(),
                year: c[y].parse().unwrap(),
                format: c[fmt].to_owned(),
                layout: c[lay].to_owned(),
            }
        })
        .collect()
}

#[test]
fn real_reports_parse_with_complete_tables() {
    let Some(dir) = corpus() else { return };
    let real = dir.join("corpus/real");
    let entries = manifest(&dir);
    // Every .txt is in the manifest and every manifest entry exists.
    let files: Vec<String> =
        txt_files(&real).iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    let listed: Vec<String> = entries.iter().map(|e| e.file.clone()).collect();
    assert_eq!(files, listed, "corpus/real and MANIFEST.tsv disagree");
    let mut problems = Vec::new();
    for e in &entries {
        let r = parse_file(&real.join(&e.file));
        let name = &e.file;
        if r.template.as_str() != e.format {
            problems.push(format!("{name}: template {}, manifest {}", r.template, e.format));
        }
        if r.metadata.year != Some(e.year) {
            problems.push(format!("{name}: year {:?}, manifest {}", r.metadata.year, e.year));
        }
        let t2 = r.table2.as_ref().map_or(0, |t| t.cells.len());
        let want_t2 = if r.template == Template::Y2019 { 22 } else { 10 };
        if t2 != want_t2 {
            problems.push(format!("{name}: {t2} table-2 cells, want {want_t2}"));
        }
        let t3 = r.cells().filter(|(k, _)| matches!(k, CellKey::T3 { .. })).count();
        if t3 != 25 * 7 && t3 != 23 * 7 {
            problems.push(format!("{name}: {t3} table-3 cells, want 175 or 161"));
        }
        let single = r.cells().any(|(k, _)| k.to_string().starts_with("t3.other.total."));
        if (t3 == 23 * 7) != single {
            problems.push(format!("{name}: {t3} table-3 cells but single （六） row = {single}"));
        }
        let t4 = r.cells().filter(|(k, _)| matches!(k, CellKey::T4 { .. })).count();
        if t4 != 15 {
            problems.push(format!("{name}: {t4} table-4 cells"));
        }
        for d in &r.diagnostics {
            if matches!(d.code, zfxxgk::DiagnosticCode::RowMissing | zfxxgk::DiagnosticCode::TableMissing) {
                problems.push(format!("{name}: {d}"));
            }
        }
        let kinds: Vec<_> = r.sections.iter().map(|s| s.kind).collect();
        if kinds != zfxxgk::SectionKind::ALL {
            problems.push(format!("{name}: sections {kinds:?}"));
        }
        let want_layout = match e.layout.as_str() {
            "pdf-flat" => zfxxgk::Layout::PdfFlat,
            "pdf-layout" => zfxxgk::Layout::PdfLayout,
            "cell-per-line" => zfxxgk::Layout::CellPerLine,
            "markdown" => zfxxgk::Layout::Markdown,
            _ => zfxxgk::Layout::TabSeparated,
        };
        if r.table3.as_ref().and_then(|t| t.layout) != Some(want_layout) {
            problems.push(format!(
                "{name}: table 3 layout {:?}, manifest {}",
                r.table3.as_ref().and_then(|t| t.layout),
                e.layout
            ));
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

// --- real reports: values read by hand from the source texts ------------------------------------

/// A file, its agency as its title prints it, and cells as read by hand (`"blank"` for an empty cell).
struct Pin {
    file: &'static str,
    agency: &'static str,
    cells: &'static [(&'static str, &'static str)],
}

// Huai'an 2024 (same PDF, flat and -layout): table 4 only in `PINS_PARSER_BUG`.
const HUAIAN_2024: &[(&str, &str)] = &[
    ("t2.regulations.issued", "1"),
    ("t2.regulations.in_force", "11"),
    ("t2.normative_documents.issued", "8"),
    ("t2.normative_documents.repealed", "26"),
    ("t2.normative_documents.in_force", "66"),
    ("t2.licensing.decisions", "447228"),
    ("t2.punishment.decisions", "3985758"),
    ("t2.enforcement.decisions", "88283"),
    ("t2.fees.amount", "96171.6"),
    ("t3.new_received.natural_person", "3001"),
    ("t3.new_received.legal_service", "61"),
    ("t3.new_received.total", "3119"),
    ("t3.carried_over.total", "34"),
    ("t3.granted.total", "1362"),
    ("t3.partially_granted.total", "454"),
    ("t3.withheld.state_secret.total", "2"),
    ("t3.withheld.administrative_query.total", "105"),
    ("t3.unavailable.not_held.total", "769"),
    ("t3.not_processed.duplicate.total", "25"),
    ("t3.other.no_correction.total", "71"),
    ("t3.other.other.total", "110"),
    ("t3.total.natural_person", "2932"),
    ("t3.total.total", "3050"),
    ("t3.carried_forward.total", "103"),
];

const HUAIAN_2024_T4: &[(&str, &str)] = &[
    ("t4.review.upheld", "72"),
    ("t4.review.corrected", "64"),
    ("t4.review.other", "178"),
    ("t4.review.pending", "37"),
    ("t4.review.total", "351"),
    ("t4.litigation_direct.upheld", "13"),
    ("t4.litigation_direct.total", "26"),
    ("t4.litigation_after_review.upheld", "12"),
    ("t4.litigation_after_review.pending", "6"),
    ("t4.litigation_after_review.total", "20"),
];

// Hongze 2023: （六）其他处理 as one row; table 4 printed 10 1 0 0 0 | 0 0 0 0 0 | 5 0 0 0 0
// (the totals really are printed as 0).
const HONGZE_2023: &[(&str, &str)] = &[
    ("t2.normative_documents.repealed", "5"),
    ("t2.normative_documents.in_force", "5"),
    ("t2.licensing.decisions", "550"),
    ("t2.punishment.decisions", "4119"),
    ("t2.enforcement.decisions", "195"),
    ("t2.fees.amount", "7730.28"),
    ("t3.new_received.total", "21"),
    ("t3.carried_over.total", "0"),
    ("t3.partially_granted.total", "4"),
    ("t3.withheld.state_secret.total", "1"),
    ("t3.withheld.process_info.total", "1"),
    ("t3.unavailable.not_held.total", "10"),
    ("t3.unavailable.needs_creation.total", "3"),
    ("t3.not_processed.petition.total", "1"),
    ("t3.other.total.total", "0"),
    ("t3.total.total", "21"),
    ("t3.carried_forward.total", "0"),
    ("t4.review.upheld", "10"),
    ("t4.review.corrected", "1"),
    ("t4.review.total", "0"),
    ("t4.litigation_after_review.upheld", "5"),
    ("t4.litigation_after_review.total", "0"),
];

const HONGZE_2024: &[(&str, &str)] = &[
    ("t2.normative_documents.issued", "3"),
    ("t2.normative_documents.in_force", "8"),
    ("t2.licensing.decisions", "9487"),
    ("t2.punishment.decisions", "2776"),
    ("t2.enforcement.decisions", "84"),
    ("t2.fees.amount", "7545"),
    ("t3.new_received.total", "95"),
    ("t3.granted.total", "50"),
    ("t3.partially_granted.total", "9"),
    ("t3.withheld.security_stability.total", "1"),
    ("t3.unavailable.not_held.total", "31"),
    ("t3.not_processed.petition.total", "1"),
    ("t3.other.total.total", "0"),
    ("t3.total.total", "95"),
    ("t3.carried_forward.total", "0"),
    ("t4.review.upheld", "1"),
    ("t4.review.total", "2"),
    ("t4.litigation_direct.total", "1"),
    ("t4.litigation_after_review.other", "1"),
    ("t4.litigation_after_review.total", "3"),
];

const PINS: &[Pin] = &[
    Pin { file: "001-huaian-gov-2024-pdf-flat.txt", agency: "淮安市人民政府", cells: HUAIAN_2024 },
    Pin { file: "002-huaian-gov-2024-pdf-layout.txt", agency: "淮安市人民政府", cells: HUAIAN_2024 },
    Pin { file: "002-huaian-gov-2024-pdf-layout.txt", agency: "淮安市人民政府", cells: HUAIAN_2024_T4 },
    // The title prints 洪泽区人民政府 (the manifest says 淮安市洪泽区人民政府).
    Pin { file: "003-hongze-gov-2023-pdf-flat.txt", agency: "洪泽区人民政府", cells: HONGZE_2023 },
    Pin { file: "004-hongze-gov-2023-pdf-layout.txt", agency: "洪泽区人民政府", cells: HONGZE_2023 },
    Pin { file: "005-hongze-gov-2024-pdf-flat.txt", agency: "淮安市洪泽区人民政府", cells: HONGZE_2024 },
    Pin { file: "006-hongze-gov-2024-pdf-layout.txt", agency: "淮安市洪泽区人民政府", cells: HONGZE_2024 },
    Pin {
        file: "007-shanghai-gov-office-2019-web-cells.txt",
        agency: "上海市人民政府办公厅",
        cells: &[
            ("t2.regulations.new_made", "13"),
            ("t2.regulations.total_published", "524"),
            ("t2.normative_documents.total_published", "368"),
            ("t2.punishment.decisions", "0"),
            ("t2.fees.change", "0"),
            ("t2.procurement.projects", "6"),
            ("t2.procurement.amount", "251000元"),
            ("t3.new_received.natural_person", "821"),
            ("t3.new_received.commercial", "35"),
            ("t3.new_received.research", "blank"),
            ("t3.new_received.total", "859"),
            ("t3.carried_over.total", "18"),
            ("t3.granted.natural_person", "258"),
            ("t3.granted.total", "blank"),
            ("t3.withheld.state_secret.natural_person", "14"),
            ("t3.unavailable.not_held.legal_service", "1"),
            ("t3.not_processed.petition.natural_person", "148"),
            ("t3.other.total.natural_person", "blank"),
            ("t3.total.natural_person", "767"),
            ("t3.total.total", "805"),
            ("t3.carried_forward.total", "72"),
            ("t4.review.upheld", "5"),
            ("t4.review.corrected", "blank"),
            ("t4.review.pending", "2"),
            ("t4.review.total", "7"),
            ("t4.litigation_direct.total", "9"),
            ("t4.litigation_after_review.total", "blank"),
        ],
    },
    Pin {
        file: "008-pingtan-gov-2023-web-cells.txt",
        agency: "平潭综合实验区",
        cells: &[
            ("t2.normative_documents.repealed", "132"),
            ("t2.licensing.decisions", "2629"),
            ("t2.punishment.decisions", "1330"),
            ("t2.fees.amount", "5949.088667"),
            ("t3.new_received.total", "81"),
            ("t3.partially_granted.commercial", "1"),
            ("t3.partially_granted.total", "20"),
            ("t3.unavailable.not_held.total", "31"),
            ("t3.other.no_correction.total", "1"),
            ("t3.total.total", "81"),
            ("t3.carried_forward.total", "0"),
            ("t4.review.total", "2"),
            ("t4.litigation_direct.pending", "1"),
            ("t4.litigation_direct.total", "5"),
            ("t4.litigation_after_review.total", "2"),
        ],
    },
    Pin {
        file: "009-pingtan-gov-2024-web-cells.txt",
        agency: "平潭综合实验区",
        cells: &[
            ("t2.normative_documents.in_force", "440"),
            ("t2.punishment.decisions", "1100"),
            ("t2.fees.amount", "18651.06"),
            ("t3.new_received.total", "218"),
            ("t3.granted.total", "71"),
            ("t3.withheld.internal_affairs.total", "32"),
            ("t3.other.no_correction.total", "1"),
            ("t3.other.other.commercial", "1"),
            ("t3.other.other.total", "2"),
            ("t3.total.total", "218"),
            ("t3.carried_forward.total", "0"),
            ("t4.review.other", "3"),
            ("t4.review.total", "7"),
            ("t4.litigation_direct.total", "0"),
            ("t4.litigation_after_review.total", "19"),
        ],
    },
    Pin {
        file: "010-pingtan-gov-2025-web-cells.txt",
        agency: "平潭综合实验区",
        cells: &[
            ("t2.normative_documents.in_force", "546"),
            ("t2.punishment.decisions", "644"),
            ("t2.fees.amount", "4166.241619"),
            ("t3.new_received.total", "154"),
            ("t3.unavailable.not_held.total", "50"),
            ("t3.other.unpaid_fee.total", "2"),
            ("t3.total.natural_person", "147"),
            ("t3.total.total", "148"),
            ("t3.carried_forward.commercial", "2"),
            ("t3.carried_forward.total", "6"),
            ("t4.review.upheld", "25"),
            ("t4.review.total", "36"),
            ("t4.litigation_direct.total", "6"),
            ("t4.litigation_after_review.total", "3"),
        ],
    },
    Pin {
        // The OCR'd title prints 沐阳县 (the manifest: 沭阳县人民政府).
        file: "011-shuyang-gov-2025-markdown.txt",
        agency: "沐阳县人民政府",
        cells: &[
            ("t2.normative_documents.in_force", "32"),
            ("t2.licensing.decisions", "517645"),
            ("t2.punishment.decisions", "693957"),
            ("t2.enforcement.decisions", "2154"),
            ("t2.fees.amount", "4068.208"),
            ("t3.new_received.natural_person", "705"),
            ("t3.new_received.total", "713"),
            ("t3.carried_over.total", "36"),
            ("t3.granted.total", "294"),
            ("t3.partially_granted.total", "101"),
            ("t3.unavailable.not_held.total", "111"),
            ("t3.other.no_correction.total", "9"),
            ("t3.other.unpaid_fee.total", "7"),
            ("t3.other.other.total", "143"),
            ("t3.total.total", "718"),
            ("t3.carried_forward.total", "31"),
            ("t4.review.pending", "15"),
            ("t4.review.total", "61"),
            ("t4.litigation_direct.total", "3"),
            ("t4.litigation_after_review.total", "10"),
        ],
    },
    Pin {
        file: "012-shuyang-fgj-2023-web-cells.txt",
        agency: "沭阳县发展和改革局",
        cells: &[
            ("t2.normative_documents.issued", "8"),
            ("t2.normative_documents.in_force", "18"),
            ("t2.punishment.decisions", "0"),
            ("t2.fees.amount", "0"),
            ("t3.new_received.natural_person", "26"),
            ("t3.new_received.commercial", "blank"),
            ("t3.new_received.total", "26"),
            ("t3.granted.total", "26"),
            ("t3.total.total", "26"),
            ("t3.carried_forward.natural_person", "0"),
            ("t3.carried_forward.other_org", "blank"),
            ("t3.carried_forward.total", "0"),
            ("t4.review.pending", "1"),
            ("t4.review.total", "1"),
            ("t4.litigation_after_review.total", "0"),
        ],
    },
];

/// Table 4 of the flattened Huai'an PDF, printed out of order (see
/// `real_reports_pinned_values_jumbled_table4`).
const PINS_JUMBLED_T4: &[Pin] =
    &[Pin { file: "001-huaian-gov-2024-pdf-flat.txt", agency: "淮安市人民政府", cells: HUAIAN_2024_T4 }];

fn check_pins(dir: &Path, pins: &[Pin]) {
    let real = dir.join("corpus/real");
    let mut problems = Vec::new();
    for pin in pins {
        let r = parse_file(&real.join(pin.file));
        if r.metadata.agency.as_deref() != Some(pin.agency) {
            problems.push(format!("{}: agency {:?}, the title prints {}", pin.file, r.metadata.agency, pin.agency));
        }
        for &(k, want) in pin.cells {
            let key: CellKey = k.parse().unwrap_or_else(|e| panic!("{e}"));
            let got = match r.cell(key) {
                None => "absent".to_owned(),
                Some(c) => c.number().map_or_else(|| "blank".to_owned(), |n| n.to_string()),
            };
            if got != want {
                problems.push(format!("{} {k}: read by hand {want}, parsed {got}", pin.file));
            }
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn real_reports_pinned_values() {
    let Some(dir) = corpus() else { return };
    // Every file of the manifest has pins.
    for e in manifest(&dir) {
        assert!(PINS.iter().any(|p| p.file == e.file), "no pins for {}", e.file);
    }
    check_pins(&dir, PINS);
}

/// Table 4 of the flattened Huai'an PDF (001) is printed in jumbled order:
/// `72 64 178 37 | 12 1 1 6 | 351 | 13 4 8 1 26 | 20` among scattered header
/// words. The -layout text of the same PDF (002) and the prose (行政复议 351
/// 件: 72 + 64 + 178 + 37) give review 72 64 178 37 351, direct suit
/// 13 4 8 1 26, suit after review 12 1 1 6 20. The parser reorders the
/// values to the one order in which every group adds up and that agrees
/// best with the group names printed around them (`table.values_reordered`).
#[test]
fn real_reports_pinned_values_jumbled_table4() {
    let Some(dir) = corpus() else { return };
    check_pins(&dir, PINS_JUMBLED_T4);
    // And the flat and -layout texts of the same PDF agree on every cell.
    let real = dir.join("corpus/real");
    assert_eq!(
        cells(&parse_file(&real.join("001-huaian-gov-2024-pdf-flat.txt"))),
        cells(&parse_file(&real.join("002-huaian-gov-2024-pdf-layout.txt")))
    );
}

/// The same PDF extracted with and without `-layout` gives the same cells.
#[test]
fn flat_and_layout_texts_of_one_pdf_agree() {
    let Some(dir) = corpus() else { return };
    let real = dir.join("corpus/real");
    for (a, b) in [
        ("003-hongze-gov-2023-pdf-flat.txt", "004-hongze-gov-2023-pdf-layout.txt"),
        ("005-hongze-gov-2024-pdf-flat.txt", "006-hongze-gov-2024-pdf-layout.txt"),
    ] {
        let (ra, rb) = (parse_file(&real.join(a)), parse_file(&real.join(b)));
        assert_eq!(cells(&ra), cells(&rb), "{a} vs {b}");
        assert_eq!(ra.metadata.agency, rb.metadata.agency);
    }
    // (001/002: see `real_reports_pinned_values_jumbled_table4`.)
}

/// The real reports obey the arithmetic where the source does (table 3 of
/// the 2021-template reports): a check that the pins did not land on a
/// consistently shifted reading.
#[test]
fn real_reports_table3_balances() {
    let Some(dir) = corpus() else { return };
    let real = dir.join("corpus/real");
    for e in manifest(&dir) {
        let r = parse_file(&real.join(&e.file));
        let get = |k: String| r.cell(k.parse().unwrap()).and_then(|c| c.number()).map_or(0, |n| n.mantissa);
        for col in ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"]
        {
            let lhs = get(format!("t3.new_received.{col}")) + get(format!("t3.carried_over.{col}"));
            let rhs = get(format!("t3.total.{col}")) + get(format!("t3.carried_forward.{col}"));
            assert_eq!(lhs, rhs, "{} t3.balance {col}", e.file);
        }
    }
}
