//! Notices as people write them: CLI flags, TOML/JSON import files and the demo data.
//! Everything here turns text into a validated [`NewNotice`] or a message that says
//! what is wrong, in Chinese first.

use crate::store::{Category, NewNotice, Schedule, TimeWindow, Weekdays, prepare_poster};
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use serde::Deserialize;
use std::path::Path;

/// One notice as written in an import file (or assembled from CLI flags).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticeSpec {
    pub title: String,
    #[serde(default)]
    pub body: String,
    /// `summer`, `winter`, `holiday`, `safety`, `service`, `event` or the Chinese name.
    pub category: Option<String>,
    /// `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` (local time), `today`, `today+N`, `today-N`.
    pub from: Option<String>,
    /// Same forms; a date alone means "through that day".
    pub until: Option<String>,
    /// `1-5`, `6,7` (1 = Monday).
    pub weekdays: Option<String>,
    /// `08:00-20:00`, or `22:00-06:00` past midnight.
    pub hours: Option<String>,
    #[serde(default)]
    pub pinned: bool,
    #[serde(default)]
    pub priority: i64,
    /// An image file, relative to the import file.
    pub poster: Option<String>,
}

/// Reads a poster by the name written in a spec.
pub type PosterSource<'a> = &'a dyn Fn(&str) -> crate::store::Result<Vec<u8>>;

/// Reads posters from the file system, relative to `base`.
pub fn posters_from_dir(base: &Path) -> impl Fn(&str) -> crate::store::Result<Vec<u8>> + '_ {
    move |name| {
        let path = base.join(name);
        crate::files::read_bounded(&path, crate::files::IMAGE_MAX_BYTES, "海报文件")
    }
}

impl NoticeSpec {
    pub fn to_notice<Tz: TimeZone>(
        &self,
        now: &DateTime<Tz>,
        posters: PosterSource<'_>,
    ) -> crate::store::Result<NewNotice> {
        let tz = now.timezone();
        let category = match &self.category {
            None => Category::Service,
            Some(c) => Category::parse(c).ok_or_else(|| {
                let known: Vec<String> = Category::ALL
                    .iter()
                    .map(|c| format!("{} ({})", c.key(), c.zh()))
                    .collect();
                format!(
                    "未知的类别“{c}”，可选：{} (unknown category)",
                    known.join(", ")
                )
            })?,
        };
        let starts_at = match &self.from {
            None => now.with_timezone(&Utc),
            Some(t) => parse_datetime(t, &tz, now, false)?,
        };
        let ends_at = self
            .until
            .as_deref()
            .map(|t| parse_datetime(t, &tz, now, true))
            .transpose()?;
        let weekdays = match self.weekdays.as_deref().map(str::trim) {
            None | Some("") => Weekdays::EVERY_DAY,
            Some(w) => Weekdays::parse(w)?,
        };
        let window = match self.hours.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(h) => Some(TimeWindow::parse(h)?),
        };
        let poster = match &self.poster {
            None => None,
            Some(name) => Some(prepare_poster(&posters(name)?)?),
        };
        let notice = NewNotice {
            title: self.title.trim().to_string(),
            body: self.body.trim().to_string(),
            category,
            schedule: Schedule {
                starts_at,
                ends_at,
                weekdays,
                window,
            },
            pinned: self.pinned,
            priority: self.priority,
            poster,
        };
        notice.validate()?;
        Ok(notice)
    }
}

/// Parses a local date-time as people write it. `end` makes a bare date mean the end
/// of that day (the next midnight), so `--until 2026-12-31` includes the 31st.
pub fn parse_datetime<Tz: TimeZone>(
    text: &str,
    tz: &Tz,
    now: &DateTime<Tz>,
    end: bool,
) -> crate::store::Result<DateTime<Utc>> {
    let text = text.trim();
    let bad = || {
        format!(
            "日期格式不对：“{text}”，应写成 2026-12-01 或 2026-12-01 08:00 (bad date, expected YYYY-MM-DD [HH:MM])"
        )
    };
    let today = now.naive_local().date();
    let date_only = |date: NaiveDate| -> crate::store::Result<NaiveDateTime> {
        let date = if end {
            date.succ_opt().ok_or_else(bad)?
        } else {
            date
        };
        Ok(date.and_time(NaiveTime::MIN))
    };
    let naive = if let Some(rest) = text.strip_prefix("today") {
        let days: i64 = match rest.trim() {
            "" => 0,
            r => r.replace(' ', "").parse().map_err(|_| bad())?,
        };
        if days.abs() > 3650 {
            return Err(bad().into());
        }
        date_only(today + Duration::days(days))?
    } else if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        date_only(date)?
    } else {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M")
            .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M"))
            .map_err(|_| bad())?
    };
    tz.from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| bad().into())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlFile {
    #[serde(default)]
    notice: Vec<NoticeSpec>,
}

