// Building the page from data. Strings always become text nodes, never markup: whatever a resident's
// description or a spreadsheet cell holds is shown as the characters it is. (The Content-Security-Policy's
// Trusted Types rule also makes the browser refuse any innerHTML assignment of a string.)

const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction']);

/**
 * el('a', {href: '/console/', class: 'brand'}, 'text', child, [more])
 * - props: attributes; `class`, `text` (textContent), `dataset` (object), `on<event>` (a function);
 *   null, undefined and false leave an attribute out, true sets it empty.
 * - children: strings and numbers become text nodes; nodes are appended; arrays are flattened.
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key.startsWith('on')) {
      if (typeof value !== 'function') {
        throw new TypeError(`${key} must be a function`);
      }
      node.addEventListener(key.slice(2), value);
    } else if (key === 'class') {
      node.className = value;
    } else if (key === 'text') {
      node.textContent = String(value);
    } else if (key === 'dataset') {
      Object.assign(node.dataset, value);
    } else {
      if (URL_ATTRIBUTES.has(key) && !isOwnUrl(String(value))) {
        throw new TypeError(`refusing ${key}=${value}: only this site's paths and blob: downloads`);
      }
      node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(node, ...children);
  return node;
}

/** Appends text and nodes; a string is text, never parsed. */
export function append(parent, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces everything inside a node. */
export function fill(parent, ...children) {
  parent.replaceChildren();
  return append(parent, ...children);
}

export function byId(id) {
  const node = document.getElementById(id);
  if (!node) {
    throw new Error(`the page has no #${id}`);
  }
  return node;
}

/**
 * A path on this site ("/console/...", "?id=1", "#x"), a download made by the page itself, or a phone
 * number to dial (tel: with digits only, the volunteer's tap-to-call).
 */
function isOwnUrl(url) {
  return (url.startsWith('/') && !url.startsWith('//')) || url.startsWith('?') || url.startsWith('#')
    || url.startsWith('blob:') || /^tel:\+?[0-9]{3,20}$/.test(url);
}
