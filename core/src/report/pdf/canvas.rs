//! What a PDF page holds, as a list of drawing steps (text, rectangles, lines), laid out
//! first and written with krilla last — so the layout is plain data a test can read,
//! and the charts (drawn by plotters through `chart::Backend`) land in the same list.
//! Text is measured with the bundled font's own advances.

use crate::fonts::{FONT_BOLD_BYTES, FONT_REGULAR_BYTES};
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};
use std::sync::OnceLock;

/// A4 in PDF points.
pub const PAGE_W: f32 = 595.0;
pub const PAGE_H: f32 = 842.0;

pub use crate::report::palette::Rgb;

#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// `text` with its baseline's left end at `(x, y)`.
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        color: Rgb,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: Rgb,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
        color: Rgb,
    },
}

/// One page's steps.
#[derive(Debug, Default, Clone)]
pub struct Page {
    pub ops: Vec<Op>,
}

impl Page {
    pub fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, color: Rgb, text: &str) {
        self.ops.push(Op::Text {
            x,
            y,
            size,
            bold,
            color,
            text: text.to_string(),
        });
    }

    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb) {
        if w > 0.0 && h > 0.0 {
            self.ops.push(Op::Rect { x, y, w, h, color });
        }
    }

    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32, color: Rgb) {
        self.ops.push(Op::Line {
            from,
            to,
            width,
            color,
        });
    }

    /// Every text on the page, in drawing order (what a reader would extract).
    pub fn texts(&self) -> Vec<&str> {
        self.ops
            .iter()
            .filter_map(|op| match op {
                Op::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }
}

fn face(bold: bool) -> Option<&'static ttf_parser::Face<'static>> {
    static FACES: OnceLock<[Option<ttf_parser::Face<'static>>; 2]> = OnceLock::new();
    FACES.get_or_init(|| {
        [
            ttf_parser::Face::parse(FONT_REGULAR_BYTES, 0).ok(),
            ttf_parser::Face::parse(FONT_BOLD_BYTES, 0).ok(),
        ]
    })[usize::from(bold)]
    .as_ref()
}

/// How wide `text` is at `size` points.
pub fn width(text: &str, size: f32, bold: bool) -> f32 {
    let Some(face) = face(bold) else {
        return text.chars().count() as f32 * size;
    };
    let em = f32::from(face.units_per_em());
    let units: u32 = text
        .chars()
        .map(|c| {
            face.glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .map_or(u32::from(face.units_per_em()), u32::from)
        })
        .sum();
    units as f32 / em * size
}

/// `text` cut to fit `max` points, with `…` where it was cut.
pub fn fit(text: &str, size: f32, bold: bool, max: f32) -> String {
    if width(text, size, bold) <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        out.push(c);
        if width(&out, size, bold) + width("…", size, bold) > max {
            out.pop();
            break;
        }
    }
    out + "…"
}

/// Why the PDF could not be made.
#[derive(Debug, thiserror::Error)]
#[error("不能生成 PDF：{0} (the PDF could not be made)")]
pub struct PdfError(pub String);

fn fill(color: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

/// Writes the pages as a PDF (the font subset to the characters used).
pub fn write(pages: &[Page], title: &str) -> Result<Vec<u8>, PdfError> {
    let font = |bytes: &'static [u8]| {
        Font::new(bytes.into(), 0).ok_or_else(|| PdfError("字体无法读取 (font)".into()))
    };
    let (regular, bold) = (font(FONT_REGULAR_BYTES)?, font(FONT_BOLD_BYTES)?);
    let mut doc = Document::new();
    doc.set_metadata(
        krilla::metadata::Metadata::new()
            .title(title.to_string())
            .language("zh-CN".into())
            .creator("relay-kiosk".into()),
    );
    let settings =
        PageSettings::from_wh(PAGE_W, PAGE_H).ok_or_else(|| PdfError("page size".into()))?;
    for page in pages {
        let mut p = doc.start_page_with(settings.clone());
        let mut s = p.surface();
        for op in &page.ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    bold: b,
                    color,
                    text,
                } => {
                    s.set_fill(Some(fill(*color)));
                    let f = if *b { bold.clone() } else { regular.clone() };
                    s.draw_text(
                        Point::from_xy(*x, *y),
                        f,
                        *size,
                        text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Op::Rect { x, y, w, h, color } => {
                    let Some(r) = krilla::geom::Rect::from_xywh(*x, *y, *w, *h) else {
                        continue;
                    };
                    let mut pb = PathBuilder::new();
                    pb.push_rect(r);
                    if let Some(path) = pb.finish() {
                        s.set_stroke(None);
                        s.set_fill(Some(fill(*color)));
                        s.draw_path(&path);
                    }
                }
                Op::Line {
                    from,
                    to,
                    width,
                    color,
                } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(from.0, from.1);
                    pb.line_to(to.0, to.1);
                    if let Some(path) = pb.finish() {
                        s.set_fill(None);
                        s.set_stroke(Some(Stroke {
                            paint: rgb::Color::new(color.0, color.1, color.2).into(),
                            width: *width,
                            ..Stroke::default()
                        }));
                        s.draw_path(&path);
                        s.set_stroke(None);
                    }
                }
            }
        }
        s.finish();
        p.finish();
    }
    doc.finish().map_err(|e| PdfError(format!("{e:?}")))
}
