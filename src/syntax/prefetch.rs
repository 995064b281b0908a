//! Asking the processor for a part of the text before a pass over the paragraphs needs it.
//!
//! The rules pass over the paragraphs one after the other, and several of them read a few
//! bytes of each paragraph's text: its first words, its last character. In a draft of a few
//! megabytes the text is long out of the cache by then, and those bytes lie too far apart
//! for the processor to guess the next: each read waits on memory. A pass that asks for the
//! paragraph a few places ahead finds the bytes at hand when it gets there. Rules read the
//! text only where they must for the same reason: a finding's words are read when there is
//! a finding.

/// How many paragraphs ahead a pass asks for the text it will read: enough to cover the
/// time memory takes to answer, few enough that the bytes are still cached when read.
pub(crate) const PARAGRAPHS_AHEAD: usize = 8;

/// Ask the processor to bring the cache line holding `text[offset]` closer; nothing happens
/// when `offset` is past the text. This never changes what a program computes.
#[inline]
pub(crate) fn prefetch(text: &str, offset: usize) {
    let Some(byte) = text.as_bytes().get(offset) else {
        return;
    };
    #[cfg(target_arch = "x86_64")]
    // SAFETY: SSE, which the instruction needs, is part of every x86-64 processor; a prefetch
    // reads nothing into the program and cannot fault, and the address is inside the text.
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>(std::ptr::from_ref(byte).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = byte;
}
