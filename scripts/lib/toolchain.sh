# shellcheck shell=bash
# Where the project's tools live and how wasm32 builds find them. Sourced by scripts/setup,
# scripts/test and scripts/demo; nothing here installs anything.
#
# Two ways to have the wasm32 standard library:
#   rustup  - `rustup target add wasm32-unknown-unknown` was run (an ordinary developer machine);
#   debian  - Debian's rustc-web 1.96 + rust-web-src + lld-22, building std from source
#             (-Z build-std), for machines whose rustup cannot download the target.
# The choice is passed to cargo through the environment only, so the committed .cargo/config.toml
# stays valid for rustup users.

# Pinned tool versions (wasm-bindgen is read from Cargo.lock: it must match the crate exactly).
TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132.0.0
TYPESCRIPT_VERSION=5.9.3
# Tools the project installs itself (binaryen from npm) go here, outside the repository, so a fresh
# clone on the same machine reuses them.
TOOLS_DIR=${ADVANCE_LIVENESS_TOOLS:-${XDG_DATA_HOME:-$HOME/.local/share}/advance-liveness}
DEBIAN_WASM_PACKAGES=(rustc-web cargo-web rust-web-src rust-web-clippy lld-22)
DEBIAN_WASM_LINKER=/usr/lib/llvm-22/bin/wasm-ld

export PATH="$TOOLS_DIR/binaryen/node_modules/.bin:$TOOLS_DIR/typescript/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}

# The wasm-bindgen version pinned in Cargo.lock.
wasm_bindgen_locked_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock
}

# Succeeds if the rustup toolchain has the wasm32 standard library installed.
rustup_has_wasm32() {
  local sysroot
  sysroot=$(rustc --print sysroot 2>/dev/null) || return 1
  [[ -d "$sysroot/lib/rustlib/wasm32-unknown-unknown/lib" ]]
}

# Succeeds if Debian's web toolchain (rustc 1.96 with std sources and wasm-ld) is present.
debian_wasm_present() {
  [[ -x /usr/bin/rustc && -x /usr/bin/cargo && -d /usr/lib/rustlib/src/rust/library \
    && -x "$DEBIAN_WASM_LINKER" && -x /usr/bin/clippy-driver ]]
}

# Exports what cargo needs to build for wasm32 in this shell (call before any wasm32 cargo command).
wasm_env() {
  if rustup_has_wasm32; then
    return 0
  fi
  if debian_wasm_present; then
    export PATH="/usr/bin:$PATH"
    export RUSTC_BOOTSTRAP=1
    export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
    export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=$DEBIAN_WASM_LINKER
    # Keep the two toolchains' artefacts apart so neither invalidates the other's cache.
    export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target/wasm-debian}
    return 0
  fi
  echo "no wasm32 standard library: run scripts/setup (or 'rustup target add wasm32-unknown-unknown')" >&2
  return 1
}

# Builds the demo page into dist/ with trunk (release, wasm-opt -Oz), with .br / .gz siblings.
build_demo() {
  (wasm_env && TRUNK_SKIP_VERSION_CHECK=true trunk build --release --cargo-profile wasm-release --offline --dist dist) \
    && precompress dist
}

# Writes FILE.br (brotli 11) and FILE.gz (gzip -9) next to each .wasm, .js, .css, .json, .html and
# .svg file under DIR, subfolders included, where smaller: what the session server's --static-dir,
# nginx's gzip_static / brotli_static or a CDN send to clients that accept them (README,
# "Compression and caching"). Node's zlib, no packages.
precompress() {
  node scripts/minify/precompress.mjs "$1"
}

