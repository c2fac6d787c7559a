//! The headless API in headless Chromium (through chromedriver).

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

include!("common/mod.rs");
