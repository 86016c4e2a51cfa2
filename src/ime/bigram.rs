//! Character-pair lifts for sentence composition: how much more likely one
//! character follows another than chance (data/ime/bigram.txt, from
//! Pinyin2Hanzi's HMM transitions, MIT). A unigram dictionary cannot tell
//! 饭菜凉了 from 饭菜两了; the pair 菜凉 can.

use std::sync::OnceLock;

const DATA: &str = include_str!("../../data/ime/bigram.txt");

pub struct Bigrams {
    /// (first char << 32 | second char), sorted.
    keys: Vec<u64>,
    lifts: Vec<f32>,
}

fn key(a: char, b: char) -> u64 {
    (u64::from(a as u32) << 32) | u64::from(b as u32)
}

impl Bigrams {
    pub fn shared() -> &'static Bigrams {
        static DATA_SET: OnceLock<Bigrams> = OnceLock::new();
        DATA_SET.get_or_init(Bigrams::load)
    }

    /// A fresh parse of the embedded data (for the benchmark).
    pub fn load() -> Bigrams {
        Bigrams::parse(DATA)
    }

    pub fn parse(text: &str) -> Bigrams {
        let mut pairs: Vec<(u64, f32)> = text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (pair, lift) = l.split_once('\t')?;
                let mut cs = pair.chars();
                let (a, b) = (cs.next()?, cs.next()?);
                Some((key(a, b), lift.trim().parse().ok()?))
            })
            .collect();
        pairs.sort_by_key(|p| p.0);
        pairs.dedup_by_key(|p| p.0);
        Bigrams {
            keys: pairs.iter().map(|p| p.0).collect(),
            lifts: pairs.iter().map(|p| p.1).collect(),
        }
    }

    /// ln(P(b | a) / chance), 0 for pairs with no clear lift.
    pub fn lift(&self, a: char, b: char) -> f32 {
        self.keys
            .binary_search(&key(a, b))
            .map_or(0.0, |i| self.lifts[i])
    }

    pub fn heap_bytes(&self) -> usize {
        self.keys.capacity() * 8 + self.lifts.capacity() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_everyday_pairs() {
        let b = Bigrams::shared();
        assert!(b.lift('瓶', '水') > b.lift('瓶', '谁'));
        assert!(b.lift('下', '饭') > 0.0);
        assert_eq!(b.lift('饭', '𫖯'), 0.0);
        let small = Bigrams::parse("# x\n甲乙\t2.5\nbad\n丙丁\tx\n");
        assert_eq!(small.lift('甲', '乙'), 2.5);
        assert_eq!(small.keys.len(), 1);
    }
}
