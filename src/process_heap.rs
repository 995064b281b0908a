//! What the library asks of the process's heap, and when: keep the memory an analysis frees
//! for the next one, lay out room before a large file is read, give the memory back when idle.
//! How that is done (glibc's `mallopt`, huge pages) belongs to the binary, which installs its
//! [`HeapHooks`] as it starts; a process that installs none (the tests, another host of the
//! library) keeps the allocator's defaults.

use std::sync::OnceLock;

/// The binary's answers to the library's requests about the heap.
#[derive(Clone, Copy, Debug)]
pub struct HeapHooks {
    /// Keep freed memory in the heap: both hosts run analysis after analysis.
    pub keep_freed_memory: fn(),
    /// Whether room would be laid out for a text of this many bytes.
    pub makes_room_for: fn(usize) -> bool,
    /// Let every thread allocate from one heap (one large file on two threads).
    pub share_one_heap: fn(),
    /// Lay out room for the analysis of a text of this many bytes, before it is read.
    pub make_room_for: fn(usize),
    /// Give the kept memory back to the system.
    pub give_back: fn(),
}

static HOOKS: OnceLock<HeapHooks> = OnceLock::new();

/// Install the binary's hooks; the first call wins.
pub fn install(hooks: HeapHooks) {
    let _first = HOOKS.set(hooks);
}

pub(crate) fn keep_freed_memory() {
    if let Some(hooks) = HOOKS.get() {
        (hooks.keep_freed_memory)();
    }
}

pub(crate) fn makes_room_for(text_bytes: usize) -> bool {
    HOOKS
        .get()
        .is_some_and(|hooks| (hooks.makes_room_for)(text_bytes))
}

pub(crate) fn share_one_heap() {
    if let Some(hooks) = HOOKS.get() {
        (hooks.share_one_heap)();
    }
}

pub(crate) fn make_room_for(text_bytes: usize) {
    if let Some(hooks) = HOOKS.get() {
        (hooks.make_room_for)(text_bytes);
    }
}

pub(crate) fn give_back() {
    if let Some(hooks) = HOOKS.get() {
        (hooks.give_back)();
    }
}
