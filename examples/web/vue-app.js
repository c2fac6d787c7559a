// A Vue 3 page embedding the demand widget. Render functions (no template
// compiler) keep the page working under a CSP without 'unsafe-eval'.
// Bundled by examples/web/build.mjs; the widget package is loaded as is.

import { createApp, h, ref } from "vue";
import "/pkg/lianjian-forms.js";

const App = {
  setup() {
    const received = ref("");
    /** @param {CustomEvent} event */
    const onSubmit = (event) => {
      // A real portal posts event.detail.record to its server here.
      event.detail.waitUntil(Promise.resolve().then(() => (received.value = JSON.stringify(event.detail.record, null, 2))));
    };
    return () => [
      h("h1", "提交诉求"),
      // Vue passes `chain` as an attribute and listens to `lianjian-submit`.
      h("lianjian-demand-form", { id: "demand", chain: "port_logistics", onLianjianSubmit: onSubmit }),
      h("h2", "门户收到的记录"),
      h("pre", { id: "received", tabindex: "0" }, received.value),
    ];
  },
};

createApp(App).mount("#app");
