//! Staff mode (工作人员): the shell only logs in, shows the menu and routes to the
//! pages, each its own module with `State`, `Message`, `update -> Action` and `view`.
//! The session lives in this state: leaving the screen (or the idle reset) ends it.

mod about;
mod amenities;
mod book_form;
mod book_import;
mod books;
mod categories;
mod change;
mod editor;
mod loans;
mod login;
mod menu;
mod notices;
mod slot_form;
mod slots;
mod station;
mod stats;
mod suggestions;
mod wishes;

pub use slots::FAULT_NOTES;

use crate::board::Changed;
use crate::screen::Failure;
use crate::screen::{Context, Env, Typed};
use crate::text::staff as t;
use crate::theme::{self, Element, Ui};
use crate::widget::{self, badge};
use chrono::{DateTime, Utc};
use iced::widget::{column, container, space, text};
use iced::{Length, Task};
use relay_core::store::Recovery;

/// Who the audit log names for changes made on the kiosk.
pub const ACTOR: &str = "kiosk-staff";

/// Logged out (the PIN keypad) or logged in on one page: nothing in between.
#[derive(Debug)]
pub enum State {
    Login(login::State),
    In(Session),
}

#[derive(Debug)]
pub struct Session {
    page: Page,
    /// What just happened (已保存 …), or what went wrong, in place of the title's
    /// English line, so rows never move under a finger.
    banner: Option<Banner>,
    /// The store was found damaged and recovered: shown on the menu until staff
    /// dismiss it (kept in the store, so it outlives restarts).
    recovery: Option<Box<Recovery>>,
    /// 知道了 was tapped and the dismissal is being saved.
    dismissing: bool,
}

/// A line about the last change, shown for a few seconds.
#[derive(Debug)]
struct Banner {
    text: String,
    failed: bool,
    at: DateTime<Utc>,
}

impl Banner {
    fn done(text: String, at: DateTime<Utc>) -> Banner {
        Banner {
            text,
            failed: false,
            at,
        }
    }

    fn failed(text: String, at: DateTime<Utc>) -> Banner {
        Banner {
            text,
            failed: true,
            at,
        }
    }

    /// Whether it still shows at `now`: a success for a few seconds, a failure longer.
    fn shows(&self, now: DateTime<Utc>) -> bool {
        let secs = if self.failed {
            theme::BANNER_FAILED_SECS
        } else {
            theme::BANNER_SECS
        };
        now - self.at < chrono::Duration::seconds(secs)
    }
}

#[derive(Debug)]
enum Page {
    Menu { confirm_exit: bool },
    Amenities(amenities::State),
    Notices(notices::State),
    Editor(Box<editor::Editor>),
    Slots(slots::State),
    SlotForm(Box<slot_form::SlotForm>),
    Stats(Box<stats::State>),
    Wishes(Box<wishes::State>),
    Suggestions(suggestions::State),
    About(about::State),
    Books(books::State),
    BookForm(Box<book_form::BookForm>),
    Categories(categories::State),
    BookImport(Box<book_import::State>),
    Loans(loans::State),
    Station(Box<station::State>),
}

/// A page of the staff menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Amenities,
    Notices,
    Slots,
    Stats,
    Wishes,
    Suggestions,
    Books,
    Loans,
    Station,
    About,
}

#[derive(Debug, Clone)]
pub enum Message {
    Home,
    /// Back to the staff menu.
    Menu,
    Open(Target),
    LogOut,
    AskExit,
    CancelExit,
    ConfirmExit,
    Exited,
    Login(login::Message),
    Amenities(amenities::Message),
    Station(station::Message),
    Categories(categories::Message),
    BookImport(book_import::Message),
    Notices(notices::Message),
    Editor(editor::Message),
    Slots(slots::Message),
    SlotForm(slot_form::Message),
    Stats(stats::Message),
    Wishes(wishes::Message),
    Suggestions(suggestions::Message),
    About(about::Message),
    Books(books::Message),
    BookForm(book_form::Message),
    Loans(loans::Message),
    /// A physical keyboard's key (the barcode scanner on 添加图书).
    Typed(Typed),
    /// The store's recovery note, read after login.
    RecoveryNote(Option<Recovery>),
    DismissRecovery,
    RecoveryDismissed(Result<(), Failure>),
}

pub type Action = super::Action<Message, Leave>;

/// How staff leave the staff pages.
pub enum Leave {
    /// Staff logged out: home, and an audit line.
    LoggedOut,
    ExitKiosk,
}

