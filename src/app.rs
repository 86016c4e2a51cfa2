//! The kiosk application: routes messages to the screen in front, performs the
//! screens' actions, runs the idle clock (warning → home → attract mode) and keeps the
//! board in step with the store, including changes made by the CLI.

use crate::board::Board;
use crate::config::Config;
use crate::screen::{Context, attract, charging, home, notices, staff};
use crate::season::Season;
use crate::store::Store;
use crate::theme::{self, BOLD, Ui};
use crate::widget;
use chrono::{DateTime, Local, Timelike, Utc};
use iced::widget::{center, column, container, opaque, responsive, stack, text};
use iced::{Element, Length, Size, Subscription, Task, Theme, event, time, window};
use std::time::Duration;

pub struct App {
    store: Store,
    config: Config,
    now: DateTime<Local>,
    last_touch: DateTime<Local>,
    elder: bool,
    screen: Screen,
    overlay: Overlay,
    board: Board,
    data_version: i64,
    board_minute: u32,
}

enum Screen {
    Home(home::State),
    Notices(notices::State),
    Charging(charging::State),
    Staff(Box<staff::State>),
}

enum Overlay {
    None,
    /// "还在使用吗？" before the idle reset.
    Warning,
    Attract(attract::State),
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Once a second, with the wall-clock time.
    Tick(DateTime<Local>),
    /// A touch or click anywhere.
    Touched,
    StillHere,
    CloseRequested,
    Home(home::Message),
    Notices(notices::Message),
    Charging(charging::Message),
    Staff(staff::Message),
    Attract(attract::Message),
}

/// What is in front, for tests and logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Showing {
    Home,
    Notices,
    Charging,
    Staff,
    IdleWarning,
    Attract,
}

impl App {
    pub fn new(store: Store, config: Config, now: DateTime<Local>) -> App {
        let board = Board::load(&store, &now).unwrap_or_else(|e| {
            tracing::error!("could not read the store: {e}");
            Board::default()
        });
        let data_version = store.data_version().unwrap_or(0);
        let _ = store.log_usage("home", now.with_timezone(&Utc));
        App {
            elder: config.elder_mode_default,
            store,
            config,
            now,
            last_touch: now,
            screen: Screen::Home(home::State),
            overlay: Overlay::None,
            board,
            data_version,
            board_minute: now.minute(),
        }
    }

    pub fn title(&self) -> String {
        self.config.station_name.clone()
    }

    pub fn showing(&self) -> Showing {
        match (&self.overlay, &self.screen) {
            (Overlay::Attract(_), _) => Showing::Attract,
            (Overlay::Warning, _) => Showing::IdleWarning,
            (Overlay::None, Screen::Home(_)) => Showing::Home,
            (Overlay::None, Screen::Notices(_)) => Showing::Notices,
            (Overlay::None, Screen::Charging(_)) => Showing::Charging,
            (Overlay::None, Screen::Staff(_)) => Showing::Staff,
        }
    }

    pub fn elder(&self) -> bool {
        self.elder
    }

