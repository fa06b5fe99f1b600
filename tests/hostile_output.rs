//! Output targets that are not plain files: `convert -o` and `export -o`
//! must write a symlink's target, keep a file's mode and owner, write
//! through a FIFO, a device or `/dev/stdout`, and never replace any of them.
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{chronoscope, temp_dir};

mod common;

fn seed_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/budapest-summit.json")
}

fn convert_to(out: &Path) -> std::process::Output {
    let seed = seed_path();
    chronoscope(&[
        "convert",
        &seed.to_string_lossy(),
        "-o",
        &out.to_string_lossy(),
    ])
}

fn assert_success(output: &std::process::Output) {
    assert!(
        output.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|r| {
            r.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo {}", path.display());
}

#[test]
fn a_private_file_stays_private_and_keeps_its_owner() {
    let dir = temp_dir();
    let out = dir.path().join("p.json");
    fs::write(&out, "s").unwrap_or_else(|e| panic!("{e}"));
    fs::set_permissions(&out, fs::Permissions::from_mode(0o600)).unwrap_or_else(|e| panic!("{e}"));
    // As root, give the file to someone else: the owner must be kept too.
    let chowned = std::os::unix::fs::chown(&out, Some(4321), Some(4321)).is_ok();
    assert_success(&convert_to(&out));
    let meta = fs::metadata(&out).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(meta.permissions().mode() & 0o7777, 0o600, "mode widened");
    if chowned {
        assert_eq!((meta.uid(), meta.gid()), (4321, 4321), "owner lost");
    }
    assert!(fs::read_to_string(&out).is_ok_and(|s| s.contains("\"events\"")));
    assert_eq!(entries(dir.path()), ["p.json"]);
}

#[test]
fn a_symlink_is_kept_and_its_target_written() {
    let dir = temp_dir();
    let target_dir = dir.path().join("elsewhere");
    fs::create_dir(&target_dir).unwrap_or_else(|e| panic!("{e}"));
    let target = target_dir.join("real.json");
    fs::write(&target, "old").unwrap_or_else(|e| panic!("{e}"));
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&target, &link).unwrap_or_else(|e| panic!("{e}"));
    assert_success(&convert_to(&link));
    assert!(fs::symlink_metadata(&link).is_ok_and(|m| m.file_type().is_symlink()));
    assert!(fs::read_to_string(&target).is_ok_and(|s| s.contains("\"events\"")));
    assert_eq!(entries(&target_dir), ["real.json"]);

    // The same for an image.
    let png_target = target_dir.join("real.png");
    fs::write(&png_target, "old").unwrap_or_else(|e| panic!("{e}"));
    let png_link = dir.path().join("link.png");
    std::os::unix::fs::symlink("elsewhere/real.png", &png_link).unwrap_or_else(|e| panic!("{e}"));
    assert_success(&chronoscope(&[
        "export",
        "-o",
        &png_link.to_string_lossy(),
        "--width=300",
    ]));
    assert!(fs::symlink_metadata(&png_link).is_ok_and(|m| m.file_type().is_symlink()));
    assert!(fs::read(&png_target).is_ok_and(|b| b.starts_with(b"\x89PNG")));
}

#[test]
fn a_fifo_is_written_through_and_stays_a_fifo() {
    let dir = temp_dir();
    for name in ["pipe.json", "pipe.svg"] {
        let fifo = dir.path().join(name);
        mkfifo(&fifo);
        let reader_path = fifo.clone();
        let reader = std::thread::spawn(move || fs::read(&reader_path));
        let output = if name == "pipe.json" {
            convert_to(&fifo)
        } else {
            chronoscope(&["export", "-o", &fifo.to_string_lossy(), "--width=300"])
        };
        assert_success(&output);
        let got = reader.join().ok().and_then(Result::ok).unwrap_or_default();
        let got = String::from_utf8_lossy(&got);
        assert!(
            got.contains("\"events\"") || got.contains("<svg"),
            "{name}: {got}"
        );
        assert!(fs::symlink_metadata(&fifo).is_ok_and(|m| m.file_type().is_fifo()));
    }
    assert_eq!(entries(dir.path()), ["pipe.json", "pipe.svg"]);
}

#[test]
fn a_device_node_is_written_through_never_replaced() {
    let dir = temp_dir();
    let node = dir.path().join("null.json");
    // A character device like /dev/null, made in the temporary folder so
    // the test cannot harm the real one; needs root (CAP_MKNOD).
    let made = Command::new("mknod")
        .arg(&node)
        .args(["c", "1", "3"])
        .status()
        .is_ok_and(|s| s.success());
    let node = if made {
        node
    } else {
        eprintln!("mknod not permitted: using /dev/null itself");
        PathBuf::from("/dev/null")
    };
    assert_success(&convert_to(&node));
    assert!(fs::symlink_metadata(&node).is_ok_and(|m| m.file_type().is_char_device()));
    assert!(fs::symlink_metadata("/dev/null").is_ok_and(|m| m.file_type().is_char_device()));
    if made {
        assert_eq!(entries(dir.path()), ["null.json"]);
    }
    // A full device is an error with exit 1, not a success.
    let output = convert_to(Path::new("/dev/full"));
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("the disk is full"), "{stderr}");
}

