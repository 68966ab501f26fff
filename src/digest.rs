//! A content hash (BLAKE3): the name of a cache entry, and what the model keeps of the
//! files a procedure was read from. Beneath both, so the model need not know the cache.

use serde::{Deserialize, Serialize};

/// A content hash: the name of a cache entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Key([u8; 32]);

impl Key {
    /// The key of a finished hash.
    pub fn from_bytes(bytes: [u8; 32]) -> Key {
        Key(bytes)
    }

    /// Its 32 bytes, to fold into another key.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Its 64 hexadecimal digits: an entry's file name.
    pub fn hex(&self) -> String {
        blake3::Hash::from_bytes(self.0).to_hex().to_string()
    }
}
