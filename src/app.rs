//! The kiosk application: routes messages to the screen in front, performs the
//! screens' actions, runs the idle clock (warning → home → attract mode) and keeps the
//! board in step with the store, including changes made by the CLI.

use crate::board::{Board, Update};
use crate::screen::{
    self, Context, Env, Failure, attract, charging, home, notices, reading, staff, suggestion_form,
    wish_form, wishes,
};
use crate::text::app as t;
use crate::theme::{self, BOLD, Element, Theme, Ui};
use crate::widget;
use chrono::{DateTime, Local, Timelike};
use iced::widget::{center, column, container, opaque, responsive, stack, text};
use iced::{Length, Size, Subscription, Task, event, time, window};
use relay_core::config::Config;
use relay_core::season::Season;
use relay_core::store::{self, Store, Worker};
use std::convert::Infallible;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A wall-clock jump larger than this (seconds) is logged.
const JUMP_LOGGED_SECS: i64 = 300;

pub struct App {
    /// The store thread: the UI thread never touches the store itself.
    store: Worker,
    config: Config,
    now: DateTime<Local>,
    /// When the last touch was, on the monotonic clock: idle time ignores the wall
    /// clock's jumps (NTP correcting a dead RTC battery).
    last_touch: Instant,
    /// Someone has touched the screen since the kiosk started.
    visited: bool,
    /// The monotonic time of the latest tick.
    mono: Instant,
    elder: bool,
    screen: Screen,
    overlay: Overlay,
    board: Board,
    /// Board reads sent to the store thread and not answered yet.
    board_reads_pending: usize,
    /// The local day the daily housekeeping last ran for.
    housekept: chrono::NaiveDate,
    /// A short word on home after something ended (已退出工作人员模式), and when.
    toast: Option<(&'static str, DateTime<Local>)>,
}

enum Screen {
    Home(home::State),
    Notices(notices::State),
    Charging(charging::State),
    Staff(Box<staff::State>),
    Wishes(Box<wishes::State>),
    WishForm(Box<wish_form::State>),
    SuggestionForm(Box<suggestion_form::State>),
    Reading(Box<reading::State>),
}

enum Overlay {
    None,
    /// "还在使用吗？" before the idle reset.
    Warning,
    Attract(attract::State),
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Once a second, with the wall-clock time (for what the screen shows) and the
    /// monotonic time (for how long things take).
    Tick(DateTime<Local>, Instant),
    /// A touch or click anywhere.
    Touched,
    StillHere,
    CloseRequested,
    /// What changed in the store (`None`: nothing), read on the store thread.
    Board(Result<Option<Arc<Update>>, Failure>),
    /// A screen's store work has finished: routed to it, but not a touch.
    Done(Box<Message>),
    Home(home::Message),
    Notices(notices::Message),
    Charging(charging::Message),
    Staff(staff::Message),
    Wishes(wishes::Message),
    WishForm(wish_form::Message),
    SuggestionForm(suggestion_form::Message),
    Reading(reading::Message),
    Attract(attract::Message),
    /// A physical keyboard's key (a barcode scanner types like one).
    Typed(crate::screen::Typed),
}

/// What is in front, for tests and logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Showing {
    Home,
    Notices,
    Charging,
    Staff,
    Wishes,
    WishForm,
    SuggestionForm,
    Reading,
    IdleWarning,
    Attract,
}

/// A screen's task, its answers routed back as [`Message::Done`].
/// For screens that ask nothing of their own.
fn nothing(_: &mut App, never: Infallible) -> Task<Message> {
    match never {}
}

fn done<M: Send + 'static>(task: Task<M>, wrap: fn(M) -> Message) -> Task<Message> {
    task.map(move |m| Message::Done(Box::new(wrap(m))))
}

impl App {
    /// Reads the board (on the calling thread, before any window exists), then moves
    /// the store onto its own thread.
    pub fn boot(mut store: Store, config: Config, now: DateTime<Local>) -> App {
        // Privacy runs at start as well as daily: archive old fulfilled wishes, erase
        // phone numbers 90 days after a wish or suggestion closes.
        match store.wish_housekeeping(now.to_utc()) {
            Ok((archived, erased)) if archived + erased > 0 => {
                tracing::info!("housekeeping: {archived} wishes archived, {erased} phones erased")
            }
            Ok(_) => {}
            Err(e) => tracing::error!("housekeeping failed: {e}"),
        }
        if let Err(e) = store.loan_housekeeping(now.to_utc()) {
            tracing::error!("loan housekeeping failed: {e}");
        }
        let board = Board::load_for_start(&mut store, now).unwrap_or_else(|e| {
            tracing::error!("could not read the store: {e}");
            Board::default()
        });
        App::new(Worker::spawn(store), board, config, now)
    }