/// Reads an import file: TOML (`[[notice]]` tables) or JSON (a list of objects).
pub fn read_specs(path: &Path) -> crate::store::Result<Vec<NoticeSpec>> {
    let bytes = crate::files::read_bounded(path, crate::files::IMPORT_MAX_BYTES, "文件")?;
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("文件 {} 不是 UTF-8 文本 (not UTF-8 text)", path.display()))?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let json = match ext.as_deref() {
        Some("json") => true,
        Some("toml") => false,
        _ => {
            let t = text.trim_start();
            t.starts_with('{') || (t.starts_with('[') && !t.starts_with("[["))
        }
    };
    let specs = if json {
        let bad = |e: String| format!("{} 不是有效的 JSON 通知列表：{e}", path.display());
        let mut value: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?;
        if let Some(list) = value.get_mut("notice") {
            value = list.take();
        }
        serde_json::from_value::<Vec<NoticeSpec>>(value).map_err(|e| bad(e.to_string()))?
    } else {
        toml::from_str::<TomlFile>(&text)
            .map_err(|e| format!("{} 不是有效的 TOML 通知列表：{e}", path.display()))?
            .notice
    };
    if specs.is_empty() {
        return Err(format!("{} 里没有通知 (no notices in file)", path.display()).into());
    }
    Ok(specs)
}

/// Turns every spec into a notice, or says which one is wrong (nothing is written).
pub fn to_notices<Tz: TimeZone>(
    specs: &[NoticeSpec],
    now: &DateTime<Tz>,
    posters: PosterSource<'_>,
) -> crate::store::Result<Vec<NewNotice>> {
    specs
        .iter()
        .enumerate()
        .map(|(i, s)| {
            s.to_notice(now, posters)
                .map_err(|e| format!("第 {} 条通知（{}）：{e}", i + 1, s.title.trim()).into())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

    fn now() -> DateTime<FixedOffset> {
        FixedOffset::east_opt(8 * 3600)
            .unwrap()
            .with_ymd_and_hms(2026, 11, 29, 15, 30, 0)
            .unwrap()
    }

    fn no_posters(_: &str) -> crate::store::Result<Vec<u8>> {
        Err("no posters".into())
    }

    #[test]
    fn dates_in_local_time() {
        let n = now();
        let tz = n.timezone();
        let t = parse_datetime("2026-12-01", &tz, &n, false).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-30T16:00:00+00:00");
        let t = parse_datetime("2026-12-01", &tz, &n, true).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-12-01T16:00:00+00:00");
        let t = parse_datetime("2026-12-01 08:30", &tz, &n, true).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-12-01T00:30:00+00:00");
        let t = parse_datetime("today+2", &tz, &n, false).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-30T16:00:00+00:00");
        assert!(parse_datetime("2026-13-01", &tz, &n, false).is_err());
        assert!(parse_datetime("明天", &tz, &n, false).is_err());
        assert!(parse_datetime("today+x", &tz, &n, false).is_err());
    }

    #[test]
    fn spec_errors_say_what_is_wrong() {
        let n = now();
        let spec = |f: fn(&mut NoticeSpec)| {
            let mut s = NoticeSpec {
                title: "测试".into(),
                ..Default::default()
            };
            f(&mut s);
            s.to_notice(&n, &no_posters)
        };
        assert!(spec(|_| {}).is_ok());
        assert!(
            spec(|s| s.category = Some("sports".into()))
                .unwrap_err()
                .to_string()
                .contains("未知的类别")
        );
        assert!(spec(|s| s.category = Some("冬日送温暖".into())).is_ok());
        let err = spec(|s| {
            s.from = Some("2026-12-10".into());
            s.until = Some("2026-12-01".into());
        })
        .unwrap_err();
        assert!(
            err.to_string().contains("结束时间必须晚于开始时间"),
            "{err}"
        );
        assert!(spec(|s| s.hours = Some("8-20".into())).is_err());
        assert!(spec(|s| s.poster = Some("x.png".into())).is_err());
        assert!(
            spec(|s| s.title = "  ".into())
                .unwrap_err()
                .to_string()
                .contains("标题")
        );
    }

    #[test]
    fn reads_toml_and_json_lists() {
        let dir = tempfile::tempdir().unwrap();
        let toml_path = dir.path().join("n.toml");
        std::fs::write(
            &toml_path,
            "[[notice]]\ntitle = \"甲\"\ncategory = \"safety\"\n\n[[notice]]\ntitle = \"乙\"\n",
        )
        .unwrap();
        assert_eq!(read_specs(&toml_path).unwrap().len(), 2);
        let json_path = dir.path().join("n.json");
        std::fs::write(&json_path, r#"[{"title":"甲","hours":"08:00-20:00"}]"#).unwrap();
        assert_eq!(read_specs(&json_path).unwrap().len(), 1);
        std::fs::write(&json_path, r#"[{"title":"甲","colour":"red"}]"#).unwrap();
        assert!(
            read_specs(&json_path)
                .unwrap_err()
                .to_string()
                .contains("colour")
        );
        std::fs::write(&json_path, "[]").unwrap();
        assert!(read_specs(&json_path).is_err());
    }
}
