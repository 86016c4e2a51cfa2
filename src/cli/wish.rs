//! `relay-kiosk wish …`: micro-wishes (微心愿) from the command line: record a wish
//! brought in on paper or by phone, review, claim, fulfil, withdraw, export. Phone
//! numbers print masked (138****5678); only `export --with-phones` writes them whole,
//! and that is audited.

use super::output::{ACTOR, CliError, CliResult, local, print_json};
use chrono::{DateTime, Local, Utc};
use clap::Subcommand;
use relay_core::store::{
    DECLINE_REASONS, NewWish, Occupation, Store, Wish, WishFilter, WishKind, WishState, mask_phone,
};
use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Subcommand)]
pub enum WishCommand {
    /// Record a wish brought in on paper or by phone; it waits for review (待审核).
    Add {
        /// The wish, up to 100 characters, one paragraph.
        #[arg(long)]
        text: String,
        /// daily, work, education, health, hardship, other (or 生活用品 …).
        #[arg(long)]
        kind: String,
        /// The worker's surname (1–4 characters); the board shows 王师傅.
        #[arg(long)]
        surname: String,
        /// courier, rider, sanitation, driver, other (or 快递员 …).
        #[arg(long)]
        occupation: String,
        /// The worker's mobile number, for staff to call back.
        #[arg(long)]
        phone: String,
        /// Print the new wish as JSON.
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// List wishes, newest first.
    List {
        /// pending, open, claimed, fulfilled, archived, declined, withdrawn (or 待审核 …).
        #[arg(long)]
        state: Option<String>,
        /// daily, work, education, health, hardship, other (or 生活用品 …).
        #[arg(long)]
        kind: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Show one wish (by id or wish number, e.g. 12 or W7K3).
    Show {
        /// The wish's id or number (see `wish list`).
        id: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// 待审核 → 待认领; with --text, the wish as shortened or corrected by staff.
    Approve {
        /// The wish's id or number (see `wish list`).
        id: String,
        /// The text to show instead of the worker's, up to 100 characters.
        #[arg(long)]
        text: Option<String>,
    },
    /// 待审核 → 已拒绝, with a reason: 重复, 不属于微心愿范围, 含个人信息, 其他 or your words.
    Decline {
        /// The wish's id or number (see `wish list`).
        id: String,
        /// Why, shown to the worker who looks the wish up by its number.
        #[arg(long)]
        reason: String,
    },
    /// 待认领 → 已认领 by a donor (--name, or --anonymous for 爱心人士).
    Claim {
        /// The wish's id or number (see `wish list`).
        id: String,
        /// The donor's name (or organisation), shown on the board.
        #[arg(
            long,
            required_unless_present = "anonymous",
            conflicts_with = "anonymous"
        )]
        name: Option<String>,
        /// Shown as 爱心人士 instead of a name.
        #[arg(long)]
        anonymous: bool,
        /// The donor's mobile number.
        #[arg(long)]
        phone: String,
    },
    /// 已认领 → 待认领: the donor dropped out (their name and phone are cleared).
    Unclaim {
        /// The wish's id or number (see `wish list`).
        id: String,
    },
    /// 已认领 → 已实现, with the worker's thank-you line and a photo of the handover.
    Fulfil {
        /// The wish's id or number (see `wish list`).
        id: String,
        /// The worker's thank-you line, shown on the board (up to 100 characters).
        #[arg(long)]
        thanks: Option<String>,
        /// A PNG, JPEG or WebP image; downscaled to fit 1200×1200.
        #[arg(long)]
        photo: Option<PathBuf>,
    },
    /// Withdraw a wish for the worker (who asked by phone or at the desk).
    Withdraw {
        /// The wish's id or number (see `wish list`).
        id: String,
    },
    /// Write every wish to a CSV file (UTF-8 with BOM, opens in Excel).
    Export {
        /// The CSV file to write.
        #[arg(long, value_name = "FILE")]
        csv: PathBuf,
        /// Whole phone numbers instead of masked ones (audited).
        #[arg(long)]
        with_phones: bool,
    },
    /// Archive wishes fulfilled 30 days ago and erase phone numbers 90 days after a wish
    /// closes (the kiosk does this daily).
    Housekeeping,
}

fn choices<T: Copy>(all: &[T], key: fn(T) -> &'static str, zh: fn(T) -> &'static str) -> String {
    all.iter()
        .map(|&v| format!("{} ({})", key(v), zh(v)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn kind(text: &str) -> Result<WishKind, CliError> {
    WishKind::parse(text).ok_or_else(|| {
        format!(
            "未知的心愿类别“{text}”，可选：{} (unknown kind)",
            choices(&WishKind::ALL, WishKind::key, WishKind::zh)
        )
        .into()
    })
}

fn state(text: &str) -> Result<WishState, CliError> {
    WishState::parse(text).ok_or_else(|| {
        format!(
            "未知的心愿状态“{text}”，可选：{} (unknown state)",
            choices(&WishState::ALL, WishState::key, WishState::zh)
        )
        .into()
    })
}

fn occupation(text: &str) -> Result<Occupation, CliError> {
    Occupation::parse(text).ok_or_else(|| {
        format!(
            "未知的职业“{text}”，可选：{} (unknown occupation)",
            choices(&Occupation::ALL, Occupation::key, Occupation::zh)
        )
        .into()
    })
}

/// A wish by id (`#12`, or `12` when no wish has that number) or by wish number
/// (`382914`, `382 914`, `W7K3` in any case).
fn find(store: &Store, id: &str) -> Result<Wish, relay_core::store::Error> {
    let id = id.trim();
    if let Some(n) = id.strip_prefix('#').and_then(|n| n.parse::<i64>().ok()) {
        return store.wish(n);
    }
    match store.wish_by_number(id) {
        Err(e @ relay_core::store::Error::NotFound { .. }) => {
            id.parse::<i64>().map_or(Err(e), |n| store.wish(n))
        }
        found => found,
    }
}

fn masked(phone: Option<&str>) -> Option<String> {
    phone.map(mask_phone)
}

/// The stable JSON object of a wish: phones masked, never whole.
pub fn wish_json(w: &Wish) -> serde_json::Value {
    json!({
        "id": w.id,
        "number": w.number,
        "kind": w.kind.key(),
        "kind_zh": w.kind.zh(),
        "text": w.text,
        "surname": w.surname,
        "occupation": w.occupation.key(),
        "occupation_zh": w.occupation.zh(),
        "person": w.person_zh(),
        "state": w.state.key(),
        "state_zh": w.state.zh(),
        "public": w.state.is_public(),
        "created_at": local(w.created_at),
        "approved_at": w.approved_at.map(local),
        "claimed_at": w.claimed_at.map(local),
        "fulfilled_at": w.fulfilled_at.map(local),
        "closed_at": w.closed_at.map(local),
        "decline_reason": w.decline_reason,
        "phone_masked": masked(w.phone.as_deref()),
        "donor": w.donor,
        "donor_zh": (w.state == WishState::Claimed || w.fulfilled_at.is_some())
            .then(|| w.donor_zh()),
        "donor_phone_masked": masked(w.donor_phone.as_deref()),
        "thanks": w.thanks,
        "has_photo": w.has_photo,
    })
}

fn short(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string()
}

fn line(w: &Wish) -> String {
    format!(
        "#{:<4} {}  [{}] {} · {} · {}  {}\n      {}",
        w.id,
        w.number,
        w.state.zh(),
        w.kind.zh(),
        w.person_zh(),
        w.phone
            .as_deref()
            .map_or_else(|| "手机号已删除".to_string(), mask_phone),
        short(w.created_at),
        w.text
    )
}

fn show(w: &Wish, out: &mut dyn Write) -> CliResult {
    writeln!(out, "心愿 {}（#{}）  {}", w.number, w.id, w.state.zh())?;
    writeln!(out, "类别：{}", w.kind.zh())?;
    writeln!(out, "心愿：{}", w.text)?;
    writeln!(out, "提交人：{}（{}）", w.person_zh(), w.surname)?;
    writeln!(
        out,
        "手机：{}",
        w.phone
            .as_deref()
            .map_or_else(|| "已删除".to_string(), mask_phone)
    )?;
    writeln!(out, "提交时间：{}", short(w.created_at))?;
    let times = [
        ("审核通过", w.approved_at),
        ("认领", w.claimed_at),
        ("实现", w.fulfilled_at),
        ("关闭", w.closed_at),
    ];
    for (what, at) in times {
        if let Some(at) = at {
            writeln!(out, "{what}时间：{}", short(at))?;
        }
    }
    if let Some(reason) = &w.decline_reason {
        writeln!(out, "拒绝原因：{reason}")?;
    }
    if w.claimed_at.is_some() || w.fulfilled_at.is_some() {
        writeln!(
            out,
            "认领人：{}  手机：{}",
            w.donor_zh(),
            w.donor_phone
                .as_deref()
                .map_or_else(|| "已删除".to_string(), mask_phone)
        )?;
    }
    if let Some(thanks) = &w.thanks {
        writeln!(out, "感谢的话：{thanks}")?;
    }
    if w.has_photo {
        writeln!(out, "有交接照片")?;
    }
    Ok(())
}

pub fn run(
    command: WishCommand,
    store: &mut Store,
    now: &DateTime<Local>,
    out: &mut dyn Write,
) -> CliResult {
    let utc = now.with_timezone(&Utc);
    match command {
        WishCommand::Add {
            text,
            kind: k,
            surname,
            occupation: o,
            phone,
            json,
        } => {
            let wish = NewWish {
                kind: kind(&k)?,
                text,
                surname,
                occupation: occupation(&o)?,
                phone,
            };
            let added = store.add_wish(&wish, utc, ACTOR)?;
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&wish_json(&added))?)?;
            } else {
                writeln!(
                    out,
                    "已登记心愿 {}（#{}），待审核：{}",
                    added.number, added.id, added.text
                )?;
            }
            Ok(())
        }
        WishCommand::List {
            state: s,
            kind: k,
            json,
        } => {
            let filter = WishFilter {
                states: s.as_deref().map(state).transpose()?.into_iter().collect(),
                kind: k.as_deref().map(kind).transpose()?,
            };
            let list = store.wishes(&filter)?;
            if json {
                let items: Vec<_> = list.iter().map(wish_json).collect();
                return print_json(out, &items);
            }
            if list.is_empty() {
                writeln!(out, "没有心愿。 (no wishes)")?;
            }
            for w in &list {
                writeln!(out, "{}", line(w))?;
            }
            Ok(())
        }
        WishCommand::Show { id, json } => {
            let w = find(store, &id)?;
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&wish_json(&w))?)?;
                return Ok(());
            }
            show(&w, out)
        }
        WishCommand::Approve { id, text } => {
            let w = find(store, &id)?;
            store.approve_wish(w.id, text.as_deref(), utc, ACTOR)?;
            let after = store.wish(w.id)?;
            writeln!(
                out,
                "心愿 {} 已通过审核，待认领：{}",
                after.number, after.text
            )?;
            Ok(())
        }
        WishCommand::Decline { id, reason } => {
            let w = find(store, &id)?;
            store.decline_wish(w.id, &reason, utc, ACTOR)?;
            let note = if DECLINE_REASONS.contains(&reason.trim()) {
                ""
            } else {
                "（自填原因）"
            };
            writeln!(out, "心愿 {} 已拒绝：{}{note}", w.number, reason.trim())?;
            Ok(())
        }
        WishCommand::Claim {
            id,
            name,
            anonymous,
            phone,
        } => {
            let w = find(store, &id)?;
            let donor = if anonymous { None } else { name.as_deref() };
            store.claim_wish(w.id, donor, &phone, utc, ACTOR)?;
            let after = store.wish(w.id)?;
            writeln!(out, "心愿 {} 已由{}认领", after.number, after.donor_zh())?;
            Ok(())
        }
        WishCommand::Unclaim { id } => {
            let w = find(store, &id)?;
            store.unclaim_wish(w.id, utc, ACTOR)?;
            writeln!(out, "心愿 {} 已取消认领，重新待认领", w.number)?;
            Ok(())
        }
        WishCommand::Fulfil { id, thanks, photo } => {
            let w = find(store, &id)?;
            let bytes = photo
                .as_ref()
                .map(|p| {
                    relay_core::files::read_bounded(
                        p,
                        relay_core::files::IMAGE_MAX_BYTES,
                        "照片文件",
                    )
                })
                .transpose()?;
            store.fulfil_wish(w.id, thanks.as_deref(), bytes.as_deref(), utc, ACTOR)?;
            writeln!(out, "心愿 {} 已实现", w.number)?;
            Ok(())
        }
        WishCommand::Withdraw { id } => {
            let w = find(store, &id)?;
            store.withdraw_wish_by_staff(w.id, utc, ACTOR)?;
            writeln!(out, "心愿 {} 已撤回", w.number)?;
            Ok(())
        }
        WishCommand::Export { csv, with_phones } => {
            let list = store.wishes(&WishFilter::default())?;
            if with_phones {
                // On record before any whole number leaves the store.
                store.audit(
                    ACTOR,
                    "wish.export_phones",
                    &format!("{} 个心愿 → {}", list.len(), csv.display()),
                )?;
            }
            write_csv(&csv, &list, with_phones)?;
            writeln!(
                out,
                "已导出 {} 个心愿到 {}{}",
                list.len(),
                csv.display(),
                if with_phones {
                    "（含完整手机号，请妥善保管，用完删除）"
                } else {
                    "（手机号已隐去）"
                }
            )?;
            Ok(())
        }
        WishCommand::Housekeeping => {
            // The kiosk's daily task, all of it: wishes, suggestions and loans.
            let (archived, erased) = store.wish_housekeeping(utc)?;
            let loans = store.loan_housekeeping(utc)?;
            writeln!(
                out,
                "归档 {archived} 个心愿；删除了 {erased} 条记录的手机号；删除了 {loans} 条借阅的姓氏和手机尾号 (archived, erased, loans erased)"
            )?;
            Ok(())
        }
    }
}

