//! The reading corner's catalogue in memory, shared by the kiosk and `book search`:
//! compact (one text arena, no summaries; about 130 bytes a book) and searched per
//! keystroke without touching the store. No UI code here.
//!
//! Books are kept in id order (an id is found by binary search); `rank` is a book's
//! place in title-pinyin order, for browsing and for ties in search.

pub mod bounds;
pub mod from_file;
pub mod generate;
pub mod import;
pub mod pinyin;
mod search;

use crate::store::{BookId, CategoryId, Result, Store};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;
use std::path::PathBuf;

/// Separates the fields of a record in the arena; never in a query.
const SEP: u8 = 0x01;
/// Ends a record.
const END: u8 = b'\n';
/// Fields of a record: title, author, their pinyin (no `'`), their initials.
const TITLE: usize = 0;
const AUTHOR: usize = 1;
const TITLE_PY: usize = 2;
const AUTHOR_PY: usize = 3;
const TITLE_INI: usize = 4;
const AUTHOR_INI: usize = 5;
const FIELDS: usize = 6;
const NO_CATEGORY: u16 = u16::MAX;

/// A book as the kiosk's grid shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Card<'a> {
    pub id: BookId,
    pub title: &'a str,
    pub author: &'a str,
    pub category: Option<CategoryId>,
    pub copies: u32,
    pub out: u32,
    pub has_cover: bool,
}

impl Card<'_> {
    /// Copies on the shelf (在架).
    pub fn in_shelf(&self) -> u32 {
        self.copies.saturating_sub(self.out)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryCount {
    /// None: 未分类.
    pub id: Option<CategoryId>,
    pub name: String,
    pub books: u32,
    pub in_shelf: u32,
    pub position: i64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub books: u32,
    pub copies: u32,
    pub in_shelf: u32,
    pub out: u32,
    pub overdue: u32,
}

/// Counts of one book, packed.
#[derive(Debug, Clone, Copy)]
struct Info {
    copies: u16,
    out: u16,
    /// Loans in the last 90 days.
    borrows: u16,
    /// Index into `categories`, or [`NO_CATEGORY`].
    category: u16,
    /// Days since 2000-01-01.
    added: u16,
}

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default()
}

#[derive(Debug, Default)]
pub struct Catalog {
    /// Book ids, ascending.
    ids: Vec<BookId>,
    /// Position of each book in title-pinyin order.
    rank: Vec<u32>,
    /// Book indexes in search-tie order: more borrowed first, then by title pinyin.
    pop_order: Vec<u32>,
    /// Records `title SEP author SEP title_py SEP author_py SEP title_ini SEP author_ini END`.
    arena: Vec<u8>,
    /// Start of each record in `arena`; one more entry than books.
    at: Vec<u32>,
    /// Where fields 1..6 of each record start, from the record's start.
    fields: Vec<[u16; FIELDS - 1]>,
    /// Bit set over `arena`: set where a pinyin syllable (or Latin word) starts.
    bounds: Vec<u64>,
    /// For a one-letter query: per book, which letters a–z (bit 0 = a) would rank it
    /// exact, prefix, word or rest — what the arena scan would find, worked out once at
    /// load, since one letter matches nearly every book.
    letters: Vec<[u32; 4]>,
    /// ISBN-13 as a number, 0 when none.
    isbn: Vec<u64>,
    info: Vec<Info>,
    categories: Vec<CategoryCount>,
    covers_dir: PathBuf,
    /// Book index → cover file name.
    covers: HashMap<u32, Box<str>>,
    totals: Totals,
}

