//! `relay-kiosk suggestion …`: what workers told the station (意见建议), the station's
//! replies, and which replies the board shows (你说我办).

use super::output::{ACTOR, CliResult, local, print_json};
use chrono::{DateTime, Local, Utc};
use clap::Subcommand;
use relay_core::store::{NewSuggestion, Store, Suggestion, SuggestionKind, mask_phone};
use serde_json::json;
use std::io::Write;

#[derive(Debug, Subcommand)]
pub enum SuggestionCommand {
    /// Record a suggestion brought in on paper or by phone.
    Add {
        /// Up to 200 characters.
        #[arg(long)]
        text: String,
        /// facility, service, safety, other (or 设施 …); default other.
        #[arg(long)]
        kind: Option<String>,
        /// Optional mobile number, if the worker wants a call back.
        #[arg(long)]
        phone: Option<String>,
    },
    /// List suggestions, newest first.
    List {
        /// Only those without a reply.
        #[arg(long)]
        unanswered: bool,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Set (or replace) the station's reply.
    Reply {
        /// The suggestion's id (see `suggestion list`).
        id: i64,
        /// The reply, up to 200 characters.
        text: String,
    },
    /// Show the reply on the board's 你说我办 tab (--off takes it down).
    Publish {
        /// The suggestion's id (see `suggestion list`).
        id: i64,
        /// Take it down instead.
        #[arg(long)]
        off: bool,
    },
}

fn suggestion_json(s: &Suggestion) -> serde_json::Value {
    json!({
        "id": s.id,
        "number": s.number,
        "kind": s.kind.key(),
        "kind_zh": s.kind.zh(),
        "text": s.text,
        "phone_masked": s.phone.as_deref().map(mask_phone),
        "created_at": local(s.created_at),
        "reply": s.reply,
        "replied_at": s.replied_at.map(local),
        "published": s.published,
    })
}

pub fn run(
    command: SuggestionCommand,
    store: &mut Store,
    now: &DateTime<Local>,
    out: &mut dyn Write,
) -> CliResult {
    let utc = now.with_timezone(&Utc);
    match command {
        SuggestionCommand::Add { text, kind, phone } => {
            let kind = match kind.as_deref() {
                None => SuggestionKind::Other,
                Some(k) => SuggestionKind::parse(k).ok_or_else(|| {
                    let known: Vec<String> = SuggestionKind::ALL
                        .iter()
                        .map(|k| format!("{} ({})", k.key(), k.zh()))
                        .collect();
                    format!("未知的类别“{k}”，可选：{} (unknown kind)", known.join(", "))
                })?,
            };
            let added = store.add_suggestion(&NewSuggestion { kind, text, phone }, utc, ACTOR)?;
            match &added.number {
                Some(n) => writeln!(
                    out,
                    "已记录建议 #{}，编号 {}（告诉提建议的人：在心愿墙「你说我办」点「查回复」用）",
                    added.id,
                    relay_core::store::shown_number(n)
                )?,
                None => writeln!(out, "已记录建议 #{}", added.id)?,
            }
            Ok(())
        }
        SuggestionCommand::List { unanswered, json } => {
            let mut list = store.suggestions()?;
            if unanswered {
                list.retain(|s| s.reply.is_none());
            }
            if json {
                let items: Vec<_> = list.iter().map(suggestion_json).collect();
                return print_json(out, &items);
            }
            if list.is_empty() {
                writeln!(out, "没有建议。 (no suggestions)")?;
            }
            for s in &list {
                let status = match (&s.reply, s.published) {
                    (None, _) => "未回复",
                    (Some(_), false) => "已回复",
                    (Some(_), true) => "已回复·已公开",
                };
                writeln!(
                    out,
                    "#{:<4} [{}]{} {} · {}{}\n      {}",
                    s.id,
                    status,
                    s.number
                        .as_deref()
                        .map(|n| format!(" 编号 {}", relay_core::store::shown_number(n)))
                        .unwrap_or_default(),
                    s.kind.zh(),
                    s.created_at.with_timezone(&Local).format("%Y-%m-%d %H:%M"),
                    s.phone
                        .as_deref()
                        .map(|p| format!(" · {}", mask_phone(p)))
                        .unwrap_or_default(),
                    s.text.replace('\n', "\n      ")
                )?;
                if let Some(reply) = &s.reply {
                    writeln!(out, "      回复：{}", reply.replace('\n', "\n      "))?;
                }
            }
            Ok(())
        }
        SuggestionCommand::Reply { id, text } => {
            store.reply_suggestion(id, &text, utc, ACTOR)?;
            writeln!(out, "已回复建议 #{id}")?;
            Ok(())
        }
        SuggestionCommand::Publish { id, off } => {
            store.set_suggestion_published(id, !off, ACTOR)?;
            if off {
                writeln!(out, "建议 #{id} 的回复已从“你说我办”撤下")?;
            } else {
                writeln!(out, "建议 #{id} 的回复已在“你说我办”公开")?;
            }
            Ok(())
        }
    }
}
