//! Stable names for every table cell: the enums that index the tables and the
//! flat [`CellKey`] whose `Display` is the key of the format spec
//! (`t3.withheld.state_secret.natural_person`).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Declares a field-less enum with its stable key string, its Chinese label,
/// an `ALL` array in template order, `as_str`, `Display` and `FromStr`.
macro_rules! keyed_enum {
    (
        $(#[$meta:meta])*
        $name:ident { $( $(#[$vmeta:meta])* $variant:ident => $key:literal, $zh:literal; )+ }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $( $(#[$vmeta])* $variant, )+ }

        impl $name {
            /// Every variant, in the template's order.
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )+ ];

            /// The stable key fragment used in [`CellKey`] strings.
            pub const fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $key, )+ }
            }

            /// The label the national template prints for this item.
            pub const fn label_zh(self) -> &'static str {
                match self { $( $name::$variant => $zh, )+ }
            }

            /// Position in [`Self::ALL`].
            pub const fn index(self) -> usize { self as usize }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.as_str()) }
        }

        impl FromStr for $name {
            type Err = KeyError;
            fn from_str(s: &str) -> Result<Self, KeyError> {
                match s {
                    $( $key => Ok($name::$variant), )+
                    _ => Err(KeyError { input: s.to_owned() }),
                }
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> { s.serialize_str(self.as_str()) }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

keyed_enum! {
    /// The applicant columns of table 3, in printed order.
    Applicant {
        /// 自然人
        NaturalPerson => "natural_person", "自然人";
        /// 商业企业
        Commercial => "commercial", "商业企业";
        /// 科研机构
        Research => "research", "科研机构";
        /// 社会公益组织
        SocialWelfare => "social_welfare", "社会公益组织";
        /// 法律服务机构
        LegalService => "legal_service", "法律服务机构";
        /// 其他 (法人或其他组织)
        OtherOrg => "other_org", "其他";
        /// 总计
        Total => "total", "总计";
    }
}

impl Applicant {
    /// The six applicant columns that add up to [`Applicant::Total`].
    pub const PARTS: [Applicant; 6] = [
        Applicant::NaturalPerson,
        Applicant::Commercial,
        Applicant::Research,
        Applicant::SocialWelfare,
        Applicant::LegalService,
        Applicant::OtherOrg,
    ];
}

keyed_enum! {
    /// The rows of table 3 that carry numbers, in printed order.
    ///
    /// [`T3Row::OtherTotal`] is the single （六）其他处理 row of the 2019
    /// template (and of some 2021-template reports); when it is present the
    /// three `Other*` sub-rows are absent, and the other way round.
    T3Row {
        /// 一、本年新收政府信息公开申请数量
        NewReceived => "new_received", "一、本年新收政府信息公开申请数量";
        /// 二、上年结转政府信息公开申请数量
        CarriedOver => "carried_over", "二、上年结转政府信息公开申请数量";
        /// （一）予以公开
        Granted => "granted", "（一）予以公开";
        /// （二）部分公开
        PartiallyGranted => "partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）";
        /// （三）1.属于国家秘密
        WithheldStateSecret => "withheld.state_secret", "1.属于国家秘密";
        /// （三）2.其他法律行政法规禁止公开
        WithheldProhibitedByLaw => "withheld.prohibited_by_law", "2.其他法律行政法规禁止公开";
        /// （三）3.危及“三安全一稳定”
        WithheldSecurityStability => "withheld.security_stability", "3.危及“三安全一稳定”";
        /// （三）4.保护第三方合法权益
        WithheldThirdPartyRights => "withheld.third_party_rights", "4.保护第三方合法权益";
        /// （三）5.属于三类内部事务信息
        WithheldInternalAffairs => "withheld.internal_affairs", "5.属于三类内部事务信息";
        /// （三）6.属于四类过程性信息
        WithheldProcessInfo => "withheld.process_info", "6.属于四类过程性信息";
        /// （三）7.属于行政执法案卷
        WithheldEnforcementFile => "withheld.enforcement_file", "7.属于行政执法案卷";
        /// （三）8.属于行政查询事项
        WithheldAdministrativeQuery => "withheld.administrative_query", "8.属于行政查询事项";
        /// （四）1.本机关不掌握相关政府信息
        UnavailableNotHeld => "unavailable.not_held", "1.本机关不掌握相关政府信息";
        /// （四）2.没有现成信息需要另行制作
        UnavailableNeedsCreation => "unavailable.needs_creation", "2.没有现成信息需要另行制作";
        /// （四）3.补正后申请内容仍不明确
        UnavailableUnclear => "unavailable.unclear", "3.补正后申请内容仍不明确";
        /// （五）1.信访举报投诉类申请
        NotProcessedPetition => "not_processed.petition", "1.信访举报投诉类申请";
        /// （五）2.重复申请
        NotProcessedDuplicate => "not_processed.duplicate", "2.重复申请";
        /// （五）3.要求提供公开出版物
        NotProcessedPublication => "not_processed.publication", "3.要求提供公开出版物";
        /// （五）4.无正当理由大量反复申请
        NotProcessedExcessive => "not_processed.excessive", "4.无正当理由大量反复申请";
        /// （五）5.要求行政机关确认或重新出具已获取信息
        NotProcessedConfirmation => "not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息";
        /// （六）1.申请人无正当理由逾期不补正…
        OtherNoCorrection => "other.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请";
        /// （六）2.申请人逾期未按收费通知要求缴纳费用…
        OtherUnpaidFee => "other.unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请";
        /// （六）3.其他
        OtherOther => "other.other", "3.其他";
        /// （六）其他处理 printed as one row (2019 template; some 2021 reports).
        OtherTotal => "other.total", "（六）其他处理";
        /// （七）总计
        Total => "total", "（七）总计";
        /// 四、结转下年度继续办理
        CarriedForward => "carried_forward", "四、结转下年度继续办理";
    }
}

impl T3Row {
    /// Rows of the 2021 template, printed order (25 rows).
    pub const TEMPLATE_2021: [T3Row; 25] = [
        T3Row::NewReceived,
        T3Row::CarriedOver,
        T3Row::Granted,
        T3Row::PartiallyGranted,
        T3Row::WithheldStateSecret,
        T3Row::WithheldProhibitedByLaw,
        T3Row::WithheldSecurityStability,
        T3Row::WithheldThirdPartyRights,
        T3Row::WithheldInternalAffairs,
        T3Row::WithheldProcessInfo,
        T3Row::WithheldEnforcementFile,
        T3Row::WithheldAdministrativeQuery,
        T3Row::UnavailableNotHeld,
        T3Row::UnavailableNeedsCreation,
        T3Row::UnavailableUnclear,
        T3Row::NotProcessedPetition,
        T3Row::NotProcessedDuplicate,
        T3Row::NotProcessedPublication,
        T3Row::NotProcessedExcessive,
        T3Row::NotProcessedConfirmation,
        T3Row::OtherNoCorrection,
        T3Row::OtherUnpaidFee,
        T3Row::OtherOther,
        T3Row::Total,
        T3Row::CarriedForward,
    ];

    /// Rows when （六）其他处理 is one row (the 2019 template), 23 rows: the
    /// 2021 rows with the three （六） sub-rows replaced by [`T3Row::OtherTotal`].
    pub const SINGLE_OTHER_ROW: [T3Row; 23] = {
        let mut out = [T3Row::NewReceived; 23];
        let (mut i, mut j) = (0, 0);
        while i < T3Row::TEMPLATE_2021.len() {
            let row = T3Row::TEMPLATE_2021[i];
            if !matches!(row, T3Row::OtherNoCorrection | T3Row::OtherUnpaidFee) {
                out[j] = if matches!(row, T3Row::OtherOther) { T3Row::OtherTotal } else { row };
                j += 1;
            }
            i += 1;
        }
        out
    };

    /// True for the rows whose sum is （七）总计 (outcome rows of 三、).
    pub const fn is_outcome(self) -> bool {
        !matches!(self, T3Row::NewReceived | T3Row::CarriedOver | T3Row::Total | T3Row::CarriedForward)
    }

    /// The outcome group (（一）…（六）) this row belongs to, if any.
    pub const fn group(self) -> Option<T3Group> {
        use T3Row::*;
        Some(match self {
            Granted => T3Group::Granted,
            PartiallyGranted => T3Group::PartiallyGranted,
            WithheldStateSecret
            | WithheldProhibitedByLaw
            | WithheldSecurityStability
            | WithheldThirdPartyRights
            | WithheldInternalAffairs
            | WithheldProcessInfo
            | WithheldEnforcementFile
            | WithheldAdministrativeQuery => T3Group::Withheld,
            UnavailableNotHeld | UnavailableNeedsCreation | UnavailableUnclear => T3Group::Unavailable,
            NotProcessedPetition
            | NotProcessedDuplicate
            | NotProcessedPublication
            | NotProcessedExcessive
            | NotProcessedConfirmation => T3Group::NotProcessed,
            OtherNoCorrection | OtherUnpaidFee | OtherOther | OtherTotal => T3Group::Other,
            _ => return None,
        })
    }
}

keyed_enum! {
    /// The outcome groups （一）…（六） under 三、本年度办理结果.
    T3Group {
        /// （一）予以公开
        Granted => "granted", "予以公开";
        /// （二）部分公开
        PartiallyGranted => "partially_granted", "部分公开";
        /// （三）不予公开
        Withheld => "withheld", "不予公开";
        /// （四）无法提供
        Unavailable => "unavailable", "无法提供";
        /// （五）不予处理
        NotProcessed => "not_processed", "不予处理";
        /// （六）其他处理
        Other => "other", "其他处理";
    }
}

keyed_enum! {
    /// The three column groups of table 4.
    T4Group {
        /// 行政复议
        Review => "review", "行政复议";
        /// 行政诉讼 · 未经复议直接起诉
        LitigationDirect => "litigation_direct", "未经复议直接起诉";
        /// 行政诉讼 · 复议后起诉
        LitigationAfterReview => "litigation_after_review", "复议后起诉";
    }
}

keyed_enum! {
    /// The five columns of each table-4 group.
    T4Col {
        /// 结果维持
        Upheld => "upheld", "结果维持";
        /// 结果纠正
        Corrected => "corrected", "结果纠正";
        /// 其他结果
        Other => "other", "其他结果";
        /// 尚未审结
        Pending => "pending", "尚未审结";
        /// 总计
        Total => "total", "总计";
    }
}

impl T4Col {
    /// The four columns that add up to [`T4Col::Total`].
    pub const PARTS: [T4Col; 4] = [T4Col::Upheld, T4Col::Corrected, T4Col::Other, T4Col::Pending];
}

keyed_enum! {
    /// The rows (information items) of table 2, both templates.
    T2Item {
        /// 规章
        Regulations => "regulations", "规章";
        /// （行政）规范性文件
        NormativeDocuments => "normative_documents", "行政规范性文件";
        /// 行政许可
        Licensing => "licensing", "行政许可";
        /// 其他对外管理服务事项 (2019 template)
        OtherServices => "other_services", "其他对外管理服务事项";
        /// 行政处罚
        Punishment => "punishment", "行政处罚";
        /// 行政强制
        Enforcement => "enforcement", "行政强制";
        /// 行政事业性收费
        Fees => "fees", "行政事业性收费";
        /// 政府集中采购 (2019 template)
        Procurement => "procurement", "政府集中采购";
    }
}

keyed_enum! {
    /// The columns (measures) of table 2, both templates.
    T2Measure {
        /// 本年制发件数
        Issued => "issued", "本年制发件数";
        /// 本年废止件数
        Repealed => "repealed", "本年废止件数";
        /// 现行有效件数
        InForce => "in_force", "现行有效件数";
        /// 本年处理决定数量 / 处理决定数量
        Decisions => "decisions", "本年处理决定数量";
        /// 本年收费金额（单位：万元）
        Amount => "amount", "本年收费金额（单位：万元）";
        /// 本年新制作数量 (2019)
        NewMade => "new_made", "本年新制作数量";
        /// 本年新公开数量 (2019)
        NewPublished => "new_published", "本年新公开数量";
        /// 对外公开总数量 (2019)
        TotalPublished => "total_published", "对外公开总数量";
        /// 上一年项目数量 (2019)
        PreviousYear => "previous_year", "上一年项目数量";
        /// 本年增/减 (2019)
        Change => "change", "本年增/减";
        /// 采购项目数量 (2019)
        Projects => "projects", "采购项目数量";
    }
}

/// A table-2 cell: an item (row) and a measure (column).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct T2Key {
    /// The row.
    pub item: T2Item,
    /// The column.
    pub measure: T2Measure,
}

/// The key of one table cell, in any table.
///
/// `Display` writes the stable key of the format spec and `FromStr` reads it back:
///
/// ```
/// use zfxxgk::{CellKey, T3Row, Applicant};
/// let key: CellKey = "t3.withheld.state_secret.natural_person".parse().unwrap();
/// assert_eq!(key, CellKey::T3 { row: T3Row::WithheldStateSecret, col: Applicant::NaturalPerson });
/// assert_eq!(key.to_string(), "t3.withheld.state_secret.natural_person");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum CellKey {
    /// Table 2 (主动公开).
    T2(T2Key),
    /// Table 3 (依申请公开).
    T3 {
        /// The row.
        row: T3Row,
        /// The applicant column.
        col: Applicant,
    },
    /// Table 4 (行政复议、行政诉讼).
    T4 {
        /// The column group.
        group: T4Group,
        /// The column within the group.
        col: T4Col,
    },
}

