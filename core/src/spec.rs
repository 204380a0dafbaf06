//! The linkage spec. STUB: being written (issue 4).
