//! A deterministic fixture generator for annual reports.
//!
//! [`Fixture::generate`] invents a report from a seed (hand-rolled xorshift,
//! no `rand`): agency, year, a consistent table 2 (counts and a decimal fee),
//! table 3 (row totals, （七）总计 and the 一+二 = 三（七）+四 balance hold), table
//! 4 (group totals hold), optional blank cells and prose sections 一…六 with
//! subsections. [`render`] prints it in one of the layouts real reports come
//! in, each modelled on a seed or corpus file:
//!
//! | [`Layout`] | modelled on |
//! |---|---|
//! | `Tab` | seeds 000/001: Word copy, tab-separated, merged cells, a row that lost its leading tabs |
//! | `CellPerLine` | seed 003: one tab-prefixed cell per line, blank line between rows, tab-only blank cells |
//! | `WebDouble` | seed 002: every cell followed by an empty line, site boilerplate around the article |
//! | `PdfFlat` | seed 004 and corpus 001/003: pdftotext without `-layout` |
//! | `PdfLayout` | corpus 002/004: `pdftotext -layout`, columns aligned with spaces |
//! | `Markdown` | corpus 011: pipe tables (rowspans dropped as an HTML converter does) |
//!
//! [`Options`] adds the encoding-level variants: full-width digits and
//! punctuation, CRLF, a UTF-8 BOM, and how blank cells are written.
#![allow(dead_code)]

use std::fmt::Write as _;

use zfxxgk::{Applicant, Number, Report, SectionKind, T2Item, T2Key, T2Measure, T3Row, T4Col, T4Group, Template, Unit};

// ---------------------------------------------------------------------------
// Hand-written fixtures

/// A complete 2021-template report, tab-separated as Word copies it (seed 000).
/// Table 3 is consistent: 一 13 + 二 1 = 三（七）12 + 四 2.
pub const TAB: &str = "\
示例县测试局2023年度政府信息公开工作年度报告

本报告所列数据的统计期限为2023年1月1日至12月31日。

一、总体情况

（一）主动公开
全年主动公开政府信息120条。
（二）依申请公开
全年共收到政府信息公开申请13件。

二、主动公开政府信息情况

第二十条第（一）项\t\t\t
信息内容\t本年制发件数\t本年废止件数\t现行有效件数
规章\t0\t0\t2
行政规范性文件\t3\t1\t9
第二十条第（五）项\t\t\t
信息内容\t本年处理决定数量\t\t
行政许可\t15\t\t
第二十条第（六）项\t\t\t
信息内容\t本年处理决定数量\t\t
行政处罚\t7\t\t
行政强制\t4\t\t
第二十条第（八）项\t\t\t
信息内容\t本年收费金额（单位：万元）\t\t
行政事业性收费\t1.25\t\t

三、收到和处理政府信息公开申请情况

（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t申请人情况\t\t\t\t\t\t总计\t
\t\t自然人\t法人或其他组织\t\t\t\t\t\t
\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\t
一、本年新收政府信息公开申请数量\t10\t2\t0\t0\t1\t0\t13\t\t
二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\t\t
三、本年度办理结果\t（一）予以公开\t5\t1\t0\t0\t1\t0\t7\t
\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t2\t0\t0\t0\t0\t0\t2\t
\t（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0
\t\t2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0
\t\t3.危及“三安全一稳定”\t0\t0\t0\t0\t0\t0\t0
\t\t4.保护第三方合法权益\t1\t0\t0\t0\t0\t0\t1
\t\t5.属于三类内部事务信息\t0\t0\t0\t0\t0\t0\t0
\t\t6.属于四类过程性信息\t0\t0\t0\t0\t0\t0\t0
\t\t7.属于行政执法案卷\t0\t0\t0\t0\t0\t0\t0
\t\t8.属于行政查询事项\t0\t0\t0\t0\t0\t0\t0
\t（四）无法提供\t1.本机关不掌握相关政府信息\t1\t1\t0\t0\t0\t0\t2
\t\t2.没有现成信息需要另行制作\t0\t0\t0\t0\t0\t0\t0
\t\t3.补正后申请内容仍不明确\t0\t0\t0\t0\t0\t0\t0
\t（五）不予处理\t1.信访举报投诉类申请\t0\t0\t0\t0\t0\t0\t0
\t\t2.重复申请\t0\t0\t0\t0\t0\t0\t0
\t\t3.要求提供公开出版物\t0\t0\t0\t0\t0\t0\t0
\t\t4.无正当理由大量反复申请\t0\t0\t0\t0\t0\t0\t0
\t\t5.要求行政机关确认或重新出具已获取信息\t0\t0\t0\t0\t0\t0\t0
\t（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0
\t\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0
\t\t3.其他\t0\t0\t0\t0\t0\t0\t0
（七）总计\t9\t2\t0\t0\t1\t0\t12\t\t
四、结转下年度继续办理\t2\t0\t0\t0\t0\t0\t2\t\t

四、政府信息公开行政复议、行政诉讼情况

行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t
结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t
\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计
1\t0\t0\t1\t2\t0\t0\t0\t0\t0\t0\t1\t0\t0\t1

五、存在的主要问题及改进情况

（一）存在的主要问题。一是解读形式单一。
（二）改进措施。一是丰富解读形式。

六、其他需要报告的事项

本年度未收取信息处理费。
";

/// Table 3 of a PDF flattened by pdftotext (seed 004 layout), one row wrapped
/// so that neither half names the row on its own.
pub const PDF_FLAT: &str = "\
示例市测试局
2023 年政府信息公开工作年度报告

一、总体情况

（一）主动公开

全年主动公开政府信息 120 条。

二、主动公开政府信息情况

第二十条第（一）项

信息内容 本年制发件数 本年废止件数 现行有效件数

规章 0 0 2

行政规范性文件 3 1 9

第二十条第（五）项

信息内容 本年处理决定数量

行政许可 15

第二十条第（六）项

信息内容 本年处理决定数量

行政处罚 7

行政强制 4

第二十条第（八）项

信息内容 本年收费金额（单位：万元）

行政事业性收费 1.25

三、收到和处理政府信息公开申请情况

（本列数据的勾稽关系为：第一项加第二项之

和，等于第三项加第四项之和）

一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3

二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0

三、本

年度

办理

结果

（一）予以公开 1 0 0 0 0 0 1

（二）部分公开（区分处理的，只计这

一情形，不计其他情形）

0 0 0 0 0 0 0

（三）

不予公

开

1.属于国家秘密 0 0 0 0 0 0 0

2.其他法律行政法规禁止公开 0 0 0 0 0 0 0

3.危及“三安全一稳定” 0 0 0 0 0 0 0

4.保护第三方合法权益 0 0 0 0 0 0 0

5.属于三类内部事务信息 0 0 0 0 0 0 0

6.属于四类过程性信息 0 0 0 0 0 0 0

7.属于行政执法案卷 0 0 0 0 0 0 0

8.属于行政查询事项 0 0 0 0 0 0 0

（四）

无法提

供

1.本机关不掌握相关政府信息 1 0 0 0 0 0 1

2.没有现成信息需要另行制作 0 0 0 0 0 0 0

3.补正后申请内容仍不明确 0 0 0 0 0 0 0

（五）

不予处

理

1.信访举报投诉类申请 0 0 0 0 0 0 0

2.重复申请 0 0 0 0 0 0 0

3.要求提供公开出版物 0 0 0 0 0 0 0

4.无正当理由大量反复申请 0 0 0 0 0 0 0

5.要求行政机关确认或重

新出具已获取信息

1 0 0 0 0 0 1

（六）

其他处

理

1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0

2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0

3.其他 0 0 0 0 0 0 0

（七）总计 3 0 0 0 0 0 3

四、结转下年度继续办理 0 0 0 0 0 0 0

四、政府信息公开行政复议、行政诉讼情况

行政复议 行政诉讼

结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉

结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计

0 1 0 0 1 0 0 0 0 0 2 0 0 0 2

五、存在的主要问题及改进情况

一是解读形式单一。

六、其他需要报告的事项

本年度未收取信息处理费。
";

// ---------------------------------------------------------------------------
// PRNG

/// xorshift64* — small, deterministic, good enough for fixtures.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator for a seed (any seed, including 0).
    pub fn new(seed: u64) -> Rng {
        let mut s = seed.wrapping_add(0x9E37_79B9_7F4A_7C15).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        s ^= s >> 31;
        if s == 0 {
            s = 0x2545_F491_4F6C_DD1D;
        }
        let mut r = Rng(s);
        for _ in 0..4 {
            r.next_u64();
        }
        r
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One element of a slice.
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }

    /// A small count: mostly 0, sometimes tens, rarely thousands.
    pub fn count(&mut self) -> i64 {
        match self.below(100) {
            0..=54 => 0,
            55..=84 => self.range(1, 9),
            85..=95 => self.range(10, 99),
            _ => self.range(100, 4000),
        }
    }
}

// ---------------------------------------------------------------------------
// The invented report

