//! The staff PIN (argon2id hash) and its lockout: five wrong PINs lock staff login for
//! five minutes. The lockout lives in the store, so restarting the kiosk does not lift it.

use super::deadline::{BootClock, Deadline};
use super::{Error, Result, Store, audit, ts};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension, params};

pub const STAFF_MAX_ATTEMPTS: u32 = 5;
pub const STAFF_LOCKOUT: Duration = Duration::minutes(5);
pub const PIN_MIN_DIGITS: usize = 6;
pub const PIN_MAX_DIGITS: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PinCheck {
    Accepted,
    Wrong {
        attempts_left: u32,
    },
    Locked {
        until: Deadline,
    },
    /// No PIN has been set yet (`relay-kiosk staff set-pin`).
    NotSet,
}

pub fn validate_pin(pin: &str) -> Result<()> {
    let ok = (PIN_MIN_DIGITS..=PIN_MAX_DIGITS).contains(&pin.len())
        && pin.bytes().all(|b| b.is_ascii_digit());
    if !ok {
        return Err(Error::Invalid(format!(
            "PIN 须为 {PIN_MIN_DIGITS}–{PIN_MAX_DIGITS} 位数字 (PIN must be {PIN_MIN_DIGITS}-{PIN_MAX_DIGITS} digits)"
        )));
    }
    if trivial(pin) {
        return Err(Error::Invalid(
            "这个 PIN 太容易猜（同一个数字、顺着数或两位重复），请换一个 (PIN too easy to guess)"
                .into(),
        ));
    }
    Ok(())
}

/// The PINs a passer-by tries first: one digit repeated (000000), a run up or down
/// (123456, 987654, wrapping 890123 too), or two digits repeated (121212).
fn trivial(pin: &str) -> bool {
    let d: Vec<i32> = pin.bytes().map(|b| i32::from(b - b'0')).collect();
    let steps: Vec<i32> = d.windows(2).map(|w| (w[1] - w[0]).rem_euclid(10)).collect();
    let run = steps.iter().all(|&s| s == steps[0]) && matches!(steps[0], 0 | 1 | 9);
    let pairs = d.iter().enumerate().all(|(i, &x)| x == d[i % 2]);
    run || pairs
}

