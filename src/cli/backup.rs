//! `relay-kiosk backup now|list|verify|restore|export`: the store's backups in
//! `<data-dir>/backups/` (the kiosk takes one at start and every night at 03:00).

use super::output::{CliResult, open_store, print_json};
use chrono::Local;
use clap::Subcommand;
use relay_core::store::backup::{self, BackupFile, COVERS_DIR};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Debug, Subcommand)]
pub enum BackupCommand {
    /// Take a backup now (checked with integrity_check, then old copies rotated).
    Now {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// List the backups, newest first.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Check every backup (or FILE) with integrity_check; fails if one is damaged.
    Verify {
        /// One backup (a path or a name from `backup list`) instead of all.
        file: Option<PathBuf>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Put a backup (a path, or a name from `backup list`) in place of the store. Stop
    /// the kiosk first; the store it replaces is kept as relay-kiosk.sqlite3.replaced-….
    Restore {
        /// The backup: a path, or a name from `backup list`.
        file: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Copy the newest good backup (and the book covers) into DIR, e.g. a USB stick.
    Export {
        /// Where to copy them, e.g. the USB stick's directory.
        dir: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(command: BackupCommand, dir: &Path, out: &mut dyn Write) -> CliResult {
    match command {
        BackupCommand::Now { json } => now(dir, json, out),
        BackupCommand::List { json } => list(dir, json, out),
        BackupCommand::Verify { file, json } => verify(dir, file, json, out),
        BackupCommand::Restore { file, json } => restore(dir, &file, json, out),
        BackupCommand::Export { dir: to, json } => export(dir, &to, json, out),
    }
}

fn item(b: &BackupFile) -> serde_json::Value {
    serde_json::json!({
        "file": b.path.display().to_string(),
        "taken": b.taken.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        "bytes": b.bytes,
        "seq": b.seq,
    })
}

fn print_one(out: &mut dyn Write, value: serde_json::Value) -> CliResult {
    writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
    Ok(())
}

fn shown(b: &BackupFile) -> String {
    format!(
        "#{:<4} {}  {}  {} KB",
        b.seq,
        b.taken.format("%Y-%m-%d %H:%M:%S"),
        b.name(),
        b.bytes.div_ceil(1024)
    )
}

fn now(dir: &Path, json: bool, out: &mut dyn Write) -> CliResult {
    let store = open_store(dir)?;
    let started = Instant::now();
    let b = store.backup(Local::now())?;
    let ms = started.elapsed().as_millis() as u64;
    if json {
        let mut v = item(&b);
        v["ms"] = ms.into();
        return print_one(out, v);
    }
    writeln!(
        out,
        "已备份并检查完好 (backup taken and checked)：{}（{} KB，{ms} ms）",
        b.path.display(),
        b.bytes.div_ceil(1024)
    )?;
    Ok(())
}

fn list(dir: &Path, json: bool, out: &mut dyn Write) -> CliResult {
    let files = backup::list(dir);
    if json {
        return print_json(out, &files.iter().map(item).collect::<Vec<_>>());
    }
    if files.is_empty() {
        writeln!(
            out,
            "还没有备份：relay-kiosk backup now (no backups yet in {})",
            backup::backup_dir(dir).display()
        )?;
    }
    for b in &files {
        writeln!(out, "{}", shown(b))?;
    }
    Ok(())
}

/// A backup named by path, or by its name in the backups folder.
fn resolve(dir: &Path, file: &Path) -> PathBuf {
    if file.exists() {
        return file.to_path_buf();
    }
    let inside = backup::backup_dir(dir).join(file);
    if file.components().count() == 1 && inside.exists() {
        inside
    } else {
        file.to_path_buf()
    }
}

fn verify(dir: &Path, file: Option<PathBuf>, json: bool, out: &mut dyn Write) -> CliResult {
    let paths: Vec<PathBuf> = match file {
        Some(f) => vec![resolve(dir, &f)],
        None => backup::list(dir).into_iter().map(|b| b.path).collect(),
    };
    if paths.is_empty() {
        return Err("还没有备份可检查：relay-kiosk backup now (no backups to verify)".into());
    }
    let results: Vec<(PathBuf, relay_core::store::Result<()>)> = paths
        .into_iter()
        .map(|p| {
            let r = backup::verify(&p);
            (p, r)
        })
        .collect();
    if json {
        let items: Vec<_> = results
            .iter()
            .map(|(p, r)| {
                serde_json::json!({
                    "file": p.display().to_string(),
                    "ok": r.is_ok(),
                    "detail": r.as_ref().map_or_else(|e| e.to_string(), |()| "ok".into()),
                })
            })
            .collect();
        print_json(out, &items)?;
    } else {
        for (p, r) in &results {
            match r {
                Ok(()) => writeln!(out, "✓ {} 完好 (ok)", p.display())?,
                Err(e) => writeln!(out, "✗ {} {e}", p.display())?,
            }
        }
    }
    let bad = results.iter().filter(|(_, r)| r.is_err()).count();
    if bad > 0 {
        return Err(format!("有 {bad} 份备份已损坏 ({bad} backups damaged)").into());
    }
    Ok(())
}

fn restore(dir: &Path, file: &Path, json: bool, out: &mut dyn Write) -> CliResult {
    let src = resolve(dir, file);
    let started = Instant::now();
    let kept = relay_core::store::restore_from(dir, &src, Local::now())?;
    let ms = started.elapsed().as_millis() as u64;
    let kept_shown = kept.as_ref().map(|k| k.display().to_string());
    if json {
        return print_one(
            out,
            serde_json::json!({
                "restored": src.display().to_string(),
                "kept_as": kept_shown,
                "ms": ms,
            }),
        );
    }
    writeln!(out, "已从 {} 恢复 (restored, {ms} ms)", src.display())?;
    if let Some(k) = kept_shown {
        writeln!(out, "原来的数据库保存为 {k} (the previous store is kept)")?;
    }
    Ok(())
}

fn export(dir: &Path, to: &Path, json: bool, out: &mut dyn Write) -> CliResult {
    let b = backup::newest_good(dir)
        .ok_or("没有完好的备份可导出：先运行 relay-kiosk backup now (no good backup to export)")?;
    if !to.is_dir() {
        return Err(format!(
            "{} 不是目录，请先插好 U 盘并写出挂载的目录 (not a directory)",
            to.display()
        )
        .into());
    }
    let target = to.join(b.name());
    let fail = |e: std::io::Error| format!("无法写入 {} (cannot write): {e}", target.display());
    let partial = to.join(format!("{}.partial", b.name()));
    std::fs::copy(&b.path, &partial).map_err(fail)?;
    std::fs::File::open(&partial)
        .and_then(|f| f.sync_all())
        .map_err(fail)?;
    std::fs::rename(&partial, &target).map_err(fail)?;
    // A USB stick (FAT) has no permissions to set; elsewhere the copy is private.
    relay_core::store::owner_only(&target);
    let covers = backup::copy_covers(
        &backup::backup_dir(dir).join(COVERS_DIR),
        &to.join(COVERS_DIR),
    );
    if json {
        let mut v = item(&b);
        v["file"] = target.display().to_string().into();
        v["covers"] = covers.into();
        return print_one(out, v);
    }
    writeln!(
        out,
        "已导出 {} 的备份到 {} (exported){}",
        b.taken.format("%Y-%m-%d %H:%M"),
        target.display(),
        if covers > 0 {
            format!("，另有 {covers} 张封面")
        } else {
            String::new()
        }
    )?;
    Ok(())
}
