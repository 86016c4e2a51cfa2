//! One change on the store thread for a staff page, with its row busy until the answer.

use crate::screen::Env;
use crate::screen::Failure;
use iced::Task;

/// One change on the store thread for a staff page: marks `key` busy (its row says
/// 正在保存… and other taps wait) and answers with what to tell staff, as `done`.
/// `None` while another change is under way.
pub(super) fn change<K, M: Send + 'static>(
    busy: &mut Option<K>,
    key: K,
    env: Env<'_>,
    job: impl FnOnce(&mut relay_core::store::Store) -> relay_core::store::Result<String>
    + Send
    + 'static,
    done: fn(Result<String, Failure>) -> M,
) -> Option<Task<M>> {
    if busy.is_some() {
        return None;
    }
    *busy = Some(key);
    Some(Task::perform(env.store.run(job), move |r| {
        done(r.map_err(Failure::new))
    }))
}

/// A store call that answers nothing: the page says what was done.
pub(super) trait Job:
    FnOnce(&mut relay_core::store::Store) -> relay_core::store::Result<()> + Send + 'static
{
}
impl<F> Job for F where
    F: FnOnce(&mut relay_core::store::Store) -> relay_core::store::Result<()> + Send + 'static
{
}

/// [`change`] for a [`Job`]: staff are told `done` when it is saved.
pub(super) fn change_saying<K, M: Send + 'static>(
    busy: &mut Option<K>,
    key: K,
    env: Env<'_>,
    done: &'static str,
    job: impl Job,
    answer: fn(Result<String, Failure>) -> M,
) -> Option<Task<M>> {
    change(
        busy,
        key,
        env,
        move |s| job(s).map(|()| done.to_string()),
        answer,
    )
}

/// What a staff form (a notice, a slot) asks of the staff shell.
pub enum FormAction<M> {
    None,
    Run(Task<M>),
    /// Saved: back to the list, telling staff this.
    Saved(String),
    Cancel,
}

/// The store's answer to a form's 保存: back to the list, or why not, on the form.
pub(super) fn form_answered<M>(
    saving: &mut bool,
    error: &mut Option<String>,
    answer: Result<String, Failure>,
    not_saved: fn(&str) -> String,
) -> FormAction<M> {
    match answer {
        Ok(done) => FormAction::Saved(done),
        Err(e) => {
            *saving = false;
            *error = Some(not_saved(e.zh()));
            FormAction::None
        }
    }
}

/// Starts a form's save on the store thread; the form shows 正在保存… and takes no
/// taps until the store answers, as `wrap`.
pub(super) fn form_save<M: Send + 'static>(
    saving: &mut bool,
    error: &mut Option<String>,
    env: Env<'_>,
    job: impl FnOnce(&mut relay_core::store::Store) -> relay_core::store::Result<String>
    + Send
    + 'static,
    wrap: fn(Result<String, Failure>) -> M,
) -> FormAction<M> {
    *saving = true;
    *error = None;
    FormAction::Run(Task::perform(env.store.run(job), move |r| {
        wrap(r.map_err(Failure::new))
    }))
}

/// How long a list's row actions stay inert after it moved (see [`Settle`]).
pub(super) const SETTLE: chrono::TimeDelta = chrono::TimeDelta::seconds(2);

/// A list that just moved under the finger. After a change to one of its rows is saved
/// (通过, 拒绝, 删除, 已归还), and again when the list it changed is shown, every row's
/// actions stay inert for [`SETTLE`]: a second tap (gloves, a slow frame) lands on the
/// row that slid into the same place and must not approve it unread.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Settle {
    until: Option<chrono::DateTime<chrono::Utc>>,
    moved: bool,
}

impl Settle {
    /// A change was saved at `now`.
    pub fn saved(&mut self, now: chrono::DateTime<chrono::Utc>) {
        self.until = Some(now + SETTLE);
        self.moved = true;
    }

    /// A list was shown at `now`: if a change moved it, it settles from here.
    pub fn shown(&mut self, now: chrono::DateTime<chrono::Utc>) {
        if std::mem::take(&mut self.moved) {
            self.until = Some(now + SETTLE);
        }
    }

    /// Whether rows are still inert at `now`.
    pub fn settling(&self, now: chrono::DateTime<chrono::Utc>) -> bool {
        self.until.is_some_and(|until| now < until)
    }
}