/// A prose block of a section.
#[derive(Clone, Debug)]
pub enum Block {
    /// A subsection: marker (`（一）` or `(一) `), title, body sentences.
    Sub { marker: String, title: String, body: Vec<String>, inline: bool },
    /// A paragraph without marker.
    Para(Vec<String>),
}

/// One of the six sections.
#[derive(Clone, Debug)]
pub struct SectionFx {
    pub kind: SectionKind,
    /// Heading without the numeral, e.g. 总体情况.
    pub heading: String,
    /// Prose (empty for the table sections).
    pub blocks: Vec<Block>,
}

impl SectionFx {
    /// The heading as printed, e.g. 一、总体情况.
    pub fn full_heading(&self) -> String {
        format!("{}、{}", self.kind.numeral(), self.heading)
    }

    /// The subsection markers, in order.
    pub fn markers(&self) -> Vec<String> {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Sub { marker, .. } => Some(marker.trim().to_owned()),
                Block::Para(_) => None,
            })
            .collect()
    }
}

/// An invented report: the truth the renderers print and the parser must give back.
#[derive(Clone, Debug)]
pub struct Fixture {
    pub seed: u64,
    pub agency: String,
    pub year: u16,
    /// Table 2, template order (10 cells).
    pub t2: Vec<(T2Key, Option<Number>)>,
    /// Table 3 rows in printed order with their 7 values (None = blank).
    pub t3: Vec<(T3Row, [Option<i64>; 7])>,
    /// Table 4: groups × columns.
    pub t4: [[Option<i64>; 5]; 3],
    pub sections: Vec<SectionFx>,
    /// Print counts ≥ 1000 with thousands separators.
    pub thousands: bool,
    /// （六）其他处理 printed as one row (some 2021-template PDFs).
    pub single_other_row: bool,
    /// Publication date (y, m, d).
    pub published: (u16, u8, u8),
    /// The template the tables follow ([`Fixture::generate_2019`] makes 2019-template reports).
    pub template: Template,
}

const PLACES: &[&str] = &[
    "海盐县",
    "中卫市",
    "湘潭县",
    "舒城县",
    "青川县",
    "广州市",
    "淮安市洪泽区",
    "平潭综合实验区",
    "沭阳县",
    "德清县",
    "嘉兴市南湖区",
    "宜宾市叙州区",
    "临夏州",
    "和平县",
    "东阳市",
];
const DEPTS: &[&str] = &[
    "医疗保障局",
    "人民政府",
    "人民政府办公室",
    "财政局",
    "自然资源和规划局",
    "教育局",
    "人力资源和社会保障局",
    "生态环境局",
    "交通运输局",
    "市场监督管理局",
    "住房和城乡建设局",
    "农业农村局",
    "卫生健康委员会",
    "水利局",
];

/// Generation knobs (defaults: everything on).
#[derive(Clone, Copy, Debug)]
pub struct GenOptions {
    /// Percentage of fixtures that have blank cells at all.
    pub blank_fixtures: u64,
    /// Blank cells may be the first or last cell of a table-2/3 row.
    pub blank_edges: bool,
    /// The first and the last cell of table 4 may be blank.
    pub t4_edge_blanks: bool,
    /// Allow （六）其他处理 as a single row.
    pub allow_single_other: bool,
}

impl Default for GenOptions {
    fn default() -> Self {
        GenOptions { blank_fixtures: 35, blank_edges: true, t4_edge_blanks: true, allow_single_other: true }
    }
}

impl Fixture {
    /// Invents a report from a seed.
    pub fn generate(seed: u64) -> Fixture {
        Fixture::generate_with(seed, GenOptions::default())
    }

    /// Invents a report from a seed with knobs.
    pub fn generate_with(seed: u64, g: GenOptions) -> Fixture {
        let mut rng = Rng::new(seed);
        let agency = format!("{}{}", rng.pick(PLACES), rng.pick(DEPTS));
        let year = rng.range(2021, 2025) as u16;
        let with_blanks = rng.chance(g.blank_fixtures);
        let blank_pct = if with_blanks { rng.range(3, 12) as u64 } else { 0 };
        let single_other_row = g.allow_single_other && rng.chance(10);
        let thousands = rng.chance(20);

        // Table 2.
        let mut t2 = Vec::new();
        let blankable = |rng: &mut Rng, v: i64, edge: bool| -> Option<Number> {
            if v == 0 && (g.blank_edges || !edge) && rng.chance(blank_pct) { None } else { Some(Number::count(v)) }
        };
        for item in [T2Item::Regulations, T2Item::NormativeDocuments] {
            let issued = if item == T2Item::Regulations { rng.range(0, 2) * rng.range(0, 1) } else { rng.count() % 40 };
            let repealed = rng.count() % 20;
            let in_force = issued + rng.range(0, 60);
            for (m, v) in [(T2Measure::Issued, issued), (T2Measure::Repealed, repealed), (T2Measure::InForce, in_force)]
            {
                let edge = m != T2Measure::Repealed;
                t2.push((T2Key { item, measure: m }, blankable(&mut rng, v, edge)));
            }
        }
        for item in [T2Item::Licensing, T2Item::Punishment, T2Item::Enforcement] {
            let v = match rng.below(4) {
                0 => 0,
                1 => rng.range(1, 99),
                2 => rng.range(100, 9999),
                _ => rng.range(10_000, 700_000),
            };
            t2.push((T2Key { item, measure: T2Measure::Decisions }, blankable(&mut rng, v, false)));
        }
        let fee = match rng.below(5) {
            0 => Some(Number::count(0)),
            1 if blank_pct > 0 => None,
            _ => {
                let scale = rng.range(0, 3) as u8;
                let mantissa = rng.range(1, 10i64.pow(4 + u32::from(scale)));
                Some(Number { mantissa, scale, unit: None })
            }
        };
        t2.push((T2Key { item: T2Item::Fees, measure: T2Measure::Amount }, fee));

        // Table 3: outcome rows first.
        let rows: &[T3Row] = if single_other_row { &T3Row::SINGLE_OTHER_ROW } else { &T3Row::TEMPLATE_2021 };
        let mut vals: Vec<(T3Row, [i64; 7])> = rows.iter().map(|&r| (r, [0; 7])).collect();
        let heavy = rng.chance(30); // a busy agency
        for (row, v) in vals.iter_mut() {
            if row.is_outcome() {
                for (c, x) in v.iter_mut().take(6).enumerate() {
                    let p = match (c, heavy) {
                        (0, true) => 70,
                        (0, false) => 30,
                        (_, true) => 25,
                        (_, false) => 6,
                    };
                    *x = if rng.chance(p) { rng.count() } else { 0 };
                }
            }
        }
        let mut total = [0i64; 7];
        for (row, v) in &vals {
            if row.is_outcome() {
                for c in 0..6 {
                    total[c] += v[c];
                }
            }
        }
        let mut carried_forward = [0i64; 7];
        let mut carried_over = [0i64; 7];
        let mut new_received = [0i64; 7];
        for c in 0..6 {
            carried_forward[c] = if rng.chance(30) { rng.range(0, 1 + total[c] / 4) } else { 0 };
            let pool = total[c] + carried_forward[c];
            carried_over[c] = if rng.chance(40) { rng.range(0, pool.min(50)) } else { 0 };
            new_received[c] = pool - carried_over[c];
        }
        for (row, v) in vals.iter_mut() {
            match row {
                T3Row::Total => *v = total,
                T3Row::CarriedForward => *v = carried_forward,
                T3Row::CarriedOver => *v = carried_over,
                T3Row::NewReceived => *v = new_received,
                _ => {}
            }
            v[6] = v[..6].iter().sum();
        }
        let t3: Vec<(T3Row, [Option<i64>; 7])> = vals
            .iter()
            .map(|(row, v)| {
                let mut out = [None; 7];
                for c in 0..7 {
                    let edge = c == 0 || c == 6;
                    let blank = v[c] == 0 && (g.blank_edges || !edge) && rng.chance(blank_pct);
                    out[c] = if blank { None } else { Some(v[c]) };
                }
                (*row, out)
            })
            .collect();

        // Table 4.
        let mut t4 = [[None; 5]; 3];
        for (gi, grp) in t4.iter_mut().enumerate() {
            let mut sum = 0;
            for (c, cell) in grp.iter_mut().enumerate().take(4) {
                let v = if rng.chance(35) { rng.count() % 80 } else { 0 };
                sum += v;
                let leading = gi == 0 && c == 0;
                *cell = if v == 0 && (g.t4_edge_blanks || !leading) && rng.chance(blank_pct) { None } else { Some(v) };
            }
            let trailing = gi == 2;
            grp[4] =
                if sum == 0 && (g.t4_edge_blanks || !trailing) && rng.chance(blank_pct) { None } else { Some(sum) };
        }

        let received = new_received.iter().take(6).sum::<i64>();
        let punished = t2[7].1.map_or(0, |n| n.mantissa);
        let sections = prose(&mut rng, year, &agency, received, punished);
        let published = (year + 1, rng.range(1, 3) as u8, rng.range(1, 28) as u8);
        Fixture {
            seed,
            agency,
            year,
            t2,
            t3,
            t4,
            sections,
            thousands,
            single_other_row,
            published,
            template: Template::Y2021,
        }
    }

