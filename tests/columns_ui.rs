//! The Columns dialog of table files, driven through `egui_kittest`: it
//! opens with a preview when detection is unsure or a table does not load,
//! "Open" reads the file again with the columns chosen (and remembers them
//! for the file, also for reloads), "Cancel" keeps what is on screen, and
//! File › Table Columns… opens it at any time, with a sheet choice for
//! workbooks. No display or GPU needed.

use std::path::{Path, PathBuf};

use chronoscope::app::columns::ColumnsCommand;
use chronoscope::app::settings::Settings;
use chronoscope::app::{ChronoscopeApp, Command};
use chronoscope::io::DateOrder;
use egui::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

fn harness() -> Harness<'static, ChronoscopeApp> {
    let mut h = Harness::builder()
        .with_size(egui::Vec2::new(1280.0, 800.0))
        .with_max_steps(120)
        .with_step_dt(1.0 / 60.0)
        .with_theme(egui::Theme::Light)
        .build_eframe(|_cc| ChronoscopeApp::with_seed(Settings::default()));
    h.run_steps(3);
    h
}

/// Dates under a header no list knows, none with a day over 12, and no
/// column named like a title: detection guesses all three.
const AMBIGUOUS: &str = "\
happened,note,who,place
06/11/2025,Talks announced,Ministry,Vienna
07/11/2025,Talks postponed,Ministry,Vienna
01/12/2025,Strike on the depot,Army,Odesa
";

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    path
}

fn open(h: &mut Harness<'_, ChronoscopeApp>, path: &Path) {
    let ctx = h.ctx.clone();
    h.state_mut().open(path, &ctx);
    h.state_mut().finish_loading();
    h.run_steps(3);
}

fn titles(h: &Harness<'_, ChronoscopeApp>) -> Vec<String> {
    h.state()
        .timeline()
        .to_events()
        .into_iter()
        .map(|e| e.title)
        .collect()
}

fn starts(h: &Harness<'_, ChronoscopeApp>) -> Vec<String> {
    h.state()
        .timeline()
        .to_events()
        .into_iter()
        .map(|e| e.start.to_iso())
        .collect()
}

/// Opens the combo box labelled `combo` and picks `item` in it.
fn pick(h: &mut Harness<'_, ChronoscopeApp>, combo: &str, item: &str) {
    h.get_by_role_and_label(Role::ComboBox, combo).click();
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, item).click();
    h.run_steps(2);
}

/// Clicks "Open" in the dialog and waits for the file to load.
fn click_open(h: &mut Harness<'_, ChronoscopeApp>) {
    h.get_by_role_and_label(Role::Button, "Open").click();
    h.run_steps(2);
    h.state_mut().finish_loading();
    h.run_steps(3);
}

#[test]
fn an_unsure_table_loads_with_its_guess_and_shows_the_dialog_with_its_rows() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = write(dir.path(), "ambiguous.csv", AMBIGUOUS);
    open(&mut h, &path);
    // The guess is on screen: composed titles, day first.
    assert_eq!(
        titles(&h),
        ["Ministry — Vienna", "Ministry — Vienna", "Army — Odesa"]
    );
    assert_eq!(starts(&h)[0], "2025-11-06");
    let dialog = h
        .state()
        .columns_dialog()
        .unwrap_or_else(|| panic!("no Columns dialog"));
    assert_eq!(dialog.preview.rows.len(), 3);
    h.get_by_label("Columns of ambiguous.csv");
    // The first rows under their headers, and why detection is unsure.
    h.get_by_label("Strike on the depot");
    h.get_by_label("01/12/2025");
    h.get_by_label_contains("No header says which column holds the dates");
    h.get_by_label_contains("day/month was assumed");
    h.get_by_label_contains("titles are composed");
    h.get_by_label_contains("reads as: 6 November 2025");
    // The status bar says how the columns were read.
    let status = h.state().status_message().unwrap_or_default().to_owned();
    assert!(
        status.contains("start: happened (day/month), title: composed from who, place"),
        "{status}"
    );
}

