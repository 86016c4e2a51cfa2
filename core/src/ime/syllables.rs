//! Pinyin syllable table and segmentation of raw input into syllable tokens.
//!
//! Syllable ids are indexes into [`SYLLABLES`], which is sorted, so all
//! syllables sharing a prefix (e.g. every syllable starting with `zh`) form a
//! contiguous id range. A [`Token`] is therefore a range of ids: a complete
//! syllable is a range of one, an abbreviation (`x`, `zh`) or an unfinished
//! final syllable (`sho`) covers every syllable it may stand for.

use std::ops::Range;

/// Every toneless syllable of the dictionary, `v` standing for ü, sorted.
pub const SYLLABLES: &[&str] = &[
    "a", "ai", "an", "ang", "ao", "ba", "bai", "ban", "bang", "bao", "bei", "ben", "beng", "bi",
    "bian", "biao", "bie", "bin", "bing", "bo", "bu", "ca", "cai", "can", "cang", "cao", "ce",
    "cen", "ceng", "cha", "chai", "chan", "chang", "chao", "che", "chen", "cheng", "chi", "chong",
    "chou", "chu", "chua", "chuai", "chuan", "chuang", "chui", "chun", "chuo", "ci", "cong", "cou",
    "cu", "cuan", "cui", "cun", "cuo", "da", "dai", "dan", "dang", "dao", "de", "dei", "den",
    "deng", "di", "dia", "dian", "diao", "die", "ding", "diu", "dong", "dou", "du", "duan", "dui",
    "dun", "duo", "e", "ei", "en", "eng", "er", "fa", "fan", "fang", "fei", "fen", "feng", "fiao",
    "fo", "fou", "fu", "ga", "gai", "gan", "gang", "gao", "ge", "gei", "gen", "geng", "gong",
    "gou", "gu", "gua", "guai", "guan", "guang", "gui", "gun", "guo", "ha", "hai", "han", "hang",
    "hao", "he", "hei", "hen", "heng", "hong", "hou", "hu", "hua", "huai", "huan", "huang", "hui",
    "hun", "huo", "ji", "jia", "jian", "jiang", "jiao", "jie", "jin", "jing", "jiong", "jiu", "ju",
    "juan", "jue", "jun", "ka", "kai", "kan", "kang", "kao", "ke", "kei", "ken", "keng", "kong",
    "kou", "ku", "kua", "kuai", "kuan", "kuang", "kui", "kun", "kuo", "la", "lai", "lan", "lang",
    "lao", "le", "lei", "len", "leng", "li", "lia", "lian", "liang", "liao", "lie", "lin", "ling",
    "liu", "lo", "long", "lou", "lu", "luan", "lun", "luo", "lv", "lve", "ma", "mai", "man",
    "mang", "mao", "me", "mei", "men", "meng", "mi", "mian", "miao", "mie", "min", "ming", "miu",
    "mo", "mou", "mu", "na", "nai", "nan", "nang", "nao", "ne", "nei", "nen", "neng", "ni", "nia",
    "nian", "niang", "niao", "nie", "nin", "ning", "niu", "nong", "nou", "nu", "nuan", "nun",
    "nuo", "nv", "nve", "o", "ou", "pa", "pai", "pan", "pang", "pao", "pei", "pen", "peng", "pi",
    "pian", "piao", "pie", "pin", "ping", "po", "pou", "pu", "qi", "qia", "qian", "qiang", "qiao",
    "qie", "qin", "qing", "qiong", "qiu", "qu", "quan", "que", "qun", "ran", "rang", "rao", "re",
    "ren", "reng", "ri", "rong", "rou", "ru", "rua", "ruan", "rui", "run", "ruo", "sa", "sai",
    "san", "sang", "sao", "se", "sen", "seng", "sha", "shai", "shan", "shang", "shao", "she",
    "shei", "shen", "sheng", "shi", "shou", "shu", "shua", "shuai", "shuan", "shuang", "shui",
    "shun", "shuo", "si", "song", "sou", "su", "suan", "sui", "sun", "suo", "ta", "tai", "tan",
    "tang", "tao", "te", "tei", "teng", "ti", "tian", "tiao", "tie", "ting", "tong", "tou", "tu",
    "tuan", "tui", "tun", "tuo", "wa", "wai", "wan", "wang", "wei", "wen", "weng", "wo", "wu",
    "xi", "xia", "xian", "xiang", "xiao", "xie", "xin", "xing", "xiong", "xiu", "xu", "xuan",
    "xue", "xun", "ya", "yan", "yang", "yao", "ye", "yi", "yin", "ying", "yo", "yong", "you", "yu",
    "yuan", "yue", "yun", "za", "zai", "zan", "zang", "zao", "ze", "zei", "zen", "zeng", "zha",
    "zhai", "zhan", "zhang", "zhao", "zhe", "zhei", "zhen", "zheng", "zhi", "zhong", "zhou", "zhu",
    "zhua", "zhuai", "zhuan", "zhuang", "zhui", "zhun", "zhuo", "zi", "zong", "zou", "zu", "zuan",
    "zui", "zun", "zuo",
];

