# Entry points. CI calls the same targets (.ci/run).
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all deps build test sanitize run serve format format-check tidy check install-check fault fuzz clean

all: build

# Debian packages the build and the tests need (run as root on a fresh Debian 12).
deps:
	bash scripts/install-deps.sh

build:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLINKAGE_WARNINGS_AS_ERRORS=ON $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j $(JOBS)

# The main job on the embedded data: the report of China, Kazakhstan and Central Asia (with the audit of the
# source study) in $(BUILD)/report/report.html, printed to report.pdf beside it.
run: build
	$(BUILD)/src/linkage report --dyad CHN,KAZ --years 1992-2020 --region central-asia \
	  --powers RUS,USA,TUR,IRN --claims data/claims/source-study.csv --workspace $(BUILD)/linkage.db \
	  --out $(BUILD)/report --pdf

# The dashboard on the same case: open the link it prints (Ctrl-C stops it).
serve: build
	$(BUILD)/src/linkage serve --workspace $(BUILD)/linkage.db --dyad CHN,KAZ --region central-asia \
	  --powers RUS,USA,TUR,IRN --years 1992-2020

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# A lean build: -O1 with line tables only (what ASan's reports need) compiles in a fraction of the time of
# RelWithDebInfo's full debug information.
sanitize:
	$(MAKE) test BUILD=build-asan CMAKE_FLAGS="-DLINKAGE_SANITIZE=ON -DLINKAGE_BROWSER_TESTS=OFF -DCMAKE_BUILD_TYPE= -DCMAKE_CXX_FLAGS='-O1 -g1'"

# The fault-injection target alone (ctest label "fault"; `make test` runs it too).
fault: build
	cd $(BUILD) && ctest --output-on-failure -L fault

# The libFuzzer targets (fuzz/) built with Debian's clang under ASan and UBSan, each run for FUZZ_SECONDS on
# seeds from tests/data; a crash fails. A longer run: make fuzz FUZZ_SECONDS=600.
FUZZ_SECONDS ?= 3
fuzz:
	cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE= -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only" \
	  -DLINKAGE_FUZZ=ON -DLINKAGE_BUILD_TESTS=OFF -DLINKAGE_BROWSER_TESTS=OFF
	cmake --build build-fuzz -j $(JOBS)
	bash scripts/run-fuzzers.sh build-fuzz $(FUZZ_SECONDS)

# Installs into a temporary prefix, builds the Debian package and installs it, removes the build tree, then
# runs `make run`'s report with each installed tool from outside the source tree (CI's install test).
INSTALL_CHECK_DIR ?= /tmp/linkage-install-check
install-check: build
	rm -rf $(INSTALL_CHECK_DIR) && mkdir -p $(INSTALL_CHECK_DIR)/work
	cmake --install $(BUILD) --prefix $(INSTALL_CHECK_DIR)/prefix
	cd $(BUILD) && cpack -G DEB -B $(INSTALL_CHECK_DIR)/package
	rm -rf $(BUILD)
	cd $(INSTALL_CHECK_DIR)/work && $(INSTALL_CHECK_DIR)/prefix/bin/linkage report --dyad CHN,KAZ --years 1992-2020 \
	  --region central-asia --powers RUS,USA,TUR,IRN --draws 50 \
	  --claims $(INSTALL_CHECK_DIR)/prefix/share/linkage/data/claims/source-study.csv \
	  --workspace prefix.db --out report-prefix
	test -s $(INSTALL_CHECK_DIR)/work/report-prefix/report.html
	grep -q "^\.TH LINKAGE" $(INSTALL_CHECK_DIR)/prefix/share/man/man1/linkage.1
	apt-get install -y -qq $(INSTALL_CHECK_DIR)/package/linkage_*.deb
	cd $(INSTALL_CHECK_DIR)/work && /usr/bin/linkage init --workspace deb.db && \
	  /usr/bin/linkage index --dyad CHN,KAZ --years 2010-2012 --workspace deb.db >/dev/null
	dpkg -r linkage

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

format-check:
	clang-format --dry-run --Werror $$(git ls-files '*.cpp' '*.hpp')

# One clang-tidy per core: the whole tree takes half an hour on one.
tidy: build
	git ls-files 'src/*.cpp' | xargs -P $(JOBS) -n 4 clang-tidy -p $(BUILD) --quiet 2>$(BUILD)/clang-tidy.log

# Everything CI checks beyond the tests: formatting, clang-tidy, the tests under ASan and UBSan, and a bounded
# fuzzing run.
check: format-check tidy sanitize fuzz

clean:
	rm -rf build build-asan build-fuzz