    pub fn new(store: Worker, board: Board, config: Config, now: DateTime<Local>) -> App {
        let app = App {
            elder: config.elder_mode_default,
            store,
            config,
            now,
            last_touch: Instant::now(),
            visited: false,
            mono: Instant::now(),
            screen: Screen::Home(home::State),
            overlay: Overlay::None,
            board,
            board_reads_pending: 0,
            housekept: now.date_naive(),
            toast: None,
        };
        app.log_usage("home");
        app
    }

    pub fn title(&self) -> String {
        self.board.station_name(&self.config).to_string()
    }

    pub fn showing(&self) -> Showing {
        match (&self.overlay, &self.screen) {
            (Overlay::Attract(_), _) => Showing::Attract,
            (Overlay::Warning, _) => Showing::IdleWarning,
            (Overlay::None, Screen::Home(_)) => Showing::Home,
            (Overlay::None, Screen::Notices(_)) => Showing::Notices,
            (Overlay::None, Screen::Charging(_)) => Showing::Charging,
            (Overlay::None, Screen::Staff(_)) => Showing::Staff,
            (Overlay::None, Screen::Wishes(_)) => Showing::Wishes,
            (Overlay::None, Screen::WishForm(_)) => Showing::WishForm,
            (Overlay::None, Screen::SuggestionForm(_)) => Showing::SuggestionForm,
            (Overlay::None, Screen::Reading(_)) => Showing::Reading,
        }
    }

    pub fn elder(&self) -> bool {
        self.elder
    }

    pub fn board(&self) -> &Board {
        &self.board
    }

    pub fn season(&self) -> Season {
        Season::resolve(self.config.season, self.now.date_naive())
    }

    pub fn theme(&self) -> Theme {
        theme::theme(self.season(), theme::is_night(self.now.hour()))
    }

    pub fn subscription(&self) -> Subscription<Message> {
        Subscription::batch([
            time::every(Duration::from_secs(1)).map(|at| Message::Tick(Local::now(), at)),
            event::listen_with(|event, _status, _window| match event {
                iced::Event::Mouse(iced::mouse::Event::ButtonPressed(_))
                | iced::Event::Touch(iced::touch::Event::FingerPressed { .. }) => {
                    Some(Message::Touched)
                }
                iced::Event::Keyboard(iced::keyboard::Event::KeyPressed { key, text, .. }) => {
                    typed(&key, text.as_deref()).map(Message::Typed)
                }
                _ => None,
            }),
            window::close_requests().map(|_| Message::CloseRequested),
        ])
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        // Store work belongs on the store thread; debug builds catch a slip.
        let _no_store = store::forbid_store_here();
        match message {
            Message::Tick(now, at) => {
                crate::watchdog::alive();
                return self.tick(now, at);
            }
            Message::CloseRequested => {
                tracing::info!("close request ignored: staff exit the kiosk from staff mode");
                return Task::none();
            }
            Message::Board(result) => return self.board_read(result),
            // An answer from the store reaches its screen whatever is in front.
            Message::Done(message) => return self.route(*message),
            _ => {}
        }
        // Everything else is a person at the screen. The first touch after the kiosk was
        // idle (or since it started) is a visit, for the monthly report.
        if !self.visited
            || self.idle_secs() >= self.config.idle_timeout_secs as i64
            || matches!(self.overlay, Overlay::Attract(_))
        {
            self.visited = true;
            let at = self.now.to_utc();
            self.store.detach("visit", move |s| s.count_visit(at));
        }
        self.last_touch = self.mono;
        match (&mut self.overlay, message) {
            (Overlay::Attract(_), _) => {
                self.overlay = Overlay::None;
                self.log_usage("home");
                Task::none()
            }
            (Overlay::Warning, _) => {
                // The first touch only dismisses the warning.
                self.overlay = Overlay::None;
                Task::none()
            }
            (Overlay::None, message) => self.route(message),
        }
    }

