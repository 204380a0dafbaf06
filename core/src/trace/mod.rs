//! The CyberTipline outcome trace. STUB: being written (issue 5).
