//! Backups of the store in `<data-dir>/backups/`: an online copy (SQLite's backup API,
//! so the kiosk and the CLI keep writing meanwhile), checked with `integrity_check`
//! before it counts, then rotated to 7 daily and 8 weekly copies. Files are 0600 and
//! the directory 0700. Posters live in the store and travel with it; book covers under
//! `<data-dir>/covers/` are copied to `backups/covers/` beside the copies.
//!
//! A copy is named `relay-kiosk-YYYYmmdd-HHMMSS.sqlite3` (local time), so the name says
//! from when its data is; it is a plain single file (rollback journal, not WAL), easy to
//! copy to a USB stick and back. Inside, `setting` `backup.seq` numbers the copies in the
//! order they were taken: copies are ordered by it, not by their names, so a wall clock
//! that was a day ahead for a while never makes an older copy look newer. Room on the
//! disk: see `backup_space.rs`.

use super::backup_space::{self, MIN_COPIES, Space};
use super::{DB_FILE, Error, Result, Store, owner_only};
use chrono::{DateTime, Datelike, Local, NaiveDateTime, TimeZone, Timelike};
use rusqlite::{Connection, OpenFlags};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The folder of backups inside the data directory.
pub const BACKUP_DIR: &str = "backups";
/// Book covers inside the data directory (and inside [`BACKUP_DIR`]).
pub const COVERS_DIR: &str = "covers";
/// The newest copy of each of this many days is kept …
pub const KEEP_DAILY: usize = 7;
/// … and the newest copy of each of this many weeks.
pub const KEEP_WEEKLY: usize = 8;

const PREFIX: &str = "relay-kiosk-";
const SUFFIX: &str = ".sqlite3";
const STAMP: &str = "%Y%m%d-%H%M%S";

/// One backup copy.
#[derive(Debug, Clone, PartialEq)]
pub struct BackupFile {
    pub path: PathBuf,
    /// When it was taken (from its name): its data is as of then.
    pub taken: DateTime<Local>,
    pub bytes: u64,
    /// Its place in the order copies were taken (0: a copy from before copies were
    /// numbered, or one whose number cannot be read).
    pub seq: u64,
}

/// The key in a copy's `setting` table that numbers it.
const SEQ_KEY: &str = "backup.seq";

/// The number a copy was given, 0 when it has none or cannot be read.
fn read_seq(path: &Path) -> u64 {
    let read = || -> rusqlite::Result<u64> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.query_row(
            "SELECT CAST(value AS INTEGER) FROM setting WHERE key = ?1",
            [SEQ_KEY],
            |r| r.get::<_, i64>(0),
        )
        .map(|n| n.max(0) as u64)
    };
    read().unwrap_or(0)
}

/// Newest first: by number, then (copies from before numbering) by name.
fn newest_first(files: &mut [BackupFile]) {
    files.sort_by_key(|b| std::cmp::Reverse((b.seq, b.taken)));
}

impl BackupFile {
    pub fn name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

pub fn backup_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(BACKUP_DIR)
}

/// `relay-kiosk-20261130-030000.sqlite3`.
pub fn file_name(at: DateTime<Local>) -> String {
    format!("{PREFIX}{}{SUFFIX}", at.format(STAMP))
}

/// `YYYYmmdd-HHMMSS` of local time, for the names of set-aside stores too.
pub fn stamp(at: DateTime<Local>) -> String {
    at.format(STAMP).to_string()
}

fn parse_name(name: &str) -> Option<DateTime<Local>> {
    let stamp = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let naive = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
    Local.from_local_datetime(&naive).earliest()
}

/// Creates `dir` if needed and makes it the owner's only (0700).
pub(crate) fn private_dir(dir: &Path) -> Result<()> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .and_then(|_| std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)))
        .map_err(|e| io_error("无法创建备份目录 (cannot create backup dir)", dir, e))
}

pub(crate) fn io_error(what: &str, path: &Path, e: std::io::Error) -> Error {
    Error::Invalid(format!("{what} {}: {e}", path.display()))
}

/// The backups in `data_dir`, newest first (other files, like a copy being written,
/// are not backups).
pub fn list(data_dir: &Path) -> Vec<BackupFile> {
    let Ok(entries) = std::fs::read_dir(backup_dir(data_dir)) else {
        return Vec::new();
    };
    let mut files: Vec<BackupFile> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let taken = parse_name(&e.file_name().to_string_lossy())?;
            let meta = e.metadata().ok().filter(|m| m.is_file())?;
            Some(BackupFile {
                seq: read_seq(&e.path()),
                path: e.path(),
                taken,
                bytes: meta.len(),
            })
        })
        .collect();
    newest_first(&mut files);
    files
}