/// One CSV cell: quoted when needed, and never read by Excel as a formula (a wish
/// typed at a public kiosk may start with `=`).
fn cell(text: &str) -> String {
    let text = relay_core::report::csv::defused(text);
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

const CSV_HEADERS: [&str; 18] = [
    "序号",
    "心愿编号",
    "状态",
    "类别",
    "心愿内容",
    "职业",
    "姓",
    "称呼",
    "手机",
    "提交时间",
    "审核时间",
    "认领时间",
    "实现时间",
    "关闭时间",
    "拒绝原因",
    "认领人",
    "认领人手机",
    "感谢的话",
];

fn write_csv(path: &Path, wishes: &[Wish], with_phones: bool) -> CliResult {
    let phone = |p: Option<&str>| match p {
        Some(p) if with_phones => p.to_string(),
        Some(p) => mask_phone(p),
        None => String::new(),
    };
    let time = |t: Option<DateTime<Utc>>| t.map(short).unwrap_or_default();
    let mut text = String::from("\u{FEFF}");
    text.push_str(&CSV_HEADERS.join(","));
    text.push_str("\r\n");
    for w in wishes {
        let has_donor = w.claimed_at.is_some() || w.fulfilled_at.is_some();
        let row = [
            w.id.to_string(),
            w.number.clone(),
            w.state.zh().to_string(),
            w.kind.zh().to_string(),
            w.text.clone(),
            w.occupation.zh().to_string(),
            w.surname.clone(),
            w.person_zh(),
            phone(w.phone.as_deref()),
            short(w.created_at),
            time(w.approved_at),
            time(w.claimed_at),
            time(w.fulfilled_at),
            time(w.closed_at),
            w.decline_reason.clone().unwrap_or_default(),
            if has_donor {
                w.donor_zh().to_string()
            } else {
                String::new()
            },
            phone(w.donor_phone.as_deref()),
            w.thanks.clone().unwrap_or_default(),
        ];
        let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
        text.push_str(&cells.join(","));
        text.push_str("\r\n");
    }
    // A FIFO would hang the command until someone reads it, a device is no place for
    // wishes, and a link could point anywhere: only a new or a regular file.
    if let Ok(meta) = std::fs::symlink_metadata(path)
        && !meta.file_type().is_file()
    {
        return Err(format!(
            "{} 不是普通文件，请换一个文件名 (not a regular file)",
            path.display()
        )
        .into());
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    if with_phones {
        // Whole phone numbers: readable by the staff account only.
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .map_err(|e| format!("写不了文件 {} (cannot write: {e})", path.display()))?;
    #[cfg(unix)]
    if with_phones {
        // `mode` only applies to a file it creates: an existing 0644 one is tightened
        // before a single number is written into it.
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(|e| format!("改不了文件权限 {} (cannot chmod: {e})", path.display()))?;
    }
    file.write_all(text.as_bytes())
        .map_err(|e| format!("写不了文件 {} (cannot write: {e})", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn csv_cells_are_quoted_and_never_formulas() {
        assert_eq!(cell("想要一副手套"), "想要一副手套");
        assert_eq!(
            cell("手套，帽子"),
            "手套，帽子",
            "a Chinese comma needs no quotes"
        );
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("他说\"谢谢\""), "\"他说\"\"谢谢\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("+86"), "'+86");
        assert_eq!(cell("-"), "'-");
    }
}
