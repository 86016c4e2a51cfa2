//! Room for backups on a small disk (#21 items 10–12): one backup at a time (a lock
//! file), copies left half-written by a killed backup removed before the next, old
//! copies pruned *before* a new one is written, a floor of free space a backup never
//! goes below (the store itself must still be able to grow), and set-aside stores
//! (`.damaged-*`, `.replaced-*`, which hold phone numbers too) kept for a while only.

use super::backup::{self, BackupFile, io_error};
use super::{DB_FILE, Error, Result};
use chrono::{DateTime, Local, NaiveDateTime, TimeZone};
use std::path::{Path, PathBuf};

/// Free space a backup leaves on the data directory's disk at least.
pub const FREE_FLOOR_BYTES: u64 = 64 * 1024 * 1024;
/// However tight the disk, the newest this many copies are never removed to make room.
pub const MIN_COPIES: usize = 2;
/// Stores set aside (damaged, or replaced by a restore) are removed after this many days …
pub const ASIDE_KEEP_DAYS: i64 = 30;
/// … and only this many of the newest are kept at all.
pub const ASIDE_KEEP: usize = 3;

const LOCK: &str = ".backup.lock";
const PARTIAL: &str = ".partial";

/// Free bytes on the file system holding a path.
pub type FreeBytes = Box<dyn Fn(&Path) -> Option<u64>>;

/// How much room there is where backups go.
pub struct Space {
    /// Free space to leave on the disk.
    pub floor: u64,
    /// Free bytes on the file system of a path (`statvfs`; a test simulates a disk).
    pub free: FreeBytes,
}

impl Default for Space {
    fn default() -> Space {
        Space {
            floor: FREE_FLOOR_BYTES,
            free: Box::new(|p| crate::files::free_bytes(p).ok()),
        }
    }
}

/// Held while a backup is written: another process's backup waits, and a `.partial`
/// found under it was left by one that died.
pub(super) fn lock(dir: &Path) -> Result<std::fs::File> {
    let path = dir.join(LOCK);
    let file = crate::files::open_lock_file(&path)
        .map_err(|e| io_error("无法打开备份锁 (cannot open backup lock)", &path, e))?;
    file.lock()
        .map_err(|e| io_error("无法锁定备份目录 (cannot lock backups)", &path, e))?;
    Ok(file)
}

/// Removes copies a killed backup left half-written (`*.partial`, and SQLite's journal
/// beside one); returns how many. Call with [`lock`] held.
pub(super) fn clean_partials(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let left = name.ends_with(PARTIAL)
            || name.ends_with(&format!("{PARTIAL}-journal"))
            || name.ends_with(&format!("{PARTIAL}-wal"))
            || name.ends_with(&format!("{PARTIAL}-shm"));
        if left && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    if removed > 0 {
        tracing::warn!("removed {removed} half-written backup files left by a killed backup");
    }
    removed
}

/// Half-written copies in the backup folder now (for `doctor`).
pub fn partials(data_dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(backup::backup_dir(data_dir)) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(PARTIAL))
        .map(|e| e.path())
        .collect()
}

