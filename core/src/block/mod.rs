//! STUB: the block stage is being written (issue 4).
