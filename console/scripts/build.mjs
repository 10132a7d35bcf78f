// Bundles src/main.ts into dist/app.js and src/app.css into dist/app.css, copies
// static/index.html. No source maps, no inline code: the server's CSP is default-src 'self'.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

await build({
  entryPoints: [join(root, "src", "main.ts")],
  outfile: join(dist, "app.js"),
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  platform: "browser",
  legalComments: "none",
  logLevel: "warning",
});
await build({
  entryPoints: [join(root, "src", "app.css")],
  outfile: join(dist, "app.css"),
  bundle: true,
  minify: true,
  logLevel: "warning",
});
copyFileSync(join(root, "static", "index.html"), join(dist, "index.html"));
console.log("build: wrote " + dist);