#[test]
fn open_reads_the_file_with_the_columns_chosen_and_remembers_them() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = write(dir.path(), "ambiguous.csv", AMBIGUOUS);
    open(&mut h, &path);
    pick(&mut h, "Title", "note");
    pick(&mut h, "Day/month order", "month/day (06/11 is 11 June)");
    // The preview reads the dates the new way before anything is loaded.
    h.get_by_label_contains("reads as: 11 June 2025");
    click_open(&mut h);
    assert!(h.state().columns_dialog().is_none(), "the dialog closed");
    assert!(h.state().errors().is_none());
    assert_eq!(
        titles(&h),
        ["Talks announced", "Talks postponed", "Strike on the depot"]
    );
    assert_eq!(starts(&h), ["2025-06-11", "2025-07-11", "2025-01-12"]);
    let remembered = h
        .state()
        .settings()
        .saved_columns(&path)
        .cloned()
        .unwrap_or_else(|| panic!("nothing remembered"));
    assert_eq!(remembered.start_column.as_deref(), Some("happened"));
    assert_eq!(remembered.title_column.as_deref(), Some("note"));
    assert_eq!(remembered.date_order, Some(DateOrder::Mdy));

    // Opened again (another session would do the same): no dialog, the
    // choice applies.
    let other = write(
        dir.path(),
        "other.json",
        r#"{"events": [{"title": "x", "start": "2025"}]}"#,
    );
    open(&mut h, &other);
    assert_eq!(titles(&h), ["x"]);
    open(&mut h, &path);
    assert!(h.state().columns_dialog().is_none(), "not asked again");
    assert_eq!(titles(&h)[0], "Talks announced");

    // A reload (by hand or on a change) reads it the same way.
    let longer = format!("{AMBIGUOUS}02/01/2025,Ceasefire,Army,Odesa\n");
    std::fs::write(&path, longer).unwrap_or_else(|e| panic!("{e}"));
    let ctx = h.ctx.clone();
    h.state_mut().apply(Command::Reload, &ctx);
    h.state_mut().finish_loading();
    h.run_steps(3);
    assert_eq!(titles(&h)[0], "Talks announced");
    assert!(titles(&h).contains(&"Ceasefire".to_owned()));
    assert!(starts(&h).contains(&"2025-02-01".to_owned()), "month first");
    assert!(h.state().columns_dialog().is_none());

    // Shown again (File › Table Columns…), the dialog starts from the choice.
    h.state_mut()
        .apply(Command::Columns(ColumnsCommand::Show), &ctx);
    h.run_steps(3);
    h.get_by_label("These are the columns chosen for this file.");
    let dialog = h
        .state()
        .columns_dialog()
        .unwrap_or_else(|| panic!("no Columns dialog"));
    assert_eq!(dialog.choice.title, Some(1));
    assert_eq!(dialog.choice.order, Some(DateOrder::Mdy));
    assert_eq!(dialog.preview.row_count, 4);
    h.get_by_label("4 rows in all.");
}

#[test]
fn cancel_keeps_the_guess_on_screen_and_asks_again_next_time() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = write(dir.path(), "ambiguous.csv", AMBIGUOUS);
    open(&mut h, &path);
    pick(&mut h, "Title", "note");
    h.get_by_role_and_label(Role::Button, "Cancel").click();
    h.run_steps(3);
    assert!(h.state().columns_dialog().is_none());
    assert!(!h.state().is_loading(), "nothing is read again");
    assert_eq!(titles(&h)[2], "Army — Odesa", "the guess stays");
    assert!(h.state().settings().saved_columns(&path).is_none());
    open(&mut h, &path);
    assert!(h.state().columns_dialog().is_some(), "still unsure");
}

