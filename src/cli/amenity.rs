//! `relay-kiosk amenity …`: the station's amenities and their status.

use super::output::{ACTOR, CliResult, local, print_json, printable};
use clap::Subcommand;
use relay_core::store::{AmenityStatus, Store};
use serde_json::json;
use std::io::Write;

#[derive(Debug, Subcommand)]
pub enum AmenityCommand {
    /// List amenities and their status.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Set an amenity's status: NAME is water, fridge, microwave, medicine, toilet, rest
    /// (or 直饮水 …); STATUS is ok, paused, out_of_stock, cleaning, repair (or 正常 …).
    Set {
        /// The amenity: water, fridge, microwave, medicine, toilet, rest (or 直饮水 …).
        name: String,
        /// ok, paused, out_of_stock, cleaning, repair (or 正常 …).
        status: String,
        /// A short note shown under the status (e.g. 下午补货).
        #[arg(long, default_value = "")]
        note: String,
    },
}

pub fn run(command: AmenityCommand, store: &mut Store, out: &mut dyn Write) -> CliResult {
    match command {
        AmenityCommand::List { json } => {
            let list = store.amenities()?;
            if json {
                let items: Vec<_> = list
                    .iter()
                    .map(|a| {
                        json!({
                            "key": a.key,
                            "name_zh": a.name_zh,
                            "name_en": a.name_en,
                            "status": a.status.key(),
                            "status_zh": a.status.zh(),
                            "note": a.note,
                            "updated_at": a.updated_at.map(local),
                        })
                    })
                    .collect();
                return print_json(out, &items);
            }
            for a in &list {
                writeln!(
                    out,
                    "{:<10} {:<6}\t{}{}",
                    a.key,
                    a.name_zh,
                    a.status.zh(),
                    if a.note.is_empty() {
                        String::new()
                    } else {
                        format!("（{}）", printable(&a.note))
                    }
                )?;
            }
            Ok(())
        }
        AmenityCommand::Set { name, status, note } => {
            let parsed = AmenityStatus::parse(&status).ok_or_else(|| {
                let known: Vec<String> = AmenityStatus::ALL
                    .iter()
                    .map(|s| format!("{} ({})", s.key(), s.zh()))
                    .collect();
                format!(
                    "未知的状态“{status}”，可选：{} (unknown status)",
                    known.join(", ")
                )
            })?;
            store.set_amenity_status(&name, parsed, &note, ACTOR)?;
            writeln!(out, "已更新：{name} → {}", parsed.zh())?;
            Ok(())
        }
    }
}
