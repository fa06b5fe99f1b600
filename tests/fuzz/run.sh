#!/bin/sh
# Runs every fuzz target for SECONDS (default 720) at the lowest priority,
# all at once, seeded from the test fixtures; new inputs go to
# tests/fuzz/corpus/TARGET, crashes to tests/fuzz/artifacts/TARGET.
# Needs cargo-fuzz (`cargo install cargo-fuzz`); RUSTC_BOOTSTRAP lets the
# stable toolchain accept the -Z flags that cargo-fuzz passes.
# Usage, from the repository root: sh tests/fuzz/run.sh [SECONDS]
# (TARGETS="query ics" to run only some).
set -eu
seconds=${1:-720}
fixtures=tests/fixtures
export RUSTC_BOOTSTRAP=1
nice -n 19 cargo fuzz build --fuzz-dir tests/fuzz -s none -a
seeds() {
    case $1 in
        native) echo "$fixtures/native assets" ;;
        timelinejs) echo "$fixtures/timelinejs" ;;
        timelinejs_csv) echo "$fixtures/timelinejs_csv" ;;
        timeline_xml | timeline_text) echo "$fixtures/thetimelineproj" ;;
        vis_timeline) echo "$fixtures/vis" ;;
        date) echo "tests/fuzz/seeds/date" ;;
        load) echo "$fixtures assets" ;;
        query) echo "tests/fuzz/seeds/query" ;;
        ics) echo "$fixtures/ics" ;;
        table) echo "$fixtures/tables $fixtures/timelinejs_csv" ;;
        binary_tables) echo "$fixtures/parquet $fixtures/tables" ;;
    esac
}
targets=${TARGETS:-"native timelinejs timelinejs_csv timeline_xml timeline_text vis_timeline date load query ics table binary_tables"}
for target in $targets; do
    mkdir -p "tests/fuzz/corpus/$target" "tests/fuzz/artifacts/$target"
    # shellcheck disable=SC2046 # the seed folders are meant to split
    nice -n 19 cargo fuzz run --fuzz-dir tests/fuzz -s none -a "$target" \
        "tests/fuzz/corpus/$target" $(seeds "$target") -- \
        -max_total_time="$seconds" -timeout=10 -max_len=65536 -print_final_stats=1 \
        > "tests/fuzz/artifacts/$target.log" 2>&1 &
done
wait
grep -h -e "stat::number_of_executed_units" -e "Done" -e "SUMMARY" tests/fuzz/artifacts/*.log || true
