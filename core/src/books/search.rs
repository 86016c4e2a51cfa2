//! `Catalog::search`: one substring scan (memchr's `memmem`) over the record arena per
//! keystroke, each hit ranked by which field it is in and where:
//! exact title, title prefix, word match (a syllable or word start, the author, the
//! ISBN's last digits), the rest; ties more-borrowed first, then by title pinyin.

use super::{AUTHOR, AUTHOR_INI, AUTHOR_PY, Catalog, END, FIELDS, SEP, TITLE, TITLE_INI, TITLE_PY};
use crate::store::BookId;
use memchr::memmem;

const EXACT: u8 = 0;
const PREFIX: u8 = 1;
const WORD: u8 = 2;
const REST: u8 = 3;
const NONE: u8 = u8::MAX;

/// Where a hit landed.
struct Hit {
    field: usize,
    /// Offset of the hit inside its field.
    offset: usize,
    /// Length of the field.
    field_len: usize,
    /// Position of the hit in the arena.
    pos: usize,
    /// Length of the needle.
    len: usize,
}

impl Hit {
    /// Whether the hit covers its whole field.
    fn whole(&self) -> bool {
        self.offset == 0 && self.len == self.field_len
    }
}

impl Catalog {
    /// Ranked: exact title, title prefix, word match, the rest; ties more-borrowed
    /// first. Chinese substring (1 character too), pinyin initials, full pinyin with or
    /// without `'`, ISBN or its last digits (3 or more), Latin ignoring case.
    /// Empty/blank query → empty.
    pub fn search(&self, query: &str) -> Vec<BookId> {
        self.search_with(query, (self.len() / 16).max(512))
    }

    /// Per tier (exact, prefix, word, rest), the letters a–z whose one-letter query
    /// would find book `i` at that tier: the same rules as the scan ([`Catalog::ascii_tier`]
    /// with no syllable breaks), applied to every letter of the four pinyin fields.
    pub(super) fn letter_tiers(&self, i: usize) -> [u32; 4] {
        let mut tiers = [0u32; 4];
        let start = self.at[i] as usize;
        for field in [TITLE_PY, AUTHOR_PY, TITLE_INI, AUTHOR_INI] {
            let text = self.field(i, field).as_bytes();
            let fs = start + usize::from(self.fields[i][field - 1]);
            for (offset, &b) in text.iter().enumerate() {
                if !b.is_ascii_lowercase() {
                    continue;
                }
                let hit = Hit {
                    field,
                    offset,
                    field_len: text.len(),
                    pos: fs + offset,
                    len: 1,
                };
                if let Some(t) = self.ascii_tier(&hit, &[]) {
                    tiers[usize::from(t)] |= 1 << (b - b'a');
                }
            }
        }
        tiers
    }

    /// A Latin or pinyin query (lowercase, syllable breaks removed, `breaks` where they
    /// were) scanned over the arena.
    fn scan_ascii(&self, joined: &str, breaks: &[usize], mark: &mut impl FnMut(usize, u8)) {
        let len = joined.len();
        let initials = breaks.is_empty();
        let bound = |field: usize, field_len: usize| match field {
            TITLE_PY => Some(if field_len == len { EXACT } else { PREFIX }),
            TITLE_INI if initials => Some(if field_len == len { EXACT } else { PREFIX }),
            AUTHOR_PY => Some(WORD),
            AUTHOR_INI if initials => Some(WORD),
            _ => None,
        };
        self.scan(
            joined.as_bytes(),
            bound,
            |h| self.ascii_tier(h, breaks),
            mark,
        );
    }

    /// [`Catalog::search`]; with more than `many` hits, ranked in one pass instead of
    /// a sort (the same order; tests compare the two). `fast`: a one-letter query is
    /// answered from the letter tiers worked out at load instead of a scan (the same
    /// hits; tests compare the two).
    pub(super) fn search_with(&self, query: &str, many: usize) -> Vec<BookId> {
        self.search_fast(query, many, true)
    }

