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
    // Issue 21 item 14: a file name that is not UTF-8 (a stick formatted elsewhere) is
    // still read, not reported as missing.
    use std::os::unix::ffi::OsStrExt;
    let odd = std::ffi::OsStr::from_bytes(b"poster-\xff.png");
    std::fs::copy(d.join("poster.png"), d.join(odd)).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_relay-kiosk"))
        .arg("--data-dir")
        .arg(d)
        .args(["notice", "add", "--title", "体检二", "--poster"])
        .arg(odd)
        .current_dir(d)
        .env_remove("RELAY_KIOSK_DATA_DIR")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(notices_json(d).iter().all(|n| n["has_poster"] == true));
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

/// Issue 21 item 5: escapes, bells and direction overrides never reach a note through the
/// CLI, and what an older store (or `sqlite3`) holds is printed escaped, never raw.
#[test]
fn notes_with_control_characters_are_refused_and_printed_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["slot", "add", "A1", "--connector", "usb-c"]);
    for note in ["\u{1b}[2J", "响铃\u{7}", "\u{202E}货补午下"] {
        let err = fails(d, &["amenity", "set", "water", "paused", "--note", note]);
        assert!(err.contains("备注里有不能显示的字符"), "{err}");
        let err = fails(d, &["slot", "fault", "A1", note]);
        assert!(err.contains("故障说明里有不能显示的字符"), "{err}");
    }
    let err = fails(d, &["slot", "fault", "A1", &"坏".repeat(21)]);
    assert!(err.contains("故障说明太长，最多 20 个字"), "{err}");
    let db = rusqlite::Connection::open(d.join("relay-kiosk.sqlite3")).unwrap();
    db.execute_batch(
        "UPDATE amenity SET note = char(27) || '[2J清屏' WHERE key = 'water';
         UPDATE slot SET note = char(8238) || '窗靠', fault_note = '响铃' || char(7);",
    )
    .unwrap();
    for out in [ok(d, &["amenity", "list"]), ok(d, &["slot", "list"])] {
        assert!(
            !out.chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t')
                && !out.contains('\u{202E}'),
            "{out:?}"
        );
    }
    assert!(ok(d, &["amenity", "list"]).contains("\\u{1b}[2J清屏"));
    let slots = ok(d, &["slot", "list"]);
    assert!(
        slots.contains("\\u{202e}窗靠") && slots.contains("响铃\\u{7}"),
        "{slots}"
    );
}

#[test]
fn staff_pin_from_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = run_in(d, &["staff", "set-pin"], Some("12ab\n"));
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("PIN 须为 6–8 位数字"));
    let out = run_in(d, &["staff", "set-pin"], Some("246813\n"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let store = relay_core::store::Store::open(&d.join(relay_core::store::DB_FILE)).unwrap();
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
    use relay_core::feed::{FEED_SOCKET, FeedServer};
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["slot", "add", "A1", "--connector", "usb-c"]);
    let err = fails(d, &["slot", "simulate", "--count", "1"]);
    assert!(err.contains("没有接入硬件上报的充电位"), "{err}");
    ok(d, &["slot", "add", "B1", "--connector", "battery", "--fed"]);
    ok(d, &["slot", "add", "B2", "--connector", "battery", "--fed"]);
    let err = fails(d, &["slot", "simulate", "--count", "1"]);
    assert!(err.contains("终端是否在运行"), "{err}");

    let db = d.join(relay_core::store::DB_FILE);
    let _server = FeedServer::start(&d.join(FEED_SOCKET), &db).unwrap();
    let out = ok(
        d,
        &["slot", "simulate", "--count", "2", "--interval-ms", "10"],
    );
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // Both bays started charging, and were reported free again on stopping.
    let states: Vec<(&str, &str)> = lines
        .iter()
        .map(|l| (l["slot"].as_str().unwrap(), l["state"].as_str().unwrap()))
        .collect();
    assert_eq!(
        states,
        [
            ("B1", "charging"),
            ("B2", "charging"),
            ("B1", "free"),
            ("B2", "free")
        ],
        "{out}"
    );
    assert!(lines.iter().all(|l| l["sim"] == true), "{out}");
    let slots: Vec<serde_json::Value> =
        serde_json::from_str(&ok(d, &["slot", "list", "--json"])).unwrap();
    assert!(slots.iter().all(|s| s["state"] == "free"), "{slots:?}");
}

/// Simulated slots may be left by a run that was killed; counts straight from the
/// tables, so nothing the store's queries leave out can hide here.
fn counts(db: &Path) -> (i64, i64) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    (
        count("SELECT count(*) FROM charging_session"),
        count("SELECT count(*) FROM slot_fault"),
    )
}