/// Makes room for a copy of `need` bytes before it is written: first what the rotation
/// drops once the new copy is the newest, then the oldest copies while the disk would
/// go below the floor, never the newest [`MIN_COPIES`]. Returns how many were removed
/// and the new copy's number; `Err` (nothing written, nothing more removed) when even
/// that is not enough.
pub(super) fn make_room(
    data_dir: &Path,
    now: DateTime<Local>,
    need: u64,
    space: &Space,
) -> Result<(usize, u64)> {
    let mut files = backup::list(data_dir);
    let next = BackupFile {
        path: PathBuf::new(),
        taken: now,
        bytes: need,
        seq: files.iter().map(|f| f.seq).max().unwrap_or(0) + 1,
    };
    let seq = next.seq;
    let mut planned = files.clone();
    planned.push(next);
    let mut removed = 0;
    for f in backup::to_prune(&planned) {
        if remove(&f.path) {
            removed += 1;
            files.retain(|g| g.path != f.path);
        }
    }
    let dir = backup::backup_dir(data_dir);
    loop {
        let Some(free) = (space.free)(&dir) else {
            // Free space unknown: write, and let the disk say no.
            return Ok((removed, seq));
        };
        if free >= need.saturating_add(space.floor) {
            return Ok((removed, seq));
        }
        // `list` is newest first: the last is the oldest.
        if files.len() <= MIN_COPIES {
            return Err(Error::Invalid(format!(
                "磁盘空间不够做新的备份：还剩 {} MB，备份要 {} MB，另需留出 {} MB；\
                 已保留最近 {} 份备份，请清理磁盘 (not enough disk space for a backup)",
                free >> 20,
                need.div_ceil(1 << 20),
                space.floor >> 20,
                files.len()
            )));
        }
        let oldest = files.pop().expect("more than MIN_COPIES");
        if remove(&oldest.path) {
            removed += 1;
            tracing::warn!(
                "backup {} removed to keep {} MB free",
                oldest.path.display(),
                space.floor >> 20
            );
        } else {
            return Err(Error::Invalid(format!(
                "无法删除旧备份 {}，磁盘空间不够做新的备份 (cannot remove an old backup)",
                oldest.path.display()
            )));
        }
    }
}

fn remove(path: &Path) -> bool {
    match std::fs::remove_file(path) {
        Ok(()) => true,
        Err(e) => {
            tracing::warn!("could not remove old backup {}: {e}", path.display());
            false
        }
    }
}

/// A store set aside in `data_dir`: `relay-kiosk.sqlite3.<label>-YYYYmmdd-HHMMSS[-n]`.
fn aside_taken(name: &str) -> Option<DateTime<Local>> {
    let rest = name.strip_prefix(DB_FILE)?.strip_prefix('.')?;
    let rest = rest.trim_end_matches("-wal").trim_end_matches("-shm");
    let (_, stamp) = rest.split_once('-')?;
    let stamp = stamp.get(..15)?;
    let naive = NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S").ok()?;
    Local.from_local_datetime(&naive).earliest()
}

/// Removes set-aside stores (with their -wal/-shm) older than [`ASIDE_KEEP_DAYS`], and all
/// but the newest [`ASIDE_KEEP`]; returns how many files were removed.
pub fn prune_aside(data_dir: &Path, now: DateTime<Local>) -> usize {
    let Ok(entries) = std::fs::read_dir(data_dir) else {
        return 0;
    };
    let mut asides: Vec<(DateTime<Local>, String)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let main = !name.ends_with("-wal") && !name.ends_with("-shm");
            let taken = aside_taken(&name)?;
            main.then_some((taken, name))
        })
        .collect();
    asides.sort_by(|a, b| b.cmp(a));
    let mut removed = 0;
    for (i, (taken, name)) in asides.iter().enumerate() {
        let old = (now - *taken).num_days() >= ASIDE_KEEP_DAYS;
        if !old && i < ASIDE_KEEP {
            continue;
        }
        for suffix in ["", "-wal", "-shm"] {
            let path = data_dir.join(format!("{name}{suffix}"));
            if std::fs::remove_file(&path).is_ok() {
                removed += 1;
            }
        }
        tracing::info!("removed {name}, a store set aside on {taken}");
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_aside_names_are_read() {
        let t = aside_taken("relay-kiosk.sqlite3.damaged-20261130-030000").unwrap();
        assert_eq!(t.format("%Y-%m-%d %H:%M").to_string(), "2026-11-30 03:00");
        assert!(aside_taken("relay-kiosk.sqlite3.replaced-20261130-030000-2-wal").is_some());
        assert!(aside_taken("relay-kiosk.sqlite3").is_none());
        assert!(aside_taken("relay-kiosk.sqlite3-wal").is_none());
        assert!(aside_taken("relay-kiosk.kiosk.lock").is_none());
    }
}
