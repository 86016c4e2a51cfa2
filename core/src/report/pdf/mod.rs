//! The report as an A4 PDF in Chinese: the station and the month, the headline numbers
//! in large type with their comparisons, charts (visits and charging by day and by hour,
//! wishes by step, loans by category) and the tables. The bundled Noto Sans CJK is
//! embedded as a subset of the characters used (krilla), so the file is small and opens
//! the same without the font installed.

pub mod canvas;
pub mod chart;

use super::{Report, change, days, hours, palette};
use canvas::{PAGE_H, PAGE_W, Page, fit, width};
use chart::Series;
use chrono::Datelike;

pub use canvas::PdfError;

const MARGIN: f32 = 40.0;
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN;
const BOTTOM: f32 = PAGE_H - 50.0;

/// Pages filled top to bottom.
struct Layout {
    pages: Vec<Page>,
    y: f32,
}

impl Layout {
    fn new() -> Layout {
        Layout {
            pages: vec![Page::default()],
            y: MARGIN,
        }
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a page")
    }

    /// Room for `h` points more, on a new page if this one is full.
    fn need(&mut self, h: f32) {
        if self.y + h > BOTTOM {
            self.pages.push(Page::default());
            self.y = MARGIN;
        }
    }

    fn heading(&mut self, title: &str) {
        self.need(40.0);
        self.y += 22.0;
        let y = self.y;
        self.page()
            .text(MARGIN, y, 13.0, true, palette::TEXT, title);
        self.y += 8.0;
    }

    /// Lines of text wrapped to the content width.
    fn paragraph(&mut self, text: &str, size: f32, color: palette::Rgb) {
        for line in wrap(text, size, CONTENT_W) {
            self.need(size * 1.5);
            self.y += size * 1.5;
            let y = self.y;
            self.page().text(MARGIN, y, size, false, color, &line);
        }
    }

    /// A table with a header row; columns `widths` (points) from the left margin.
    fn table(&mut self, header: &[&str], rows: &[Vec<String>], widths: &[f32]) {
        const ROW: f32 = 17.0;
        let draw_header = |l: &mut Layout| {
            l.y += ROW;
            let y = l.y;
            let mut x = MARGIN;
            for (h, w) in header.iter().zip(widths) {
                l.page().text(x, y - 4.0, 9.0, true, palette::MUTED, h);
                x += w;
            }
            l.page().line(
                (MARGIN, y + 1.0),
                (MARGIN + CONTENT_W, y + 1.0),
                0.8,
                palette::MUTED,
            );
        };
        self.need(ROW * 2.0);
        draw_header(self);
        for row in rows {
            if self.y + ROW > BOTTOM {
                self.need(BOTTOM);
                draw_header(self);
            }
            self.y += ROW;
            let y = self.y;
            let mut x = MARGIN;
            for (cell, w) in row.iter().zip(widths) {
                let text = fit(cell, 9.5, false, w - 6.0);
                self.page()
                    .text(x, y - 4.0, 9.5, false, palette::TEXT, &text);
                x += w;
            }
            self.page().line(
                (MARGIN, y + 1.0),
                (MARGIN + CONTENT_W, y + 1.0),
                0.4,
                palette::GRID,
            );
        }
    }

    fn chart(&mut self, h: f32, draw: impl FnOnce(&mut Page, (f32, f32, f32, f32))) {
        self.need(h + 8.0);
        self.y += 8.0;
        let y = self.y;
        draw(self.page(), (MARGIN, y, CONTENT_W, h));
        self.y += h;
    }
}

/// `text` in lines no wider than `max` (a CJK line may break between any characters).
pub fn wrap(text: &str, size: f32, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.lines() {
        let mut line = String::new();
        for c in para.chars() {
            line.push(c);
            if width(&line, size, false) > max {
                line.pop();
                lines.push(std::mem::take(&mut line));
                line.push(c);
            }
        }
        lines.push(line);
    }
    lines
}

fn header(l: &mut Layout, r: &Report) {
    let page = l.page();
    page.text(MARGIN, MARGIN + 20.0, 20.0, true, palette::TEXT, &r.station);
    page.text(
        MARGIN,
        MARGIN + 46.0,
        16.0,
        false,
        palette::TEXT,
        &format!("{}服务报告", r.label),
    );
    let mut note = format!(
        "{} 至 {}，共 {} 天 · 生成于 {}",
        r.period.first,
        r.period.last,
        r.period.days(),
        r.as_of.format("%Y-%m-%d %H:%M")
    );
    if !r.complete {
        note.push_str("（本期尚未结束，数字截至生成时）");
    }
    page.text(MARGIN, MARGIN + 66.0, 9.0, false, palette::MUTED, &note);
    l.y = MARGIN + 76.0;
}

