//! Staff: 图书 › 从U盘导入 — the union's spreadsheet of books from a USB stick, with no
//! terminal: the sticks mounted under `config.import_dirs` are searched, staff pick a
//! file, see what it would add (a dry run: rows, new books, merged copies, the
//! categories it would make, or every problem with its row number), then 导入 writes it
//! all or nothing — the same store call as `book import --create-categories`.

use super::ACTOR;
use crate::screen::{Env, Failure};
use crate::text::staff::book_import as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget::{self, badge};
use iced::widget::{Column, button, column, container, row, text};
use iced::{Alignment, Length, Task};
use relay_core::books::from_file::{Found, Imported, find_sheets, import_file};
use relay_core::store::{ImportOptions, Store};
use std::path::PathBuf;

/// Problems shown at once; the rest are counted.
const SHOWN_PROBLEMS: usize = 5;

#[derive(Debug, Default)]
pub struct State {
    files: Option<Vec<Found>>,
    page: usize,
    /// The file picked and what a dry run of it said.
    chosen: Option<(Found, Option<Checked>)>,
    busy: bool,
}

/// What a file would do, or why it cannot be imported.
pub type Checked = Result<Imported, Vec<String>>;

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Found(Vec<Found>),
    Rescan,
    Pick(usize),
    Checked(Result<Checked, Failure>),
    Import,
    Imported(Result<Checked, Failure>),
    OtherFile,
    Page(usize),
    Back,
}

pub enum Action {
    None,
    Run(Task<Message>),
    /// Imported: what to tell staff.
    Done(String),
    Failed(String),
    Back,
}

fn search(roots: Vec<PathBuf>) -> Task<Message> {
    // Walking a stick is file system work: in a task, off the UI thread.
    Task::perform(async move { find_sheets(&roots) }, Message::Found)
}

fn run(env: Env<'_>, path: PathBuf, dry_run: bool) -> Task<Result<Checked, Failure>> {
    let now = env.utc;
    let options = ImportOptions {
        dry_run,
        create_categories: true,
    };
    let job = move |store: &mut Store| import_file(store, &path, now, ACTOR, options);
    Task::perform(env.store.run(job), |r| r.map_err(Failure::new))
}

impl State {
    pub fn open(env: Env<'_>) -> (State, Task<Message>) {
        (State::default(), search(env.config.import_dirs.clone()))
    }

    pub fn update(&mut self, message: Message, env: Env<'_>) -> Action {
        match message {
            Message::Found(files) => {
                self.files = Some(files);
                self.page = 0;
            }
            Message::Rescan if !self.busy => {
                self.files = None;
                return Action::Run(search(env.config.import_dirs.clone()));
            }
            Message::Pick(i) if !self.busy => {
                if let Some(found) = self.files.as_ref().and_then(|f| f.get(i)) {
                    self.busy = true;
                    let path = found.path.clone();
                    self.chosen = Some((found.clone(), None));
                    return Action::Run(run(env, path, true).map(Message::Checked));
                }
            }
            Message::Checked(result) => {
                self.busy = false;
                match (result, &mut self.chosen) {
                    (Ok(checked), Some((_, seen))) => *seen = Some(checked),
                    (Err(e), _) => {
                        self.chosen = None;
                        return Action::Failed(t::failed(e.zh()));
                    }
                    _ => {}
                }
            }
            Message::Import if !self.busy => {
                if let Some((found, Some(Ok(_)))) = &self.chosen {
                    self.busy = true;
                    let path = found.path.clone();
                    return Action::Run(run(env, path, false).map(Message::Imported));
                }
            }
            Message::Imported(result) => {
                self.busy = false;
                return match result {
                    Ok(Ok(done)) => Action::Done(t::imported(
                        done.rows,
                        done.summary.added,
                        done.summary.copies,
                    )),
                    // The file changed since it was checked: say why, as a check does.
                    Ok(Err(problems)) => {
                        if let Some((_, seen)) = &mut self.chosen {
                            *seen = Some(Err(problems));
                        }
                        Action::None
                    }
                    Err(e) => Action::Failed(t::failed(e.zh())),
                };
            }
            Message::OtherFile if !self.busy => self.chosen = None,
            Message::Page(page) => self.page = page,
            Message::Back if !self.busy => return Action::Back,
            _ => {}
        }
        Action::None
    }