/// Common alternative spellings typed by users, mapped to the table spelling.
const ALIASES: &[(&str, &str)] = &[
    ("jv", "ju"),
    ("jvan", "juan"),
    ("jve", "jue"),
    ("jvn", "jun"),
    ("lue", "lve"),
    ("nue", "nve"),
    ("qv", "qu"),
    ("qvan", "quan"),
    ("qve", "que"),
    ("qvn", "qun"),
    ("xv", "xu"),
    ("xvan", "xuan"),
    ("xve", "xue"),
    ("xvn", "xun"),
    ("yv", "yu"),
    ("yvan", "yuan"),
    ("yve", "yue"),
    ("yvn", "yun"),
];

/// Longest syllable spelling, in bytes.
const MAX_SYLLABLE: usize = 6;

/// Id of a complete syllable spelling (aliases included).
pub fn syllable_id(s: &str) -> Option<u16> {
    let s = ALIASES
        .iter()
        .find(|(alias, _)| *alias == s)
        .map_or(s, |(_, canon)| canon);
    SYLLABLES.binary_search(&s).ok().map(|i| i as u16)
}

/// Ids of all syllables starting with `prefix` (empty range if none).
pub fn prefix_range(prefix: &str) -> Range<u16> {
    let lo = SYLLABLES.partition_point(|s| *s < prefix);
    let hi = lo + SYLLABLES[lo..].partition_point(|s| s.starts_with(prefix));
    lo as u16..hi as u16
}

/// What a token of input stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A complete syllable.
    Full,
    /// An initial (`x`, `zh`) or unfinished final syllable: several syllables.
    Partial,
    /// A letter that starts no syllable; matches nothing.
    Unknown,
}

/// One syllable (or abbreviation) of the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the raw input.
    pub start: usize,
    pub end: usize,
    /// Syllable ids this token may stand for.
    pub ids: Range<u16>,
    pub kind: Kind,
}

impl Token {
    pub fn matches(&self, id: u16) -> bool {
        self.ids.contains(&id)
    }

    /// First letter shared by all syllables of the token.
    pub fn letter(&self) -> u8 {
        SYLLABLES
            .get(self.ids.start as usize)
            .map_or(0, |s| s.as_bytes()[0])
    }
}

/// One way of reading the whole input as tokens.
#[derive(Clone, Debug, PartialEq)]
pub struct Segmentation {
    pub tokens: Vec<Token>,
    /// Lower is better: tokens count 1, abbreviations and unknown letters more.
    pub cost: f32,
}

const TOKEN_COST: f32 = 1.0;
const PARTIAL_COST: f32 = 2.5;
const UNKNOWN_COST: f32 = 12.0;
/// Paths kept per input position, and segmentations returned.
const BEAM: usize = 6;
/// Segmentations worse than the best by more than this are dropped.
const SPREAD: f32 = 2.0;

fn is_initial(s: &str) -> bool {
    matches!(s, "zh" | "ch" | "sh")
        || (s.len() == 1 && !matches!(s, "a" | "e" | "i" | "o" | "u" | "v"))
}

