//! relay-kiosk: the touchscreen kiosk of a 24-hour rest station for outdoor workers.

pub mod app;
pub mod board;
pub mod cli;
pub mod kiosk;
pub mod logging;
pub mod screen;
pub mod text;
pub mod theme;
pub mod watchdog;
pub mod widget;
