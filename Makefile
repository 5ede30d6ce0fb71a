# folio — see README.md.  `make report` builds build/report.pdf; `make check`
# runs every test.  Both install missing Debian packages first (as root).

CC      ?= cc
PKGS    := pangocairo pangoft2 harfbuzz harfbuzz-subset fontconfig freetype2 \
           cairo libcmark-gfm yaml-0.1 libpng libjpeg
# Debian packages the build, the fonts and the tests need.
DEBS    := build-essential pkg-config libpango1.0-dev libcairo2-dev \
           libharfbuzz-dev libfontconfig-dev libfreetype-dev \
           libcmark-gfm-dev libcmark-gfm-extensions-dev libhpdf-dev \
           libyaml-dev libcmocka-dev zlib1g-dev libpng-dev libjpeg-dev \
           fonts-noto-core fonts-dejavu-core fonts-dejavu-extra \
           libhyphen-dev hyphen-en-us hyphen-de hyphen-fr \
           poppler-utils qpdf python3 icc-profiles-free time clang valgrind

WARN    := -Wall -Wextra -Werror -Wno-unused-parameter
CFLAGS  ?= -O2 -g
override CFLAGS += -std=c11 -D_GNU_SOURCE $(WARN)
BUILD   ?= build
VERSION := 0.1.0

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcmark-gfm-extensions -lhpdf -lhyphen -lz -lm

