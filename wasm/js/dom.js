// Building DOM without HTML strings: every text goes in as a text node, every
// attribute through setAttribute, so nothing a person or a catalog supplies
// is ever parsed as markup.

/**
 * Creates an element.
 * @param {string} tag
 * @param {Record<string, string | boolean | null | undefined> | null} [attributes]
 *   `true` sets an empty attribute; `false`, `null` and `undefined` leave it out.
 * @param {...(Node | string | null | undefined | false)} children
 * @returns {HTMLElement}
 */
export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === true) element.setAttribute(name, "");
    else if (value !== false && value !== null && value !== undefined) element.setAttribute(name, value);
  }
  append(element, children);
  return element;
}

/**
 * Appends children (strings become text nodes; empty ones are skipped).
 * @param {Node} parent
 * @param {Array<Node | string | null | undefined | false>} children
 */
export function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

/**
 * Replaces the children of `parent`.
 * @param {Node} parent
 * @param {...(Node | string | null | undefined | false)} children
 */
export function replace(parent, ...children) {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, children);
}

/**
 * A DOM id fragment from a field path: `party_org.full_members` → `party_org-full_members`.
 * @param {string} path
 */
export function idOf(path) {
  return "lj-" + path.replace(/[^A-Za-z0-9_-]/g, "-");
}

/**
 * Calls `fn` once input has paused for `ms` milliseconds.
 * @template {unknown[]} A
 * @param {(...args: A) => void} fn
 * @param {number} ms
 * @returns {(...args: A) => void}
 */
export function debounce(fn, ms) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
