# simreg — see README.md. `make run` and `make test` work on a fresh Debian 12 machine.
.PHONY: run test build release web deps bench clean

DATA_DIR ?= var
LISTEN ?= 127.0.0.1:8080

deps:
	@scripts/install-deps.sh

build: deps
	@cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -USIMREG_MODULES >/dev/null
	@cmake --build build

release: deps
	@cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DSIMREG_BUILD_TESTS=OFF -USIMREG_MODULES >/dev/null
	@cmake --build build-release

web: deps
	@cd web && npm run --silent build

run: release web
	@mkdir -p $(DATA_DIR)
	@build-release/simreg demo --data-dir $(DATA_DIR)
	@echo
	@echo "Open http://$(LISTEN)/  (staff: http://$(LISTEN)/staff/login, demo outbox: http://$(LISTEN)/demo/outbox)"
	@exec build-release/simreg serve --demo --data-dir $(DATA_DIR) --listen $(LISTEN) --web-root web/dist

test:
	@scripts/test.sh

bench: release
	@BENCH_BUILD_DIR=$(CURDIR)/build-release bench/all.sh

clean:
	rm -rf build build-release test-results web/dist