    fn route(&mut self, message: Message) -> Task<Message> {
        let env = Env {
            store: &self.store,
            utc: self.now.to_utc(),
            board: &self.board,
            config: &self.config,
        };
        match (&mut self.screen, message) {
            (Screen::Home(state), Message::Home(m)) => match state.update(m) {
                home::Action::OpenNotices(focus) => {
                    self.screen = Screen::Notices(notices::State::new(&self.board.notices, focus));
                    self.log_usage("notices");
                }
                home::Action::OpenCharging => {
                    self.screen = Screen::Charging(charging::State::default());
                    self.log_usage("charging");
                }
                home::Action::OpenStaff => {
                    let (state, task) = staff::State::open(env);
                    self.screen = Screen::Staff(Box::new(state));
                    self.log_usage("staff");
                    return done(task, Message::Staff);
                }
                home::Action::ToggleElder => self.elder = !self.elder,
                home::Action::OpenWishes => self.open_wishes(wishes::Tab::Wishes),
                home::Action::MakeWish => self.make_wish(),
                home::Action::Suggest => self.suggest(),
                home::Action::OpenReading => {
                    let (state, task) = reading::State::open(env);
                    self.screen = Screen::Reading(Box::new(state));
                    self.log_usage("reading");
                    return done(task, Message::Reading);
                }
            },
            (Screen::Reading(state), Message::Reading(m)) => {
                let action = state.update(m, env);
                return self.perform(action, Message::Reading, nothing);
            }
            (Screen::Wishes(state), Message::Wishes(m)) => {
                let action = state.update(m, env);
                return self.perform(action, Message::Wishes, |app, go| {
                    match go {
                        wishes::Go::MakeWish => app.make_wish(),
                        wishes::Go::Suggest => app.suggest(),
                    }
                    Task::none()
                });
            }
            (Screen::WishForm(state), Message::WishForm(m)) => {
                let action = state.update(m, env);
                return self.perform(action, Message::WishForm, nothing);
            }
            (Screen::SuggestionForm(state), Message::SuggestionForm(m)) => {
                let action = state.update(m, env);
                return self.perform(action, Message::SuggestionForm, nothing);
            }
            (Screen::Notices(state), Message::Notices(m)) => {
                let action = state.update(m, &self.board.notices);
                return self.perform(action, Message::Notices, nothing);
            }
            (Screen::Charging(state), Message::Charging(m)) => {
                let action = state.update(m, env);
                return self.perform(action, Message::Charging, nothing);
            }
            (Screen::Reading(_), Message::Typed(key)) => {
                return self.update(Message::Reading(reading::Message::Physical(key)));
            }
            (Screen::Staff(state), Message::Typed(key)) => {
                let action = state.update(staff::Message::Typed(key), env);
                return self.perform(action, Message::Staff, App::leave_staff);
            }
            (Screen::Staff(state), Message::Staff(m)) => {
                let action = state.update(m, env);
                return self.perform(action, Message::Staff, App::leave_staff);
            }
            // A message from a screen that is no longer in front (a late tap): ignore.
            _ => {}
        }
        Task::none()
    }

