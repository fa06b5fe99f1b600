//! The release binary in a real window under Xvfb, driven with xdotool and
//! photographed with `ImageMagick`. Ignored by plain `cargo test` (no display
//! needed there); `.ci/run` installs xvfb, xdotool and imagemagick and runs
//! these with `--include-ignored`.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The binary under test: `CHRONOSCOPE_BIN` (the release build in CI), else
/// the one cargo built for this test run.
fn binary() -> PathBuf {
    std::env::var_os("CHRONOSCOPE_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_chronoscope")),
        PathBuf::from,
    )
}

/// An Xvfb server that is killed when dropped.
struct Display {
    server: Child,
    name: String,
    home: tempfile::TempDir,
}

impl Display {
    /// Starts Xvfb on the first free display number from `first` on (a
    /// stale server or lock file from an earlier run must not break this).
    fn start(first: u32) -> Self {
        let number = (first..first + 50)
            .find(|n| {
                !Path::new(&format!("/tmp/.X{n}-lock")).exists()
                    && !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
            })
            .unwrap_or_else(|| panic!("no free X display number from {first}"));
        let name = format!(":{number}");
        let server = Command::new("Xvfb")
            .args([
                name.as_str(),
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start Xvfb (apt-get install xvfb): {e}"));
        let display = Self {
            server,
            name,
            home: tempfile::tempdir().unwrap_or_else(|e| panic!("{e}")),
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        while !Path::new(&format!("/tmp/.X11-unix/X{number}")).exists() {
            assert!(Instant::now() < deadline, "Xvfb did not come up");
            std::thread::sleep(Duration::from_millis(50));
        }
        display
    }

    /// A command with this display and a fresh home (no remembered window
    /// size or theme from earlier runs).
    fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut c = Command::new(program);
        c.env("DISPLAY", &self.name)
            .env_remove("WAYLAND_DISPLAY")
            .env("HOME", self.home.path())
            .env("XDG_DATA_HOME", self.home.path().join("data"))
            .env("XDG_CONFIG_HOME", self.home.path().join("config"))
            .env("XDG_RUNTIME_DIR", self.home.path());
        c
    }

    fn run(&self, program: &str, args: &[&str]) -> String {
        let out = self
            .command(program)
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
        assert!(
            out.status.success(),
            "{program} {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn screenshot(&self, path: &Path) -> image::RgbaImage {
        self.run("import", &["-window", "root", &path.display().to_string()]);
        image::open(path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .to_rgba8()
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

/// Distinct colours in an image: a blank or single-colour image has few.
fn distinct_colours(image: &image::RgbaImage) -> usize {
    let mut colours: Vec<[u8; 4]> = image.pixels().map(|p| p.0).collect();
    colours.sort_unstable();
    colours.dedup();
    colours.len()
}

fn differing_pixels(a: &image::RgbaImage, b: &image::RgbaImage) -> usize {
    a.pixels().zip(b.pixels()).filter(|(p, q)| p != q).count()
}

fn wait_for_window(display: &Display, app: &mut Child) {
    let deadline = Instant::now() + Duration::from_mins(1);
    loop {
        let out = display
            .command("xdotool")
            .args(["search", "--name", "Chronoscope"])
            .output();
        if out.is_ok_and(|o| o.status.success() && !o.stdout.is_empty()) {
            break;
        }
        if let Ok(Some(status)) = app.try_wait() {
            panic!("the app exited early with {status}");
        }
        assert!(Instant::now() < deadline, "no Chronoscope window appeared");
        std::thread::sleep(Duration::from_millis(200));
    }
    // Let it paint a few frames.
    std::thread::sleep(Duration::from_secs(2));
}

#[test]
#[ignore = "needs Xvfb, xdotool and ImageMagick; run by .ci/run"]
fn seed_window_draws_and_a_right_drag_zooms() {
    let display = Display::start(170);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = display
        .command(binary())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    wait_for_window(&display, &mut app);
    let before = display.screenshot(&dir.path().join("before.png"));
    assert_eq!(before.dimensions(), (1280, 800));
    assert!(
        distinct_colours(&before) > 20,
        "the timeline is drawn (not blank)"
    );

    // Right-drag across part of the lanes: zoom to that stretch.
    display.run("xdotool", &["mousemove", "400", "300", "mousedown", "3"]);
    for x in (420..=800).step_by(20) {
        display.run("xdotool", &["mousemove", &x.to_string(), "300"]);
    }
    display.run("xdotool", &["mouseup", "3"]);
    std::thread::sleep(Duration::from_secs(2));
    let after = display.screenshot(&dir.path().join("after.png"));
    let _ = app.kill();
    let _ = app.wait();
    let changed = differing_pixels(&before, &after);
    assert!(
        changed > 5_000,
        "the drag changed the picture ({changed} pixels differ)"
    );
    assert!(distinct_colours(&after) > 20);
}

#[test]
#[ignore = "needs Xvfb; run by .ci/run"]
fn screenshot_flag_writes_the_window_and_exits_0() {
    let display = Display::start(120);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("window.png");
    let result = display
        .command(binary())
        .args(["--screenshot", &out.display().to_string()])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let image = image::open(&out)
        .unwrap_or_else(|e| panic!("{e}"))
        .to_rgba8();
    assert_eq!(image.dimensions(), (1280, 800));
    assert!(distinct_colours(&image) > 20, "not blank");

    // A file that does not load gives a message and a non-zero exit, and no PNG.
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{ \"events\": [ { \"title\": 1 } ] }").unwrap_or_else(|e| panic!("{e}"));
    let out2 = dir.path().join("never.png");
    let result = display
        .command(binary())
        .args([
            &bad.display().to_string(),
            "--screenshot",
            &out2.display().to_string(),
        ])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!result.status.success());
    assert!(
        String::from_utf8_lossy(&result.stderr).contains("bad.json:1:26: error"),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert!(!out2.exists());

    // Warnings alone do not fail it: they are printed, the picture is saved.
    let warned = dir.path().join("warned.csv");
    std::fs::write(
        &warned,
        "when,what\n03/04/2025,A meeting\n05/06/2025,A call\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let out3 = dir.path().join("warned.png");
    let result = display
        .command(binary())
        .args([
            &warned.display().to_string(),
            "--screenshot",
            &out3.display().to_string(),
        ])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(result.status.success(), "{stderr}");
    assert!(stderr.contains("warning"), "{stderr}");
    assert!(out3.exists());
}

#[test]
#[ignore = "needs Xvfb and xdotool; run by .ci/run"]
fn ctrl_shift_s_saves_a_png_into_the_pictures_folder_with_no_portal() {
    let display = Display::start(190);
    // The Pictures folder as xdg-user-dirs would name it; no portal, no
    // zenity: a native dialog could not be shown here, and none is needed.
    let pictures = display.home.path().join("Pictures");
    std::fs::create_dir_all(&pictures).unwrap_or_else(|e| panic!("{e}"));
    let folder = pictures.join("Chronoscope");
    let mut app = display
        .command(binary())
        .env("XDG_PICTURES_DIR", &pictures)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    wait_for_window(&display, &mut app);
    // With no window manager nothing gives the window the keyboard: do it.
    let window = display.run("xdotool", &["search", "--name", "Chronoscope"]);
    let window = window.lines().next().unwrap_or_default().trim().to_owned();
    display.run("xdotool", &["windowfocus", "--sync", &window]);
    display.run("xdotool", &["key", "ctrl+shift+s"]);
    let deadline = Instant::now() + Duration::from_secs(20);
    let saved = loop {
        let pngs: Vec<PathBuf> = std::fs::read_dir(&folder)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "png"))
                    .collect()
            })
            .unwrap_or_default();
        if let Some(png) = pngs.into_iter().next() {
            break png;
        }
        assert!(
            Instant::now() < deadline,
            "no PNG appeared in {}",
            folder.display()
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    // Let the atomic write finish (the name appears only once it is whole).
    std::thread::sleep(Duration::from_millis(300));
    let _ = app.kill();
    let _ = app.wait();
    let name = saved
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    assert!(
        name.starts_with("Trump, Putin and the Budapest summit that wasn't "),
        "{name}"
    );
    let image = image::open(&saved)
        .unwrap_or_else(|e| panic!("{}: {e}", saved.display()))
        .to_rgba8();
    assert_eq!(image.dimensions(), (1280, 800), "the window's pixels");
    assert!(distinct_colours(&image) > 20, "not blank");
}
