use super::*;

fn texts(raw: &str) -> Vec<String> {
    candidates(Dictionary::shared(), raw)
        .into_iter()
        .map(|c| c.text)
        .collect()
}

fn first(raw: &str) -> String {
    texts(raw).into_iter().next().unwrap_or_default()
}

fn rank(raw: &str, word: &str) -> Option<usize> {
    texts(raw).iter().position(|t| t == word)
}

#[test]
fn composes_sentences() {
    for (raw, want) in [
        ("haizideshubao", "孩子的书包"),
        ("xiexienimen", "谢谢你们"),
        ("diandongchedianchi", "电动车电池"),
        ("kuaidixiaoge", "快递小哥"),
        ("huanweigongren", "环卫工人"),
        ("waimaiqishou", "外卖骑手"),
        ("nuanshou", "暖手"),
    ] {
        assert_eq!(first(raw), want, "{raw}: {:?}", &texts(raw)[..5]);
    }
}

#[test]
fn ambiguous_input() {
    assert_eq!(first("xianggang"), "香港");
    assert!(rank("fangan", "方案").is_some_and(|r| r < 3));
    assert_eq!(first("xi'an"), "西安");
    let xian = texts("xian");
    assert!(["先", "现", "线"].contains(&xian[0].as_str()), "{xian:?}");
    assert!(xian.iter().any(|t| t == "西安"));
}

#[test]
fn abbreviations_and_v() {
    assert!(
        rank("xg", "小哥").is_some_and(|r| r < 8),
        "{:?}",
        texts("xg")
    );
    assert!(
        rank("kd", "快递").is_some_and(|r| r < 8),
        "{:?}",
        texts("kd")
    );
    // A whole-input word gains the end lift as composed sentences do,
    // so 回来吗 (吗 ends sentences) stays behind 红楼梦.
    assert_eq!(first("hlm"), "红楼梦");
    assert_eq!(first("lv"), "绿");
    assert_eq!(first("nv"), "女");
    assert!(rank("lve", "略").is_some());
    assert!(rank("lue", "略").is_some());
}

#[test]
fn ranking_groups() {
    let c = candidates(Dictionary::shared(), "kuaidixiaoge");
    assert!(c.len() <= MAX_CANDIDATES && c.len() > 10);
    assert_eq!(c[0].consumed, 12);
    // Consumed letters never grow down the list once past whole matches
    // (and the leading word of a composed first sentence).
    let mut partial: Vec<usize> = c.iter().map(|x| x.consumed).filter(|&n| n < 12).collect();
    if c[0].text != "快递小哥" {
        partial.remove(0);
    }
    // Less likely segmentations (ku'ai...) come last, in their own order.
    let best_seg = partial.iter().position(|&n| n < 4).unwrap_or(partial.len());
    partial.truncate(best_seg);
    assert!(partial.windows(2).all(|w| w[0] >= w[1]), "{partial:?}");
    assert!(c.iter().any(|x| x.text == "快递" && x.consumed == 6));
    assert!(c.iter().any(|x| x.text == "快" && x.consumed == 4));
    let mut seen = std::collections::HashSet::new();
    assert!(c.iter().all(|x| seen.insert(x.text.clone())), "duplicates");
}

#[test]
fn whole_sentences() {
    for (raw, want) in [
        ("xiangyaoyifufanghanshoutao", "想要一副防寒手套"),
        ("xiwangzengjiajibayizi", "希望增加几把椅子"),
        // The end lift: 不在 and 雨衣 end sentences, 不再 and 予以 rarely.
        ("zhanzhangjintianbuzai", "站长今天不在"),
        ("xiwangyougengduodeyuyi", "希望有更多的雨衣"),
    ] {
        assert_eq!(first(raw), want, "{raw}: {:?}", &texts(raw)[..5]);
    }
}

#[test]
fn sentence_then_leading_word() {
    let dict = Dictionary::shared();
    let c = candidates(dict, "xiangyaoyifufanghanshoutao");
    assert_eq!(c[0].text, "想要一副防寒手套");
    // Whole-input alternatives, then the leading word of the best one.
    let lead = c.iter().position(|x| x.consumed < 26).unwrap();
    assert!(lead <= 1 + RUNNERS_UP, "{c:?}");
    assert_eq!((c[lead].text.as_str(), c[lead].consumed), ("想要", 8));
    let mut composer = crate::ime::Composer::new();
    for ch in "xiangyaoyifufanghanshoutao".chars() {
        composer.push(ch);
    }
    assert_eq!(composer.pick(&c[lead]), "想要");
    assert_eq!(composer.raw(), "yifufanghanshoutao");
    assert_eq!(composer.candidates(dict)[0].text, "一副防寒手套");
}

