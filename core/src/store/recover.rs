//! Opening the store at start (kiosk and CLI) so that a damaged one is recovered, not
//! fatal. Only a missing file is a new station. A store that is zero bytes, cannot be
//! read as a database, or fails `PRAGMA quick_check` is renamed (with its -wal and
//! -shm) to `relay-kiosk.sqlite3.damaged-YYYYmmdd-HHMMSS` — never deleted — and the
//! newest backup that passes `integrity_check` takes its place; with none, an empty
//! station starts. Either way a note is kept in the store (setting `recovered`) until
//! staff dismiss it on the staff menu.
//!
//! A lock file beside the store says who has it open: every process holds it shared;
//! creating or replacing the store takes it exclusively, so the CLI never swaps the
//! store under a running kiosk (it asks for a restart instead).

use super::backup::{self, BackupFile};
use super::{DB_FILE, Error, Result, Store, audit, owner_only, ts};
use chrono::{DateTime, Local, Utc};
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension};
use std::fs::{File, TryLockError};
use std::path::Path;
use std::time::{Duration, Instant};

/// The lock file beside the store.
pub const LOCK_FILE: &str = "relay-kiosk.lock";
/// The setting that keeps the recovery note until staff dismiss it.
const NOTE_KEY: &str = "recovered";
/// How long opening waits for another process that is creating or recovering the store.
const LOCK_WAIT: Duration = Duration::from_secs(10);

/// What the store file looks like before it is opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Health {
    /// No file: a new station.
    Missing,
    Good,
    /// Why it cannot be used.
    Damaged(String),
}

/// Looks at the store at `path` without changing it (read-only `PRAGMA quick_check`).
/// A store busy with another writer is not damaged.
pub fn health(path: &Path) -> Result<Health> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Health::Missing),
        Err(e) => {
            return Err(backup::io_error(
                "无法读取数据库 (cannot stat store)",
                path,
                e,
            ));
        }
    };
    if !meta.is_file() {
        return Ok(Health::Damaged("不是普通文件 (not a regular file)".into()));
    }
    if meta.len() == 0 {
        return Ok(Health::Damaged("是空文件 (zero bytes)".into()));
    }
    // A file we may not read is a permission problem, not damage: say so, move nothing.
    if let Err(e) = File::open(path)
        && e.kind() == std::io::ErrorKind::PermissionDenied
    {
        return Err(backup::io_error(
            "没有权限读取数据库，请以终端的用户运行 (permission denied)",
            path,
            e,
        ));
    }
    let check = || -> rusqlite::Result<Vec<String>> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(Duration::from_secs(5))?;
        let mut stmt = conn.prepare("PRAGMA quick_check")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect()
    };
    Ok(match check() {
        Ok(rows) if rows.len() == 1 && rows[0] == "ok" => Health::Good,
        Ok(rows) => Health::Damaged(rows.into_iter().take(3).collect::<Vec<_>>().join("; ")),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if matches!(e.code, ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) =>
        {
            Health::Good
        }
        Err(e) => Health::Damaged(e.to_string()),
    })
}

/// What happened when a damaged store was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovery {
    pub at: DateTime<Utc>,
    /// The backup the data now comes from (when it was taken); `None`: an empty station.
    pub from: Option<DateTime<Local>>,
    /// The damaged store's new name (file name only).
    pub kept_as: String,
    /// What was wrong.
    pub why: String,
    /// The store could not be opened or recovered at all: the kiosk runs on an empty
    /// store in memory (nothing is saved) rather than not at all.
    pub unsaved: bool,
    /// Only the write-ahead log was damaged (`wal_check`): the store was kept and opened,
    /// the log copied aside as `kept_as`; the newest changes may be missing.
    pub wal: bool,
    /// Why the store could not be opened for writing, when it could not (`unsaved`, or
    /// opened read-only).
    pub cause: Option<Cause>,
    /// The store was opened read-only: shown, never written.
    pub read_only: bool,
}

