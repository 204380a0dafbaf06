//! Pairwise and cluster precision/recall/F1. STUB: being written (issue 4).
