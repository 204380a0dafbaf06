//! The model file: `CASELINK` magic, a format version, the payload length and a CRC-32 of the
//! payload, then the bincode payload (spec as JSON, parameters, term-frequency tables). Reading
//! checks each in turn before decoding, and decodes with a size limit, so a truncated, corrupt
//! or foreign file gives [`Error::BadModel`] quickly and with bounded memory.

use serde::{Deserialize, Serialize};

use crate::compare::Comparator;
use crate::error::{Error, Result};
use crate::linker::Linker;
use crate::score::Parameters;
use crate::score::tf::TfTable;
use crate::spec::LinkageSpec;

/// The first bytes of every model file.
pub const MAGIC: &[u8; 8] = b"CASELINK";
/// The current format version.
pub const FORMAT_VERSION: u16 = 1;
/// Largest payload accepted when reading.
pub const MAX_PAYLOAD: usize = 64 << 20;
const HEADER: usize = 8 + 2 + 8 + 4;

#[derive(Serialize, Deserialize)]
struct Payload {
    /// The spec as JSON (bincode cannot carry serde's internally tagged enums).
    spec_json: String,
    params: Option<Parameters>,
    tf: Vec<Option<TfTable>>,
}

/// CRC-32 (IEEE), bitwise: detects every single-bit error.
///
/// ```
/// assert_eq!(caselink::model::crc32(b"123456789"), 0xCBF4_3926);
/// ```
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for b in data {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// Serialize a linker.
pub fn to_bytes(linker: &Linker) -> Vec<u8> {
    let payload = Payload { spec_json: linker.spec.to_json(), params: linker.params.clone(), tf: linker.tf.clone() };
    let body = bincode::serde::encode_to_vec(&payload, bincode::config::standard()).expect("a model always encodes");
    let mut out = Vec::with_capacity(HEADER + body.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(body.len() as u64).to_le_bytes());
    out.extend_from_slice(&crc32(&body).to_le_bytes());
    out.extend_from_slice(&body);
    out
}

/// Deserialize a linker; `path` only names the file in errors.
pub fn from_bytes(b: &[u8], path: Option<&str>) -> Result<Linker> {
    let bad = |r: String| Error::bad_model(path, r);
    if b.len() < HEADER {
        if !b.is_empty() && !MAGIC.starts_with(&b[..b.len().min(8)]) {
            return Err(bad("not a caselink model file (wrong magic bytes)".into()));
        }
        return Err(bad(format!("truncated: {} bytes, the header alone is {HEADER}", b.len())));
    }
    if &b[..8] != MAGIC {
        return Err(bad("not a caselink model file (wrong magic bytes)".into()));
    }
    let version = u16::from_le_bytes([b[8], b[9]]);
    if version != FORMAT_VERSION {
        return Err(bad(format!(
            "format version {version}, this caselink reads version {FORMAT_VERSION}; retrain or use a matching caselink"
        )));
    }
    let len = u64::from_le_bytes(b[10..18].try_into().expect("8 bytes"));
    if len > MAX_PAYLOAD as u64 {
        return Err(bad(format!("payload of {len} bytes exceeds the limit of {MAX_PAYLOAD}")));
    }
    let body = &b[HEADER..];
    if body.len() as u64 != len {
        return Err(bad(format!("truncated or padded: payload is {} bytes, header says {len}", body.len())));
    }
    let crc = u32::from_le_bytes(b[18..22].try_into().expect("4 bytes"));
    if crc32(body) != crc {
        return Err(bad("corrupt: checksum mismatch".into()));
    }
    let config = bincode::config::standard().with_limit::<{ 64 << 20 }>();
    let (payload, used): (Payload, usize) =
        bincode::serde::decode_from_slice(body, config).map_err(|e| bad(format!("cannot decode: {e}")))?;
    if used != body.len() {
        return Err(bad("trailing bytes after the payload".into()));
    }
    let spec = LinkageSpec::from_json(&payload.spec_json).map_err(|e| bad(format!("embedded spec: {e}")))?;
    let mut linker = Linker::new(spec).map_err(|e| bad(format!("embedded spec: {e}")))?;
    let n = linker.spec.comparisons.len();
    if payload.tf.len() != n {
        return Err(bad(format!("{} term-frequency tables for {n} comparisons", payload.tf.len())));
    }
    if payload.tf.iter().flatten().any(|t| !t.is_consistent()) {
        return Err(bad("inconsistent term-frequency table".into()));
    }
    if let Some(p) = &payload.params {
        check_params(p, &linker.comparators).map_err(bad)?;
    }
    linker.params = payload.params;
    linker.tf = payload.tf;
    Ok(linker)
}

fn check_params(p: &Parameters, comparators: &[Comparator]) -> std::result::Result<(), String> {
    if !(p.lambda > 0.0 && p.lambda < 1.0) {
        return Err(format!("lambda {} is not in (0, 1)", p.lambda));
    }
    if p.comparisons.len() != comparators.len() {
        return Err(format!("{} parameter sets for {} comparisons", p.comparisons.len(), comparators.len()));
    }
    for (k, (c, cmp)) in p.comparisons.iter().zip(comparators).enumerate() {
        let n = cmp.num_levels();
        if c.m.len() != n || c.u.len() != n {
            return Err(format!("comparison {k}: {} m and {} u values for {n} levels", c.m.len(), c.u.len()));
        }
        if c.m.iter().chain(&c.u).any(|x| !(x.is_finite() && *x > 0.0 && *x <= 1.0)) {
            return Err(format!("comparison {k}: probabilities must be in (0, 1]"));
        }
    }
    Ok(())
}

/// Load a model file (refusing files larger than the payload limit before reading them).
pub fn load(path: &std::path::Path) -> Result<Linker> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| Error::io("read", path, e))?;
    if meta.len() > (MAX_PAYLOAD + HEADER) as u64 {
        return Err(Error::bad_model(Some(&name), format!("file of {} bytes is too large to be a model", meta.len())));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io("read", path, e))?;
    from_bytes(&bytes, Some(&name))
}