/// `PRAGMA integrity_check` on a copy, read-only. `Err` says what is wrong.
pub fn verify(path: &Path) -> crate::store::Result<()> {
    let meta = std::fs::metadata(path).map_err(|e| format!("读不到 (cannot read): {e}"))?;
    if !meta.is_file() {
        return Err("不是普通文件 (not a regular file)".into());
    }
    if meta.len() == 0 {
        return Err("是空文件 (zero bytes)".into());
    }
    let check = || -> rusqlite::Result<Vec<String>> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let mut stmt = conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        let rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        // A database that has no tables of ours is not a backup of this station.
        let ours: i64 = conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'setting'",
            [],
            |r| r.get(0),
        )?;
        if ours == 0 {
            return Ok(vec!["不是本终端的数据库 (not a relay-kiosk store)".into()]);
        }
        Ok(rows)
    };
    match check() {
        Ok(rows) if rows.len() == 1 && rows[0] == "ok" => Ok(()),
        Ok(rows) => Err(format!(
            "已损坏 (damaged): {}",
            rows.into_iter().take(3).collect::<Vec<_>>().join("; ")
        )
        .into()),
        Err(e) => Err(format!("打不开或已损坏 (cannot open or damaged): {e}").into()),
    }
}

/// The newest backup that passes [`verify`].
pub fn newest_good(data_dir: &Path) -> Option<BackupFile> {
    list(data_dir).into_iter().find(|b| match verify(&b.path) {
        Ok(()) => true,
        Err(e) => {
            tracing::warn!("backup {} is not usable: {e}", b.path.display());
            false
        }
    })
}

/// Which of `files` the rotation removes: all but the newest [`MIN_COPIES`] copies and
/// the newest copy of each of the newest [`KEEP_DAILY`] days and of each of the newest
/// [`KEEP_WEEKLY`] ISO weeks ("newest" in the order they were taken).
pub fn to_prune(files: &[BackupFile]) -> Vec<BackupFile> {
    let mut sorted = files.to_vec();
    newest_first(&mut sorted);
    let newest_first = sorted;
    let mut keep: HashSet<usize> = (0..MIN_COPIES.min(newest_first.len())).collect();
    let mut days = Vec::new();
    let mut weeks = Vec::new();
    for (i, f) in newest_first.iter().enumerate() {
        let day = f.taken.date_naive();
        if !days.contains(&day) && days.len() < KEEP_DAILY {
            days.push(day);
            keep.insert(i);
        }
        let week = day.iso_week();
        let week = (week.year(), week.week());
        if !weeks.contains(&week) && weeks.len() < KEEP_WEEKLY {
            weeks.push(week);
            keep.insert(i);
        }
    }
    newest_first
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !keep.contains(i))
        .map(|(_, f)| f)
        .collect()
}

/// Removes the copies the rotation does not keep; returns how many.
pub fn rotate(data_dir: &Path) -> usize {
    let mut removed = 0;
    for f in to_prune(&list(data_dir)) {
        match std::fs::remove_file(&f.path) {
            Ok(()) => removed += 1,
            Err(e) => tracing::warn!("could not remove old backup {}: {e}", f.path.display()),
        }
    }
    removed
}

/// The hour of the nightly backup (local time).
pub const NIGHTLY_HOUR: u32 = 3;

/// The day whose nightly backup the start-up backup stands for: today once it is past
/// 03:00 (the next one is tomorrow night), else none (tonight's is still due).
pub fn nightly_taken_at_start(now: DateTime<Local>) -> Option<chrono::NaiveDate> {
    (now.hour() >= NIGHTLY_HOUR).then(|| now.date_naive())
}

/// Whether the nightly backup is due at `now`, the last one having been for `last`.
pub fn nightly_due(now: DateTime<Local>, last: Option<chrono::NaiveDate>) -> bool {
    now.hour() >= NIGHTLY_HOUR && last != Some(now.date_naive())
}

/// Flushes a file, or a directory's entries, to the disk.
pub(crate) fn sync(path: &Path) {
    if let Ok(f) = std::fs::File::open(path) {
        let _ = f.sync_all();
    }
}

/// Creates an empty file readable by its owner only (replacing one that was there).
fn create_private(path: &Path) -> Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let _ = std::fs::remove_file(path);
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map(|_| ())
        .map_err(|e| io_error("无法创建文件 (cannot create)", path, e))
}

