//! Runnable examples of the caselink API; each one is exercised by a test.
