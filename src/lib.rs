//! relay-kiosk: the touchscreen kiosk of a 24-hour rest station for outdoor workers.

pub mod app;
pub mod board;
pub mod books;
pub mod cli;
pub mod config;
pub mod demo;
pub mod demo_books;
pub mod feed;
pub mod files;
pub mod fonts;
pub mod i18n;
pub mod ime;
pub mod import;
pub mod kiosk;
pub mod logging;
pub mod screen;
pub mod season;
pub mod store;
pub mod text;
pub mod theme;
pub mod watchdog;
pub mod widget;
