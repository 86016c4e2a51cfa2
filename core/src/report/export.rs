//! Writes a report's files into a folder all-or-nothing (`relay-kiosk report --csv DIR`,
//! and 导出到U盘 on the kiosk): everything goes into a hidden staging folder beside it,
//! each file `fsync`ed, then the folder is renamed into place and its parent `fsync`ed.
//! Only then is the export done — a stick pulled out, full or read-only before that
//! leaves the previous export (or nothing) behind, never half of one.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Room kept free on top of the files themselves (a file system's own bookkeeping).
pub const MARGIN_BYTES: u64 = 256 * 1024;

/// Why an export did not happen; nothing was left behind in any case.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(
        "U盘空间不够：需要 {need_kb} KB，只剩 {free_kb} KB，没有写入任何文件 (the stick is full; nothing was written)"
    )]
    Full { need_kb: u64, free_kb: u64 },
    #[error("U盘写满了，没有留下不完整的文件 (the stick filled up; nothing was left half-written)")]
    RanOut,
    #[error(
        "U盘不能写入（可能是只读或打开了写保护），没有写入任何文件 (the stick is read-only; nothing was written)"
    )]
    ReadOnly,
    #[error("写入失败，没有留下不完整的文件：{0} (writing failed; nothing was left half-written)")]
    Io(io::Error),
}

impl From<io::Error> for ExportError {
    fn from(e: io::Error) -> Self {
        match e.kind() {
            io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => ExportError::RanOut,
            io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::PermissionDenied => {
                ExportError::ReadOnly
            }
            _ if e.raw_os_error() == Some(libc::EPERM) => ExportError::ReadOnly,
            _ => ExportError::Io(e),
        }
    }
}

/// The bytes `files` need, with the margin.
pub fn needed(files: &[(String, Vec<u8>)]) -> u64 {
    files
        .iter()
        .map(|(_, b)| b.len() as u64 + 4096)
        .sum::<u64>()
        + MARGIN_BYTES
}

fn staging(dir: &Path, what: &str) -> Option<PathBuf> {
    let name = dir.file_name()?.to_string_lossy().into_owned();
    Some(dir.with_file_name(format!(".{name}.{what}")))
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

/// Writes `files` (name, bytes) as the folder `dir`, replacing an earlier one whole.
/// `free` says how much room the disk under `dir`'s parent has (`files::free_bytes`).
pub fn write_folder(
    dir: &Path,
    files: &[(String, Vec<u8>)],
    free: &dyn Fn(&Path) -> io::Result<u64>,
) -> Result<(), ExportError> {
    let bad = || ExportError::Io(io::Error::other(format!("不能写到 {}", dir.display())));
    let parent = dir.parent().ok_or_else(bad)?;
    let (stage, old) = (
        staging(dir, "partial").ok_or_else(bad)?,
        staging(dir, "old").ok_or_else(bad)?,
    );
    fs::create_dir_all(parent)?;
    // What a killed export left.
    for stale in [&stage, &old] {
        if stale.exists() {
            fs::remove_dir_all(stale)?;
        }
    }
    let need = needed(files);
    let have = free(parent)?;
    if have < need {
        return Err(ExportError::Full {
            need_kb: need.div_ceil(1024),
            free_kb: have / 1024,
        });
    }
    let written = (|| -> io::Result<()> {
        fs::create_dir(&stage)?;
        for (name, bytes) in files {
            let mut f = fs::File::create(stage.join(name))?;
            f.write_all(bytes)?;
            f.sync_all()?;
        }
        sync_dir(&stage)
    })();
    if let Err(e) = written {
        let _ = fs::remove_dir_all(&stage);
        return Err(e.into());
    }
    let placed = (|| -> io::Result<()> {
        if dir.exists() {
            fs::rename(dir, &old)?;
        }
        if let Err(e) = fs::rename(&stage, dir) {
            // Put the earlier export back.
            let _ = fs::rename(&old, dir);
            return Err(e);
        }
        sync_dir(parent)
    })();
    if let Err(e) = placed {
        let _ = fs::remove_dir_all(&stage);
        return Err(e.into());
    }
    let _ = fs::remove_dir_all(&old);
    sync_dir(parent)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Vec<(String, Vec<u8>)> {
        vec![
            ("概况.csv".into(), b"a,b\r\n".to_vec()),
            ("报告.pdf".into(), vec![7; 10_000]),
        ]
    }

    fn plenty(_: &Path) -> io::Result<u64> {
        Ok(1 << 40)
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_folder_is_written_whole_and_replaced_whole() {
        let stick = tempfile::tempdir().unwrap();
        let dir = stick.path().join("接力站报告").join("2026-11");
        write_folder(&dir, &files(), &plenty).unwrap();
        assert_eq!(listing(&dir), ["报告.pdf", "概况.csv"]);
        // Again, with one file fewer: the earlier folder is replaced, not merged.
        write_folder(&dir, &files()[..1], &plenty).unwrap();
        assert_eq!(listing(&dir), ["概况.csv"]);
        assert_eq!(
            listing(dir.parent().unwrap()),
            ["2026-11"],
            "no staging left"
        );
    }

    #[test]
    fn a_full_stick_gets_nothing() {
        let stick = tempfile::tempdir().unwrap();
        let dir = stick.path().join("接力站报告").join("2026-11");
        let small = |_: &Path| Ok(100 * 1024);
        let e = write_folder(&dir, &files(), &small).unwrap_err();
        assert!(matches!(e, ExportError::Full { free_kb: 100, .. }), "{e}");
        assert!(e.to_string().starts_with("U盘空间不够"), "{e}");
        assert!(!dir.exists());
        assert!(listing(dir.parent().unwrap()).is_empty());
    }

    #[test]
    fn a_write_failing_half_way_leaves_the_earlier_export() {
        let stick = tempfile::tempdir().unwrap();
        let dir = stick.path().join("2026-11");
        write_folder(&dir, &files(), &plenty).unwrap();
        // The second file cannot be created (its folder does not exist): the first was.
        let broken = vec![
            ("概况.csv".into(), b"new".to_vec()),
            ("no/such.csv".into(), b"x".to_vec()),
        ];
        assert!(write_folder(&dir, &broken, &plenty).is_err());
        assert_eq!(listing(&dir), ["报告.pdf", "概况.csv"]);
        assert_eq!(fs::read(dir.join("概况.csv")).unwrap(), b"a,b\r\n");
        assert_eq!(listing(stick.path()), ["2026-11"]);
    }

    #[test]
    fn a_read_only_stick_is_named() {
        use std::os::unix::fs::PermissionsExt;
        let stick = tempfile::tempdir().unwrap();
        fs::set_permissions(stick.path(), fs::Permissions::from_mode(0o555)).unwrap();
        // Root writes anyway: then a file system that refuses everyone stands in.
        let root = if fs::create_dir(stick.path().join("probe")).is_ok() {
            PathBuf::from("/sys/fs")
        } else {
            stick.path().to_path_buf()
        };
        let e =
            write_folder(&root.join("接力站报告").join("2026-11"), &files(), &plenty).unwrap_err();
        assert!(matches!(e, ExportError::ReadOnly), "{e:?}");
        assert!(e.to_string().contains("没有写入任何文件"));
        fs::set_permissions(stick.path(), fs::Permissions::from_mode(0o755)).unwrap();
        assert!(
            io::Error::from_raw_os_error(libc::ENOSPC).kind() == io::ErrorKind::StorageFull
                && matches!(
                    ExportError::from(io::Error::from_raw_os_error(libc::ENOSPC)),
                    ExportError::RanOut
                )
        );
    }
}
