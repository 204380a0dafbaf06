//! Shared helpers of the integration tests.

pub mod reference;
pub mod rows;
