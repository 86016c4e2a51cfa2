//! 许个微心愿: a worker leaves a wish in four steps, all by touch — the kind, the wish
//! (on the pinyin keyboard, or from a tap-to-use example), who they are (surname,
//! occupation, a phone for staff), and consent — then a thank-you with the wish
//! number in large type. Nothing is public until staff approve it.

use super::Env;
use crate::text::wish_form as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget::entry::{DigitEntry, TextEntry, grouped};
use crate::widget::keypad::Key;
use crate::widget::{self, badge, keyboard};
use iced::widget::{Column, Row, column, container, row, scrollable, space, text};
use iced::{Alignment, Length, Task};
use relay_core::store::{
    NewWish, Occupation, Store, WISH_MAX_CHARS, WishKind, mask_phone, validate_phone,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Kind,
    Wish,
    /// The surname.
    Who,
    /// The occupation and the phone.
    Work,
    Confirm,
}

const STEPS: usize = 5;

#[derive(Debug)]
pub struct State {
    step: Step,
    kind: Option<WishKind>,
    /// The page of examples shown, when they do not fit at once.
    examples_page: usize,
    wish: TextEntry,
    surname: TextEntry,
    occupation: Option<Occupation>,
    phone: DigitEntry,
    consent: bool,
    /// A health wish's details go on the board only if the worker says so.
    share_health: bool,
    typing: Option<Typing>,
    error: Option<String>,
    submitting: bool,
    /// The wish number once the store has it.
    number: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typing {
    Wish,
    Surname,
    Phone,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Home,
    Kind(WishKind),
    Example(&'static str),
    /// Turn the examples to this page.
    ExamplesPage(usize),
    Type(Typing),
    Keyboard(keyboard::Message),
    Key(Key),
    DoneTyping,
    Surname(&'static str),
    Occupation(Occupation),
    Consent,
    ShareHealth,
    Back,
    Next,
    Submit,
    Submitted(Result<String, String>),
}

pub type Action = super::Action<Message>;

impl Default for State {
    fn default() -> Self {
        State {
            step: Step::Kind,
            kind: None,
            examples_page: 0,
            wish: TextEntry::new("", WISH_MAX_CHARS),
            surname: TextEntry::new("", 4),
            occupation: None,
            phone: DigitEntry::new(11),
            consent: false,
            share_health: false,
            typing: None,
            error: None,
            submitting: false,
            number: None,
        }
    }
}

impl State {
    pub fn update(&mut self, message: Message, env: Env<'_>) -> Action {
        if self.submitting && !matches!(message, Message::Submitted(_)) {
            return Action::None;
        }
        match message {
            Message::Home => return Action::GoHome,
            Message::Kind(kind) => {
                self.kind = Some(kind);
                self.step = Step::Wish;
                self.error = None;
            }
            Message::ExamplesPage(page) => self.examples_page = page,
            Message::Example(example) => {
                self.wish = TextEntry::new(example, WISH_MAX_CHARS);
                self.error = None;
            }
            Message::Type(field) => {
                self.typing = Some(field);
                self.error = None;
            }
            Message::Keyboard(m) => {
                let done = match self.typing {
                    Some(Typing::Wish) => self.wish.update(m),
                    Some(Typing::Surname) => self.surname.update(m),
                    _ => false,
                };
                if done {
                    self.typing = None;
                }
            }
            Message::Key(key) => self.phone.update(key),
            Message::DoneTyping => self.typing = None,
            Message::Surname(s) => self.surname = TextEntry::new(s, 4),
            Message::Occupation(o) => self.occupation = Some(o),
            Message::Consent => self.consent = !self.consent,
            Message::ShareHealth => self.share_health = !self.share_health,
            Message::Back => {
                self.error = None;
                self.step = match self.step {
                    Step::Kind | Step::Wish => Step::Kind,
                    Step::Who => Step::Wish,
                    Step::Work => Step::Who,
                    Step::Confirm => Step::Work,
                };
            }
            Message::Next => match self.check() {
                Ok(()) => {
                    self.error = None;
                    self.step = match self.step {
                        Step::Kind => Step::Wish,
                        Step::Wish => Step::Who,
                        Step::Who => Step::Work,
                        Step::Work | Step::Confirm => Step::Confirm,
                    };
                }
                Err(e) => self.error = Some(e),
            },
            Message::Submit => {
                let Some(wish) = self.new_wish() else {
                    return Action::None;
                };
                if !self.consent {
                    self.error = Some(t::CONSENT_NEEDED.into());
                    return Action::None;
                }
                self.submitting = true;
                let now = env.utc;
                let public = wish.kind != WishKind::Health || self.share_health;
                let job = move |store: &mut Store| {
                    store
                        .add_wish_with(&wish, public, now, "kiosk")
                        .map(|saved| saved.number)
                };
                return Action::Run(Task::perform(env.store.run(job), |r| {
                    Message::Submitted(r.map_err(|e| e.zh()))
                }));
            }
            Message::Submitted(result) => {
                self.submitting = false;
                match result {
                    Ok(number) => {
                        self.number = Some(number);
                        return Action::Changed;
                    }
                    Err(e) => self.error = Some(t::failed(&e)),
                }
            }
        }
        Action::None
    }

    /// What must be there before leaving the current step.
    fn check(&self) -> Result<(), String> {
        match self.step {
            Step::Kind if self.kind.is_none() => Err(t::PICK_KIND.into()),
            Step::Wish if self.wish.value.trim().is_empty() => Err(t::WISH_EMPTY.into()),
            Step::Who if self.surname.value.trim().is_empty() => Err(t::SURNAME_MISSING.into()),
            Step::Work => {
                if self.occupation.is_none() {
                    return Err(t::OCCUPATION_MISSING.into());
                }
                validate_phone(&self.phone.value)
                    .map(|_| ())
                    .map_err(|e| e.zh())
            }
            _ => Ok(()),
        }
    }

    fn new_wish(&self) -> Option<NewWish> {
        Some(NewWish {
            kind: self.kind?,
            text: self.wish.value.trim().to_string(),
            surname: self.surname.value.trim().to_string(),
            occupation: self.occupation?,
            phone: self.phone.value.clone(),
        })
    }

    pub fn view<'a>(&'a self, ui: &Ui) -> Element<'a, Message> {
        if let Some(number) = &self.number {
            return page(ui, self.thanks(ui, number), None);
        }
        let body: Element<'a, Message> = match (self.typing, self.step) {
            (Some(Typing::Wish), _) => self.wish.view(ui, t::WISH_FIELD).map(Message::Keyboard),
            (Some(Typing::Surname), _) => self
                .surname
                .view(ui, t::SURNAME_FIELD)
                .map(Message::Keyboard),
            (Some(Typing::Phone), _) => {
                self.phone
                    .view(ui, t::PHONE_FIELD, Message::Key, Message::DoneTyping)
            }
            (None, Step::Kind) => self.kinds(ui),
            (None, Step::Wish) => self.wish_step(ui),
            (None, Step::Who) => self.who(ui),
            (None, Step::Work) => self.work(ui),
            (None, Step::Confirm) => self.confirm(ui),
        };
        let mut content = Column::new().spacing(ui.gap());
        if let Some(e) = &self.error {
            content = content.push(badge::error(ui, e.as_str()));
        }
        content = content.push(container(body).height(Length::Fill));
        if self.typing.is_none() {
            content = content.push(self.nav(ui));
        }
        let step = match self.step {
            Step::Kind => 1,
            Step::Wish => 2,
            Step::Who => 3,
            Step::Work => 4,
            Step::Confirm => 5,
        };
        if self.typing.is_some() {
            // The keyboard needs the whole height on a small panel in elder mode; 完成
            // brings the header back.
            return widget::bare_page(ui, content.into());
        }
        page(ui, content.into(), Some(t::step_of(step, STEPS)))
    }