# Prints raw and gzip sizes of the built files under $1 (default dist/).
print_sizes() {
  local dir=${1:-dist} file raw gz total_raw=0 total_gz=0
  printf '    %-44s %10s %10s\n' "file" "raw" "gzip -9"
  for file in "$dir"/*.wasm "$dir"/*.js "$dir"/*.css; do
    [[ -f "$file" ]] || continue
    raw=$(stat -c %s "$file")
    gz=$(gzip -9c "$file" | wc -c)
    total_raw=$((total_raw + raw))
    total_gz=$((total_gz + gz))
    printf '    %-44s %10d %10d\n' "$(basename "$file")" "$raw" "$gz"
  done
  printf '    %-44s %10d %10d\n' "total" "$total_raw" "$total_gz"
}

# Builds the JS bundle (custom element + mount(), ES module, wasm next to it, types, CSS) into
# dist/bundle/, and copies the plain-HTML example to dist/examples/plain-html/.
# Run after build_demo: trunk replaces dist/ as a whole.
build_bundle() {
  local out=dist/bundle
  (
    wasm_env
    if [[ -n "${CARGO_UNSTABLE_BUILD_STD:-}" ]]; then
      # std is built from source here, so it can be built for size too: panics abort without
      # formatting a message or a location, `Debug` impls are empty (nothing user-facing uses
      # them), and std's own size-over-speed choices. About 12 KB less gzip. Its own target
      # directory, so these flags never invalidate the test builds' cache.
      export RUSTFLAGS="-Zfmt-debug=none -Zlocation-detail=none -Zunstable-options -Cpanic=immediate-abort"
      export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
      export CARGO_TARGET_DIR=target/wasm-bundle
    fi
    # Without the default `leptos` feature: the bundle mounts the framework-free widget.
    cargo build --profile wasm-release --locked --target wasm32-unknown-unknown --lib --no-default-features \
      --features element -p advance-liveness
    local wasm="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm-release/advance_liveness.wasm"
    rm -rf "$out"
    mkdir -p "$out"
    wasm-bindgen --target web --out-dir "$out" --out-name advance_liveness "$wasm"
  )
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    --enable-reference-types --enable-multivalue "$out/advance_liveness_bg.wasm" -o "$out/advance_liveness_bg.wasm"
  cp bundle/advance-liveness.js bundle/index.d.ts bundle/react.d.ts bundle/package.json "$out/"
  # Every end user downloads these two: minified (oxc-minify), 2.8 KB less gzip. The readable
  # sources are bundle/advance-liveness.js and wasm-bindgen's output; the types are unchanged.
  node scripts/minify/minify.mjs "$out/advance-liveness.js" "$out/advance_liveness.js" || return 1
  cp style/advance-liveness.css "$out/"
  # The locale packs, fetched only when their language is chosen.
  cp -r locales "$out/locales"
  mkdir -p dist/examples/plain-html
  cp examples/plain-html/index.html dist/examples/plain-html/
  precompress "$out"
}

# Project folders with their own npm packages (pinned in a committed package-lock.json), which
# scripts/setup installs with `npm ci`: the React example, the Node import check's jsdom, and the
# bundle's minifier.
NPM_PROJECTS=(examples/react-vite tests/node-import scripts/minify)

# Succeeds if DIR's node_modules was installed from its current package-lock.json.
npm_project_installed() {
  cmp -s "$1/package-lock.json" "$1/node_modules/.installed-lock.json"
}

# Packs dist/bundle as `npm publish` would, installs the tarball into a fresh project, and imports
# it under Node: plain, in a worker and under jsdom (tests/node-import/import-check.mjs). Fails on
# an error or on any network request.
check_node_import() {
  local work status
  work=$(mktemp -d)
  printf '{ "name": "consumer", "private": true, "type": "module" }\n' >"$work/package.json"
  npm pack --silent --pack-destination "$work" ./dist/bundle >/dev/null \
    && (cd "$work" && npm install --silent --offline --no-audit --no-fund ./*.tgz) \
    && node tests/node-import/import-check.mjs "$work"
  status=$?
  rm -rf "$work"
  return $status
}

# Type-checks (tsc --strict) and builds the React 19 + Vite example against dist/bundle (a link in
# its node_modules) into dist/examples/react-vite/. Run after build_bundle.
build_react_example() {
  (cd examples/react-vite && npm run --silent build -- --logLevel warn)
}

# Type-checks the bundle's declarations against a typed usage file with tsc.
check_types() {
  tsc --noEmit --strict --target es2022 --module es2022 --moduleResolution bundler --lib es2022,dom bundle/usage-check.ts
}

# Builds examples/leptos-ssr both ways: its browser half (wasm32, `hydrate`) through wasm-bindgen
# into dist/leptos-ssr/pkg/ (the names leptos' HydrationScripts loads), and its server binary
# (native, `ssr`). A debug build: it is an example and a test subject, never shipped.
build_leptos_ssr_example() {
  local out=dist/leptos-ssr/pkg
  (
    wasm_env
    cargo build --locked --target wasm32-unknown-unknown --lib -p leptos-ssr-example --features hydrate
    rm -rf "$out"
    mkdir -p "$out"
    wasm-bindgen --target web --out-dir "$out" --out-name leptos_ssr_example \
      "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/debug/leptos_ssr_example.wasm"
  ) && cargo build --locked -p leptos-ssr-example --features ssr --bin leptos-ssr-example
}
