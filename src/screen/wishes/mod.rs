//! 微心愿: the public wish board. Approved wishes as cards — the wish, its kind, the
//! person as 外卖骑手 王师傅 (never a number or a full name), how long it has waited,
//! and its state in words with a mark — filtered by state and kind, a page at a time.
//! A donor claims a 待认领 wish here; a worker withdraws their own with the wish number
//! and the last 4 digits of their phone. The 你说我办 tab shows published replies to
//! suggestions.

use super::{Context, Env};
use crate::text::wishes as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget::entry::{DigitEntry, TextEntry, grouped};
use crate::widget::keypad::Key;
use crate::widget::{self, badge, keyboard};
use chrono::{DateTime, Local, Utc};
use iced::widget::{Column, Row, button, column, container, row, space, text};
use iced::{Alignment, Length, Task};
use relay_core::i18n;
use relay_core::store::{Store, Suggestion, Wish, WishKind, WishState, validate_phone};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Wishes,
    Suggestions,
}

#[derive(Debug, Default)]
pub struct State {
    tab: Tab,
    state: Option<WishState>,
    kind: Option<WishKind>,
    page: usize,
    form: Option<Form>,
    /// A sentence after a claim or a withdrawal, until 好的.
    info: Option<String>,
}

/// A donor's claim or a worker's withdrawal, full screen while it is filled in.
#[derive(Debug)]
enum Form {
    /// The donor's name (text) and phone (digits).
    Claim {
        wish: Box<Wish>,
        fields: Fields,
        anonymous: bool,
    },
    /// The wish number (text) and the phone's last 4 digits.
    Withdraw { fields: Fields },
}

/// What both forms have: one text typed on the keyboard, one number on the keypad, which
/// of them is being typed, the last problem, and whether the store is working on it.
#[derive(Debug)]
struct Fields {
    text: TextEntry,
    digits: DigitEntry,
    typing: Option<Field>,
    error: Option<String>,
    pending: bool,
}

impl Fields {
    fn new(text: TextEntry, digits: DigitEntry) -> Fields {
        Fields {
            text,
            digits,
            typing: None,
            error: None,
            pending: false,
        }
    }

    /// Typing messages; false for anything else.
    fn input(&mut self, message: &Message) -> bool {
        match message {
            Message::Type(field) if !self.pending => self.typing = Some(*field),
            Message::Keyboard(m) => {
                if self.text.update(m.clone()) {
                    self.typing = None;
                }
            }
            Message::Key(k) => self.digits.update(*k),
            Message::DoneTyping => self.typing = None,
            _ => return false,
        }
        true
    }

    /// The field being typed, with its keyboard or keypad, if one is.
    fn typing_view<'a>(
        &'a self,
        ui: &Ui,
        text_label: &'a str,
        digits_label: &'a str,
    ) -> Option<Element<'a, Message>> {
        match self.typing? {
            Field::Text => Some(self.text.view(ui, text_label).map(Message::Keyboard)),
            Field::Digits => {
                Some(
                    self.digits
                        .view(ui, digits_label, Message::Key, Message::DoneTyping),
                )
            }
        }
    }

    /// The problem, if any, then 确定 / 取消 at the bottom.
    fn finish<'a>(
        &'a self,
        ui: &Ui,
        form: Column<'a, Message, theme::Theme>,
        (yes, busy, style): (&'a str, &'a str, widget::Style),
    ) -> Element<'a, Message> {
        let form = match &self.error {
            Some(e) => form.push(badge::error(ui, e.as_str())),
            None => form,
        };
        form.push(space::vertical())
            .push(widget::save_pair(
                ui,
                (
                    if self.pending { busy } else { yes },
                    Message::Confirm,
                    style,
                ),
                (t::CANCEL, Message::Cancel),
                self.pending,
            ))
            .into()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Text,
    Digits,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Home,
    Tab(Tab),
    State(Option<WishState>),
    NextKind,
    PreviousPage,
    NextPage,
    MakeWish,
    Suggest,
    Claim(i64),
    Withdraw,
    Type(Field),
    Keyboard(keyboard::Message),
    Key(Key),
    DoneTyping,
    Anonymous,
    Confirm,
    Cancel,
    Claimed(Result<(), String>),
    Withdrawn(Result<String, String>),
    CloseInfo,
}

