// Generates the typed client (src/gen/) from ../proto with the system protoc and
// @bufbuild/protoc-gen-es. Run as `npm run gen`; `npm run build` runs it first.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const protoDir = resolve(root, "..", "proto");
const out = join(root, "src", "gen");
const protoc = process.env.PROTOC || "protoc";
const plugin = join(root, "node_modules", ".bin", "protoc-gen-es");
if (!existsSync(plugin)) {
  console.error("gen: " + plugin + " is missing; run `npm ci` first");
  process.exit(1);
}
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const files = [
  "coigraph/v1/finding.proto",
  "coigraph/v1/case.proto",
  "coigraph/v1/coigraph.proto",
  "google/rpc/error_details.proto",
];
execFileSync(
  protoc,
  [
    "--plugin=protoc-gen-es=" + plugin,
    "--es_out=" + out,
    "--es_opt=target=ts",
    "-I",
    protoDir,
    ...files,
  ],
  { stdio: "inherit" },
);
console.log("gen: wrote " + out);
