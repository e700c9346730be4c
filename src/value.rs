//! Cell values: a number kept exactly as printed, or blank.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::span::Span;

/// A unit printed inside a cell (2019 table 2 procurement amounts: `251000元`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Unit {
    /// 元
    Yuan,
    /// 万元
    WanYuan,
}

impl Unit {
    /// The unit as printed.
    pub const fn as_str(self) -> &'static str {
        match self {
            Unit::Yuan => "元",
            Unit::WanYuan => "万元",
        }
    }
}

/// An exact decimal number: `mantissa × 10^-scale`, with an optional unit.
///
/// Counts have `scale == 0`; table-2 amounts such as `96171.6` keep their
/// digits exactly (no binary floating point).
///
/// ```
/// use zfxxgk::Number;
/// let n: Number = "96171.60".parse().unwrap();
/// assert_eq!(n.to_string(), "96171.60");
/// assert_eq!(n.as_count(), None);
/// assert_eq!("1,234".parse::<Number>().unwrap().as_count(), Some(1234));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Number {
    /// The digits, sign included.
    pub mantissa: i64,
    /// How many of the digits are after the decimal point.
    pub scale: u8,
    /// A unit printed with the number, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Unit>,
}

impl Number {
    /// The most decimals a parsed number may have (an `i64` holds 18 digits).
    pub const MAX_SCALE: u8 = 18;

    /// A whole count.
    pub const fn count(n: i64) -> Number {
        Number { mantissa: n, scale: 0, unit: None }
    }

    /// The value as a whole count, if it is one.
    pub fn as_count(&self) -> Option<i64> {
        (self.scale == 0).then_some(self.mantissa)
    }

    /// The value as `f64` (for display and JSON only; comparisons use the exact form).
    pub fn to_f64(&self) -> f64 {
        self.mantissa as f64 / 10f64.powi(i32::from(self.scale))
    }

    /// A plain count, 1 to 18 ASCII digits and nothing else (the most common
    /// cell), read without the general grammar of [`Number::parse_cell`];
    /// `None` for anything else.
    #[inline]
    pub(crate) fn plain_count(b: &[u8]) -> Option<Number> {
        if b.is_empty() || b.len() > 18 || !b.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(Number::count(b.iter().fold(0i64, |m, d| m * 10 + i64::from(d - b'0'))))
    }

    /// Parses the digits of a cell: ASCII or full-width digits, thousands
    /// separators, an optional sign and decimal point, an optional 元/万元.
    /// Returns `None` for anything else (including overflow).
    #[inline]
    pub fn parse_cell(s: &str) -> Option<Number> {
        // Text that starts with an ideograph or a letter is no number: the
        // common case (labels), told inline without a call.
        match s.as_bytes().first() {
            Some(c) if (0xe4..=0xe9).contains(c) || c.is_ascii_alphabetic() => None,
            None => None,
            _ => Number::parse_cell_text(s),
        }
    }

    /// [`Number::parse_cell`] for text that may be a number.
    #[inline(never)]
    fn parse_cell_text(s: &str) -> Option<Number> {
        // Fast path: plain ASCII digits, by far the most common cell.
        let b = s.as_bytes();
        if let Some(n) = Number::plain_count(b) {
            return Some(n);
        }
        // Anything else must start (after spaces) with a sign or a digit, ASCII or full-width.
        // (Full-width: ＋ U+FF0B, － U+FF0D, ０-９ U+FF10-FF19, all EF BC xx.)
        // (Only a string that may start with whitespace needs trimming to tell.)
        let lead = match b.first() {
            Some(c) if c.is_ascii_whitespace() || matches!(c, 0x0b | 0xc2 | 0xe1 | 0xe2 | 0xe3) => {
                s.trim_start().as_bytes()
            }
            _ => b,
        };
        let full_width_sign_or_digit =
            lead.len() >= 3 && lead[0] == 0xef && lead[1] == 0xbc && matches!(lead[2], 0x8b | 0x8d | 0x90..=0x99);
        if !(matches!(lead.first(), Some(b'0'..=b'9' | b'-' | b'+')) || full_width_sign_or_digit) {
            return None;
        }
        let mut mantissa: i64 = 0;
        let mut scale: u8 = 0;
        let mut seen_digit = false;
        let mut seen_point = false;
        let mut negative = false;
        let mut unit = None;
        let trimmed = crate::text::trim(s);
        let mut chars = trimmed.char_indices().peekable();
        if let Some(&(_, c)) = chars.peek()
            && (c == '-' || c == '－' || c == '+' || c == '＋')
        {
            negative = c == '-' || c == '－';
            chars.next();
        }
        while let Some((i, c)) = chars.next() {
            let digit = match c {
                '0'..='9' => Some(c as u32 - '0' as u32),
                '０'..='９' => Some(c as u32 - '０' as u32),
                _ => None,
            };
            if let Some(d) = digit {
                mantissa = mantissa.checked_mul(10)?.checked_add(i64::from(d))?;
                if seen_point {
                    scale = scale.checked_add(1)?;
                    // More decimals than an i64 can carry is not a cell value.
                    if scale > Number::MAX_SCALE {
                        return None;
                    }
                }
                seen_digit = true;
                continue;
            }
            match c {
                // A thousands separator must sit between digits.
                ',' | '，' if seen_digit && !seen_point => {
                    if !matches!(chars.peek(), Some((_, '0'..='9' | '０'..='９'))) {
                        return None;
                    }
                }
                '.' | '．' if seen_digit && !seen_point => {
                    if !matches!(chars.peek(), Some((_, '0'..='9' | '０'..='９'))) {
                        return None;
                    }
                    seen_point = true;
                }
                _ if seen_digit => {
                    unit = match trimmed[i..].trim() {
                        "元" => Some(Unit::Yuan),
                        "万元" => Some(Unit::WanYuan),
                        _ => return None,
                    };
                    break;
                }
                _ => return None,
            }
        }
        if !seen_digit {
            return None;
        }
        if negative {
            mantissa = -mantissa;
        }
        Some(Number { mantissa, scale, unit })
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.scale == 0 {
            write!(f, "{}", self.mantissa)?;
        } else {
            // Written from the digits, so any scale (a deserialized Number can hold
            // one larger than the parser makes) prints exactly and cannot overflow.
            let digits = self.mantissa.unsigned_abs().to_string();
            let scale = usize::from(self.scale);
            let sign = if self.mantissa < 0 { "-" } else { "" };
            if digits.len() > scale {
                let (int, frac) = digits.split_at(digits.len() - scale);
                write!(f, "{sign}{int}.{frac}")?;
            } else {
                write!(f, "{sign}0.{}{digits}", "0".repeat(scale - digits.len()))?;
            }
        }
        if let Some(u) = self.unit {
            f.write_str(u.as_str())?;
        }
        Ok(())
    }
}