#[test]
fn the_simulator_leaves_a_real_station_as_it_found_it() {
    use relay_core::feed::{FEED_SOCKET, FeedServer};
    use relay_core::store::{DB_FILE, Store};
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for label in ["B1", "B2", "B3"] {
        ok(
            d,
            &["slot", "add", label, "--connector", "battery", "--fed"],
        );
    }
    let db = d.join(DB_FILE);
    let now = chrono::Utc::now();
    let mut store = Store::open(&db).unwrap();
    // Someone charges on B1 through the kiosk; B2 had a session last hour.
    let code = store
        .claim_slot("B1", now, chrono::Duration::hours(3))
        .unwrap();
    let claimed = store.slot("B1").unwrap().session.unwrap();
    store
        .record_session(
            "B2",
            now - chrono::Duration::minutes(90),
            now - chrono::Duration::minutes(50),
        )
        .unwrap();
    let median = store.median_session(now, 1).unwrap();
    assert_eq!(median, Some(chrono::Duration::minutes(40)));
    assert_eq!(counts(&db), (2, 0));

    let _server = FeedServer::start(&d.join(FEED_SOCKET), &db).unwrap();
    let out = ok(
        d,
        &["slot", "simulate", "--count", "9", "--interval-ms", "30"],
    );
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines.len() >= 9, "{out}");
    assert!(
        lines.iter().all(|l| l["slot"] != "B1"),
        "the claimed slot is never driven: {out}"
    );
    let driven = |label: &str| lines.iter().any(|l| l["slot"] == label);
    assert!(driven("B2") && driven("B3"), "{out}");
    assert!(
        lines.iter().any(|l| l["state"] == "fault"),
        "a fault was simulated: {out}"
    );

    // The person's session is untouched and still open, with their code.
    let b1 = store.slot("B1").unwrap().session.unwrap();
    assert_eq!(b1, claimed);
    assert_eq!(b1.code.as_deref(), Some(code.as_str()));
    // Every slot the simulator drove is free again, and no trace of it is left.
    let slots: Vec<serde_json::Value> =
        serde_json::from_str(&ok(d, &["slot", "list", "--json"])).unwrap();
    let state = |label: &str| {
        slots.iter().find(|s| s["label"] == label).unwrap()["state"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(state("B1"), "charging");
    assert_eq!(state("B2"), "free");
    assert_eq!(state("B3"), "free");
    assert_eq!(counts(&db), (2, 0), "no simulated session or fault remains");
    assert!(store.simulated_slots().unwrap().is_empty());
    let now = chrono::Utc::now();
    assert_eq!(store.median_session(now, 1).unwrap(), median);
    assert!(
        store
            .repeated_faults(now - chrono::Duration::days(1), 1)
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store
            .sessions_between(
                now - chrono::Duration::days(1),
                now + chrono::Duration::minutes(1)
            )
            .unwrap()
            .len(),
        2,
        "the person's and last hour's sessions, nothing simulated"
    );
}

#[test]
fn the_simulator_never_ends_a_session_it_did_not_start() {
    use relay_core::feed::{FEED_SOCKET, FeedServer};
    use relay_core::store::{DB_FILE, Store};
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["slot", "add", "B1", "--connector", "battery", "--fed"]);
    let db = d.join(DB_FILE);
    let mut store = Store::open(&db).unwrap();
    store
        .claim_slot("B1", chrono::Utc::now(), chrono::Duration::hours(3))
        .unwrap();
    let claimed = store.slot("B1").unwrap().session;
    let _server = FeedServer::start(&d.join(FEED_SOCKET), &db).unwrap();
    // Nothing is free: it waits, sends nothing, and --duration ends it.
    let out = ok(
        d,
        &["slot", "simulate", "--duration", "1", "--interval-ms", "50"],
    );
    assert_eq!(out, "", "no report on a slot in use");
    assert_eq!(store.slot("B1").unwrap().session, claimed);
    assert_eq!(counts(&db), (1, 0));
    // Issue 21 item 14: `--count 5` with nothing free says so and gives up (after 20
    // intervals), rather than hanging in silence.
    let started = std::time::Instant::now();
    let err = fails(
        d,
        &["slot", "simulate", "--count", "5", "--interval-ms", "20"],
    );
    assert!(err.contains("没有空闲的上报充电位"), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    assert_eq!(store.slot("B1").unwrap().session, claimed);
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

fn wishes_json(dir: &Path, extra: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec!["wish", "list", "--json"];
    args.extend_from_slice(extra);
    serde_json::from_str(&ok(dir, &args)).unwrap()
}

/// Whether `text` holds a run of 11 digits (a whole phone number).
fn has_whole_phone(text: &str) -> bool {
    let mut run = 0;
    for c in text.chars() {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        if run >= 11 {
            return true;
        }
    }
    false
}

fn audit_actions(dir: &Path) -> Vec<String> {
    let store = relay_core::store::Store::open(&dir.join(relay_core::store::DB_FILE)).unwrap();
    store
        .audit_log(1000)
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect()
}

#[test]
fn a_wish_from_paper_to_fulfilled_and_exported() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let added: serde_json::Value = serde_json::from_str(&ok(
        d,
        &[
            "wish",
            "add",
            "--text",
            "电动车雨披破了，想换一件",
            "--kind",
            "工作装备",
            "--surname",
            "李",
            "--occupation",
            "courier",
            "--phone",
            "138-1234-5678",
            "--json",
        ],
    ))
    .unwrap();
    let id = added["id"].as_i64().unwrap();
    let number = added["number"].as_str().unwrap().to_string();
    assert_eq!(number.len(), 6, "{added}");
    assert_eq!(added["state"], "pending");
    assert_eq!(added["phone_masked"], "138****5678");
    assert!(!has_whole_phone(&added.to_string()), "{added}");

    let list = wishes_json(d, &[]);
    assert_eq!(list.len(), 1);
    let w = &list[0];
    assert_eq!(w["id"], id);
    assert_eq!(w["number"], number.as_str());
    assert_eq!(w["kind"], "work");
    assert_eq!(w["kind_zh"], "工作装备");
    assert_eq!(w["text"], "电动车雨披破了，想换一件");
    assert_eq!(w["person"], "快递员 李师傅");
    assert_eq!(w["state"], "pending");
    assert_eq!(w["state_zh"], "待审核");
    assert!(w["created_at"].as_str().unwrap().ends_with("+08:00"), "{w}");
    assert_eq!(wishes_json(d, &["--state", "待审核"]).len(), 1);
    assert_eq!(wishes_json(d, &["--state", "open"]).len(), 0);

    let idt = id.to_string();
    ok(
        d,
        &["wish", "approve", &idt, "--text", "雨披破了，想换一件"],
    );
    // By wish number, any case.
    let out = ok(
        d,
        &[
            "wish",
            "claim",
            &number.to_lowercase(),
            "--name",
            "党员志愿者小陈",
            "--phone",
            "13912345678",
        ],
    );
    assert!(out.contains("党员志愿者小陈"), "{out}");
    let claimed_again = fails(
        d,
        &[
            "wish",
            "claim",
            &idt,
            "--anonymous",
            "--phone",
            "13700001111",
        ],
    );
    assert!(
        claimed_again.contains("这个心愿现在是已认领，不能再认领"),
        "{claimed_again}"
    );
    ok(
        d,
        &[
            "wish",
            "fulfil",
            &idt,
            "--thanks",
            "谢谢好心人，雨披很合身！",
        ],
    );
    let shown: serde_json::Value =
        serde_json::from_str(&ok(d, &["wish", "show", &idt, "--json"])).unwrap();
    assert_eq!(shown["state"], "fulfilled");
    assert_eq!(shown["text"], "雨披破了，想换一件");
    assert_eq!(shown["donor"], "党员志愿者小陈");
    assert_eq!(shown["donor_phone_masked"], "139****5678");
    assert_eq!(shown["thanks"], "谢谢好心人，雨披很合身！");
    let text = ok(d, &["wish", "show", &number]);
    assert!(
        text.contains("138****5678") && !has_whole_phone(&text),
        "{text}"
    );
    let text = ok(d, &["wish", "list"]);
    assert!(text.contains("已实现") && !has_whole_phone(&text), "{text}");

    // Export without phones: masked only.
    ok(d, &["wish", "export", "--csv", "plain.csv"]);
    let plain = std::fs::read(d.join("plain.csv")).unwrap();
    assert!(plain.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with BOM");
    let plain = String::from_utf8(plain).unwrap();
    assert!(
        plain.contains("心愿编号") && plain.contains(&number),
        "{plain}"
    );
    assert!(plain.contains("138****5678"), "{plain}");
    assert!(!has_whole_phone(&plain), "{plain}");
    assert!(!audit_actions(d).contains(&"wish.export_phones".to_string()));

    // With phones: whole numbers, and on record.
    ok(d, &["wish", "export", "--csv", "full.csv", "--with-phones"]);
    let full = std::fs::read_to_string(d.join("full.csv")).unwrap();
    assert!(
        full.contains("13812345678") && full.contains("13912345678"),
        "{full}"
    );
    assert_eq!(full.lines().count(), 2);
    let actions = audit_actions(d);
    assert_eq!(actions[0], "wish.export_phones", "{actions:?}");
    for expected in ["wish.add", "wish.approve", "wish.claim", "wish.fulfil"] {
        assert!(actions.contains(&expected.to_string()), "{actions:?}");
    }

    // Issue 21 items 12 and 14: an existing 0644 file is tightened before whole numbers
    // go into it, and a FIFO (or anything but a regular file) is refused, not waited on.
    use std::os::unix::fs::PermissionsExt;
    let old = d.join("old.csv");
    std::fs::write(&old, "").unwrap();
    std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o644)).unwrap();
    ok(d, &["wish", "export", "--csv", "old.csv", "--with-phones"]);
    let mode = std::fs::metadata(&old).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "{mode:o}");
    let fifo = d.join("pipe.csv");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let err = fails(d, &["wish", "export", "--csv", "pipe.csv"]);
    assert!(err.contains("不是普通文件"), "{err}");
}

