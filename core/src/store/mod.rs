//! The station's local store: one SQLite file shared by the kiosk and the CLI.
//!
//! WAL journal, `synchronous=FULL` (a change the user was told is saved survives a
//! power cut), foreign keys on, a busy timeout so the kiosk and the CLI can write at
//! the same time. Every multi-row change runs in one transaction. Times are stored in
//! UTC as RFC 3339 text and shown in local time by the UI. This module never imports UI
//! code.

mod amenity;
mod audit;
pub mod backup;
pub mod backup_space;
mod book;
mod book_category;
mod book_cover;
mod book_import;
mod book_seed;
mod catalog;
pub mod deadline;
pub mod figures;
mod isbn;
mod loan;
mod migrations;
mod notice;
mod number;
mod outage;
pub(crate) mod recover;
mod revision;
mod schedule;
mod slot;
mod slot_feed;
mod slot_run;
mod slot_stats;
mod slot_types;
mod staff;
mod station;
mod suggestion;
mod text;
pub mod time;
mod visit;
mod wal_check;
mod wish;
mod worker;

pub use amenity::{AMENITY_NOTE_MAX_CHARS, Amenity, AmenityStatus};
pub use audit::{AuditEntry, UsageCount};
pub use backup::BackupFile;
pub use book::{
    BOOK_MAX_COPIES, BOOK_SUMMARY_MAX_CHARS, BOOK_TEXT_MAX_CHARS, BOOK_TITLE_MAX_CHARS, Book,
    BookCategory, BookId, CATEGORY_MAX_CHARS, COVER_MAX_HEIGHT, COVERS_DIR, CategoryId,
    ImportSummary, NewBook, UNCATEGORISED, normalize_isbn,
};
pub use book_category::CategoryUse;
pub use book_cover::prepare_cover;
pub use book_import::ImportOptions;
pub use book_seed::{BookSeed, SeedLoan};
pub use catalog::CatalogRow;
pub use deadline::{BootClock, Deadline};
pub use figures::Figures;
pub use loan::{
    BookStats, ERASE_LOANS_AFTER_DAYS, Loan, LoanOut, POPULAR_DAYS, ReturnOutcome, VisitorReturn,
    local_date, validate_borrower,
};
pub use notice::{Category, NewNotice, Notice, prepare_poster};
pub use number::{NUMBER_DIGITS, normal_number, shown_number};
pub use outage::Outage;
pub use recover::{
    Cause, Health, LOCK_FILE, Opened, Recovery, StoreLock, cause_of, health, in_memory,
    in_memory_because, open_checked, restore_from,
};
pub use revision::Revisions;
pub use schedule::{NoticeState, Schedule, TimeWindow, Weekdays};
pub use slot::{FAULT_NOTE_MAX_CHARS, SLOT_CODE_TRIES, SLOT_NOTE_MAX_CHARS, code_wait};
pub use slot_feed::{FeedState, ReportAt};
pub use slot_run::{SLOT_RUN_MAX, run_name, slot_run};
pub use slot_stats::SessionRecord;
pub use slot_types::{Connector, EndedBy, OpenSession, Release, Slot, SlotChange, SlotState};
pub use staff::{PIN_MIN_DIGITS, PinCheck, STAFF_LOCKOUT, STAFF_MAX_ATTEMPTS, validate_pin};
pub use station::{STATION_LINE_MAX_CHARS, STATION_NAME_MAX_CHARS, Station};
pub use suggestion::{NewSuggestion, SUGGESTION_MAX_CHARS, Suggestion, SuggestionKind};
pub use visit::AmenityChange;
pub use wish::{
    ARCHIVE_AFTER_DAYS, DECLINE_REASONS, ERASE_PHONES_AFTER_DAYS, NewWish, Occupation, PhoneOf,
    SuggestionProgress, WISH_MAX_CHARS, Wish, WishFilter, WishKind, WishProgress, WishState,
    mask_phone, validate_phone,
};
pub use worker::{NoStoreHere, Worker, forbid_store_here};

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{
    Connection, ErrorCode, OpenFlags, OptionalExtension, Transaction, TransactionBehavior, params,
};
use std::fmt;
use std::path::Path;
use std::time::Duration;

/// The file name of the database inside the data directory.
pub const DB_FILE: &str = "relay-kiosk.sqlite3";