impl Store {
    /// The data directory: where the store file is (`None` for a store in memory).
    pub fn data_dir(&self) -> Option<PathBuf> {
        self.conn
            .path()
            .filter(|p| !p.is_empty())
            .and_then(|p| Path::new(p).parent().map(Path::to_path_buf))
    }

    /// Takes a backup now (named for `now`), checks it, copies new covers beside it and
    /// rotates the old copies. A copy that fails its check is removed, never kept.
    pub fn backup(&self, now: DateTime<Local>) -> Result<BackupFile> {
        self.backup_in(now, &Space::default())
    }

    /// [`Store::backup`] with the disk's room as `space` says: copies a killed backup
    /// left are removed, old copies pruned before the new one is written, and none is
    /// written that would leave less than `space.floor` free.
    pub fn backup_in(&self, now: DateTime<Local>, space: &Space) -> Result<BackupFile> {
        let data_dir = self
            .data_dir()
            .ok_or_else(|| Error::Invalid("数据库不在文件里，无法备份 (store in memory)".into()))?;
        let dir = backup_dir(&data_dir);
        private_dir(&dir)?;
        let _held = backup_space::lock(&dir)?;
        backup_space::clean_partials(&dir);
        let need: u64 = self.conn().query_row(
            "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
            [],
            |r| r.get::<_, i64>(0),
        )? as u64;
        let (removed, seq) = backup_space::make_room(&data_dir, now, need, space)?;
        let name = file_name(now);
        let path = dir.join(&name);
        let partial = dir.join(format!("{name}.partial"));
        create_private(&partial)?;
        let copied = (|| -> rusqlite::Result<()> {
            self.conn().backup(rusqlite::MAIN_DB, &partial, None)?;
            let copy = Connection::open(&partial)?;
            // A single self-contained file, not WAL: it is copied around as it is.
            copy.pragma_update(None, "journal_mode", "DELETE")?;
            copy.execute(
                "INSERT INTO setting (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                rusqlite::params![SEQ_KEY, seq.to_string()],
            )?;
            Ok(())
        })();
        let checked = copied.map_err(Error::from).and_then(|()| verify(&partial));
        if let Err(e) = checked {
            let _ = std::fs::remove_file(&partial);
            let _ = std::fs::remove_file(dir.join(format!("{name}.partial-journal")));
            return Err(e);
        }
        owner_only(&partial);
        sync(&partial);
        std::fs::rename(&partial, &path)
            .map_err(|e| io_error("无法保存备份 (cannot save backup)", &path, e))?;
        sync(&dir);
        copy_covers(&data_dir.join(COVERS_DIR), &dir.join(COVERS_DIR));
        let removed = removed + rotate(&data_dir);
        if removed > 0 {
            tracing::info!("backup rotation removed {removed} old copies");
        }
        let aside = backup_space::prune_aside(&data_dir, now);
        if aside > 0 {
            tracing::info!("removed {aside} files of stores set aside long ago");
        }
        let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        Ok(BackupFile {
            path,
            taken: now,
            bytes,
            seq,
        })
    }

    /// When the newest backup was taken (copies are checked before they are kept).
    pub fn last_backup(&self) -> Option<DateTime<Local>> {
        self.data_dir()
            .and_then(|d| list(&d).first().map(|b| b.taken))
    }
}

/// Copies the regular files of `from` that `to` lacks (or has at another size), 0600.
/// Nothing is removed from `to`: an older store may still name a cover. Returns how
/// many were copied.
pub fn copy_covers(from: &Path, to: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(from) else {
        return 0;
    };
    if let Err(e) = private_dir(to) {
        tracing::warn!("covers not backed up: {e}");
        return 0;
    }
    let mut copied = 0;
    for entry in entries.filter_map(|e| e.ok()) {
        let Ok(meta) = entry.metadata() else { continue };
        if !meta.is_file() {
            continue;
        }
        let target = to.join(entry.file_name());
        let same = std::fs::metadata(&target).is_ok_and(|m| m.len() == meta.len());
        if same {
            continue;
        }
        match std::fs::copy(entry.path(), &target) {
            Ok(_) => {
                owner_only(&target);
                copied += 1;
            }
            Err(e) => tracing::warn!("cover {} not copied: {e}", entry.path().display()),
        }
    }
    copied
}

