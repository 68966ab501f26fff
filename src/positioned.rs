//! Reading a byte range of a file that several threads share: each read names its offset,
//! so no thread moves a cursor another relies on, and no lock is needed. Used for the
//! rows the internal build sets aside and for the build cache's page index.

use std::fs::File;
use std::io;

/// Reads exactly `buf.len()` bytes of `file` at `offset`.
#[cfg(unix)]
pub fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(windows)]
pub fn read_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buf.is_empty() {
        match file.seek_read(buf, offset)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}
