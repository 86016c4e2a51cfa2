//! A bar chart of sessions by hour of day, drawn once into a canvas cache.

use crate::text::widget as t;
use crate::theme::Theme;
use crate::theme::{self, BOLD, FONT};
use iced::widget::canvas::{Cache, Geometry, Program, Text};
use iced::{Color, Pixels, Point, Rectangle, Renderer, Size, alignment, mouse};

#[derive(Debug, Default)]
pub struct HourChart {
    counts: [u32; 24],
    cache: Cache,
}

impl HourChart {
    pub fn new(counts: [u32; 24]) -> HourChart {
        HourChart {
            counts,
            cache: Cache::new(),
        }
    }

    pub fn counts(&self) -> &[u32; 24] {
        &self.counts
    }

    /// The busiest hours as ranges of neighbouring hours (`(11, 13)`: 11:00–13:00),
    /// in the order of the day, from the `n` busiest hours.
    pub fn busiest_ranges(&self, n: usize) -> Vec<(usize, usize)> {
        let mut hours = self.busiest(n);
        hours.sort_unstable();
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        for h in hours {
            match ranges.last_mut() {
                Some((_, end)) if *end == h => *end = h + 1,
                _ => ranges.push((h, h + 1)),
            }
        }
        ranges
    }

    /// The busiest hours, most used first (for words beside the chart).
    pub fn busiest(&self, n: usize) -> Vec<usize> {
        let mut hours: Vec<usize> = (0..24).filter(|&h| self.counts[h] > 0).collect();
        hours.sort_by(|&a, &b| self.counts[b].cmp(&self.counts[a]).then(a.cmp(&b)));
        hours.truncate(n);
        hours
    }
}

impl<Message> Program<Message, Theme> for HourChart {
    type State = ();

    fn draw(
        &self,
        _state: &(),
        renderer: &Renderer,
        theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<Geometry> {
        let colors = theme::colors_of(theme);
        let geometry = self.cache.draw(renderer, bounds.size(), |frame| {
            let label_h = 34.0;
            let top_h = 30.0;
            let plot_h = (bounds.height - label_h - top_h).max(10.0);
            let slot_w = bounds.width / 24.0;
            let max = self.counts.iter().copied().max().unwrap_or(0).max(1) as f32;
            for (hour, &count) in self.counts.iter().enumerate() {
                let x = hour as f32 * slot_w;
                let h = plot_h * count as f32 / max;
                let y = top_h + plot_h - h;
                if count > 0 {
                    frame.fill_rectangle(
                        Point::new(x + slot_w * 0.15, y),
                        Size::new(slot_w * 0.7, h),
                        colors.primary,
                    );
                    frame.fill_text(Text {
                        content: count.to_string(),
                        position: Point::new(x + slot_w / 2.0, y - 4.0),
                        color: colors.text,
                        size: Pixels(20.0),
                        font: BOLD,
                        align_x: iced::widget::text::Alignment::Center,
                        align_y: alignment::Vertical::Bottom,
                        ..Text::default()
                    });
                }
                if hour % 3 == 0 {
                    frame.fill_text(Text {
                        content: t::hour(hour),
                        position: Point::new(x + slot_w / 2.0, top_h + plot_h + 6.0),
                        color: colors.muted,
                        size: Pixels(22.0),
                        font: FONT,
                        align_x: iced::widget::text::Alignment::Center,
                        align_y: alignment::Vertical::Top,
                        ..Text::default()
                    });
                }
            }
            frame.fill_rectangle(
                Point::new(0.0, top_h + plot_h),
                Size::new(bounds.width, 2.0),
                Color {
                    a: 0.6,
                    ..colors.text
                },
            );
        });
        vec![geometry]
    }
}

#[cfg(test)]
mod tests {
    use super::HourChart;

    #[test]
    fn neighbouring_busy_hours_read_as_one_range() {
        let mut counts = [0u32; 24];
        counts[11] = 9;
        counts[12] = 8;
        counts[18] = 7;
        counts[3] = 1;
        let chart = HourChart::new(counts);
        assert_eq!(chart.busiest_ranges(3), vec![(11, 13), (18, 19)]);
        assert!(HourChart::new([0; 24]).busiest_ranges(3).is_empty());
    }
}