#[test]
fn bad_wish_input_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Phone, kind, surname; expected message.
    let cases = [
        ("12812345678", "work", "王", "手机号应为 11 位数字"),
        ("1381234567", "work", "王", "手机号应为 11 位数字"),
        ("1381234567x", "work", "王", "手机号应为 11 位数字"),
        ("13812345678", "work", "王5", "姓氏"),
        ("13812345678", "car", "王", "未知的心愿类别"),
    ];
    for (phone, kind, surname, expected) in cases {
        let args = [
            "wish",
            "add",
            "--text",
            "想要一副防寒手套",
            "--occupation",
            "rider",
            "--phone",
            phone,
            "--kind",
            kind,
            "--surname",
            surname,
        ];
        let err = fails(d, &args);
        assert!(err.contains(expected), "{args:?}: {err}");
    }
    assert!(wishes_json(d, &[]).is_empty());
    let err = fails(d, &["wish", "approve", "42"]);
    assert!(err.contains("找不到"), "{err}");
    let err = fails(d, &["wish", "list", "--state", "done"]);
    assert!(err.contains("未知的心愿状态"), "{err}");
    // A claim needs a name or --anonymous.
    let out = run_in(d, &["wish", "claim", "1", "--phone", "13812345678"], None);
    assert!(!out.status.success());
}

