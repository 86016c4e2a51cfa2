//! Bench data: a store of many plausible books (titles of 2–4 common words from the
//! input method's dictionary, Chinese author names, some Latin titles, unique ISBNs,
//! a few thousand loans), reproducible from a seed. Used by `benches/books.rs` and
//! `relay-kiosk book generate N` (for trying the kiosk with a big catalogue).

use crate::ime::Dictionary;
use crate::store::{NewBook, Result, Store};
use chrono::{DateTime, Duration, Utc};

const CATEGORIES: [&str; 8] = [
    "党建工会",
    "法律维权",
    "健康急救",
    "交通安全",
    "生活技能",
    "文学小说",
    "少儿读物",
    "期刊杂志",
];
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN: &str = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志文海波宁晓东亮林斌雪梅琳婷飞龙颖慧晨阳瑞鑫浩宇";
const LATIN: [&str; 12] = [
    "Python",
    "Linux",
    "Java",
    "Excel",
    "Office",
    "English",
    "Photoshop",
    "CAD",
    "SQL",
    "Web",
    "iPhone",
    "Android",
];

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A valid ISBN-13 with the given 9-digit serial.
fn isbn(serial: u64) -> String {
    let body = format!("978{:09}", serial % 1_000_000_000);
    let sum: u32 = body
        .bytes()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * if i % 2 == 0 { 1 } else { 3 })
        .sum();
    format!("{body}{}", (10 - sum % 10) % 10)
}

/// `n` books, reproducible from `seed`.
pub fn books(n: usize, seed: u64) -> Vec<NewBook> {
    let dict = Dictionary::shared();
    // Common two-character words, most frequent first.
    let mut words: Vec<(u32, &'static str)> = (0..dict.len())
        .filter(|&i| dict.word(i).chars().count() == 2 && !dict.is_rare(i) && !dict.is_vulgar(i))
        .map(|i| (dict.freq(i), dict.word(i)))
        .collect();
    words.sort_unstable_by_key(|w| std::cmp::Reverse(w.0));
    words.dedup_by(|a, b| a.1 == b.1);
    words.truncate(6000);
    let surnames: Vec<char> = SURNAMES.chars().collect();
    let given: Vec<char> = GIVEN.chars().collect();
    let mut rng = Rng(seed | 1);
    (0..n)
        .map(|k| {
            let mut title = String::new();
            if rng.below(20) == 0 {
                title.push_str(LATIN[rng.below(LATIN.len())]);
            }
            for _ in 0..2 + rng.below(3) {
                // Skewed towards common words, as real titles are.
                let r = rng.below(words.len());
                title.push_str(words[r * rng.below(words.len()) / words.len()].1);
            }
            let mut author = String::new();
            author.push(surnames[rng.below(surnames.len())]);
            for _ in 0..1 + rng.below(2) {
                author.push(given[rng.below(given.len())]);
            }
            NewBook {
                title,
                author,
                isbn: (rng.below(10) < 8).then(|| isbn(k as u64 * 7919 + 1)),
                category: Some(CATEGORIES[rng.below(CATEGORIES.len())].to_string()),
                shelf: format!(
                    "{} 架第 {} 层",
                    (b'A' + rng.below(8) as u8) as char,
                    1 + rng.below(5)
                ),
                copies: 1 + rng.below(3) as u32,
                summary: String::new(),
                ..NewBook::default()
            }
        })
        .collect()
}

/// Fills an empty store with the categories, `n` books and about `n / 50` loans (some
/// open) over the 90 days before `now`.
pub fn fill(store: &mut Store, n: usize, now: DateTime<Utc>) -> Result<()> {
    for c in CATEGORIES {
        if !store.book_categories()?.iter().any(|x| x.name == c) {
            store.book_category_add_by(c, now, "bench")?;
        }
    }
    let books = books(n, 12_345);
    store
        .book_import(&books, now - Duration::days(100), "bench", false)
        .map_err(|mut errors| errors.remove(0).1)?;
    let mut rng = Rng(99);
    let count = store.books_count()?;
    for k in 0..n / 50 {
        let id = 1 + rng.below(count) as i64;
        let lent = now - Duration::days(1 + rng.below(89) as i64);
        let tail = format!("{:04}", k % 10_000);
        if store.book_lend(id, "王", &tail, lent, 30).is_ok() && rng.below(3) > 0 {
            store.book_return(id, &tail, lent + Duration::days(3))?;
        }
    }
    Ok(())
}
