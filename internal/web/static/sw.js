// Goldthread's service worker: it keeps the app shell (the offline page,
// the stylesheet and the scripts that read the device's encrypted copies),
// so reloading a note without a connection opens the offline page, which
// shows what was typed, instead of the browser's error. It never stores a
// page or an answer that carries a participant's record: pages and API
// calls always go to the network. No third-party code.
"use strict";
var SHELL = "goldthread-shell-3";
var FILES = ["/offline", "/static/app.css", "/static/app.js", "/static/drafts.js", "/static/offline.js", "/static/icon.svg"];

self.addEventListener("install", function (e) {
  e.waitUntil(caches.open(SHELL).then(function (c) { return c.addAll(FILES); }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (e) {
  e.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n !== SHELL; }).map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (e) {
  var req = e.request;
  if (req.method !== "GET") { return; }
  var url = new URL(req.url);
  if (url.origin !== self.location.origin) { return; }
  if (req.mode === "navigate") {
    e.respondWith(fetch(req).catch(function () { return caches.match("/offline"); }));
    return;
  }
  if (FILES.indexOf(url.pathname) >= 0) {
    // The network first, so a new release is used at once; the shell's
    // copy when there is no connection.
    e.respondWith(fetch(req).catch(function () { return caches.match(url.pathname); }));
  }
});