#[test]
fn suggestions_reply_and_publish() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(
        d,
        &[
            "suggestion",
            "add",
            "--text",
            "晚上门口灯太暗",
            "--kind",
            "安全",
            "--phone",
            "13812345678",
        ],
    );
    let err = fails(d, &["suggestion", "publish", "1"]);
    assert!(err.contains("先回复才能发布"), "{err}");
    ok(d, &["suggestion", "reply", "1", "已报修更换"]);
    ok(d, &["suggestion", "publish", "1"]);
    let list: Vec<serde_json::Value> =
        serde_json::from_str(&ok(d, &["suggestion", "list", "--json"])).unwrap();
    assert_eq!(list.len(), 1);
    let s = &list[0];
    assert_eq!(s["kind"], "safety");
    assert_eq!(s["text"], "晚上门口灯太暗");
    assert_eq!(s["reply"], "已报修更换");
    assert_eq!(s["published"], true);
    assert_eq!(s["phone_masked"], "138****5678");
    ok(d, &["suggestion", "publish", "1", "--off"]);
    let list: Vec<serde_json::Value> =
        serde_json::from_str(&ok(d, &["suggestion", "list", "--json"])).unwrap();
    assert_eq!(list[0]["published"], false);
    let text = ok(d, &["suggestion", "list"]);
    assert!(
        text.contains("已报修更换") && !has_whole_phone(&text),
        "{text}"
    );
}

/// `doctor --json` with no graphical session, as over SSH; returns the exit status and
/// the checks by key.
fn doctor(dir: &Path) -> (bool, std::collections::HashMap<String, serde_json::Value>) {
    let out = Command::new(env!("CARGO_BIN_EXE_relay-kiosk"))
        .arg("--data-dir")
        .arg(dir)
        .args(["doctor", "--json"])
        .env("TZ", "Asia/Shanghai")
        .env_remove("RELAY_KIOSK_DATA_DIR")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("DISPLAY")
        .output()
        .unwrap();
    let checks: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let by_key = checks
        .into_iter()
        .map(|c| (c["check"].as_str().unwrap().to_string(), c))
        .collect();
    (out.status.success(), by_key)
}

fn doctor_ok(checks: &std::collections::HashMap<String, serde_json::Value>, key: &str) -> bool {
    checks[key]["ok"].as_bool().unwrap()
}

#[test]
fn doctor_passes_a_good_station_and_names_what_is_wrong() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o700)).unwrap();

    // A store without a PIN: ✗ with the command that sets one.
    ok(d, &["amenity", "list"]);
    let (success, checks) = doctor(d);
    assert!(!success);
    assert!(doctor_ok(&checks, "data_dir") && doctor_ok(&checks, "store"));
    assert!(!doctor_ok(&checks, "staff_pin"));
    assert!(
        checks["staff_pin"]["detail"]
            .as_str()
            .unwrap()
            .contains("staff set-pin")
    );
    // Not a graphical session: information, not a failure.
    assert_eq!(checks["display"]["status"], "info");
    assert_eq!(checks["display"]["ok"], true);

    // With a PIN, every check passes (free disk and the clock permitting).
    run_in(d, &["staff", "set-pin"], Some("246813\n"));
    let (success, checks) = doctor(d);
    for key in [
        "data_dir",
        "store",
        "staff_pin",
        "timezone",
        "fonts",
        "feed",
    ] {
        assert!(doctor_ok(&checks, key), "{key}: {}", checks[key]);
    }
    assert_eq!(success, checks.values().all(|c| c["ok"] == true));

    // The plain text says ✓ per line.
    let text = run_in(d, &["doctor"], None);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("✓ 数据库 (store)"), "{text}");

    // Readable by others: ✗.
    std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755)).unwrap();
    let (success, checks) = doctor(d);
    assert!(!success);
    assert!(!doctor_ok(&checks, "data_dir"));
    std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o700)).unwrap();

    // A damaged store: ✗, and the PIN cannot be checked.
    for f in ["relay-kiosk.sqlite3-wal", "relay-kiosk.sqlite3-shm"] {
        let _ = std::fs::remove_file(d.join(f));
    }
    std::fs::write(
        d.join("relay-kiosk.sqlite3"),
        b"not a database, just garbage".repeat(300),
    )
    .unwrap();
    let (success, checks) = doctor(d);
    assert!(!success);
    assert!(!doctor_ok(&checks, "store"));
    assert!(!doctor_ok(&checks, "staff_pin"));
}

#[test]
fn doctor_does_not_create_a_missing_data_directory() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("station");
    let (success, checks) = doctor(&missing);
    assert!(!success);
    assert!(!doctor_ok(&checks, "data_dir"));
    assert!(!missing.exists());
}

#[test]
fn the_packaged_config_example_is_what_the_first_start_writes() {
    let dir = tempfile::tempdir().unwrap();
    // `slot` commands read the configuration, and write the template when there is none.
    ok(dir.path(), &["slot", "list"]);
    let written = std::fs::read_to_string(dir.path().join("config.toml")).unwrap();
    let example = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("packaging/config.toml.example"),
    )
    .unwrap();
    assert!(
        example.ends_with(&written),
        "update packaging/config.toml.example"
    );
}

