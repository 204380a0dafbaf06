//! STUB: the score stage is being written (issue 4).
