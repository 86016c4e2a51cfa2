//! The reading corner (阅读角): one search box fed by the on-screen keyboard (results
//! update with every key, the keyboard's raw letters searched as pinyin initials while
//! it composes), category tiles, 新到图书 and 大家都在看, a paged grid of cover cards, a
//! book's page, and honour-system borrowing and returning with a surname and the last
//! four digits of a phone. Search runs on the in-memory [`Catalog`] the board holds;
//! a book's details, loans and cover pictures go through the store thread.
//!
//! Nobody's surname and digits are ever on the screen together: the surname step comes
//! first and is gone when the digits are typed, and the confirmation shows only the
//! due date.

mod book;
mod covers;
mod front;
mod give_back;
mod lend;
mod search;
mod shelf;

use super::{Context, Env};
use crate::screen::Failure;
use crate::text::reading as t;
use crate::theme::{Element, Ui};
use crate::widget::keyboard;
use iced::Task;
use relay_core::books::Catalog;
use relay_core::store::{Book, BookId, CategoryId, Store};

pub use covers::Covers;

/// Where in the reading corner the reader is.
#[derive(Debug)]
enum View {
    /// Search, categories, new and popular books; or, while returning, the books out.
    Front {
        first: usize,
    },
    /// One category's books (`None`: 未分类).
    Category {
        id: Option<CategoryId>,
        first: usize,
    },
    /// A book's page, with its details once the store has read them.
    Book {
        id: BookId,
        book: Option<Result<Box<Book>, Failure>>,
        /// The page of its details on a panel too small for all of them.
        page: usize,
    },
    Lend(Box<lend::Lend>),
    GiveBack(Box<give_back::GiveBack>),
}

/// The lists the pages show, worked out in `update` when the view or the catalogue
/// changes: sorting 100,000 books is no work for `view`.
#[derive(Debug, Default)]
struct Lists {
    newest: Vec<BookId>,
    popular: Vec<BookId>,
    /// What `ids` holds: a category's books, or the books out.
    key: Option<ListKey>,
    ids: Vec<BookId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListKey {
    Category(Option<CategoryId>),
    Out,
}

#[derive(Debug)]
pub struct State {
    view: View,
    search: search::Search,
    /// 还书: a book picked from the search or the list goes to the digits.
    returning: bool,
    /// The category page a book was opened from, to go back to.
    came_from: Option<(Option<CategoryId>, usize)>,
    lists: Lists,
    covers: Covers,
}

#[derive(Debug, Clone)]
pub enum Message {
    Home,
    /// Up one level: a book → where it was opened from → the front page.
    Back,
    /// Open the keyboard on the search box.
    Type,
    Keyboard(keyboard::Message),
    /// A key of a physical keyboard: letters search (opening the keyboard) as taps do.
    Physical(super::Typed),
    ClearSearch,
    Category(Option<CategoryId>),
    /// Paging messages carry the page size the view used.
    PreviousPage(usize),
    NextPage(usize),
    Open(BookId),
    /// A page of a book's details.
    BookPage(usize),
    Loaded(BookId, Result<Box<Book>, Failure>),
    Cover(BookId, Option<iced::widget::image::Handle>),
    Borrow,
    Lend(lend::Message),
    /// 还书 on the front page.
    StartReturn,
    /// 还这本书 on a book's page.
    ReturnThis,
    GiveBack(give_back::Message),
}

pub type Action = super::Action<Message>;

/// What the borrowing and returning steps ask of the reading corner.
pub enum StepAction<M> {
    None,
    Run(Task<M>),
    /// The loan or return is saved: the catalogue changed.
    Saved,
    /// Back to the book (or the list it came from).
    Cancel,
    /// 好的 on the confirmation: a fresh front page.
    Finished,
}

impl Default for State {
    fn default() -> Self {
        State {
            view: View::Front { first: 0 },
            search: search::Search::default(),
            returning: false,
            came_from: None,
            lists: Lists::default(),
            covers: Covers::default(),
        }
    }
}

impl State {
    /// The front page, and the task that decodes the covers it shows.
    pub fn open(env: Env<'_>) -> (State, Task<Message>) {
        let mut state = State::default();
        state.sync_lists(env.board.catalog(), true);
        let task = state.fetch_covers(env);
        (state, task)
    }

    pub fn returning(&self) -> bool {
        self.returning
    }