    /// Invents a 2019-template report (reports for 2019 and 2020) from a seed.
    pub fn generate_2019(seed: u64) -> Fixture {
        Fixture::generate_2019_with(seed, GenOptions::default())
    }

    /// Invents a 2019-template report with knobs: table 2 with the 2019 blocks
    /// and columns (本年增/减 may be negative, 政府集中采购 amounts carry 元 or
    /// 万元), table 3 with （六）其他处理 as one row, table 4 as in 2021.
    /// `allow_single_other` is ignored (the single row is the template's).
    pub fn generate_2019_with(seed: u64, g: GenOptions) -> Fixture {
        let mut fx = Fixture::generate_with(seed, GenOptions { allow_single_other: false, ..g });
        let mut rng = Rng::new(seed ^ 0x2019_0060_2019_0060);
        fx.template = Template::Y2019;
        fx.year = rng.range(2019, 2020) as u16;
        fx.published.0 = fx.year + 1;
        // （六）其他处理: the three sub-rows of the 2021 fixture folded into one row
        // (every total still holds: the row sums the same cells).
        let subs = [T3Row::OtherNoCorrection, T3Row::OtherUnpaidFee, T3Row::OtherOther];
        let mut other = [None; 7];
        for (_, v) in fx.t3.iter().filter(|(r, _)| subs.contains(r)) {
            for c in 0..7 {
                if let Some(x) = v[c] {
                    other[c] = Some(other[c].unwrap_or(0) + x);
                }
            }
        }
        let at = fx.t3.iter().position(|(r, _)| *r == T3Row::OtherNoCorrection).expect("2021 rows");
        fx.t3.retain(|(r, _)| !subs.contains(r));
        fx.t3.insert(at, (T3Row::OtherTotal, other));
        fx.single_other_row = true;

        // Table 2, 2019 template.
        let blank_pct = if rng.chance(g.blank_fixtures) { rng.range(3, 12) as u64 } else { 0 };
        let mut t2 = Vec::new();
        let mut push = |rng: &mut Rng, item: T2Item, m: T2Measure, n: Number, edge: bool| {
            let blank = n.mantissa == 0 && (g.blank_edges || !edge) && rng.chance(blank_pct);
            t2.push((T2Key { item, measure: m }, if blank { None } else { Some(n) }));
        };
        for item in [T2Item::Regulations, T2Item::NormativeDocuments] {
            let made = if item == T2Item::Regulations { rng.range(0, 3) * rng.range(0, 1) } else { rng.count() % 60 };
            let published = if made > 0 { rng.range(0, made) } else { 0 };
            let total = published + rng.range(0, 300);
            push(&mut rng, item, T2Measure::NewMade, Number::count(made), true);
            push(&mut rng, item, T2Measure::NewPublished, Number::count(published), false);
            push(&mut rng, item, T2Measure::TotalPublished, Number::count(total), true);
        }
        for item in [T2Item::Licensing, T2Item::OtherServices, T2Item::Punishment, T2Item::Enforcement] {
            let previous = if rng.chance(40) { 0 } else { rng.range(1, 400) };
            let change = match rng.below(3) {
                0 => 0,
                1 => rng.range(1, 40),
                _ => -rng.range(1, previous.clamp(1, 40)),
            };
            let decisions = match rng.below(4) {
                0 => 0,
                1 => rng.range(1, 99),
                2 => rng.range(100, 9999),
                _ => rng.range(10_000, 700_000),
            };
            push(&mut rng, item, T2Measure::PreviousYear, Number::count(previous), true);
            push(&mut rng, item, T2Measure::Change, Number::count(change), false);
            push(&mut rng, item, T2Measure::Decisions, Number::count(decisions), true);
        }
        let fees_previous = rng.range(0, 25);
        let fees_change = if rng.chance(50) { 0 } else { rng.range(-fees_previous.min(5), 5) };
        push(&mut rng, T2Item::Fees, T2Measure::PreviousYear, Number::count(fees_previous), true);
        push(&mut rng, T2Item::Fees, T2Measure::Change, Number::count(fees_change), true);
        let projects = if rng.chance(30) { 0 } else { rng.range(1, 80) };
        let amount = match rng.below(5) {
            _ if projects == 0 => Number::count(0),
            0 | 1 => Number { mantissa: rng.range(1, 900) * 1000, scale: 0, unit: Some(Unit::Yuan) },
            2 | 3 => {
                let scale = rng.range(0, 2) as u8;
                Number { mantissa: rng.range(1, 10i64.pow(4 + u32::from(scale))), scale, unit: Some(Unit::WanYuan) }
            }
            _ => Number { mantissa: rng.range(1, 99_999_999), scale: 2, unit: Some(Unit::Yuan) },
        };
        push(&mut rng, T2Item::Procurement, T2Measure::Projects, Number::count(projects), true);
        push(&mut rng, T2Item::Procurement, T2Measure::Amount, amount, true);
        fx.t2 = t2;

        let received: i64 = fx.t3_row(T3Row::NewReceived).map_or(0, |v| v[..6].iter().flatten().sum());
        let punished = fx
            .t2
            .iter()
            .find(|(k, _)| k.item == T2Item::Punishment && k.measure == T2Measure::Decisions)
            .and_then(|(_, v)| v.map(|n| n.mantissa))
            .unwrap_or(0);
        let year = fx.year;
        fx.sections = prose(&mut rng, year, &fx.agency.clone(), received, punished);
        fx
    }

    /// The cells `Report::cells()` must yield: `(key, number as displayed)`, in its order.
    pub fn expected_cells(&self) -> Vec<(String, Option<String>)> {
        let mut out = Vec::new();
        for (k, v) in &self.t2 {
            out.push((format!("t2.{}.{}", k.item, k.measure), v.map(|n| n.to_string())));
        }
        for &row in T3Row::ALL {
            if let Some((_, v)) = self.t3.iter().find(|(r, _)| *r == row) {
                for (c, col) in Applicant::ALL.iter().enumerate() {
                    out.push((format!("t3.{row}.{col}"), v[c].map(|n| n.to_string())));
                }
            }
        }
        for (g, group) in T4Group::ALL.iter().enumerate() {
            for (c, col) in T4Col::ALL.iter().enumerate() {
                out.push((format!("t4.{group}.{col}"), self.t4[g][c].map(|n| n.to_string())));
            }
        }
        out
    }

    /// A table-3 row's values.
    pub fn t3_row(&self, row: T3Row) -> Option<[Option<i64>; 7]> {
        self.t3.iter().find(|(r, _)| *r == row).map(|(_, v)| *v)
    }

    /// The number of blank cells.
    pub fn blank_count(&self) -> usize {
        self.expected_cells().iter().filter(|c| c.1.is_none()).count()
    }
}