    fn kinds<'a>(&self, ui: &Ui) -> Element<'a, Message> {
        let per_row = if ui.portrait { 2 } else { 3 };
        let mut grid = Column::new().spacing(ui.gap());
        for chunk in WishKind::ALL.chunks(per_row) {
            let mut line = Row::new().spacing(ui.gap());
            for &kind in chunk {
                let selected = self.kind == Some(kind);
                line = line.push(
                    widget::action(
                        ui,
                        column![
                            widget::fit(text(kind.zh()).size(ui.heading()).font(BOLD)),
                            text(t::kind_hint(kind)).size(ui.small()),
                        ]
                        .align_x(Alignment::Center)
                        .spacing(theme::LINE_GAP),
                        Some(Message::Kind(kind)),
                        if selected {
                            theme::selected
                        } else {
                            theme::secondary
                        },
                    )
                    .height(Length::Fixed(if ui.tight() {
                        ui.target() * 1.2
                    } else {
                        ui.primary() * 1.2
                    }))
                    .width(Length::Fill),
                );
            }
            grid = grid.push(line);
        }
        scrollable(
            column![text(t::PICK_KIND).size(ui.heading()).font(BOLD), grid].spacing(ui.gap()),
        )
        .spacing(theme::SCROLLBAR_GAP)
        .into()
    }

