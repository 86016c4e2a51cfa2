//! The kiosk's store worker: one thread that owns the kiosk's connection and runs, in
//! order, the store work the screens ask for. The UI thread hands over a job and gets
//! a future back, so `update()` never waits on the disk — not for SQL, not for the
//! busy timeout while the CLI or the feed holds the write lock, not for PIN hashing.

use super::{Error, Result, Store};
use futures_channel::oneshot;
use std::cell::Cell;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc;

type Job = Box<dyn FnOnce(&mut Store) + Send>;

/// A handle on the store thread; cheap to clone.
#[derive(Debug, Clone)]
pub struct Worker {
    jobs: mpsc::Sender<Job>,
}

impl Worker {
    /// Moves `store` onto a thread of its own. The thread ends when the last handle is
    /// dropped, after finishing the jobs already sent.
    pub fn spawn(store: Store) -> Worker {
        let (jobs, queue) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("store".into())
            .spawn(move || {
                let mut store = store;
                for job in queue {
                    // One faulty job must not take the kiosk's store with it.
                    if catch_unwind(AssertUnwindSafe(|| job(&mut store))).is_err() {
                        tracing::error!("a store job panicked; the store thread goes on");
                    }
                }
            })
            .expect("the store thread starts");
        Worker { jobs }
    }

    /// Runs `job` on the store thread; the future resolves with what it returned.
    pub fn run<T, F>(&self, job: F) -> impl Future<Output = Result<T>> + Send + 'static
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        let sent = self.jobs.send(Box::new(move |store: &mut Store| {
            let _ = reply.send(job(store));
        }));
        async move {
            sent.map_err(|_| Error::Stopped)?;
            answer.await.map_err(|_| Error::Stopped)?
        }
    }

    /// Runs `job` without waiting for an answer (usage events, an audit line); a
    /// failure is logged on the store thread.
    pub fn detach<F>(&self, what: &'static str, job: F)
    where
        F: FnOnce(&mut Store) -> Result<()> + Send + 'static,
    {
        let sent = self.jobs.send(Box::new(move |store: &mut Store| {
            if let Err(e) = job(store) {
                tracing::warn!("{what} not recorded: {e}");
            }
        }));
        if sent.is_err() {
            tracing::warn!("{what} not recorded: the store thread has stopped");
        }
    }

    /// Runs `job` and waits for it: for start-up and the CLI, never for `update()`.
    pub fn run_blocking<T, F>(&self, job: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T> + Send + 'static,
    {
        let (reply, answer) = mpsc::channel();
        self.jobs
            .send(Box::new(move |store: &mut Store| {
                let _ = reply.send(job(store));
            }))
            .map_err(|_| Error::Stopped)?;
        answer.recv().map_err(|_| Error::Stopped)?
    }
}

thread_local! {
    static FORBIDDEN: Cell<bool> = const { Cell::new(false) };
}

/// While the returned guard lives, any store access on this thread is a bug: debug
/// builds panic naming it. The kiosk holds one around every `update()` and `view()`.
#[must_use]
pub fn forbid_store_here() -> NoStoreHere {
    let before = FORBIDDEN.with(|f| f.replace(true));
    NoStoreHere { before }
}

/// See [`forbid_store_here`].
pub struct NoStoreHere {
    before: bool,
}

impl Drop for NoStoreHere {
    fn drop(&mut self) {
        FORBIDDEN.with(|f| f.set(self.before));
    }
}

pub(super) fn assert_allowed() {
    debug_assert!(
        !FORBIDDEN.with(Cell::get),
        "store access on the UI thread inside update()/view(): run it on the store worker"
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::temp_store;

    #[test]
    fn runs_jobs_in_order_off_the_calling_thread() {
        let (_dir, store) = temp_store();
        let worker = Worker::spawn(store);
        let caller = std::thread::current().id();
        let ran_on = worker
            .run_blocking(|store| {
                store.set_setting("k", "1")?;
                Ok(std::thread::current().id())
            })
            .unwrap();
        assert_ne!(ran_on, caller);
        let answer = futures_executor_block_on(worker.run(|s| s.setting("k")));
        assert_eq!(answer.unwrap().as_deref(), Some("1"));
    }

    #[test]
    fn a_panicking_job_leaves_the_worker_running() {
        let (_dir, store) = temp_store();
        let worker = Worker::spawn(store);
        let lost = worker.run_blocking(|_| -> Result<()> { panic!("boom") });
        assert!(matches!(lost, Err(Error::Stopped)));
        assert!(worker.run_blocking(|s| s.schema_version()).is_ok());
    }

    #[test]
    #[cfg(debug_assertions)]
    fn store_access_inside_the_guard_panics() {
        let (_dir, store) = temp_store();
        let guard = forbid_store_here();
        let caught = catch_unwind(AssertUnwindSafe(|| store.data_version()));
        drop(guard);
        assert!(caught.is_err(), "the guard must catch store access");
        assert!(store.data_version().is_ok(), "and let go when dropped");
    }

    fn futures_executor_block_on<F: Future>(f: F) -> F::Output {
        // A tiny executor: the worker wakes us when the answer is there.
        use std::task::{Context, Poll, Wake, Waker};
        struct Unpark(std::thread::Thread);
        impl Wake for Unpark {
            fn wake(self: std::sync::Arc<Self>) {
                self.0.unpark();
            }
        }
        let waker = Waker::from(std::sync::Arc::new(Unpark(std::thread::current())));
        let mut cx = Context::from_waker(&waker);
        let mut f = std::pin::pin!(f);
        loop {
            match f.as_mut().poll(&mut cx) {
                Poll::Ready(v) => return v,
                Poll::Pending => std::thread::park(),
            }
        }
    }
}
