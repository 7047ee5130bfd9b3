# Facecast — the two commands: `make demo` and `make test`. Both install what is missing first.
export PATH := /opt/swift/usr/bin:$(PATH)
SWIFT ?= swift
DEMO_PHOTO := .cache/fixtures/astronaut.png
DEMO_TEXT := Hello! I am Eileen Collins, the first woman to command a space shuttle. This video was made from one still photo, on an ordinary computer, without any cloud service. Pretty amazing, isn't it?

.PHONY: all bootstrap build demo test golden bench qa align-accuracy audio-qa clean

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

# Re-records the renderer's golden frames (Tests/FacecastCoreTests/Golden/) from the current code, then compares
# against them. The recording run reports every frame as an issue on purpose (so it can never pass by accident);
# the second run must pass. Review the changed images before committing them.
golden: bootstrap
	$(SWIFT) build --build-tests
	-FACECAST_RECORD_GOLDEN=1 $(SWIFT) test --skip-build --filter GoldenRenderTests
	$(SWIFT) test --skip-build --filter GoldenRenderTests
	@git status --short -- Tests/FacecastCoreTests/Golden

bench: build
	@mkdir -p bench
	bash scripts/bench.sh

# Renders every real test portrait with --report; summary in out/qa/summary.md.
qa: build
	bash scripts/qa-all.sh

# Alignment accuracy on real recordings with human phone/word labels (scripts/alignment-corpus.tsv).
align-accuracy: build
	.build/release/facecast align --corpus scripts/alignment-corpus.tsv --fixtures .cache/fixtures/audio

# Lip-sync to real recordings, with and without transcripts, each measured by qa; summary in out/audio-qa/summary.md.
audio-qa: build
	bash scripts/audio-qa.sh

clean:
	rm -rf .build out
