// Heard capture: keep the capture pages usable offline. Network first, so a notetaker
// always sees the newest notes when there is a connection; the last copy when not.
// Served at /capture/sw.js, so it controls only /capture/ pages. Notes themselves wait
// in localStorage (capture.js); this worker only caches pages and static files. The first
// page a phone opens was not served by the worker: the page hands over its address and
// files ("cache" message), so it opens offline from its first load on.
"use strict";

const CACHE = "heard-capture-v1";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

const cacheable = (url) =>
  url.origin === self.location.origin &&
  (url.pathname.startsWith("/capture/") || url.pathname.startsWith("/static/")) &&
  !url.pathname.startsWith("/capture/api/");

const keep = async (cache, request, response) => {
  if (response.ok && !response.redirected && response.type === "basic") {
    await cache.put(request, response.clone());
  }
  return response;
};

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "cache" || !Array.isArray(data.urls)) return;
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await Promise.all(data.urls.slice(0, 50).map(async (href) => {
      let url;
      try {
        url = new URL(href, self.location.href);
      } catch (error) {
        return;
      }
      if (!cacheable(url) || await cache.match(url.href, {ignoreVary: true})) return;
      try {
        await keep(cache, url.href, await fetch(url.href, {credentials: "same-origin"}));
      } catch (error) {
        // offline already: the next load through the worker caches it
      }
    }));
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (!cacheable(url)) return;
  event.respondWith((async () => {
    try {
      return await keep(await caches.open(CACHE), request, await fetch(request));
    } catch (error) {
      const cached = await caches.match(request, {ignoreVary: true});
      if (cached) return cached;
      throw error;
    }
  })());
});