impl CellKey {
    /// The key's three fragments: table (`t2`, `t3`, `t4`), row or item, column.
    pub(crate) const fn parts(self) -> [&'static str; 3] {
        match self {
            CellKey::T2(k) => ["t2", k.item.as_str(), k.measure.as_str()],
            CellKey::T3 { row, col } => ["t3", row.as_str(), col.as_str()],
            CellKey::T4 { group, col } => ["t4", group.as_str(), col.as_str()],
        }
    }
}

impl fmt::Display for CellKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [table, row, col] = self.parts();
        write!(f, "{table}.{row}.{col}")
    }
}

/// A string that is not a cell key (or not one of an enum's key fragments).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not a cell key: {input:?}")]
pub struct KeyError {
    input: String,
}

impl KeyError {
    pub(crate) fn new(input: &str) -> KeyError {
        KeyError { input: input.to_owned() }
    }
}

impl FromStr for CellKey {
    type Err = KeyError;

    fn from_str(s: &str) -> Result<Self, KeyError> {
        let err = || KeyError { input: s.to_owned() };
        let (table, rest) = s.split_once('.').ok_or_else(err)?;
        // The last dot separates the column; row keys may themselves hold a dot.
        let (row, col) = rest.rsplit_once('.').ok_or_else(err)?;
        match table {
            "t2" => Ok(CellKey::T2(T2Key {
                item: row.parse().map_err(|_| err())?,
                measure: col.parse().map_err(|_| err())?,
            })),
            "t3" => Ok(CellKey::T3 { row: row.parse().map_err(|_| err())?, col: col.parse().map_err(|_| err())? }),
            "t4" => Ok(CellKey::T4 { group: row.parse().map_err(|_| err())?, col: col.parse().map_err(|_| err())? }),
            _ => Err(err()),
        }
    }
}

impl Serialize for CellKey {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for CellKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_t3_key_round_trips() {
        for &row in T3Row::ALL {
            for &col in Applicant::ALL {
                let k = CellKey::T3 { row, col };
                assert_eq!(k.to_string().parse::<CellKey>().unwrap(), k);
            }
        }
    }

    #[test]
    fn single_other_row_replaces_the_three_sub_rows() {
        assert_eq!(T3Row::SINGLE_OTHER_ROW[19], T3Row::NotProcessedConfirmation);
        assert_eq!(T3Row::SINGLE_OTHER_ROW[20], T3Row::OtherTotal);
        assert_eq!(T3Row::SINGLE_OTHER_ROW[22], T3Row::CarriedForward);
    }

    #[test]
    fn rejects_unknown_keys() {
        assert!("t3.nope.total".parse::<CellKey>().is_err());
        assert!("t9.review.total".parse::<CellKey>().is_err());
        assert!("".parse::<CellKey>().is_err());
    }
}