pub type Action = super::Action<Message, Go>;

/// Where the wish board sends a worker: the forms open from the app.
pub enum Go {
    MakeWish,
    Suggest,
}

impl State {
    pub fn new(tab: Tab) -> State {
        State {
            tab,
            ..State::default()
        }
    }

    fn shown<'a>(&self, wishes: &'a [Wish]) -> Vec<&'a Wish> {
        wishes
            .iter()
            .filter(|w| self.state.is_none_or(|s| w.state == s))
            .filter(|w| self.kind.is_none_or(|k| w.kind == k))
            .collect()
    }

    pub fn update(&mut self, message: Message, env: Env<'_>) -> Action {
        match message {
            Message::Home => return Action::GoHome,
            Message::MakeWish => return Action::Screen(Go::MakeWish),
            Message::Suggest => return Action::Screen(Go::Suggest),
            Message::Tab(tab) => {
                self.tab = tab;
                self.page = 0;
            }
            Message::State(state) => {
                self.state = state;
                self.page = 0;
            }
            Message::NextKind => {
                self.kind = match self.kind {
                    None => Some(WishKind::ALL[0]),
                    Some(k) => WishKind::ALL
                        .iter()
                        .position(|&x| x == k)
                        .and_then(|i| WishKind::ALL.get(i + 1).copied()),
                };
                self.page = 0;
            }
            Message::PreviousPage => self.page = self.page.saturating_sub(1),
            Message::NextPage => self.page += 1,
            Message::Claim(id) => {
                if let Some(wish) = env.board.wishes.iter().find(|w| w.id == id) {
                    self.form = Some(Form::Claim {
                        wish: Box::new(wish.clone()),
                        fields: Fields::new(TextEntry::new("", 20), DigitEntry::new(11)),
                        anonymous: false,
                    });
                }
            }
            Message::Withdraw => {
                self.form = Some(Form::Withdraw {
                    fields: Fields::new(TextEntry::latin("", 4), DigitEntry::new(4)),
                });
            }
            Message::Cancel => self.form = None,
            Message::CloseInfo => self.info = None,
            Message::Claimed(result) => match (result, &mut self.form) {
                (Ok(()), _) => {
                    self.form = None;
                    self.info = Some(t::CLAIMED.into());
                    return Action::Changed;
                }
                (Err(e), Some(Form::Claim { fields, .. })) => {
                    fields.pending = false;
                    fields.error = Some(t::claim_failed(&e));
                }
                _ => {}
            },
            Message::Withdrawn(result) => match (result, &mut self.form) {
                (Ok(number), _) => {
                    self.form = None;
                    self.info = Some(t::withdrawn(&number));
                    return Action::Changed;
                }
                (Err(e), Some(Form::Withdraw { fields })) => {
                    fields.pending = false;
                    fields.error = Some(t::withdraw_failed(&e));
                }
                _ => {}
            },
            message => {
                if let Some(form) = &mut self.form {
                    return form.update(message, env);
                }
            }
        }
        Action::None
    }

    pub fn view<'a>(&'a self, ui: &Ui, ctx: Context<'a>) -> Element<'a, Message> {
        let headline = text(t::fulfilled_this_year(ctx.board.wishes_fulfilled_this_year))
            .size(ui.heading())
            .font(BOLD);
        let body: Element<'a, Message> = if let Some(info) = &self.info {
            column![
                text(info.as_str()).size(ui.heading()).font(BOLD),
                widget::text_action(ui, t::OK, Some(Message::CloseInfo), theme::primary)
                    .width(Length::Fill)
                    .height(Length::Fixed(ui.primary())),
            ]
            .spacing(ui.pad())
            .into()
        } else if let Some(form) = &self.form {
            if form.typing() {
                return widget::bare_page(ui, form.view(ui));
            }
            form.view(ui)
        } else if ctx.board.unavailable.voices {
            widget::unavailable(ui)
        } else {
            match self.tab {
                Tab::Wishes => self.board(ui, ctx),
                Tab::Suggestions => self.replies(ui, &ctx.board.suggestions),
            }
        };
        container(
            column![
                widget::header(ui, Message::Home, t::TITLE, t::TITLE_EN, headline.into()),
                body
            ]
            .spacing(ui.gap())
            .padding(ui.pad()),
        )
        .width(Length::Fill)
        .height(Length::Fill)
        .style(theme::page)
        .into()
    }

    fn tabs<'a>(&self, ui: &Ui) -> Row<'a, Message, theme::Theme> {
        row![
            widget::choice(
                ui,
                t::TAB_WISHES,
                self.tab == Tab::Wishes,
                Message::Tab(Tab::Wishes)
            )
            .width(Length::Fixed(ui.s_width(200.0))),
            widget::choice(
                ui,
                t::TAB_SUGGESTIONS,
                self.tab == Tab::Suggestions,
                Message::Tab(Tab::Suggestions)
            )
            .width(Length::Fixed(ui.s_width(200.0))),
        ]
        .spacing(ui.gap_small())
    }

    fn board<'a>(&self, ui: &Ui, ctx: Context<'a>) -> Element<'a, Message> {
        // A small landscape panel (1280×800, 1366×768) gets one row of filters with the
        // 你说我办 tab in it, one row of cards, and the actions beside the pager.
        let small = ui.compact() && !ui.portrait;
        let states: [(Option<WishState>, &str); 4] = [
            (None, t::ALL_STATES),
            (Some(WishState::Open), WishState::Open.zh()),
            (Some(WishState::Claimed), WishState::Claimed.zh()),
            (Some(WishState::Fulfilled), WishState::Fulfilled.zh()),
        ];
        let mut state_row = Row::new().spacing(ui.gap_small());
        for (state, label) in states {
            state_row = state_row.push(
                widget::choice(ui, label, self.state == state, Message::State(state))
                    .width(Length::Fill),
            );
        }
        let kind = match (self.kind, small) {
            (None, false) => t::ALL_KINDS.to_string(),
            (None, true) => t::ALL_KINDS_SHORT.to_string(),
            (Some(k), false) => t::kind_filter(k.zh()),
            (Some(k), true) => k.zh().to_string(),
        };
        let kind_button = widget::action(
            ui,
            widget::fit(text(format!("{kind} ›")).size(ui.body()).font(BOLD)),
            Some(Message::NextKind),
            theme::secondary,
        )
        .width(Length::Fixed(ui.s_width(if small { 200.0 } else { 260.0 })));
        let filter_rows: Element<'a, Message> = if small {
            state_row
                .push(kind_button)
                .push(
                    widget::choice(
                        ui,
                        t::TAB_SUGGESTIONS,
                        false,
                        Message::Tab(Tab::Suggestions),
                    )
                    .width(Length::Fixed(ui.s_width(160.0))),
                )
                .into()
        } else if ui.elder() && ui.portrait {
            // Elder mode in portrait: the states take a row of their own.
            column![self.tabs(ui), state_row, kind_button.width(Length::Fill)]
                .spacing(ui.gap_small())
                .into()
        } else if ui.compact() {
            column![
                self.tabs(ui),
                row![state_row, kind_button].spacing(ui.gap_small())
            ]
            .spacing(ui.gap_small())
            .into()
        } else {
            self.tabs(ui)
                .push(space::horizontal().width(ui.gap()))
                .push(state_row)
                .push(kind_button)
                .into()
        };
        let shown = self.shown(&ctx.board.wishes);
        let (cols, rows) = grid_shape(ui);
        let per_page = cols * rows;
        let pages = widget::page_count(shown.len(), per_page);
        let page = self.page.min(pages - 1);
        let mut grid = Column::new().spacing(ui.gap());
        for chunk in shown
            .iter()
            .skip(page * per_page)
            .take(per_page)
            .collect::<Vec<_>>()
            .chunks(cols)
        {
            let mut line = Row::new().spacing(ui.gap());
            for wish in chunk {
                line = line.push(card(ui, wish, ctx.utc));
            }
            for _ in chunk.len()..cols {
                line = line.push(space::horizontal());
            }
            grid = grid.push(line);
        }
        if shown.is_empty() {
            grid = grid.push(text(t::NO_WISHES).size(ui.label()));
        }
        let pager = widget::pager(ui, page, pages, Message::PreviousPage, Message::NextPage);
        let make = widget::text_action(ui, t::MAKE_A_WISH, Some(Message::MakeWish), theme::primary)
            .width(Length::Fill);
        let withdraw = widget::text_action(
            ui,
            if small {
                t::WITHDRAW_SHORT
            } else {
                t::WITHDRAW_MINE
            },
            Some(Message::Withdraw),
            theme::secondary,
        )
        .width(Length::Fill);
        let bottom: Element<'a, Message> = if ui.tight() && !ui.portrait {
            // Elder mode on a small panel: every control at its own width in one row.
            row![
                widget::text_action(
                    ui,
                    t::PREVIOUS,
                    (page > 0).then_some(Message::PreviousPage),
                    theme::secondary
                )
                .width(Length::Fixed(ui.s_width(170.0))),
                text(t::page_short(page + 1, pages))
                    .size(ui.label())
                    .font(BOLD),
                widget::text_action(
                    ui,
                    t::NEXT,
                    (page + 1 < pages).then_some(Message::NextPage),
                    theme::secondary
                )
                .width(Length::Fixed(ui.s_width(170.0))),
                space::horizontal(),
                widget::text_action(ui, t::MAKE_A_WISH, Some(Message::MakeWish), theme::primary)
                    .width(Length::Fixed(ui.s_width(200.0))),
                widget::text_action(
                    ui,
                    t::WITHDRAW_SHORT,
                    Some(Message::Withdraw),
                    theme::secondary
                )
                .width(Length::Fixed(ui.s_width(170.0))),
            ]
            .spacing(ui.gap())
            .align_y(Alignment::Center)
            .into()
        } else if small {
            row![
                container(pager).width(Length::FillPortion(3)),
                container(make).width(Length::FillPortion(1)),
                container(withdraw).width(Length::FillPortion(1)),
            ]
            .spacing(ui.gap())
            .align_y(Alignment::Center)
            .into()
        } else {
            column![pager, row![make, withdraw].spacing(ui.gap())]
                .spacing(ui.gap())
                .into()
        };
        column![filter_rows, container(grid).height(Length::Fill), bottom]
            .spacing(ui.gap())
            .into()
    }

    fn replies<'a>(&self, ui: &Ui, list: &'a [Suggestion]) -> Element<'a, Message> {
        let per_page = match (ui.portrait, ui.elder(), ui.compact()) {
            (true, false, _) => 5,
            (true, true, _) => 3,
            (false, false, false) => 3,
            (false, true, true) => 1,
            (false, _, _) => 2,
        };
        let pages = widget::page_count(list.len(), per_page);
        let page = self.page.min(pages - 1);
        let mut items = Column::new().spacing(ui.gap());
        for s in list.iter().skip(page * per_page).take(per_page) {
            let mut lines = column![
                badge::word(ui, s.kind.zh(), theme::colors(ui.season).primary),
                text(s.text.as_str()).size(ui.label()).font(BOLD),
            ]
            .spacing(ui.gap_small());
            if let Some(reply) = &s.reply {
                lines = lines.push(text(t::reply(reply)).size(ui.body()).style(theme::done));
            }
            items = items.push(
                container(lines)
                    .padding(ui.gap())
                    .width(Length::Fill)
                    .style(theme::card),
            );
        }
        if list.is_empty() {
            items = items.push(text(t::NO_SUGGESTIONS).size(ui.label()));
        }
        column![
            self.tabs(ui),
            container(items).height(Length::Fill),
            widget::pager(ui, page, pages, Message::PreviousPage, Message::NextPage),
            widget::text_action(ui, t::SUGGEST, Some(Message::Suggest), theme::primary)
                .width(Length::Fill),
        ]
        .spacing(ui.gap())
        .into()
    }
}

