//! `config.toml` in the data directory. Every field has a default; an unknown field or
//! a bad value is an error that names the field and the file.

use crate::store::Error;
use serde::{Deserialize, Serialize};
use std::path::Path;

pub const CONFIG_FILE: &str = "config.toml";

/// Sessions in the last 30 days needed before their median predicts when a slot frees up.
pub const MEDIAN_MIN_SESSIONS: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SeasonSetting {
    /// The date decides: June–September summer, December–February winter.
    #[default]
    Auto,
    Summer,
    Winter,
    /// No seasonal banner or palette.
    None,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Shown at the top of the home screen until staff set the station's name on the
    /// kiosk (工作人员 › 本站信息), which then wins.
    pub station_name: String,
    /// Seconds without a touch before the "还在使用吗？" warning.
    pub idle_timeout_secs: u64,
    /// Seconds the warning stays before the kiosk returns home.
    pub idle_warning_secs: u64,
    /// Seconds idle on the home screen before the notice slideshow starts.
    pub attract_after_secs: u64,
    /// Seconds each notice stays in the slideshow.
    pub attract_slide_secs: u64,
    /// Start in elder mode (larger text and buttons).
    pub elder_mode_default: bool,
    /// `auto`, `summer`, `winter` or `none`.
    pub season: SeasonSetting,
    /// How many notices the home screen shows.
    pub home_notices: usize,
    /// Minutes after which a charging session shows 超时请取走.
    pub charging_limit_mins: u64,
    /// Expected session length while history is thin (fewer than 10 sessions in 30 days).
    pub charging_expected_mins: u64,
    /// Days a book may be borrowed from the reading corner (阅读角) before it is due.
    pub loan_days: u32,
    /// A Unix group whose members may write to the feed socket (a feeder running as
    /// another user); empty: the kiosk's user only.
    pub feed_group: String,
    /// Where 图书 › 从U盘导入 looks for spreadsheets: where USB sticks are mounted.
    pub import_dirs: Vec<std::path::PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            station_name: "户外职工爱心接力站".into(),
            idle_timeout_secs: 90,
            idle_warning_secs: 10,
            attract_after_secs: 300,
            attract_slide_secs: 8,
            elder_mode_default: false,
            season: SeasonSetting::Auto,
            home_notices: 3,
            charging_limit_mins: 180,
            charging_expected_mins: 60,
            loan_days: 30,
            feed_group: String::new(),
            import_dirs: ["/media", "/run/media", "/mnt"]
                .into_iter()
                .map(Into::into)
                .collect(),
        }
    }
}

impl Config {
    pub fn charging_limit(&self) -> chrono::Duration {
        chrono::Duration::minutes(self.charging_limit_mins as i64)
    }

    pub fn parse(text: &str, origin: &Path) -> crate::store::Result<Config> {
        let config: Config = toml::from_str(text)
            .map_err(|e| format!("配置文件 {} 有误 (bad config): {e}", origin.display()))?;
        config
            .validate()
            .map_err(|e| format!("配置文件 {} 有误 (bad config): {e}", origin.display()))?;
        Ok(config)
    }

    fn validate(&self) -> crate::store::Result<()> {
        let field = |name: &str, why: &str| Err(Error::Invalid(format!("{name}: {why}")));
        if self.station_name.trim().is_empty() {
            return field("station_name", "不能为空 (must not be empty)");
        }
        if !(20..=3600).contains(&self.idle_timeout_secs) {
            return field(
                "idle_timeout_secs",
                "应在 20 到 3600 之间 (must be 20..=3600)",
            );
        }
        if !(3..=60).contains(&self.idle_warning_secs) {
            return field("idle_warning_secs", "应在 3 到 60 之间 (must be 3..=60)");
        }
        if self.attract_after_secs < self.idle_timeout_secs + self.idle_warning_secs {
            return field(
                "attract_after_secs",
                "不能短于 idle_timeout_secs + idle_warning_secs (must not be shorter than the idle reset)",
            );
        }
        if !(3..=120).contains(&self.attract_slide_secs) {
            return field("attract_slide_secs", "应在 3 到 120 之间 (must be 3..=120)");
        }
        if !(1..=6).contains(&self.home_notices) {
            return field("home_notices", "应在 1 到 6 之间 (must be 1..=6)");
        }
        if !(10..=1440).contains(&self.charging_limit_mins) {
            return field(
                "charging_limit_mins",
                "应在 10 到 1440 之间 (must be 10..=1440)",
            );
        }
        if !(5..=600).contains(&self.charging_expected_mins) {
            return field(
                "charging_expected_mins",
                "应在 5 到 600 之间 (must be 5..=600)",
            );
        }
        if !(1..=365).contains(&self.loan_days) {
            return field("loan_days", "应在 1 到 365 之间 (must be 1..=365)");
        }
        Ok(())
    }