/// Why a store cannot be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// The data directory or the file may not be written by this user.
    Permission,
    /// The store's schema is newer than this program (a package was downgraded).
    NewerSchema,
    /// The file is damaged and could not be recovered.
    Damaged,
}

impl Cause {
    pub fn zh(self) -> &'static str {
        match self {
            Cause::Permission => "权限",
            Cause::NewerSchema => "版本更新",
            Cause::Damaged => "损坏",
        }
    }

    /// What staff do about it.
    pub fn advice(self) -> &'static str {
        match self {
            Cause::Permission => {
                "数据目录或数据库文件不能写入：请检查权限（sudo chown -R relay-kiosk /var/lib/relay-kiosk）"
            }
            Cause::NewerSchema => "数据库由更新版本的 relay-kiosk 写入：请重新安装新版本，不要降级",
            Cause::Damaged => "数据库已损坏且无法恢复：请运行 relay-kiosk doctor 并联系技术人员",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Cause::Permission => "permission",
            Cause::NewerSchema => "newer_schema",
            Cause::Damaged => "damaged",
        }
    }

    fn parse(key: &str) -> Option<Cause> {
        [Cause::Permission, Cause::NewerSchema, Cause::Damaged]
            .into_iter()
            .find(|c| c.key() == key)
    }
}

fn writable(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: `c` is a NUL-terminated path; access only reads it.
    unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
}

/// Why the store in `data_dir` could not be opened with `error`: a schema newer than
/// this program's, no permission to write, or damage.
pub fn cause_of(data_dir: &Path, error: &Error) -> Cause {
    let path = data_dir.join(DB_FILE);
    let version = Connection::open_with_flags(
        &path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .and_then(|c| c.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0)));
    if version.is_ok_and(|v| v > super::migrations::latest()) {
        return Cause::NewerSchema;
    }
    let refused = match error {
        Error::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => matches!(
            e.code,
            ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied
        ),
        _ => false,
    };
    let text = error.to_string();
    if refused
        || text.contains("Permission denied")
        || text.contains("Read-only file system")
        || !writable(data_dir)
        || (path.exists() && !writable(&path))
    {
        Cause::Permission
    } else {
        Cause::Damaged
    }
}

impl Recovery {
    /// The note for a store opened read-only because of `cause` (`why`: the error).
    pub fn read_only(cause: Cause, why: &str, now: DateTime<Local>) -> Recovery {
        Recovery {
            at: now.to_utc(),
            from: None,
            kept_as: String::new(),
            why: why.to_string(),
            unsaved: false,
            wal: false,
            cause: Some(cause),
            read_only: true,
        }
    }

    /// For staff, in Chinese with an English gloss (the staff menu, the CLI's stderr).
    pub fn message(&self) -> String {
        let at = self.at.with_timezone(&Local).format("%Y-%m-%d %H:%M");
        let cause = self.cause.unwrap_or(Cause::Damaged);
        if self.read_only {
            return format!(
                "数据库在 {at} 只能以只读方式打开（原因：{}）：终端照常显示，但不能保存任何改动，\
                 取件码等请工作人员处理。{} (store opened read-only: {}): {}",
                cause.zh(),
                cause.advice(),
                cause.key(),
                self.why
            );
        }
        if self.unsaved && self.cause.is_some() {
            return format!(
                "数据库在 {at} 无法打开（原因：{}），终端暂时在内存中运行，改动不会保存。{} \
                 (store unusable: {}; running in memory, nothing is saved): {}",
                cause.zh(),
                cause.advice(),
                cause.key(),
                self.why
            );
        }
        if self.unsaved {
            return format!(
                "数据库在 {at} 无法打开，终端暂时在内存中运行，改动不会保存：请联系技术人员，\
                 运行 relay-kiosk doctor 检查 (store unusable; running in memory, nothing is \
                 saved): {}",
                self.why
            );
        }
        if self.wal {
            return format!(
                "数据库的日志文件在 {at} 发现损坏，已另存为 {}；数据库本身完好，已照常启动，\
                 但最近的改动可能丢失，请核对最近的通知、心愿和借阅 (the store's write-ahead \
                 log was damaged; recent changes may be missing): {}",
                self.kept_as, self.why
            );
        }
        match self.from {
            Some(from) => format!(
                "数据库在 {at} 发现损坏，已从 {} 的备份恢复，此后的改动已丢失；\
                 损坏的文件保存为 {} (store damaged; restored from the backup of {})",
                from.format("%Y-%m-%d %H:%M"),
                self.kept_as,
                from.format("%Y-%m-%d %H:%M"),
            ),
            None => format!(
                "数据库在 {at} 发现损坏，且没有可用的备份，已启动为空的站点；\
                 损坏的文件保存为 {} (store damaged, no good backup: started empty)",
                self.kept_as
            ),
        }
    }

