//! Python bindings. STUB: being written (issue 7).
