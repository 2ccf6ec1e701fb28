// Element builders. Every piece of text is added as a text node (createTextNode /
// textContent), never parsed as HTML, so article text can contain "<script>" safely.

const SVG_NS = "http://www.w3.org/2000/svg";

function setAttrs(el, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2), value);
    } else if (key === "dataset") {
      for (const [k, v] of Object.entries(value)) el.dataset[k] = String(v);
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** An HTML element with attributes and children (strings become text nodes). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** An SVG element with attributes and children. */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** Replace an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A link only for http(s) addresses; anything else (javascript:, data:) stays plain text. */
export function safeLink(url, text) {
  if (typeof url === "string" && /^https?:\/\//i.test(url)) {
    return h("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank" }, text ?? url);
  }
  return document.createTextNode(text ?? url ?? "");
}

const tooltip = () => document.getElementById("tooltip");

/** Show the shared tooltip near the pointer with the given content nodes. */
export function showTooltip(event, ...content) {
  const tt = tooltip();
  fill(tt, ...content);
  tt.hidden = false;
  const pad = 14;
  const { innerWidth: w, innerHeight: hgt } = window;
  const rect = tt.getBoundingClientRect();
  let x = event.clientX + pad;
  let y = event.clientY + pad;
  if (x + rect.width > w - 4) x = Math.max(4, event.clientX - rect.width - pad);
  if (y + rect.height > hgt - 4) y = Math.max(4, event.clientY - rect.height - pad);
  tt.style.left = `${x}px`;
  tt.style.top = `${y}px`;
}

/** Hide the shared tooltip. */
export function hideTooltip() {
  tooltip().hidden = true;
}