/// Where a store set aside is kept: `relay-kiosk.sqlite3.<label>-YYYYmmdd-HHMMSS`
/// (with `-2`, `-3` … if that name is taken).
pub(crate) fn aside_path(data_dir: &Path, label: &str, now: DateTime<Local>) -> PathBuf {
    let base = format!("{DB_FILE}.{label}-{}", stamp(now));
    let mut path = data_dir.join(&base);
    let mut n = 2;
    while path.exists() {
        path = data_dir.join(format!("{base}-{n}"));
        n += 1;
    }
    path
}

/// Renames the store (and its -wal and -shm, as `<new name>-wal` …) out of the way;
/// never deletes it. Returns the new name, `None` when there was no store.
pub(crate) fn set_aside(
    data_dir: &Path,
    label: &str,
    now: DateTime<Local>,
) -> Result<Option<PathBuf>> {
    let db = data_dir.join(DB_FILE);
    if std::fs::symlink_metadata(&db).is_err() {
        return Ok(None);
    }
    let aside = aside_path(data_dir, label, now);
    for suffix in ["-wal", "-shm"] {
        let side = data_dir.join(format!("{DB_FILE}{suffix}"));
        if side.exists() {
            let mut to = aside.as_os_str().to_owned();
            to.push(suffix);
            std::fs::rename(&side, &to)
                .map_err(|e| io_error("无法移开 (cannot move aside)", &side, e))?;
        }
    }
    std::fs::rename(&db, &aside).map_err(|e| io_error("无法移开 (cannot move aside)", &db, e))?;
    sync(data_dir);
    Ok(Some(aside))
}

/// The most a file offered as a backup may be: a station's store is a few megabytes.
pub const RESTORE_MAX_BYTES: u64 = 1 << 30;

/// Checks, before a byte is copied, that `src` can be a store: a regular file of at most
/// [`RESTORE_MAX_BYTES`] that starts with SQLite's header. A 4 GB sparse file, a FIFO or
/// a photo is refused at once, not after a long copy.
fn looks_like_a_store(src: &Path) -> Result<()> {
    use std::io::Read;
    let meta =
        std::fs::metadata(src).map_err(|e| io_error("找不到备份 (no such backup)", src, e))?;
    if !meta.is_file() {
        return Err(Error::Invalid(format!(
            "{} 不是普通文件，不能用来恢复 (not a regular file)",
            src.display()
        )));
    }
    if meta.len() > RESTORE_MAX_BYTES {
        return Err(Error::Invalid(format!(
            "{} 有 {} MB，不像本站的数据库备份（最多 {} MB）(too large for a backup)",
            src.display(),
            meta.len() >> 20,
            RESTORE_MAX_BYTES >> 20
        )));
    }
    let mut header = [0u8; 16];
    let read = std::fs::File::open(src).and_then(|mut f| f.read_exact(&mut header));
    if read.is_err() || &header != b"SQLite format 3\0" {
        return Err(Error::Invalid(format!(
            "{} 不是数据库备份文件，或开头已损坏 (not an SQLite database, or its header is damaged)",
            src.display()
        )));
    }
    Ok(())
}

/// Puts a copy of the backup `src` in place of the store, after checking the copy; the
/// store that was there is kept as `relay-kiosk.sqlite3.<label>-…` (returned). Covers
/// backed up beside the copies come back where missing. The caller holds the store's
/// exclusive lock (nobody has it open).
pub(crate) fn put_in_place(
    data_dir: &Path,
    src: &Path,
    label: &str,
    now: DateTime<Local>,
) -> Result<Option<PathBuf>> {
    looks_like_a_store(src)?;
    let restoring = data_dir.join(format!("{DB_FILE}.restoring"));
    create_private(&restoring)?;
    let copied = std::fs::copy(src, &restoring)
        .map_err(|e| io_error("无法复制备份 (cannot copy backup)", src, e))
        .and_then(|_| verify(&restoring));
    // A copy in WAL mode may have left its own -shm/-wal behind while being checked.
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(data_dir.join(format!("{DB_FILE}.restoring{suffix}")));
    }
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&restoring);
        return Err(e);
    }
    owner_only(&restoring);
    sync(&restoring);
    let kept = set_aside(data_dir, label, now)?;
    std::fs::rename(&restoring, data_dir.join(DB_FILE))
        .map_err(|e| io_error("无法恢复 (cannot restore)", &restoring, e))?;
    sync(data_dir);
    copy_covers(
        &backup_dir(data_dir).join(COVERS_DIR),
        &data_dir.join(COVERS_DIR),
    );
    Ok(kept)
}

#[cfg(test)]
#[path = "backup_tests.rs"]
mod tests;
