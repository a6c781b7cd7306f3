//! The table of operations is the only place an operation is written: outside the table's
//! file (`src/operation/mod.rs`) and outside comments, no file of `src/` defines or
//! implements anything for an operation's request or response type, and none lists the
//! types of two operations (what an edit per operation would be: a hand-written impl, a
//! list of re-exports or of types to fuzz). Using one type, as the fuzz targets of the
//! `GetLoginProfile` document do, is not describing an operation.

use iam_login_profile::Action;
use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn operations_are_written_only_by_the_table() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let table = src.join("operation").join("mod.rs");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 20, "{files:?}");
    let mut found = Vec::new();
    for file in files.iter().filter(|f| **f != table) {
        let text = std::fs::read_to_string(file).unwrap();
        let mut named = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            for action in Action::ALL {
                for name in [format!("{action}Request"), format!("{action}Response")] {
                    if !code.contains(name.as_str()) {
                        continue;
                    }
                    if !named.contains(action) {
                        named.push(*action);
                    }
                    let defines = ["impl", "struct ", "pub struct ", "enum ", "type "]
                        .iter()
                        .any(|k| code.starts_with(k));
                    if defines {
                        found.push(format!("{}:{}: defines for {name}", file.display(), n + 1));
                    }
                }
            }
        }
        if named.len() > 1 {
            found.push(format!("{}: names the types of {named:?}", file.display()));
        }
    }
    assert_eq!(found, Vec::<String>::new());
    // And the table does name each of them.
    let table = std::fs::read_to_string(table).unwrap();
    for action in Action::ALL {
        assert!(table.contains(&format!("{action} => {action}Request {{")), "{action}");
        assert!(table.contains(&format!("}} -> {action}Response {{")), "{action}");
    }
}
