//! Keys, stored values and the removal of unused entries.

use super::*;

#[test]
fn keys_separate_their_parts() {
    let a = KeyBuilder::new("t").str("ab").str("c").finish();
    let b = KeyBuilder::new("t").str("a").str("bc").finish();
    let c = KeyBuilder::new("u").str("ab").str("c").finish();
    assert_ne!(a, b);
    assert_ne!(a, c);
    assert_eq!(a, KeyBuilder::new("t").str("ab").str("c").finish());
    assert_eq!(a.hex().len(), 64);
}

#[test]
fn a_file_keys_by_its_content_and_a_missing_one_by_none() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("written");
        path
    };
    let big: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
    let mut other = big.clone();
    other[299_999] ^= 1;
    let key = |path: &Path| KeyBuilder::new("t").file(path).map(|k| k.finish());
    let a = key(&file("a", &big));
    assert!(a.is_some());
    assert_eq!(a, key(&file("b", &big)));
    assert_ne!(a, key(&file("c", &other)));
    assert_eq!(key(&dir.path().join("missing")), None);
}

#[test]
fn values_round_trip_and_unused_entries_go() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = Cache::open(dir.path(), true).expect("cache");
    let k1 = KeyBuilder::new("t").str("1").finish();
    let k2 = KeyBuilder::new("t").str("2").finish();
    cache.put("results", &k1, &vec![1u32, 2, 3]);
    cache.put("results", &k2, &vec![4u32]);
    assert_eq!(cache.get::<Vec<u32>>("results", &k1), Some(vec![1, 2, 3]));
    assert!(dir.path().join(".oko/.gitignore").is_file());

    // A new run that uses only k1 keeps only k1.
    let cache = Cache::open(dir.path(), true).expect("cache");
    assert_eq!(cache.get::<Vec<u32>>("results", &k1), Some(vec![1, 2, 3]));
    // A killed build of each audience left its index half-written.
    let index = dir.path().join(DIR).join(INDEX);
    std::fs::create_dir_all(&index).expect("folder");
    std::fs::write(index.join("public.bin.tmp-killed"), b"oko-pix1").expect("written");
    std::fs::write(index.join("internal.bin.tmp-killed"), b"oko-pix1").expect("written");
    let writer = cache.index_writer(Audience::Public).expect("writable");
    cache.finish(Audience::Public, Some(writer));
    let mut left: Vec<String> = std::fs::read_dir(&index)
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    // This build's index took its place; only the other audience's leftover is not its own.
    assert_eq!(left, ["internal.bin.tmp-killed", "public.bin"]);
    assert!(cache.page_index(Audience::Public).is_empty());
    let cache = Cache::open(dir.path(), false).expect("cache");
    assert_eq!(cache.get::<Vec<u32>>("results", &k2), None);
    assert_eq!(cache.get::<Vec<u32>>("results", &k1), Some(vec![1, 2, 3]));
}