SRC      := $(wildcard src/*/*.c)
OBJ      := $(SRC:src/%.c=$(BUILD)/obj/%.o)
MAIN_OBJ := $(BUILD)/obj/main.o
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps fonts report check unit e2e clean check-asan style-previews bench \
        parity refs update-refs previews robust fuzz fuzz-smoke fuzz-build fuzz-bins \
        check-valgrind bench-typography
ASAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
.DEFAULT_GOAL := all

all: deps fonts $(BUILD)/folio

# Installs missing Debian packages.  As root it runs apt-get; otherwise it
# prints the exact command and stops.
deps: $(BUILD)/.deps-ok
$(BUILD)/.deps-ok: Makefile
	@missing=""; for p in $(DEBS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "make: installing Debian packages:$$missing"; \
	    (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing || exit 1; \
	  else \
	    echo "make: error: missing Debian packages; run as root:"; \
	    echo "  apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi
	@mkdir -p $(BUILD) && touch $@

fonts: deps
	@sh fonts/install.sh

$(BUILD)/obj/%.o: src/%.c $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -DFO_VERSION='"$(VERSION)"' -MMD -MP -c $< -o $@

$(BUILD)/folio: $(OBJ) $(MAIN_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/libfolio.a: $(OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libfolio.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -Isrc -o $@ $< $(BUILD)/libfolio.a $(PKG_LIBS) -lcmocka

report: all
	$(BUILD)/folio content/report.md -o $(BUILD)/report.pdf --style styles/default.css
	@echo "wrote $(BUILD)/report.pdf"

# Page 1 of content/style-sample.md in each house style, as the PNGs the
# README shows (docs/style-NAME.png).
STYLES := default corporate technical
style-previews: all
	@for s in $(STYLES); do \
	  $(BUILD)/folio -q --strict -s styles/$$s.css content/style-sample.md -o $(BUILD)/style-$$s.pdf || exit 1; \
	  pdftoppm -r 50 -png -f 1 -l 1 -singlefile $(BUILD)/style-$$s.pdf docs/style-$$s || exit 1; \
	  echo "wrote docs/style-$$s.png"; \
	done

unit: deps $(UNIT_BIN)
	@sh tests/run-unit.sh $(UNIT_BIN)

$(BUILD)/tests/mdwords: tests/tools/mdwords.c $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< -lcmark-gfm-extensions -lcmark-gfm

$(BUILD)/tests/mkjpeg: tests/tools/mkjpeg.c $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< -ljpeg

$(BUILD)/tests/specpdf: tests/tools/specpdf.c $(BUILD)/libfolio.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) $(LDFLAGS) -Isrc -o $@ $< $(BUILD)/libfolio.a $(PKG_LIBS)

e2e: all $(BUILD)/tests/mdwords $(BUILD)/tests/mkjpeg $(BUILD)/tests/specpdf
	@sh tests/pdf/run.sh $(BUILD)/folio
	@sh tests/pdf/pagekind.sh $(BUILD)/folio
	@sh tests/pdf/sides.sh $(BUILD)/folio
	@sh tests/pdf/output.sh $(BUILD)/folio
	@sh tests/pdf/links.sh $(BUILD)/folio
	@sh tests/pdf/stdout.sh $(BUILD)/folio
	@sh tests/png/cli.sh $(BUILD)/folio

# Image tests (tests/png, tests/ref): imgdiff compares two PNG pages.
$(BUILD)/tests/imgdiff: tests/tools/imgdiff.c $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(shell pkg-config --cflags cairo) -o $@ $< $(shell pkg-config --libs cairo) -lm

# PDF (poppler) and PNG (cairo) of every page agree.
parity: all $(BUILD)/tests/imgdiff
	@sh tests/png/parity.sh $(BUILD)/folio

# Pages of tests/ref/docs match the reference images in tests/ref/.
refs: all $(BUILD)/tests/imgdiff
	@sh tests/ref/run.sh $(BUILD)/folio

# After a deliberate layout change: rewrites tests/ref/ and lists what changed.
update-refs: all $(BUILD)/tests/imgdiff
	@sh tests/ref/run.sh --update $(BUILD)/folio

# Page 1 of the report in every house style, for the README (docs/previews/).
previews: all
	@sh scripts/previews.sh $(BUILD)/folio

# Bad input, full disk, kill -9 (tests/pdf/robust.sh; docs/reliability.md).
robust: all $(BUILD)/tests/mkjpeg
	@sh tests/pdf/robust.sh $(BUILD)/folio

check: all
	@$(MAKE) --no-print-directory unit
	@$(MAKE) --no-print-directory e2e
	@$(MAKE) --no-print-directory parity
	@$(MAKE) --no-print-directory refs
	@$(MAKE) --no-print-directory robust
	@$(MAKE) --no-print-directory check-valgrind
	@$(MAKE) --no-print-directory check-asan
	@$(MAKE) --no-print-directory fuzz-smoke
	@echo "suites: unit, e2e, parity, refs, robust, valgrind, asan, fuzz-smoke"
	@echo "check: 8 passed, 0 failed"

# The same tests with AddressSanitizer + UndefinedBehaviorSanitizer (leaks
# included; tests/lsan.supp lists the libraries' own start-up allocations).
# Line-breaking quality, first-fit against total-fit, over the corpus
# (docs/typography.md).
bench-typography: all
	@sh tests/tools/bench-typography.sh $(BUILD)/folio ../shared/corpus

check-asan: deps fonts
	@ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0:malloc_context_size=40 \
	 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ROBUST_SCALE=10 \
	 $(MAKE) --no-print-directory BUILD=build/asan CFLAGS="$(ASAN_FLAGS)" \
	   LDFLAGS="-fsanitize=address,undefined" build/asan/folio unit e2e refs robust

# Valgrind memcheck on the seed report: no leak (definite, indirect or
# possible) and no memory error; tests/valgrind.supp lists the libraries'
# own start-up allocations.
VALGRIND := valgrind --tool=memcheck --leak-check=full --errors-for-leak-kinds=definite,indirect,possible \
            --show-leak-kinds=definite,indirect,possible --error-exitcode=99 --num-callers=40 \
            --suppressions=$(CURDIR)/tests/valgrind.supp
check-valgrind: all
	@mkdir -p $(BUILD)/test-output
	@if $(VALGRIND) --log-file=$(BUILD)/test-output/valgrind.log \
	    $(BUILD)/folio -q content/report.md -o $(BUILD)/test-output/valgrind.pdf; then \
	  echo "valgrind: $$(grep -o 'ERROR SUMMARY: [0-9]* errors' $(BUILD)/test-output/valgrind.log), no leaks"; \
	else echo "FAIL: valgrind (see $(BUILD)/test-output/valgrind.log):"; \
	  grep -A12 'lost in loss\|Invalid\|uninitialised' $(BUILD)/test-output/valgrind.log | head -60; exit 1; fi

# libFuzzer targets (tests/fuzz/, clang): the library is rebuilt with
# coverage + ASan + UBSan in build/fuzz.  fuzz-smoke runs each target for
# FUZZ_SMOKE_SECONDS (CI, part of make check) after replaying
# tests/fuzz/regressions/; fuzz runs each for FUZZ_SECONDS.
FUZZ_FLAGS := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
              -fno-sanitize-recover=all
FUZZ_TARGETS := css frontmatter pipeline
FUZZ_SMOKE_SECONDS ?= 15
FUZZ_SECONDS ?= 600
FUZZ_ENV := ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0 \
            LSAN_OPTIONS=suppressions=$(CURDIR)/tests/fuzz/lsan.supp:print_suppressions=0 \
            UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

fuzz-build: deps fonts
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang CFLAGS="$(FUZZ_FLAGS)" fuzz-bins

fuzz-bins: $(FUZZ_TARGETS:%=$(BUILD)/fuzz_%)

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(BUILD)/libfolio.a
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -fsanitize=fuzzer -Isrc -o $@ $< $(BUILD)/libfolio.a $(PKG_LIBS)

fuzz-smoke: fuzz-build
	@$(FUZZ_ENV) sh tests/fuzz/run.sh build/fuzz $(FUZZ_SMOKE_SECONDS)

fuzz: fuzz-build
	@$(FUZZ_ENV) sh tests/fuzz/run.sh build/fuzz $(FUZZ_SECONDS)

# The shaping floor (bench/floor.c) and the benchmark table; see
# docs/performance.md.  BENCH_ARGS passes options, e.g. --runs 3 --sizes 200.
$(BUILD)/floor: bench/floor.c $(BUILD)/libfolio.a
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -o $@ $< $(BUILD)/libfolio.a $(PKG_LIBS)

bench: all $(BUILD)/floor
	python3 bench/bench.py $(BENCH_ARGS)

clean:
	rm -rf $(BUILD)

-include $(OBJ:.o=.d) $(MAIN_OBJ:.o=.d)
