//! How the process's heap keeps the memory an analysis frees (glibc only).
//!
//! An analysis of a large draft allocates a few times the text's size in a few large blocks,
//! and frees them all when it ends. By default glibc maps a large block on its own and unmaps
//! it when it is freed, and trims the top of the heap on every free: the next analysis then
//! maps the same memory again, page by page. On the generated 1 MB draft that is about 130
//! page faults per analysis and a tenth of its time. Both hosts run analysis after analysis
//! (the server on every keystroke, `check` on every file), so both keep freed memory for the
//! next one: blocks of up to 32 MB stay in the heap, and the heap is not trimmed on free. The
//! server gives the memory back when it is idle (`lsp::memory`); `check` gives it back when it
//! exits.
//!
//! `check` also lays out room for the analysis of a large file before reading it
//! ([`make_room_for`]): a fresh process faults every page of the model in one at a time, about
//! 1,000 faults for a 1 MB draft and a third of the whole check. The room is in huge pages,
//! which the kernel gives on request (transparent huge pages, `madvise` mode): a few faults of
//! 2 MB each instead.

/// Blocks at least this large are mapped on their own and unmapped when freed: only texts
/// past 32 MB, the most glibc allows for this setting on 64-bit systems.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD_BYTES: libc::c_int = 32 * 1024 * 1024;

/// Free memory at the top of the heap is kept up to this size until it is given back.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const TRIM_THRESHOLD_BYTES: libc::c_int = libc::c_int::MAX;

/// Keep the memory that analyses free for the next analysis. Call it once, early: glibc
/// applies the settings to blocks allocated from then on.
pub fn keep_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator parameters, under the allocator's own lock.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES);
        libc::mallopt(libc::M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES);
    }
}

/// One huge page of the kernel's transparent huge pages on x86-64 and most 64-bit systems.
const HUGE_PAGE_BYTES: usize = 2 * 1024 * 1024;

/// The heap an analysis takes, per byte of its text, with a margin: the text read, the model,
/// the opener readings and the diagnostics (`check` of the generated 1 MB draft ends about
/// 3 MB larger than `check` of a 3 KB one).
const ROOM_PER_TEXT_BYTE: usize = 5;

/// The room [`make_room_for`] lays out for a text of `text_bytes` bytes, if it lays out any:
/// none when the analysis fits in one huge page, nor past the mapping threshold, where the
/// blocks are mapped on their own rather than taken from the heap.
fn room_for(text_bytes: usize) -> Option<usize> {
    let room = text_bytes
        .saturating_mul(ROOM_PER_TEXT_BYTE)
        .saturating_add(HUGE_PAGE_BYTES);
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    let mapped_alone = usize::try_from(MMAP_THRESHOLD_BYTES).unwrap_or(usize::MAX);
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    let mapped_alone = 0;
    (2 * HUGE_PAGE_BYTES..mapped_alone)
        .contains(&room)
        .then_some(room)
}

/// Whether [`make_room_for`] lays out room for a text of `text_bytes` bytes.
pub fn makes_room_for(text_bytes: usize) -> bool {
    room_for(text_bytes).is_some()
}

/// Use a single heap for every thread, so that the room [`make_room_for`] lays out serves all
/// of them: glibc otherwise gives each thread that allocates an arena of its own, mapped page
/// by page. For a process that analyses one large text: it must be called before any thread
/// starts, and with many texts on all cores the threads would queue for the one heap's lock
/// (a `check` of 1,000 drafts took a quarter longer).
pub fn share_one_heap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator parameters, under the allocator's own lock.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

/// Lay out room in the calling thread's heap, in huge pages, for the analysis of a text of
/// `text_bytes` bytes: the heap is grown by an allocation as large as the analysis will take,
/// which is freed at once and stays in the heap ([`keep_freed_memory`]), and the kernel is
/// asked to back it with huge pages when it is first written. Does nothing when
/// [`makes_room_for`] says no, or when earlier room is as large.
pub fn make_room_for(text_bytes: usize) {
    let Some(room) = room_for(text_bytes) else {
        return;
    };
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        use std::sync::atomic::{AtomicUsize, Ordering};
        /// The largest room laid out so far.
        static ROOM_MADE: AtomicUsize = AtomicUsize::new(0);
        if ROOM_MADE.fetch_max(room, Ordering::Relaxed) >= room {
            return;
        }
        // SAFETY: the block is allocated and freed by the allocator it came from and never
        // read or written. madvise only changes how the kernel backs the pages of the range,
        // which lies inside the block (rounded inwards to whole huge pages), so inside the
        // heap's mapping; it leaves their contents as they are.
        unsafe {
            let block = libc::malloc(room);
            if block.is_null() {
                return;
            }
            let start = (block as usize).next_multiple_of(HUGE_PAGE_BYTES);
            let end = (block as usize + room) / HUGE_PAGE_BYTES * HUGE_PAGE_BYTES;
            if start < end {
                libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE);
            }
            libc::free(block);
        }
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    let _ = room;
}

/// Return the heaps' free memory to the system.
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory.
    unsafe {
        libc::malloc_trim(0);
    }
}
