//! STUB: the cluster stage is being written (issue 4).
