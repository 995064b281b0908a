//! The build script: links the `resolution-ls` binary as a position-dependent executable on
//! Linux.
//!
//! Linked as a position-independent executable, the binary carries some 10,000 relocations,
//! the addresses inside its constant tables (where each panic would be reported, the method
//! tables of trait objects, lists of strings), which the dynamic loader rewrites at every
//! start, page by page: about 0.3 ms of each `check`, a sixth of the check of a small draft.
//! Linked at a fixed address, it carries about 100. The code is still compiled to run at any
//! address, so only the linking changes; the heap, the stacks and the shared libraries keep
//! their randomised addresses.

fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=src/build.rs");
}
