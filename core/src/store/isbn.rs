//! ISBN-10 and ISBN-13: check digits verified, always stored as 13 digits.

use super::{Error, Result};

/// `raw` (ISBN-10 or -13, hyphens and spaces allowed) as 13 digits, its check digit
/// verified. The error says what is wrong, in Chinese with an English gloss.
pub fn normalize_isbn(raw: &str) -> Result<String> {
    let chars: Vec<char> = raw
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | '\u{3000}' | '－'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let bad = |why: &str| Error::Invalid(format!("ISBN {} {why}", raw.trim()));
    let digit = |c: char| c.to_digit(10);
    match chars.len() {
        13 => {
            let d: Vec<u32> = chars.iter().filter_map(|&c| digit(c)).collect();
            if d.len() != 13 {
                return Err(bad("只能是数字 (ISBN-13 must be digits)"));
            }
            if !(chars.starts_with(&['9', '7', '8']) || chars.starts_with(&['9', '7', '9'])) {
                return Err(bad("应以 978 或 979 开头 (ISBN-13 starts with 978 or 979)"));
            }
            let sum: u32 = d[..12]
                .iter()
                .enumerate()
                .map(|(i, &x)| if i % 2 == 0 { x } else { 3 * x })
                .sum();
            if (10 - sum % 10) % 10 != d[12] {
                return Err(bad("校验位不对，请核对 (wrong check digit)"));
            }
            Ok(chars.iter().collect())
        }
        10 => {
            let mut d = Vec::with_capacity(10);
            for (i, &c) in chars.iter().enumerate() {
                match (digit(c), c) {
                    (Some(x), _) => d.push(x),
                    (None, 'X') if i == 9 => d.push(10),
                    _ => {
                        return Err(bad(
                            "只能是数字（最后一位可以是 X）(ISBN-10 must be digits)",
                        ));
                    }
                }
            }
            let sum: u32 = d
                .iter()
                .enumerate()
                .map(|(i, &x)| (10 - i as u32) * x)
                .sum();
            if !sum.is_multiple_of(11) {
                return Err(bad("校验位不对，请核对 (wrong check digit)"));
            }
            let mut out: Vec<u32> = vec![9, 7, 8];
            out.extend_from_slice(&d[..9]);
            let sum: u32 = out
                .iter()
                .enumerate()
                .map(|(i, &x)| if i % 2 == 0 { x } else { 3 * x })
                .sum();
            out.push((10 - sum % 10) % 10);
            Ok(out.iter().map(|x| char::from(b'0' + *x as u8)).collect())
        }
        0 => Err(Error::Invalid("ISBN 是空的 (ISBN is empty)".into())),
        n => Err(bad(&format!(
            "应为 10 位或 13 位，这里是 {n} 位 (ISBN has 10 or 13 digits)"
        ))),
    }
}
