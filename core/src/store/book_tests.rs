use super::*;
use crate::store::local_date;
use crate::store::testing::temp_store;
use chrono::TimeZone;

pub(crate) fn t(day: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 4, 0, 0).unwrap() + chrono::Duration::days(day)
}

pub(crate) fn novel(title: &str, copies: u32) -> NewBook {
    NewBook {
        title: title.into(),
        author: "曹雪芹".into(),
        category: Some("文学小说".into()),
        shelf: "B 架第 2 层".into(),
        copies,
        ..NewBook::default()
    }
}

/// The categories the tests file books under: a new store has them (migration V10).
pub(crate) fn with_categories(store: &mut Store) {
    let have: Vec<String> = store
        .book_categories()
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    for name in ["党建工会", "文学小说", "少儿读物"] {
        assert!(have.iter().any(|h| h == name), "{name}");
    }
}

#[test]
fn isbn_10_and_13_with_checksums() {
    assert_eq!(
        normalize_isbn("978-7-02-000220-7").unwrap(),
        "9787020002207"
    );
    assert_eq!(normalize_isbn(" 9787020002207 ").unwrap(), "9787020002207");
    // ISBN-10 (check digit X too) becomes 13.
    assert_eq!(normalize_isbn("7-02-000220-X").unwrap(), "9787020002207");
    assert_eq!(normalize_isbn("0-306-40615-2").unwrap(), "9780306406157");
    for bad in [
        "9787020002208",
        "7-02-000220-1",
        "12345",
        "97870200022a7",
        "",
        "1234567890123",
    ] {
        let e = normalize_isbn(bad).unwrap_err();
        assert!(matches!(e, Error::Invalid(_)), "{bad}");
        assert!(
            e.to_string()
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{bad}: {e}"
        );
    }
}