/// Why the store refused or failed. The wording for people lives where they read it:
/// the kiosk's `text::error` and the CLI's output; `Display` is for the log and the CLI.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}", sqlite_sentence(.0))]
    Sqlite(#[from] rusqlite::Error),
    #[error("数据库升级失败 (migration failed): {0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// Input that breaks a rule; the text says which, in Chinese and English.
    #[error("{0}")]
    Invalid(String),
    /// No record of kind `what` with this `key` (`#12`, `B9`, `W7K2`).
    #[error("找不到{} {key} (no such {})", what.zh(), what.en())]
    NotFound { what: Record, key: String },
    /// The store's worker thread is gone (only while the kiosk shuts down).
    #[error("数据库线程已停止 (store worker stopped)")]
    Stopped,
}

/// SQLite's failure as staff read it: what happened in Chinese, then SQLite's own words.
fn sqlite_sentence(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode::*;
    let zh = match e.sqlite_error_code() {
        Some(DiskFull) => "磁盘已满，这次没有保存：请腾出空间（旧备份在 backups/ 里）",
        Some(DatabaseBusy | DatabaseLocked) => "数据库正被别的程序占用，这次没有保存：请稍后再试",
        Some(ReadOnly) => {
            "数据库只能读不能写（权限或磁盘问题），这次没有保存：请运行 relay-kiosk doctor"
        }
        Some(DatabaseCorrupt | NotADatabase) => {
            "数据库文件已损坏：请运行 relay-kiosk doctor，它会说怎样从备份恢复"
        }
        Some(CannotOpen) => "打不开数据库文件（路径或权限不对）",
        Some(SystemIoFailure) => "读写磁盘出错，这次没有保存：请检查磁盘",
        Some(PermissionDenied) => "没有权限读写数据库：请用终端的用户运行（sudo -u relay-kiosk）",
        _ => "数据库错误",
    };
    format!("{zh} (database error: {e})")
}

/// A refusal written as a sentence, Chinese first with an English gloss
/// (`"标题不能为空 (title is empty)"`), is an [`Error::Invalid`]; this lets the parsers
/// of files and flags say `.map_err(|e| format!(…))?`.
impl From<String> for Error {
    fn from(sentence: String) -> Self {
        Error::Invalid(sentence)
    }
}

impl From<&str> for Error {
    fn from(sentence: &str) -> Self {
        Error::Invalid(sentence.to_string())
    }
}

/// The kinds of record a lookup can miss.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    Notice,
    Slot,
    Wish,
    Suggestion,
    Book,
    Loan,
    VisitorReturn,
}

impl Record {
    fn zh(self) -> &'static str {
        match self {
            Record::Notice => "通知",
            Record::Slot => "充电位",
            Record::Wish => "心愿",
            Record::Suggestion => "建议",
            Record::Book => "图书",
            Record::Loan => "借阅记录",
            Record::VisitorReturn => "入架记录",
        }
    }

    fn en(self) -> &'static str {
        match self {
            Record::Notice => "notice",
            Record::Slot => "slot",
            Record::Wish => "wish",
            Record::Suggestion => "suggestion",
            Record::Book => "book",
            Record::Loan => "loan",
            Record::VisitorReturn => "visitor return",
        }
    }
}

impl Error {
    /// Whether another connection held the write lock past the busy timeout.
    pub fn is_busy(&self) -> bool {
        matches!(
            self,
            Error::Sqlite(rusqlite::Error::SqliteFailure(e, _))
                if matches!(e.code, ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
        )
    }

    /// Whether a unique or foreign-key rule refused the change (a duplicate, say).
    pub fn is_conflict(&self) -> bool {
        matches!(
            self,
            Error::Sqlite(rusqlite::Error::SqliteFailure(e, _))
                if e.code == ErrorCode::ConstraintViolation
        )
    }

    pub(crate) fn not_found(what: Record, key: impl std::fmt::Display) -> Error {
        Error::NotFound {
            what,
            key: key.to_string(),
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;

pub struct Store {
    conn: Connection,
    /// The boot clock waits are timed by (a fake one in tests).
    clock: deadline::BootClock,
    /// Opened read-only ([`Store::open_read_only`]): why, for staff; nothing is written.
    read_only: Option<Recovery>,
    /// Wrong staff PINs while read-only (the counter in the store cannot be written),
    /// and the lockout they led to.
    read_only_misses: u32,
    read_only_lock: Option<deadline::Deadline>,
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.conn.path())
            .finish()
    }
}

impl Store {
    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        owner_only(path);
        let store = Self::setup(conn)?;
        // SQLite makes -wal and -shm with the database's permissions; older ones too.
        for suffix in ["-wal", "-shm"] {
            let mut side = path.as_os_str().to_owned();
            side.push(suffix);
            owner_only(Path::new(&side));
        }
        Ok(store)
    }

    /// Opens an existing store that cannot be written (a read-only data directory, a
    /// schema from a newer version): what it has is shown, every write is refused in
    /// words, the staff PIN can still be checked, and `why` is the note staff see.
    pub fn open_read_only(path: &Path, why: Recovery) -> Result<Store> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(Duration::from_secs(5))?;
        // Reading at all is the test: a file that is not a store fails here.
        conn.query_row("SELECT count(*) FROM setting", [], |r| r.get::<_, i64>(0))?;
        Ok(Store {
            conn,
            clock: deadline::BootClock::System,
            read_only: Some(why),
            read_only_misses: 0,
            read_only_lock: None,
        })
    }