    pub(super) fn search_fast(&self, query: &str, many: usize, fast: bool) -> Vec<BookId> {
        let query: String = query
            .trim()
            .chars()
            .filter(|&c| c != SEP as char && c != END as char)
            .collect();
        if query.is_empty() || self.is_empty() {
            return Vec::new();
        }
        let mut best = vec![NONE; self.len()];
        let mut hits: Vec<u32> = Vec::new();
        let mut mark = |book: usize, tier: u8| {
            if best[book] == NONE {
                hits.push(book as u32);
            }
            best[book] = best[book].min(tier);
        };
        if query.is_ascii() {
            let lower = query.to_ascii_lowercase();
            let pieces: Vec<&str> = lower
                .split(|c: char| c == '\'' || c.is_whitespace() || c == '-')
                .filter(|p| !p.is_empty())
                .collect();
            let joined = pieces.concat();
            if joined.is_empty() {
                return Vec::new();
            }
            // Offsets inside `joined` where the typed syllables start after the first.
            let mut breaks = Vec::new();
            let mut len = 0;
            for p in &pieces {
                if len > 0 {
                    breaks.push(len);
                }
                len += p.len();
            }
            let isbn_like = joined.bytes().all(|b| b.is_ascii_digit())
                || (joined.len() == 10
                    && joined[..9].bytes().all(|b| b.is_ascii_digit())
                    && joined.ends_with('x'));
            if isbn_like {
                self.isbn_hits(&joined, &mut mark);
            }
            if let [letter @ b'a'..=b'z'] = joined.as_bytes()
                && fast
            {
                let bit = 1u32 << (letter - b'a');
                for (i, tiers) in self.letters.iter().enumerate() {
                    if let Some(t) = tiers.iter().position(|&m| m & bit != 0) {
                        mark(i, t as u8);
                    }
                }
            } else {
                self.scan_ascii(&joined, &breaks, &mut mark);
            }
        } else {
            let len = query.len();
            let bound = |field: usize, field_len: usize| match field {
                TITLE => Some(if field_len == len { EXACT } else { PREFIX }),
                AUTHOR => Some(WORD),
                _ => None,
            };
            self.scan(query.as_bytes(), bound, cjk_tier, &mut mark);
        }
        if hits.len() > many {
            // Many hits (a letter or two typed): one pass in tie order, no sort.
            let mut tiers: [Vec<BookId>; 4] = Default::default();
            for &i in &self.pop_order {
                let t = best[i as usize];
                if t != NONE {
                    tiers[usize::from(t)].push(self.ids[i as usize]);
                }
            }
            return tiers.concat();
        }
        let mut keys: Vec<u64> = hits
            .iter()
            .map(|&i| {
                let i = i as usize;
                let borrows = u64::from(u16::MAX - self.info[i].borrows);
                (u64::from(best[i]) << 62)
                    | (borrows << 46)
                    | ((u64::from(self.rank[i]) & 0x7F_FFFF) << 23)
                    | (i as u64 & 0x7F_FFFF)
            })
            .collect();
        keys.sort_unstable();
        keys.into_iter()
            .map(|k| self.ids[(k & 0x7F_FFFF) as usize])
            .collect()
    }

