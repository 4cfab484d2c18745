// Heard capture: notes typed on a phone are kept on the phone until the server has them.
//
// Each note gets an id made here (crypto.randomUUID) and waits in localStorage under the
// signed-in user's id, so it survives a reload or a closed tab. It is sent with fetch;
// the server stores each id once, so a retry after a lost answer never duplicates it.
// A note the server refuses (4xx) "needs attention" and is not retried by itself. While the
// server fails (5xx, 408, 429, no answer), tries come less and less often (15 s, 30 s, ...,
// at most every 5 minutes), and the page says so; "Try again" tries at once.
// Text typed but not saved yet is kept too (a draft per table and prompt) until it is saved.
// The first load of a page asks the offline worker to keep a copy, so it opens offline.
// Queues of other users, and this user's queue at sign-out, are removed from the phone;
// both ask first when notes are still unsent.
// Plain ES2020, no build step; the pages work without it as ordinary forms.
(() => {
  "use strict";

  const root = document.getElementById("capture");
  if (!root) return;
  const userId = root.dataset.userId;
  const PREFIX = "heard.capture.queue.";
  const KEY = PREFIX + userId;
  const DRAFT_PREFIX = "heard.capture.draft.";
  const DRAFT_MINE = `${DRAFT_PREFIX}${userId}.`;
  const KEPT_OTHERS = "heard.capture.kept-others"; // sessionStorage: "keep them" was the answer
  const CACHE_PREFIX = "heard-capture";
  const RETRY_MS = 15000; // the first try again after a failure; also the pace while notes wait
  const RETRY_MAX_MS = 5 * 60 * 1000; // tries never come further apart than this
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

  const keys = (test) => {
    const found = [];
    if (!storage) return found;
    for (let i = 0; i < storage.length; i += 1) {
      const key = storage.key(i);
      if (key && test(key)) found.push(key);
    }
    return found;
  };
  const unsentIn = (key) => {
    try {
      const items = JSON.parse(storage.getItem(key) || "[]");
      return Array.isArray(items) ? items.filter((i) => i && i.state !== "sent").length : 0;
    } catch (error) {
      return 0;
    }
  };

  // -- drafts: typed, not saved yet -----------------------------------------------------
  const draftKey = (form) => `${DRAFT_MINE}${root.dataset.tableId}.${form.dataset.promptId}`;
  const readDraft = (key) => {
    try {
      const draft = JSON.parse(storage.getItem(key) || "null");
      return draft && (draft.text || draft.translation_en) ? draft : null;
    } catch (error) {
      return null;
    }
  };
  const myDrafts = () => keys((k) => k.startsWith(DRAFT_MINE)).filter(readDraft).length;

  // Notes of someone who signed in on this phone before: only they can send them (the server
  // takes a note only from its author), so deleting them is asked, as at sign-out.
  const others = (key) => (key.startsWith(PREFIX) && key !== KEY) ||
    (key.startsWith(DRAFT_PREFIX) && !key.startsWith(DRAFT_MINE));
  const clearOtherUsers = () => {
    const theirs = keys(others);
    if (!theirs.length) return;
    const unsent = theirs.reduce((n, key) => n + (key.startsWith(PREFIX) ? unsentIn(key) : readDraft(key) ? 1 : 0), 0);
    if (unsent) {
      const question = msg("OtherUnsent");
      if (!question) return; // a page that cannot ask deletes nothing
      const signature = theirs.map((key) => `${key}=${storage.getItem(key)}`).sort().join("\n");
      let kept = null;
      try {
        kept = window.sessionStorage.getItem(KEPT_OTHERS);
      } catch (error) {
        kept = null;
      }
      if (kept === signature) return; // asked already in this tab, and told to keep them
      if (!window.confirm(question.replace("{n}", unsent))) {
        try {
          window.sessionStorage.setItem(KEPT_OTHERS, signature);
        } catch (error) {
          // nothing to remember it in: the question comes again on the next page
        }
        return;
      }
    }
    theirs.forEach((key) => storage.removeItem(key));
  };

  const clearEverything = async () => {
    keys((k) => k.startsWith(PREFIX) || k.startsWith(DRAFT_PREFIX)).forEach((k) => storage.removeItem(k));
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
  let failures = 0; // tries in a row that the server did not take (5xx, 408, 429, no answer)
  let nextTry = 0; // when the next try is due while backing off (ms since the epoch)
  let tryNow = null; // the "Try again" button shown while backing off
  const clockTime = (ms) => {
    const options = {hour: "numeric", minute: "2-digit", second: "2-digit"};
    try {
      return new Date(ms).toLocaleTimeString(document.documentElement.lang || undefined, options);
    } catch (error) {
      return new Date(ms).toLocaleTimeString(undefined, options);
    }
  };

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
    const backingOff = Boolean(waiting && failures && navigator.onLine && !signedOut);
    if (backingOff) parts.push(msg("Backoff").replace("{n}", failures).replace("{time}", clockTime(nextTry)));
    status.textContent = parts.join(" ");
    status.classList.toggle("has-waiting", waiting > 0);
    root.dataset.nextTry = backingOff ? String(nextTry) : "";
    if (backingOff && !tryNow) {
      tryNow = document.createElement("button");
      tryNow.type = "button";
      tryNow.className = "secondary small";
      tryNow.textContent = msg("Retry");
      tryNow.addEventListener("click", () => flush(true));
      status.after(tryNow);
    } else if (!backingOff && tryNow) {
      tryNow.remove();
      tryNow = null;
    }
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

  // What became of one try: "sent", "refused" (4xx: needs attention), "failed" (the server
  // did not take it; try again later), "signed-out", or "busy" (already on its way).
  const send = async (item) => {
    if (inFlight.has(item.client_id)) return {outcome: "busy"};
    inFlight.add(item.client_id);
    let result = {outcome: "failed"};
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
        result = {outcome: "signed-out"};
        return result;
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
        result = {outcome: "sent"};
      } else if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
        update(item.client_id, {state: "attention", message: body.error || msg("Refused")});
        result = {outcome: "refused"};
      } else {
        // 5xx, 408, 429: still waiting; tried again later, no sooner than the server asks.
        const seconds = Number(response.headers.get("Retry-After"));
        result = {outcome: "failed", retryAfter: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0};
      }
    } catch (error) {
      // No answer: the note stays waiting.
      result = {outcome: "failed"};
    } finally {
      inFlight.delete(item.client_id);
      const stored = load().find((i) => i.client_id === item.client_id);
      if (stored) renderItem(stored);
      refresh();
    }
    return result;
  };

  // One sender at a time; a note queued while it runs makes it go round once more. A round
  // stops at the first try the server does not take; the next comes later and later.
  let flushing = false;
  let again = false;
  let timer = 0;
  const later = (ms) => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => flush(true), ms);
    return Date.now() + ms;
  };
  const waitingNow = () => load().some((i) => i.state === "waiting" && String(i.user_id) === userId);
  const flush = async (now = false) => {
    if (!root.dataset.api) return;
    // While the phone knows it is offline, wait for the "online" event instead of trying.
    if (!navigator.onLine) return;
    // Backing off: only the timer, the "online" event or "Try again" try before it is due.
    if (!now && failures && Date.now() < nextTry) return;
    if (flushing) {
      again = true;
      return;
    }
    flushing = true;
    let failed = null;
    try {
      do {
        again = false;
        for (const item of load()) {
          if (!navigator.onLine) return; // went offline during this round: the rest waits for "online"
          if (item.state !== "waiting" || String(item.user_id) !== userId) continue;
          const result = await send(item);
          if (result.outcome === "sent") failures = 0;
          if (result.outcome === "failed") {
            failed = result;
            break;
          }
        }
      } while (again && !failed);
    } finally {
      flushing = false;
      if (failed) {
        failures += 1;
        const backoff = Math.min(RETRY_MS * 2 ** (failures - 1), RETRY_MAX_MS);
        nextTry = later(Math.min(Math.max(backoff, failed.retryAfter || 0), RETRY_MAX_MS));
      } else if (waitingNow()) {
        later(RETRY_MS); // e.g. signed out elsewhere: look again in a while
      } else {
        window.clearTimeout(timer);
      }
      refresh();
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
    const translation = form.querySelector("textarea[name$='translation_en']");
    const checkbox = (suffix) => form.querySelector(`input[type=checkbox][name$='${suffix}']`);
    const flag = (suffix) => Boolean(checkbox(suffix) && checkbox(suffix).checked);

    // The draft: kept on every keystroke, put back when the page opens again (a reload,
    // offline too), removed once the note is saved.
    const key = draftKey(form);
    const draft = storage && readDraft(key);
    if (draft && !textarea.value) {
      textarea.value = draft.text || "";
      if (translation && draft.translation_en) {
        translation.value = draft.translation_en;
        const details = translation.closest("details");
        if (details) details.open = true;
      }
      for (const suffix of ["is_quote", "is_sensitive"]) {
        if (checkbox(suffix)) checkbox(suffix).checked = Boolean(draft[suffix]);
      }
    }
    const keepDraft = () => {
      if (!storage || leaving) return;
      const kept = {text: textarea.value, translation_en: translation ? translation.value : "",
                    is_quote: flag("is_quote"), is_sensitive: flag("is_sensitive")};
      try {
        if (kept.text.trim() || kept.translation_en.trim()) storage.setItem(key, JSON.stringify(kept));
        else storage.removeItem(key);
      } catch (error) {
        // storage full: the text stays in the box
      }
    };
    form.addEventListener("input", keepDraft);
    form.addEventListener("change", keepDraft);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = textarea.value.trim();
      if (!text) {
        textarea.focus();
        return;
      }
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
      if (storage) storage.removeItem(key);
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
      // Signing out removes this user's queue and drafts from the phone: say so first if notes wait.
      const unsent = load().filter((i) => i.state !== "sent").length + myDrafts();
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
    // A page the worker did not serve (the very first load, or one that raced its start) is
    // not in its cache yet: hand it the page and the files it uses (it fetches only what it
    // lacks), so the page opens offline from now on.
    navigator.serviceWorker.register(root.dataset.sw)
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        if (!registration.active) return;
        const files = document.querySelectorAll("script[src], link[rel~='stylesheet'][href], link[rel~='icon'][href]");
        const urls = [window.location.href.split("#")[0], ...Array.from(files, (el) => el.src || el.href)];
        registration.active.postMessage({type: "cache", urls});
      })
      .catch(() => {});
  }

  window.addEventListener("online", () => flush(true));
  window.addEventListener("offline", refresh);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") flush();
  });

  forgetRendered();
  refresh();
  flush();
})();
