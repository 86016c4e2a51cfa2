//! The staff CLI, run as a real process on a temporary data directory.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn run_in(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_relay-kiosk"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("TZ", "Asia/Shanghai")
        .env_remove("RELAY_KIOSK_DATA_DIR")
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run relay-kiosk");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = run_in(dir, args, None);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs a command that must fail, and returns its error message.
fn fails(dir: &Path, args: &[&str]) -> String {
    let out = run_in(dir, args, None);
    assert!(!out.status.success(), "{args:?} should fail");
    String::from_utf8(out.stderr).unwrap()
}

fn notices_json(dir: &Path) -> Vec<serde_json::Value> {
    serde_json::from_str(&ok(dir, &["notice", "list", "--all", "--json"])).unwrap()
}

#[test]
fn add_and_list_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = ok(
        d,
        &[
            "notice",
            "add",
            "--title",
            "冬季手套发放",
            "--body",
            "凭工作证领取",
            "--category",
            "winter",
            "--from",
            "2026-12-01",
            "--until",
            "2027-02-28",
            "--weekdays",
            "1-5",
            "--hours",
            "08:00-20:00",
            "--pin",
            "--priority",
            "5",
        ],
    );
    assert!(out.contains("已添加通知 #1"), "{out}");
    let list = notices_json(d);
    assert_eq!(list.len(), 1);
    let n = &list[0];
    assert_eq!(n["id"], 1);
    assert_eq!(n["title"], "冬季手套发放");
    assert_eq!(n["body"], "凭工作证领取");
    assert_eq!(n["category"], "winter");
    assert_eq!(n["from"], "2026-12-01T00:00:00+08:00");
    assert_eq!(n["until"], "2027-03-01T00:00:00+08:00");
    assert_eq!(n["weekdays"], "1,2,3,4,5");
    assert_eq!(n["hours"], "08:00-20:00");
    assert_eq!(n["pinned"], true);
    assert_eq!(n["priority"], 5);
    let text = ok(d, &["notice", "list", "--all"]);
    assert!(text.contains("冬季手套发放"), "{text}");
    assert!(
        text.contains("2026年12月1日 至 2027年2月28日 · 周一至周五 · 08:00–20:00"),
        "{text}"
    );
}

#[test]
fn bad_notice_input_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("not-an-image.png"), b"hello").unwrap();
    let cases: [(&[&str], &str); 8] = [
        (
            &["--from", "2026-12-10", "--until", "2026-12-01"],
            "结束时间必须晚于开始时间",
        ),
        (&["--category", "sports"], "未知的类别"),
        (&["--from", "2026-13-01"], "日期格式不对"),
        (&["--until", "next week"], "日期格式不对"),
        (&["--weekdays", "0-9"], "星期格式不对"),
        (&["--hours", "8-20"], "时段格式不对"),
        (&["--poster", "missing.png"], "读不到海报文件"),
        (&["--poster", "not-an-image.png"], "海报不是可识别的图片"),
    ];
    for (extra, expected) in cases {
        let mut args = vec!["notice", "add", "--title", "测试"];
        args.extend_from_slice(extra);
        let err = fails(d, &args);
        assert!(err.contains(expected), "{extra:?}: {err}");
    }
    let err = fails(d, &["notice", "add", "--title", " "]);
    assert!(err.contains("标题不能为空"), "{err}");
    assert!(notices_json(d).is_empty(), "nothing was added");
    let err = fails(d, &["notice", "remove", "42"]);
    assert!(err.contains("找不到"), "{err}");
}

#[test]
fn a_poster_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/posters/health.png"),
        d.join("poster.png"),
    )
    .unwrap();
    ok(
        d,
        &["notice", "add", "--title", "体检", "--poster", "poster.png"],
    );
    assert_eq!(notices_json(d)[0]["has_poster"], true);
}

#[test]
fn import_is_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let bad = d.join("bad.toml");
    std::fs::write(
        &bad,
        "[[notice]]\ntitle = \"好的\"\n\n[[notice]]\ntitle = \"坏的\"\ncategory = \"nope\"\n",
    )
    .unwrap();
    let err = fails(d, &["notice", "import", bad.to_str().unwrap()]);
    assert!(err.contains("第 2 条通知（坏的）"), "{err}");
    assert!(notices_json(d).is_empty());

    let good = d.join("good.json");
    std::fs::write(
        &good,
        r#"[{"title":"法律咨询日","category":"event","weekdays":"3","hours":"14:00-17:00"},
            {"title":"台风天安全提示","category":"安全提示","priority":8}]"#,
    )
    .unwrap();
    let out = ok(d, &["notice", "import", good.to_str().unwrap()]);
    assert!(out.contains("已导入 2 条通知"), "{out}");
    let list = notices_json(d);
    assert_eq!(list[0]["title"], "台风天安全提示");
    ok(d, &["notice", "remove", "1"]);
    assert_eq!(notices_json(d).len(), 1);

    let err = fails(d, &["notice", "import", "missing.toml"]);
    assert!(err.contains("读不到文件"), "{err}");
}

#[test]
fn amenities_by_key_or_chinese_name() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(
        d,
        &["amenity", "set", "water", "paused", "--note", "更换滤芯"],
    );
    ok(d, &["amenity", "set", "应急药箱", "缺货"]);
    let list: Vec<serde_json::Value> =
        serde_json::from_str(&ok(d, &["amenity", "list", "--json"])).unwrap();
    assert_eq!(list[0]["key"], "water");
    assert_eq!(list[0]["status"], "paused");
    assert_eq!(list[0]["status_zh"], "暂停使用");
    assert_eq!(list[0]["note"], "更换滤芯");
    assert_eq!(list[3]["status"], "out_of_stock");
    let err = fails(d, &["amenity", "set", "sauna", "ok"]);
    assert!(err.contains("没有叫“sauna”的服务设施"), "{err}");
    let err = fails(d, &["amenity", "set", "water", "broken"]);
    assert!(err.contains("未知的状态"), "{err}");
    assert!(ok(d, &["amenity", "list"]).contains("直饮水"));
}

