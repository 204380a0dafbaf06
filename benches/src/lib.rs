//! Shared helpers for the criterion benches (realistic name-pair generators).
