//! What a store error says to a person at the kiosk: one Chinese sentence, what happened
//! and what to do, never SQLite's English text (that goes to the log).

use relay_core::store::{Error, Record};

/// The sentence for `e`.
pub fn zh(e: &Error) -> String {
    match e {
        _ if e.is_busy() => "现在有人在同时修改数据，请稍后再试。".to_string(),
        _ if e.is_conflict() => {
            "这个改动和已有的数据冲突（可能重复了），请检查后再试。".to_string()
        }
        Error::Sqlite(s) if s.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull) => {
            "磁盘已满，这次没有保存。请联系工作人员。".to_string()
        }
        Error::Sqlite(s) if s.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly) => {
            "数据现在只能看、不能改，这次没有保存。请联系工作人员。".to_string()
        }
        Error::Sqlite(_) => "数据没能读写成功，请稍后再试；一直不行请联系工作人员。".to_string(),
        Error::Migration(_) => "数据库升级失败，请联系工作人员。".to_string(),
        Error::Invalid(msg) => chinese_part(msg).to_string(),
        Error::NotFound { what, key } => {
            format!(
                "找不到{}{key}，可能刚被删除了。请返回后再看一下。",
                record(*what)
            )
        }
        Error::Stopped => "系统正在重启，请稍后再试。".to_string(),
    }
}

/// What a record is called on screen.
fn record(what: Record) -> &'static str {
    match what {
        Record::Notice => "通知 ",
        Record::Slot => "充电位 ",
        Record::Wish => "心愿 ",
        Record::Suggestion => "建议 ",
        Record::Book => "图书 ",
        Record::Loan => "借阅记录 ",
        Record::VisitorReturn => "入架记录 ",
    }
}

/// `充电位 B9 不存在 (no such slot)` → `充电位 B9 不存在`: a refusal's Chinese sentence,
/// without the English gloss the CLI prints after it.
fn chinese_part(text: &str) -> &str {
    match text.rfind(" (") {
        Some(i) if text.ends_with(')') && text[i + 2..].is_ascii() => text[..i].trim_end(),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::ffi;

    fn sqlite(code: i32) -> Error {
        Error::Sqlite(rusqlite::Error::SqliteFailure(ffi::Error::new(code), None))
    }

    #[test]
    fn every_sentence_is_chinese_only() {
        for e in [
            sqlite(ffi::SQLITE_BUSY),
            sqlite(ffi::SQLITE_LOCKED),
            sqlite(ffi::SQLITE_CONSTRAINT),
            sqlite(ffi::SQLITE_IOERR),
            sqlite(ffi::SQLITE_FULL),
            sqlite(ffi::SQLITE_READONLY),
            Error::Invalid("充电位 B9 不存在 (no such slot)".into()),
            Error::NotFound {
                what: Record::Wish,
                key: "#12".into(),
            },
            Error::Stopped,
        ] {
            let zh = zh(&e);
            assert!(!zh.is_empty(), "{e:?}");
            // A slot label (B9) may stand in a sentence; an English word may not.
            let english = zh
                .split(|c: char| !c.is_ascii_alphabetic())
                .any(|w| w.len() >= 3);
            assert!(!english, "Chinese only, got {zh:?} for {e:?}");
        }
        assert!(zh(&sqlite(ffi::SQLITE_BUSY)).contains("请稍后再试"));
        assert!(zh(&sqlite(ffi::SQLITE_FULL)).contains("磁盘已满"));
        assert_eq!(
            zh(&Error::Invalid("充电位 B9 不存在 (no such slot)".into())),
            "充电位 B9 不存在"
        );
        assert_eq!(
            zh(&Error::NotFound {
                what: Record::Notice,
                key: "#3".into()
            }),
            "找不到通知 #3，可能刚被删除了。请返回后再看一下。"
        );
    }

    #[test]
    fn a_gloss_is_only_a_trailing_english_bracket() {
        assert_eq!(chinese_part("限 10 字（中文括号）"), "限 10 字（中文括号）");
        assert_eq!(chinese_part("数量 (数量) 不对"), "数量 (数量) 不对");
        assert_eq!(chinese_part("ISBN 是空的 (ISBN is empty)"), "ISBN 是空的");
    }
}
