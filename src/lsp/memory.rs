//! How the server's heap gives memory back (glibc only). By default glibc raises its mmap
//! threshold each time a large block is freed, so that the next copies of a multi-megabyte
//! text come from the heap, where freeing them returns nothing to the system; and each thread
//! that allocates gets an arena of its own. Fixing the threshold makes large texts mapped and
//! unmapped whole; two arenas are enough for a server with one serving thread.

/// Blocks at least this large are mapped on their own and unmapped when freed.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD_BYTES: libc::c_int = 256 * 1024;

/// Documents at least this large are followed by [`give_back`] once analysed or closed.
pub const LARGE_DOCUMENT_BYTES: usize = 256 * 1024;

pub fn configure() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator parameters; it is called before any other thread
    // starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES);
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

/// Return the free memory at the top of the heaps to the system, after the work on a large
/// document left it there.
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory.
    unsafe {
        libc::malloc_trim(0);
    }
}