    /// Why the store was opened read-only, if it was.
    pub fn read_only(&self) -> Option<&Recovery> {
        self.read_only.as_ref()
    }

    fn setup(mut conn: Connection) -> Result<Store> {
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        // Every commit is checkpointed into the main file at once (#21 item 11): what a
        // damaged write-ahead log held is already safe. (Litestream, if added, wants to
        // checkpoint itself: see issue 20.)
        conn.pragma_update(None, "wal_autocheckpoint", 1)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // What is deleted or erased (a phone number after 90 days) is overwritten with
        // zeros in the file, not left readable in free space until a VACUUM.
        conn.pragma_update(None, "secure_delete", "ON")?;
        migrations::migrations().to_latest(&mut conn)?;
        Ok(Store {
            conn,
            clock: deadline::BootClock::System,
            read_only: None,
            read_only_misses: 0,
            read_only_lock: None,
        })
    }

    /// Times waits with `clock` from now on (tests move a fake one).
    pub fn set_boot_clock(&mut self, clock: deadline::BootClock) {
        self.clock = clock;
    }

    pub fn boot_clock(&self) -> &deadline::BootClock {
        &self.clock
    }

    /// The connection, for reads. In debug builds, refuses to run on a thread that is
    /// inside the kiosk's `update()`/`view()` (see [`forbid_store_here`]).
    fn conn(&self) -> &Connection {
        worker::assert_allowed();
        &self.conn
    }

    /// Starts a write transaction with `BEGIN IMMEDIATE`: the write lock is taken up
    /// front, so a busy store waits out the busy timeout instead of failing half-way,
    /// and whatever the transaction reads cannot change under it.
    fn write(&mut self) -> Result<Transaction<'_>> {
        worker::assert_allowed();
        if let Some(r) = &self.read_only {
            let cause = r.cause.unwrap_or(recover::Cause::Damaged);
            return Err(Error::Invalid(format!(
                "数据库现在只能查看、不能保存（原因：{}），请联系工作人员 (the store is read-only: {})",
                cause.zh(),
                cause.advice()
            )));
        }
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }

    /// The schema version this program writes.
    pub fn latest_schema() -> i64 {
        migrations::latest()
    }

    /// The schema version (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn()
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Changes whenever another connection (the CLI, another kiosk process) commits.
    /// The kiosk polls it to refresh what it shows.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn()
            .pragma_query_value(None, "data_version", |r| r.get(0))?)
    }

    /// Hands back the memory this connection's page cache holds (after a big read,
    /// such as the reading corner's whole catalogue); the next reads fill it again.
    pub fn release_memory(&self) -> Result<()> {
        self.conn().execute_batch("PRAGMA shrink_memory")?;
        Ok(())
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.conn().execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }
}

/// Makes a file readable and writable by its owner only (0600): the store holds phone
/// numbers and open release codes. Missing files and other platforms are left alone.
pub fn owner_only(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if path.exists()
            && let Err(e) = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
        {
            tracing::warn!("could not make {} private: {e}", path.display());
        }
    }
}

/// Formats a UTC time the one way the store writes it (sortable as text).
pub(crate) fn ts(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Reads a stored time. One outside 2000–2099 (a year 0 written by hand) is as
/// undecodable as `NaN`: lists skip such a row and log it (`time::decoded`), and the
/// readers that must keep their row (slots, amenities, the lockout) use `time::stored`.
pub(crate) fn parse_ts(text: &str) -> rusqlite::Result<DateTime<Utc>> {
    let conversion = |e: Box<dyn std::error::Error + Send + Sync>| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e)
    };
    let at = DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| conversion(Box::new(e)))?;
    if time::in_window(at) {
        Ok(at)
    } else {
        Err(conversion(format!("{text} is outside 2000–2099").into()))
    }
}

