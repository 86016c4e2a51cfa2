//! Tests of `notice.rs` on temporary stores.
use super::*;
use crate::store::testing::temp_store;
use chrono::Duration;
use chrono::FixedOffset;

fn shanghai(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(8 * 3600)
        .unwrap()
        .with_ymd_and_hms(y, mo, d, h, mi, 0)
        .unwrap()
}

fn utc(t: DateTime<FixedOffset>) -> DateTime<Utc> {
    t.with_timezone(&Utc)
}

fn notice(title: &str, schedule: Schedule) -> NewNotice {
    NewNotice {
        title: title.into(),
        body: "正文".into(),
        category: Category::Service,
        schedule,
        pinned: false,
        priority: 0,
        poster: None,
    }
}

#[test]
fn dates_are_start_inclusive_end_exclusive() {
    let s = Schedule {
        starts_at: utc(shanghai(2026, 12, 1, 0, 0)),
        ends_at: Some(utc(shanghai(2026, 12, 8, 0, 0))),
        weekdays: Weekdays::EVERY_DAY,
        window: None,
    };
    assert_eq!(
        s.state(&shanghai(2026, 11, 30, 23, 59)),
        NoticeState::Scheduled
    );
    assert_eq!(s.state(&shanghai(2026, 12, 1, 0, 0)), NoticeState::InForce);
    assert_eq!(
        s.state(&shanghai(2026, 12, 7, 23, 59)),
        NoticeState::InForce
    );
    assert_eq!(s.state(&shanghai(2026, 12, 8, 0, 0)), NoticeState::Expired);
}

#[test]
fn weekdays_and_day_window() {
    let s = Schedule {
        starts_at: utc(shanghai(2026, 1, 1, 0, 0)),
        ends_at: None,
        weekdays: Weekdays::parse("1-5").unwrap(),
        window: Some(TimeWindow::parse("08:00-20:00").unwrap()),
    };
    // 2026-11-27 is a Friday, 11-28 a Saturday.
    assert!(!s.is_in_force(&shanghai(2026, 11, 27, 7, 59)));
    assert!(s.is_in_force(&shanghai(2026, 11, 27, 8, 0)));
    assert!(s.is_in_force(&shanghai(2026, 11, 27, 19, 59)));
    assert_eq!(
        s.state(&shanghai(2026, 11, 27, 20, 0)),
        NoticeState::OffHours
    );
    assert!(!s.is_in_force(&shanghai(2026, 11, 28, 12, 0)));
}

#[test]
fn overnight_window_belongs_to_the_day_it_starts() {
    let s = Schedule {
        starts_at: utc(shanghai(2026, 1, 1, 0, 0)),
        ends_at: None,
        weekdays: Weekdays::parse("1-5").unwrap(),
        window: Some(TimeWindow::parse("22:00-06:00").unwrap()),
    };
    // Friday night runs into Saturday morning.
    assert!(s.is_in_force(&shanghai(2026, 11, 27, 22, 0)));
    assert!(s.is_in_force(&shanghai(2026, 11, 28, 5, 59)));
    assert!(!s.is_in_force(&shanghai(2026, 11, 28, 6, 0)));
    // Saturday night is off, and so is early Monday (Sunday's night).
    assert!(!s.is_in_force(&shanghai(2026, 11, 28, 23, 0)));
    assert!(!s.is_in_force(&shanghai(2026, 11, 30, 2, 0)));
    // Monday night is on.
    assert!(s.is_in_force(&shanghai(2026, 11, 30, 23, 30)));
    assert!(!s.is_in_force(&shanghai(2026, 11, 30, 21, 59)));
}

