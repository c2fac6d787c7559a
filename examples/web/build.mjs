// Bundles the Vue 3 and React example pages (target/web-examples). The
// widget package itself is not bundled: the pages load /pkg/lianjian-forms.js.
//
//   node examples/web/build.mjs

import { build } from "esbuild";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
await build({
  entryPoints: ["vue-app.js", "react-app.js"].map((f) => path.join(root, "examples/web", f)),
  outdir: path.join(root, "target/web-examples"),
  bundle: true,
  format: "esm",
  minify: true,
  external: ["/pkg/*"],
  // The runtime-only Vue build: no template compiler, no eval.
  alias: { vue: "vue/dist/vue.runtime.esm-bundler.js" },
  define: { "process.env.NODE_ENV": '"production"', __VUE_OPTIONS_API__: "false", __VUE_PROD_DEVTOOLS__: "false", __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: "false" },
  logLevel: "warning",
});
