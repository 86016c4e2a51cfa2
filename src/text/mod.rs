//! Every word the screens show, kept out of the view and update code so a future
//! translation finds it in one place: one module per screen (the staff pages one each
//! under `staff`), one for the shared widgets and one for the app shell.
//!
//! Simplified Chinese comes first; English is the second line where the screen shows
//! one. Plain words are constants; words with a value in them are small functions.
//! A screen imports only its own module (as `t`) and, through the shared widgets,
//! `widget`. The shared date and clock formats are in `relay_core::i18n`; the names of
//! states, categories, statuses and connectors live with the store; what a store error
//! says to a person is in `error`.

pub mod app;
pub mod attract;
pub mod charging;
pub mod error;
pub mod home;
pub mod notices;
pub mod reading;
pub mod staff;
pub mod suggestion_form;
pub mod surnames;
pub mod widget;
pub mod wish_form;
pub mod wishes;