    /// Loads `config.toml` from `dir`, writing a commented default file if there is none.
    pub fn load_or_create(dir: &Path) -> crate::store::Result<Config> {
        let path = dir.join(CONFIG_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                // An existing one others may read (copied in with 0644) is tightened, as a
                // new one is made: it may name the feed's group and the union's keys.
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    if std::fs::metadata(&path).is_ok_and(|m| m.permissions().mode() & 0o077 != 0) {
                        crate::store::owner_only(&path);
                    }
                }
                Config::parse(&text, &path)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                // A template helps staff find the settings; failing to write it is harmless.
                let _ = std::fs::write(&path, TEMPLATE);
                crate::store::owner_only(&path);
                Ok(Config::default())
            }
            Err(e) => Err(format!("读不到配置文件 {} (cannot read): {e}", path.display()).into()),
        }
    }
}

const TEMPLATE: &str = r#"# relay-kiosk 配置 (configuration). Every line is optional; these are the defaults.
# station_name = "户外职工爱心接力站"  # 工作人员在屏幕上（本站信息）设了站名后，以屏幕上的为准
# idle_timeout_secs = 90     # 无操作多久后提示“还在使用吗？”
# idle_warning_secs = 10     # 提示停留几秒后回到首页
# attract_after_secs = 300   # 首页无操作多久后轮播通知
# attract_slide_secs = 8     # 轮播每条通知停留几秒
# elder_mode_default = false # 默认使用长辈模式（大字）
# season = "auto"            # auto / summer / winter / none
# home_notices = 3           # 首页显示几条通知
# charging_limit_mins = 180  # 充电多久后显示“超时请取走”
# charging_expected_mins = 60  # 历史记录不足时，预计每次充电多久
# loan_days = 30             # 阅读角借书可以借几天
# feed_group = ""            # 允许这个用户组的充电柜程序连接上报接口（空：只有本用户）
# import_dirs = ["/media", "/run/media", "/mnt"]  # 从U盘导入图书时，在这些目录里找表格
"#;

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 21 item 12: a config.toml others may read is made the owner's alone.
    #[cfg(unix)]
    #[test]
    fn an_existing_config_others_can_read_is_tightened() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_FILE);
        std::fs::write(&path, "idle_timeout_secs = 90\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        Config::load_or_create(dir.path()).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{mode:o}");
    }

    #[test]
    fn defaults_and_template_parse() {
        let c = Config::parse("", Path::new("config.toml")).unwrap();
        assert_eq!(c, Config::default());
        assert_eq!(
            Config::parse(TEMPLATE, Path::new("t")).unwrap(),
            Config::default()
        );
        let c = Config::parse(
            "season = \"winter\"\nidle_timeout_secs = 60",
            Path::new("c"),
        )
        .unwrap();
        assert_eq!(c.season, SeasonSetting::Winter);
        assert_eq!(c.idle_timeout_secs, 60);
    }

    #[test]
    fn loan_days_default_to_30_and_are_bounded() {
        assert_eq!(Config::default().loan_days, 30);
        let c = Config::parse("loan_days = 14", Path::new("c")).unwrap();
        assert_eq!(c.loan_days, 14);
        let err = Config::parse("loan_days = 0", Path::new("c.toml")).unwrap_err();
        assert!(err.to_string().contains("loan_days"), "{err}");
    }

    #[test]
    fn errors_name_the_field_and_file() {
        let err = Config::parse("idle_timeout_secs = 5", Path::new("/d/config.toml")).unwrap_err();
        assert!(
            err.to_string().contains("idle_timeout_secs")
                && err.to_string().contains("/d/config.toml"),
            "{err}"
        );
        let err = Config::parse("idle_timeout_secs = \"abc\"", Path::new("c.toml")).unwrap_err();
        assert!(err.to_string().contains("idle_timeout_secs"), "{err}");
        let err = Config::parse("seasn = \"winter\"", Path::new("c.toml")).unwrap_err();
        assert!(err.to_string().contains("seasn"), "{err}");
        let err = Config::parse("season = \"spring\"", Path::new("c.toml")).unwrap_err();
        assert!(err.to_string().contains("season"), "{err}");
    }
}
