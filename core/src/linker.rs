//! The compiled linker. STUB: being written (issue 4).
