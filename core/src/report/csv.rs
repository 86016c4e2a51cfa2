//! The report as CSV files, one per table, UTF-8 with a byte-order mark so that Excel
//! (which staff have on the office PC) opens the Chinese correctly.

use super::{Report, change};
use crate::store::figures::Count;

/// UTF-8's byte-order mark: how Excel knows a CSV is UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Text someone typed (a title, a reply), made safe for a spreadsheet: one starting
/// `=`, `+`, `-` or `@` would run as a formula in Excel, so it gets a leading `'`.
pub fn defused(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// One table: its file name and its rows (the first is the header).
pub struct Table {
    pub name: &'static str,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    fn new(name: &'static str, header: &[&str]) -> Table {
        Table {
            name,
            rows: vec![header.iter().map(|h| h.to_string()).collect()],
        }
    }

    fn row(&mut self, cells: impl IntoIterator<Item = String>) {
        self.rows.push(cells.into_iter().collect());
    }

    /// The file's bytes: BOM, then the rows, CRLF line ends (as Excel writes them).
    pub fn bytes(&self) -> Vec<u8> {
        let mut out = BOM.to_vec();
        let mut w = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .from_writer(Vec::new());
        for row in &self.rows {
            // Writing to memory cannot fail.
            let _ = w.write_record(row);
        }
        out.extend(w.into_inner().unwrap_or_default());
        out
    }
}

fn counts(name: &'static str, header: &[&str], counts: &[Count]) -> Table {
    let mut t = Table::new(name, header);
    for c in counts {
        t.row([defused(&c.name), c.n.to_string()]);
    }
    t
}

fn f1(x: f64) -> String {
    format!("{x:.1}")
}

fn opt1(x: Option<f64>) -> String {
    x.map(f1).unwrap_or_default()
}

/// Every table of the report, in the order the PDF shows them.
pub fn tables(r: &Report) -> Vec<Table> {
    let f = &r.figures;
    let mut headline = Table::new(
        "概况.csv",
        &["项目", "本期", "上期", "比上期", "去年同期", "比去年同期"],
    );
    let prev = r.previous.as_ref().map(|c| c.headline.items());
    let year = r.year_before.as_ref().map(|c| c.headline.items());
    for (i, (zh, _, _, n)) in r.headline.items().into_iter().enumerate() {
        let p = prev.map(|p| p[i].3);
        let y = year.map(|y| y[i].3);
        headline.row([
            zh.to_string(),
            n.to_string(),
            p.map(|p| p.to_string()).unwrap_or_default(),
            change(n, p),
            y.map(|y| y.to_string()).unwrap_or_default(),
            change(n, y),
        ]);
    }

    let mut daily = Table::new("每日.csv", &["日期", "来访", "充电"]);
    for (v, c) in f.visits.by_day.iter().zip(&f.charging.by_day) {
        daily.row([v.date.to_string(), v.n.to_string(), c.n.to_string()]);
    }
    let mut hourly = Table::new("每小时.csv", &["时段", "来访", "充电"]);
    for h in 0..24 {
        hourly.row([
            format!("{h:02}:00-{:02}:00", h + 1),
            f.visits.by_hour[h].to_string(),
            f.charging.by_hour[h].to_string(),
        ]);
    }

    let c = &f.charging;
    let mut charging = Table::new("充电.csv", &["项目", "数值"]);
    for (k, v) in [
        ("开始充电（次）", c.sessions.to_string()),
        ("已结束（次）", c.finished.to_string()),
        ("总时长（小时）", f1(c.hours)),
        ("时长中位数（分钟）", opt1(c.median_minutes)),
    ] {
        charging.row([k.to_string(), v]);
    }
    let mut slots = Table::new("充电口故障.csv", &["充电口", "故障次数", "停用小时"]);
    for o in &c.slots_out {
        slots.row([defused(&o.slot), o.faults.to_string(), f1(o.hours)]);
    }

    let b = &f.reading;
    let mut reading = Table::new("借阅.csv", &["项目", "数值"]);
    for (k, v) in [
        ("借出", b.loans),
        ("归还", b.returns),
        ("遗失", b.lost),
        ("未登记放回", b.visitor_returns),
        ("期末逾期未还", b.overdue),
        ("新上架（种）", b.new_books),
    ] {
        reading.row([k.to_string(), v.to_string()]);
    }

    let w = &f.wishes;
    let mut wishes = Table::new("微心愿.csv", &["环节", "数量"]);
    for (k, v) in [
        ("收到", w.received),
        ("审核通过", w.approved),
        ("认领", w.claimed),
        ("圆梦", w.fulfilled),
        ("未通过", w.declined),
        ("撤回", w.withdrawn),
    ] {
        wishes.row([k.to_string(), v.to_string()]);
    }
    wishes.row([
        "通过到圆梦中位数（天）".to_string(),
        opt1(w.median_days_to_fulfil),
    ]);

    let g = &f.suggestions;
    let mut suggestions = Table::new("意见建议.csv", &["项目", "数值"]);
    for (k, v) in [
        ("收到", g.received.to_string()),
        ("答复", g.answered.to_string()),
        ("公开为你说我办", g.published.to_string()),
        ("答复用时中位数（天）", opt1(g.median_days_to_answer)),
    ] {
        suggestions.row([k.to_string(), v]);
    }
    let mut replies = Table::new("你说我办.csv", &["类别", "答复"]);
    for x in &g.replies {
        replies.row([x.kind.clone(), defused(&x.reply)]);
    }

    let mut seasonal = Table::new("季节服务.csv", &["类别", "通知", "开始", "结束"]);
    for x in &f.notices.seasonal {
        seasonal.row([
            x.category.clone(),
            defused(&x.title),
            x.from.to_string(),
            x.until.map(|u| u.to_string()).unwrap_or_default(),
        ]);
    }
    let mut outages = Table::new("设施暂停.csv", &["设施", "状态", "次数", "小时"]);
    for o in &f.outages {
        outages.row([
            defused(&o.amenity),
            o.status.clone(),
            o.times.to_string(),
            f1(o.hours),
        ]);
    }

    vec![
        headline,
        daily,
        hourly,
        charging,
        slots,
        reading,
        counts("热门图书.csv", &["书名", "借出次数"], &b.top_titles),
        counts("借阅分类.csv", &["分类", "借出"], &b.by_category),
        wishes,
        counts("微心愿类别.csv", &["类别", "收到"], &w.by_kind),
        counts("微心愿职业.csv", &["职业", "收到"], &w.by_occupation),
        suggestions,
        replies,
        counts("通知类别.csv", &["类别", "发布中"], &f.notices.by_category),
        seasonal,
        outages,
    ]
}
