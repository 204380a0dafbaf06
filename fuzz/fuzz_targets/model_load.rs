#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| caselink_fuzz::targets::model_load(data));
