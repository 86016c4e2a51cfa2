//! Staff: 添加图书. The ISBN first — a USB barcode scanner types its digits and Enter
//! like a keyboard, so the field takes a physical keyboard's digits and Enter, and the
//! on-screen keypad too; a wrong checksum gets a Chinese message, a book already here
//! offers 再加 1 本 — then the title and author on the pinyin keyboard, the category
//! (or ＋ 新分类, typed, made at once), shelf and count by touch.

use crate::screen::Failure;
use crate::screen::{Env, Typed};
use crate::text::staff::books as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget::entry::TextEntry;
use crate::widget::keypad::{self, Key};
use crate::widget::{self, badge, keyboard};
use iced::widget::{Column, Row, column, container, row, space, text};
use iced::{Alignment, Length, Task};
use relay_core::books::Catalog;
use relay_core::store::{Book, CATEGORY_MAX_CHARS, NewBook, Store, normalize_isbn};

/// Digits, hyphens and spaces a typed ISBN may have.
const ISBN_MAX: usize = 17;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Author,
    /// A new category's name (＋ 新分类).
    Category,
}

#[derive(Debug)]
pub struct BookForm {
    isbn: String,
    /// The ISBN once checked: 13 digits.
    isbn_ok: Option<String>,
    /// The on-screen keypad is open on the ISBN.
    keypad: bool,
    title: TextEntry,
    author: TextEntry,
    new_category: TextEntry,
    typing: Option<Field>,
    category: Option<String>,
    rack: Option<&'static str>,
    level: Option<u32>,
    copies: u32,
    /// A book with the same ISBN is already catalogued.
    existing: Option<Box<Book>>,
    error: Option<String>,
    busy: bool,
    /// The form's page on a panel too small for all of it.
    page: usize,
}