    /// Every book with a hit of `needle`, rated by `tier` (None: not a match). The
    /// arena is searched for the next hit; its book is then rated field by field, only
    /// in the fields that could still improve its rank (`bound`: the best a field of
    /// that length can give, None if it cannot match), and the scan moves on to the
    /// next book — so a one-letter query costs one pass, not one step per letter.
    fn scan(
        &self,
        needle: &[u8],
        bound: impl Fn(usize, usize) -> Option<u8>,
        tier: impl Fn(&Hit) -> Option<u8>,
        mark: &mut impl FnMut(usize, u8),
    ) {
        let finder = memmem::Finder::new(needle);
        let arena = &self.arena[..];
        let mut book = 0usize;
        let mut starts = [0usize; FIELDS + 1];
        let mut pos = 0usize;
        while let Some(found) = finder.find(&arena[pos..]) {
            let p = pos + found;
            // Hits are dense for short queries: step, then search.
            let mut steps = 0;
            while self.at[book + 1] as usize <= p && steps < 4 {
                book += 1;
                steps += 1;
            }
            if self.at[book + 1] as usize <= p {
                book += self.at[book + 1..].partition_point(|&a| a as usize <= p);
            }
            let (s, e) = (self.at[book] as usize, self.at[book + 1] as usize);
            starts[0] = s;
            for (f, &off) in self.fields[book].iter().enumerate() {
                starts[f + 1] = s + usize::from(off);
            }
            starts[FIELDS] = e;
            let first = starts[1..].iter().take_while(|&&st| st <= p).count();
            let mut best = NONE;
            for field in first..FIELDS {
                let (fs, fe) = (starts[field], starts[field + 1] - 1);
                let field_len = fe - fs;
                if field_len < needle.len() {
                    continue;
                }
                match bound(field, field_len) {
                    Some(b) if b < best => {}
                    _ => continue,
                }
                let mut rate = |off: usize| {
                    let hit = Hit {
                        field,
                        offset: off,
                        field_len,
                        pos: fs + off,
                        len: needle.len(),
                    };
                    if let Some(t) = tier(&hit) {
                        best = best.min(t);
                        // Nothing later in this field ranks higher.
                        return t <= WORD;
                    }
                    false
                };
                let hay = &arena[fs..fe];
                if needle.len() == 1 {
                    for off in memchr::memchr_iter(needle[0], hay) {
                        if rate(off) {
                            break;
                        }
                    }
                } else {
                    for off in finder.find_iter(hay) {
                        if rate(off) {
                            break;
                        }
                    }
                }
                if best == EXACT {
                    break;
                }
            }
            if best != NONE {
                mark(book, best);
            }
            pos = e;
            if pos >= arena.len() {
                break;
            }
        }
    }

    fn ascii_tier(&self, h: &Hit, breaks: &[usize]) -> Option<u8> {
        match h.field {
            TITLE_PY | AUTHOR_PY => {
                let at_start = self.bit(h.pos);
                // Syllables typed apart must be syllables apart in the book.
                let apart = breaks.iter().all(|&b| self.bit(h.pos + b));
                let allowed = breaks.is_empty() || (at_start && apart);
                if !allowed {
                    return None;
                }
                Some(match h.field {
                    TITLE_PY if h.whole() => EXACT,
                    TITLE_PY if h.offset == 0 => PREFIX,
                    _ if at_start => WORD,
                    _ => REST,
                })
            }
            TITLE_INI if breaks.is_empty() => Some(if h.whole() {
                EXACT
            } else if h.offset == 0 {
                PREFIX
            } else {
                WORD
            }),
            AUTHOR_INI if breaks.is_empty() => Some(if h.offset == 0 { WORD } else { REST }),
            _ => None,
        }
    }

    /// ISBN equal to a whole ISBN typed (10 or 13 digits), or ending in the digits typed.
    fn isbn_hits(&self, digits: &str, mark: &mut impl FnMut(usize, u8)) {
        if let Ok(full) = crate::store::normalize_isbn(digits)
            && let Ok(n) = full.parse::<u64>()
        {
            for (i, &isbn) in self.isbn.iter().enumerate() {
                if isbn == n {
                    mark(i, EXACT);
                }
            }
            return;
        }
        if !(3..=13).contains(&digits.len()) {
            return;
        }
        let Ok(tail) = digits.parse::<u64>() else {
            return;
        };
        let m = 10u64.pow(digits.len() as u32);
        for (i, &isbn) in self.isbn.iter().enumerate() {
            if isbn != 0 && isbn % m == tail {
                mark(i, WORD);
            }
        }
    }
}

/// A Chinese (non-ASCII) query: a substring of the title or the author as written.
fn cjk_tier(h: &Hit) -> Option<u8> {
    match h.field {
        TITLE if h.whole() => Some(EXACT),
        TITLE if h.offset == 0 => Some(PREFIX),
        TITLE => Some(REST),
        AUTHOR if h.offset == 0 => Some(WORD),
        AUTHOR => Some(REST),
        _ => None,
    }
}
