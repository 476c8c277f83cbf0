# The two commands of the README do all set-up on a fresh Debian 12 machine:
#   make run    install what is missing, build, run the main job on examples/ into output/
#   make test   install what is missing, build, run every test, then each libFuzzer target
#               for FUZZ_SMOKE_SECONDS (default 5) in the clang `fuzz` preset (build/fuzz)
# Other targets: make bench (speed figures), make asan (tests under ASan+UBSan), make format,
# make fuzz (each fuzz target for FUZZ_SECONDS, default 300; new corpus entries are kept in
# FUZZ_CORPUS_DIR, default build/fuzz/corpus; docs/fuzzing.md).

PRESET ?= release
BUILD_DIR := build/$(PRESET)
BIN := $(BUILD_DIR)/src/incidentmap
JOBS ?= $(shell nproc)
FUZZ_SMOKE_SECONDS ?= 5
FUZZ_SECONDS ?= 300
FUZZ_CORPUS_DIR ?= build/fuzz/corpus

.PHONY: all setup configure build run test asan bench format clean fuzz-build fuzz

all: build

setup:
	@scripts/setup.sh

configure: setup
	@cmake --preset $(PRESET) >/dev/null

build: configure
	@cmake --build --preset $(PRESET) -j $(JOBS)

run: build
	@scripts/run-examples.sh $(BIN) output

test: build fuzz-build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 600
	@scripts/fuzz.sh --seconds $(FUZZ_SMOKE_SECONDS)

# The libFuzzer targets (clang, ASan + UBSan) in their own tree; the release build is unaffected.
fuzz-build: setup
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS)

fuzz: fuzz-build
	@scripts/fuzz.sh --seconds $(FUZZ_SECONDS) --scratch $(FUZZ_CORPUS_DIR)

# The whole ctest suite under ASan + UBSan (the fuzz smoke runs are already sanitized).
asan:
	@$(MAKE) --no-print-directory build PRESET=asan
	@cd build/asan && ctest --output-on-failure -j $(JOBS) --timeout 1800

bench: build
	@scripts/bench.sh $(BUILD_DIR)

format:
	@git ls-files '*.h' '*.cpp' | xargs clang-format -i

clean:
	@rm -rf build
