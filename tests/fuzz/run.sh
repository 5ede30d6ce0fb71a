#!/bin/sh
# Runs the libFuzzer targets: first every input in tests/fuzz/regressions/
# TARGET/ (crashes found before, each must now pass), then SECONDS of
# fuzzing per target from a corpus seeded with the test inputs and
# ../shared/corpus.  A crash, leak, timeout (> 10 s for one input) or
# out-of-memory fails the run; the input is kept under DIR/artifacts/ —
# copy it into tests/fuzz/regressions/TARGET/ and fix the bug.
# Usage: tests/fuzz/run.sh DIR SECONDS   (DIR holds the fuzz_* binaries;
# the pipeline target, ~100 times slower an input, runs 2 x SECONDS)
# Prints "fuzz: TARGET: N execs in S s" lines and "fuzz: N passed, N failed".
DIR=${1:-build/fuzz}
SECS=${2:-15}
CORPUS=${FOLIO_CORPUS:-../shared/corpus}
REG=tests/fuzz/regressions
pass=0; fail=0
mkdir -p "$DIR/artifacts"

# seeds TARGET DEST: copies the seed inputs of TARGET into DEST.
seeds() {
    case $1 in
    css)
        cp styles/*.css "$2"/ 2>/dev/null
        cp tests/fuzz/seeds/css/* "$2"/ 2>/dev/null ;;
    frontmatter|pipeline)
        cp content/report.md tests/data/*.md tests/data/doc/*.md "$2"/ 2>/dev/null
        cp tests/fuzz/seeds/md/* "$2"/ 2>/dev/null
        if [ -d "$CORPUS" ]; then
            for f in "$CORPUS"/reports/*.md "$CORPUS"/pandoc-getting-started.md; do
                [ -f "$f" ] && cp "$f" "$2"/
            done
            # a few rust-book chapters: varied Markdown, not too long
            ls "$CORPUS"/rust-book/*.md 2>/dev/null | head -6 | while read -r f; do cp "$f" "$2"/; done
        else
            echo "fuzz: $CORPUS is absent; seeding from the test inputs only"
        fi ;;
    esac
}

for t in css frontmatter pipeline; do
    bin=$DIR/fuzz_$t
    [ -x "$bin" ] || { echo "FAIL: $bin is missing"; fail=$((fail + 1)); continue; }
    # 1. regressions
    if [ -d "$REG/$t" ] && [ -n "$(ls "$REG/$t")" ]; then
        leaks=1; [ $t = pipeline ] && leaks=0
        if "$bin" -timeout=10 -detect_leaks=$leaks "$REG/$t"/* >"$DIR/regress-$t.log" 2>&1; then
            pass=$((pass + 1))
        else
            fail=$((fail + 1)); echo "FAIL: $t regression inputs:"; tail -30 "$DIR/regress-$t.log"
        fi
    fi
    # 2. fuzzing from the seeds (the working corpus grows across runs)
    work=$DIR/corpus-$t; seed=$DIR/seed-$t
    rm -rf "$seed"; mkdir -p "$work" "$seed"
    seeds $t "$seed"
    # the pipeline is ~100x slower an input: it gets twice the time and
    # shorter inputs (seeds are cut to max_len)
    maxlen=8192; secs=$((SECS * 2)); [ $t = frontmatter ] && maxlen=4096
    [ $t != pipeline ] && secs=$SECS
    # Pango and fontconfig keep per-font caches that fontconfig partly holds
    # as offsets, not pointers, which LeakSanitizer reports as leaks at every
    # check: the pipeline target fuzzes for crashes and memory errors; its
    # leaks are checked by make check-asan (LSan) and check-valgrind, where
    # the fonts are freed at exit.
    leaks=1; [ $t = pipeline ] && leaks=0
    if "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2560 -max_len=$maxlen \
        -detect_leaks=$leaks \
        -print_final_stats=1 -artifact_prefix="$DIR/artifacts/$t-" \
        "$work" "$seed" >"$DIR/fuzz-$t.log" 2>&1; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1)); echo "FAIL: fuzz_$t found a problem:"; grep -A25 'ERROR\|==ERROR\|SUMMARY\|Test unit written' "$DIR/fuzz-$t.log" | head -40
    fi
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$DIR/fuzz-$t.log")
    echo "fuzz: $t: ${execs:-?} execs in $secs s, corpus $(ls "$work" | wc -l) inputs"
done
echo "fuzz: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
