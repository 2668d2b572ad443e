//! Random identifiers (request IDs, job IDs, nonces, development credentials).
//!
//! The randomness comes from the standard library's per-process random hash keys mixed with a
//! counter and the clock: unpredictable enough for IDs of a local emulator, without another
//! dependency.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A random 64-bit number.
pub fn random_u64() -> u64 {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    hasher.write_u128(nanos);
    hasher.finish()
}

/// 32 random lower-case hex characters (the shape of instance, project and request IDs).
pub fn random_hex32() -> String {
    format!("{:016x}{:016x}", random_u64(), random_u64())
}

/// `count` random characters from `A-Z0-9` (the shape of an access key).
pub fn random_upper(count: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    (0..count)
        .map(|_| {
            let index = usize::try_from(random_u64() % ALPHABET.len() as u64).unwrap_or(0);
            char::from(ALPHABET[index])
        })
        .collect()
}

/// `count` random characters from `A-Za-z0-9` (the shape of a secret key).
pub fn random_alnum(count: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    (0..count)
        .map(|_| {
            let index = usize::try_from(random_u64() % ALPHABET.len() as u64).unwrap_or(0);
            char::from(ALPHABET[index])
        })
        .collect()
}

/// A job ID: `JOB-` and 32 hex characters.
pub fn job_id() -> String {
    format!("JOB-{}", random_hex32())
}

/// A UUID-shaped ID derived deterministically from text (for VPC-API fields the account does not
/// store, e.g. a subnet's `neutron_subnet_id`).
pub fn derived_uuid(parts: &[&str]) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    let digest = hasher.finalize();
    let hex = digest.iter().take(16).fold(String::new(), |mut out, b| {
        use std::fmt::Write;
        let _ = write!(out, "{b:02x}");
        out
    });
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let a = random_hex32();
        assert_eq!(a.len(), 32);
        assert!(
            a.bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        );
        assert_ne!(a, random_hex32());
        assert!(job_id().starts_with("JOB-"));
        assert_eq!(random_upper(20).len(), 20);
        let u = derived_uuid(&["a", "b"]);
        assert_eq!(u.len(), 36);
        assert_eq!(u, derived_uuid(&["a", "b"]));
        assert_ne!(u, derived_uuid(&["ab"]));
    }
}
