//! The patched renderer (vendor/iced_tiny_skia/README.md) draws exactly what iced's does:
//! a frame redrawn over a few damage rectangles, with the clip mask kept between layers
//! and rectangles, has every pixel of the same frame drawn whole (to tiny-skia's rounding). The kiosk's snapshots
//! check whole frames; this checks the damaged ones the window gets after a tap.

use iced_tiny_skia::Renderer;
use iced_tiny_skia::core::renderer::{Quad, Renderer as _};
use iced_tiny_skia::core::{Border, Color, Font, Pixels, Rectangle, Size, border};
use iced_tiny_skia::graphics::Viewport;
use iced_tiny_skia::window::compositor::whole_frame_when_cheaper;

const W: u32 = 640;
const H: u32 = 400;

fn quad(x: f32, y: f32, w: f32, h: f32, radius: f32, border_width: f32) -> Quad {
    Quad {
        bounds: Rectangle::new([x, y].into(), Size::new(w, h)),
        border: Border {
            color: Color::from_rgb8(0xa3, 0x2f, 0x1d),
            width: border_width,
            radius: border::radius(radius),
        },
        ..Quad::default()
    }
}

/// A page like the kiosk's: cards, a clipped list (as a scrollable makes) whose rounded
/// cards stick out of it, a nested clip, and a dialog layer on top.
fn scene(r: &mut Renderer) {
    r.reset(Rectangle::with_size(Size::new(W as f32, H as f32)));
    r.fill_quad(quad(10.0, 10.0, 300.0, 80.0, 14.0, 3.0), Color::WHITE);
    r.fill_quad(
        quad(330.0, 10.0, 300.0, 80.0, 0.0, 0.0),
        Color::from_rgb8(0xa8, 0x32, 0x20),
    );
    r.start_layer(Rectangle::new(
        [20.0, 110.0].into(),
        Size::new(600.0, 200.0),
    ));
    for i in 0..6 {
        let y = 90.0 + i as f32 * 45.0;
        r.fill_quad(
            quad(5.0, y, 630.0, 40.0, 12.0, 2.0),
            Color::from_rgb8(0x1a, 0x74, 0x31),
        );
    }
    r.start_layer(Rectangle::new(
        [100.0, 150.0].into(),
        Size::new(150.0, 75.5),
    ));
    r.fill_quad(
        quad(80.0, 140.0, 300.0, 100.0, 30.0, 4.0),
        Color::from_rgba8(0x20, 0x40, 0xc0, 0.6),
    );
    r.end_layer();
    r.end_layer();
    r.start_layer(Rectangle::with_size(Size::new(W as f32, H as f32)));
    r.fill_quad(
        quad(200.0, 250.0, 240.0, 140.0, 20.0, 3.0),
        Color::from_rgba8(0xff, 0xff, 0xff, 0.9),
    );
    r.end_layer();
}

fn draw(r: &mut Renderer, pixels: &mut [u8], mask: &mut tiny_skia::Mask, damage: &[Rectangle]) {
    let mut pixmap = tiny_skia::PixmapMut::from_bytes(pixels, W, H).unwrap();
    let viewport = Viewport::with_physical_size(Size::new(W, H), 1.0);
    r.draw(
        &mut pixmap,
        mask,
        &viewport,
        damage,
        Color::from_rgb8(0xfb, 0xf1, 0xe8),
    );
}

/// The same colour, give or take tiny-skia's rounding: an anti-aliased edge drawn
/// through a mask can come out one step off the same edge drawn without (upstream does
/// the same). A wrong clip is off by far more.
fn near(a: &[u8], b: &[u8]) -> bool {
    a.iter().zip(b).all(|(a, b)| a.abs_diff(*b) <= 2)
}

#[test]
fn a_frame_drawn_in_damage_rectangles_is_the_frame_drawn_whole() {
    let mut r = Renderer::new(Font::DEFAULT, Pixels(16.0));
    scene(&mut r);
    let mut mask = tiny_skia::Mask::new(W, H).unwrap();
    let mut whole = vec![0u8; (W * H * 4) as usize];
    draw(
        &mut r,
        &mut whole,
        &mut mask,
        &[Rectangle::with_size(Size::new(W as f32, H as f32))],
    );
    // The damage crosses every layer's edge, so each rectangle sets the mask to bounds
    // it has just held for another rectangle, and back.
    let damage = [
        Rectangle::new([0.0, 0.0].into(), Size::new(120.0, 400.0)),
        Rectangle::new([90.0, 130.0].into(), Size::new(200.0, 60.0)),
        Rectangle::new([300.0, 95.0].into(), Size::new(340.0, 300.0)),
        Rectangle::new([150.0, 200.0].into(), Size::new(120.0, 120.0)),
    ];
    // Start from a frame that is wrong everywhere: only what the damage covers is
    // redrawn, so compare there (and the rest stays as it was).
    let mut partial = vec![0x55u8; whole.len()];
    draw(&mut r, &mut partial, &mut mask, &damage);
    let mut covered = 0;
    for y in 0..H {
        for x in 0..W {
            let inside = damage.iter().any(|d| {
                (x as f32) >= d.x.ceil()
                    && ((x + 1) as f32) <= (d.x + d.width).floor()
                    && (y as f32) >= d.y.ceil()
                    && ((y + 1) as f32) <= (d.y + d.height).floor()
            });
            let i = ((y * W + x) * 4) as usize;
            if inside {
                covered += 1;
                assert!(
                    near(&whole[i..i + 4], &partial[i..i + 4]),
                    "pixel {x},{y}: {:?} whole, {:?} in damage rectangles",
                    &whole[i..i + 4],
                    &partial[i..i + 4]
                );
            } else {
                assert!(
                    near(&whole[i..i + 4], &partial[i..i + 4]) || partial[i..i + 4] == [0x55; 4],
                    "pixel {x},{y} outside the damage was drawn differently"
                );
            }
        }
    }
    assert!(covered > 100_000, "the damage covers most of the frame");
}

#[test]
fn large_or_scattered_damage_is_drawn_as_one_frame() {
    let window = Size::new(1920.0, 1080.0);
    let key = Rectangle::new([1600.0, 780.0].into(), Size::new(170.0, 76.0));
    let field = Rectangle::new([32.0, 32.0].into(), Size::new(1480.0, 76.0));
    assert_eq!(whole_frame_when_cheaper(vec![key], window), vec![key]);
    assert_eq!(
        whole_frame_when_cheaper(vec![key, field], window),
        vec![key, field]
    );
    let whole = vec![Rectangle::with_size(window)];
    let candidates = Rectangle::new([32.0, 600.0].into(), Size::new(1856.0, 92.0));
    assert_eq!(
        whole_frame_when_cheaper(vec![key, field, candidates], window),
        whole
    );
    let page = Rectangle::new([0.0, 120.0].into(), Size::new(1920.0, 600.0));
    assert_eq!(whole_frame_when_cheaper(vec![page], window), whole);
}
