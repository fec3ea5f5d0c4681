# Entry points. CI calls the same targets (.ci/run).
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all deps build test sanitize run format format-check tidy clean

all: build

# Debian packages the build and the tests need (run as root on a fresh Debian 12).
deps:
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	  g++ cmake make pkg-config git ca-certificates \
	  libsqlite3-dev zlib1g-dev libssl-dev libfmt-dev libcli11-dev nlohmann-json3-dev \
	  libgtest-dev iso-codes clang-format clang-tidy sqlite3

build:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLINKAGE_WARNINGS_AS_ERRORS=ON $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j $(JOBS)

# The main job on the embedded data: audit the source study.
run: build
	$(BUILD)/src/linkage reproduce --workspace $(BUILD)/linkage.db

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

sanitize:
	$(MAKE) test BUILD=build-asan CMAKE_FLAGS="-DLINKAGE_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug"

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

format-check:
	clang-format --dry-run --Werror $$(git ls-files '*.cpp' '*.hpp')

tidy: build
	clang-tidy -p $(BUILD) --quiet $$(git ls-files 'src/*.cpp')

clean:
	rm -rf build build-asan