    pub fn update(&mut self, message: Message, env: Env<'_>) -> Action {
        let catalog = env.board.catalog();
        match message {
            Message::Home => return Action::GoHome,
            Message::Back => return self.back(env),
            Message::Type => self.search.typing = true,
            Message::Keyboard(m) => {
                self.search.key(m, catalog);
                self.view = View::Front { first: 0 };
            }
            Message::Physical(key) => {
                let browsing = matches!(
                    self.view,
                    View::Front { .. } | View::Category { .. } | View::Book { .. }
                );
                let Some(m) = self.search.keyboard.physical(key) else {
                    return Action::None;
                };
                if !browsing || (!self.search.typing && !matches!(m, keyboard::Message::Letter(_)))
                {
                    return Action::None;
                }
                self.search.typing = true;
                return self.update(Message::Keyboard(m), env);
            }
            Message::ClearSearch => {
                self.search.clear();
                self.view = View::Front { first: 0 };
            }
            Message::Category(id) => self.view = View::Category { id, first: 0 },
            Message::PreviousPage(size) => {
                if let Some(first) = self.first_mut() {
                    *first = (*first / size.max(1)).saturating_sub(1) * size.max(1);
                }
            }
            Message::NextPage(size) => {
                let count = self.listed().len();
                if let Some(first) = self.first_mut() {
                    let size = size.max(1);
                    let last = crate::widget::page_count(count, size) - 1;
                    *first = (*first / size + 1).min(last) * size;
                }
            }
            Message::Open(id) => return self.open_book(id, env),
            Message::BookPage(to) => {
                if let View::Book { page, .. } = &mut self.view {
                    *page = to;
                }
                return Action::None;
            }
            Message::Loaded(id, result) => {
                if let View::Book {
                    id: shown, book, ..
                } = &mut self.view
                    && *shown == id
                {
                    *book = Some(result);
                }
            }
            Message::Cover(id, handle) => {
                self.covers.decoded(id, handle);
                return Action::None;
            }
            Message::Borrow => {
                if let View::Book {
                    id,
                    book: Some(Ok(book)),
                    ..
                } = &self.view
                {
                    self.view = View::Lend(Box::new(lend::Lend::new(*id, &book.title)));
                }
            }
            Message::Lend(m) => {
                if let View::Lend(lend) = &mut self.view {
                    let step = lend.update(m, env);
                    return self.step(step, Message::Lend, env);
                }
                return Action::None;
            }
            Message::StartReturn => {
                self.returning = true;
                self.search.clear();
                self.view = View::Front { first: 0 };
            }
            Message::ReturnThis => {
                if let View::Book { id, .. } = &self.view {
                    let title = catalog
                        .and_then(|c| c.card(*id))
                        .map(|c| c.title.to_string())
                        .unwrap_or_default();
                    self.view = View::GiveBack(Box::new(give_back::GiveBack::new(*id, title)));
                }
            }
            Message::GiveBack(m) => {
                if let View::GiveBack(give) = &mut self.view {
                    let step = give.update(m, env);
                    return self.step(step, Message::GiveBack, env);
                }
                return Action::None;
            }
        }
        self.sync_lists(catalog, false);
        Action::Run(self.fetch_covers(env))
    }

    /// Carries out what a borrowing or returning step asked for.
    fn step<M: Send + 'static>(
        &mut self,
        step: StepAction<M>,
        wrap: fn(M) -> Message,
        env: Env<'_>,
    ) -> Action {
        match step {
            StepAction::None => Action::None,
            StepAction::Run(task) => Action::Run(task.map(wrap)),
            StepAction::Saved => Action::Changed,
            StepAction::Cancel => self.back(env),
            StepAction::Finished => {
                self.finish();
                Action::None
            }
        }
    }

    /// The catalogue changed under the screen (a loan, a CLI import): results follow.
    pub fn changed(&mut self, env: Env<'_>) -> Task<Message> {
        self.search.refresh(env.board.catalog());
        self.sync_lists(env.board.catalog(), true);
        self.fetch_covers(env)
    }

    fn open_book(&mut self, id: BookId, env: Env<'_>) -> Action {
        self.search.typing = false;
        if self.returning {
            let title = env
                .board
                .catalog()
                .and_then(|c| c.card(id))
                .map(|c| c.title.to_string())
                .unwrap_or_default();
            self.view = View::GiveBack(Box::new(give_back::GiveBack::new(id, title)));
            return Action::None;
        }
        match &self.view {
            View::Category { id, first } => self.came_from = Some((*id, *first)),
            View::Front { .. } => self.came_from = None,
            _ => {}
        }
        self.view = View::Book {
            id,
            book: None,
            page: 0,
        };
        let job = move |store: &mut Store| store.book(id);
        let read = Task::perform(env.store.run(job), move |r| {
            Message::Loaded(id, r.map(Box::new).map_err(Failure::new))
        });
        Action::Run(Task::batch([read, self.fetch_covers(env)]))
    }

