# The two commands of the README. Both install what is missing first (scripts/setup).
.PHONY: demo test setup

demo: setup
	@scripts/demo

test: setup
	@scripts/test

setup:
	@scripts/setup
