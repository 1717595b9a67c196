// The corpus scorer's bridge to the npm peers: node bench/corpus_peers.mjs joblint|alex FILE...
// Prints {"FILE": [finding, ...], ...} as JSON. joblint gives character offsets; alex gives
// 1-based line/column ranges. Packages are looked up in bench/node_modules (make corpus installs them).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const [tool, ...files] = process.argv.slice(2);
const out = {};

if (tool === "joblint") {
  const require = createRequire(join(modules, "noop.js"));
  const joblint = require(join(modules, "joblint"));
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    out[file] = joblint(text).issues.map((i) => ({
      rule: i.name,
      increment: i.increment,
      quote: i.occurance,
      offset: i.position,
    }));
  }
} else if (tool === "alex") {
  const alex = await import(pathToFileURL(join(modules, "alex", "index.js")).href);
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const messages = alex.markdown(text).messages;
    out[file] = messages.map((m) => ({
      rule: `${m.source}:${m.ruleId}`,
      source: m.source,
      quote: m.actual ?? null,
      start: m.place?.start ?? m.position?.start ?? null,
      end: m.place?.end ?? m.position?.end ?? null,
      message: m.reason,
    }));
  }
} else {
  console.error("usage: node bench/corpus_peers.mjs joblint|alex FILE...");
  process.exit(2);
}
process.stdout.write(JSON.stringify(out));