impl State {
    /// The login page, and the task that asks the store whether a PIN is set.
    pub fn open(env: Env<'_>) -> (State, Task<Message>) {
        let (login, task) = login::State::open(env);
        (State::Login(login), task.map(Message::Login))
    }

    pub fn logged_in(&self) -> bool {
        matches!(self, State::In(_))
    }

    /// The store changed under the screen: re-read what the open page lists.
    pub fn changed(&self, changed: Changed, env: Env<'_>) -> Task<Message> {
        match self {
            State::Login(login) => login.refresh(env).map(Message::Login),
            State::In(session) => match &session.page {
                Page::Notices(_) if changed.notices => {
                    notices::State::load(env).map(Message::Notices)
                }
                Page::Stats(_) if changed.slots || changed.books => {
                    stats::State::load(env).map(Message::Stats)
                }
                Page::Loans(_) if changed.books => loans::State::load(env).map(Message::Loans),
                Page::Wishes(state) if changed.wishes_and_suggestions => {
                    state.load(env).map(Message::Wishes)
                }
                Page::Suggestions(_) if changed.wishes_and_suggestions => {
                    suggestions::State::load(env).map(Message::Suggestions)
                }
                _ => Task::none(),
            },
        }
    }

    pub fn update(&mut self, message: Message, env: Env<'_>) -> Action {
        match (&mut *self, message) {
            (_, Message::Home) => Action::GoHome,
            (State::Login(login), Message::Login(m)) => match login.update(m, env) {
                login::Action::None => Action::None,
                login::Action::Run(task) => Action::Run(task.map(Message::Login)),
                login::Action::LoggedIn => {
                    *self = State::In(Session {
                        page: Page::Menu {
                            confirm_exit: false,
                        },
                        banner: None,
                        recovery: None,
                        dismissing: false,
                    });
                    let job = |store: &mut relay_core::store::Store| store.recovery_note();
                    Action::Run(Task::perform(env.store.run(job), |r| {
                        Message::RecoveryNote(r.unwrap_or_else(|e| {
                            tracing::warn!("could not read the recovery note: {e}");
                            None
                        }))
                    }))
                }
            },
            (State::In(session), message) => session.update(message, env),
            // A late answer for a page that is gone.
            (State::Login(_), _) => Action::None,
        }
    }

    pub fn view<'a>(&'a self, ui: &Ui, ctx: Context<'a>) -> Element<'a, Message> {
        let (zh, en, body, banner) = match self {
            State::Login(login) => (
                t::LOGIN,
                t::LOGIN_EN,
                login.view(ui, ctx).map(Message::Login),
                None,
            ),
            State::In(session) => {
                let (zh, en, body) = session.page_view(ui, ctx);
                (zh, en, body, Some(&session.banner))
            }
        };
        // Typing: the keyboard needs the height, and 完成 brings the header back.
        if let State::In(session) = self
            && match &session.page {
                Page::Editor(e) => e.typing(),
                Page::SlotForm(f) => f.typing(),
                Page::BookForm(f) => f.typing(),
                Page::Slots(s) => s.typing(),
                Page::Station(s) => s.typing(),
                Page::Categories(s) => s.typing(),
                _ => false,
            }
        {
            return widget::bare_page(ui, body);
        }
        let menu = matches!(
            self,
            State::Login(_)
                | State::In(Session {
                    page: Page::Menu { .. },
                    ..
                })
        );
        let right: Element<'a, Message> = if menu {
            space::horizontal().width(0).into()
        } else {
            // Narrower on a small elder panel, so the page's title keeps one line.
            widget::text_action(ui, t::BACK_TO_MENU, Some(Message::Menu), theme::secondary)
                .width(Length::Fixed(ui.s_width(if ui.tight() {
                    250.0
                } else {
                    300.0
                })))
                .into()
        };
        let subtitle: Element<'a, Message> = match banner {
            Some(Some(b)) if b.shows(ctx.utc) && b.failed => {
                badge::word(ui, b.text.as_str(), theme::BAD)
            }
            Some(Some(b)) if b.shows(ctx.utc) => text(b.text.as_str())
                .size(ui.small())
                .font(theme::BOLD)
                .style(theme::done)
                .into(),
            _ => text(en).size(ui.small()).style(theme::muted).into(),
        };
        // Elder mode on a panel under 800 px high: less room around the page.
        let low = ui.tight() && ui.height < 800.0;
        let page = column![widget::header_with(ui, Message::Home, zh, subtitle, right)]
            .spacing(ui.gap() * if ui.tight() { 1.0 } else { 1.5 })
            .padding(if low { ui.gap() } else { ui.pad() });
        container(page.push(body))
            .width(Length::Fill)
            .height(Length::Fill)
            .style(theme::page)
            .into()
    }
}