    /// Does what a screen's `update` asked; `wrap` makes its messages the app's, and
    /// `screen` does what only that screen asks.
    fn perform<M: Send + 'static, E>(
        &mut self,
        action: screen::Action<M, E>,
        wrap: fn(M) -> Message,
        screen: impl FnOnce(&mut App, E) -> Task<Message>,
    ) -> Task<Message> {
        match action {
            screen::Action::None => Task::none(),
            screen::Action::GoHome => {
                self.go_home();
                Task::none()
            }
            screen::Action::Run(task) => done(task, wrap),
            screen::Action::Changed => self.read_board(),
            screen::Action::RunAndRefresh(task) => {
                Task::batch([done(task, wrap), self.read_board()])
            }
            screen::Action::Screen(e) => screen(self, e),
        }
    }

    /// How staff leave the staff pages.
    fn leave_staff(&mut self, leave: staff::Leave) -> Task<Message> {
        match leave {
            staff::Leave::LoggedOut => {
                self.audit_logout("");
                self.go_home();
                self.toast = Some((crate::text::app::LOGGED_OUT, self.now));
                Task::none()
            }
            staff::Leave::ExitKiosk => {
                tracing::info!("staff exited the kiosk");
                iced::exit()
            }
        }
    }

    fn tick(&mut self, now: DateTime<Local>, at: Instant) -> Task<Message> {
        let wall = (now - self.now).num_seconds();
        let mono = at.saturating_duration_since(self.mono).as_secs() as i64;
        if (wall - mono).abs() > JUMP_LOGGED_SECS {
            tracing::warn!("the wall clock jumped by {} s", wall - mono);
        }
        self.now = now;
        self.mono = at.max(self.mono);
        if now.date_naive() != self.housekept {
            self.housekept = now.date_naive();
            let at = now.to_utc();
            self.store.detach("daily housekeeping", move |s| {
                s.wish_housekeeping(at)?;
                s.loan_housekeeping(at).map(|_| ())
            });
        }
        let idle = self.idle_secs();
        let timeout = self.config.idle_timeout_secs as i64;
        let warning = self.config.idle_warning_secs as i64;
        if self.needs_reset() {
            if idle >= timeout + warning {
                self.reset();
            } else if idle >= timeout && matches!(self.overlay, Overlay::None) {
                self.overlay = Overlay::Warning;
            }
        } else if idle >= self.config.attract_after_secs as i64
            && !matches!(self.overlay, Overlay::Attract(_))
        {
            self.overlay = Overlay::Attract(attract::State::new(now.naive_local()));
            self.log_usage("attract");
        }
        // Once a second, ask the store thread what changed (the CLI, the feed, the
        // minute turning); one question at a time.
        if self.board_reads_pending == 0 {
            self.read_board()
        } else {
            Task::none()
        }
    }

    /// Asks the store thread for whatever changed since the board was read.
    fn read_board(&mut self) -> Task<Message> {
        self.board_reads_pending += 1;
        let job = self.board.changes(self.now);
        Task::perform(self.store.run(job), |r| {
            Message::Board(r.map(|u| u.map(Arc::new)).map_err(Failure::new))
        })
    }

    fn board_read(&mut self, result: Result<Option<Arc<Update>>, Failure>) -> Task<Message> {
        self.board_reads_pending = self.board_reads_pending.saturating_sub(1);
        let update = match result {
            Ok(Some(update)) => update,
            Ok(None) => return Task::none(),
            Err(e) => {
                tracing::error!("could not refresh from the store: {}", *e);
                return Task::none();
            }
        };
        let changed = self.board.apply(Arc::unwrap_or_clone(update));
        let env = Env {
            store: &self.store,
            utc: self.now.to_utc(),
            board: &self.board,
            config: &self.config,
        };
        match &mut self.screen {
            Screen::Staff(state) if changed.any() => {
                done(state.changed(changed, env), Message::Staff)
            }
            Screen::Reading(state) if changed.books => done(state.changed(env), Message::Reading),
            _ => Task::none(),
        }
    }

    /// Seconds since the last touch, on the monotonic clock.
    fn idle_secs(&self) -> i64 {
        self.mono
            .saturating_duration_since(self.last_touch)
            .as_secs() as i64
    }

    /// Whether the kiosk is anywhere but a fresh home screen.
    fn needs_reset(&self) -> bool {
        !matches!(self.screen, Screen::Home(_)) || self.elder != self.config.elder_mode_default
    }

    /// The idle reset: home, default text size, half-typed input and staff session gone.
    fn reset(&mut self) {
        if let Screen::Staff(state) = &self.screen
            && state.logged_in()
        {
            self.audit_logout("idle");
        }
        self.screen = Screen::Home(home::State);
        self.elder = self.config.elder_mode_default;
        self.overlay = Overlay::None;
        self.log_usage("home");
    }

    fn open_wishes(&mut self, tab: wishes::Tab) {
        self.screen = Screen::Wishes(Box::new(wishes::State::new(tab)));
        self.log_usage("wishes");
    }

    fn make_wish(&mut self) {
        self.screen = Screen::WishForm(Box::default());
        self.log_usage("wish_form");
    }

    fn suggest(&mut self) {
        self.screen = Screen::SuggestionForm(Box::default());
        self.log_usage("suggestion_form");
    }

    /// Waits until the store thread has done everything sent to it so far: for tests
    /// and shutdown, never inside `update`.
    pub fn flush(&self) {
        let _ = self.store.run_blocking(|_| Ok(()));
    }

    fn go_home(&mut self) {
        self.screen = Screen::Home(home::State);
        self.log_usage("home");
    }

    fn audit_logout(&self, why: &'static str) {
        self.store.detach("audit line", move |s| {
            s.audit(staff::ACTOR, "staff.logout", why)?;
            Ok(())
        });
    }

    fn log_usage(&self, screen: &'static str) {
        let at = self.now.to_utc();
        self.store
            .detach("usage event", move |s| s.log_usage(screen, at));
    }

    pub fn view(&self) -> Element<'_, Message> {
        responsive(move |size| self.view_sized(size)).into()
    }

    /// The screen for a window of `size` (what `view` lays out; public for benches).
    pub fn view_sized(&self, size: Size) -> Element<'_, Message> {
        let _no_store = store::forbid_store_here();
        let ui = Ui::new(self.elder, self.season(), size.width, size.height);
        let ctx = Context {
            now: self.now.naive_local(),
            utc: self.now.to_utc(),
            board: &self.board,
            config: &self.config,
            season: self.season(),
            elder: self.elder,
        };
        if let Overlay::Attract(state) = &self.overlay {
            return state.view(&ui, ctx).map(Message::Attract);
        }
        let screen = match &self.screen {
            Screen::Home(state) => state.view(&ui, ctx).map(Message::Home),
            Screen::Notices(state) => state.view(&ui, ctx).map(Message::Notices),
            Screen::Charging(state) => state.view(&ui, ctx).map(Message::Charging),
            Screen::Staff(state) => state.view(&ui, ctx).map(Message::Staff),
            Screen::Wishes(state) => state.view(&ui, ctx).map(Message::Wishes),
            Screen::WishForm(state) => state.view(&ui).map(Message::WishForm),
            Screen::SuggestionForm(state) => state.view(&ui).map(Message::SuggestionForm),
            Screen::Reading(state) => state.view(&ui, ctx).map(Message::Reading),
        };
        match self.overlay {
            Overlay::Warning => stack![screen, self.warning(&ui)].into(),
            _ => match self.toast {
                Some((words, at))
                    if matches!(self.screen, Screen::Home(_))
                        && (self.now - at).num_seconds() < theme::BANNER_SECS =>
                {
                    stack![screen, toast(&ui, words)].into()
                }
                _ => screen,
            },
        }
    }

    fn warning(&self, ui: &Ui) -> Element<'_, Message> {
        let left = (self.config.idle_timeout_secs + self.config.idle_warning_secs) as i64
            - self.idle_secs();
        let dialog = container(
            column![
                text(t::STILL_THERE).size(ui.huge()).font(BOLD),
                text(t::returning_in(left.max(0))).size(ui.label()),
                text(t::STILL_THERE_EN).size(ui.small()).style(theme::muted),
                widget::text_action(ui, t::CONTINUE, Some(Message::StillHere), theme::primary)
                    .width(Length::Fill)
                    .height(Length::Fixed(ui.primary())),
            ]
            .spacing(ui.gap() * 1.5),
        )
        .padding(ui.pad() * 1.5)
        .max_width(ui.s_width(760.0))
        .style(theme::card);
        // Opaque: a tap on the dimmed screen must not also press what lies beneath.
        opaque(
            container(center(dialog))
                .width(Length::Fill)
                .height(Length::Fill)
                .style(theme::scrim),
        )
    }
}

/// The keys a screen takes from a physical keyboard: characters, Enter, Backspace.
fn typed(key: &iced::keyboard::Key, text: Option<&str>) -> Option<crate::screen::Typed> {
    use crate::screen::Typed;
    use iced::keyboard::{Key, key::Named};
    match key {
        Key::Named(Named::Enter) => Some(Typed::Enter),
        Key::Named(Named::Backspace) => Some(Typed::Backspace),
        _ => text
            .and_then(|t| t.chars().next())
            .filter(|c| !c.is_control())
            .map(Typed::Char),
    }
}

/// A few words at the top of the screen that go away by themselves; taps pass through.
fn toast<'a>(ui: &Ui, words: &'a str) -> Element<'a, Message> {
    container(
        container(text(words).size(ui.label()).font(BOLD))
            .padding([ui.gap_small(), ui.pad()])
            .style(theme::banner),
    )
    .center_x(Length::Fill)
    .padding(ui.gap_small())
    .into()
}