fn prose(rng: &mut Rng, year: u16, agency: &str, received: i64, punished: i64) -> Vec<SectionFx> {
    let paren = *rng.pick(&[true, true, false]);
    let marker = |i: usize| -> String {
        let n = ["一", "二", "三", "四", "五", "六"][i];
        if paren { format!("（{n}）") } else { format!("({n}) ") }
    };
    let inline = rng.chance(40);
    let n = |rng: &mut Rng, lo: i64, hi: i64| rng.range(lo, hi);
    let requests = if received == 0 {
        format!("{year}年度未收到政府信息公开申请，未发生因政府信息公开引发的行政复议、行政诉讼情况。")
    } else {
        format!("{year}年，本机关共收到政府信息公开申请{received}件，均在法定期限内予以答复。")
    };
    let subs1: Vec<(&str, Vec<String>)> = vec![
        (
            "主动公开情况",
            vec![
                format!("全年主动公开政府信息{}条，其中政策文件{}件。", n(rng, 20, 900), n(rng, 1, 30)),
                format!("围绕重点领域加大信息发布力度，全年作出行政处罚{punished}件并依法公开。"),
                format!("通过政府网站和政务新媒体同步发布政策解读{}篇。", n(rng, 1, 40)),
            ],
        ),
        ("依申请公开情况", vec![requests, "进一步规范受理、审查、答复等各个环节的办理流程。".to_owned()]),
        (
            "政府信息管理情况",
            vec![
                "严格落实信息发布保密审查制度，坚持先审查后公开，一事一审。".to_owned(),
                "定期清理已公开信息，确保公开内容准确有效。".to_owned(),
            ],
        ),
        (
            "平台建设情况",
            vec![format!("以{agency}门户网站为主阵地，持续优化政府信息公开专栏，全年发布信息{}条。", n(rng, 10, 500))],
        ),
        (
            "监督保障情况",
            vec![format!("将政务公开工作纳入年度考核，全年组织业务培训{}次，强化责任落实。", n(rng, 1, 9))],
        ),
    ];
    let k1 = rng.range(3, 5) as usize;
    let mut b1 = Vec::new();
    if rng.chance(50) {
        b1.push(Block::Para(vec![format!(
            "{year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政务公开各项工作。"
        )]));
    }
    for (i, (title, body)) in subs1.into_iter().take(k1).enumerate() {
        b1.push(Block::Sub { marker: marker(i), title: title.to_owned(), body, inline });
    }
    let b5 = vec![
        Block::Sub {
            marker: marker(0),
            title: "存在的主要问题".to_owned(),
            body: vec!["一是政策解读形式不够丰富；二是信息更新的及时性有待提高。".to_owned()],
            inline: true,
        },
        Block::Sub {
            marker: marker(1),
            title: "改进措施".to_owned(),
            body: vec!["一是丰富解读形式，增强传播效果；二是建立更新提醒机制，及时维护公开内容。".to_owned()],
            inline: true,
        },
    ];
    let b6 = if rng.chance(40) {
        vec![
            Block::Sub {
                marker: marker(0),
                title: "信息处理费收取情况".to_owned(),
                body: vec![format!("{year}年，本机关未收取政府信息公开信息处理费。")],
                inline,
            },
            Block::Sub {
                marker: marker(1),
                title: "工作要点落实情况".to_owned(),
                body: vec!["按照年度政务公开工作要点要求，逐项抓好落实。".to_owned()],
                inline,
            },
        ]
    } else {
        vec![Block::Para(vec![format!("{year}年，本机关未收取政府信息公开信息处理费。")])]
    };
    let h5 = if rng.chance(25) {
        "政府信息公开工作存在的主要问题及改进情况"
    } else {
        "存在的主要问题及改进情况"
    };
    vec![
        SectionFx { kind: SectionKind::Overview, heading: "总体情况".to_owned(), blocks: b1 },
        SectionFx {
            kind: SectionKind::ProactiveDisclosure,
            heading: "主动公开政府信息情况".to_owned(),
            blocks: vec![],
        },
        SectionFx {
            kind: SectionKind::Requests, heading: "收到和处理政府信息公开申请情况".to_owned(), blocks: vec![]
        },
        SectionFx {
            kind: SectionKind::ReviewsLitigation,
            heading: "政府信息公开行政复议、行政诉讼情况".to_owned(),
            blocks: vec![],
        },
        SectionFx { kind: SectionKind::Problems, heading: h5.to_owned(), blocks: b5 },
        SectionFx { kind: SectionKind::Other, heading: "其他需要报告的事项".to_owned(), blocks: b6 },
    ]
}

// ---------------------------------------------------------------------------
// Rendering

/// The layouts a fixture can be printed in (named like `zfxxgk::Layout`, hence `PdfLayout`).
#[allow(clippy::enum_variant_names)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    Tab,
    CellPerLine,
    WebDouble,
    PdfFlat,
    PdfLayout,
    Markdown,
}

impl Layout {
    pub const ALL: [Layout; 6] =
        [Layout::Tab, Layout::CellPerLine, Layout::WebDouble, Layout::PdfFlat, Layout::PdfLayout, Layout::Markdown];

    /// The layout the parser should report for the tables.
    pub fn parser_layout(self) -> zfxxgk::Layout {
        match self {
            Layout::Tab => zfxxgk::Layout::TabSeparated,
            Layout::CellPerLine | Layout::WebDouble => zfxxgk::Layout::CellPerLine,
            Layout::PdfFlat => zfxxgk::Layout::PdfFlat,
            Layout::PdfLayout => zfxxgk::Layout::PdfLayout,
            Layout::Markdown => zfxxgk::Layout::Markdown,
        }
    }

    /// Whether an empty cell can be printed as nothing at all in this layout
    /// (in PDF text an empty cell leaves no trace, so a marker is needed).
    pub fn can_print_empty(self) -> bool {
        !matches!(self, Layout::PdfFlat | Layout::PdfLayout)
    }
}

/// How a blank cell is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlankStyle {
    /// Nothing (an empty field / tab-only line / extra empty lines).
    Empty,
    /// A placeholder: `/`, `-`, `—`, `无`.
    Marker(&'static str),
}

pub const MARKERS: [&str; 4] = ["/", "-", "—", "无"];

/// Encoding-level variants.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub full_width: bool,
    pub crlf: bool,
    pub bom: bool,
    pub blank: BlankStyle,
    /// Layout quirks (lost tabs, page breaks, wrapped labels, spaced headings, header missing…).
    pub quirks: bool,
}

impl Options {
    /// Plain: half-width, LF, no BOM, empty blanks (or `/` where empty is impossible), quirks on.
    pub fn plain(layout: Layout) -> Options {
        let blank = if layout.can_print_empty() { BlankStyle::Empty } else { BlankStyle::Marker("/") };
        Options { full_width: false, crlf: false, bom: false, blank, quirks: true }
    }

    /// Random variants for a seed.
    pub fn random(layout: Layout, seed: u64) -> Options {
        let mut rng = Rng::new(seed ^ 0x5151_7e7e);
        let blank = if layout.can_print_empty() && rng.chance(50) {
            BlankStyle::Empty
        } else {
            BlankStyle::Marker(MARKERS[rng.below(MARKERS.len() as u64) as usize])
        };
        Options { full_width: rng.chance(20), crlf: rng.chance(20), bom: rng.chance(15), blank, quirks: true }
    }
}

/// What a render put in, for checking the parser's diagnostics (1-based line numbers).
#[derive(Clone, Debug, Default)]
pub struct RenderInfo {
    /// The table-3 row printed without its leading tabs.
    pub lost_tabs_line: Option<u32>,
    /// Page-number lines inside the table sections.
    pub table_page_numbers: Vec<u32>,
    /// Table 4 printed without its column header.
    pub t4_header_missing: bool,
    /// Site boilerplate lines.
    pub boilerplate: Vec<u32>,
    /// Headings printed with their characters spaced apart.
    pub spaced_headings: Vec<u32>,
    /// Table-3 labels wrapped over lines: (first line, row).
    pub wrapped: Vec<(u32, T3Row)>,
}

/// Per-render random choices and the output lines.
struct Out<'a> {
    fx: &'a Fixture,
    opts: Options,
    layout: Layout,
    rng: Rng,
    lines: Vec<String>,
    /// Lines pushed so far, not counting form-feed markers.
    count: u32,
    page: u32,
    in_table: bool,
    info: RenderInfo,
}

impl Out<'_> {
    fn push(&mut self, s: impl Into<String>) {
        self.lines.push(s.into());
        self.count += 1;
    }

    fn blank_line(&mut self) {
        self.push(String::new());
    }

    /// The line number the next push gets.
    fn next_line(&self) -> u32 {
        self.count + 1
    }

    /// A count (or blank) as printed in a cell.
    fn cell(&self, v: Option<i64>) -> String {
        match v {
            Some(n) => fmt_count(n, self.fx.thousands),
            None => match self.opts.blank {
                BlankStyle::Empty => String::new(),
                BlankStyle::Marker(m) => m.to_owned(),
            },
        }
    }

    /// The display width of `s` once printed: digits and the punctuation
    /// made full-width later (see [`full_width_line`]) take two columns.
    fn printed_width(&self, s: &str) -> usize {
        let full = |c: char| self.opts.full_width && full_width_line(&c.to_string()) != c.to_string();
        s.chars().map(|c| if full(c) { 2 } else { width_of(c) }).sum()
    }

    /// A cell `width` display columns wide as printed, twice as wide when
    /// digits are made full-width (PDF text lays cells out by position,
    /// whatever their digits).
    fn cell_width(&self, width: usize) -> usize {
        if self.opts.full_width { width * 2 } else { width }
    }

    /// `s` right-aligned in a cell (see [`Out::cell_width`]).
    fn right_aligned(&self, s: &str, width: usize) -> String {
        format!("{}{s}", " ".repeat(self.cell_width(width).saturating_sub(self.printed_width(s))))
    }

    /// `s` left-aligned in a cell (see [`Out::cell_width`]), a space after it at least.
    fn left_aligned(&self, s: &str, width: usize) -> String {
        format!("{s}{}", " ".repeat(self.cell_width(width).saturating_sub(self.printed_width(s)).max(1)))
    }

    fn num(&self, v: Option<Number>) -> String {
        match v {
            Some(n) if n.scale == 0 && n.unit.is_none() => fmt_count(n.mantissa, self.fx.thousands),
            Some(n) => n.to_string(),
            None => self.cell(None),
        }
    }

    /// A PDF page break: page-number line, empty line, form feed on the next line.
    fn page_break(&mut self) {
        self.page += 1;
        let p = self.page;
        if self.in_table {
            let n = self.next_line();
            self.info.table_page_numbers.push(n);
        }
        match self.layout {
            Layout::PdfLayout => self.push(format!("{}-{p}-", " ".repeat(40))),
            _ => {
                let s = *self.rng.pick(&["- {} -", "-{}-", "— {} —"]);
                self.push(s.replace("{}", &p.to_string()));
                self.blank_line();
            }
        }
        self.lines.push("\u{c}".to_owned());
    }

    fn boilerplate(&mut self, s: &str) {
        let n = self.next_line();
        self.info.boilerplate.push(n);
        self.push(s);
    }
}