impl Store {
    pub fn staff_pin_is_set(&self) -> Result<bool> {
        Ok(self
            .conn()
            .query_row(
                "SELECT 1 FROM staff_credential WHERE id = 1",
                [],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Sets (or replaces) the staff PIN and lifts any lockout.
    pub fn set_staff_pin(&mut self, pin: &str, actor: &str) -> Result<()> {
        validate_pin(pin)?;
        let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
        let hash = hasher()
            .hash_password(pin.as_bytes(), &salt)
            .map_err(|e| Error::Invalid(format!("PIN 加密失败，请再试一次 (hash failed: {e})")))?
            .to_string();
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO staff_credential (id, pin_hash, set_at) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET pin_hash = excluded.pin_hash, set_at = excluded.set_at",
            params![hash, ts(Utc::now())],
        )?;
        tx.execute(
            "UPDATE staff_lockout SET failed = 0, locked_until = NULL, locked_mono = NULL WHERE id = 1",
            [],
        )?;
        audit::log(&tx, actor, "staff.set_pin", "")?;
        tx.commit()?;
        Ok(())
    }

    /// When staff login is locked at `now`, until when (timed on the boot clock).
    pub fn staff_locked_until(&self, now: DateTime<Utc>) -> Result<Option<Deadline>> {
        if self.read_only.is_some() {
            return Ok(self
                .read_only_lock
                .clone()
                .filter(|d| d.left(now).is_some()));
        }
        locked_until_in(self.conn(), now, &self.clock)
    }

    /// Checks a PIN entered on the kiosk, counting wrong attempts.
    ///
    /// Argon2 takes a while, so the PIN is first checked against the hash as it is
    /// now, without the write lock. The lockout, the hash and the attempt counter are
    /// then read again inside the write transaction and decide: if another connection
    /// changed the PIN in between, the PIN is checked again against the new hash.
    pub fn check_staff_pin(&mut self, pin: &str, now: DateTime<Utc>) -> Result<PinCheck> {
        if self.read_only.is_some() {
            return self.check_staff_pin_read_only(pin, now);
        }
        // Read-only answers need no write lock: they were true when read.
        if let Some(until) = self.staff_locked_until(now)? {
            return Ok(PinCheck::Locked { until });
        }
        let Some(seen) = pin_hash_in(self.conn())? else {
            return Ok(PinCheck::NotSet);
        };
        let seen_ok = pin_matches(pin, &seen);
        let clock = self.clock.clone();
        let tx = self.write()?;
        if let Some(until) = locked_until_in(&tx, now, &clock)? {
            return Ok(PinCheck::Locked { until });
        }
        let Some(hash) = pin_hash_in(&tx)? else {
            return Ok(PinCheck::NotSet);
        };
        let accepted = if hash == seen {
            seen_ok
        } else {
            pin_matches(pin, &hash)
        };
        let result = if accepted {
            tx.execute(
                "UPDATE staff_lockout SET failed = 0, locked_until = NULL, locked_mono = NULL WHERE id = 1",
                [],
            )?;
            audit::log(&tx, "kiosk", "staff.login", "")?;
            PinCheck::Accepted
        } else {
            let failed: u32 = tx.query_row(
                "UPDATE staff_lockout SET failed = failed + 1 WHERE id = 1 RETURNING failed",
                [],
                |r| r.get(0),
            )?;
            if failed >= STAFF_MAX_ATTEMPTS {
                let until = Deadline::start(now, STAFF_LOCKOUT, &clock);
                tx.execute(
                    "UPDATE staff_lockout SET failed = 0, locked_until = ?1, locked_mono = ?2
                     WHERE id = 1",
                    params![ts(until.wall()), until.mono_text()],
                )?;
                audit::log(
                    &tx,
                    "kiosk",
                    "staff.lockout",
                    &format!("until {}", ts(until.wall())),
                )?;
                PinCheck::Locked { until }
            } else {
                audit::log(&tx, "kiosk", "staff.wrong_pin", "")?;
                PinCheck::Wrong {
                    attempts_left: STAFF_MAX_ATTEMPTS - failed,
                }
            }
        };
        tx.commit()?;
        Ok(result)
    }
}

impl Store {
    /// A read-only store's PIN check: against the stored hash, wrong PINs counted and
    /// the lockout kept in memory (staff can still log in to see what is wrong).
    fn check_staff_pin_read_only(&mut self, pin: &str, now: DateTime<Utc>) -> Result<PinCheck> {
        if let Some(until) = self
            .read_only_lock
            .clone()
            .filter(|d| d.left(now).is_some())
        {
            return Ok(PinCheck::Locked { until });
        }
        let Some(hash) = pin_hash_in(self.conn())? else {
            return Ok(PinCheck::NotSet);
        };
        if pin_matches(pin, &hash) {
            self.read_only_misses = 0;
            return Ok(PinCheck::Accepted);
        }
        self.read_only_misses += 1;
        if self.read_only_misses >= STAFF_MAX_ATTEMPTS {
            self.read_only_misses = 0;
            let until = Deadline::start(now, STAFF_LOCKOUT, &self.clock);
            self.read_only_lock = Some(until.clone());
            return Ok(PinCheck::Locked { until });
        }
        Ok(PinCheck::Wrong {
            attempts_left: STAFF_MAX_ATTEMPTS - self.read_only_misses,
        })
    }
}

/// The lockout's end, if it is still on. A stored end that cannot be read (`NaN`) is
/// logged once and taken as no lockout — never an error that leaves the login screen
/// waiting — and the next wrong PIN writes a good one.
fn locked_until_in(
    conn: &Connection,
    now: DateTime<Utc>,
    clock: &BootClock,
) -> Result<Option<Deadline>> {
    let (until, mono) = conn.query_row(
        "SELECT locked_until, locked_mono FROM staff_lockout WHERE id = 1",
        [],
        |r| {
            Ok((
                super::time::column_text(r, 0)?,
                r.get::<_, Option<String>>(1)?,
            ))
        },
    )?;
    Ok(until
        .and_then(|text| super::time::stored_or_log(&text, || "staff_lockout locked_until".into()))
        .map(|wall| Deadline::stored(wall, mono.as_deref(), STAFF_LOCKOUT, clock))
        .filter(|d| d.left(now).is_some()))
}

fn pin_hash_in(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT pin_hash FROM staff_credential WHERE id = 1",
            [],
            |r| r.get(0),
        )
        .optional()?)
}

