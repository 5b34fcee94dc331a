// Goldthread's small script. Every page works without it; it only adds
// conveniences. No third-party code.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Move focus to the first field with an error so keyboard and screen
  // reader users land where the fix is needed.
  var invalid = document.querySelector("[aria-invalid=\"true\"]");
  if (invalid) { invalid.focus(); }
  idleWarning();
  saveBeforeSignOut();
  if (document.body.hasAttribute("data-wipe-drafts") && window.indexedDB) {
    indexedDB.deleteDatabase("goldthread-drafts");
  }
  // The service worker keeps the app shell, so a reload without a
  // connection opens the offline page instead of the browser's error.
  if ("serviceWorker" in navigator && window.isSecureContext) {
    navigator.serviceWorker.register("/sw.js").catch(function () {});
  }
});

// flushAll asks every form that saves itself to save now; it resolves
// true when all of them reached the server.
function flushAll() {
  var list = (window.goldthreadFlushers || []).map(function (f) {
    return f().catch(function () { return false; });
  });
  return Promise.all(list).then(function (results) { return results.every(Boolean); });
}

// saveBeforeSignOut: signing out wipes the device's encrypted copies, so
// whatever is being typed is saved to the server first; when it cannot be,
// the person is asked before anything is lost.
function saveBeforeSignOut() {
  var form = document.querySelector("form.signout");
  if (!form) { return; }
  var going = false;
  form.addEventListener("submit", function (e) {
    if (going || !(window.goldthreadFlushers || []).length) { return; }
    e.preventDefault();
    flushAll().then(function (ok) {
      if (!ok && !window.confirm(form.dataset.unsaved)) { return; }
      going = true;
      var wipe = window.goldthreadDrafts ? window.goldthreadDrafts.wipe() : Promise.resolve();
      // Later than this submit event, which the browser would otherwise
      // still be handling, and ignore the second submit.
      wipe.then(function () { setTimeout(function () { form.requestSubmit(); }, 0); });
    });
  });
}

// idleClock is the page's clock for the time-out; tests put a clock they
// move by hand in its place (window.goldthreadClock).
function idleClock() {
  return window.goldthreadClock || {
    now: function () { return Date.now(); },
    after: function (ms, fn) { return setTimeout(fn, ms); },
    cancel: function (id) { clearTimeout(id); }
  };
}

// idleWarning ends an idle session (ONC (d)(5)) without ever destroying
// work. Two minutes before the server's limit a notice appears, without
// taking focus, so keystrokes keep going where the person types. Typing or
// tapping counts as activity: it tells the server (at most once a
// minute), which keeps the session. When the time is up, open forms save
// first (to the server, or to the device's encrypted copy), then the
// session ends and the page goes to the sign-in page.
function idleWarning() {
  var limit = parseInt(document.body.getAttribute("data-idle-seconds") || "0", 10) * 1000;
  var box = document.getElementById("idle-warning");
  if (!limit || !box) { return; }
  var clock = idleClock();
  // Warn two minutes before the end; for very short limits, halfway.
  var warnAfter = limit > 240000 ? limit - 120000 : limit / 2;
  // End a little early, so the last save still reaches a live session.
  var endAfter = limit > 60000 ? limit - 15000 : limit * 0.9;
  var every = Math.min(60000, limit / 4);
  var heard = clock.now(), active = heard, timers = [], asking = false, ended = false;

  function arm() {
    timers.forEach(function (t) { clock.cancel(t); });
    box.hidden = true;
    var since = clock.now() - heard;
    timers = [clock.after(Math.max(0, warnAfter - since), warn), clock.after(Math.max(0, endAfter - since), end)];
  }
  // The server heard from this page: its idle clock starts again.
  function heardNow() { heard = clock.now(); arm(); }
  function keepAlive() {
    if (asking || ended) { return; }
    asking = true;
    fetch("/session/keepalive", {method: "POST", credentials: "same-origin", redirect: "manual"}).then(function (r) {
      asking = false;
      if (r.ok) { heardNow(); } else { end(true); } // the session has already ended
    }, function () { asking = false; });
  }
  function warn() {
    if (active > heard) { keepAlive(); return; } // busy since we last told the server
    box.hidden = false;
  }
  function activity() {
    if (ended) { return; }
    active = clock.now();
    if (!box.hidden || active - heard >= every) { keepAlive(); }
  }
  function end(gone) {
    if (ended) { return; }
    if (!gone && active > heard) { keepAlive(); return; }
    ended = true;
    flushAll().then(function (saved) {
      if (!saved) {
        // The copy on this device is all there is: keep it (locked until
        // the next sign-in) and let the server end the session itself.
        var user = document.body.dataset.user;
        var lock = window.goldthreadDrafts && user ? window.goldthreadDrafts.lock(user).catch(function () {}) : Promise.resolve();
        return lock.then(function () { window.location.assign("/signin?expired=1"); });
      }
      return fetch("/signout", {method: "POST", credentials: "same-origin", redirect: "manual"}).catch(function () {})
        .then(function () { window.location.assign("/signin?expired=1"); });
    });
  }
  document.getElementById("idle-stay").addEventListener("click", keepAlive);
  ["keydown", "input", "pointerdown"].forEach(function (type) { document.addEventListener(type, activity, true); });
  // Any request this page makes resets the server's clock; let it reset ours.
  document.addEventListener("goldthread:activity", heardNow);
  arm();
}