#[test]
fn the_next_simulator_run_frees_what_an_interrupted_one_left() {
    use relay_core::feed::{FEED_SOCKET, FeedServer};
    use relay_core::store::{DB_FILE, FeedState, Store};
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["slot", "add", "B1", "--connector", "battery", "--fed"]);
    ok(d, &["slot", "add", "B2", "--connector", "battery", "--fed"]);
    let db = d.join(DB_FILE);
    let mut store = Store::open(&db).unwrap();
    // A run killed with Ctrl-C left B1 charging and B2 faulty.
    let now = chrono::Utc::now();
    for (label, state) in [
        ("B1", FeedState::Charging),
        ("B2", FeedState::Charging),
        ("B2", FeedState::Fault),
    ] {
        store.apply_report(label, state, "", now, true).unwrap();
    }
    assert_eq!(store.simulated_slots().unwrap(), ["B1", "B2"]);
    let _server = FeedServer::start(&d.join(FEED_SOCKET), &db).unwrap();
    let out = ok(d, &["slot", "simulate", "--count", "0"]);
    assert_eq!(out.lines().count(), 2, "two free reports: {out}");
    assert!(store.simulated_slots().unwrap().is_empty());
    assert_eq!(counts(&db), (0, 0));
    let slots: Vec<serde_json::Value> =
        serde_json::from_str(&ok(d, &["slot", "list", "--json"])).unwrap();
    assert!(slots.iter().all(|s| s["state"] == "free"), "{slots:?}");
}

#[test]
fn files_that_are_not_small_regular_files_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let started = std::time::Instant::now();
    let e = fails(
        d,
        &["notice", "add", "--title", "x", "--poster", "/dev/zero"],
    );
    assert!(e.contains("不是普通文件"), "{e}");
    let e = fails(
        d,
        &[
            "notice",
            "add",
            "--title",
            "x",
            "--poster",
            d.to_str().unwrap(),
        ],
    );
    assert!(e.contains("不是普通文件"), "{e}");
    // A FIFO would hang a plain read: refused without opening it.
    let fifo = d.join("poster.png");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let e = fails(
            d,
            &[
                "notice",
                "add",
                "--title",
                "x",
                "--poster",
                fifo.to_str().unwrap(),
            ],
        );
        assert!(e.contains("不是普通文件"), "{e}");
    }
    // An import file over 5 MB.
    let big = d.join("notices.toml");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(6 * 1024 * 1024)
        .unwrap();
    let e = fails(d, &["notice", "import", big.to_str().unwrap()]);
    assert!(e.contains("最多 5 MB"), "{e}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "each in milliseconds, not until memory runs out"
    );
    assert!(notices_json(d).is_empty(), "nothing was added");
}

// ---- Reading corner (阅读角): `book …` -------------------------------------------

fn books_json(dir: &Path) -> Vec<serde_json::Value> {
    serde_json::from_str(&ok(dir, &["book", "list", "--json"])).unwrap()
}

/// A new store starts with a reading corner's categories (migration V10).
fn with_book_categories(dir: &Path) {
    let list = ok(dir, &["book", "category", "list"]);
    for name in ["文学小说", "交通安全", "生活技能"] {
        assert!(list.contains(name), "{list}");
    }
}

