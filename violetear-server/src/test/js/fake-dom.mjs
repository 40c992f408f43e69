// SPDX-License-Identifier: Apache-2.0
// A minimal fake DOM for the violetear.js tests: only what the runtime touches, with the same
// observable behaviour as a browser (bubbling, currentTarget reset after dispatch, once listeners).

/** A DOM event: type, bubbling flag, preventDefault. */
export class FakeEvent {
  constructor(type, {bubbles = true} = {}) {
    this.type = type;
    this.bubbles = bubbles;
    this.defaultPrevented = false;
    this.target = null;
    this.currentTarget = null;
  }

  preventDefault() {
    this.defaultPrevented = true;
  }
}

class FakeEventTarget {
  constructor() {
    this.listeners = new Map();
  }

  addEventListener(type, listener, options = {}) {
    if (!this.listeners.has(type)) this.listeners.set(type, []);
    const list = this.listeners.get(type);
    if (!list.some((entry) => entry.listener === listener)) {
      list.push({listener, once: typeof options === 'object' && options.once === true});
    }
  }

  removeEventListener(type, listener) {
    const list = this.listeners.get(type) || [];
    const index = list.findIndex((entry) => entry.listener === listener);
    if (index >= 0) list.splice(index, 1);
  }

  /** How many listeners of `type` are attached to this node (a test helper, not DOM). */
  listenerCount(type) {
    return (this.listeners.get(type) || []).length;
  }

  dispatchEvent(event) {
    event.target = this;
    for (let node = this; node; node = event.bubbles ? node.parentNode : null) {
      event.currentTarget = node;
      for (const entry of (node.listeners.get(event.type) || []).slice()) {
        if (entry.once) node.removeEventListener(event.type, entry.listener);
        entry.listener.call(node, event);
      }
    }
    event.currentTarget = null;
    return !event.defaultPrevented;
  }
}

/** Parses the selectors we support: `*`, `tag`, `[attr]`, `[attr="value"]` and `tag[...]`. */
function matcher(selector) {
  const match = /^(\*|[a-z][a-z0-9-]*)?(?:\[([\w-]+)(?:="([^"]*)")?\])?$/i.exec(selector);
  if (!match || selector === '') throw new Error(`fake-dom: unsupported selector '${selector}'`);
  const [, tag, attribute, value] = match;
  return (element) => (!tag || tag === '*' || element.tagName === tag.toUpperCase())
      && (!attribute || (element.hasAttribute(attribute)
          && (value === undefined || element.getAttribute(attribute) === value)));
}

class FakeParentNode extends FakeEventTarget {
  constructor() {
    super();
    this.children = [];
    this.parentNode = null;
  }

  appendChild(child) {
    child.parentNode = this;
    this.children.push(child);
    return child;
  }

  removeChild(child) {
    const index = this.children.indexOf(child);
    if (index < 0) throw new Error('fake-dom: removeChild of a node that is not a child');
    this.children.splice(index, 1);
    child.parentNode = null;
    return child;
  }

  replaceChild(child, old) {
    const index = this.children.indexOf(old);
    if (index < 0) throw new Error('fake-dom: replaceChild of a node that is not a child');
    old.parentNode = null;
    child.parentNode = this;
    this.children[index] = child;
    return old;
  }

  /** Descendants in document order (a static array, like a NodeList snapshot). */
  querySelectorAll(selector) {
    const matches = matcher(selector);
    const found = [];
    const walk = (node) => node.children.forEach((child) => {
      if (matches(child)) found.push(child);
      walk(child);
    });
    walk(this);
    return found;
  }

  querySelector(selector) {
    return this.querySelectorAll(selector)[0] || null;
  }
}

/** An element with ordered attributes, as a parsed HTML element would have. */
export class FakeElement extends FakeParentNode {
  constructor(tagName, attributes = {}) {
    super();
    this.nodeType = 1;
    this.tagName = tagName.toUpperCase();
    this.attributes = Object.entries(attributes).map(([name, value]) => ({name, value}));
  }

  getAttribute(name) {
    const attribute = this.attributes.find((a) => a.name === name);
    return attribute ? attribute.value : null;
  }

  hasAttribute(name) {
    return this.getAttribute(name) !== null;
  }

  setAttribute(name, value) {
    const attribute = this.attributes.find((a) => a.name === name);
    if (attribute) attribute.value = String(value);
    else this.attributes.push({name, value: String(value)});
  }

  /** Dispatches a new bubbling event of `type` and returns it (a test helper). */
  fire(type) {
    const event = new FakeEvent(type);
    this.dispatchEvent(event);
    return event;
  }
}

/** `h('button', {id: 'x'}, child...)` builds a FakeElement tree. */
export function h(tagName, attributes = {}, ...children) {
  const element = new FakeElement(tagName, attributes);
  children.forEach((child) => element.appendChild(child));
  return element;
}

/** A document with `<html><head/><body/></html>`; readyState starts as given. */
export class FakeDocument extends FakeParentNode {
  constructor({readyState = 'complete'} = {}) {
    super();
    this.nodeType = 9;
    this.readyState = readyState;
    this.title = '';
    this.documentElement = this.appendChild(h('html', {}, h('head'), h('body')));
  }

  get head() {
    return this.documentElement.children[0];
  }

  get body() {
    return this.documentElement.children[1];
  }

  createElement(tagName) {
    return new FakeElement(tagName);
  }

  /** Nodes of a parsed document join this one as they are (no owner document to change). */
  adoptNode(node) {
    return node;
  }

  /** Ends parsing as a browser does: readyState 'interactive', then DOMContentLoaded. */
  finishParsing() {
    this.readyState = 'interactive';
    this.dispatchEvent(new FakeEvent('DOMContentLoaded', {bubbles: false}));
  }
}
