// lianjian's form widgets: importing this module defines
// <lianjian-enrollment-form> and <lianjian-demand-form> and re-exports the
// headless API. Nothing else is added to the page: no global names, no
// global styles (each element draws into its own shadow root).

import * as api from "./api.js";
import { LianjianForm } from "./form.js";
import { EnrollmentForm } from "./enrollment-form.js";
import { DemandForm } from "./demand-form.js";

export * from "./api.js";
export { LianjianForm, EnrollmentForm, DemandForm };

/** @type {any} */ (LianjianForm).api = api;
/** @type {any} */ (LianjianForm).ready = api.ready;

if (!customElements.get("lianjian-enrollment-form")) customElements.define("lianjian-enrollment-form", EnrollmentForm);
if (!customElements.get("lianjian-demand-form")) customElements.define("lianjian-demand-form", DemandForm);