#[test]
fn rare_characters_stay_behind() {
    let dict = Dictionary::shared();
    assert!(
        dict.exact(&[crate::ime::syllables::syllable_id("mo").unwrap()])
            .any(|e| dict.word(e) == "銆")
    );
    let mo = texts("mo");
    let rare = mo.iter().position(|t| t == "銆");
    let common = mo.iter().position(|t| t == "膜").unwrap();
    assert!(rare.is_none_or(|r| r > common), "{mo:?}");
    let s = first("shoujipingmusuilexianghuangemo");
    assert!(!s.contains('銆'), "{s}");
    assert!(s.starts_with("手机屏幕碎了"), "{s}");
}

/// Readings of `word`: its dictionary readings, or the main reading of
/// each character.
fn readings(dict: &Dictionary, word: &str) -> Vec<String> {
    use crate::ime::syllables::SYLLABLES;
    let spell = |e: usize| -> String {
        dict.syllables(e)
            .iter()
            .map(|&s| SYLLABLES[s as usize])
            .collect()
    };
    let mut out: Vec<String> = (0..dict.len())
        .filter(|&e| dict.word(e) == word)
        .map(spell)
        .collect();
    if out.is_empty() {
        let per_char: Option<String> = word
            .chars()
            .map(|c| {
                let c = c.to_string();
                (0..dict.len())
                    .filter(|&e| dict.word(e) == c)
                    .max_by_key(|&e| dict.freq(e))
                    .map(spell)
            })
            .collect();
        out.extend(per_char);
    }
    out.sort();
    out.dedup();
    out
}

#[test]
fn vulgar_words_never_composed_or_first() {
    let dict = Dictionary::shared();
    let guard = Guard::shared();
    let mut checked = 0;
    for &word in guard.words() {
        for reading in readings(dict, word) {
            checked += 1;
            // Alone: never first, never early, only as the exact word.
            let c = candidates(dict, &reading);
            assert!(
                c.first().is_none_or(|x| !guard.is_vulgar(&x.text)),
                "{word} {reading}: {c:?}"
            );
            for (i, x) in c.iter().enumerate() {
                if guard.is_vulgar(&x.text) {
                    assert!(guard.words().contains(&x.text.as_str()), "{reading}: {c:?}");
                    assert!(
                        i >= VULGAR_MIN_RANK && x.consumed == reading.len(),
                        "{reading}: {c:?}"
                    );
                }
            }
            // Inside a sentence: never.
            for raw in [
                format!("xiwang{reading}"),
                format!("{reading}yizi"),
                format!("woyao{reading}le"),
                format!("zhegeren{reading}"),
            ] {
                let c = candidates(dict, &raw);
                assert!(c.iter().all(|x| !guard.is_vulgar(&x.text)), "{raw}: {c:?}");
            }
        }
    }
    assert!(checked >= guard.words().len(), "{checked}");
}

#[test]
fn innocent_homophones_survive() {
    let guard = Guard::shared();
    for raw in [
        "xiwangzengjiajibayizi",
        "jiba",
        "jibayizi",
        "shengzhi",
        "shengzhiqi",
        "shabi",
        "caonima",
        "niubi",
        "tamade",
        "diaosi",
        "qiangjian",
        "shentiqiangjian",
        "zazhong",
        "biaozi",
        "jianren",
        "chusheng",
        "wangbadan",
    ] {
        let c = texts(raw);
        assert!(!c.is_empty(), "{raw}");
        assert!(!guard.is_vulgar(&c[0]), "{raw}: {c:?}");
        assert!(
            c.iter().take(VULGAR_MIN_RANK).all(|t| !guard.is_vulgar(t)),
            "{raw}: {c:?}"
        );
    }
    assert_eq!(first("xiwangzengjiajibayizi"), "希望增加几把椅子");
    assert_eq!(first("shentiqiangjian"), "身体强健");
}

#[test]
fn unmatched_letters() {
    assert!(candidates(Dictionary::shared(), "").is_empty());
    assert!(candidates(Dictionary::shared(), "'''").is_empty());
    assert!(candidates(Dictionary::shared(), "iii").is_empty());
    // Letters before an unknown one still match.
    let c = candidates(Dictionary::shared(), "haoiii");
    assert!(c.iter().any(|x| x.text == "好" && x.consumed == 3));
}
