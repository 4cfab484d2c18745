// Heard capture: notes typed on a phone are kept on the phone until the server has them.
//
// Each note gets an id made here (crypto.randomUUID) and waits in localStorage under the
// signed-in user's id, so it survives a reload or a closed tab. It is sent with fetch;
// the server stores each id once, so a retry after a lost answer never duplicates it.
// A note the server refuses (4xx) "needs attention" and is not retried by itself.
// Queues of other users, and this user's queue at sign-out, are removed from the phone;
// signing out with notes still unsent asks first.
// Plain ES2020, no build step; the pages work without it as ordinary forms.
(() => {
  "use strict";

  const root = document.getElementById("capture");
  if (!root) return;
  const userId = root.dataset.userId;
  const PREFIX = "heard.capture.queue.";
  const KEY = PREFIX + userId;
  const CACHE_PREFIX = "heard-capture";
  const RETRY_MS = 15000;
  const msg = (name) => root.dataset["msg" + name] || "";

  // -- storage --------------------------------------------------------------------------
  const storage = (() => {
    try {
      const probe = "heard.capture.probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (error) {
      return null;
    }
  })();

  const load = () => {
    if (!storage) return [];
    try {
      const items = JSON.parse(storage.getItem(KEY) || "[]");
      return Array.isArray(items) ? items : [];
    } catch (error) {
      return [];
    }
  };
  let leaving = false; // set at sign-out: an answer arriving late must not write the queue back
  const save = (items) => {
    if (storage && !leaving) storage.setItem(KEY, JSON.stringify(items));
  };
  const update = (clientId, changes) => {
    const items = load();
    const item = items.find((i) => i.client_id === clientId);
    if (item) Object.assign(item, changes);
    save(items);
    return item;
  };
  const remove = (clientId) => save(load().filter((i) => i.client_id !== clientId));

  const clearOtherUsers = () => {
    if (!storage) return;
    for (let i = storage.length - 1; i >= 0; i -= 1) {
      const key = storage.key(i);
      if (key && key.startsWith(PREFIX) && key !== KEY) storage.removeItem(key);
    }
  };

  const clearEverything = async () => {
    if (storage) {
      for (let i = storage.length - 1; i >= 0; i -= 1) {
        const key = storage.key(i);
        if (key && key.startsWith(PREFIX)) storage.removeItem(key);
      }
    }
    if (window.caches) {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith(CACHE_PREFIX)).map((n) => caches.delete(n)));
    }
  };

  const newId = () => {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };

  // -- display --------------------------------------------------------------------------
  const status = document.getElementById("capture-status");

  const renderItem = (item) => {
    const list = root.querySelector(`[data-notes-for="${item.prompt_id || 0}"]`);
    if (!list) return;
    let li = list.querySelector(`[data-client-id="${CSS.escape(item.client_id)}"]`);
    if (li && !li.classList.contains("is-local")) return; // the server's own rendering wins
    if (!li) {
      li = document.createElement("li");
      li.className = "note is-local";
      li.dataset.clientId = item.client_id;
      list.appendChild(li);
    }
    li.replaceChildren();
    li.classList.toggle("is-waiting", item.state === "waiting");
    li.classList.toggle("is-attention", item.state === "attention");
    li.classList.toggle("is-sent", item.state === "sent");
    const text = document.createElement("p");
    text.className = "note-text";
    text.dir = "auto"; // a note takes the direction of its own words, whatever the page's
    text.textContent = item.text;
    li.appendChild(text);
    const meta = document.createElement("p");
    meta.className = "note-meta";
    const badge = (label, cls) => {
      const span = document.createElement("span");
      span.className = "badge " + cls;
      span.textContent = label;
      meta.appendChild(span);
      meta.appendChild(document.createTextNode(" "));
    };
    if (item.is_quote) badge(msg("Quote"), "");
    if (item.is_sensitive) badge(msg("Sensitive"), "badge-sensitive");
    const states = {waiting: msg("Waiting"), attention: msg("Attention"), sent: msg("Sent")};
    badge(item.sending ? msg("Sending") : states[item.state] || "", "note-state state-" + item.state);
    li.appendChild(meta);
    if (item.state === "attention") {
      const why = document.createElement("p");
      why.className = "error";
      why.textContent = item.message || msg("Refused");
      li.appendChild(why);
      const retry = document.createElement("button");
      retry.type = "button";
      retry.className = "secondary small";
      retry.textContent = msg("Retry");
      retry.addEventListener("click", () => {
        update(item.client_id, {state: "waiting", message: ""});
        refresh();
        flush();
      });
      const discard = document.createElement("button");
      discard.type = "button";
      discard.className = "secondary small";
      discard.textContent = msg("Discard");
      discard.addEventListener("click", () => {
        if (!window.confirm(msg("DiscardConfirm"))) return;
        remove(item.client_id);
        li.remove();
        refresh();
      });
      li.append(retry, " ", discard);
    } else if (item.state === "sent" && item.edit_url) {
      const edit = document.createElement("a");
      edit.href = item.edit_url;
      edit.textContent = msg("Edit");
      li.appendChild(edit);
    }
  };

  let signedOut = false;
  const refresh = () => {
    const items = load().filter((i) => String(i.table_id) === root.dataset.tableId);
    items.forEach(renderItem);
    if (!status) return;
    const waiting = items.filter((i) => i.state === "waiting").length;
    const attention = items.filter((i) => i.state === "attention").length;
    const parts = [];
    if (waiting) parts.push(msg("CountWaiting").replace("{n}", waiting));
    if (attention) parts.push(msg("CountAttention").replace("{n}", attention));
    if (waiting && !navigator.onLine) parts.push(msg("Offline"));
    if (waiting && signedOut) parts.push(msg("SignedOut"));
    status.textContent = parts.join(" ");
    status.classList.toggle("has-waiting", waiting > 0);
  };

  // Notes the server has rendered need no local copy any more.
  const forgetRendered = () => {
    const items = load();
    const kept = items.filter((item) => {
      if (item.state !== "sent") return true;
      const el = root.querySelector(`[data-client-id="${CSS.escape(item.client_id)}"]:not(.is-local)`);
      return !el && Date.now() - (item.sent_at || 0) < 7 * 24 * 3600 * 1000;
    });
    if (kept.length !== items.length) save(kept);
  };

  // -- sending --------------------------------------------------------------------------
  const inFlight = new Set();

  const send = async (item) => {
    if (inFlight.has(item.client_id)) return;
    inFlight.add(item.client_id);
    item.sending = true;
    renderItem(item);
    try {
      const response = await fetch(root.dataset.api, {
        method: "POST",
        credentials: "same-origin",
        redirect: "manual",
        headers: {"Content-Type": "application/json", "Accept": "application/json",
                  "X-CSRFToken": root.dataset.csrf},
        body: JSON.stringify({
          client_id: item.client_id, user_id: Number(userId), table_id: item.table_id,
          prompt_id: item.prompt_id, text: item.text, is_quote: item.is_quote,
          is_sensitive: item.is_sensitive, translation_en: item.translation_en || "",
        }),
      });
      if (response.type === "opaqueredirect" || response.status === 401) {
        signedOut = true; // sign-in ended: keep the note and send it after signing in again
        return;
      }
      signedOut = false;
      let body = {};
      try {
        body = await response.json();
      } catch (error) {
        body = {};
      }
      if (response.ok) {
        update(item.client_id, {state: "sent", sent_at: Date.now(), note_id: body.note && body.note.id,
                                edit_url: body.edit_url || ""});
      } else if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
        update(item.client_id, {state: "attention", message: body.error || msg("Refused")});
      }
      // 5xx, 408, 429: still waiting; the next round tries again.
    } catch (error) {
      // No connection: the note stays waiting.
    } finally {
      inFlight.delete(item.client_id);
      const stored = load().find((i) => i.client_id === item.client_id);
      if (stored) renderItem(stored);
      refresh();
    }
  };

  // One sender at a time; a note queued while it runs makes it go round once more.
  let flushing = false;
  let again = false;
  const flush = async () => {
    if (!root.dataset.api) return;
    // While the phone knows it is offline, wait for the "online" event instead of trying.
    if (!navigator.onLine) return;
    if (flushing) {
      again = true;
      return;
    }
    flushing = true;
    try {
      do {
        again = false;
        for (const item of load()) {
          if (!navigator.onLine) return; // went offline during this round: the rest waits for "online"
          if (item.state === "waiting" && String(item.user_id) === userId) await send(item);
        }
      } while (again);
    } finally {
      flushing = false;
    }
  };

  // -- capture forms --------------------------------------------------------------------
  const enterHint = msg("EnterHint");
  root.querySelectorAll("form[data-capture-form]").forEach((form) => {
    const textarea = form.querySelector("textarea[name$='text']");
    if (!textarea) return;
    if (enterHint) {
      const hint = form.querySelector(".hint");
      if (hint) hint.textContent = `${hint.textContent} ${enterHint}`;
    }
    textarea.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" || event.shiftKey || event.isComposing || event.keyCode === 229) return;
      event.preventDefault();
      form.requestSubmit();
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = textarea.value.trim();
      if (!text) {
        textarea.focus();
        return;
      }
      const flag = (suffix) => {
        const box = form.querySelector(`input[type=checkbox][name$='${suffix}']`);
        return Boolean(box && box.checked);
      };
      const translation = form.querySelector("textarea[name$='translation_en']");
      const item = {
        client_id: newId(), user_id: Number(userId), table_id: Number(root.dataset.tableId),
        prompt_id: Number(form.dataset.promptId) || null, text, is_quote: flag("is_quote"),
        is_sensitive: flag("is_sensitive"), translation_en: translation ? translation.value.trim() : "",
        state: "waiting", created_at: Date.now(),
      };
      const items = load();
      items.push(item);
      save(items);
      form.reset();
      textarea.value = "";
      renderItem(item);
      refresh();
      textarea.focus();
      flush();
    });
  });

  // -- sign-out, other users, the offline worker ----------------------------------------
  clearOtherUsers();
  document.querySelectorAll("form[action$='/auth/sign-out']").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (form.dataset.cleared) return;
      // Signing out removes this user's queue from the phone: say so first if notes wait.
      const unsent = load().filter((i) => i.state !== "sent").length;
      if (unsent && !window.confirm(msg("SignOutUnsent").replace("{n}", unsent))) {
        event.preventDefault();
        return;
      }
      event.preventDefault();
      leaving = true;
      clearEverything().finally(() => {
        form.dataset.cleared = "1";
        form.submit();
      });
    });
  });

  if ("serviceWorker" in navigator && root.dataset.sw && window.isSecureContext) {
    navigator.serviceWorker.register(root.dataset.sw).catch(() => {});
  }

  window.addEventListener("online", flush);
  window.addEventListener("offline", refresh);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") flush();
  });
  window.setInterval(flush, RETRY_MS);

  forgetRendered();
  refresh();
  flush();
})();