    pub fn view<'a>(&'a self, ui: &Ui) -> Element<'a, Message> {
        if let Some((found, checked)) = &self.chosen {
            return self.preview(ui, found, checked.as_ref());
        }
        let idle = !self.busy;
        let top = |words: String| {
            row![
                widget::text_action(ui, t::BACK, idle.then_some(Message::Back), theme::secondary)
                    .width(Length::Fixed(ui.s_width(240.0))),
                text(words).size(ui.label()).font(BOLD).width(Length::Fill),
                widget::text_action(
                    ui,
                    t::RESCAN,
                    idle.then_some(Message::Rescan),
                    theme::primary
                )
                .width(Length::Fixed(ui.s_width(220.0))),
            ]
            .spacing(ui.gap())
            .align_y(Alignment::Center)
        };
        let Some(files) = &self.files else {
            return column![top(String::new()), text(t::LOOKING).size(ui.body())]
                .spacing(ui.gap())
                .into();
        };
        if files.is_empty() {
            return column![top(t::found(0)), text(t::NONE_FOUND).size(ui.label())]
                .spacing(ui.gap())
                .into();
        }
        let card = ui.target() + ui.body() * 1.3 + 2.0 * ui.gap_small();
        let ui_ = *ui;
        let list = widget::paged_rows(ui, self.page, files.len(), card, Message::Page, move |r| {
            let mut rows = Column::new().spacing(ui_.gap());
            for i in r {
                let f = &files[i];
                let item: Element<'_, Message> = widget::marked(
                    button(
                        column![
                            text(f.name.as_str()).size(ui_.label()).font(BOLD),
                            text(t::file_line(&f.folder, f.bytes.div_ceil(1024)))
                                .size(ui_.body())
                                .style(theme::muted),
                        ]
                        .spacing(theme::LINE_GAP),
                    )
                    .padding([ui_.gap_small(), ui_.gap()])
                    .width(Length::Fill)
                    .on_press_maybe(idle.then_some(Message::Pick(i)))
                    .style(theme::card_button),
                )
                .into();
                rows = rows.push(item);
            }
            rows.into()
        });
        column![
            top(t::found(files.len())),
            text(t::PICK).size(ui.body()).style(theme::muted),
            list
        ]
        .spacing(ui.gap())
        .into()
    }

    fn preview<'a>(
        &'a self,
        ui: &Ui,
        found: &'a Found,
        checked: Option<&'a Checked>,
    ) -> Element<'a, Message> {
        let mut page =
            column![text(found.name.as_str()).size(ui.heading()).font(BOLD)].spacing(ui.gap());
        let mut import = None;
        match checked {
            None => page = page.push(text(t::CHECKING).size(ui.label())),
            Some(Ok(seen)) => {
                let s = &seen.summary;
                page = page.push(
                    text(t::will_import(
                        seen.rows,
                        &seen.format,
                        s.added,
                        s.merged,
                        s.copies,
                    ))
                    .size(ui.label()),
                );
                if !s.created.is_empty() {
                    page =
                        page.push(text(t::new_categories(&s.created.join("、"))).size(ui.label()));
                }
                import = Some(seen.rows);
            }
            Some(Err(problems)) => {
                page = page.push(badge::error(ui, t::REFUSED));
                for p in problems.iter().take(SHOWN_PROBLEMS) {
                    page = page.push(text(p.as_str()).size(ui.body()));
                }
                if problems.len() > SHOWN_PROBLEMS {
                    page = page.push(
                        text(t::more_problems(problems.len() - SHOWN_PROBLEMS))
                            .size(ui.body())
                            .style(theme::muted),
                    );
                }
            }
        }
        let idle = !self.busy;
        let other = widget::text_action(
            ui,
            t::OTHER_FILE,
            idle.then_some(Message::OtherFile),
            theme::secondary,
        )
        .width(Length::Fill)
        .height(Length::Fixed(ui.primary()));
        // A refused file offers only another; one being checked shows its import, waiting.
        let refused = matches!(checked, Some(Err(_)));
        let buttons: Element<'a, Message> = if refused {
            other.into()
        } else {
            let yes = match import {
                Some(rows) if !self.busy => t::import(rows),
                Some(_) => t::IMPORTING.to_string(),
                None => t::CHECKING.to_string(),
            };
            row![
                widget::action(
                    ui,
                    widget::fit(text(yes).size(ui.label()).font(BOLD)),
                    (idle && import.is_some()).then_some(Message::Import),
                    theme::primary,
                )
                .width(Length::Fill)
                .height(Length::Fixed(ui.primary())),
                other,
            ]
            .spacing(ui.gap())
            .into()
        };
        column![container(page).height(Length::Fill).clip(true), buttons]
            .spacing(ui.gap())
            .into()
    }
}
