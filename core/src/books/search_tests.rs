use super::*;
use crate::store::NewBook;
use crate::store::testing::temp_store;
use chrono::{Duration, TimeZone};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 10, 4, 0, 0).unwrap()
}

/// A small catalogue: (title, author, isbn, category).
fn catalog() -> (tempfile::TempDir, Store, Catalog) {
    // Only these two categories, in this order (a new store's own are removed).
    let (dir, mut store) = temp_store();
    for c in store.book_categories().unwrap() {
        store.book_category_remove(c.id, "test").unwrap();
    }
    for name in ["文学小说", "交通安全"] {
        store.book_category_add(name, now()).unwrap();
    }
    let books: &[(&str, &str, Option<&str>, Option<&str>)] = &[
        ("红楼梦", "曹雪芹", Some("9787020002207"), Some("文学小说")),
        ("红楼梦魇", "张爱玲", None, Some("文学小说")),
        ("梦里花落知多少", "三毛", None, Some("文学小说")),
        ("交通安全知识读本", "本书编写组", None, Some("交通安全")),
        ("长安的荔枝", "马伯庸", None, Some("文学小说")),
        ("重庆森林", "王家卫", None, None),
        ("银行业务常识", "本书编写组", None, None),
        ("Python编程：从入门到实践", "Eric Matthes", None, None),
        ("活着", "余华", Some("9787506365437"), Some("文学小说")),
        ("三体", "刘慈欣", Some("9787536692930"), Some("文学小说")),
        ("西安古城", "本书编写组", None, None),
        ("先行者", "某人", None, None),
    ];
    for (k, (title, author, isbn, category)) in books.iter().enumerate() {
        let b = NewBook {
            title: title.to_string(),
            author: author.to_string(),
            isbn: isbn.map(str::to_string),
            category: category.map(str::to_string),
            copies: 2,
            ..NewBook::default()
        };
        store
            .book_add(&b, now() - Duration::days(20 - k as i64))
            .unwrap();
    }
    let catalog = Catalog::load(&store, now()).unwrap();
    (dir, store, catalog)
}

fn titles(c: &Catalog, q: &str) -> Vec<String> {
    c.search(q)
        .iter()
        .map(|&id| c.card(id).unwrap().title.to_string())
        .collect()
}

#[test]
fn chinese_substrings_one_character_too() {
    let (_d, _s, c) = catalog();
    assert_eq!(
        titles(&c, "红楼梦"),
        ["红楼梦", "红楼梦魇"],
        "exact, then prefix"
    );
    // Exact title, then title prefix, then the rest.
    assert_eq!(titles(&c, "梦"), ["梦里花落知多少", "红楼梦", "红楼梦魇"]);
    assert_eq!(titles(&c, "荔枝"), ["长安的荔枝"]);
    assert_eq!(titles(&c, "雪芹"), ["红楼梦"], "authors too");
    assert_eq!(titles(&c, " 余华 "), ["活着"]);
    assert!(titles(&c, "没有这本书").is_empty());
    assert!(c.search("").is_empty() && c.search("   ").is_empty());
}

#[test]
fn pinyin_initials_and_full() {
    let (_d, _s, c) = catalog();
    assert_eq!(titles(&c, "hlm")[0], "红楼梦");
    assert_eq!(titles(&c, "HLM")[0], "红楼梦");
    assert_eq!(titles(&c, "jtaq"), ["交通安全知识读本"]);
    assert_eq!(titles(&c, "honglou"), ["红楼梦", "红楼梦魇"]);
    assert_eq!(titles(&c, "hong'lou'meng"), ["红楼梦", "红楼梦魇"]);
    assert_eq!(titles(&c, "hong lou"), ["红楼梦", "红楼梦魇"]);
    // Polyphones read by their words.
    assert_eq!(titles(&c, "changan"), ["长安的荔枝"]);
    assert_eq!(titles(&c, "chongqing"), ["重庆森林"]);
    assert_eq!(titles(&c, "yinhang"), ["银行业务常识"]);
    assert_eq!(titles(&c, "caoxueqin"), ["红楼梦"], "author's pinyin");
    // Syllables typed apart must be apart in the book: xi'an is 西安, not 先.
    assert_eq!(titles(&c, "xi'an"), ["西安古城"]);
    let xian = titles(&c, "xian");
    assert!(xian.contains(&"先行者".to_string()) && xian.contains(&"西安古城".to_string()));
    // Growing one letter at a time never loses the book.
    for n in 1..="hongloumeng".len() {
        assert!(
            titles(&c, &"hongloumeng"[..n]).contains(&"红楼梦".to_string()),
            "{n}"
        );
    }
}

