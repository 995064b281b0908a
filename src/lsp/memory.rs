//! How the server's heap holds and gives back memory (glibc only).
//!
//! An analysis of a large draft allocates a few times the text's size and frees it all when it
//! ends. Given back at once, that memory is mapped again, page by page, by the next keystroke's
//! analysis: about a third of the time of an edit to a 1 MB draft went to those page faults.
//! So the heap keeps what an analysis freed while the drafter is typing ([`crate::heap`]), and
//! gives it back to the system once the server has been idle for [`IDLE_BEFORE_RELEASE`]. An
//! open document then costs, at rest, little more than its text.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use tokio::sync::Notify;

/// How long the server waits, after its last analysis or request, before giving memory back.
pub const IDLE_BEFORE_RELEASE: Duration = Duration::from_millis(1000);

/// Documents at least this large are followed by [`crate::process_heap::give_back`] when closed.
pub const LARGE_DOCUMENT_BYTES: usize = 256 * 1024;

/// Configure the heap for the server: keep freed memory for the next keystroke's analysis
/// ([`crate::process_heap::keep_freed_memory`]), and use two arenas. Each thread that allocates would
/// get an arena of its own; two are enough for a server with one serving thread.
pub fn configure() {
    crate::process_heap::keep_freed_memory();
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator parameters; it is called before any other thread
    // starts.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

/// When the server last worked, in milliseconds since [`server_clock`] started.
static LAST_WORK_MS: AtomicU64 = AtomicU64::new(0);

/// Wakes the release task when work comes after a release.
static WORK_CAME: Notify = Notify::const_new();

fn server_clock() -> Instant {
    static STARTED: OnceLock<Instant> = OnceLock::new();
    *STARTED.get_or_init(Instant::now)
}

/// Note that the server just worked: memory is given back once no more work has come for
/// [`IDLE_BEFORE_RELEASE`].
pub fn release_when_idle() {
    let now = u64::try_from(server_clock().elapsed().as_millis()).unwrap_or(u64::MAX);
    LAST_WORK_MS.store(now, Ordering::Relaxed);
    WORK_CAME.notify_one();
}

/// The task that gives memory back when the server is idle, after `before_release` dropped
/// what the server keeps only while it is busy. One task with one timer, rather
/// than a timer per analysis: on a 30 KB draft a timer per keystroke cost a tenth of a
/// millisecond of each edit's latency.
pub async fn release_while_serving(before_release: impl Fn()) {
    loop {
        WORK_CAME.notified().await;
        loop {
            let last_work = LAST_WORK_MS.load(Ordering::Relaxed);
            let due = server_clock() + Duration::from_millis(last_work) + IDLE_BEFORE_RELEASE;
            tokio::time::sleep_until(due.into()).await;
            if LAST_WORK_MS.load(Ordering::Relaxed) == last_work {
                before_release();
                crate::process_heap::give_back();
                break;
            }
        }
    }
}