#[derive(Debug, Clone)]
pub enum Message {
    OpenKeypad,
    Key(Key),
    CheckIsbn,
    Typed(Typed),
    Found(Result<Option<Box<Book>>, Failure>),
    Type(Field),
    Keyboard(keyboard::Message),
    Category(String),
    /// The category typed after ＋ 新分类 was made (its name), or why not.
    CategoryAdded(Result<String, Failure>),
    Rack(&'static str),
    Level(u32),
    More,
    Fewer,
    AddCopy,
    Save,
    Cancel,
    Saved(Result<String, Failure>),
    Page(usize),
}

pub enum Action {
    None,
    Run(Task<Message>),
    Saved(String),
    Cancel,
}

impl Default for BookForm {
    fn default() -> Self {
        BookForm {
            isbn: String::new(),
            isbn_ok: None,
            keypad: false,
            title: TextEntry::new("", 60),
            author: TextEntry::new("", 40),
            new_category: TextEntry::new("", CATEGORY_MAX_CHARS),
            typing: None,
            category: None,
            rack: None,
            level: None,
            copies: 1,
            existing: None,
            error: None,
            busy: false,
            page: 0,
        }
    }
}

impl BookForm {
    pub fn update(&mut self, message: Message, env: Env<'_>) -> Action {
        if self.busy
            && !matches!(
                message,
                Message::Saved(_) | Message::Found(_) | Message::CategoryAdded(_)
            )
        {
            return Action::None;
        }
        match message {
            Message::OpenKeypad => self.keypad = true,
            Message::Key(key) => {
                self.fresh_scan();
                keypad::apply(&mut self.isbn, key, ISBN_MAX);
            }
            Message::CheckIsbn => return self.check(env),
            Message::Typed(key) => {
                // Typing goes to the ISBN unless a text field has the keyboard; there a
                // USB keyboard types pinyin like the keys on screen.
                if let Some(field) = self.typing {
                    let entry = match field {
                        Field::Title => &self.title,
                        Field::Author => &self.author,
                        Field::Category => &self.new_category,
                    };
                    return match entry.physical(key) {
                        Some(m) => self.update(Message::Keyboard(m), env),
                        None => Action::None,
                    };
                }
                match key {
                    Typed::Char(c) if c.is_ascii_digit() || c == 'X' || c == 'x' || c == '-' => {
                        self.fresh_scan();
                        if self.isbn.chars().count() < ISBN_MAX {
                            self.isbn.push(c.to_ascii_uppercase());
                        }
                    }
                    Typed::Char(_) => {}
                    Typed::Backspace => {
                        self.isbn.pop();
                        self.isbn_ok = None;
                    }
                    Typed::Enter => return self.check(env),
                }
            }
            Message::Found(result) => {
                self.busy = false;
                match result {
                    Ok(existing) => self.existing = existing,
                    Err(e) => self.error = Some(crate::text::error::zh(&e)),
                }
            }
            Message::Type(field) => {
                self.typing = Some(field);
                self.keypad = false;
            }
            Message::Keyboard(m) => {
                let done = match self.typing {
                    Some(Field::Title) => self.title.update(m),
                    Some(Field::Author) => self.author.update(m),
                    Some(Field::Category) => self.new_category.update(m),
                    None => false,
                };
                if done {
                    let field = self.typing.take();
                    let name = self.new_category.value.trim().to_string();
                    if field == Some(Field::Category) && !name.is_empty() {
                        self.busy = true;
                        self.error = None;
                        let now = env.utc;
                        let job = move |store: &mut Store| {
                            store
                                .book_category_add_by(&name, now, super::ACTOR)
                                .map(|_| name)
                        };
                        return Action::Run(Task::perform(env.store.run(job), |r| {
                            Message::CategoryAdded(r.map_err(Failure::new))
                        }));
                    }
                }
            }
            Message::CategoryAdded(result) => {
                self.busy = false;
                match result {
                    Ok(name) => {
                        self.category = Some(name);
                        self.new_category = TextEntry::new("", CATEGORY_MAX_CHARS);
                    }
                    Err(e) => self.error = Some(t::category_not_made(e.zh())),
                }
            }
            Message::Category(c) => self.category = Some(c),
            Message::Rack(r) => self.rack = Some(r),
            Message::Level(l) => self.level = Some(l),
            Message::More => self.copies = (self.copies + 1).min(99),
            Message::Fewer => self.copies = self.copies.saturating_sub(1).max(1),
            Message::AddCopy => {
                let Some(book) = self.existing.clone() else {
                    return Action::None;
                };
                self.busy = true;
                let now = env.utc;
                let job = move |store: &mut Store| {
                    let more = NewBook {
                        title: book.title.clone(),
                        author: book.author.clone(),
                        publisher: book.publisher.clone(),
                        year: book.year,
                        isbn: book.isbn.clone(),
                        category: (book.category_id.is_some()).then(|| book.category.clone()),
                        shelf: book.shelf.clone(),
                        copies: book.copies + 1,
                        summary: book.summary.clone(),
                    };
                    store
                        .book_set(book.id, &more, now)
                        .map(|()| t::copy_added(&book.title))
                };
                return Action::Run(Task::perform(env.store.run(job), |r| {
                    Message::Saved(r.map_err(Failure::new))
                }));
            }
            Message::Save => {
                let title = self.title.value.trim().to_string();
                if title.is_empty() {
                    self.error = Some(t::TITLE_MISSING.into());
                    return Action::None;
                }
                let book = NewBook {
                    title: title.clone(),
                    author: self.author.value.trim().to_string(),
                    publisher: None,
                    year: None,
                    isbn: self.isbn_ok.clone(),
                    category: self.category.clone(),
                    shelf: match (self.rack, self.level) {
                        (Some(r), Some(l)) => t::shelf(r, l),
                        (Some(r), None) => t::shelf_name(r),
                        _ => String::new(),
                    },
                    copies: self.copies,
                    summary: String::new(),
                };
                self.busy = true;
                let now = env.utc;
                let job =
                    move |store: &mut Store| store.book_add(&book, now).map(|_| t::added(&title));
                return Action::Run(Task::perform(env.store.run(job), |r| {
                    Message::Saved(r.map_err(Failure::new))
                }));
            }
            Message::Page(page) => self.page = page,
            Message::Cancel => return Action::Cancel,
            Message::Saved(result) => {
                self.busy = false;
                match result {
                    Ok(done) => return Action::Saved(done),
                    Err(e) => self.error = Some(t::failed(e.zh())),
                }
            }
        }
        Action::None
    }

    /// A new scan after a checked or refused one starts the field afresh.
    fn fresh_scan(&mut self) {
        if self.isbn_ok.is_some() || self.error.is_some() {
            self.isbn.clear();
            self.isbn_ok = None;
            self.existing = None;
            self.error = None;
        }
    }

    /// Checks the typed ISBN (Enter, or 确定 under the keypad), and asks the store
    /// whether the book is already here.
    fn check(&mut self, env: Env<'_>) -> Action {
        self.keypad = false;
        if self.isbn.trim().is_empty() {
            return Action::None;
        }
        match normalize_isbn(&self.isbn) {
            Err(e) => {
                self.isbn_ok = None;
                self.error = Some(crate::text::error::zh(&e));
                Action::None
            }
            Ok(isbn) => {
                self.error = None;
                self.isbn_ok = Some(isbn.clone());
                self.busy = true;
                let job =
                    move |store: &mut Store| store.book_by_isbn(&isbn).map(|b| b.map(Box::new));
                Action::Run(Task::perform(env.store.run(job), |r| {
                    Message::Found(r.map_err(Failure::new))
                }))
            }
        }
    }