/// Columns and rows of wish cards a page.
fn grid_shape(ui: &Ui) -> (usize, usize) {
    match (ui.portrait, ui.elder(), ui.compact()) {
        (true, false, _) => (2, 4),
        (true, true, _) => (1, 3),
        (false, false, false) => (3, 2),
        (false, true, false) => (2, 2),
        (false, false, true) => (3, 1),
        (false, true, true) => (2, 1),
    }
}

/// The mark and colour of a wish's state (never colour alone: the words come too).
pub fn state_look(state: WishState) -> (&'static str, iced::Color) {
    match state {
        WishState::Open => ("♡", theme::CHARGING),
        WishState::Claimed => ("◐", theme::WARN),
        WishState::Fulfilled | WishState::Archived => ("✓", theme::OK),
        WishState::Pending => ("…", theme::PINNED),
        WishState::Declined | WishState::Withdrawn => ("■", theme::BAD),
    }
}

fn card<'a>(ui: &Ui, wish: &'a Wish, now: DateTime<Utc>) -> Element<'a, Message> {
    let (mark, color) = state_look(wish.state);
    let since = wish.approved_at.unwrap_or(wish.created_at);
    let mut lines = column![
        row![
            badge::word(ui, wish.kind.zh(), theme::colors(ui.season).primary),
            container(
                text(format!("{mark} {}", wish.state.zh()))
                    .size(ui.body())
                    .font(BOLD)
            )
            .padding([theme::BADGE_PAD, ui.gap_small()])
            .style(theme::badge(color)),
        ]
        .spacing(theme::BADGE_GAP)
        .align_y(Alignment::Center),
        if wish.text_public {
            text(wish.text.as_str())
                .size(if ui.tight() { ui.body() } else { ui.label() })
                .font(BOLD)
        } else {
            // Health details are the worker's: the board says only what kind of help.
            text(t::PRIVATE_TEXT)
                .size(if ui.tight() { ui.body() } else { ui.label() })
                .style(theme::muted)
        },
        text(format!(
            "{} · {}",
            wish.person_zh(),
            t::waited((now - since).num_days())
        ))
        .size(ui.body())
        .style(theme::muted),
    ]
    .spacing(if ui.tight() {
        theme::BADGE_GAP
    } else {
        ui.gap_small()
    });
    match wish.state {
        WishState::Claimed => {
            lines = lines.push(text(t::claimed_by(wish.donor_zh())).size(ui.body()));
        }
        WishState::Fulfilled => {
            if let Some(at) = wish.fulfilled_at {
                let day = i18n::date_zh(at.with_timezone(&Local).naive_local());
                lines = lines.push(text(t::fulfilled_on(&day)).size(ui.body()));
            }
            if let Some(thanks) = &wish.thanks {
                lines = lines.push(
                    text(t::thanks_line(thanks))
                        .size(ui.body())
                        .style(theme::done),
                );
            }
        }
        WishState::Open if ui.elder() => {
            // No room for a button in the card: the whole card is the button.
            lines = lines.push(space::vertical()).push(
                text(format!("{} ›", t::CLAIM))
                    .size(ui.label())
                    .font(BOLD)
                    .style(theme::done),
            );
            return widget::marked(
                button(lines)
                    .padding(ui.gap())
                    .width(Length::Fill)
                    .height(Length::Fill)
                    .on_press(Message::Claim(wish.id))
                    .style(theme::card_button),
            )
            .into();
        }
        WishState::Open => {
            lines = lines.push(space::vertical()).push(
                widget::text_action(ui, t::CLAIM, Some(Message::Claim(wish.id)), theme::primary)
                    .width(Length::Fill),
            );
        }
        _ => {}
    }
    container(lines)
        .padding(ui.gap())
        .width(Length::Fill)
        .height(Length::Fill)
        .style(theme::card)
        .into()
}

