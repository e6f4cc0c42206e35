//! A file's first bytes decide its refusal when they can (`refusal_from_start`): the page
//! reads a chosen file's first kilobytes before the rest, so the answer it gives from them
//! must be exactly the whole file's.

mod common;

use common::*;
use handoff_core::package::{import, import_located, refusal_from_start, to_json, ImportError};
use proptest::prelude::*;

/// Every cut of `file` that decides a refusal decides the whole file's, for both readers.
fn check_every_cut(file: &[u8]) -> Result<(), TestCaseError> {
    let whole = import(file).err();
    let whole_located = import_located(file).err();
    // Every cut of a short file; a spread of cuts of a long one, around each byte that a
    // mutation may have touched as well as evenly.
    let cuts: Vec<usize> = if file.len() <= 600 {
        (0..=file.len()).collect()
    } else {
        (0..=file.len())
            .step_by(file.len() / 300 + 1)
            .chain([file.len()])
            .collect()
    };
    for k in cuts {
        if let Some(refusal) = refusal_from_start(&file[..k]) {
            prop_assert_eq!(
                Some(&refusal),
                whole.as_ref(),
                "cut at {} of {}",
                k,
                file.len()
            );
            prop_assert_eq!(Some(&refusal), whole_located.as_ref(), "cut at {}", k);
        }
    }
    Ok(())
}

fn packages() -> Vec<Vec<u8>> {
    vec![
        to_json(&phishing()).into_bytes(),
        to_json(&admin_false_positive()).into_bytes(),
        serde_json::to_vec_pretty(
            &serde_json::from_str::<serde_json::Value>(&to_json(&ransomware())).unwrap(),
        )
        .unwrap(),
    ]
}

/// What a mutation may put into a file: JSON's own punctuation, junk, bytes that are not
/// UTF-8 (a lone continuation byte, a lead byte without its continuation, 0xFF), a BOM,
/// a three-byte character to be cut in half.
fn fragment() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"{".to_vec()),
        Just(b"}".to_vec()),
        Just(b"\"".to_vec()),
        Just(b",".to_vec()),
        Just(b":".to_vec()),
        Just(b"]".to_vec()),
        Just(b"x".to_vec()),
        Just(b" \n".to_vec()),
        Just(vec![0x80]),
        Just(vec![0xC3]),
        Just(vec![0xFF]),
        Just("\u{feff}".as_bytes().to_vec()),
        Just("\u{20ac}".as_bytes().to_vec()),
        prop::collection::vec(any::<u8>(), 1..8),
    ]
}

#[derive(Debug, Clone)]
enum Mutation {
    Insert(prop::sample::Index, Vec<u8>),
    Replace(prop::sample::Index, Vec<u8>),
    Delete(prop::sample::Index, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<prop::sample::Index>(), fragment()).prop_map(|(i, f)| Mutation::Insert(i, f)),
        (any::<prop::sample::Index>(), fragment()).prop_map(|(i, f)| Mutation::Replace(i, f)),
        (any::<prop::sample::Index>(), 1..40usize).prop_map(|(i, n)| Mutation::Delete(i, n)),
    ]
}

fn apply(file: &mut Vec<u8>, m: &Mutation) {
    if file.is_empty() {
        return;
    }
    match m {
        Mutation::Insert(i, f) => {
            let at = i.index(file.len() + 1);
            file.splice(at..at, f.iter().copied());
        }
        Mutation::Replace(i, f) => {
            let at = i.index(file.len());
            let end = (at + f.len()).min(file.len());
            file.splice(at..end, f.iter().copied());
        }
        Mutation::Delete(i, n) => {
            let at = i.index(file.len());
            file.drain(at..(at + n).min(file.len()));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn a_refusal_from_the_start_is_the_whole_files(
        which in 0..3usize,
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let mut file = packages().swap_remove(which);
        for m in &mutations {
            apply(&mut file, m);
        }
        check_every_cut(&file)?;
    }

    #[test]
    fn a_refusal_from_the_start_of_any_bytes_is_the_whole_files(
        file in prop::collection::vec(prop_oneof![any::<u8>(), Just(b'{'), Just(b'"'), Just(b' ')], 0..200),
    ) {
        check_every_cut(&file)?;
    }
}

#[test]
fn a_package_is_never_refused_from_its_start() {
    for file in packages() {
        for k in 0..=file.len() {
            assert_eq!(refusal_from_start(&file[..k]), None, "cut at {k}");
        }
    }
}

#[test]
fn five_megabytes_of_no_json_are_refused_from_the_first_kilobytes() {
    let file = vec![b'x'; 5 * 1024 * 1024 - 1];
    let refusal = refusal_from_start(&file[..4096]).expect("decided by the first byte");
    assert_eq!(import(&file).err(), Some(refusal.clone()));
    assert!(
        matches!(
            refusal,
            ImportError::Syntax {
                line: 1,
                column: 1,
                ..
            }
        ),
        "{refusal}"
    );
}

#[test]
fn the_first_problem_in_a_file_is_the_one_told() {
    // JSON broken before a byte that is not UTF-8: the JSON error.
    let file = b"{\"format\": nope \xff".to_vec();
    assert!(matches!(
        import(&file),
        Err(ImportError::Syntax {
            line: 1,
            column: 13,
            ..
        })
    ));
    // A byte that is not UTF-8 first: that byte, with its offset (an image, a UTF-16 file).
    assert_eq!(
        import(b"\x89PNG\r\n").err(),
        Some(ImportError::NotUtf8 { offset: 0 })
    );
    assert_eq!(
        import(b"{\"format\": \"\xff\"}").err(),
        Some(ImportError::NotUtf8 { offset: 12 })
    );
    assert_eq!(
        refusal_from_start(b"{\"format\": \"\xff"),
        Some(ImportError::NotUtf8 { offset: 12 })
    );
    // A character cut by the end of what was read is no fault of the file.
    assert_eq!(
        refusal_from_start(&"{\"t\": \"\u{20ac}".as_bytes()[..8]),
        None
    );
}
