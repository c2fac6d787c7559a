// The Node package answers to code written for the browser package: every
// function its TypeScript declarations name is there, and `ready` (which
// the browser package needs) is resolved.
//
//   bash scripts/build-wasm && node --test wasm/tests/node/
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "../../..");
const pkg = path.join(root, "wasm/pkg-node");
const api = require(pkg);

test("ready resolves, and checks answer after it as in the browser", async () => {
  assert.equal(await api.ready, undefined);
  assert.equal(api.checkUscc("91440300MA5FUTN418").valid, true);
});

test("every function the declarations name is exported", () => {
  const declared = [fs.readFileSync(path.join(pkg, "api.d.ts"), "utf8"), fs.readFileSync(path.join(pkg, "index.d.cts"), "utf8")]
    .flatMap((text) => [...text.matchAll(/^export (?:declare )?(?:function|const) (\w+)/gm)].map((m) => m[1]));
  assert.ok(declared.includes("headline") && declared.includes("validateDemand"), declared.join(", "));
  for (const name of declared) assert.ok(name in api, `${name} is declared but not exported`);
});

test("loadClassifier gives the package's model, or a district's from a file", async () => {
  const own = await api.loadClassifier();
  assert.equal(own.format, "lianjian-classifier/1");
  const file = path.join(pkg, "lianjian-classifier.json");
  assert.deepEqual(await api.loadClassifier(file), own);
  assert.deepEqual(await api.loadClassifier(require("node:url").pathToFileURL(file)), own);
  await assert.rejects(api.loadClassifier(path.join(pkg, "no-such-model.json")), /ENOENT/);
});
