//! What every command group shares: the error type, the audit actor, how times print.
//! Group modules use this file, never `cli/mod.rs`, so there is no module cycle.

use chrono::{DateTime, Local, Utc};
use std::io;

/// Who the audit log names for CLI changes.
pub const ACTOR: &str = "cli";

/// Why a command failed. An I/O error keeps its kind, so a reader that leaves early
/// (`relay-kiosk notice list | head`) is told apart from a real failure by type.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Reading stdin or writing stdout failed.
    #[error("输入输出错误 (I/O error): {0}")]
    Io(#[from] io::Error),
    /// What the store refused or could not do; its own words, Chinese then English.
    #[error("{0}")]
    Store(#[from] relay_core::store::Error),
    /// The kiosk could not start (data directory, window).
    #[error("{0}")]
    Start(#[from] crate::kiosk::StartError),
    /// A message for the person at the terminal, in Chinese with an English gloss.
    #[error("{0}")]
    Message(String),
}

impl CliError {
    /// The reader of our output went away: not an error, stop quietly.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, CliError::Io(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

impl From<String> for CliError {
    fn from(msg: String) -> Self {
        CliError::Message(msg)
    }
}

impl From<&str> for CliError {
    fn from(msg: &str) -> Self {
        CliError::Message(msg.to_string())
    }
}

impl From<serde_json::Error> for CliError {
    fn from(e: serde_json::Error) -> Self {
        CliError::Message(e.to_string())
    }
}

/// Opens the store as every command does: checked at start, a damaged one recovered
/// (what happened goes to stderr, as the kiosk shows it on the staff menu).
pub fn open_store(dir: &std::path::Path) -> Result<relay_core::store::Store, CliError> {
    let opened = relay_core::store::open_checked(dir, Local::now()).map_err(|e| {
        use relay_core::store::{Cause, cause_of};
        match cause_of(dir, &e) {
            // Named, not a migration error or "damaged": the CLI never writes such a store.
            c @ (Cause::NewerSchema | Cause::Permission) => {
                CliError::from(relay_core::store::Error::Invalid(format!(
                    "数据库不能写入（原因：{}）：{} ({e})",
                    c.zh(),
                    c.advice()
                )))
            }
            Cause::Damaged => CliError::from(e),
        }
    })?;
    if let Some(r) = &opened.recovery {
        eprintln!("注意 (warning): {}", r.message());
    }
    // The lock only guards the opening here: a command is short, and a kiosk that
    // finds the store damaged later restarts and recovers it itself.
    Ok(opened.store)
}

/// What a command returns.
pub type CliResult = Result<(), CliError>;

/// A UTC time as local RFC 3339 (`2026-12-01T08:00:00+08:00`), as `--json` prints it.
pub fn local(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// Prints `items` as the stable, pretty JSON array `--json` promises.
/// `text` safe to write to a terminal: control characters (escape sequences, line
/// breaks) and text-direction overrides become visible `\u{…}` escapes. For rows
/// stored before such characters were refused, or written by hand.
pub fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

pub fn print_json(out: &mut dyn io::Write, items: &[serde_json::Value]) -> CliResult {
    let text = serde_json::to_string_pretty(items)?;
    writeln!(out, "{text}")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_broken_pipe_is_quiet() {
        let gone = CliError::from(io::Error::from(io::ErrorKind::BrokenPipe));
        assert!(gone.is_broken_pipe());
        let full = CliError::from(io::Error::other("disk full"));
        assert!(!full.is_broken_pipe());
        assert!(full.to_string().starts_with("输入输出错误 (I/O error)"));
        // A message that merely says "broken pipe" is still an error.
        assert!(!CliError::from("broken pipe").is_broken_pipe());
    }
}