    pub fn board(&self) -> &Board {
        &self.board
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn season(&self) -> Season {
        Season::resolve(self.config.season, self.now.date_naive())
    }

    pub fn theme(&self) -> Theme {
        theme::theme(self.season(), theme::is_night(self.now.hour()))
    }

    pub fn subscription(&self) -> Subscription<Message> {
        Subscription::batch([
            time::every(Duration::from_secs(1)).map(|_| Message::Tick(Local::now())),
            event::listen_with(|event, _status, _window| match event {
                iced::Event::Mouse(iced::mouse::Event::ButtonPressed(_))
                | iced::Event::Touch(iced::touch::Event::FingerPressed { .. }) => {
                    Some(Message::Touched)
                }
                _ => None,
            }),
            window::close_requests().map(|_| Message::CloseRequested),
        ])
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Tick(now) => {
                self.tick(now);
                return Task::none();
            }
            Message::CloseRequested => {
                tracing::info!("close request ignored: staff exit the kiosk from staff mode");
                return Task::none();
            }
            _ => {}
        }
        // Everything else is a person at the screen.
        self.last_touch = self.now;
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
                    self.screen =
                        Screen::Staff(Box::new(staff::State::new(&self.store, self.now.to_utc())));
                    self.log_usage("staff");
                }
                home::Action::ToggleElder => self.elder = !self.elder,
            },
            (Screen::Notices(state), Message::Notices(m)) => {
                match state.update(m, &self.board.notices) {
                    notices::Action::None => {}
                    notices::Action::GoHome => self.go_home(),
                }
            }
            (Screen::Charging(state), Message::Charging(m)) => {
                let limit = self.config.charging_limit();
                match state.update(m, &mut self.store, self.now.to_utc(), limit) {
                    charging::Action::None => {}
                    charging::Action::GoHome => self.go_home(),
                    charging::Action::Changed => self.refresh(),
                }
            }
            (Screen::Staff(state), Message::Staff(m)) => {
                let limit = self.config.charging_limit();
                match state.update(m, &mut self.store, self.now.to_utc(), limit) {
                    staff::Action::None => {}
                    staff::Action::GoHome => self.go_home(),
                    staff::Action::Changed => self.refresh(),
                    staff::Action::ExitKiosk => {
                        tracing::info!("staff exited the kiosk");
                        return iced::exit();
                    }
                }
            }
            // A message from a screen that is no longer in front (a late tap): ignore.
            _ => {}
        }
        Task::none()
    }

    fn tick(&mut self, now: DateTime<Local>) {
        self.now = now;
        let version = self.store.data_version().unwrap_or(self.data_version);
        if version != self.data_version || now.minute() != self.board_minute {
            self.data_version = version;
            self.board_minute = now.minute();
            self.refresh();
        }
        let idle = (now - self.last_touch).num_seconds();
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
            let _ = self.store.audit(staff::ACTOR, "staff.logout", "idle");
        }
        self.screen = Screen::Home(home::State);
        self.elder = self.config.elder_mode_default;
        self.overlay = Overlay::None;
        self.log_usage("home");
    }

    fn go_home(&mut self) {
        self.screen = Screen::Home(home::State);
        self.log_usage("home");
    }

    fn refresh(&mut self) {
        if let Err(e) = self.board.refresh(&self.store, &self.now) {
            tracing::error!("could not refresh from the store: {e}");
        }
        if let Screen::Staff(state) = &mut self.screen {
            state.refresh(&self.store, self.now.to_utc());
        }
        self.data_version = self.store.data_version().unwrap_or(self.data_version);
    }

    fn log_usage(&self, screen: &str) {
        if let Err(e) = self.store.log_usage(screen, self.now.to_utc()) {
            tracing::warn!("usage event not recorded: {e}");
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        responsive(move |size| self.view_sized(size)).into()
    }

    fn view_sized(&self, size: Size) -> Element<'_, Message> {
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
        };
        match self.overlay {
            Overlay::Warning => stack![screen, self.warning(&ui)].into(),
            _ => screen,
        }
    }

    fn warning(&self, ui: &Ui) -> Element<'_, Message> {
        let left = (self.config.idle_timeout_secs + self.config.idle_warning_secs) as i64
            - (self.now - self.last_touch).num_seconds();
        let dialog = container(
            column![
                text("还在使用吗？").size(ui.huge()).font(BOLD),
                text(format!(
                    "{} 秒后回到首页，没填完的内容会清除。",
                    left.max(0)
                ))
                .size(ui.label()),
                text("Still there? Returning to the home screen soon.")
                    .size(ui.small())
                    .style(theme::muted),
                widget::text_action(
                    ui,
                    "继续使用 · Continue",
                    Some(Message::StillHere),
                    theme::primary
                )
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