/// Argon2id with 64 MiB and two passes: on the 2-core development machine a hash or a
/// check took 210–220 ms while four other builds ran (the default 19 MiB took 33–86 ms).
/// It runs on the store thread, never the UI thread. Hashes made with other parameters
/// (older versions used the default) keep verifying: a hash carries its parameters.
pub(crate) const PIN_HASH_KIB: u32 = 64 * 1024;
pub(crate) const PIN_HASH_PASSES: u32 = 2;

fn hasher() -> Argon2<'static> {
    Argon2::new(
        argon2::Algorithm::Argon2id,
        argon2::Version::V0x13,
        argon2::Params::new(PIN_HASH_KIB, PIN_HASH_PASSES, 1, None)
            .expect("valid Argon2 parameters"),
    )
}

fn pin_matches(pin: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            // The parameters come from the hash itself.
            hasher().verify_password(pin.as_bytes(), &parsed).is_ok()
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::temp_store;

    /// Issue 21 item 12: the PINs tried first are refused; ordinary ones are not.
    #[test]
    fn trivial_pins_are_refused() {
        for pin in [
            "000000", "111111", "99999999", "123456", "12345678", "654321", "987654", "890123",
            "121212", "909090",
        ] {
            let e = validate_pin(pin).unwrap_err().to_string();
            assert!(e.contains("太容易猜"), "{pin}: {e}");
        }
        for pin in ["246813", "135791", "382914", "1234568"] {
            assert!(validate_pin(pin).is_ok(), "{pin}");
        }
        let (_dir, mut store) = temp_store();
        assert!(store.set_staff_pin("111111", "cli").is_err());
        assert!(!store.staff_pin_is_set().unwrap());
    }

    #[test]
    fn not_set_until_the_cli_sets_it() {
        let (_dir, mut store) = temp_store();
        assert!(!store.staff_pin_is_set().unwrap());
        assert_eq!(
            store.check_staff_pin("1234", Utc::now()).unwrap(),
            PinCheck::NotSet
        );
        assert!(store.set_staff_pin("12ab", "cli").is_err());
        assert!(store.set_staff_pin("123", "cli").is_err());
        store.set_staff_pin("246813", "cli").unwrap();
        assert!(store.staff_pin_is_set().unwrap());
        assert_eq!(
            store.check_staff_pin("246813", Utc::now()).unwrap(),
            PinCheck::Accepted
        );
    }

    #[test]
    fn new_hashes_are_stronger_and_old_ones_still_verify() {
        let (_dir, mut store) = temp_store();
        store.set_staff_pin("246813", "cli").unwrap();
        let hash = pin_hash_in(&store.conn).unwrap().unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(hash.contains("m=65536,t=2,p=1"), "{hash}");
        // A PIN hashed by an older version (the crate's default parameters).
        let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
        let old = Argon2::default()
            .hash_password(b"135791", &salt)
            .unwrap()
            .to_string();
        assert!(old.contains("m=19456"), "{old}");
        store
            .conn
            .execute("UPDATE staff_credential SET pin_hash = ?1", [&old])
            .unwrap();
        assert_eq!(
            store.check_staff_pin("135791", Utc::now()).unwrap(),
            PinCheck::Accepted
        );
        assert!(matches!(
            store.check_staff_pin("246813", Utc::now()).unwrap(),
            PinCheck::Wrong { .. }
        ));
    }

    #[test]
    fn five_wrong_pins_lock_for_five_minutes() {
        let (_dir, mut store) = temp_store();
        let clock = BootClock::fake();
        store.set_boot_clock(clock.clone());
        store.set_staff_pin("246813", "cli").unwrap();
        let now = Utc::now();
        for left in (1..5).rev() {
            assert_eq!(
                store.check_staff_pin("0000", now).unwrap(),
                PinCheck::Wrong {
                    attempts_left: left
                }
            );
        }
        let locked = store.check_staff_pin("0000", now).unwrap();
        let PinCheck::Locked { until } = locked else {
            panic!("{locked:?}")
        };
        assert_eq!(until.wall(), now + STAFF_LOCKOUT);
        assert_eq!(until.left(now), Some(STAFF_LOCKOUT));
        // Even the right PIN is refused while locked.
        clock.advance(Duration::minutes(4));
        assert!(matches!(
            store
                .check_staff_pin("246813", now + Duration::minutes(4))
                .unwrap(),
            PinCheck::Locked { .. }
        ));
        // After five minutes it is accepted again.
        clock.advance(Duration::minutes(1));
        assert_eq!(
            store
                .check_staff_pin("246813", now + Duration::minutes(5))
                .unwrap(),
            PinCheck::Accepted
        );
    }

    /// #21 item 8: the wall clock set back an hour made 4:59 left read 64:56; set a
    /// day ahead it ended the lockout. The boot clock times it; it survives a restart
    /// of the kiosk (same boot), and after a reboot lasts no longer than 5 minutes.
    #[test]
    fn the_lockout_follows_the_boot_clock_not_the_wall_clock() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite3");
        let clock = BootClock::fake();
        let mut store = Store::open(&path).unwrap();
        store.set_boot_clock(clock.clone());
        store.set_staff_pin("246813", "cli").unwrap();
        let now = Utc::now();
        for _ in 0..5 {
            store.check_staff_pin("0000", now).unwrap();
        }
        clock.advance(Duration::seconds(1));
        let back = now - Duration::hours(1);
        let until = store
            .staff_locked_until(back)
            .unwrap()
            .expect("still locked");
        assert_eq!(until.left(back), Some(STAFF_LOCKOUT - Duration::seconds(1)));
        assert!(
            store
                .staff_locked_until(now + Duration::days(1))
                .unwrap()
                .is_some()
        );
        // The kiosk restarts on the same boot: the same wait.
        drop(store);
        let mut store = Store::open(&path).unwrap();
        store.set_boot_clock(clock.clone());
        assert!(matches!(
            store
                .check_staff_pin("246813", now + Duration::days(1))
                .unwrap(),
            PinCheck::Locked { .. }
        ));
        clock.advance(STAFF_LOCKOUT);
        assert_eq!(
            store.check_staff_pin("246813", back).unwrap(),
            PinCheck::Accepted
        );
        // Locked again, then the machine reboots with the clock an hour back.
        for _ in 0..5 {
            store.check_staff_pin("0000", now).unwrap();
        }
        clock.reboot();
        let left = store.staff_locked_until(back).unwrap().unwrap().left(back);
        assert_eq!(left, Some(STAFF_LOCKOUT), "never longer than the lockout");
    }

    #[test]
    fn a_right_pin_resets_the_count() {
        let (_dir, mut store) = temp_store();
        store.set_staff_pin("246813", "cli").unwrap();
        let now = Utc::now();
        for _ in 0..4 {
            store.check_staff_pin("0000", now).unwrap();
        }
        assert_eq!(
            store.check_staff_pin("246813", now).unwrap(),
            PinCheck::Accepted
        );
        assert_eq!(
            store.check_staff_pin("0000", now).unwrap(),
            PinCheck::Wrong { attempts_left: 4 }
        );
    }
}
