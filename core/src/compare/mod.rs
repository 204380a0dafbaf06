//! STUB: the compare stage is being written (issue 4).