impl Form {
    fn fields(&self) -> &Fields {
        match self {
            Form::Claim { fields, .. } | Form::Withdraw { fields } => fields,
        }
    }

    fn typing(&self) -> bool {
        self.fields().typing.is_some()
    }

    fn update(&mut self, message: Message, env: Env<'_>) -> Action {
        let now = env.utc;
        match self {
            Form::Claim {
                wish,
                fields,
                anonymous,
            } => match message {
                m if fields.input(&m) => {}
                Message::Anonymous => *anonymous = !*anonymous,
                Message::Confirm if !fields.pending => {
                    let name = fields.text.value.trim().to_string();
                    if !*anonymous && name.is_empty() {
                        fields.error = Some(t::DONOR_MISSING.into());
                        return Action::None;
                    }
                    if let Err(e) = validate_phone(&fields.digits.value) {
                        fields.error = Some(e.zh());
                        return Action::None;
                    }
                    fields.pending = true;
                    fields.error = None;
                    let (id, number) = (wish.id, fields.digits.value.clone());
                    let donor = (!*anonymous).then_some(name);
                    let job = move |store: &mut Store| {
                        store.claim_wish(id, donor.as_deref(), &number, now, "kiosk")
                    };
                    return Action::Run(Task::perform(env.store.run(job), |r| {
                        Message::Claimed(r.map_err(|e| e.zh()))
                    }));
                }
                _ => {}
            },
            Form::Withdraw { fields } => match message {
                m if fields.input(&m) => {}
                Message::Confirm if !fields.pending => {
                    let code = fields.text.value.trim().to_uppercase();
                    if code.chars().count() != 4 || fields.digits.value.len() != 4 {
                        fields.error = Some(t::WITHDRAW_INCOMPLETE.into());
                        return Action::None;
                    }
                    fields.pending = true;
                    fields.error = None;
                    let digits = fields.digits.value.clone();
                    let job = move |store: &mut Store| {
                        store
                            .withdraw_wish(&code, &digits, now)
                            .map(|wish| wish.number)
                    };
                    return Action::Run(Task::perform(env.store.run(job), |r| {
                        Message::Withdrawn(r.map_err(|e| e.zh()))
                    }));
                }
                _ => {}
            },
        }
        Action::None
    }