#[test]
fn books_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    with_book_categories(d);
    let out = ok(
        d,
        &[
            "book",
            "add",
            "--title",
            "红楼梦",
            "--author",
            "曹雪芹",
            "--isbn",
            "7-02-000220-X",
            "--category",
            "文学小说",
            "--shelf",
            "D 架第 1 层",
            "--copies",
            "2",
            "--year",
            "1996",
        ],
    );
    assert!(out.contains("已添加图书 #1 《红楼梦》"), "{out}");
    ok(
        d,
        &["book", "add", "--title", "红楼梦魇", "--author", "张爱玲"],
    );
    ok(
        d,
        &[
            "book",
            "add",
            "--title",
            "梦里花落知多少",
            "--author",
            "三毛",
        ],
    );
    let list = books_json(d);
    assert_eq!(list.len(), 3);
    assert_eq!(list[0]["isbn"], "9787020002207");
    assert_eq!(list[0]["category"], "文学小说");
    assert_eq!(list[1]["category"], "未分类");
    // show by ISBN, set keeps what is not given.
    let shown = ok(d, &["book", "show", "9787020002207"]);
    assert!(
        shown.contains("D 架第 1 层") && shown.contains("在架 2/2 本"),
        "{shown}"
    );
    ok(d, &["book", "set", "1", "--copies", "3"]);
    let one: Vec<serde_json::Value> =
        serde_json::from_str(&ok(d, &["book", "show", "1", "--json"])).unwrap();
    assert_eq!(
        (one[0]["copies"].as_u64(), one[0]["author"].as_str()),
        (Some(3), Some("曹雪芹"))
    );
    // Search prints the kiosk's order: exact title, prefix, the rest.
    let found = ok(d, &["book", "search", "hlm"]);
    assert!(found.starts_with("#1\t《红楼梦》"), "{found}");
    let found: Vec<serde_json::Value> =
        serde_json::from_str(&ok(d, &["book", "search", "梦", "--json"])).unwrap();
    let ids: Vec<i64> = found.iter().map(|b| b["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [3, 1, 2]);
    assert!(ok(d, &["book", "search", "没有"]).contains("没有找到"));
    // Bad input: clear sentences, non-zero exit, nothing changed.
    let err = fails(
        d,
        &["book", "add", "--title", "坏书", "--isbn", "9787020002208"],
    );
    assert!(err.contains("校验位"), "{err}");
    let err = fails(d, &["book", "add", "--title", "坏书", "--category", "菜谱"]);
    assert!(err.contains("分类"), "{err}");
    let err = fails(d, &["book", "add", "--author", "无名"]);
    assert!(err.contains("书名"), "{err}");
    assert!(fails(d, &["book", "show", "99"]).contains("找不到"));
    assert_eq!(books_json(d).len(), 3);
    ok(d, &["book", "remove", "2"]);
    assert_eq!(books_json(d).len(), 2);
    let actions = audit_actions(d);
    assert!(actions.iter().any(|a| a == "book.add"), "{actions:?}");
}

fn import(dir: &Path, name: &str, bytes: &[u8], extra: &[&str]) -> Output {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let mut args = vec!["book", "import", path.to_str().unwrap()];
    args.extend_from_slice(extra);
    run_in(dir, &args, None)
}

const CSV: &str = "书名,作者,ISBN,分类,位置,数量\n\
    红楼梦,曹雪芹,9787020002207,文学小说,D 架第 1 层,2\n\
    交通安全知识读本,本书编写组,,交通安全,B 架第 3 层,3\n\
    骆驼祥子,老舍,,文学小说,D 架第 3 层,\n";

#[test]
fn import_a_gbk_csv_as_excel_saves_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    with_book_categories(d);
    let (gbk, _, _) = encoding_rs::GBK.encode(CSV);
    // A dry run writes nothing.
    let out = import(d, "books.csv", &gbk, &["--dry-run"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("预览") && text.contains("GB18030"), "{text}");
    assert!(books_json(d).is_empty());
    let out = import(d, "books.csv", &gbk, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list = books_json(d);
    assert_eq!(list.len(), 3);
    assert_eq!(list[0]["title"], "红楼梦");
    assert_eq!(list[1]["shelf"], "B 架第 3 层");
    assert_eq!(list[2]["copies"], 1);
    // The same file again: the ISBN's book gets more copies, the others are new.
    let out = import(d, "books.csv", &gbk, &["--json"]);
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (summary[0]["added"].as_u64(), summary[0]["merged"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(books_json(d)[0]["copies"], 4);
    assert_eq!(ok(d, &["book", "search", "jtaq"]).lines().count(), 2);
}

#[test]
fn import_utf8_with_bom_utf16_and_big5() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    with_book_categories(d);
    let bom = [b"\xEF\xBB\xBF".as_slice(), CSV.as_bytes()].concat();
    assert!(import(d, "bom.csv", &bom, &[]).status.success());
    assert_eq!(
        books_json(d)[0]["title"],
        "红楼梦",
        "no BOM in the first header"
    );
    // UTF-16 (Excel's "Unicode text"), told by its byte-order mark, tab-separated.
    let tsv = "书名\t作者\t数量\n平凡的世界\t路遥\t2\n";
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(tsv.encode_utf16().flat_map(u16::to_le_bytes));
    let out = import(d, "unicode.txt", &utf16, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Big5 (traditional characters), detected from the bytes.
    let big5_text =
        "書名,作者,數量\n紅樓夢,曹雪芹,1\n駱駝祥子,老舍,1\n圍城,錢鍾書,1\n邊城,沈從文,1\n";
    let (big5, _, _) = encoding_rs::BIG5.encode(big5_text);
    let out = import(d, "big5.csv", &big5, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Big5"));
    let titles: Vec<String> = books_json(d)
        .iter()
        .map(|b| b["title"].as_str().unwrap().to_string())
        .collect();
    assert!(titles.contains(&"平凡的世界".to_string()), "{titles:?}");
    assert!(titles.contains(&"駱駝祥子".to_string()), "{titles:?}");
}

#[test]
fn import_an_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    with_book_categories(d);
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/books.xlsx");
    let out = ok(d, &["book", "import", fixture.to_str().unwrap()]);
    assert!(out.contains("XLSX") && out.contains("新书 3 种"), "{out}");
    let list = books_json(d);
    assert_eq!(list[0]["title"], "活着");
    assert_eq!(list[0]["isbn"], "9787506365437", "a numeric ISBN cell");
    assert_eq!(list[0]["year"], 2012);
    assert_eq!(list[1]["copies"], 3);
    assert!(ok(d, &["book", "search", "python"]).contains("Python编程"));
}

#[test]
fn an_import_with_bad_rows_imports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    with_book_categories(d);
    let bad = "书名,作者,ISBN,分类,数量\n\
        好书,某人,,文学小说,1\n\
        坏书一,某人,9787020002208,文学小说,1\n\
        坏书二,某人,,菜谱,1\n\
        坏书三,某人,,文学小说,三本\n";
    let out = import(d, "bad.csv", bad.as_bytes(), &[]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("没有导入"), "{err}");
    assert!(err.contains("第 5 行") && err.contains("数量"), "{err}");
    // Rows that parse are then checked by the store, all of them, with row numbers.
    let bad = "书名,作者,ISBN,分类,数量\n好书,某人,,文学小说,1\n坏书一,某人,9787020002208,文学小说,1\n坏书二,某人,,菜谱,1\n";
    let err = String::from_utf8(import(d, "bad2.csv", bad.as_bytes(), &[]).stderr).unwrap();
    assert!(err.contains("第 3 行") && err.contains("校验位"), "{err}");
    assert!(err.contains("第 4 行") && err.contains("菜谱"), "{err}");
    assert!(books_json(d).is_empty(), "nothing imported");
    let err = String::from_utf8(import(d, "none.csv", b"author\nx\n", &[]).stderr).unwrap();
    assert!(err.contains("书名"), "{err}");
    assert!(fails(d, &["book", "import", "/dev/zero"]).contains("不是普通文件"));
}

#[test]
fn covers_are_stored_and_bad_files_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(
        d,
        &["book", "add", "--title", "活着", "--isbn", "9787506365437"],
    );
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/posters/health.png"),
        d.join("cover.png"),
    )
    .unwrap();
    let out = ok(d, &["book", "cover", "9787506365437", "cover.png"]);
    assert!(out.contains("已设置《活着》的封面"), "{out}");
    let cover = books_json(d)[0]["cover"].as_str().unwrap().to_string();
    assert!(
        cover.contains("/covers/") && Path::new(&cover).exists(),
        "{cover}"
    );
    std::fs::write(d.join("fake.png"), b"<html>not a picture</html>").unwrap();
    let err = fails(d, &["book", "cover", "1", "fake.png"]);
    assert!(err.contains("不是可识别的图片"), "{err}");
    assert!(fails(d, &["book", "cover", "1", "/dev/zero"]).contains("不是普通文件"));
    assert!(fails(d, &["book", "cover", "1", "missing.png"]).contains("读不到"));
    assert_eq!(
        books_json(d)[0]["cover"].as_str().unwrap(),
        cover,
        "the cover stays"
    );
}
#[test]
fn times_outside_2000_to_2099_are_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for from in ["+10000-01-01", "0000-01-01", "1999-12-31"] {
        let err = fails(d, &["notice", "add", "--title", "x", "--from", from]);
        assert!(err.contains("2000"), "{from}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    let err = fails(
        d,
        &["notice", "add", "--title", "x", "--until", "2100-01-01"],
    );
    assert!(err.contains("2000"), "{err}");
    // The import file goes through the same check.
    std::fs::write(
        d.join("bad.toml"),
        "[[notice]]\ntitle = \"x\"\nfrom = \"+10000-01-01\"\n",
    )
    .unwrap();
    let err = fails(d, &["notice", "import", "bad.toml"]);
    assert!(err.contains("2000"), "{err}");
    assert!(notices_json(d).is_empty(), "nothing was stored");
}

#[test]
fn rows_with_unreadable_times_written_by_hand_leave_the_lists_working() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["slot", "add", "A1", "--connector", "usb-c"]);
    ok(d, &["slot", "add", "B2", "--connector", "battery", "--fed"]);
    ok(d, &["notice", "add", "--title", "好的通知"]);
    ok(d, &["notice", "add", "--title", "坏的通知"]);
    let conn = rusqlite::Connection::open(d.join("relay-kiosk.sqlite3")).unwrap();
    conn.execute_batch(
        "UPDATE slot SET feed_state = 'charging', feed_at = '-0001-12-31T23:00:00Z'
           WHERE label = 'B2';
         UPDATE notice SET starts_at = '+10000-01-01T00:00:00Z' WHERE title = '坏的通知';",
    )
    .unwrap();
    drop(conn);
    let slots = ok(d, &["slot", "list"]);
    assert!(slots.contains("A1"), "{slots}");
    let notices = notices_json(d);
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(notices[0]["title"], "好的通知");
    let out = run_in(d, &["notice", "list", "--all"], None);
    assert!(out.status.success());
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(log.contains("skipped"), "the skipped row is logged: {log}");
    assert!(
        !log.contains('\u{1b}'),
        "no colours when stderr is no terminal: {log}"
    );
}