#[test]
fn parses_weekdays_and_hours() {
    assert_eq!(Weekdays::parse("6,7").unwrap().describe_zh(), "周六、周日");
    assert_eq!(Weekdays::parse("1-5").unwrap().describe_zh(), "周一至周五");
    assert_eq!(Weekdays::parse("1-3,5").unwrap().to_spec(), "1,2,3,5");
    assert!(Weekdays::parse("0-5").is_err());
    assert!(Weekdays::parse("5-1").is_err());
    assert!(Weekdays::parse("周一").is_err());
    assert_eq!(
        TimeWindow::parse("08:00-24:00").unwrap(),
        TimeWindow {
            from: 480,
            until: 1440
        }
    );
    assert!(TimeWindow::parse("08:00-08:00").is_err());
    assert!(TimeWindow::parse("25:00-08:00").is_err());
    assert!(TimeWindow::parse("8点-9点").is_err());
    assert!(TimeWindow::parse("22:00-06:00").unwrap().overnight());
}

#[test]
fn describes_validity_in_chinese() {
    let tz = FixedOffset::east_opt(8 * 3600).unwrap();
    let s = Schedule {
        starts_at: utc(shanghai(2026, 12, 1, 0, 0)),
        ends_at: Some(utc(shanghai(2027, 3, 1, 0, 0))),
        weekdays: Weekdays::parse("1-5").unwrap(),
        window: Some(TimeWindow::parse("08:00-20:00").unwrap()),
    };
    assert_eq!(
        s.describe_zh(&tz),
        "2026年12月1日 至 2027年2月28日 · 周一至周五 · 08:00–20:00"
    );
    let open = Schedule::always_from(utc(shanghai(2026, 5, 1, 9, 30)));
    assert_eq!(open.describe_zh(&tz), "2026年5月1日 09:30 起长期有效");
}

#[test]
fn in_force_order_is_pinned_then_priority_then_newest() {
    let (_dir, mut store) = temp_store();
    let base = utc(shanghai(2026, 11, 1, 0, 0));
    let mk = |t: &str, days: i64, pinned: bool, priority: i64| NewNotice {
        pinned,
        priority,
        ..notice(t, Schedule::always_from(base + Duration::days(days)))
    };
    store
        .add_notices(
            &[
                mk("旧的", 0, false, 0),
                mk("新的", 5, false, 0),
                mk("重要", 1, false, 5),
                mk("置顶", 0, true, 0),
            ],
            "test",
        )
        .unwrap();
    let titles: Vec<String> = store
        .notices_in_force(&shanghai(2026, 11, 29, 12, 0))
        .unwrap()
        .into_iter()
        .map(|n| n.title)
        .collect();
    assert_eq!(titles, ["置顶", "重要", "新的", "旧的"]);
}

#[test]
fn import_is_all_or_nothing() {
    let (_dir, mut store) = temp_store();
    let start = utc(shanghai(2026, 11, 1, 0, 0));
    let good = notice("好", Schedule::always_from(start));
    let bad = notice("", Schedule::always_from(start));
    let err = store.add_notices(&[good.clone(), bad], "test").unwrap_err();
    assert!(err.to_string().contains("第 2 条"), "{err}");
    assert!(store.notices().unwrap().is_empty());
    store.add_notices(&[good], "test").unwrap();
    assert_eq!(store.notices().unwrap().len(), 1);
}

#[test]
fn end_before_start_is_refused_by_store_and_schema() {
    let (_dir, mut store) = temp_store();
    let start = utc(shanghai(2026, 11, 2, 0, 0));
    let s = Schedule {
        ends_at: Some(start - Duration::days(1)),
        ..Schedule::always_from(start)
    };
    assert!(matches!(
        store.add_notice(&notice("x", s), "test"),
        Err(Error::Invalid(_))
    ));
    assert!(store.notices().unwrap().is_empty());
}

