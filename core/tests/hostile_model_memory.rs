//! Model files whose length fields claim 2^60 bytes (or just under the decoder's 64 MiB limit)
//! fail with `bad_model` quickly and without the memory they claim. Three pieces of evidence:
//! the 2^60 claims are refused by a limit (the header check, then bincode's `LimitExceeded`);
//! the smaller claims fail as `UnexpectedEnd` naming the claimed size, i.e. the decoder compared
//! the claim with the bytes present before allocating; and the process's peak resident size
//! (VmHWM in /proc/self/status) grows by less than 16 MiB. (VmHWM does not see reservations that
//! are never touched, and VmPeak is a lifetime high-water mark, so the peak alone cannot prove
//! "no reservation"; the decoder's 64 MiB limit bounds one in any case.) One test in its own
//! binary, on the test's own thread, so no other test's allocations blur the reading; a watchdog
//! thread aborts the process if the loads hang.

use std::sync::mpsc;
use std::time::Duration;

use caselink::linker::Linker;
use caselink::model::{FORMAT_VERSION, MAGIC, crc32};

fn must_fail(b: &[u8]) -> String {
    match Linker::from_bytes(b) {
        Ok(_) => panic!("{} hostile bytes loaded as a model", b.len()),
        Err(e) => {
            assert_eq!(e.code(), "bad_model", "{e}");
            e.to_string()
        }
    }
}

/// A valid header (magic, version, length, checksum) around `payload`.
fn wrap(payload: &[u8]) -> Vec<u8> {
    let mut b = MAGIC.to_vec();
    b.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    b.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    b.extend_from_slice(&crc32(payload).to_le_bytes());
    b.extend_from_slice(payload);
    b
}

/// Peak resident set size so far (VmHWM), in kB.
fn hwm_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("Linux /proc");
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).expect("VmHWM in /proc/self/status");
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

fn varint_u64(v: u64) -> Vec<u8> {
    let mut p = vec![253u8];
    p.extend_from_slice(&v.to_le_bytes());
    p
}

#[test]
fn huge_claimed_lengths_fail_fast_with_bounded_memory() {
    let (done, watch) = mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        if watch.recv_timeout(Duration::from_secs(60)).is_err() {
            eprintln!("hostile model loads did not finish in 60 s");
            std::process::abort();
        }
    });
    // Warm up: the first error message, the allocator's arena for this thread.
    must_fail(b"");
    let mut hostile: Vec<Vec<u8>> = Vec::new();
    // The header's length field claims 2^60 bytes.
    let mut b = wrap(b"tiny");
    b[10..18].copy_from_slice(&(1u64 << 60).to_le_bytes());
    hostile.push(b);
    for claim in [1u64 << 60, 60 << 20, 8 << 20] {
        // The payload's first string (the spec) claims `claim` bytes, behind a valid checksum.
        hostile.push(wrap(&varint_u64(claim)));
    }
    let mut messages = Vec::with_capacity(hostile.len());
    let hwm0 = hwm_kb();
    for b in &hostile {
        messages.push(must_fail(b));
    }
    let hwm1 = hwm_kb();
    done.send(()).unwrap();
    watchdog.join().unwrap();
    assert!(messages[0].contains("payload of 1152921504606846976 bytes exceeds the limit"), "{messages:?}");
    assert!(messages[1].contains("cannot decode: LimitExceeded"), "{messages:?}");
    assert!(messages[2].contains(&format!("UnexpectedEnd {{ additional: {} }}", 60 << 20)), "{messages:?}");
    assert!(messages[3].contains(&format!("UnexpectedEnd {{ additional: {} }}", 8 << 20)), "{messages:?}");
    assert!(hwm1 - hwm0 < 16 * 1024, "resident peak grew by {} kB: {messages:?}", hwm1 - hwm0);
}