#[cfg(test)]
pub(crate) mod testing {
    use super::Store;

    /// A store on a fresh temporary file (WAL needs a real file).
    pub fn temp_store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join(super::DB_FILE)).expect("open store");
        (dir, store)
    }
}

#[cfg(test)]
#[path = "race_tests.rs"]
mod race_tests;

#[cfg(test)]
mod tests {
    use super::testing::temp_store;
    use super::*;

    /// Issue 21 item 14: SQLite's English reaches staff (the CLI, the log) only after a
    /// Chinese sentence that says what happened and what to do.
    #[test]
    fn sqlite_failures_are_said_in_chinese_first() {
        let sqlite = |code| {
            Error::Sqlite(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(code),
                None,
            ))
        };
        let full = sqlite(rusqlite::ffi::SQLITE_FULL).to_string();
        assert!(full.starts_with("磁盘已满，这次没有保存"), "{full}");
        assert!(full.contains("database or disk is full"), "{full}");
        let locked = sqlite(rusqlite::ffi::SQLITE_BUSY).to_string();
        assert!(locked.starts_with("数据库正被别的程序占用"), "{locked}");
        let read_only = sqlite(rusqlite::ffi::SQLITE_READONLY).to_string();
        assert!(read_only.starts_with("数据库只能读不能写"), "{read_only}");
    }

    #[test]
    fn migrates_from_empty_and_sets_pragmas() {
        let (_dir, store) = temp_store();
        assert_eq!(store.schema_version().unwrap(), 12);
        let mode: String = store
            .conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let sync: i64 = store
            .conn
            .pragma_query_value(None, "synchronous", |r| r.get(0))
            .unwrap();
        assert_eq!(sync, 2, "synchronous=FULL");
        let fk: i64 = store
            .conn
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        assert_eq!(store.amenities().unwrap().len(), 6);
    }

    #[test]
    #[cfg(unix)]
    fn the_store_and_its_journal_are_the_owners_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DB_FILE);
        std::fs::write(&path, b"").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let store = Store::open(&path).unwrap();
        store.set_setting("k", "v").unwrap();
        drop(store);
        let _again = Store::open(&path).unwrap();
        for name in [
            DB_FILE,
            "relay-kiosk.sqlite3-wal",
            "relay-kiosk.sqlite3-shm",
        ] {
            let p = dir.path().join(name);
            if p.exists() {
                let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
                assert_eq!(mode, 0o600, "{name}");
            }
        }
    }

    #[test]
    fn reopening_keeps_data_and_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DB_FILE);
        {
            let store = Store::open(&path).unwrap();
            store.set_setting("k", "v").unwrap();
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), 12);
        assert_eq!(store.setting("k").unwrap().as_deref(), Some("v"));
    }

    #[test]
    fn data_version_sees_other_connections() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DB_FILE);
        let kiosk = Store::open(&path).unwrap();
        let cli = Store::open(&path).unwrap();
        let before = kiosk.data_version().unwrap();
        cli.set_setting("x", "1").unwrap();
        assert_ne!(kiosk.data_version().unwrap(), before);
    }
}

/// The first-start contents of a store (the demo station).
#[derive(Debug, Default)]
pub struct Seed {
    /// Amenity name, status, note.
    pub amenities: Vec<(String, AmenityStatus, String)>,
    pub notices: Vec<NewNotice>,
    /// Label, connector, position note, fed.
    pub slots: Vec<(String, Connector, String, bool)>,
    /// Slot label, start, end (`None`: still charging, with a release code).
    pub sessions: Vec<(String, DateTime<Utc>, Option<DateTime<Utc>>)>,
    /// Slot label and a staff fault note.
    pub faults: Vec<(String, String)>,
    /// Wishes as they stand, any state (`id` is ignored; an empty `number` gets a fresh
    /// one; `has_photo` is ignored).
    pub wishes: Vec<Wish>,
    /// Suggestions as they stand (`id` is ignored).
    pub suggestions: Vec<Suggestion>,
    /// The reading corner: categories, books, loans, visitors' returns.
    pub books: BookSeed,
    /// The station's name, as staff would set it.
    pub station_name: Option<String>,
    /// Visits counted per hour: the hour's start and how many.
    pub visits: Vec<(DateTime<Utc>, i64)>,
    /// Past changes of an amenity's status (name or key, status, when), before the
    /// current one in `amenities`.
    pub amenity_changes: Vec<(String, AmenityStatus, DateTime<Utc>)>,
    /// Repaired faults: slot label, note, reported, repaired.
    pub repairs: Vec<(String, String, DateTime<Utc>, DateTime<Utc>)>,
}

