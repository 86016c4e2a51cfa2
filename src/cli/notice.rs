//! `relay-kiosk notice …`: add, list, remove and import notices.

use super::output::{ACTOR, CliResult, local, print_json, printable};
use chrono::{DateTime, Local};
use clap::{Args, Subcommand};
use relay_core::import::{self, NoticeSpec};
use relay_core::store::{Notice, Store};
use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Subcommand)]
pub enum NoticeCommand {
    /// Add a notice.
    Add(AddArgs),
    /// List the notices in force now (all of them with --all).
    List {
        /// Also those not yet in force, ended or outside their hours.
        #[arg(long)]
        all: bool,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Remove a notice by id.
    Remove {
        /// The notice's id (see `notice list --all`).
        id: i64,
    },
    /// Import notices from a TOML ([[notice]] tables) or JSON (a list) file: all or nothing.
    Import {
        /// The .toml or .json file (see the README for its fields).
        file: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The heading, up to 40 characters.
    #[arg(long)]
    title: String,
    /// The text under it, up to 1000 characters.
    #[arg(long, default_value = "")]
    body: String,
    /// summer, winter, holiday, safety, service, event (or 夏日送清凉 …); default service.
    #[arg(long)]
    category: Option<String>,
    /// Start: YYYY-MM-DD or "YYYY-MM-DD HH:MM" local time (or today, today+N); default now.
    #[arg(long)]
    from: Option<String>,
    /// End (exclusive); a date alone means through that day. Default: no end.
    #[arg(long)]
    until: Option<String>,
    /// Days of the week, 1 = Monday: 1-5, 6,7.
    #[arg(long)]
    weekdays: Option<String>,
    /// Daily hours: 08:00-20:00, or 22:00-06:00 past midnight.
    #[arg(long)]
    hours: Option<String>,
    /// Show before all others.
    #[arg(long)]
    pin: bool,
    /// Higher shows first (-100..=100).
    #[arg(long, default_value_t = 0, allow_negative_numbers = true)]
    priority: i64,
    /// A PNG, JPEG or WebP image.
    #[arg(long)]
    poster: Option<PathBuf>,
}

pub fn run(
    command: NoticeCommand,
    store: &mut Store,
    now: &DateTime<Local>,
    out: &mut dyn Write,
) -> CliResult {
    match command {
        NoticeCommand::Add(a) => {
            let spec = NoticeSpec {
                title: a.title,
                body: a.body,
                category: a.category,
                from: a.from,
                until: a.until,
                weekdays: a.weekdays,
                hours: a.hours,
                pinned: a.pin,
                priority: a.priority,
                poster: a.poster.as_ref().map(|p| p.to_string_lossy().into_owned()),
            };
            // The file as named, not as its name prints: a name that is not UTF-8 (a
            // stick formatted elsewhere) is still the file staff meant.
            let read_poster = |_: &str| match &a.poster {
                Some(path) => relay_core::files::read_bounded(
                    path,
                    relay_core::files::IMAGE_MAX_BYTES,
                    "海报文件",
                ),
                None => Ok(Vec::new()),
            };
            let notice = spec.to_notice(now, &read_poster)?;
            let id = store.add_notice(&notice, ACTOR)?;
            let added = store.notice(id)?;
            writeln!(
                out,
                "已添加通知 #{id}：{}（{}）",
                added.title,
                added.state(now).zh()
            )?;
            Ok(())
        }
        NoticeCommand::List { all, json } => {
            let list = if all {
                store.notices()
            } else {
                store.notices_in_force(now)
            }?;
            if json {
                let items: Vec<_> = list.iter().map(|n| notice_json(n, now)).collect();
                return print_json(out, &items);
            }
            if list.is_empty() {
                writeln!(out, "没有通知。 (no notices)")?;
            }
            for n in &list {
                writeln!(
                    out,
                    "#{:<4} [{}] {}{} — {}\n      {}",
                    n.id,
                    n.state(now).zh(),
                    if n.pinned { "【置顶】" } else { "" },
                    printable(&n.title),
                    n.category.zh(),
                    n.schedule.describe_zh(&Local),
                )?;
            }
            Ok(())
        }
        NoticeCommand::Remove { id } => {
            store.remove_notice(id, ACTOR)?;
            writeln!(out, "已删除通知 #{id}")?;
            Ok(())
        }
        NoticeCommand::Import { file } => {
            let specs = import::read_specs(&file)?;
            let base = file.parent().unwrap_or(Path::new("."));
            let notices = import::to_notices(&specs, now, &import::posters_from_dir(base))?;
            let ids = store.add_notices(&notices, ACTOR)?;
            writeln!(
                out,
                "已导入 {} 条通知 (imported): #{}",
                ids.len(),
                join_ids(&ids)
            )?;
            Ok(())
        }
    }
}

fn join_ids(ids: &[i64]) -> String {
    ids.iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(", #")
}

fn notice_json(n: &Notice, now: &DateTime<Local>) -> serde_json::Value {
    json!({
        "id": n.id,
        "title": n.title,
        "body": n.body,
        "category": n.category.key(),
        "category_zh": n.category.zh(),
        "from": local(n.schedule.starts_at),
        "until": n.schedule.ends_at.map(local),
        "weekdays": n.schedule.weekdays.to_spec(),
        "hours": n.schedule.window.map(|w| w.to_spec()),
        "pinned": n.pinned,
        "priority": n.priority,
        "published": n.published,
        "state": format!("{:?}", n.state(now)).to_lowercase(),
        "has_poster": n.has_poster,
    })
}