impl Session {
    fn update(&mut self, message: Message, env: Env<'_>) -> Action {
        let (page, action) = match (&mut self.page, message) {
            (_, Message::Menu) => (
                Some(Page::Menu {
                    confirm_exit: false,
                }),
                Action::None,
            ),
            (_, Message::Open(target)) => {
                let (page, task) = menu::open(target, env);
                (Some(page), Action::Run(task))
            }
            (_, Message::LogOut) => (None, Action::Screen(Leave::LoggedOut)),
            (_, Message::RecoveryNote(note)) => {
                self.recovery = note.map(Box::new);
                (None, Action::None)
            }
            (_, Message::DismissRecovery) if !self.dismissing => {
                self.dismissing = true;
                let job = |store: &mut relay_core::store::Store| store.dismiss_recovery_note(ACTOR);
                let task = Task::perform(env.store.run(job), |r| {
                    Message::RecoveryDismissed(r.map_err(Failure::new))
                });
                (None, Action::Run(task))
            }
            (_, Message::RecoveryDismissed(result)) => {
                self.dismissing = false;
                match result {
                    Ok(()) => {
                        self.recovery = None;
                        (None, Action::None)
                    }
                    Err(e) => self.failed(e.zh().to_string(), env.utc),
                }
            }
            (Page::Menu { confirm_exit }, Message::AskExit) => {
                *confirm_exit = true;
                (None, Action::None)
            }
            (Page::Menu { confirm_exit }, Message::CancelExit) => {
                *confirm_exit = false;
                (None, Action::None)
            }
            (Page::Menu { confirm_exit: true }, Message::ConfirmExit) => {
                // The audit line is written before the kiosk goes.
                let job = |store: &mut relay_core::store::Store| {
                    store.audit(ACTOR, "kiosk.exit", "")?;
                    Ok(())
                };
                let task = Task::perform(env.store.run(job), |_| Message::Exited);
                (None, Action::Run(task))
            }
            (Page::Menu { .. }, Message::Exited) => (None, Action::Screen(Leave::ExitKiosk)),
            (Page::Amenities(state), Message::Amenities(m)) => match state.update(m, env) {
                amenities::Action::None => (None, Action::None),
                amenities::Action::Run(task) => (None, Action::Run(task.map(Message::Amenities))),
                amenities::Action::Done(done) => self.done(done, env.utc),
                amenities::Action::Failed(e) => self.failed(e, env.utc),
            },
            (Page::Notices(state), Message::Notices(m)) => match state.update(m, env) {
                notices::Action::None => (None, Action::None),
                notices::Action::Run(task) => (None, Action::Run(task.map(Message::Notices))),
                // The board's refresh tells this page to read the list again.
                notices::Action::Done(done) => self.done(done, env.utc),
                notices::Action::Failed(e) => self.failed(e, env.utc),
                notices::Action::Edit(notice) => {
                    let editor = match &notice {
                        Some(n) => editor::Editor::edit(n, env.utc),
                        None => editor::Editor::new(env.utc),
                    };
                    self.banner = None;
                    (Some(Page::Editor(Box::new(editor))), Action::None)
                }
            },
            (Page::Editor(editor), Message::Editor(m)) => match editor.update(m, env) {
                editor::Action::None => (None, Action::None),
                editor::Action::Run(task) => (None, Action::Run(task.map(Message::Editor))),
                editor::Action::Saved(done) => {
                    let fresh = editor
                        .notice_id()
                        .map_or(notices::Fresh::Newest, notices::Fresh::Id);
                    let (state, task) = notices::State::open_saved(env, fresh);
                    self.banner = Some(Banner::done(done, env.utc));
                    (
                        Some(Page::Notices(state)),
                        Action::RunAndRefresh(task.map(Message::Notices)),
                    )
                }
                editor::Action::Cancel => {
                    let (page, task) = menu::open(Target::Notices, env);
                    (Some(page), Action::Run(task))
                }
            },
            (Page::Slots(state), Message::Slots(m)) => match state.update(m, env) {
                slots::Action::None => (None, Action::None),
                slots::Action::Run(task) => (None, Action::Run(task.map(Message::Slots))),
                slots::Action::Done(done) => self.done(done, env.utc),
                slots::Action::Failed(e) => self.failed(e, env.utc),
                slots::Action::Edit(slot) => {
                    let form = match &slot {
                        Some(s) => slot_form::SlotForm::edit(s),
                        None => slot_form::SlotForm::new(),
                    };
                    self.banner = None;
                    (Some(Page::SlotForm(Box::new(form))), Action::None)
                }
            },
            (Page::SlotForm(form), Message::SlotForm(m)) => match form.update(m, env) {
                slot_form::Action::None => (None, Action::None),
                slot_form::Action::Run(task) => (None, Action::Run(task.map(Message::SlotForm))),
                slot_form::Action::Saved(done) => {
                    self.banner = Some(Banner::done(done, env.utc));
                    (Some(Page::Slots(slots::State::default())), Action::Changed)
                }
                slot_form::Action::Cancel => {
                    (Some(Page::Slots(slots::State::default())), Action::None)
                }
            },
            (Page::Stats(state), Message::Stats(m)) => {
                state.update(m);
                (None, Action::None)
            }
            (Page::Wishes(state), Message::Wishes(m)) => match state.update(m, env) {
                wishes::Action::None => (None, Action::None),
                wishes::Action::Run(t) => (None, Action::Run(t.map(Message::Wishes))),
                wishes::Action::Done(done) => self.done(done, env.utc),
                wishes::Action::Failed(e) => self.failed(e, env.utc),
            },
            (Page::Books(state), Message::Books(m)) => match state.update(m) {
                books::Action::None => (None, Action::None),
                books::Action::Add => {
                    self.banner = None;
                    (Some(Page::BookForm(Box::default())), Action::None)
                }
                books::Action::Import => {
                    let (state, task) = book_import::State::open(env);
                    (
                        Some(Page::BookImport(Box::new(state))),
                        Action::Run(task.map(Message::BookImport)),
                    )
                }
                books::Action::Categories => {
                    let (state, task) = categories::State::open(env);
                    (
                        Some(Page::Categories(state)),
                        Action::Run(task.map(Message::Categories)),
                    )
                }
            },
            (Page::BookImport(state), Message::BookImport(m)) => match state.update(m, env) {
                book_import::Action::None => (None, Action::None),
                book_import::Action::Run(t) => (None, Action::Run(t.map(Message::BookImport))),
                book_import::Action::Done(done) => {
                    self.banner = Some(Banner::done(done, env.utc));
                    (Some(Page::Books(books::State::default())), Action::Changed)
                }
                book_import::Action::Failed(e) => self.failed(e, env.utc),
                book_import::Action::Back => {
                    (Some(Page::Books(books::State::default())), Action::None)
                }
            },
            (Page::Categories(state), Message::Categories(m)) => match state.update(m, env) {
                categories::Action::None => (None, Action::None),
                categories::Action::Run(t) => (None, Action::Run(t.map(Message::Categories))),
                categories::Action::Done(done, reload) => {
                    self.banner = Some(Banner::done(done, env.utc));
                    (None, Action::Run(reload.map(Message::Categories)))
                }
                categories::Action::Failed(e) => self.failed(e, env.utc),
                categories::Action::Back => {
                    (Some(Page::Books(books::State::default())), Action::None)
                }
            },
            (Page::BookForm(form), Message::Typed(key)) => {
                match form.update(book_form::Message::Typed(key), env) {
                    book_form::Action::Run(task) => {
                        (None, Action::Run(task.map(Message::BookForm)))
                    }
                    _ => (None, Action::None),
                }
            }
            (Page::BookForm(form), Message::BookForm(m)) => match form.update(m, env) {
                book_form::Action::None => (None, Action::None),
                book_form::Action::Run(task) => (None, Action::Run(task.map(Message::BookForm))),
                book_form::Action::Saved(done) => {
                    self.banner = Some(Banner::done(done, env.utc));
                    (Some(Page::Books(books::State::default())), Action::Changed)
                }
                book_form::Action::Cancel => {
                    (Some(Page::Books(books::State::default())), Action::None)
                }
            },
            (Page::Loans(state), Message::Loans(m)) => match state.update(m, env) {
                loans::Action::None => (None, Action::None),
                loans::Action::Run(t) => (None, Action::Run(t.map(Message::Loans))),
                loans::Action::Done(done) => self.done(done, env.utc),
                loans::Action::Failed(e) => self.failed(e, env.utc),
            },
            (Page::Station(state), Message::Station(m)) => match state.update(m, env) {
                station::Action::None => (None, Action::None),
                station::Action::Run(task) => (None, Action::Run(task.map(Message::Station))),
                station::Action::Done(done) => self.done(done, env.utc),
                station::Action::Cancel => (
                    Some(Page::Menu {
                        confirm_exit: false,
                    }),
                    Action::None,
                ),
            },
            (Page::About(state), Message::About(m)) => {
                state.update(m);
                (None, Action::None)
            }
            (Page::Suggestions(state), Message::Suggestions(m)) => match state.update(m, env) {
                suggestions::Action::None => (None, Action::None),
                suggestions::Action::Run(t) => (None, Action::Run(t.map(Message::Suggestions))),
                suggestions::Action::Done(done) => self.done(done, env.utc),
                suggestions::Action::Failed(e) => self.failed(e, env.utc),
            },
            // A late answer for a page that has been left: nothing to show it on.
            _ => (None, Action::None),
        };
        if let Some(page) = page {
            if matches!(page, Page::Menu { .. }) {
                self.banner = None;
            }
            self.page = page;
        }
        action
    }

