// The JSON API client: filters in, parsed JSON out; errors carry the server's message.

const TOKEN_KEY = "truce-token";

/** An API failure with the HTTP status and the server's message. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** The bearer token the user entered (private ledgers), if any. */
export function token() {
  return sessionStorage.getItem(TOKEN_KEY) || "";
}

/** Remember the bearer token for this tab. */
export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

function headers(extra) {
  const t = token();
  return t ? { ...extra, Authorization: `Bearer ${t}` } : { ...extra };
}

/** GET a JSON resource; empty parameters are left out of the query string. */
export async function getJSON(path, params) {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== "") url.searchParams.set(k, v);
  }
  const resp = await fetch(url, { headers: headers({ Accept: "application/json" }) });
  let body = null;
  try {
    body = await resp.json();
  } catch {
    body = null;
  }
  if (!resp.ok) {
    throw new ApiError(resp.status, body?.error?.message || `${resp.status} ${resp.statusText}`);
  }
  return body;
}

/** Every event matching the filters, page by page, up to `cap` events. */
export async function allEvents(filters, cap = 20000) {
  const events = [];
  let total = 0;
  let offset = 0;
  for (;;) {
    const page = await getJSON("/api/events", { ...filters, limit: 1000, offset });
    events.push(...page.events);
    total = page.total;
    if (!page.next || page.events.length === 0 || events.length >= cap) break;
    offset += page.events.length;
  }
  return { events, total };
}

function parseSse(block) {
  let event = "message";
  const data = [];
  for (const line of block.split("\n")) {
    if (line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
  }
  return { event, data: data.join("\n") };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Follow /api/stream (Server-Sent Events read through fetch, so the bearer token can be
 * sent in private mode). Calls onChange for each change and onState(connected) when the
 * connection comes or goes; reconnects with back-off. Returns a function that stops it.
 */
export function watchChanges(onChange, onState) {
  let stopped = false;
  let controller = null;
  (async () => {
    let delay = 1000;
    while (!stopped) {
      try {
        controller = new AbortController();
        const resp = await fetch("/api/stream", {
          headers: headers({ Accept: "text/event-stream" }),
          signal: controller.signal,
          cache: "no-store",
        });
        if (!resp.ok || !resp.body) throw new ApiError(resp.status, "stream refused");
        onState(true);
        delay = 1000;
        const reader = resp.body.pipeThrough(new TextDecoderStream()).getReader();
        let buf = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += value.replace(/\r\n?/g, "\n");
          let cut;
          while ((cut = buf.indexOf("\n\n")) >= 0) {
            const ev = parseSse(buf.slice(0, cut));
            buf = buf.slice(cut + 2);
            if (ev.event === "change") onChange(ev.data);
          }
        }
      } catch {
        // Fall through to reconnect.
      }
      if (stopped) break;
      onState(false);
      await sleep(delay);
      delay = Math.min(delay * 2, 15000);
    }
  })();
  return () => {
    stopped = true;
    if (controller) controller.abort();
  };
}
