//! Known document symbol series and bodies (reference/un-drafting.md §4).