/// The text is not a number [`Number::parse_cell`] accepts.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not a number: {0:?}")]
pub struct NumberError(String);

impl FromStr for Number {
    type Err = NumberError;
    fn from_str(s: &str) -> Result<Self, NumberError> {
        Number::parse_cell(s).ok_or_else(|| NumberError(s.to_owned()))
    }
}

/// What a cell holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Value {
    /// A number.
    Number {
        /// The number.
        #[serde(flatten)]
        number: Number,
    },
    /// Nothing was printed, or a placeholder (`/`, `-`, `—`, `无`). Not zero.
    Blank,
}

impl Value {
    /// The number, or `None` for a blank cell.
    pub fn number(&self) -> Option<Number> {
        match self {
            Value::Number { number } => Some(*number),
            Value::Blank => None,
        }
    }

    /// True for a blank cell.
    pub fn is_blank(&self) -> bool {
        matches!(self, Value::Blank)
    }
}

/// One table cell: its value and where it was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Cell {
    /// The value.
    pub value: Value,
    /// Where the value (or, for a blank, the place it should have been) is.
    pub span: Span,
}

impl Cell {
    /// The cell's number, `None` if blank.
    pub fn number(&self) -> Option<Number> {
        self.value.number()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(Number::parse_cell("12").unwrap().as_count(), Some(12));
        assert_eq!(Number::parse_cell("１２").unwrap().as_count(), Some(12));
        assert_eq!(Number::parse_cell("1,234,567").unwrap().as_count(), Some(1_234_567));
        let n = Number::parse_cell("4068.208").unwrap();
        assert_eq!((n.mantissa, n.scale), (4_068_208, 3));
        assert_eq!(n.to_string(), "4068.208");
        assert_eq!(Number::parse_cell("-3").unwrap().mantissa, -3);
        let n = Number::parse_cell("251000元").unwrap();
        assert_eq!(n.unit, Some(Unit::Yuan));
        assert_eq!(n.to_string(), "251000元");
        assert_eq!(Number::parse_cell("25.1万元").unwrap().unit, Some(Unit::WanYuan));
        let long_zeros = format!("0.{}", "0".repeat(130));
        assert!(Number::parse_cell(&long_zeros).is_none());
        // Display never overflows, whatever the scale.
        assert_eq!(Number { mantissa: 5, scale: 200, unit: None }.to_string().len(), 202);
        assert_eq!(Number { mantissa: -125, scale: 2, unit: None }.to_string(), "-1.25");
        assert_eq!(Number { mantissa: 5, scale: 3, unit: None }.to_string(), "0.005");
        assert_eq!(Number { mantissa: i64::MIN, scale: 1, unit: None }.to_string(), "-922337203685477580.8");
        for bad in ["", "1.", ".5", "1,", "abc", "1.属于", "99999999999999999999", "-", "1x"] {
            assert!(Number::parse_cell(bad).is_none(), "{bad}");
        }
    }
}