fn fmt_count(n: i64, thousands: bool) -> String {
    let s = n.to_string();
    if !thousands || s.len() <= 3 {
        return s;
    }
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Renders a fixture in a layout. The result is the text (a BOM, if asked, is its first char).
pub fn render(fx: &Fixture, layout: Layout, opts: Options) -> String {
    render_with_info(fx, layout, opts).0
}

/// Renders a fixture and says which quirks went in where.
pub fn render_with_info(fx: &Fixture, layout: Layout, opts: Options) -> (String, RenderInfo) {
    let mut out = Out {
        fx,
        opts,
        layout,
        rng: Rng::new(fx.seed ^ 0xa5a5_0000 ^ layout as u64),
        lines: Vec::new(),
        count: 0,
        page: 0,
        in_table: false,
        info: RenderInfo::default(),
    };
    title_block(&mut out);
    for s in &fx.sections {
        heading(&mut out, s);
        out.in_table = true;
        match s.kind {
            SectionKind::ProactiveDisclosure => table2(&mut out),
            SectionKind::Requests => table3(&mut out),
            SectionKind::ReviewsLitigation => table4(&mut out),
            _ => {
                out.in_table = false;
                prose_blocks(&mut out, s)
            }
        }
        out.in_table = false;
    }
    signature(&mut out);
    // A form-feed-only entry glues onto the next line.
    let info = std::mem::take(&mut out.info);
    let mut lines: Vec<String> = Vec::with_capacity(out.lines.len());
    let mut ff = false;
    for l in out.lines {
        if l == "\u{c}" {
            ff = true;
            continue;
        }
        lines.push(if ff { format!("\u{c}{l}") } else { l });
        ff = false;
    }
    let mut text = String::new();
    let eol = if opts.crlf { "\r\n" } else { "\n" };
    for l in &lines {
        let l = if opts.full_width { full_width_line(l) } else { l.clone() };
        text.push_str(&l);
        text.push_str(eol);
    }
    if opts.bom {
        text.insert(0, '\u{feff}');
    }
    (text, info)
}

/// Full-width digits and ASCII punctuation (markdown separators and pipes kept).
pub fn full_width_line(l: &str) -> String {
    let t = l.trim();
    // Markdown separators and the site's lone `-` separator line stay as they are.
    if t == "-" || t.starts_with('|') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
        return l.to_owned();
    }
    l.chars()
        .map(|c| match c {
            '0'..='9' | '(' | ')' | ',' | '.' | ':' | '-' | '/' | ';' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Display width: CJK and full-width characters count 2.
fn width(s: &str) -> usize {
    s.chars().map(width_of).sum()
}

fn width_of(c: char) -> usize {
    if (c as u32) < 0x1100 { 1 } else { 2 }
}

fn pad_to(s: &str, w: usize) -> String {
    let mut out = s.to_owned();
    for _ in width(s)..w {
        out.push(' ');
    }
    out
}

/// pdftotext puts spaces between digits and CJK text.
fn pdf_spacing(s: &str) -> String {
    let mut out = String::new();
    let mut prev: Option<char> = None;
    for c in s.chars() {
        if let Some(p) = prev {
            let (pd, cd) = (p.is_ascii_digit() || p == '%', c.is_ascii_digit());
            if (cd && !pd && (p as u32) > 0x2e80 && p != '（' && p != '“')
                || (pd && !cd && (c as u32) > 0x2e80 && c != '）' && c != '”')
            {
                out.push(' ');
            }
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

/// Splits text into chunks of `n` characters.
fn wrap_chars(s: &str, n: usize) -> Vec<String> {
    let cs: Vec<char> = s.chars().collect();
    cs.chunks(n.max(1)).map(|c| c.iter().collect()).collect()
}

fn spaced(s: &str) -> String {
    let cs: Vec<String> = s.chars().map(String::from).collect();
    cs.join(" ")
}

fn title_block(out: &mut Out<'_>) {
    let fx = out.fx;
    let (agency, year) = (fx.agency.clone(), fx.year);
    let two_lines = out.rng.chance(40) || out.layout == Layout::PdfFlat;
    let du = if out.rng.chance(50) { "年度" } else { "年" };
    let preamble = format!(
        "根据《中华人民共和国政府信息公开条例》规定编制本报告。本报告所列数据的统计期限为{year}年1月1日至12月31日。"
    );
    match out.layout {
        Layout::WebDouble => {
            out.boilerplate(&format!("首页 > 政务公开 > 政府信息公开年报 > {agency}"));
            out.boilerplate("  • 听全文");
            out.push(format!("  • {}-01-{:02}", year + 1, out.fx.published.2));
            out.boilerplate(&format!("  • 来源:{agency}"));
            out.boilerplate("  • 分享到");
            out.push("  • -");
            out.blank_line();
            out.push(format!("{agency}{year}{du}政府信息公开工作年度报告"));
            out.blank_line();
            out.push(format!("  {preamble}"));
            out.blank_line();
        }
        Layout::Markdown => {
            out.push(format!("# {agency}{year}{du}政府信息公开工作年度报告"));
            out.blank_line();
            out.push(preamble);
            out.blank_line();
        }
        Layout::PdfFlat | Layout::PdfLayout => {
            let indent = if out.layout == Layout::PdfLayout { "        " } else { "" };
            if two_lines {
                let a = if out.opts.quirks && out.rng.chance(25) { spaced(&agency) } else { agency };
                out.push(format!("{indent}{a}"));
                out.push(format!("{indent}{year} {du}政府信息公开工作年度报告"));
            } else {
                out.push(format!("{indent}{agency}{year} {du}政府信息公开工作年度报告"));
            }
            out.blank_line();
            let flat = out.layout == Layout::PdfFlat;
            for part in wrap_chars(&pdf_spacing(&preamble), 28) {
                out.push(part);
                if flat {
                    out.blank_line();
                }
            }
        }
        Layout::Tab | Layout::CellPerLine => {
            out.blank_line();
            if two_lines {
                out.push(agency);
                out.blank_line();
                out.push(format!("{year} {du}政府信息公开工作年度报告"));
            } else {
                out.push(format!("{agency}{year}{du}政府信息公开工作年度报告"));
            }
            out.blank_line();
            out.push(preamble);
            out.blank_line();
        }
    }
}

fn heading(out: &mut Out<'_>, s: &SectionFx) {
    let h = s.full_heading();
    match out.layout {
        Layout::WebDouble => {
            if !out.lines.last().is_some_and(String::is_empty) {
                out.blank_line();
            }
            out.push(format!("  {h}"));
            out.blank_line();
        }
        Layout::Markdown => {
            out.push(format!("## {h}"));
            out.blank_line();
        }
        Layout::PdfFlat => {
            let h = if out.opts.quirks && out.rng.chance(30) {
                let n = out.next_line();
                out.info.spaced_headings.push(n);
                format!("{} 、{}", s.kind.numeral(), spaced(&s.heading))
            } else {
                h
            };
            out.push(h);
            out.blank_line();
        }
        Layout::PdfLayout => out.push(format!("      {h}")),
        Layout::Tab | Layout::CellPerLine => {
            out.push(h);
            if out.layout == Layout::Tab || !s.blocks.is_empty() {
                out.blank_line();
            }
        }
    }
}

fn prose_blocks(out: &mut Out<'_>, s: &SectionFx) {
    let mut paras: Vec<String> = Vec::new();
    for b in &s.blocks {
        match b {
            Block::Para(body) => paras.push(body.concat()),
            Block::Sub { marker, title, body, inline } => {
                if *inline {
                    paras.push(format!("{marker}{title}。{}", body.concat()));
                } else {
                    paras.push(format!("{marker}{title}"));
                    paras.push(body.concat());
                }
            }
        }
    }
    let n = paras.len();
    for (i, p) in paras.into_iter().enumerate() {
        match out.layout {
            Layout::Tab | Layout::CellPerLine => {
                out.push(p);
                out.blank_line();
            }
            Layout::WebDouble => {
                out.push(format!("  {p}"));
                out.blank_line();
            }
            Layout::Markdown => {
                out.push(p);
                out.blank_line();
            }
            Layout::PdfFlat | Layout::PdfLayout => {
                let flat = out.layout == Layout::PdfFlat;
                let w = if flat { 26 } else { 30 };
                for (k, part) in wrap_chars(&pdf_spacing(&p), w).into_iter().enumerate() {
                    let indent = if !flat && k == 0 { "      " } else { "" };
                    out.push(format!("{indent}{part}"));
                    if flat {
                        out.blank_line();
                    }
                }
                if out.opts.quirks && i + 1 < n && out.rng.chance(15) {
                    out.page_break();
                }
            }
        }
    }
}

fn signature(out: &mut Out<'_>) {
    let (y, m, d) = out.fx.published;
    let agency = out.fx.agency.clone();
    match out.layout {
        Layout::PdfFlat => {
            out.push(agency);
            out.blank_line();
            out.push(format!("{y} 年 {m} 月 {d} 日"));
            out.blank_line();
        }
        Layout::PdfLayout => {
            out.push(format!("{}{agency}", " ".repeat(30)));
            out.push(format!("{}{y} 年 {m} 月 {d} 日", " ".repeat(30)));
            out.blank_line();
            out.page += 1;
            out.push(format!("{}-{}-", " ".repeat(40), out.page));
        }
        Layout::WebDouble => {
            out.push(format!("  {agency}"));
            out.blank_line();
            out.push(format!("  {y}年{m}月{d}日"));
            out.blank_line();
            out.blank_line();
            for b in ["相关附件", "相关新闻", "扫一扫在手机打开当前页", "-", "关注 · 政府网"] {
                out.boilerplate(b);
            }
        }
        _ => {
            out.push(agency);
            out.push(format!("{y}年{m}月{d}日"));
        }
    }
}

// --- labels ---------------------------------------------------------------

/// Punctuation style of labels in one document.
#[derive(Clone, Copy)]
struct LabelStyle {
    ascii_paren: bool,
    dot: &'static str,
}

fn label_style(out: &mut Out<'_>) -> LabelStyle {
    let ascii_paren = out.rng.chance(40);
    let dot = *out.rng.pick(&[".", ". ", "、", "."]);
    LabelStyle { ascii_paren, dot }
}

fn styled(s: &str, st: LabelStyle) -> String {
    let mut s = s.to_owned();
    if st.ascii_paren {
        s = s.replace('（', "(").replace('）', ")");
    }
    if st.dot != "." {
        for d in '1'..='8' {
            s = s.replacen(&format!("{d}."), &format!("{d}{}", st.dot), 1);
        }
    }
    s
}

fn t3_label(row: T3Row, st: LabelStyle) -> String {
    styled(row.label_zh(), st)
}

/// The sub-group label printed before a row, if the row opens a group.
fn t3_group_label(row: T3Row, st: LabelStyle) -> Option<String> {
    let g = match row {
        T3Row::WithheldStateSecret => "（三）不予公开",
        T3Row::UnavailableNotHeld => "（四）无法提供",
        T3Row::NotProcessedPetition => "（五）不予处理",
        T3Row::OtherNoCorrection => "（六）其他处理",
        _ => return None,
    };
    Some(styled(g, st))
}

/// True for the sub-rows of a group (1.… rows).
fn is_sub_row(row: T3Row) -> bool {
    row.is_outcome() && !matches!(row, T3Row::Granted | T3Row::PartiallyGranted | T3Row::OtherTotal)
}

const T3_NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
const T3_COLS: [&str; 5] = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"];
const T4_COLS: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

/// Table-2 blocks of a template: article, header columns, items.
fn t2_blocks(template: Template) -> Vec<(&'static str, Vec<&'static str>, Vec<T2Item>)> {
    if template == Template::Y2019 {
        return vec![
            (
                "第二十条第（一）项",
                vec!["本年新制作数量", "本年新公开数量", "对外公开总数量"],
                vec![T2Item::Regulations, T2Item::NormativeDocuments],
            ),
            (
                "第二十条第（五）项",
                vec!["上一年项目数量", "本年增/减", "处理决定数量"],
                vec![T2Item::Licensing, T2Item::OtherServices],
            ),
            (
                "第二十条第（六）项",
                vec!["上一年项目数量", "本年增/减", "处理决定数量"],
                vec![T2Item::Punishment, T2Item::Enforcement],
            ),
            ("第二十条第（八）项", vec!["上一年项目数量", "本年增/减"], vec![T2Item::Fees]),
            ("第二十条第（九）项", vec!["采购项目数量", "采购总金额"], vec![T2Item::Procurement]),
        ];
    }
    vec![
        (
            "第二十条第（一）项",
            vec!["本年制发件数", "本年废止件数", "现行有效件数"],
            vec![T2Item::Regulations, T2Item::NormativeDocuments],
        ),
        ("第二十条第（五）项", vec!["本年处理决定数量"], vec![T2Item::Licensing]),
        ("第二十条第（六）项", vec!["本年处理决定数量"], vec![T2Item::Punishment, T2Item::Enforcement]),
        ("第二十条第（八）项", vec!["本年收费金额（单位：万元）"], vec![T2Item::Fees]),
    ]
}

/// A table-2 row label as the template prints it.
fn t2_label(template: Template, item: T2Item) -> &'static str {
    match (template, item) {
        (Template::Y2019, T2Item::NormativeDocuments) => "规范性文件",
        _ => item.label_zh(),
    }
}

fn t2_values(out: &Out<'_>, item: T2Item) -> Vec<String> {
    out.fx.t2.iter().filter(|(k, _)| k.item == item).map(|(_, v)| out.num(*v)).collect()
}

fn t3_values(out: &Out<'_>, v: &[Option<i64>; 7]) -> Vec<String> {
    v.iter().map(|x| out.cell(*x)).collect()
}

fn t4_values(out: &Out<'_>) -> Vec<String> {
    out.fx.t4.iter().flat_map(|g| g.iter().map(|x| out.cell(*x))).collect()
}

// --- table 2 --------------------------------------------------------------

fn table2(out: &mut Out<'_>) {
    let st = label_style(out);
    let template = out.fx.template;
    let blocks = t2_blocks(template);
    for (bi, (article, cols, items)) in blocks.into_iter().enumerate() {
        let article = styled(article, st);
        match out.layout {
            Layout::Tab => {
                out.push(format!("{article}\t\t\t"));
                let mut h = format!("信息内容\t{}", cols.join("\t"));
                for _ in cols.len()..3 {
                    h.push('\t');
                }
                out.push(h);
                for item in items {
                    let mut l = format!("{}\t{}", t2_label(template, item), t2_values(out, item).join("\t"));
                    for _ in cols.len()..3 {
                        l.push('\t');
                    }
                    out.push(l);
                }
            }
            Layout::CellPerLine => {
                out.push(format!("\t{article}"));
                out.blank_line();
                out.push("\t信息内容");
                for c in &cols {
                    out.push(format!("\t{c}"));
                }
                out.blank_line();
                for item in items {
                    out.push(format!("\t{}", t2_label(template, item)));
                    for v in t2_values(out, item) {
                        out.push(format!("\t{v}"));
                    }
                    out.blank_line();
                }
            }
            Layout::WebDouble => {
                let mut cells = vec![article, "信息内容".to_owned()];
                cells.extend(cols.iter().map(|c| c.to_string()));
                for item in items {
                    cells.push(t2_label(template, item).to_owned());
                    cells.extend(t2_values(out, item));
                }
                double_spaced(out, &cells);
            }
            Layout::PdfFlat => {
                let a = if out.rng.chance(50) { article.replacen("条第", "条 第", 1) } else { article };
                out.push(a);
                out.blank_line();
                out.push(format!("信息内容 {}", cols.join(" ")));
                out.blank_line();
                for item in items {
                    out.push(format!("{} {}", t2_label(template, item), t2_values(out, item).join(" ")));
                    out.blank_line();
                }
                if out.opts.quirks && bi == 1 && out.rng.chance(40) {
                    out.page_break();
                }
            }
            Layout::PdfLayout => {
                out.push(format!("              {article}"));
                out.blank_line();
                out.blank_line();
                let mut h = pad_to("       信息内容", 22);
                for c in &cols {
                    h.push_str(&pad_to(c, 16));
                }
                out.push(h.trim_end().to_owned());
                out.blank_line();
                for item in items {
                    let mut l = pad_to(t2_label(template, item), 22);
                    for v in t2_values(out, item) {
                        l.push_str(&out.right_aligned(&v, 8));
                        l.push_str("        ");
                    }
                    out.push(l.trim_end().to_owned());
                    out.blank_line();
                }
                if out.opts.quirks && bi == 2 && out.rng.chance(40) {
                    out.page_break();
                }
            }
            Layout::Markdown => {
                out.push(format!("### {article}"));
                out.push(format!("| 信息内容 | {} |", cols.join(" | ")));
                out.push(format!("|{}", "---|".repeat(cols.len() + 1)));
                for item in items {
                    out.push(format!("| {} | {} |", t2_label(template, item), t2_values(out, item).join(" | ")));
                }
                out.blank_line();
            }
        }
    }
    if out.layout == Layout::Tab {
        out.blank_line();
    }
}

/// Seed 002: every cell followed by one empty line; an empty cell is an
/// empty "cell" line plus its empty line, so k blanks make 2k + 1 empty lines.
fn double_spaced(out: &mut Out<'_>, cells: &[String]) {
    for c in cells {
        out.push(c.clone());
        out.blank_line();
    }
}

// --- table 3 --------------------------------------------------------------

fn table3(out: &mut Out<'_>) {
    let st = label_style(out);
    match out.layout {
        Layout::Tab => t3_tab(out, st),
        Layout::CellPerLine => t3_cell_per_line(out, st),
        Layout::WebDouble => t3_web(out, st),
        Layout::PdfFlat => t3_pdf_flat(out, st),
        Layout::PdfLayout => t3_pdf_layout(out, st),
        Layout::Markdown => t3_markdown(out, st),
    }
}

fn t3_tab(out: &mut Out<'_>, st: LabelStyle) {
    let note = styled(T3_NOTE, st);
    out.push(format!("{note}\t\t申请人情况\t\t\t\t\t\t总计\t"));
    out.push("\t\t自然人\t法人或其他组织\t\t\t\t\t\t");
    out.push(format!("\t\t\t{}\t\t", T3_COLS.join("\t")));
    // One sub-row (not the first of its group) loses its leading tabs, as in seed 000.
    let subs: Vec<usize> = (0..out.fx.t3.len())
        .filter(|&i| is_sub_row(out.fx.t3[i].0) && t3_group_label(out.fx.t3[i].0, st).is_none())
        .collect();
    let lost =
        if out.opts.quirks && !subs.is_empty() && out.rng.chance(70) { Some(*out.rng.pick(&subs)) } else { None };
    let rows = out.fx.t3.clone();
    for (i, (row, v)) in rows.iter().enumerate() {
        let vals = t3_values(out, v).join("\t");
        let label = t3_label(*row, st);
        let line = if Some(i) == lost {
            out.info.lost_tabs_line = Some(out.next_line());
            format!("{label}\t\t{vals}\t")
        } else {
            match row {
                T3Row::NewReceived | T3Row::CarriedOver | T3Row::Total | T3Row::CarriedForward => {
                    format!("{label}\t{vals}\t\t")
                }
                T3Row::Granted => format!("{}\t{label}\t{vals}\t", styled("三、本年度办理结果", st)),
                T3Row::PartiallyGranted | T3Row::OtherTotal => format!("\t{label}\t{vals}\t"),
                _ => match t3_group_label(*row, st) {
                    Some(g) => format!("\t{g}\t{label}\t{vals}"),
                    None => format!("\t\t{label}\t{vals}"),
                },
            }
        };
        out.push(line);
    }
    out.blank_line();
}

fn t3_cell_per_line(out: &mut Out<'_>, st: LabelStyle) {
    out.push(format!("\t{}", styled(T3_NOTE, st)));
    out.push("\t申请人情况");
    out.blank_line();
    for c in ["", "自然人", "法人或其他组织", "总计"] {
        out.push(format!("\t{c}"));
    }
    out.blank_line();
    out.push("\t");
    out.push("\t");
    for c in T3_COLS {
        out.push(format!("\t{c}"));
    }
    out.push("\t");
    out.blank_line();
    let rows = out.fx.t3.clone();
    for (row, v) in &rows {
        // Merged label cells of the rows above leave tab-only placeholder lines.
        match row {
            T3Row::NewReceived | T3Row::CarriedOver | T3Row::CarriedForward => {}
            T3Row::Granted => out.push(format!("\t{}", styled("三、本年度办理结果", st))),
            T3Row::PartiallyGranted | T3Row::Total | T3Row::OtherTotal => out.push("\t"),
            _ => {
                out.push("\t");
                match t3_group_label(*row, st) {
                    Some(g) => out.push(format!("\t{g}")),
                    None => out.push("\t"),
                }
            }
        }
        out.push(format!("\t{}", t3_label(*row, st)));
        for c in t3_values(out, v) {
            out.push(format!("\t{c}"));
        }
        out.blank_line();
    }
    out.blank_line();
}

fn t3_web(out: &mut Out<'_>, st: LabelStyle) {
    let mut cells: Vec<String> =
        vec![styled(T3_NOTE, st), "申请人情况".into(), "自然人".into(), "法人或其他组织".into(), "总计".into()];
    cells.extend(T3_COLS.iter().map(|c| c.to_string()));
    double_spaced(out, &cells);
    out.blank_line(); // seed 002: an extra empty line after the header
    let rows = out.fx.t3.clone();
    for (row, v) in &rows {
        let mut cells = Vec::new();
        if *row == T3Row::Granted {
            cells.push(styled("三、本年度办理结果", st));
        }
        if let Some(g) = t3_group_label(*row, st) {
            // Seed 002 splits the group cell: （三） / 不予公开.
            let (a, b) = split_group(&g);
            cells.push(a);
            cells.push(b);
        }
        cells.push(t3_label(*row, st));
        cells.extend(t3_values(out, v));
        double_spaced(out, &cells);
    }
    out.blank_line();
}

/// （三）不予公开 → (（三）, 不予公开).
fn split_group(g: &str) -> (String, String) {
    let i = g.find(['）', ')']).unwrap_or(0);
    let close = g[i..].chars().next().map_or(0, char::len_utf8);
    (g[..i + close].to_owned(), g[i + close..].trim().to_owned())
}

/// Splits a label the way a narrow PDF column wraps it.
fn wrap_label(label: &str, w: usize) -> Vec<String> {
    wrap_chars(label, w)
}

fn t3_pdf_flat(out: &mut Out<'_>, st: LabelStyle) {
    let note = styled(T3_NOTE, st);
    for part in wrap_chars(&note, 20) {
        out.push(part);
        out.blank_line();
    }
    if out.rng.chance(50) {
        // Seed 004: the header's characters scattered over lines.
        for l in [" 业 构 益", "", "组", "", "织", " 机"] {
            out.push(l);
        }
    } else {
        out.push("申请人情况");
        out.blank_line();
        out.push("自然人 法人或其他组织 总计");
        out.blank_line();
        out.push(T3_COLS.join(" "));
        out.blank_line();
    }
    let w = out.rng.range(12, 16) as usize;
    let quirks = out.opts.quirks;
    let n = out.fx.t3.len();
    let breaks: Vec<usize> = if quirks {
        (0..out.rng.range(1, 2)).map(|_| out.rng.range(3, n as i64 - 2) as usize).collect()
    } else {
        vec![]
    };
    let rows = out.fx.t3.clone();
    for (i, (row, v)) in rows.iter().enumerate() {
        if *row == T3Row::Granted {
            for p in ["三、本", "年度", "办理", "结果"] {
                out.push(styled(p, st));
                out.blank_line();
            }
        }
        if let Some(g) = t3_group_label(*row, st) {
            let (head, rest) = split_group(&g);
            let rest_cs: Vec<char> = rest.chars().collect();
            out.push(head);
            out.blank_line();
            out.push(rest_cs[..3.min(rest_cs.len())].iter().collect::<String>());
            out.blank_line();
            if rest_cs.len() > 3 {
                out.push(rest_cs[3..].iter().collect::<String>());
                out.blank_line();
            }
        }
        let label = t3_label(*row, st);
        let vals = t3_values(out, v).join(" ");
        let parts = if quirks { wrap_label(&label, w) } else { vec![label.clone()] };
        if parts.len() == 1 || *row == T3Row::OtherTotal {
            out.push(format!("{label} {vals}"));
            out.blank_line();
        } else {
            let n = out.next_line();
            out.info.wrapped.push((n, *row));
            for (k, p) in parts.iter().enumerate() {
                out.push(p.clone());
                if k + 1 < parts.len() || out.rng.chance(50) {
                    out.blank_line();
                }
            }
            if breaks.contains(&i) && out.rng.chance(50) {
                // The page ends between the label and its numbers.
                out.page_break();
                out.push(vals);
                out.blank_line();
                continue;
            }
            out.push(vals);
            out.blank_line();
        }
        if breaks.contains(&i) {
            out.page_break();
        }
    }
}

fn t3_pdf_layout(out: &mut Out<'_>, st: LabelStyle) {
    let lw = 48; // label column width
    out.push(format!("{}申请人情况", " ".repeat(56)));
    out.blank_line();
    out.push(format!("{}法人或其他组织", " ".repeat(52)));
    let note = styled(T3_NOTE, st);
    let np: Vec<String> = wrap_chars(&note, 22);
    out.push(np[0].clone());
    out.push(np[1..].concat());
    out.push(format!("{}自然人          社会   法律           总计", " ".repeat(42)));
    out.push(format!("{}商业   科研", " ".repeat(50)));
    out.push(format!("{}公益   服务   其他", " ".repeat(57)));
    out.push(format!("{}企业   机构", " ".repeat(50)));
    out.push(format!("{}组织   机构", " ".repeat(57)));
    out.blank_line();
    let w = out.rng.range(13, 16) as usize;
    let quirks = out.opts.quirks;
    let n = out.fx.t3.len();
    let brk = if quirks { out.rng.range(4, n as i64 - 3) as usize } else { usize::MAX };
    let rows = out.fx.t3.clone();
    for (i, (row, v)) in rows.iter().enumerate() {
        let indent = match row {
            T3Row::NewReceived | T3Row::CarriedOver | T3Row::CarriedForward => "",
            T3Row::Granted | T3Row::PartiallyGranted | T3Row::Total | T3Row::OtherTotal => "     ",
            _ => "              ",
        };
        if let Some(g) = t3_group_label(*row, st) {
            out.push(format!("     {g}"));
        }
        if *row == T3Row::Granted && out.rng.chance(50) {
            out.push(format!(" {}", spaced(&styled("三、本年度办理结果", st))));
        }
        let label = t3_label(*row, st);
        let nums: String = t3_values(out, v).iter().map(|s| out.right_aligned(s, 7)).collect();
        let parts = if quirks && *row != T3Row::OtherTotal { wrap_label(&label, w) } else { vec![label.clone()] };
        match parts.len() {
            1 => out.push(format!("{}{nums}", pad_to(&format!("{indent}{label}"), lw))),
            2 => {
                out.push(format!("{indent}{}", parts[0]));
                out.push(format!("{}{nums}", " ".repeat(lw)));
                out.push(format!("{indent}{}", parts[1]));
            }
            _ => {
                out.push(format!("{indent}{}", parts[0]));
                out.push(format!("{}{nums}", pad_to(&format!("{indent}{}", parts[1]), lw)));
                for p in &parts[2..] {
                    out.push(format!("{indent}{p}"));
                }
            }
        }
        if out.rng.chance(30) {
            out.blank_line();
        }
        if i == brk {
            out.blank_line();
            out.page_break();
        }
    }
    out.blank_line();
    out.blank_line();
}

fn t3_markdown(out: &mut Out<'_>, st: LabelStyle) {
    out.push(styled(T3_NOTE, st));
    out.blank_line();
    out.push("| 申请人情况 | 自然人 | 法人或其他组织 | 总计 |");
    out.push("|---|---|---|---|");
    out.push(format!("| {} |", T3_COLS.join(" | ")));
    let rows = out.fx.t3.clone();
    for (row, v) in &rows {
        let mut cells = Vec::new();
        if *row == T3Row::Granted {
            cells.push(styled("三、本年度办理结果", st));
        }
        if let Some(g) = t3_group_label(*row, st) {
            cells.push(g);
        }
        cells.push(t3_label(*row, st));
        cells.extend(t3_values(out, v));
        out.push(format!("| {} |", cells.join(" | ")));
    }
    out.blank_line();
}

// --- table 4 --------------------------------------------------------------

fn table4(out: &mut Out<'_>) {
    let vals = t4_values(out);
    match out.layout {
        Layout::Tab => {
            out.push("行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t");
            out.push(format!("{}\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t", T4_COLS.join("\t")));
            out.push(format!("\t\t\t\t\t{}\t{}", T4_COLS.join("\t"), T4_COLS.join("\t")));
            out.push(vals.join("\t"));
            out.blank_line();
        }
        Layout::CellPerLine => {
            out.blank_line();
            out.push("\t行政复议");
            out.push("\t行政诉讼");
            out.blank_line();
            for c in T4_COLS.iter().chain(&["未经复议直接起诉", "复议后起诉"]) {
                out.push(format!("\t{c}"));
            }
            out.blank_line();
            for _ in 0..5 {
                out.push("\t");
            }
            for c in T4_COLS.iter().chain(T4_COLS.iter()) {
                out.push(format!("\t{c}"));
            }
            out.blank_line();
            for v in vals {
                out.push(format!("\t{v}"));
            }
            out.blank_line();
            out.blank_line();
        }
        Layout::WebDouble => {
            let mut cells: Vec<String> = vec!["行政复议".into(), "行政诉讼".into()];
            cells.extend(T4_COLS.iter().map(|s| s.to_string()));
            cells.push("未经复议直接起诉".into());
            cells.push("复议后起诉".into());
            cells.extend(T4_COLS.iter().chain(T4_COLS.iter()).map(|s| s.to_string()));
            cells.extend(vals);
            double_spaced(out, &cells);
            out.blank_line();
        }
        Layout::PdfFlat => {
            out.push("行政复议 行政诉讼");
            out.info.t4_header_missing = out.opts.quirks && out.rng.chance(50);
            if !out.info.t4_header_missing {
                // Header present (otherwise missing, as in seed 004).
                out.blank_line();
                out.push(format!("{} 未经复议直接起诉 复议后起诉", T4_COLS.join(" ")));
                out.blank_line();
                out.push(format!("{} {}", T4_COLS.join(" "), T4_COLS.join(" ")));
                out.blank_line();
            }
            out.push(format!(" {}", vals.join(" ")));
            out.blank_line();
        }
        Layout::PdfLayout => {
            out.push(format!("行政复议{}行政诉讼", " ".repeat(26)));
            out.blank_line();
            out.push(format!("{}未经复议直接起诉{}复议后起诉", " ".repeat(30), " ".repeat(22)));
            out.blank_line();
            out.push("结果   结果    其他结    尚未");
            out.push(format!("{}总计", " ".repeat(24)));
            out.push(format!(
                "{}结果   结果       其他       尚未            结果   结果    其他   尚未审",
                " ".repeat(30)
            ));
            out.push("维持   纠正    果      审结");
            out.push(format!("{}总计{}总计", " ".repeat(63), " ".repeat(27)));
            out.push(format!(
                "{}维持    纠正       结果       审结            维持   纠正    结果   结",
                " ".repeat(30)
            ));
            out.blank_line();
            out.blank_line();
            // Cells of one display width, as `pdftotext -layout` lays them out by position.
            let line: String = vals.iter().map(|v| out.left_aligned(v, 6)).collect();
            out.push(line.trim_end().to_owned());
            out.blank_line();
            out.blank_line();
        }
        Layout::Markdown => {
            out.push("| 行政复议 | 行政诉讼 |");
            out.push("|---|---|");
            out.push(format!("| {} | 未经复议直接起诉 | 复议后起诉 |", T4_COLS.join(" | ")));
            out.push(format!("| {} | {} |", T4_COLS.join(" | "), T4_COLS.join(" | ")));
            out.push(format!("| {} |", vals.join(" | ")));
            out.blank_line();
        }
    }
}

// ---------------------------------------------------------------------------
// Checking

/// Squashed form for comparing headings: full-width ASCII folded, whitespace,
/// `#`, `*` and BOM removed.
pub fn squash(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| !c.is_whitespace() && !matches!(c, '#' | '*' | '\u{feff}'))
        .collect()
}

/// The cells a report holds, as `(key, number as displayed)`.
pub fn report_cells(r: &Report) -> Vec<(String, Option<String>)> {
    r.cells().map(|(k, v)| (k.to_string(), v.map(|n| n.to_string()))).collect()
}

/// Compares a parsed report with its fixture; the error lists every difference.
pub fn compare(r: &Report, fx: &Fixture) -> Result<(), String> {
    let mut errs = String::new();
    let got = report_cells(r);
    let want = fx.expected_cells();
    if got != want {
        let gm: std::collections::BTreeMap<_, _> = got.iter().cloned().collect();
        let wm: std::collections::BTreeMap<_, _> = want.iter().cloned().collect();
        let mut shown = 0;
        for (k, w) in &wm {
            let g = gm.get(k).cloned();
            if g.as_ref() != Some(w) && shown < 12 {
                let show = |v: Option<&Option<String>>| match v {
                    None => "absent".to_owned(),
                    Some(None) => "blank".to_owned(),
                    Some(Some(n)) => n.clone(),
                };
                let _ = writeln!(errs, "  cell {k}: want {}, got {}", show(Some(w)), show(g.as_ref()));
                shown += 1;
            }
        }
        for k in gm.keys() {
            if !wm.contains_key(k) && shown < 16 {
                let _ = writeln!(errs, "  cell {k}: not expected, got {:?}", gm[k].as_deref().unwrap_or("blank"));
                shown += 1;
            }
        }
        if shown == 0 {
            let _ = writeln!(errs, "  cells in a different order");
        }
    }
    if r.metadata.agency.as_deref() != Some(fx.agency.as_str()) {
        let _ = writeln!(errs, "  agency: want {:?}, got {:?}", fx.agency, r.metadata.agency);
    }
    if r.metadata.year != Some(fx.year) {
        let _ = writeln!(errs, "  year: want {}, got {:?}", fx.year, r.metadata.year);
    }
    let kinds: Vec<SectionKind> = r.sections.iter().map(|s| s.kind).collect();
    if kinds != SectionKind::ALL {
        let _ = writeln!(errs, "  sections: got {kinds:?}");
    }
    for s in &fx.sections {
        let Some(got) = r.section(s.kind) else { continue };
        if squash(&got.heading.text) != squash(&s.full_heading()) {
            let _ = writeln!(errs, "  heading {:?}: got {:?}", s.full_heading(), got.heading.text);
        }
        if !s.blocks.is_empty() {
            let want: Vec<String> = s.markers().iter().map(|m| squash(m)).collect();
            let gotm: Vec<String> = got.subsections.iter().map(|x| squash(&x.marker)).collect();
            if want != gotm {
                let _ = writeln!(errs, "  subsections of {:?}: want {want:?}, got {gotm:?}", s.kind);
            }
        }
    }
    if errs.is_empty() { Ok(()) } else { Err(errs) }
}