#[test]
fn emoji_are_refused_and_notice_list_never_writes_escapes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let err = fails(d, &["notice", "add", "--title", "天热了😀注意防暑"]);
    assert!(err.contains("表情符号"), "{err}");
    let err = fails(
        d,
        &["notice", "add", "--title", "防暑", "--body", "多喝水💧"],
    );
    assert!(err.contains("表情符号"), "{err}");
    // A title with a terminal escape written straight into the store (an old version
    // or by hand) is shown escaped, never sent to the terminal.
    ok(d, &["notice", "add", "--title", "通知"]);
    let conn = rusqlite::Connection::open(d.join("relay-kiosk.sqlite3")).unwrap();
    conn.execute(
        "UPDATE notice SET title = ?1",
        ["\u{1b}[2J\u{1b}]0;owned\u{7}标题\u{202E}"],
    )
    .unwrap();
    drop(conn);
    let out = ok(d, &["notice", "list", "--all"]);
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(!out.contains('\u{202E}'), "{out:?}");
    assert!(out.contains("\\u{1b}[2J") && out.contains("标题"), "{out}");
}

#[test]
fn the_station_is_named_from_the_cli_as_from_its_screen() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let shown = ok(d, &["station", "show"]);
    assert!(
        shown.contains("站名：户外职工爱心接力站（来自 config.toml"),
        "{shown}"
    );
    assert!(shown.contains("介绍：（默认）"), "{shown}");
    let set = ok(
        d,
        &[
            "station",
            "set",
            "石门二路接力站",
            "--line",
            "早 7 点到晚 9 点",
        ],
    );
    assert!(
        set.contains("已保存站名：石门二路接力站（早 7 点到晚 9 点）"),
        "{set}"
    );
    let shown = ok(d, &["station", "show"]);
    assert!(shown.contains("站名：石门二路接力站\n"), "{shown}");
    assert!(shown.contains("介绍：早 7 点到晚 9 点"), "{shown}");
    let err = fails(d, &["station", "set", "  "]);
    assert!(err.contains("站名不能为空"), "{err}");
    let err = fails(d, &["station", "set", &"站".repeat(21)]);
    assert!(err.contains("站名太长，最多 20 个字"), "{err}");
    assert!(
        ok(d, &["station", "show"]).contains("石门二路接力站"),
        "unchanged"
    );
}

