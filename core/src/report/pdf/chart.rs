//! The report's charts, laid out by plotters (axes, ticks, labels, bars) and drawn into a
//! PDF page through a small plotters backend that turns its shapes into `canvas::Op`s.
//! Plotters works in whole pixels: the backend's pixel is a quarter point, so the charts
//! are as fine as the PDF's own text.

use super::canvas::{self, Page};
use crate::report::palette;
use crate::report::palette::Rgb;
use plotters::prelude::*;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontStyle,
    text_anchor::{HPos, VPos},
};

/// Backend pixels per PDF point.
const SCALE: f32 = 4.0;

/// A plotters backend drawing into `page` in the box at `(x, y)` of `w`×`h` points.
pub struct Backend<'a> {
    page: &'a mut Page,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
}

#[derive(Debug)]
pub struct Never;
impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("never")
    }
}
impl std::error::Error for Never {}

fn rgb(c: BackendColor) -> Rgb {
    c.rgb
}

impl Backend<'_> {
    fn pt(&self, (x, y): BackendCoord) -> (f32, f32) {
        (self.x + x as f32 / SCALE, self.y + y as f32 / SCALE)
    }
}

impl plotters_backend::DrawingBackend for Backend<'_> {
    type ErrorType = Never;

    fn get_size(&self) -> (u32, u32) {
        ((self.w * SCALE) as u32, (self.h * SCALE) as u32)
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Never>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Never>> {
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        p: BackendCoord,
        c: BackendColor,
    ) -> Result<(), DrawingErrorKind<Never>> {
        if c.alpha > 0.0 {
            let (x, y) = self.pt(p);
            self.page.rect(x, y, 1.0 / SCALE, 1.0 / SCALE, rgb(c));
        }
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Never>> {
        if style.color().alpha > 0.0 {
            let width = style.stroke_width().max(1) as f32 / SCALE;
            let (from, to) = (self.pt(from), self.pt(to));
            self.page.line(from, to, width, rgb(style.color()));
        }
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Never>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let (a, b) = (self.pt(upper_left), self.pt(bottom_right));
        let color = rgb(style.color());
        if fill {
            self.page.rect(a.0, a.1, b.0 - a.0, b.1 - a.1, color);
        } else {
            let w = style.stroke_width().max(1) as f32 / SCALE;
            for (p, q) in [
                ((a.0, a.1), (b.0, a.1)),
                ((b.0, a.1), (b.0, b.1)),
                ((b.0, b.1), (a.0, b.1)),
                ((a.0, b.1), (a.0, a.1)),
            ] {
                self.page.line(p, q, w, color);
            }
        }
        Ok(())
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Never>> {
        let size = style.size() as f32 / SCALE;
        let bold = matches!(style.style(), FontStyle::Bold);
        let w = canvas::width(text, size, bold);
        let (x, y) = self.pt(pos);
        let x = match style.anchor().h_pos {
            HPos::Left => x,
            HPos::Center => x - w / 2.0,
            HPos::Right => x - w,
        };
        // From the anchor to the baseline (the font's ascent is about 0.88 em).
        let y = match style.anchor().v_pos {
            VPos::Top => y + size * 0.88,
            VPos::Center => y + size * 0.35,
            VPos::Bottom => y - size * 0.12,
        };
        self.page.text(x, y, size, bold, rgb(style.color()), text);
        Ok(())
    }

    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<Never>> {
        let size = style.size() as f32 / SCALE;
        let bold = matches!(style.style(), FontStyle::Bold);
        let w = canvas::width(text, size, bold);
        Ok(((w * SCALE).ceil() as u32, (size * SCALE).ceil() as u32))
    }
}

/// One series of bars.
pub struct Series<'a> {
    pub name: &'a str,
    pub color: Rgb,
    pub values: &'a [i64],
}

fn color(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// Bars side by side for each label (one bar per series), with a legend when there is
/// more than one series; `every` shows every n-th label under the axis.
#[allow(clippy::too_many_arguments)]
pub fn bars(
    page: &mut Page,
    (x, y, w, h): (f32, f32, f32, f32),
    title: &str,
    labels: &[String],
    series: &[Series<'_>],
    every: usize,
) {
    let max = series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1);
    let top = (max as f64 * 1.15).ceil().max(4.0);
    let n = labels.len().max(1);
    let font = |pt: f32| ("sans-serif", f64::from(pt * SCALE)).into_font();
    let backend = Backend { page, x, y, w, h };
    let root = backend.into_drawing_area();
    let text = color(palette::TEXT);
    let built = ChartBuilder::on(&root)
        .caption(title, font(11.0).style(FontStyle::Bold).color(&text))
        .margin((6.0 * SCALE) as i32)
        .x_label_area_size((16.0 * SCALE) as i32)
        .y_label_area_size((30.0 * SCALE) as i32)
        .build_cartesian_2d(-0.5f64..n as f64 - 0.5, 0f64..top);
    let Ok(mut chart) = built else { return };
    let every = every.max(1);
    let _ = chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(WHITE)
        .bold_line_style(color(palette::GRID))
        .axis_style(color(palette::MUTED))
        .x_labels(n)
        .y_labels(5)
        // Group i is centred on x = i, so the whole-number ticks are the groups'.
        .x_label_formatter(&|v| {
            let i = v.round();
            if (v - i).abs() < 1e-6 && i >= 0.0 && (i as usize).is_multiple_of(every) {
                labels.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .y_label_formatter(&|v| format!("{v:.0}"))
        .label_style(font(8.0).color(&text))
        .draw();
    let k = series.len().max(1) as f64;
    let band = 0.8 / k;
    for (j, s) in series.iter().enumerate() {
        let c = color(s.color);
        let rects = s.values.iter().enumerate().map(|(i, &v)| {
            let left = i as f64 - 0.4 + band * j as f64;
            Rectangle::new([(left, 0.0), (left + band, v as f64)], c.filled())
        });
        if let Ok(drawn) = chart.draw_series(rects)
            && series.len() > 1
        {
            drawn
                .label(s.name)
                .legend(move |(x, y)| Rectangle::new([(x, y - 12), (x + 24, y + 12)], c.filled()));
        }
    }
    if series.len() > 1 {
        let _ = chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.9))
            .border_style(color(palette::GRID))
            .label_font(font(8.0).color(&text))
            .draw();
    }
    let _ = root.present();
}