#[test]
fn dev_stdout_is_standard_output() {
    let output = convert_to(Path::new("/dev/stdout"));
    assert_success(&output);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("\"events\""), "{stdout}");
    assert!(fs::symlink_metadata("/dev/stdout").is_ok_and(|m| m.file_type().is_symlink()));

    // Standard output redirected to a file (`> out.json`): the file the
    // shell opened receives the JSON, and nothing else appears beside it.
    let dir = temp_dir();
    let redirected = dir.path().join("out.json");
    let file = fs::File::create(&redirected).unwrap_or_else(|e| panic!("{e}"));
    let status = Command::new(env!("CARGO_BIN_EXE_chronoscope"))
        .args([
            "convert",
            &seed_path().to_string_lossy(),
            "-o",
            "/dev/stdout",
        ])
        .stdout(file)
        .status();
    assert!(status.is_ok_and(|s| s.success()));
    assert!(fs::read_to_string(&redirected).is_ok_and(|s| s.contains("\"events\"")));
    assert_eq!(entries(dir.path()), ["out.json"]);
}

#[test]
fn a_socket_or_folder_is_refused_clearly() {
    let dir = temp_dir();
    let socket = dir.path().join("sock.json");
    let _listener =
        std::os::unix::net::UnixListener::bind(&socket).unwrap_or_else(|e| panic!("{e}"));
    let output = convert_to(&socket);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("socket"), "{stderr}");
    let folder = dir.path().join("folder.json");
    fs::create_dir(&folder).unwrap_or_else(|e| panic!("{e}"));
    let output = convert_to(&folder);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("a folder of that name is in the way"),
        "{stderr}"
    );
}

#[test]
fn generate_writes_safely_too() {
    let dir = temp_dir();
    let target = dir.path().join("p.json");
    fs::write(&target, "s").unwrap_or_else(|e| panic!("{e}"));
    fs::set_permissions(&target, fs::Permissions::from_mode(0o600))
        .unwrap_or_else(|e| panic!("{e}"));
    let link = dir.path().join("l.json");
    std::os::unix::fs::symlink("p.json", &link).unwrap_or_else(|e| panic!("{e}"));
    assert_success(&chronoscope(&[
        "generate",
        "10",
        "-o",
        &link.to_string_lossy(),
    ]));
    assert!(fs::symlink_metadata(&link).is_ok_and(|m| m.file_type().is_symlink()));
    let meta = fs::metadata(&target).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(meta.permissions().mode() & 0o7777, 0o600);
    assert!(fs::read_to_string(&target).is_ok_and(|s| s.contains("\"events\"")));
    assert_eq!(entries(dir.path()), ["l.json", "p.json"]);
}

/// `export -o -` writes the image to standard output (the format named by
/// `--format`, the report on standard error); without `--format` it says
/// what is missing; `-o /dev/stdout` keeps the report off standard output.
#[test]
fn an_image_goes_to_standard_output() {
    let png = Command::new(env!("CARGO_BIN_EXE_chronoscope"))
        .args(["export", "-o", "-", "--format", "png"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_success(&png);
    assert!(png.stdout.starts_with(b"\x89PNG"), "not a PNG on stdout");
    assert!(String::from_utf8_lossy(&png.stderr).contains("wrote standard output"));

    let unnamed = Command::new(env!("CARGO_BIN_EXE_chronoscope"))
        .args(["export", "-o", "-"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(unnamed.status.code(), Some(1));
    assert!(unnamed.stdout.is_empty());
    assert!(String::from_utf8_lossy(&unnamed.stderr).contains("needs --format"));

    let svg = Command::new(env!("CARGO_BIN_EXE_chronoscope"))
        .args(["export", "-o", "/dev/stdout", "--format", "svg"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_success(&svg);
    let text = String::from_utf8_lossy(&svg.stdout);
    assert!(
        text.trim_end().ends_with("</svg>"),
        "{}",
        &text[text.len().saturating_sub(80)..]
    );
    assert!(String::from_utf8_lossy(&svg.stderr).contains("wrote /dev/stdout"));
}
