//! relay-core holds the station's data and nothing of its screens: no iced, no window
//! system, no renderer may come into its dependency tree, directly or through another
//! crate. The compiler keeps `use iced` out of `core/src` (it is not a dependency);
//! this test keeps it from coming back as one.

use std::process::Command;

/// Crates of the UI side: none may be in relay-core's normal dependencies.
const UI_CRATES: [&str; 7] = [
    "iced",
    "winit",
    "wgpu",
    "tiny-skia",
    "cosmic-text",
    "softbuffer",
    "resvg",
];

#[test]
fn relay_core_depends_on_no_ui_crate() {
    let out = Command::new(env!("CARGO"))
        .args([
            "tree",
            "-p",
            "relay-core",
            "-e",
            "normal",
            "--prefix",
            "none",
            "--offline",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8(out.stdout).expect("UTF-8");
    let names: Vec<&str> = tree
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .collect();
    assert!(names.contains(&"rusqlite"), "the tree was read: {names:?}");
    let ui: Vec<&&str> = names
        .iter()
        .filter(|name| {
            UI_CRATES
                .iter()
                .any(|ui| **name == *ui || name.starts_with(&format!("{ui}_")))
        })
        .collect();
    assert!(ui.is_empty(), "relay-core depends on UI crates: {ui:?}");
}