#[test]
fn an_import_naming_new_categories_needs_the_flag_and_then_makes_them() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let csv = "书名,作者,ISBN,分类,位置,数量\n\
        家常菜谱,佚名,,菜谱,F 架第 1 层,1\n\
        阳台种菜,佚名,,园艺,F 架第 2 层,1\n\
        骆驼祥子,老舍,,文学小说,D 架第 3 层,1\n\
        川菜,佚名,,菜谱,F 架第 1 层,1\n";
    let out = import(d, "new.csv", csv.as_bytes(), &[]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("还没有这些分类：菜谱、园艺"), "{err}");
    assert!(
        err.contains("--create-categories"),
        "the error names the flag: {err}"
    );
    assert!(books_json(d).is_empty(), "nothing imported");
    // A dry run says what it would make, and makes nothing.
    let out = import(
        d,
        "new.csv",
        csv.as_bytes(),
        &["--create-categories", "--dry-run"],
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("将新建分类：菜谱、园艺"), "{said}");
    assert!(!ok(d, &["book", "category", "list"]).contains("菜谱"));
    let out = import(d, "new.csv", csv.as_bytes(), &["--create-categories"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("新建了分类：菜谱、园艺"), "{said}");
    let list = ok(d, &["book", "category", "list"]);
    assert!(list.contains("菜谱\t2 种书"), "{list}");
    assert!(list.contains("园艺\t1 种书"), "{list}");
    // A category in use cannot be removed; an unused one can, and one can be renamed.
    let id_of = |name: &str| {
        list.lines()
            .find(|l| l.split('\t').nth(1) == Some(name))
            .and_then(|l| l.split('\t').next())
            .unwrap()
            .to_string()
    };
    let err = fails(d, &["book", "category", "remove", &id_of("菜谱")]);
    assert!(err.contains("还有 2 种书"), "{err}");
    assert!(ok(d, &["book", "category", "remove", &id_of("期刊杂志")]).contains("已删除分类"));
    ok(
        d,
        &["book", "category", "rename", &id_of("园艺"), "园艺种植"],
    );
    let list = ok(d, &["book", "category", "list"]);
    assert!(
        list.contains("园艺种植\t1 种书") && !list.contains("期刊杂志"),
        "{list}"
    );
}

#[test]
fn a_numbered_run_of_slots_in_one_step() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let out = ok(
        d,
        &["slot", "add", "A1", "--connector", "usb-c", "--count", "8"],
    );
    assert!(out.contains("已添加充电位 A1–A8，共 8 个"), "{out}");
    let out = ok(
        d,
        &[
            "slot",
            "add",
            "B1",
            "--connector",
            "battery",
            "--count",
            "2",
        ],
    );
    assert!(out.contains("B1–B2"), "{out}");
    let err = fails(
        d,
        &["slot", "add", "A8", "--connector", "usb-c", "--count", "2"],
    );
    assert!(err.contains("A8 已经有了，这一组都没有添加"), "{err}");
    let list: Vec<serde_json::Value> =
        serde_json::from_str(&ok(d, &["slot", "list", "--json"])).unwrap();
    assert_eq!(list.len(), 10, "A9 was not added");
}

/// `relay-kiosk report` on the demo's history: the text, the JSON and the CSV say the
/// same headline numbers, and the PDF is written.
#[test]
fn the_monthly_report_agrees_in_every_form() {
    use chrono::TimeZone;
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store =
            relay_core::store::Store::open(&dir.path().join(relay_core::store::DB_FILE)).unwrap();
        let now = chrono::FixedOffset::east_opt(8 * 3600)
            .unwrap()
            .with_ymd_and_hms(2026, 12, 7, 9, 0, 0)
            .unwrap();
        relay_core::demo::load(&mut store, &now).unwrap();
    }
    let month = ["report", "--month", "2026-11"];
    let text = ok(dir.path(), &month);
    let json: serde_json::Value =
        serde_json::from_str(&ok(dir.path(), &[&month[..], &["--json"]].concat())).unwrap();
    let headline = &json["headline"];
    let visits = headline["visits"].as_i64().unwrap();
    let sessions = headline["charging_sessions"].as_i64().unwrap();
    assert!(visits > 600 && sessions > 200, "{headline}");
    assert!(text.contains("万里街道户外职工爱心接力站"), "{text}");
    assert!(text.contains(&format!("共 {visits} 人次")), "{text}");
    assert!(text.contains(&format!("开始充电：{sessions} 次")), "{text}");
    assert!(json["year_before"]["headline"]["visits"].as_i64().unwrap() > 0);
    let csv_dir = dir.path().join("报告");
    let pdf = dir.path().join("2026-11.pdf");
    ok(
        dir.path(),
        &[
            &month[..],
            &[
                "--csv",
                csv_dir.to_str().unwrap(),
                "--pdf",
                pdf.to_str().unwrap(),
            ],
        ]
        .concat(),
    );
    let overview = std::fs::read_to_string(csv_dir.join("概况.csv")).unwrap();
    assert!(overview.starts_with('\u{feff}'));
    let visits_row = overview.lines().nth(1).unwrap();
    assert!(visits_row.contains(&format!(",{visits},")), "{overview}");
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF") && bytes.len() < 1_000_000);
    let bad = fails(dir.path(), &["report", "--month", "2026-13"]);
    assert!(!bad.is_empty());
}
