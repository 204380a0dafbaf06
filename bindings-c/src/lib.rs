//! C bindings. STUB: being written (issue 8).