    fn done(&mut self, done: String, at: DateTime<Utc>) -> (Option<Page>, Action) {
        self.banner = Some(Banner::done(done, at));
        (None, Action::Changed)
    }

    fn failed(&mut self, e: String, at: DateTime<Utc>) -> (Option<Page>, Action) {
        self.banner = Some(Banner::failed(e, at));
        (None, Action::None)
    }

    fn page_view<'a>(
        &'a self,
        ui: &Ui,
        ctx: Context<'a>,
    ) -> (&'static str, &'static str, Element<'a, Message>) {
        match &self.page {
            Page::Menu { confirm_exit } => (
                t::MENU,
                t::MENU_EN,
                menu::menu(
                    ui,
                    *confirm_exit,
                    ctx.board.staff_queue,
                    self.recovery.as_deref(),
                    self.dismissing,
                    ctx.board.catalog().map_or(0, |c| c.totals().overdue),
                ),
            ),
            Page::Amenities(s) => (
                t::AMENITIES,
                t::AMENITIES_EN,
                s.view(ui, ctx).map(Message::Amenities),
            ),
            Page::Notices(s) => (
                t::NOTICES,
                t::NOTICES_EN,
                s.view(ui, ctx).map(Message::Notices),
            ),
            Page::Editor(e) => (
                if e.is_new() {
                    t::NEW_NOTICE
                } else {
                    t::EDIT_NOTICE
                },
                if e.is_new() {
                    t::NEW_NOTICE_EN
                } else {
                    t::EDIT_NOTICE_EN
                },
                e.view(ui, ctx).map(Message::Editor),
            ),
            Page::Slots(s) => (t::SLOTS, t::SLOTS_EN, s.view(ui, ctx).map(Message::Slots)),
            Page::SlotForm(f) => (
                if f.is_new() {
                    t::ADD_SLOT
                } else {
                    t::EDIT_SLOT
                },
                if f.is_new() {
                    t::ADD_SLOT_EN
                } else {
                    t::EDIT_SLOT_EN
                },
                f.view(ui).map(Message::SlotForm),
            ),
            Page::Stats(s) => (t::STATS, t::STATS_EN, s.view(ui).map(Message::Stats)),
            Page::Wishes(s) => (
                t::WISHES,
                t::WISHES_EN,
                s.view(ui, ctx).map(Message::Wishes),
            ),
            Page::Suggestions(s) => (
                t::SUGGESTIONS,
                t::SUGGESTIONS_EN,
                s.view(ui, ctx.utc).map(Message::Suggestions),
            ),
            Page::About(s) => (t::ABOUT, t::ABOUT_EN, s.view(ui).map(Message::About)),
            Page::Station(s) => (t::STATION, t::STATION_EN, s.view(ui).map(Message::Station)),
            Page::Books(s) => (t::BOOKS, t::BOOKS_EN, s.view(ui, ctx).map(Message::Books)),
            Page::BookForm(f) => (
                t::ADD_BOOK,
                t::ADD_BOOK_EN,
                f.view(ui, ctx.board.catalog()).map(Message::BookForm),
            ),
            Page::BookImport(s) => (
                t::book_import::TITLE,
                t::book_import::TITLE_EN,
                s.view(ui).map(Message::BookImport),
            ),
            Page::Categories(s) => (
                t::categories::TITLE,
                t::categories::TITLE_EN,
                s.view(ui).map(Message::Categories),
            ),
            Page::Loans(s) => (
                t::LOANS,
                t::LOANS_EN,
                s.view(ui, ctx.utc).map(Message::Loans),
            ),
        }
    }
}