fn headline(l: &mut Layout, r: &Report) {
    const GAP: f32 = 8.0;
    const H: f32 = 86.0;
    let items = r.headline.items();
    let w = (CONTENT_W - GAP * (items.len() - 1) as f32) / items.len() as f32;
    let prev = r.previous.as_ref().map(|c| c.headline.items());
    let year = r.year_before.as_ref().map(|c| c.headline.items());
    let top = l.y + 10.0;
    let page = l.page();
    for (i, (zh, _, unit, n)) in items.into_iter().enumerate() {
        let x = MARGIN + i as f32 * (w + GAP);
        page.rect(x, top, w, H, palette::PANEL);
        page.text(x + 8.0, top + 18.0, 10.0, false, palette::MUTED, zh);
        let number = n.to_string();
        let size = if number.len() > 5 { 20.0 } else { 26.0 };
        page.text(x + 8.0, top + 50.0, size, true, palette::TEXT, &number);
        let nx = x + 8.0 + width(&number, size, true) + 3.0;
        page.text(nx, top + 50.0, 9.0, false, palette::MUTED, unit);
        let vs = |label: &str, before: Option<i64>| format!("{label} {}", change(n, before));
        page.text(
            x + 8.0,
            top + 66.0,
            8.0,
            false,
            palette::MUTED,
            &vs("比上期", prev.map(|p| p[i].3)),
        );
        page.text(
            x + 8.0,
            top + 78.0,
            8.0,
            false,
            palette::MUTED,
            &vs("比去年同期", year.map(|p| p[i].3)),
        );
    }
    l.y = top + H;
    let compared = format!(
        "上期：{}；去年同期：{}。来访是屏幕被使用的次数（一次连续操作算一次），不是人数。",
        r.previous.as_ref().map_or("没有记录", |c| c.label.as_str()),
        r.year_before
            .as_ref()
            .map_or("没有记录", |c| c.label.as_str()),
    );
    l.paragraph(&compared, 8.5, palette::MUTED);
}

fn charts(l: &mut Layout, r: &Report) {
    let f = &r.figures;
    let day_labels: Vec<String> = f
        .visits
        .by_day
        .iter()
        .map(|d| d.date.day().to_string())
        .collect();
    let visits: Vec<i64> = f.visits.by_day.iter().map(|d| d.n).collect();
    let charging: Vec<i64> = f.charging.by_day.iter().map(|d| d.n).collect();
    let every = if day_labels.len() > 16 { 2 } else { 1 };
    l.chart(190.0, |page, area| {
        chart::bars(
            page,
            area,
            "每日来访与充电",
            &day_labels,
            &[
                Series {
                    name: "来访",
                    color: palette::VISITS,
                    values: &visits,
                },
                Series {
                    name: "充电",
                    color: palette::CHARGING,
                    values: &charging,
                },
            ],
            every,
        )
    });
    let hour_labels: Vec<String> = (0..24).map(|h| format!("{h}时")).collect();
    l.chart(170.0, |page, area| {
        chart::bars(
            page,
            area,
            "各时段来访与充电（全期合计）",
            &hour_labels,
            &[
                Series {
                    name: "来访",
                    color: palette::VISITS,
                    values: &f.visits.by_hour,
                },
                Series {
                    name: "充电",
                    color: palette::CHARGING,
                    values: &f.charging.by_hour,
                },
            ],
            3,
        )
    });
    let w = &f.wishes;
    let steps: Vec<String> = ["收到", "通过", "认领", "圆梦", "未通过", "撤回"]
        .map(String::from)
        .to_vec();
    let counts = [
        w.received,
        w.approved,
        w.claimed,
        w.fulfilled,
        w.declined,
        w.withdrawn,
    ];
    let cats: Vec<String> = f
        .reading
        .by_category
        .iter()
        .map(|c| c.name.clone())
        .collect();
    let loans: Vec<i64> = f.reading.by_category.iter().map(|c| c.n).collect();
    l.chart(150.0, |page, area| {
        chart::bars(
            page,
            area,
            "微心愿各环节",
            &steps,
            &[Series {
                name: "微心愿",
                color: palette::WISHES,
                values: &counts,
            }],
            1,
        )
    });
    l.chart(150.0, |page, area| {
        chart::bars(
            page,
            area,
            "按分类借出",
            &cats,
            &[Series {
                name: "借阅",
                color: palette::LOANS,
                values: &loans,
            }],
            1,
        )
    });
}