    fn to_json(&self) -> String {
        serde_json::json!({
            "at": ts(self.at),
            "from": self.from.map(|f| f.to_rfc3339()),
            "kept_as": self.kept_as,
            "why": self.why,
            "unsaved": self.unsaved,
            "wal": self.wal,
            "cause": self.cause.map(Cause::key),
            "read_only": self.read_only,
        })
        .to_string()
    }

    fn from_json(text: &str) -> Option<Recovery> {
        let v: serde_json::Value = serde_json::from_str(text).ok()?;
        let time = |key: &str| {
            v.get(key)
                .and_then(|t| t.as_str())
                .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        };
        Some(Recovery {
            at: time("at")?.with_timezone(&Utc),
            from: time("from").map(|t| t.with_timezone(&Local)),
            kept_as: v.get("kept_as")?.as_str()?.to_string(),
            why: v.get("why").and_then(|w| w.as_str()).unwrap_or("").into(),
            unsaved: v.get("unsaved").and_then(|u| u.as_bool()).unwrap_or(false),
            wal: v.get("wal").and_then(|u| u.as_bool()).unwrap_or(false),
            cause: v
                .get("cause")
                .and_then(|c| c.as_str())
                .and_then(Cause::parse),
            read_only: v
                .get("read_only")
                .and_then(|u| u.as_bool())
                .unwrap_or(false),
        })
    }
}

/// The lock file, held shared for as long as it lives.
#[derive(Debug)]
pub struct StoreLock {
    file: File,
}

impl StoreLock {
    fn open(data_dir: &Path) -> Result<StoreLock> {
        let path = data_dir.join(LOCK_FILE);
        let file = crate::files::open_lock_file(&path)
            .map_err(|e| backup::io_error("无法打开锁文件 (cannot open lock file)", &path, e))?;
        Ok(StoreLock { file })
    }

    fn shared(&self) -> Result<()> {
        self.file
            .lock_shared()
            .map_err(|e| Error::Invalid(format!("无法锁定数据库 (cannot lock the store): {e}")))
    }

    /// Exclusive, if nobody else holds the lock (shared or not).
    fn try_exclusive(&self) -> Result<bool> {
        let _ = self.file.unlock();
        match self.file.try_lock() {
            Ok(()) => Ok(true),
            Err(TryLockError::WouldBlock) => Ok(false),
            Err(TryLockError::Error(e)) => Err(Error::Invalid(format!(
                "无法锁定数据库 (cannot lock the store): {e}"
            ))),
        }
    }

    /// Back to shared (from exclusive or from nothing).
    fn downgrade(&self) -> Result<()> {
        let _ = self.file.unlock();
        self.shared()
    }
}

/// The store, opened and checked, with the lock to hold for as long as it is used.
#[derive(Debug)]
pub struct Opened {
    pub store: Store,
    pub lock: StoreLock,
    /// Set when this start found the store damaged and recovered it.
    pub recovery: Option<Recovery>,
}

/// Opens the store in `data_dir` as every process does at start: a missing store is
/// created, a damaged one recovered (see the module's notes).
pub fn open_checked(data_dir: &Path, now: DateTime<Local>) -> Result<Opened> {
    open_with_wait(data_dir, now, LOCK_WAIT)
}

