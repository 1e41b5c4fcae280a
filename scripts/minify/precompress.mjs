// Writes FILE.br (brotli, quality 11) and FILE.gz (gzip -9) next to each .wasm, .js, .css, .json,
// .html and .svg file under each DIR, subfolders included, for servers that send the sibling a
// client accepts: the session server's --static-dir, nginx's gzip_static / brotli_static, a CDN.
// A sibling that is not smaller than its file is not written (an older one is removed), so the
// file itself is sent. Each sibling gets its file's modification time: Last-Modified is then the
// same in every encoding. Node's own zlib; no packages.
// Usage: node scripts/minify/precompress.mjs DIR...
import { readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const EXTENSIONS = new Set([".wasm", ".js", ".css", ".json", ".html", ".svg"]);

function* filesUnder(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile() && EXTENSIONS.has(extname(entry.name))) yield path;
  }
}

function brotli(bytes, text) {
  return brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      [constants.BROTLI_PARAM_MODE]: text ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC,
    },
  });
}

for (const dir of process.argv.slice(2)) {
  // Listed first: the siblings written below are not walked again.
  for (const file of [...filesUnder(dir)]) {
    const bytes = readFileSync(file);
    const { atime, mtime } = statSync(file);
    const text = extname(file) !== ".wasm";
    for (const [suffix, compressed] of [
      [".br", brotli(bytes, text)],
      [".gz", gzipSync(bytes, { level: 9 })],
    ]) {
      const sibling = file + suffix;
      if (compressed.length < bytes.length) {
        writeFileSync(sibling, compressed);
        utimesSync(sibling, atime, mtime);
      } else {
        rmSync(sibling, { force: true });
      }
    }
  }
}
