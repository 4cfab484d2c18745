// Heard capture: keep the capture pages usable offline. Network first, so a notetaker
// always sees the newest notes when there is a connection; the last copy when not.
// Served at /capture/sw.js, so it controls only /capture/ pages. Notes themselves wait
// in localStorage (capture.js); this worker only caches pages and static files.
"use strict";

const CACHE = "heard-capture-v1";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

const cacheable = (url) =>
  url.origin === self.location.origin &&
  (url.pathname.startsWith("/capture/") || url.pathname.startsWith("/static/")) &&
  !url.pathname.startsWith("/capture/api/");

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (!cacheable(url)) return;
  event.respondWith((async () => {
    try {
      const response = await fetch(request);
      if (response.ok && !response.redirected && response.type === "basic") {
        const cache = await caches.open(CACHE);
        await cache.put(request, response.clone());
      }
      return response;
    } catch (error) {
      const cached = await caches.match(request);
      if (cached) return cached;
      throw error;
    }
  })());
});