fn open_with_wait(data_dir: &Path, now: DateTime<Local>, wait: Duration) -> Result<Opened> {
    let path = data_dir.join(DB_FILE);
    let lock = StoreLock::open(data_dir)?;
    let started = Instant::now();
    let wal_damage = check_wal(data_dir, &lock, now)?;
    loop {
        lock.shared()?;
        let found = health(&path)?;
        if found == Health::Good {
            let mut store = Store::open(&path)?;
            if let Some(r) = &wal_damage {
                keep_note(&mut store, r)?;
            }
            return Ok(Opened {
                store,
                lock,
                recovery: wal_damage,
            });
        }
        // Creating or replacing the store: only with nobody else using it.
        if lock.try_exclusive()? {
            let opened = match health(&path) {
                Ok(Health::Good) => Store::open(&path).map(|s| (s, None)),
                Ok(Health::Missing) => Store::open(&path).map(|s| (s, None)),
                Ok(Health::Damaged(why)) => recover(data_dir, &why, now).map(|(s, r)| (s, Some(r))),
                Err(e) => Err(e),
            };
            lock.downgrade()?;
            let (store, recovery) = opened?;
            return Ok(Opened {
                store,
                lock,
                recovery,
            });
        }
        if started.elapsed() > wait {
            let _ = lock.file.unlock();
            return Err(Error::Invalid(match found {
                Health::Damaged(why) => format!(
                    "数据库已损坏，但终端正在使用它：请重启终端，它会自动从备份恢复 \
                     sudo systemctl restart relay-kiosk (store damaged while the kiosk runs; \
                     restart it to recover): {why}"
                ),
                _ => "数据库不存在，而另一个 relay-kiosk 进程正在使用数据目录，请稍后再试 \
                      (store missing while another process holds it)"
                    .to_string(),
            }));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Before anyone replays the store's write-ahead log (only with nobody else using the
/// store: a log in use is still being written): when it is damaged, a copy is kept as
/// `relay-kiosk.sqlite3.wal-<stamp>` and the note says so; SQLite then opens the store
/// as it always does.
fn check_wal(data_dir: &Path, lock: &StoreLock, now: DateTime<Local>) -> Result<Option<Recovery>> {
    let wal = data_dir.join(format!("{DB_FILE}-wal"));
    if std::fs::metadata(&wal).map_or(true, |m| m.len() == 0) || !lock.try_exclusive()? {
        return Ok(None);
    }
    let found = super::wal_check::check(&wal);
    let noted = match found {
        super::wal_check::Wal::Clean => None,
        super::wal_check::Wal::Damaged(why) => {
            tracing::error!("the store's write-ahead log is damaged: {why}");
            let kept = backup::aside_path(data_dir, "wal", now);
            match std::fs::copy(&wal, &kept) {
                Ok(_) => owner_only(&kept),
                Err(e) => tracing::warn!("could not keep a copy of the damaged log: {e}"),
            }
            Some(Recovery {
                at: now.to_utc(),
                from: None,
                kept_as: kept
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                why,
                unsaved: false,
                wal: true,
                cause: None,
                read_only: false,
            })
        }
    };
    lock.downgrade()?;
    Ok(noted)
}

/// Sets the damaged store aside, restores the newest good backup (or starts empty) and
/// keeps the note. Runs under the exclusive lock.
fn recover(data_dir: &Path, why: &str, now: DateTime<Local>) -> Result<(Store, Recovery)> {
    tracing::error!("the store is damaged ({why}); recovering");
    let good: Option<BackupFile> = backup::newest_good(data_dir);
    let path = data_dir.join(DB_FILE);
    let (kept, from) = match &good {
        Some(b) => {
            let kept = backup::put_in_place(data_dir, &b.path, "damaged", now)?;
            tracing::warn!("restored the backup {}", b.path.display());
            (kept, Some(b.taken))
        }
        None => {
            tracing::error!("no good backup: starting an empty station");
            (backup::set_aside(data_dir, "damaged", now)?, None)
        }
    };
    let recovery = Recovery {
        at: now.to_utc(),
        from,
        kept_as: kept
            .as_deref()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        why: why.to_string(),
        unsaved: false,
        wal: false,
        cause: None,
        read_only: false,
    };
    let mut store = Store::open(&path)?;
    keep_note(&mut store, &recovery)?;
    Ok((store, recovery))
}

/// The last resort when the store can be neither opened nor recovered (a read-only or
/// full disk, a broken data directory): an empty store in memory with the note, so the
/// kiosk shows its screens and tells staff, instead of restarting in a loop.
pub fn in_memory(why: &str, now: DateTime<Local>) -> Result<(Store, Recovery)> {
    in_memory_because(why, None, now)
}

/// [`in_memory`], naming the cause.
pub fn in_memory_because(
    why: &str,
    cause: Option<Cause>,
    now: DateTime<Local>,
) -> Result<(Store, Recovery)> {
    let mut store = Store::open(Path::new(":memory:"))?;
    let recovery = Recovery {
        at: now.to_utc(),
        from: None,
        kept_as: String::new(),
        why: why.to_string(),
        unsaved: true,
        wal: false,
        cause,
        read_only: false,
    };
    keep_note(&mut store, &recovery)?;
    Ok((store, recovery))
}

/// Keeps the note (until staff dismiss it) and marks the store initialised.
fn keep_note(store: &mut Store, recovery: &Recovery) -> Result<()> {
    {
        let tx = store.write()?;
        tx.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [NOTE_KEY, &recovery.to_json()],
        )?;
        // An empty station is a station, not a first start: no demo data.
        tx.execute(
            "INSERT OR IGNORE INTO setting (key, value) VALUES ('initialized', ?1)",
            [ts(recovery.at)],
        )?;
        audit::log(&tx, "system", "store.recovered", &recovery.message())?;
        tx.commit()?;
    }
    Ok(())
}

/// Puts the backup `src` in place of the store (`relay-kiosk backup restore`). Refused
/// while anyone has the store open (the kiosk: stop it first). The store that was there
/// is kept as `relay-kiosk.sqlite3.replaced-…` (`.damaged-…` if it was damaged), and
/// its new name returned.
pub fn restore_from(
    data_dir: &Path,
    src: &Path,
    now: DateTime<Local>,
) -> Result<Option<std::path::PathBuf>> {
    let lock = StoreLock::open(data_dir)?;
    if !lock.try_exclusive()? {
        return Err(Error::Invalid(
            "终端或另一个命令正在使用数据库：请先停止终端 sudo systemctl stop relay-kiosk，\
             恢复后再启动 (the store is in use; stop the kiosk first)"
                .into(),
        ));
    }
    let label = match health(&data_dir.join(DB_FILE))? {
        Health::Damaged(_) => "damaged",
        _ => "replaced",
    };
    let kept = backup::put_in_place(data_dir, src, label, now)?;
    // Brought up to the current schema while nobody else can open it.
    let store = Store::open(&data_dir.join(DB_FILE))?;
    store.audit(
        "cli",
        "store.restored",
        &src.file_name().unwrap_or_default().to_string_lossy(),
    )?;
    Ok(kept)
}

impl Store {
    /// The note of a recovery staff have not dismissed yet.
    pub fn recovery_note(&self) -> Result<Option<Recovery>> {
        if let Some(r) = self.read_only() {
            return Ok(Some(r.clone()));
        }
        let text: Option<String> = self
            .conn()
            .query_row(
                "SELECT value FROM setting WHERE key = ?1",
                [NOTE_KEY],
                |r| r.get(0),
            )
            .optional()?;
        Ok(text.as_deref().and_then(Recovery::from_json))
    }

    /// Staff have read the note: it goes, with an audit line.
    pub fn dismiss_recovery_note(&mut self, actor: &str) -> Result<()> {
        let tx = self.write()?;
        let gone = tx.execute("DELETE FROM setting WHERE key = ?1", [NOTE_KEY])?;
        if gone > 0 {
            audit::log(&tx, actor, "store.recovery_seen", "")?;
        }
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
#[path = "recover_tests.rs"]
pub(crate) mod tests;
