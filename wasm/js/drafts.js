// A form's draft in localStorage, so that nothing typed is lost to a reload.
// Attachments are not kept: a File cannot be stored, and a name without its
// file would be a promise the form cannot keep.

/** The storage key of a form: the `autosave` attribute's name, or its kind and page.
 * @param {HTMLElement} form @param {string} kind */
export function draftKey(form, kind) {
  const name = form.getAttribute("autosave");
  return name ? `lianjian-draft:${name}` : `lianjian-draft:${kind}:${location.pathname}`;
}

/** Saves the state (storage may be full or switched off: the form works without it).
 * @param {string} key @param {Record<string, unknown>} state */
export function saveDraft(key, state) {
  try {
    localStorage.setItem(key, JSON.stringify({ version: 1, state }));
  } catch {
    // Not kept: private browsing, or the quota is used up.
  }
}

/** The saved state, or null. @param {string} key @returns {Record<string, any> | null} */
export function loadDraft(key) {
  try {
    const saved = JSON.parse(localStorage.getItem(key) || "null");
    if (!saved || saved.version !== 1 || typeof saved.state !== "object") return null;
    return saved.state;
  } catch {
    return null;
  }
}

/** Forgets the draft. @param {string} key */
export function forgetDraft(key) {
  try {
    localStorage.removeItem(key);
  } catch {
    // Nothing stored.
  }
}