    fn view<'a>(&'a self, ui: &Ui) -> Element<'a, Message> {
        match self {
            Form::Claim {
                wish,
                fields,
                anonymous,
            } => {
                if let Some(typing) = fields.typing_view(ui, t::DONOR_FIELD, t::PHONE_FIELD) {
                    return typing;
                }
                let shown_phone = grouped(&fields.digits.value);
                let form = column![
                    text(t::CLAIM_TITLE).size(ui.heading()).font(BOLD),
                    container(
                        column![
                            text(if wish.text_public {
                                wish.text.as_str()
                            } else {
                                t::PRIVATE_TEXT
                            })
                            .size(ui.label())
                            .font(BOLD),
                            text(wish.person_zh()).size(ui.body()).style(theme::muted),
                        ]
                        .spacing(theme::LINE_GAP)
                    )
                    .padding(ui.gap())
                    .width(Length::Fill)
                    .style(theme::card),
                    text(t::DONOR).size(ui.label()).font(BOLD),
                    row![
                        widget::field_button(
                            ui,
                            &fields.text.value,
                            t::TAP_FOR_DONOR,
                            Message::Type(Field::Text)
                        )
                        .width(Length::FillPortion(3)),
                        widget::choice(ui, t::ANONYMOUS, *anonymous, Message::Anonymous)
                            .width(Length::FillPortion(2)),
                    ]
                    .spacing(ui.gap_small())
                    .align_y(Alignment::Center),
                    text(t::DONOR_PHONE).size(ui.label()).font(BOLD),
                    widget::field_button(
                        ui,
                        &shown_phone,
                        t::TAP_FOR_PHONE,
                        Message::Type(Field::Digits)
                    ),
                ]
                .spacing(ui.gap_small());
                fields.finish(ui, form, (t::CONFIRM_CLAIM, t::CLAIMING, theme::primary))
            }
            Form::Withdraw { fields } => {
                if let Some(typing) = fields.typing_view(ui, t::NUMBER_FIELD, t::TAIL_FIELD) {
                    return typing;
                }
                let code = fields.text.value.to_uppercase();
                let form = column![
                    text(t::WITHDRAW_TITLE).size(ui.heading()).font(BOLD),
                    text(t::NUMBER).size(ui.label()).font(BOLD),
                    widget::field_button(ui, &code, t::TAP_FOR_NUMBER, Message::Type(Field::Text)),
                    text(t::TAIL).size(ui.label()).font(BOLD),
                    widget::field_button(
                        ui,
                        &fields.digits.value,
                        t::TAP_FOR_TAIL,
                        Message::Type(Field::Digits)
                    ),
                ]
                .spacing(ui.gap_small());
                fields.finish(
                    ui,
                    form,
                    (t::CONFIRM_WITHDRAW, t::WITHDRAWING, theme::danger),
                )
            }
        }
    }
}