    /// Whether the keyboard is open (the page then goes without its header).
    pub fn typing(&self) -> bool {
        self.typing.is_some()
    }

    pub fn view<'a>(&'a self, ui: &Ui, catalog: Option<&'a Catalog>) -> Element<'a, Message> {
        match self.typing {
            Some(Field::Title) => {
                return self.title.view(ui, t::TITLE_FIELD).map(Message::Keyboard);
            }
            Some(Field::Author) => {
                return self.author.view(ui, t::AUTHOR_FIELD).map(Message::Keyboard);
            }
            Some(Field::Category) => {
                return self
                    .new_category
                    .view(ui, t::NEW_CATEGORY_FIELD)
                    .map(Message::Keyboard);
            }
            None => {}
        }
        let mut form = Column::new().spacing(ui.gap());
        if let Some(e) = &self.error {
            form = form.push(badge::error(ui, e.as_str()));
        }
        if self.keypad {
            return form.push(self.isbn_keypad(ui)).into();
        }
        let heights = self.line_heights(ui, catalog);
        let ui_ = *ui;
        form.push(widget::paged_heights(
            ui,
            self.page,
            heights,
            Message::Page,
            move |range| {
                let mut lines = self.lines(&ui_, catalog);
                let mut page = Column::new().spacing(ui_.gap());
                for line in lines.drain(range) {
                    page = page.push(line);
                }
                page.into()
            },
        ))
        .push(widget::save_pair(
            ui,
            (
                if self.busy { t::SAVING } else { t::SAVE },
                Message::Save,
                theme::primary,
            ),
            (t::CANCEL, Message::Cancel),
            self.busy,
        ))
        .into()
    }

    /// The categories offered (the one just made too, before the catalogue has it), and
    /// how many go on a line.
    fn categories<'a>(&'a self, ui: &Ui, catalog: Option<&'a Catalog>) -> (Vec<&'a str>, usize) {
        let mut names: Vec<&str> = catalog
            .map(|c| {
                c.categories()
                    .iter()
                    .filter(|c| c.id.is_some())
                    .map(|c| c.name.as_str())
                    .collect()
            })
            .unwrap_or_default();
        if let Some(chosen) = self.category.as_deref()
            && !names.contains(&chosen)
        {
            names.push(chosen);
        }
        (names, if ui.portrait || ui.elder() { 4 } else { 8 })
    }

    /// How high each of [`Self::lines`] is, for paging.
    fn line_heights(&self, ui: &Ui, catalog: Option<&Catalog>) -> Vec<f32> {
        let field = ui.target();
        let mut heights = vec![field];
        if self.existing.is_some() {
            heights.push(ui.target() + 2.0 * ui.gap());
        }
        heights.extend([field, field, ui.target()]);
        let (names, per_row) = self.categories(ui, catalog);
        heights.extend(names.chunks(per_row).map(|_| ui.target()));
        heights.extend([
            (ui.label() * 1.3).ceil() + ui.gap_small() + ui.target(),
            ui.target(),
            ui.target().max((ui.heading() * 1.3).ceil()),
        ]);
        heights
    }