#[test]
fn a_table_without_a_date_column_keeps_the_timeline_and_lets_the_user_choose() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // One value in five is no date: too few for detection to call it a
    // date column by content, enough to read when the user names it.
    let path = write(
        dir.path(),
        "undated.csv",
        "event,happened,desk\nTalks,6 Nov 2025,Politics\nStrike,7 Nov 2025,Labour\nVote,unknown,Politics\nSummit,13 Nov 2025,Politics\nFair,21 Nov 2025,Culture\n",
    );
    open(&mut h, &path);
    assert_eq!(h.state().timeline().len(), 13, "the seed stays");
    let errors = h.state().errors().unwrap_or_default();
    assert!(
        errors[0].message.starts_with("no column holds dates"),
        "{errors:?}"
    );
    let dialog = h
        .state()
        .columns_dialog()
        .unwrap_or_else(|| panic!("no Columns dialog"));
    assert!(dialog.preview.failed());
    h.get_by_label_contains("It did not load: no column holds dates");
    // The column with the most dates is proposed; the user confirms it.
    h.get_by_label("The columns below are a guess: check them, then Open.");
    assert_eq!(dialog.choice.start, Some(1));
    pick(&mut h, "Start", "happened  · dates");
    click_open(&mut h);
    assert_eq!(titles(&h), ["Talks", "Strike", "Summit", "Fair"]);
    assert!(h.state().columns_dialog().is_none());
    assert!(
        h.state()
            .settings()
            .saved_columns(&path)
            .is_some_and(|o| o.start_column.as_deref() == Some("happened"))
    );

    // Cancel on a table that did not load keeps the timeline that did.
    let names = write(
        dir.path(),
        "names.csv",
        "name,place\nAda,London\nGrace,Arlington\n",
    );
    open(&mut h, &names);
    assert!(h.state().columns_dialog().is_some());
    // Nothing there holds dates: Open waits for a start column.
    assert!(
        h.get_by_role_and_label(Role::Button, "Open")
            .accesskit_node()
            .is_disabled()
    );
    h.get_by_role_and_label(Role::Button, "Cancel").click();
    h.run_steps(3);
    assert!(h.state().columns_dialog().is_none());
    assert_eq!(titles(&h), ["Talks", "Strike", "Summit", "Fair"]);
}

/// A workbook with a sheet detection reads without doubt, and a second.
fn write_workbook(path: &Path) {
    use rust_xlsxwriter::Workbook;
    let mut book = Workbook::new();
    let check = |r: Result<&mut rust_xlsxwriter::Worksheet, rust_xlsxwriter::XlsxError>| {
        r.map_or_else(|e| panic!("{e}"), |_| ());
    };
    let log = book.add_worksheet();
    check(log.set_name("Log"));
    check(log.write_string(0, 0, "Date"));
    check(log.write_string(0, 1, "Headline"));
    check(log.write_string(1, 0, "2025-11-06"));
    check(log.write_string(1, 1, "Talks announced"));
    let archive = book.add_worksheet();
    check(archive.set_name("Archive"));
    check(archive.write_string(0, 0, "year"));
    check(archive.write_string(0, 1, "event"));
    check(archive.write_number(1, 0, 1989.0));
    check(archive.write_string(1, 1, "Wall falls"));
    book.save(path).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn table_columns_in_the_file_menu_previews_another_sheet_and_opens_it() {
    let mut h = harness();
    // The built-in timeline has no columns to choose.
    h.get_by_label("File").click();
    h.run_steps(2);
    assert!(
        h.get_by_label("Table Columns…")
            .accesskit_node()
            .is_disabled()
    );
    h.get_by_label("File").click();
    h.run_steps(2);
    assert!(
        h.query_by_label("Table Columns…").is_none(),
        "the menu closed"
    );

    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("book.xlsx");
    write_workbook(&path);
    open(&mut h, &path);
    assert!(h.state().columns_dialog().is_none(), "detection is sure");
    assert_eq!(titles(&h), ["Talks announced"]);

    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Table Columns…").click();
    h.run_steps(3);
    h.get_by_label("Columns of book.xlsx");
    h.get_by_label("Every column below was found by its header.");
    pick(&mut h, "Sheet", "Archive");
    for _ in 0..200 {
        h.step();
        if h.state()
            .columns_dialog()
            .is_some_and(|d| d.preview.sheet.as_deref() == Some("Archive"))
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    h.run_steps(2);
    h.get_by_label("Wall falls");
    click_open(&mut h);
    assert_eq!(titles(&h), ["Wall falls"]);
    assert_eq!(starts(&h), ["1989"]);
    assert_eq!(
        h.state()
            .settings()
            .saved_columns(&path)
            .and_then(|o| o.sheet.clone())
            .as_deref(),
        Some("Archive")
    );
}
