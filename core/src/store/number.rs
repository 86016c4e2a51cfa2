//! The numbers a worker is given for a wish or a suggestion: six digits, shown as
//! `382 914`, since many older workers cannot read back or remember Latin letters.
//! Unguessable together with the phone's last 4 digits, and guessing is slowed down
//! (`wish_withdraw.rs`). Unique across wishes and suggestions, so a number typed on
//! the wrong form is never someone else's. Numbers given before (`W7K3`) stay valid.

use super::{Error, Result};
use rusqlite::Connection;

/// Digits in a number given now.
pub const NUMBER_DIGITS: usize = 6;

/// Six fresh digits, the first never 0 (a number read aloud never starts with 零);
/// uniqueness is checked by the caller.
fn random_number() -> String {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    let first = 1 + OsRng.next_u32() % 9;
    let rest = OsRng.next_u32() % 100_000;
    format!("{first}{rest:05}")
}

/// A number used by no wish and no suggestion, inside the caller's write transaction.
pub(super) fn unused_number(conn: &Connection) -> Result<String> {
    for _ in 0..500 {
        let number = random_number();
        let taken: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM wish WHERE number = ?1)
                 OR EXISTS (SELECT 1 FROM suggestion WHERE number = ?1)",
            [&number],
            |r| r.get(0),
        )?;
        if !taken {
            return Ok(number);
        }
    }
    Err(Error::Invalid(
        "编号快用完了，请联系工作人员 (no free number)".into(),
    ))
}

/// As typed to as stored: ` 382 914` → `382914`, `w7k3` → `W7K3`.
pub fn normal_number(number: &str) -> String {
    number
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase()
}

/// As shown: six digits in two groups of three (`382 914`), anything else as it is.
pub fn shown_number(number: &str) -> String {
    if number.len() == NUMBER_DIGITS && number.bytes().all(|b| b.is_ascii_digit()) {
        format!("{} {}", &number[..3], &number[3..])
    } else {
        number.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_six_digits_never_starting_with_zero() {
        for _ in 0..2000 {
            let n = random_number();
            assert_eq!(n.len(), NUMBER_DIGITS, "{n}");
            assert!(n.bytes().all(|b| b.is_ascii_digit()), "{n}");
            assert_ne!(&n[..1], "0", "{n}");
        }
    }

    #[test]
    fn typed_numbers_are_read_as_stored_and_shown_grouped() {
        assert_eq!(normal_number(" 382 914 "), "382914");
        assert_eq!(normal_number("w7k3"), "W7K3");
        assert_eq!(shown_number("382914"), "382 914");
        assert_eq!(shown_number("W7K3"), "W7K3");
    }
}
