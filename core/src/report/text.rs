//! The report as plain text (`relay-kiosk report`): Chinese, one figure a line.

use super::{Report, change, days, hours};
use chrono::Datelike;
use std::fmt::Write;

/// The whole report as text.
pub fn render(r: &Report) -> String {
    let mut s = String::new();
    let f = &r.figures;
    let _ = writeln!(s, "{}", r.title());
    if !r.complete {
        let at = r.as_of;
        let _ = writeln!(
            s,
            "（本期尚未结束，数字截至 {}月{}日 {} · not over yet）",
            at.month(),
            at.day(),
            at.format("%H:%M")
        );
    }
    section(&mut s, "主要数字 Headline");
    let prev = r.previous.as_ref();
    let year = r.year_before.as_ref();
    let _ = writeln!(
        s,
        "  比较：上期 {}，去年同期 {}",
        prev.map_or("无记录".into(), |c| c.label.clone()),
        year.map_or("无记录".into(), |c| c.label.clone())
    );
    let before = prev.map(|c| c.headline.items());
    let last_year = year.map(|c| c.headline.items());
    for (i, (zh, _, unit, n)) in r.headline.items().into_iter().enumerate() {
        let _ = writeln!(
            s,
            "  {zh}：{n} {unit}（比上期 {}，比去年同期 {}）",
            change(n, before.map(|b| b[i].3)),
            change(n, last_year.map(|b| b[i].3)),
        );
    }

    section(&mut s, "来访 Visits（屏幕使用次数，不是人数）");
    let _ = writeln!(s, "  共 {} 人次", f.visits.total);
    section(&mut s, "手机充电 Charging");
    let c = &f.charging;
    let _ = writeln!(s, "  开始充电：{} 次，已结束 {} 次", c.sessions, c.finished);
    let _ = writeln!(
        s,
        "  充电时长：共 {} 小时，中位数 {} 分钟",
        hours(c.hours),
        c.median_minutes.map_or("—".into(), |m| format!("{m:.0}"))
    );
    if c.slots_out.is_empty() {
        let _ = writeln!(s, "  充电口故障：无");
    }
    for o in &c.slots_out {
        let _ = writeln!(
            s,
            "  充电口 {} 故障 {} 次，停用 {} 小时",
            o.slot,
            o.faults,
            hours(o.hours)
        );
    }
    day_table(&mut s, r);
    hour_table(&mut s, r);

    section(&mut s, "阅读角 Reading corner");
    let b = &f.reading;
    let _ = writeln!(
        s,
        "  借出 {} 本次，归还 {}，遗失 {}，未登记放回 {}",
        b.loans, b.returns, b.lost, b.visitor_returns
    );
    let _ = writeln!(
        s,
        "  期末逾期未还：{} 本；新上架：{} 种",
        b.overdue, b.new_books
    );
    if !b.top_titles.is_empty() {
        let _ = writeln!(s, "  借得最多：");
        for (i, t) in b.top_titles.iter().enumerate() {
            let _ = writeln!(s, "    {}. 《{}》 {} 次", i + 1, t.name, t.n);
        }
    }
    counts_line(&mut s, "按分类借出", &b.by_category);

    section(&mut s, "微心愿 Micro-wishes");
    let w = &f.wishes;
    let _ = writeln!(
        s,
        "  收到 {}，审核通过 {}，认领 {}，圆梦 {}，未通过 {}，撤回 {}",
        w.received, w.approved, w.claimed, w.fulfilled, w.declined, w.withdrawn
    );
    let _ = writeln!(
        s,
        "  从通过到圆梦：中位数 {} 天",
        days(w.median_days_to_fulfil)
    );
    counts_line(&mut s, "按类别", &w.by_kind);
    counts_line(&mut s, "按职业", &w.by_occupation);

    section(&mut s, "意见建议 Suggestions");
    let g = &f.suggestions;
    let _ = writeln!(
        s,
        "  收到 {}，答复 {}，公开为“你说我办” {}；答复用时中位数 {} 天",
        g.received,
        g.answered,
        g.published,
        days(g.median_days_to_answer)
    );
    for reply in &g.replies {
        let _ = writeln!(s, "  你说我办（{}）：{}", reply.kind, reply.reply);
    }

    section(&mut s, "通知与季节服务 Notices");
    let n = &f.notices;
    let _ = writeln!(s, "  本期发布中的通知：{} 条", n.in_force);
    counts_line(&mut s, "按类别", &n.by_category);
    for x in &n.seasonal {
        let _ = writeln!(
            s,
            "  {}：{}（{} 起{}）",
            x.category,
            x.title,
            x.from,
            x.until.map_or(String::new(), |u| format!("，至 {u}"))
        );
    }

    section(&mut s, "设施暂停 Amenity outages");
    if f.outages.is_empty() {
        let _ = writeln!(s, "  无");
    }
    for o in &f.outages {
        let _ = writeln!(
            s,
            "  {} {} {} 次，共 {} 小时",
            o.amenity,
            o.status,
            o.times,
            hours(o.hours)
        );
    }
    s
}

fn section(s: &mut String, title: &str) {
    let _ = writeln!(s, "\n【{title}】");
}

fn counts_line(s: &mut String, what: &str, counts: &[crate::store::figures::Count]) {
    let parts: Vec<String> = counts
        .iter()
        .map(|c| format!("{} {}", c.name, c.n))
        .collect();
    let _ = writeln!(s, "  {what}：{}", parts.join("，"));
}

fn day_table(s: &mut String, r: &Report) {
    let _ = writeln!(s, "  每日（来访 / 充电）：");
    let f = &r.figures;
    for (v, c) in f.visits.by_day.iter().zip(&f.charging.by_day) {
        let _ = writeln!(
            s,
            "    {}月{}日 {} / {}",
            v.date.month(),
            v.date.day(),
            v.n,
            c.n
        );
    }
}

fn hour_table(s: &mut String, r: &Report) {
    let _ = writeln!(s, "  每个时段（来访 / 充电）：");
    let f = &r.figures;
    for h in 0..24 {
        let _ = writeln!(
            s,
            "    {h:02}时 {} / {}",
            f.visits.by_hour[h], f.charging.by_hour[h]
        );
    }
}