fn tables(l: &mut Layout, r: &Report) {
    let f = &r.figures;
    let kv = |pairs: &[(&str, String)]| -> Vec<Vec<String>> {
        pairs
            .iter()
            .map(|(k, v)| vec![k.to_string(), v.clone()])
            .collect()
    };
    let c = &f.charging;
    l.heading("手机充电");
    l.table(
        &["项目", "数值"],
        &kv(&[
            ("开始充电", format!("{} 次", c.sessions)),
            ("已结束", format!("{} 次", c.finished)),
            ("充电总时长", format!("{} 小时", hours(c.hours))),
            (
                "每次时长中位数",
                c.median_minutes
                    .map_or("—".into(), |m| format!("{m:.0} 分钟")),
            ),
        ]),
        &[200.0, 315.0],
    );
    if !c.slots_out.is_empty() {
        let rows: Vec<Vec<String>> = c
            .slots_out
            .iter()
            .map(|o| vec![o.slot.clone(), o.faults.to_string(), hours(o.hours)])
            .collect();
        l.table(
            &["故障的充电口", "故障次数", "停用小时"],
            &rows,
            &[200.0, 150.0, 165.0],
        );
    }
    let b = &f.reading;
    l.heading("阅读角");
    l.table(
        &["项目", "数值"],
        &kv(&[
            ("借出", format!("{} 本次", b.loans)),
            ("归还", format!("{} 本次", b.returns)),
            ("遗失", b.lost.to_string()),
            ("未登记放回", b.visitor_returns.to_string()),
            ("期末逾期未还", b.overdue.to_string()),
            ("新上架", format!("{} 种", b.new_books)),
        ]),
        &[200.0, 315.0],
    );
    if !b.top_titles.is_empty() {
        let rows: Vec<Vec<String>> = b
            .top_titles
            .iter()
            .enumerate()
            .map(|(i, t)| vec![format!("{}. 《{}》", i + 1, t.name), format!("{} 次", t.n)])
            .collect();
        l.table(&["借得最多", "借出"], &rows, &[400.0, 115.0]);
    }
    let w = &f.wishes;
    l.heading("微心愿");
    l.table(
        &["环节", "数量"],
        &kv(&[
            ("收到", w.received.to_string()),
            ("审核通过", w.approved.to_string()),
            ("认领", w.claimed.to_string()),
            ("圆梦", w.fulfilled.to_string()),
            ("未通过", w.declined.to_string()),
            ("撤回", w.withdrawn.to_string()),
            (
                "从通过到圆梦（中位数）",
                format!("{} 天", days(w.median_days_to_fulfil)),
            ),
        ]),
        &[200.0, 315.0],
    );
    let by = |counts: &[crate::store::figures::Count]| {
        counts
            .iter()
            .map(|c| format!("{} {}", c.name, c.n))
            .collect::<Vec<_>>()
            .join("  ")
    };
    l.paragraph(&format!("按类别：{}", by(&w.by_kind)), 9.0, palette::TEXT);
    l.paragraph(
        &format!("按职业：{}", by(&w.by_occupation)),
        9.0,
        palette::TEXT,
    );
    let g = &f.suggestions;
    l.heading("意见建议");
    l.table(
        &["项目", "数值"],
        &kv(&[
            ("收到", g.received.to_string()),
            ("答复", g.answered.to_string()),
            ("公开为“你说我办”", g.published.to_string()),
            (
                "答复用时（中位数）",
                format!("{} 天", days(g.median_days_to_answer)),
            ),
        ]),
        &[200.0, 315.0],
    );
    for reply in &g.replies {
        l.paragraph(
            &format!("你说我办（{}）：{}", reply.kind, reply.reply),
            9.0,
            palette::TEXT,
        );
    }
    l.heading("通知与季节服务");
    l.paragraph(
        &format!(
            "本期发布中的通知 {} 条：{}",
            f.notices.in_force,
            by(&f.notices.by_category)
        ),
        9.0,
        palette::TEXT,
    );
    if !f.notices.seasonal.is_empty() {
        let rows: Vec<Vec<String>> = f
            .notices
            .seasonal
            .iter()
            .map(|n| {
                vec![
                    n.category.clone(),
                    n.title.clone(),
                    format!(
                        "{} 至 {}",
                        n.from,
                        n.until.map_or("长期".into(), |u| u.to_string())
                    ),
                ]
            })
            .collect();
        l.table(&["季节服务", "通知", "日期"], &rows, &[90.0, 265.0, 160.0]);
    }
    l.heading("设施暂停");
    if f.outages.is_empty() {
        l.paragraph("本期没有设施缺货、维修或暂停使用。", 9.0, palette::TEXT);
    } else {
        let rows: Vec<Vec<String>> = f
            .outages
            .iter()
            .map(|o| {
                vec![
                    o.amenity.clone(),
                    o.status.clone(),
                    o.times.to_string(),
                    hours(o.hours),
                ]
            })
            .collect();
        l.table(
            &["设施", "状态", "次数", "小时"],
            &rows,
            &[160.0, 120.0, 100.0, 135.0],
        );
    }
}

/// The report's pages, laid out (what `write` draws; tests read the texts).
pub fn pages(r: &Report) -> Vec<Page> {
    let mut l = Layout::new();
    header(&mut l, r);
    headline(&mut l, r);
    charts(&mut l, r);
    tables(&mut l, r);
    let total = l.pages.len();
    for (i, page) in l.pages.iter_mut().enumerate() {
        let footer = format!(
            "{} · {} · 第 {} 页，共 {} 页",
            r.station,
            r.label,
            i + 1,
            total
        );
        page.text(MARGIN, PAGE_H - 28.0, 8.0, false, palette::MUTED, &footer);
    }
    l.pages
}

/// The report as PDF bytes.
pub fn write(r: &Report) -> Result<Vec<u8>, PdfError> {
    canvas::write(&pages(r), &r.title())
}