#[test]
fn latin_ignores_case_and_isbn_by_tail() {
    let (_d, _s, c) = catalog();
    assert_eq!(titles(&c, "python"), ["Python编程：从入门到实践"]);
    assert_eq!(titles(&c, "PYTH"), ["Python编程：从入门到实践"]);
    assert_eq!(titles(&c, "matthes"), ["Python编程：从入门到实践"]);
    assert_eq!(titles(&c, "9787020002207"), ["红楼梦"]);
    assert_eq!(titles(&c, "978-7-02-000220-7"), ["红楼梦"]);
    assert_eq!(titles(&c, "7-02-000220-X"), ["红楼梦"], "ISBN-10 too");
    assert_eq!(titles(&c, "5437"), ["活着"]);
    assert_eq!(titles(&c, "930"), ["三体"]);
    assert!(titles(&c, "0000").is_empty());
}

#[test]
fn more_borrowed_first_among_equals_and_browsing() {
    let (_d, mut store, _) = catalog();
    let c = Catalog::load(&store, now()).unwrap();
    let mengyan = c.search("红楼梦魇")[0];
    let meng = c.search("红楼梦")[0];
    let hit = c.search("梦里")[0];
    // 红楼梦魇 borrowed twice: among the title matches of 楼 it comes first.
    for tail in ["1111", "2222"] {
        store.book_lend(mengyan, "王", tail, now(), 30).unwrap();
    }
    store.book_return(mengyan, "1111", now()).unwrap();
    let c = Catalog::load(&store, now()).unwrap();
    assert_eq!(c.search("楼"), [mengyan, meng]);
    assert_eq!(c.search("梦")[0], hit, "a prefix still beats more borrowed");
    assert_eq!(c.popular(5), [mengyan]);
    assert_eq!(c.out_books(), [mengyan]);
    let card = c.card(mengyan).unwrap();
    assert_eq!((card.copies, card.out, card.in_shelf()), (2, 1, 1));
    let t = c.totals();
    assert_eq!(
        (t.books, t.copies, t.out, t.in_shelf, t.overdue),
        (12, 24, 1, 23, 0)
    );
    assert_eq!(c.newest(2).len(), 2);
    assert_eq!(c.card(c.newest(1)[0]).unwrap().title, "先行者");
    let cats = c.categories();
    assert_eq!(cats.len(), 3);
    assert_eq!((cats[0].name.as_str(), cats[0].books), ("文学小说", 6));
    assert_eq!(
        (cats[2].name.as_str(), cats[2].id, cats[2].books),
        ("未分类", None, 5)
    );
    let novels: Vec<&str> = c
        .in_category(cats[0].id)
        .iter()
        .map(|&id| c.card(id).unwrap().title)
        .collect();
    assert_eq!(
        novels,
        [
            "长安的荔枝",
            "红楼梦",
            "红楼梦魇",
            "活着",
            "梦里花落知多少",
            "三体"
        ]
    );
    assert_eq!(c.in_category(None).len(), 5);
    assert!(c.cover_path(meng).is_none());
    assert!(c.heap_bytes() > 0 && c.len() == 12);
}

#[test]
fn one_pass_and_sorted_ranking_agree() {
    let (_dir, mut store) = temp_store();
    super::generate::fill(&mut store, 600, now()).unwrap();
    let c = Catalog::load(&store, now()).unwrap();
    for q in ["h", "z", "zh", "s", "a", "的", "中", "1", "hl", "xue"] {
        let one_pass = c.search_with(q, 0);
        assert_eq!(one_pass, c.search_with(q, usize::MAX), "{q}");
        assert_eq!(one_pass, c.search(q), "{q}");
    }
    assert!(c.search("h").len() > 100);
}

#[test]
fn one_letter_tiers_agree_with_the_scan() {
    let (_dir, mut store) = temp_store();
    super::generate::fill(&mut store, 600, now()).unwrap();
    let (_demo_dir, mut demo) = temp_store();
    crate::demo::load(&mut demo, &chrono::Local::now()).unwrap();
    let catalogs = [
        Catalog::load(&store, now()).unwrap(),
        catalog().2,
        Catalog::load(&demo, now()).unwrap(),
    ];
    for c in catalogs {
        for letter in 'a'..='z' {
            for q in [letter.to_string(), letter.to_ascii_uppercase().to_string()] {
                for many in [0, usize::MAX] {
                    assert_eq!(
                        c.search_fast(&q, many, true),
                        c.search_fast(&q, many, false),
                        "{q}"
                    );
                }
            }
        }
    }
}
