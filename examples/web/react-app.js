// A React page embedding the demand widget, written without JSX so that it
// needs no compiler beyond the bundler. React 19 passes properties and
// listens to custom events on custom elements; a ref works with any version.

import { createElement as h, useEffect, useRef, useState } from "react";
import { createRoot } from "react-dom/client";
import "/pkg/lianjian-forms.js";

function App() {
  const form = useRef(null);
  const [received, setReceived] = useState("");
  useEffect(() => {
    const element = form.current;
    /** @param {CustomEvent} event */
    const onSubmit = (event) => {
      // A real portal posts event.detail.record to its server here.
      event.detail.waitUntil(Promise.resolve().then(() => setReceived(JSON.stringify(event.detail.record, null, 2))));
    };
    element.addEventListener("lianjian-submit", onSubmit);
    return () => element.removeEventListener("lianjian-submit", onSubmit);
  }, []);
  return h(
    "div",
    null,
    h("h1", null, "提交诉求"),
    h("lianjian-demand-form", { id: "demand", ref: form, chain: "port_logistics" }),
    h("h2", null, "门户收到的记录"),
    h("pre", { id: "received", tabIndex: 0 }, received),
  );
}

createRoot(document.getElementById("app")).render(h(App));