    fn wish_step<'a>(&'a self, ui: &Ui) -> Element<'a, Message> {
        let examples: Vec<&'static str> = self
            .kind
            .map(|k| t::examples(k).to_vec())
            .unwrap_or_default();
        let ui_ = *ui;
        // As many examples as fit, the rest a page on: nothing to drag.
        let list = widget::paged_rows(
            ui,
            self.examples_page,
            examples.len(),
            ui.target(),
            Message::ExamplesPage,
            move |range| {
                let mut list = Column::new().spacing(ui_.gap());
                for &example in &examples[range] {
                    list = list.push(
                        widget::action(
                            &ui_,
                            text(example).size(ui_.body()),
                            Some(Message::Example(example)),
                            theme::card_button,
                        )
                        .width(Length::Fill),
                    );
                }
                list.into()
            },
        );
        let field = widget::field_button(
            ui,
            &self.wish.value,
            t::TAP_TO_WRITE,
            Message::Type(Typing::Wish),
        );
        if ui.tight() {
            // Elder mode on a small panel: the field says what to do; the lines go to
            // the examples.
            return column![field, list].spacing(ui.gap()).into();
        }
        column![
            text(t::WRITE_WISH).size(ui.heading()).font(BOLD),
            field,
            text(t::EXAMPLES).size(ui.label()),
            list,
        ]
        .spacing(ui.gap())
        .into()
    }

    fn who<'a>(&'a self, ui: &Ui) -> Element<'a, Message> {
        let per_row = match (ui.portrait, ui.elder(), ui.compact()) {
            (true, true, _) => 4,
            (true, false, _) => 6,
            (false, true, false) => 8,
            (false, _, _) => 12,
        };
        let mut surnames = Column::new().spacing(ui.gap_small());
        // Twelve elder-mode keys fit 1280 only 12 px apart.
        let gap = if ui.tight() { 12.0 } else { ui.gap_small() };
        for chunk in t::SURNAMES.chunks(per_row) {
            let mut line = Row::new().spacing(gap);
            for &s in chunk {
                // One character each: a narrow side padding keeps ✓ 赵 on one line.
                line = line.push(
                    widget::choice(ui, s, self.surname.value == s, Message::Surname(s))
                        .padding([ui.gap_small(), theme::BADGE_PAD])
                        .width(Length::Fill),
                );
            }
            surnames = surnames.push(line);
        }
        let typed =
            !self.surname.value.is_empty() && !t::SURNAMES.contains(&self.surname.value.as_str());
        surnames = surnames.push(
            widget::choice(
                ui,
                if typed {
                    &self.surname.value
                } else {
                    t::OTHER_SURNAME
                },
                typed,
                Message::Type(Typing::Surname),
            )
            .width(Length::Fill),
        );
        scrollable(
            column![text(t::WHO).size(ui.label()).font(BOLD), surnames].spacing(ui.gap_small()),
        )
        .spacing(theme::SCROLLBAR_GAP)
        .into()
    }

    fn work<'a>(&'a self, ui: &Ui) -> Element<'a, Message> {
        // Elder mode in portrait: two rows, so 网约车司机 stays on one line.
        let per_row = if ui.elder() && ui.portrait {
            Occupation::ALL.len().div_ceil(2)
        } else {
            Occupation::ALL.len()
        };
        let mut jobs = Column::new().spacing(ui.gap_small());
        for chunk in Occupation::ALL.chunks(per_row) {
            let mut line = Row::new().spacing(ui.gap_small());
            for &o in chunk {
                line = line.push(
                    widget::choice(
                        ui,
                        o.zh(),
                        self.occupation == Some(o),
                        Message::Occupation(o),
                    )
                    .width(Length::Fill),
                );
            }
            jobs = jobs.push(line);
        }
        let phone = if self.phone.value.is_empty() {
            String::new()
        } else {
            grouped(&self.phone.value)
        };
        scrollable(
            column![
                text(t::OCCUPATION).size(ui.label()).font(BOLD),
                jobs,
                text(t::PHONE).size(ui.label()).font(BOLD),
                widget::field_button(ui, &phone, t::TAP_FOR_PHONE, Message::Type(Typing::Phone)),
            ]
            .spacing(ui.gap_small()),
        )
        .spacing(theme::SCROLLBAR_GAP)
        .into()
    }

    fn confirm<'a>(&'a self, ui: &Ui) -> Element<'a, Message> {
        let Some(wish) = self.new_wish() else {
            return space::vertical().into();
        };
        let person = format!(
            "{} {}师傅",
            wish.occupation.as_person_zh(),
            wish.surname.chars().next().unwrap_or(' ')
        );
        let card = container(
            column![
                // The kind was chosen two steps ago; short of room, it is left out.
                (!ui.tight()).then(|| badge::word(
                    ui,
                    wish.kind.zh(),
                    theme::colors(ui.season).primary
                )),
                text(wish.text).size(ui.label()).font(BOLD),
                // Short of room: who and the number on one line.
                if ui.tight() {
                    Element::from(
                        row![
                            text(format!("{}{person}", t::SHOWN_AS)).size(ui.body()),
                            text(t::phone_masked_short(&mask_phone(&wish.phone)))
                                .size(ui.body())
                                .style(theme::muted),
                        ]
                        .spacing(ui.gap()),
                    )
                } else {
                    column![
                        text(format!("{}{person}", t::SHOWN_AS)).size(ui.body()),
                        text(t::phone_masked(&mask_phone(&wish.phone)))
                            .size(ui.body())
                            .style(theme::muted),
                    ]
                    .spacing(ui.gap_small())
                    .into()
                },
            ]
            .spacing(ui.gap_small()),
        )
        .padding(ui.gap())
        .width(Length::Fill)
        .style(theme::card);
        // On a small panel in elder mode the summary speaks for itself: no heading.
        let heading = (!ui.tight()).then(|| text(t::CHECK).size(ui.heading()).font(BOLD));
        scrollable(
            column![
                heading,
                card,
                self.share_choice(ui, wish.kind),
                widget::choice(
                    ui,
                    if self.consent {
                        t::CONSENT
                    } else {
                        t::CONSENT_UNTICKED
                    },
                    self.consent,
                    Message::Consent
                )
                .width(Length::Fill)
                .height(Length::Fixed(consent_height(ui))),
            ]
            .spacing(ui.gap()),
        )
        .spacing(theme::SCROLLBAR_GAP)
        .into()
    }

    /// For a health wish: whether its details may go on the board (off until ticked).
    fn share_choice<'a>(&self, ui: &Ui, kind: WishKind) -> Element<'a, Message> {
        if kind != WishKind::Health {
            return space::vertical().height(0).into();
        }
        widget::choice(
            ui,
            if self.share_health {
                t::SHARE_HEALTH
            } else {
                t::SHARE_HEALTH_UNTICKED
            },
            self.share_health,
            Message::ShareHealth,
        )
        .width(Length::Fill)
        .into()
    }

    fn nav<'a>(&self, ui: &Ui) -> Element<'a, Message> {
        let back = widget::text_action(
            ui,
            t::BACK,
            (self.step > Step::Kind).then_some(Message::Back),
            theme::secondary,
        );
        let next = match self.step {
            Step::Confirm => widget::text_action(
                ui,
                if self.submitting {
                    t::SUBMITTING
                } else {
                    t::SUBMIT
                },
                (!self.submitting && self.consent).then_some(Message::Submit),
                theme::primary,
            ),
            Step::Kind => widget::text_action(
                ui,
                t::NEXT,
                self.kind.is_some().then_some(Message::Next),
                theme::primary,
            ),
            _ => widget::text_action(ui, t::NEXT, Some(Message::Next), theme::primary),
        };
        row![
            back.width(Length::FillPortion(1))
                .height(Length::Fixed(ui.keypad_submit())),
            next.width(Length::FillPortion(2))
                .height(Length::Fixed(ui.keypad_submit())),
        ]
        .spacing(ui.gap() * 2.0)
        .into()
    }

    fn thanks<'a>(&self, ui: &Ui, number: &'a str) -> Element<'a, Message> {
        // Short of room (elder mode on a small panel) everything stays, a little smaller.
        let tight = ui.tight();
        container(
            column![
                text(t::THANKS)
                    .size(if tight { ui.heading() } else { ui.huge() })
                    .font(BOLD),
                text(t::YOUR_NUMBER).size(ui.label()),
                text(number)
                    .size(ui.huge() * if tight { 1.4 } else { 2.0 })
                    .font(BOLD),
                text(t::AFTER).size(if tight { ui.body() } else { ui.label() }),
                widget::text_action(ui, t::TO_HOME, Some(Message::Home), theme::primary)
                    .width(Length::Fill)
                    .height(Length::Fixed(ui.keypad_submit())),
            ]
            .spacing(if tight { ui.gap() } else { ui.gap() * 1.5 })
            .align_x(Alignment::Center)
            .max_width(ui.s_width(1000.0)),
        )
        .center_x(Length::Fill)
        .into()
    }
}

/// The consent line wraps on narrow panels and in elder mode: tall enough for its
/// lines, and never below a touch target.
fn consent_height(ui: &Ui) -> f32 {
    let chars = t::CONSENT.chars().count() as f32 + 2.0;
    let room = (ui.width - ui.pad() * 2.0 - ui.gap() * 2.0).max(1.0);
    let lines = (chars * ui.body() / room).ceil();
    (lines * ui.body() * 1.4 + ui.gap_small() * 2.0).max(ui.target())
}

fn page<'a>(ui: &Ui, body: Element<'a, Message>, step: Option<String>) -> Element<'a, Message> {
    let right: Element<'a, Message> = match step {
        Some(step) => text(step).size(ui.label()).font(BOLD).into(),
        None => space::horizontal().width(0).into(),
    };
    container(
        column![
            widget::header(ui, Message::Home, t::TITLE, t::TITLE_EN, right),
            body
        ]
        .spacing(ui.gap())
        // Elder mode on a panel under 800 px high: less room around the page.
        .padding(if ui.tight() && ui.height < 800.0 {
            ui.gap()
        } else {
            ui.pad()
        }),
    )
    .width(Length::Fill)
    .height(Length::Fill)
    .style(theme::page)
    .into()
}
