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

/// Return the heaps' free memory to the system.
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory.
    unsafe {
        libc::malloc_trim(0);
    }
}