impl Store {
    /// Writes the first-start contents and marks the store initialised, all in one
    /// transaction.
    pub fn seed(&mut self, seed: &Seed, actor: &str) -> Result<()> {
        let now = Utc::now();
        let tx = self.write()?;
        if let Some(name) = &seed.station_name {
            station::set_in(&tx, name, None, now)?;
        }
        let keys = seed
            .amenities
            .iter()
            .map(|(name, _, _)| amenity::amenity_key_in(&tx, name))
            .collect::<Result<Vec<_>>>()?;
        for (key, (_, status, note)) in keys.iter().zip(&seed.amenities) {
            tx.execute(
                "UPDATE amenity SET status = ?2, note = ?3, updated_at = ?4 WHERE key = ?1",
                params![key, status.key(), note, ts(now)],
            )?;
        }
        for notice in &seed.notices {
            notice::insert(&tx, notice, now)?;
        }
        for (i, (label, connector, note, fed)) in seed.slots.iter().enumerate() {
            tx.execute(
                "INSERT INTO slot (label, connector, note, fed, position) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![label, connector.key(), note, fed, i as i64 + 1],
            )?;
        }
        let slot_id = |label: &str| -> Result<i64> {
            let mut stmt = tx.prepare_cached("SELECT id FROM slot WHERE label = ?1")?;
            Ok(stmt.query_row([label], |r| r.get(0))?)
        };
        for (label, start, end) in &seed.sessions {
            let slot_id = slot_id(label)?;
            match end {
                Some(end) => tx
                    .prepare_cached(
                        "INSERT INTO charging_session (slot_id, started_at, ended_at, source, ended_by)
                         VALUES (?1, ?2, ?3, 'kiosk', 'released')",
                    )?
                    .execute(params![slot_id, ts(*start), ts(*end)])?,
                None => tx.execute(
                    "INSERT INTO charging_session (slot_id, started_at, code, source)
                     VALUES (?1, ?2, ?3, 'kiosk')",
                    params![slot_id, ts(*start), slot::new_code()],
                )?,
            };
        }
        for (label, note) in &seed.faults {
            tx.execute(
                "UPDATE slot SET fault_note = ?2 WHERE label = ?1",
                params![label, note],
            )?;
            tx.execute(
                "INSERT INTO slot_fault (slot_id, at, note, source)
                 SELECT id, ?2, ?3, 'staff' FROM slot WHERE label = ?1",
                params![label, ts(now), note],
            )?;
        }
        for (label, note, at, repaired) in &seed.repairs {
            tx.execute(
                "INSERT INTO slot_fault (slot_id, at, note, source, repaired_at)
                 VALUES (?1, ?2, ?3, 'staff', ?4)",
                params![slot_id(label)?, ts(*at), note, ts(*repaired)],
            )?;
        }
        for (hour, n) in &seed.visits {
            tx.prepare_cached(
                "INSERT INTO visit (hour, n) VALUES (?1, ?2)
                 ON CONFLICT (hour) DO UPDATE SET n = n + excluded.n",
            )?
            .execute(params![ts(*hour), n])?;
        }
        for (name, status, at) in &seed.amenity_changes {
            let key = amenity::amenity_key_in(&tx, name)?;
            tx.prepare_cached(
                "INSERT INTO amenity_change (amenity, status, at) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![key, status.key(), ts(*at)])?;
        }
        for (i, w) in seed.wishes.iter().enumerate() {
            wish::insert_as_is(&tx, w).map_err(|e| match e {
                Error::Invalid(msg) => Error::Invalid(format!("第 {} 个心愿：{msg}", i + 1)),
                e => e,
            })?;
        }
        for (i, s) in seed.suggestions.iter().enumerate() {
            suggestion::insert_as_is(&tx, s).map_err(|e| match e {
                Error::Invalid(msg) => Error::Invalid(format!("第 {} 条建议：{msg}", i + 1)),
                e => e,
            })?;
        }
        book_seed::write(&tx, &seed.books)?;
        tx.execute(
            "INSERT OR REPLACE INTO setting (key, value) VALUES ('initialized', ?1)",
            [ts(now)],
        )?;
        audit::log(
            &tx,
            actor,
            "store.seed",
            &format!(
                "{} notices, {} slots, {} wishes, {} suggestions",
                seed.notices.len(),
                seed.slots.len(),
                seed.wishes.len(),
                seed.suggestions.len()
            ),
        )?;
        tx.commit()?;
        Ok(())
    }
}