#[test]
fn staff_changes_are_audited_and_unpublished_is_hidden() {
    let (_dir, mut store) = temp_store();
    let now = shanghai(2026, 11, 29, 12, 0);
    let id = store
        .add_notice(
            &notice(
                "通知",
                Schedule::always_from(utc(shanghai(2026, 11, 1, 0, 0))),
            ),
            "cli",
        )
        .unwrap();
    store.set_notice_published(id, false, "kiosk").unwrap();
    assert!(store.notices_in_force(&now).unwrap().is_empty());
    assert_eq!(
        store.notice(id).unwrap().state(&now),
        NoticeState::Unpublished
    );
    store.set_notice_pinned(id, true, "kiosk").unwrap();
    store.remove_notice(id, "kiosk").unwrap();
    assert!(matches!(
        store.remove_notice(id, "kiosk"),
        Err(Error::NotFound { .. })
    ));
    let actions: Vec<String> = store
        .audit_log(10)
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions,
        [
            "notice.remove",
            "notice.pin",
            "notice.unpublish",
            "notice.add"
        ]
    );
}

#[test]
fn posters_are_downscaled_png_and_garbage_is_refused() {
    let big = image::RgbaImage::from_pixel(3000, 1500, image::Rgba([200, 30, 30, 255]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    big.write_to(&mut bytes, image::ImageFormat::Jpeg).ok();
    let mut png = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgba8(big)
        .to_rgb8()
        .write_to(&mut png, image::ImageFormat::Png)
        .unwrap();
    let out = prepare_poster(png.get_ref()).unwrap();
    let img = image::load_from_memory(&out).unwrap();
    assert_eq!((img.width(), img.height()), (1200, 600));
    assert!(prepare_poster(b"not an image").is_err());
}

/// A PNG that is only a header: `width`×`height`, no pixel data.
fn png_header_only(width: u32, height: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xffff_ffffu32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xedb8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend(width.to_be_bytes());
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 6, 0, 0, 0]); // 8-bit RGBA
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(13u32.to_be_bytes());
    png.extend(&ihdr);
    png.extend(crc32(&ihdr).to_be_bytes());
    // An empty IDAT and the end: a header that claims the size, with no pixels behind it.
    for chunk in [&b"IDAT"[..], &b"IEND"[..]] {
        png.extend(0u32.to_be_bytes());
        png.extend(chunk);
        png.extend(crc32(chunk).to_be_bytes());
    }
    png
}

#[test]
fn a_huge_picture_is_refused_from_its_header() {
    let started = std::time::Instant::now();
    let e = crate::store::prepare_poster(&png_header_only(20_000, 20_000)).unwrap_err();
    assert!(e.to_string().contains("最多 4000 万像素"), "{e}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(1),
        "refused before decoding"
    );
    // Just under the limit passes the size check (and then fails on the missing data).
    let e = crate::store::prepare_poster(&png_header_only(6000, 6000)).unwrap_err();
    assert!(!e.to_string().contains("万像素"), "{e}");
}

#[test]
fn text_that_would_garble_the_screen_is_refused() {
    let schedule = Schedule {
        starts_at: utc(shanghai(2026, 12, 1, 0, 0)),
        ends_at: None,
        weekdays: Weekdays::EVERY_DAY,
        window: None,
    };
    let base = NewNotice {
        body: "凭工作证领取。\n每人一副。".into(),
        ..notice("冬季手套发放", schedule)
    };
    assert!(base.validate().is_ok(), "line breaks are fine in a body");
    for title in ["\u{1b}[31m红字", "冬季\n手套", "\u{202E}套手", "a\u{7}b"] {
        let n = NewNotice {
            title: title.into(),
            ..base.clone()
        };
        let e = n.validate().unwrap_err();
        assert!(e.to_string().contains("不能显示"), "{title:?}: {e}");
    }
    let n = NewNotice {
        title: "\u{200B}\u{FEFF} ".into(),
        ..base.clone()
    };
    assert!(n.validate().unwrap_err().to_string().contains("不能为空"));
    let n = NewNotice {
        body: "正文\u{1b}[2J".into(),
        ..base.clone()
    };
    assert!(
        n.validate()
            .unwrap_err()
            .to_string()
            .contains("正文里有不能显示的字符")
    );
}