impl Catalog {
    /// Reads every book from the store (on the store worker, never in `view`).
    pub fn load(store: &Store, now: DateTime<Utc>) -> Result<Catalog> {
        let cats = store.book_categories()?;
        let cat_index: HashMap<CategoryId, u16> = cats
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id, i as u16))
            .collect();
        let mut c = Catalog {
            covers_dir: store.covers_dir(),
            ..Catalog::default()
        };
        let mut next = 0u32;
        let epoch = epoch();
        let overdue = store.catalog_rows(now, |r| {
            let idx = next;
            next += 1;
            c.at.push(c.arena.len() as u32);
            for (field, text) in [r.title, r.author].into_iter().enumerate() {
                if field > 0 {
                    c.arena.push(SEP);
                }
                c.arena
                    .extend(text.bytes().map(|b| if b < 0x20 { b' ' } else { b }));
            }
            for py in [r.title_py, r.author_py] {
                c.arena.push(SEP);
                let mut start = true;
                for b in py.bytes() {
                    if b == b'\'' {
                        start = true;
                        continue;
                    }
                    if start {
                        let pos = c.arena.len();
                        if c.bounds.len() <= pos / 64 {
                            c.bounds.resize(pos / 64 + 1, 0);
                        }
                        c.bounds[pos / 64] |= 1 << (pos % 64);
                        start = false;
                    }
                    c.arena.push(b.to_ascii_lowercase());
                }
            }
            for ini in [r.title_initials, r.author_initials] {
                c.arena.push(SEP);
                c.arena.extend(ini.bytes().map(|b| b.to_ascii_lowercase()));
            }
            c.arena.push(END);
            c.isbn
                .push(r.isbn.and_then(|i| i.parse::<u64>().ok()).unwrap_or(0));
            let clamp = |n: u32| n.min(u32::from(u16::MAX)) as u16;
            let category = r
                .category_id
                .and_then(|id| cat_index.get(&id).copied())
                .unwrap_or(NO_CATEGORY);
            c.info.push(Info {
                copies: clamp(r.copies),
                out: clamp(r.out),
                borrows: clamp(r.borrows),
                category,
                added: (r.added - epoch).num_days().clamp(0, 65_535) as u16,
            });
            if let Some(cover) = r.cover {
                c.covers.insert(idx, cover.into());
            }
            c.ids.push(r.id);
        })?;
        c.at.push(c.arena.len() as u32);
        let n = c.ids.len();
        c.fields = Vec::with_capacity(n);
        for i in 0..n {
            let (s, e) = (c.at[i] as usize, c.at[i + 1] as usize);
            let mut seps = [0u16; FIELDS - 1];
            for (k, sep) in memchr::memchr_iter(SEP, &c.arena[s..e])
                .take(FIELDS - 1)
                .enumerate()
            {
                seps[k] = (sep + 1) as u16;
            }
            c.fields.push(seps);
        }
        c.letters = (0..n).map(|i| c.letter_tiers(i)).collect();
        // Rows came by id; rank them by title pinyin as the store sorts text (bytes).
        let mut order: Vec<u32> = (0..n as u32).collect();
        order.sort_unstable_by(|&x, &y| {
            let (x, y) = (x as usize, y as usize);
            c.field(x, TITLE_PY)
                .cmp(c.field(y, TITLE_PY))
                .then_with(|| c.field(x, TITLE).cmp(c.field(y, TITLE)))
                .then(c.ids[x].cmp(&c.ids[y]))
        });
        c.rank = vec![0; n];
        for (k, &i) in order.iter().enumerate() {
            c.rank[i as usize] = k as u32;
        }
        drop(order);
        let mut pop: Vec<u32> = (0..n as u32).collect();
        pop.sort_unstable_by_key(|&i| {
            (
                std::cmp::Reverse(c.info[i as usize].borrows),
                c.rank[i as usize],
            )
        });
        c.pop_order = pop;
        c.categories = cats
            .iter()
            .map(|cat| CategoryCount {
                id: Some(cat.id),
                name: cat.name.clone(),
                books: 0,
                in_shelf: 0,
                position: cat.position,
            })
            .collect();
        let mut none = CategoryCount {
            id: None,
            name: crate::store::UNCATEGORISED.to_string(),
            books: 0,
            in_shelf: 0,
            position: i64::MAX,
        };
        let mut totals = Totals {
            overdue,
            ..Totals::default()
        };
        for info in &c.info {
            let in_shelf = u32::from(info.copies.saturating_sub(info.out));
            let slot = match c.categories.get_mut(usize::from(info.category)) {
                Some(cat) => cat,
                None => &mut none,
            };
            slot.books += 1;
            slot.in_shelf += in_shelf;
            totals.books += 1;
            totals.copies += u32::from(info.copies);
            totals.out += u32::from(info.out);
            totals.in_shelf += in_shelf;
        }
        if none.books > 0 {
            c.categories.push(none);
        }
        c.totals = totals;
        c.shrink();
        Ok(c)
    }

    fn shrink(&mut self) {
        self.ids.shrink_to_fit();
        self.rank.shrink_to_fit();
        self.pop_order.shrink_to_fit();
        self.arena.shrink_to_fit();
        self.at.shrink_to_fit();
        self.fields.shrink_to_fit();
        self.bounds.shrink_to_fit();
        self.letters.shrink_to_fit();
        self.isbn.shrink_to_fit();
        self.info.shrink_to_fit();
        self.covers.shrink_to_fit();
    }

    fn bit(&self, pos: usize) -> bool {
        self.bounds
            .get(pos / 64)
            .is_some_and(|w| w & (1 << (pos % 64)) != 0)
    }

    /// Heap bytes held (approximate; for the bench and the README's figures).
    pub fn heap_bytes(&self) -> usize {
        self.ids.capacity() * 8
            + self.rank.capacity() * 4
            + self.pop_order.capacity() * 4
            + self.arena.capacity()
            + self.at.capacity() * 4
            + self.fields.capacity() * size_of::<[u16; FIELDS - 1]>()
            + self.bounds.capacity() * 8
            + self.letters.capacity() * 16
            + self.isbn.capacity() * 8
            + self.info.capacity() * size_of::<Info>()
            + self.covers.capacity() * (size_of::<(u32, Box<str>)>() + 1)
            + self.covers.values().map(|v| v.len()).sum::<usize>()
            + self
                .categories
                .iter()
                .map(|c| size_of::<CategoryCount>() + c.name.capacity())
                .sum::<usize>()
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    fn index(&self, id: BookId) -> Option<usize> {
        self.ids.binary_search(&id).ok()
    }

    /// The text of field `f` of book `i`.
    fn field(&self, i: usize, f: usize) -> &str {
        let s = self.at[i] as usize;
        let start = if f == 0 {
            s
        } else {
            s + usize::from(self.fields[i][f - 1])
        };
        let end = if f + 1 < FIELDS {
            s + usize::from(self.fields[i][f]) - 1
        } else {
            self.at[i + 1] as usize - 1
        };
        std::str::from_utf8(&self.arena[start..end]).unwrap_or("")
    }

    fn card_at(&self, i: usize) -> Card<'_> {
        let info = self.info[i];
        Card {
            id: self.ids[i],
            title: self.field(i, TITLE),
            author: self.field(i, AUTHOR),
            category: self
                .categories
                .get(usize::from(info.category))
                .and_then(|c| c.id),
            copies: u32::from(info.copies),
            out: u32::from(info.out),
            has_cover: self.covers.contains_key(&(i as u32)),
        }
    }

    pub fn card(&self, id: BookId) -> Option<Card<'_>> {
        self.index(id).map(|i| self.card_at(i))
    }

    pub fn cover_path(&self, id: BookId) -> Option<PathBuf> {
        let i = self.index(id)?;
        self.covers
            .get(&(i as u32))
            .map(|name| self.covers_dir.join(&**name))
    }

    /// In position order, with counts; 未分类 last when some books have no category.
    pub fn categories(&self) -> &[CategoryCount] {
        &self.categories
    }

    fn by_rank(&self, mut idx: Vec<usize>) -> Vec<BookId> {
        idx.sort_unstable_by_key(|&i| self.rank[i]);
        idx.into_iter().map(|i| self.ids[i]).collect()
    }

    /// The books of a category (None: 未分类), by title pinyin.
    pub fn in_category(&self, id: Option<CategoryId>) -> Vec<BookId> {
        let want = match id {
            None => NO_CATEGORY,
            Some(id) => match self.categories.iter().position(|c| c.id == Some(id)) {
                Some(k) => k as u16,
                None => return Vec::new(),
            },
        };
        let idx = (0..self.len())
            .filter(|&i| {
                let c = self.info[i].category;
                c == want || (want == NO_CATEGORY && usize::from(c) >= self.categories.len())
            })
            .collect();
        self.by_rank(idx)
    }

    /// 新到图书: the `n` most recently added, newest first.
    pub fn newest(&self, n: usize) -> Vec<BookId> {
        let mut idx: Vec<usize> = (0..self.len()).collect();
        idx.sort_unstable_by_key(|&i| {
            (
                std::cmp::Reverse(self.info[i].added),
                std::cmp::Reverse(self.ids[i]),
            )
        });
        idx.truncate(n);
        idx.into_iter().map(|i| self.ids[i]).collect()
    }

    /// 大家都在看: the `n` most borrowed in the last 90 days (books never borrowed are
    /// left out), ties by title.
    pub fn popular(&self, n: usize) -> Vec<BookId> {
        let mut idx: Vec<usize> = (0..self.len())
            .filter(|&i| self.info[i].borrows > 0)
            .collect();
        idx.sort_unstable_by_key(|&i| (std::cmp::Reverse(self.info[i].borrows), self.rank[i]));
        idx.truncate(n);
        idx.into_iter().map(|i| self.ids[i]).collect()
    }

    /// Books with a copy out (the 还书 list), by title pinyin.
    pub fn out_books(&self) -> Vec<BookId> {
        let idx = (0..self.len()).filter(|&i| self.info[i].out > 0).collect();
        self.by_rank(idx)
    }

    pub fn totals(&self) -> Totals {
        self.totals
    }
}

#[cfg(test)]
#[path = "search_tests.rs"]
mod search_tests;
