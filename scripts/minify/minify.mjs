// Minifies JavaScript files in place with oxc-minify (ES modules; exports, imports and
// `import.meta.url` are kept). Fails, changing nothing, if any file does not parse.
// Usage: node scripts/minify/minify.mjs FILE...
import { readFileSync, writeFileSync } from "node:fs";
import { minifySync } from "oxc-minify";

const results = process.argv.slice(2).map((file) => {
  const code = readFileSync(file, "utf8");
  const minified = minifySync(file, code, { module: true, compress: true, mangle: true });
  if (minified.errors.length > 0) {
    console.error(`minify: ${file}:`, minified.errors.map((e) => e.message ?? e).join("\n"));
    process.exit(1);
  }
  return [file, minified.code];
});
for (const [file, code] of results) writeFileSync(file, code);