    /// The form, line by line: each line is whole on one page.
    fn lines<'a>(&'a self, ui: &Ui, catalog: Option<&'a Catalog>) -> Vec<Element<'a, Message>> {
        // A short label beside its field: one touch-high line each.
        let labelled = |words: &'a str, field: Element<'a, Message>| -> Element<'a, Message> {
            row![
                container(label(ui, words)).width(Length::Fixed(ui.s_width(110.0))),
                field
            ]
            .spacing(ui.gap())
            .align_y(Alignment::Center)
            .into()
        };
        let isbn_shown = match &self.isbn_ok {
            Some(ok) => t::isbn_ok(ok),
            None => self.isbn.clone(),
        };
        let mut lines = vec![labelled(
            t::ISBN,
            widget::field_button(ui, &isbn_shown, t::ISBN_EMPTY, Message::OpenKeypad)
                .height(Length::Fixed(ui.target()))
                .into(),
        )];
        if let Some(book) = &self.existing {
            lines.push(
                container(
                    row![
                        text(t::already_have(&book.title, book.copies))
                            .size(ui.label())
                            .font(BOLD)
                            .width(Length::Fill),
                        widget::text_action(
                            ui,
                            t::ADD_COPY,
                            (!self.busy).then_some(Message::AddCopy),
                            theme::primary
                        )
                        .width(Length::Fixed(ui.s_width(220.0))),
                    ]
                    .spacing(ui.gap())
                    .align_y(Alignment::Center),
                )
                .padding(ui.gap())
                .style(theme::card)
                .into(),
            );
        }
        lines.push(labelled(
            t::TITLE,
            widget::field_button(
                ui,
                &self.title.value,
                t::TAP_TITLE,
                Message::Type(Field::Title),
            )
            .height(Length::Fixed(ui.target()))
            .into(),
        ));
        lines.push(labelled(
            t::AUTHOR,
            widget::field_button(
                ui,
                &self.author.value,
                t::TAP_AUTHOR,
                Message::Type(Field::Author),
            )
            .height(Length::Fixed(ui.target()))
            .into(),
        ));
        // ＋ 新分类 beside the heading: a category is made here, typed, and chosen.
        lines.push(
            row![
                container(label(ui, t::CATEGORY)).width(Length::Fill),
                widget::text_action(
                    ui,
                    t::NEW_CATEGORY,
                    (!self.busy).then_some(Message::Type(Field::Category)),
                    theme::secondary,
                )
                .width(Length::Fixed(ui.s_width(200.0)))
                .height(Length::Fixed(ui.target())),
            ]
            .align_y(Alignment::Center)
            .into(),
        );
        let (names, per_row) = self.categories(ui, catalog);
        for chunk in names.chunks(per_row) {
            let mut line = Row::new().spacing(ui.gap_small());
            for &name in chunk {
                line = line.push(
                    widget::choice(
                        ui,
                        name,
                        self.category.as_deref() == Some(name),
                        Message::Category(name.to_string()),
                    )
                    .width(Length::FillPortion(1)),
                );
            }
            for _ in chunk.len()..per_row {
                line = line.push(space::horizontal().width(Length::FillPortion(1)));
            }
            lines.push(line.into());
        }
        let mut racks = Row::new().spacing(ui.gap_small());
        for r in t::SHELVES {
            racks = racks.push(
                widget::choice(
                    ui,
                    &t::shelf_name(r),
                    self.rack == Some(r),
                    Message::Rack(r),
                )
                .width(Length::FillPortion(1)),
            );
        }
        let mut levels = Row::new().spacing(ui.gap_small());
        for l in 1..=6 {
            levels = levels.push(
                widget::choice(
                    ui,
                    &t::level_name(l),
                    self.level == Some(l),
                    Message::Level(l),
                )
                .width(Length::FillPortion(1)),
            );
        }
        lines.push(
            column![label(ui, t::SHELF), racks]
                .spacing(ui.gap_small())
                .into(),
        );
        lines.push(levels.into());
        lines.push(
            row![
                text(t::COPIES).size(ui.label()).font(BOLD),
                widget::text_action(ui, "−", Some(Message::Fewer), theme::secondary)
                    .width(Length::Fixed(ui.target())),
                text(t::copies_n(self.copies)).size(ui.heading()).font(BOLD),
                widget::text_action(ui, "＋", Some(Message::More), theme::secondary)
                    .width(Length::Fixed(ui.target())),
            ]
            .spacing(ui.gap())
            .align_y(Alignment::Center)
            .into(),
        );
        lines
    }

    fn isbn_keypad<'a>(&'a self, ui: &Ui) -> Element<'a, Message> {
        let info = column![
            label(ui, t::ISBN_FIELD),
            container(text(format!("{}▏", self.isbn)).size(ui.heading()))
                .padding(ui.gap())
                .width(Length::Fill)
                .style(theme::card),
        ]
        .spacing(ui.gap())
        .width(Length::Fill);
        let pad = column![
            keypad::keypad(ui, true, Message::Key),
            widget::text_action(ui, t::CHECK_ISBN, Some(Message::CheckIsbn), theme::primary)
                .width(Length::Fixed(ui.keypad_width()))
                .height(Length::Fixed(ui.keypad_submit())),
        ]
        .spacing(ui.gap());
        if ui.portrait {
            column![info, pad].spacing(ui.gap()).into()
        } else {
            row![info, pad].spacing(ui.pad()).into()
        }
    }
}

fn label<'a>(ui: &Ui, words: &'a str) -> Element<'a, Message> {
    text(words).size(ui.label()).font(BOLD).into()
}
