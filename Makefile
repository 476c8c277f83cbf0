# The two commands of the README do all set-up on a fresh Debian 12 machine:
#   make run    install what is missing, build, run the main job on examples/ into output/
#   make test   install what is missing, build, run every test
# Other targets: make bench (speed figures), make asan (tests under ASan+UBSan), make format.

PRESET ?= release
BUILD_DIR := build/$(PRESET)
BIN := $(BUILD_DIR)/src/incidentmap
JOBS ?= $(shell nproc)

.PHONY: all setup configure build run test asan bench format clean

all: build

setup:
	@scripts/setup.sh

configure: setup
	@cmake --preset $(PRESET) >/dev/null

build: configure
	@cmake --build --preset $(PRESET) -j $(JOBS)

run: build
	@scripts/run-examples.sh $(BIN) output

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 600

asan:
	@$(MAKE) --no-print-directory test PRESET=asan

bench: build
	@scripts/bench.sh $(BUILD_DIR)

format:
	@git ls-files '*.h' '*.cpp' | xargs clang-format -i

clean:
	@rm -rf build