/// The few best segmentations of `raw` (letters a-z and apostrophes), best
/// first. Always returns at least one segmentation covering every letter.
pub fn segment(raw: &str) -> Vec<Segmentation> {
    let bytes = raw.as_bytes();
    let n = bytes.len();
    // paths[i]: best partial segmentations covering raw[..i].
    let mut paths: Vec<Vec<Segmentation>> = vec![Vec::new(); n + 1];
    paths[0].push(Segmentation {
        tokens: Vec::new(),
        cost: 0.0,
    });
    let last_letter = bytes.iter().rposition(|&b| b != b'\'').map_or(0, |p| p + 1);
    for i in 0..n {
        if paths[i].is_empty() {
            continue;
        }
        if bytes[i] == b'\'' {
            let carried = std::mem::take(&mut paths[i]);
            for p in carried {
                push_path(&mut paths[i + 1], p);
            }
            continue;
        }
        let run_end = bytes[i..]
            .iter()
            .position(|&b| b == b'\'')
            .map_or(n, |p| i + p);
        let mut steps: Vec<(Token, f32)> = Vec::new();
        for j in i + 1..=run_end.min(i + MAX_SYLLABLE) {
            let s = &raw[i..j];
            if let Some(id) = syllable_id(s) {
                steps.push((token(i, j, id..id + 1, Kind::Full), TOKEN_COST));
            } else if is_initial(s) || (j == last_letter && !prefix_range(s).is_empty()) {
                let ids = prefix_range(s);
                if !ids.is_empty() {
                    steps.push((token(i, j, ids, Kind::Partial), TOKEN_COST + PARTIAL_COST));
                }
            }
        }
        if steps.is_empty() {
            steps.push((token(i, i + 1, 0..0, Kind::Unknown), UNKNOWN_COST));
        }
        let from = paths[i].clone();
        for (tok, cost) in steps {
            for p in &from {
                let mut tokens = p.tokens.clone();
                tokens.push(tok.clone());
                let next = Segmentation {
                    tokens,
                    cost: p.cost + cost,
                };
                push_path(&mut paths[tok.end], next);
            }
        }
    }
    let mut out = std::mem::take(&mut paths[n]);
    if let Some(best) = out.first().map(|s| s.cost) {
        out.retain(|s| s.cost <= best + SPREAD);
    }
    out
}

fn token(start: usize, end: usize, ids: Range<u16>, kind: Kind) -> Token {
    Token {
        start,
        end,
        ids,
        kind,
    }
}

/// Inserts `p` keeping `list` sorted by cost and at most [`BEAM`] long.
fn push_path(list: &mut Vec<Segmentation>, p: Segmentation) {
    let at = list.partition_point(|q| q.cost <= p.cost);
    if at < BEAM {
        list.insert(at, p);
        list.truncate(BEAM);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn best(raw: &str) -> Vec<String> {
        segment(raw)[0]
            .tokens
            .iter()
            .map(|t| raw[t.start..t.end].to_string())
            .collect()
    }

    #[test]
    fn table_is_sorted() {
        assert!(SYLLABLES.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(
            syllable_id("lv"),
            Some(SYLLABLES.binary_search(&"lv").unwrap() as u16)
        );
        assert_eq!(syllable_id("xv"), syllable_id("xu"));
        assert_eq!(prefix_range("zh").len(), 20);
        assert!(prefix_range("q").len() > 10);
        assert!(prefix_range("iq").is_empty());
    }

    #[test]
    fn segments_common_input() {
        assert_eq!(best("nuanshou"), ["nuan", "shou"]);
        assert_eq!(best("kuaidixiaoge"), ["kuai", "di", "xiao", "ge"]);
        assert_eq!(best("xian"), ["xian"]);
        assert_eq!(best("xi'an"), ["xi", "an"]);
        assert_eq!(best("xg"), ["x", "g"]);
        assert_eq!(best("nuansho"), ["nuan", "sho"]);
        let all = segment("xian");
        assert!(all.iter().any(|s| s.tokens.len() == 2), "{all:?}");
    }

    #[test]
    fn odd_input_is_covered() {
        for raw in ["", "'", "'''", "iii", "qqq", "v", "a'", "'a", "uuuuvvvv"] {
            let segs = segment(raw);
            assert!(!segs.is_empty(), "{raw}");
            let letters = raw.bytes().filter(|&b| b != b'\'').count();
            let covered: usize = segs[0].tokens.iter().map(|t| t.end - t.start).sum();
            assert_eq!(covered, letters, "{raw}");
        }
    }
}
