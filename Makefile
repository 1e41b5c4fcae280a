# The two commands of the README. Both install what is missing first (scripts/setup).
.PHONY: demo test setup bundle bench example-ssr

demo: setup
	@scripts/demo

test: setup
	@scripts/test

setup:
	@scripts/setup

# The JS bundle (custom element + mount(), types, CSS) into dist/bundle/; also part of make test.
bundle: setup
	@bash -c 'source scripts/lib/toolchain.sh && build_demo && build_bundle && print_sizes dist/bundle && check_types'

# Benchmarks against baselines, printed as a table (see BENCHMARKS.md); not part of make test.
bench: setup
	@scripts/bench

# The server-rendered Leptos example (examples/leptos-ssr), built both ways and served on
# http://127.0.0.1:3000/ with the simulator.
example-ssr: setup
	@bash -c 'source scripts/lib/toolchain.sh && build_leptos_ssr_example && exec target/debug/leptos-ssr-example'