#[test]
fn staff_pin_from_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = run_in(d, &["staff", "set-pin"], Some("12ab\n"));
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("PIN 须为 4–8 位数字"));
    let out = run_in(d, &["staff", "set-pin"], Some("2468\n"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let store = relay_kiosk::store::Store::open(&d.join(relay_kiosk::store::DB_FILE)).unwrap();
    assert!(store.staff_pin_is_set().unwrap());
}

#[test]
fn a_bad_config_names_the_field_and_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("config.toml"), "idle_timeout_secs = \"soon\"\n").unwrap();
    let err = fails(d, &[]);
    assert!(err.contains("idle_timeout_secs"), "{err}");
    assert!(err.contains("config.toml"), "{err}");
}

#[test]
fn bad_window_size_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let err = fails(dir.path(), &["--windowed", "big"]);
    assert!(err.contains("1280x800"), "{err}");
}

#[test]
fn slots_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(
        d,
        &[
            "slot",
            "add",
            "a1",
            "--connector",
            "usb-c",
            "--note",
            "靠窗",
        ],
    );
    ok(d, &["slot", "add", "B1", "--connector", "battery", "--fed"]);
    let err = fails(d, &["slot", "add", "A1", "--connector", "usb-c"]);
    assert!(err.contains("已经有了"), "{err}");
    let err = fails(d, &["slot", "add", "A2", "--connector", "usb-a"]);
    assert!(err.contains("未知的接口"), "{err}");
    let err = fails(d, &["slot", "add", "充电一号", "--connector", "usb-c"]);
    assert!(err.contains("编号"), "{err}");
    ok(
        d,
        &[
            "slot",
            "set",
            "A1",
            "--connector",
            "lightning",
            "--label",
            "A9",
        ],
    );
    ok(d, &["slot", "fault", "A9", "接口松动"]);
    let list: Vec<serde_json::Value> =
        serde_json::from_str(&ok(d, &["slot", "list", "--json"])).unwrap();
    assert_eq!(list[0]["label"], "A9");
    assert_eq!(list[0]["connector"], "lightning");
    assert_eq!(list[0]["state"], "fault");
    assert_eq!(list[0]["fault_note"], "接口松动");
    assert_eq!(list[1]["fed"], true);
    assert_eq!(list[1]["state"], "free");
    ok(d, &["slot", "repair", "A9"]);
    assert!(ok(d, &["slot", "list"]).contains("空闲"));
    ok(d, &["slot", "remove", "A9"]);
    let err = fails(d, &["slot", "remove", "A9"]);
    assert!(err.contains("找不到"), "{err}");
    let err = fails(d, &["slot", "release", "ZZ"]);
    assert!(err.contains("找不到"), "{err}");
}

#[test]
fn the_simulator_drives_the_feed_socket() {
    use relay_kiosk::feed::{FEED_SOCKET, FeedServer};
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["slot", "add", "A1", "--connector", "usb-c"]);
    let err = fails(d, &["slot", "simulate", "--count", "1"]);
    assert!(err.contains("没有接入硬件上报的充电位"), "{err}");
    ok(d, &["slot", "add", "B1", "--connector", "battery", "--fed"]);
    ok(d, &["slot", "add", "B2", "--connector", "battery", "--fed"]);
    let err = fails(d, &["slot", "simulate", "--count", "1"]);
    assert!(err.contains("终端是否在运行"), "{err}");

    let db = d.join(relay_kiosk::store::DB_FILE);
    let _server = FeedServer::start(&d.join(FEED_SOCKET), &db).unwrap();
    let out = ok(
        d,
        &["slot", "simulate", "--count", "2", "--interval-ms", "10"],
    );
    assert_eq!(out.lines().count(), 2, "{out}");
    // Both bays started charging.
    let store = relay_kiosk::store::Store::open(&db).unwrap();
    let start = std::time::Instant::now();
    loop {
        let charging = store
            .slots()
            .unwrap()
            .iter()
            .filter(|s| s.session.is_some())
            .count();
        if charging == 2 {
            break;
        }
        assert!(start.elapsed().as_secs() < 5, "the feed did not arrive");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn a_reader_that_leaves_early_ends_the_list_quietly() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // More than a pipe holds (64 KiB), so the list is still being written when the
    // reader leaves.
    let notices: Vec<_> = (1..=120)
        .map(|i| serde_json::json!({"title": format!("通知 {i}"), "body": "请注意防暑降温。".repeat(60)}))
        .collect();
    std::fs::write(
        d.join("many.json"),
        serde_json::to_string(&notices).unwrap(),
    )
    .unwrap();
    ok(d, &["notice", "import", "many.json"]);
    assert!(ok(d, &["notice", "list", "--json"]).len() > 128 * 1024);

    // `notice list --json | head -c 100`, and a reader that is gone before anything
    // is written.
    for read_first in [100, 0] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_relay-kiosk"))
            .arg("--data-dir")
            .arg(d)
            .args(["notice", "list", "--json"])
            .env("TZ", "Asia/Shanghai")
            .env_remove("RELAY_KIOSK_DATA_DIR")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run relay-kiosk");
        let mut stdout = child.stdout.take().unwrap();
        let mut start = vec![0; read_first];
        stdout.read_exact(&mut start).unwrap();
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "a closed pipe is not a failure ({read_first} bytes read): {:?}",
            out.status
        );
        assert!(
            out.stderr.is_empty(),
            "and says nothing: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
