//! Seeded synthetic data with ground truth. STUB: being written (issue 5).
