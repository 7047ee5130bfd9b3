# Facecast — the two commands: `make demo` and `make test`. Both install what is missing first.
export PATH := /opt/swift/usr/bin:$(PATH)
SWIFT ?= swift
DEMO_PHOTO := .cache/fixtures/astronaut.png
DEMO_TEXT := Hello! I am Eileen Collins, the first woman to command a space shuttle. This video was made from one still photo, on an ordinary computer, without any cloud service. Pretty amazing, isn't it?

.PHONY: all bootstrap build demo test bench qa clean

all: build

bootstrap:
	@bash scripts/bootstrap.sh

build: bootstrap
	$(SWIFT) build -c release --product facecast

demo: build
	@mkdir -p out
	.build/release/facecast render $(DEMO_PHOTO) --text "$(DEMO_TEXT)" --timeline out/demo.timeline.json -o out/demo.mp4 --report
	@echo "Demo video: out/demo.mp4 (quality report: out/demo.qa.json, chart: out/demo.qa.png, contact sheet: out/demo.sheet.png)"

test: bootstrap
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: build
	@mkdir -p bench
	bash scripts/bench.sh

# Renders every real test portrait with --report; summary in out/qa/summary.md.
qa: build
	bash scripts/qa-all.sh

clean:
	rm -rf .build out
