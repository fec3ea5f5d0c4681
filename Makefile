# Entry points. CI calls the same targets (.ci/run).
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all deps build test sanitize run serve format format-check tidy check clean

all: build

# Debian packages the build and the tests need (run as root on a fresh Debian 12).
deps:
	bash scripts/install-deps.sh

build:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLINKAGE_WARNINGS_AS_ERRORS=ON $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j $(JOBS)

# The main job on the embedded data: the report of China, Kazakhstan and Central Asia (with the audit of the
# source study) in $(BUILD)/report/report.html.
run: build
	$(BUILD)/src/linkage report --dyad CHN,KAZ --years 1992-2020 --region central-asia \
	  --powers RUS,USA,TUR,IRN --claims data/claims/source-study.csv --workspace $(BUILD)/linkage.db \
	  --out $(BUILD)/report

# The dashboard on the same case: open the link it prints (Ctrl-C stops it).
serve: build
	$(BUILD)/src/linkage serve --workspace $(BUILD)/linkage.db --dyad CHN,KAZ --region central-asia \
	  --powers RUS,USA,TUR,IRN --years 1992-2020

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

sanitize:
	$(MAKE) test BUILD=build-asan CMAKE_FLAGS="-DLINKAGE_SANITIZE=ON -DLINKAGE_BROWSER_TESTS=OFF"

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

format-check:
	clang-format --dry-run --Werror $$(git ls-files '*.cpp' '*.hpp')

# One clang-tidy per core: the whole tree takes half an hour on one.
tidy: build
	git ls-files 'src/*.cpp' | xargs -P $(JOBS) -n 4 clang-tidy -p $(BUILD) --quiet 2>$(BUILD)/clang-tidy.log

# Everything CI checks beyond the tests: formatting, clang-tidy, and the tests under ASan and UBSan.
check: format-check tidy sanitize

clean:
	rm -rf build build-asan
