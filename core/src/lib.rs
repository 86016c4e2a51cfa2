//! relay-core: the station's data, with no UI — the SQLite store, the book
//! catalogue and its search, the on-screen keyboard's pinyin input method,
//! the seasons, the configuration, imports, the charger feed and the demo
//! station. The kiosk crate (`relay-kiosk`, the repository's root) draws it;
//! nothing here may depend on iced (`tests/no_ui.rs` checks the dependency tree).

pub mod books;
pub mod config;
pub mod demo;
pub mod demo_books;
pub mod feed;
pub mod files;
pub mod fonts;
pub mod i18n;
pub mod ime;
pub mod import;
pub mod report;
pub mod season;
pub mod store;