#[test]
fn add_show_set_remove() {
    let (_dir, mut store) = temp_store();
    with_categories(&mut store);
    let before = store.revisions().unwrap().books;
    let mut b = novel("红楼梦", 2);
    b.isbn = Some("7-02-000220-X".into());
    b.year = Some(1996);
    let id = store.book_add(&b, t(0)).unwrap();
    assert!(store.revisions().unwrap().books > before);
    let got = store.book(id).unwrap();
    assert_eq!(got.isbn.as_deref(), Some("9787020002207"));
    assert_eq!(got.category, "文学小说");
    assert_eq!((got.copies, got.out, got.in_shelf()), (2, 0, 2));
    assert_eq!(got.added, local_date(t(0)));
    assert_eq!(store.book_by_isbn("9787020002207").unwrap().unwrap().id, id);
    assert!(store.book_by_isbn("9780306406157").unwrap().is_none());
    // The same ISBN again is refused; the pinyin is stored.
    let e = store.book_add(&b, t(0)).unwrap_err();
    assert!(e.to_string().contains("已经登记过"), "{e}");
    let py: (String, String) = store
        .conn
        .query_row(
            "SELECT title_py, title_initials FROM book WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(py, ("hong'lou'meng".into(), "hlm".into()));
    let mut changed = b.clone();
    changed.title = "重庆森林".into();
    changed.category = None;
    store.book_set(id, &changed, t(1)).unwrap();
    let got = store.book(id).unwrap();
    assert_eq!(
        (got.title.as_str(), got.category.as_str()),
        ("重庆森林", "未分类")
    );
    let py: String = store
        .conn
        .query_row("SELECT title_py FROM book WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(py, "chong'qing'sen'lin");
    store.book_remove(id, t(2)).unwrap();
    assert!(matches!(store.book(id), Err(Error::NotFound { .. })));
    let actions: Vec<String> = store
        .audit_log(10)
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect();
    for a in ["book.add", "book.set", "book.remove"] {
        assert!(actions.contains(&a.to_string()), "{a}");
    }
}

#[test]
fn bad_books_are_refused_and_change_nothing() {
    let (_dir, mut store) = temp_store();
    with_categories(&mut store);
    let cases: Vec<(NewBook, &str)> = vec![
        (novel("  ", 1), "书名"),
        (
            NewBook {
                category: Some("菜谱".into()),
                ..novel("家常菜", 1)
            },
            "分类",
        ),
        (
            NewBook {
                isbn: Some("9787020002208".into()),
                ..novel("红楼梦", 1)
            },
            "校验位",
        ),
        (
            NewBook {
                year: Some(99),
                ..novel("红楼梦", 1)
            },
            "年份",
        ),
        (novel("红楼梦\u{202E}", 1), "字符"),
        (novel(&"书".repeat(81), 1), "太长"),
        (novel("红楼梦", 1000), "数量"),
    ];
    for (book, why) in cases {
        let e = store.book_add(&book, t(0)).unwrap_err();
        assert!(e.to_string().contains(why), "{why}: {e}");
    }
    assert!(store.books().unwrap().is_empty());
    assert!(store.book_category_add("文学小说", t(0)).is_err());
    assert!(store.book_category_add("未分类", t(0)).is_err());
    assert!(store.book_category_add("", t(0)).is_err());
    assert_eq!(
        store.book_categories().unwrap().len(),
        8,
        "a new store's eight"
    );
}

#[test]
fn import_is_all_or_nothing_and_merges_isbns() {
    let (_dir, mut store) = temp_store();
    with_categories(&mut store);
    let mut a = novel("红楼梦", 2);
    a.isbn = Some("9787020002207".into());
    let id = store.book_add(&a, t(0)).unwrap();
    let mut again = novel("红楼梦（新版）", 3);
    again.isbn = Some("7-02-000220-X".into());
    let rows = vec![again.clone(), novel("平凡的世界", 1), again.clone()];
    let dry = store.book_import(&rows, t(1), "cli", true).unwrap();
    assert_eq!((dry.added, dry.merged, dry.copies), (1, 2, 7));
    assert_eq!(store.books().unwrap().len(), 1, "a dry run writes nothing");
    let bad = vec![
        novel("骆驼祥子", 1),
        NewBook {
            category: Some("菜谱".into()),
            ..novel("家常菜", 1)
        },
    ];
    let errors = store.book_import(&bad, t(1), "cli", false).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].0, 2);
    assert_eq!(
        store.books().unwrap().len(),
        1,
        "nothing from a file with a bad row"
    );
    let done = store.book_import(&rows, t(1), "cli", false).unwrap();
    assert_eq!((done.added, done.merged), (1, 2));
    assert_eq!(store.book(id).unwrap().copies, 8);
    assert_eq!(store.books().unwrap().len(), 2);
}

fn tiny_png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(w, h, image::Rgb([200, 40, 40]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

#[test]
fn covers_are_scaled_private_and_bad_files_refused() {
    let (dir, mut store) = temp_store();
    let id = store.book_add(&novel_plain("红楼梦"), t(0)).unwrap();
    let file = dir.path().join("cover.png");
    std::fs::write(&file, tiny_png(400, 1000)).unwrap();
    store.book_cover_set(id, &file, t(1)).unwrap();
    let cover = store.book(id).unwrap().cover.unwrap();
    assert!(cover.starts_with(dir.path().join("covers")));
    let img = image::open(&cover).unwrap();
    assert_eq!(img.height(), COVER_MAX_HEIGHT);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&cover).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // A second cover replaces the first file.
    std::fs::write(&file, tiny_png(300, 200)).unwrap();
    store.book_cover_set(id, &file, t(2)).unwrap();
    let second = store.book(id).unwrap().cover.unwrap();
    assert!(!cover.exists() && second.exists());
    // Not an image, an empty file, a directory: refused, the cover stays.
    std::fs::write(&file, b"not a picture at all").unwrap();
    let e = store.book_cover_set(id, &file, t(3)).unwrap_err();
    assert!(e.to_string().contains("封面"), "{e}");
    std::fs::write(&file, b"").unwrap();
    assert!(store.book_cover_set(id, &file, t(3)).is_err());
    assert!(store.book_cover_set(id, dir.path(), t(3)).is_err());
    assert_eq!(store.book(id).unwrap().cover.unwrap(), second);
}

fn novel_plain(title: &str) -> NewBook {
    NewBook {
        title: title.into(),
        copies: 1,
        ..NewBook::default()
    }
}