    /// Where the back button leads: a book → the list it was opened from; the lend
    /// and return steps → the book; 还书 → the front page.
    fn back(&mut self, env: Env<'_>) -> Action {
        self.view = match &self.view {
            View::Front { .. } if self.returning => {
                self.returning = false;
                self.search.clear();
                View::Front { first: 0 }
            }
            View::Lend(lend) => return self.open_book(lend.book(), env),
            View::GiveBack(give) if !self.returning => return self.open_book(give.book(), env),
            View::Book { .. } => match self.came_from.take() {
                Some((id, first)) => View::Category { id, first },
                None => View::Front { first: 0 },
            },
            _ => View::Front { first: 0 },
        };
        self.sync_lists(env.board.catalog(), false);
        Action::Run(self.fetch_covers(env))
    }

    /// After a loan or a return: back to a fresh front page.
    fn finish(&mut self) {
        self.returning = false;
        self.search.clear();
        self.view = View::Front { first: 0 };
    }

    fn first_mut(&mut self) -> Option<&mut usize> {
        match &mut self.view {
            View::Front { first } | View::Category { first, .. } => Some(first),
            _ => None,
        }
    }

    /// Works out the lists the view shows: the one for the current view when it
    /// changed, all of them when the catalogue did (`all`).
    fn sync_lists(&mut self, catalog: Option<&Catalog>, all: bool) {
        let Some(catalog) = catalog else {
            self.lists = Lists::default();
            return;
        };
        let key = match &self.view {
            View::Category { id, .. } => Some(ListKey::Category(*id)),
            View::Front { .. } if self.returning => Some(ListKey::Out),
            _ => None,
        };
        if all || key != self.lists.key {
            self.lists.ids = match key {
                Some(ListKey::Category(id)) => catalog.in_category(id),
                Some(ListKey::Out) => catalog.out_books(),
                None => Vec::new(),
            };
            self.lists.key = key;
        }
        if all {
            self.lists.newest = catalog.newest(front::ROW_MAX);
            self.lists.popular = catalog.popular(front::ROW_MAX);
        }
    }

    /// The books the current view lists on its pages.
    fn listed(&self) -> &[BookId] {
        match &self.view {
            View::Front { .. } if !self.search.is_empty() => &self.search.results,
            View::Front { .. } | View::Category { .. } if self.lists.key.is_some() => {
                &self.lists.ids
            }
            _ => &[],
        }
    }

    /// Decodes, once, the covers the view may show (the most a page can hold).
    fn fetch_covers(&mut self, env: Env<'_>) -> Task<Message> {
        let Some(catalog) = env.board.catalog() else {
            return Task::none();
        };
        let ids: Vec<BookId> = match &self.view {
            View::Front { first } if !self.search.is_empty() || self.returning => self
                .listed()
                .iter()
                .skip(*first)
                .take(shelf::MAX_PER_PAGE)
                .copied()
                .collect(),
            View::Front { .. } => {
                let mut ids = self.lists.newest.clone();
                ids.extend(&self.lists.popular);
                ids
            }
            View::Category { first, .. } => self
                .listed()
                .iter()
                .skip(*first)
                .take(shelf::MAX_PER_PAGE)
                .copied()
                .collect(),
            View::Book { id, .. } => vec![*id],
            _ => Vec::new(),
        };
        self.covers.fetch(&ids, catalog, env)
    }

    pub fn view<'a>(&'a self, ui: &Ui, ctx: Context<'a>) -> Element<'a, Message> {
        let Some(catalog) = ctx.board.catalog() else {
            return front::loading(ui, ctx.board.unavailable.books);
        };
        if self.search.typing {
            return self.search.view(ui, catalog);
        }
        match &self.view {
            View::Front { first } => front::view(self, ui, catalog, *first),
            View::Category { id, first } => shelf::category(self, ui, catalog, *id, *first),
            View::Book { id, book, .. } => book::view(self, ui, catalog, *id, book.as_ref()),
            View::Lend(lend) => lend.view(ui, ctx).map(Message::Lend),
            View::GiveBack(give) => give.view(ui).map(Message::GiveBack),
        }
    }
}

/// The title shown for the front page: 阅读角, or 还书 while returning.
fn title(state: &State) -> (&'static str, &'static str) {
    if state.returning {
        (t::RETURN, t::RETURN_EN)
    } else {
        (t::TITLE, t::TITLE_EN)
    }
}
