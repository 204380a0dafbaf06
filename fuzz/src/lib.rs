//! The fuzz target bodies live in `targets.rs` so that `core/tests/fuzz_corpora.rs` can replay
//! the committed corpora through exactly the same code on stable Rust.

pub mod targets;
