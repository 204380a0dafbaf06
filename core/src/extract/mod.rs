//! Press release / court document text → structured rows. STUB: being written (issue 6).
