//! Tests over the shared corpus; run when `ZFXXGK_CORPUS` names it (then a
//! missing corpus is a failure, not a skip).

use std::path::PathBuf;

fn corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("ZFXXGK_CORPUS")?);
    assert!(dir.join("seeds").is_dir(), "ZFXXGK_CORPUS={} has no seeds/", dir.display());
    assert!(dir.join("corpus/real/MANIFEST.tsv").is_file(), "ZFXXGK_CORPUS={} has no corpus/real", dir.display());
    Some(dir)
}

fn parse_file(p: &std::path::Path) -> zfxxgk::Report {
    let bytes = std::fs::read(p).unwrap();
    zfxxgk::parse_bytes(&bytes).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn value(r: &zfxxgk::Report, key: &str) -> Option<f64> {
    r.cell(key.parse().unwrap()).and_then(|c| c.number()).map(|n| n.to_f64())
}

#[test]
fn seeds_match_the_expected_cells() {
    let Some(dir) = corpus() else { return };
    let mut checked = 0;
    for entry in std::fs::read_dir(dir.join("seeds")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let truth: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("spec/truth/seed-{}.json", &name[..3]))).unwrap(),
        )
        .unwrap();
        let r = parse_file(&path);
        assert_eq!(r.metadata.agency.as_deref(), truth["agency"].as_str(), "{name}");
        assert_eq!(r.metadata.year.map(u64::from), truth["year"].as_u64(), "{name}");
        let cells = truth["cells"].as_object().unwrap();
        assert_eq!(r.cells().count(), cells.len(), "{name}");
        for (k, v) in cells {
            assert_eq!(value(&r, k), v.as_f64(), "{name} {k}");
            checked += 1;
        }
    }
    assert!(checked >= 5 * 200);
}

#[test]
fn real_reports_parse_complete_with_pinned_values() {
    let Some(dir) = corpus() else { return };
    let real = dir.join("corpus/real");
    let manifest = std::fs::read_to_string(real.join("MANIFEST.tsv")).unwrap();
    for line in manifest.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (file, year, format) = (cols[0], cols[2], cols[3]);
        let r = parse_file(&real.join(file));
        assert_eq!(r.template().as_str(), format, "{file}");
        assert_eq!(r.metadata.year.map(|y| y.to_string()).as_deref(), Some(year), "{file}");
        let t2 = if format == "2019" { 22 } else { 10 };
        let n = r.cells().count();
        assert!(n == t2 + 25 * 7 + 15 || n == t2 + 23 * 7 + 15, "{file}: {n} cells");
    }
    // Values read by hand from the source text (and, for the PDF pairs, equal in both renderings).
    let pins: &[(&str, &[(&str, f64)])] = &[
        (
            "002-huaian-gov-2024-pdf-layout.txt",
            &[
                ("t3.new_received.total", 3119.0),
                ("t3.total.total", 3050.0),
                ("t3.carried_forward.total", 103.0),
                ("t4.review.total", 351.0),
                ("t4.litigation_direct.total", 26.0),
                ("t2.punishment.decisions", 3985758.0),
                ("t2.fees.amount", 96171.6),
            ],
        ),
        (
            "001-huaian-gov-2024-pdf-flat.txt",
            &[
                ("t3.new_received.total", 3119.0),
                ("t3.unavailable.not_held.total", 769.0),
                ("t3.other.other.total", 110.0),
                ("t3.total.total", 3050.0),
            ],
        ),
        (
            "003-hongze-gov-2023-pdf-flat.txt",
            &[
                ("t3.new_received.total", 21.0),
                ("t3.unavailable.not_held.natural_person", 10.0),
                ("t3.unavailable.needs_creation.total", 3.0),
                ("t3.withheld.process_info.total", 1.0),
                ("t3.total.total", 21.0),
                ("t2.licensing.decisions", 550.0),
            ],
        ),
        (
            "004-hongze-gov-2023-pdf-layout.txt",
            &[
                ("t3.unavailable.not_held.total", 10.0),
                ("t4.review.upheld", 10.0),
                ("t4.litigation_after_review.upheld", 5.0),
            ],
        ),
        (
            "007-shanghai-gov-office-2019-web-cells.txt",
            &[
                ("t2.regulations.total_published", 524.0),
                ("t2.procurement.projects", 6.0),
                ("t3.new_received.total", 859.0),
                ("t3.new_received.research", f64::NAN),
            ],
        ),
        (
            "011-shuyang-gov-2025-markdown.txt",
            &[
                ("t3.new_received.total", 713.0),
                ("t3.other.other.total", 143.0),
                ("t3.total.total", 718.0),
                ("t4.review.total", 61.0),
                ("t2.fees.amount", 4068.208),
            ],
        ),
    ];
    for (file, values) in pins {
        let r = parse_file(&real.join(file));
        for (k, v) in *values {
            let got = value(&r, k);
            if v.is_nan() {
                assert_eq!(got, None, "{file} {k} is blank");
            } else {
                assert_eq!(got, Some(*v), "{file} {k}");
            }
        }
    }
}
