# The two commands of the README, plus a few conveniences. Each target that runs code
# first runs scripts/setup.sh, which installs what is missing and is quick when nothing is.
LESSON ?= 03-mode-collapse
SWIFT_TEST_FLAGS ?=

.PHONY: setup test lesson course bench build

setup:
	bash scripts/setup.sh

# Tests build in release: numeric code is 300-1000x slower in debug builds.
test: setup
	swift test -c release $(SWIFT_TEST_FLAGS)

lesson: setup
	swift run -c release minimax lesson $(LESSON)

course: setup
	swift run -c release minimax course

bench: setup
	swift run -c release minimax bench all

build:
	swift build -c release
