// Goldthread's small script. Every page works without it; it only adds
// conveniences. No third-party code.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Move focus to the first field with an error so keyboard and screen
  // reader users land where the fix is needed.
  var invalid = document.querySelector("[aria-invalid=\"true\"]");
  if (invalid) { invalid.focus(); }
  idleWarning();
});

// idleWarning shows a warning two minutes before the server ends an idle
// session (ONC (d)(5)), lets the person stay, and otherwise goes to the
// sign-in page when the time is up. Requests made by the page (autosave)
// also count as activity, so a note being written is not lost.
function idleWarning() {
  var limit = parseInt(document.body.getAttribute("data-idle-seconds") || "0", 10);
  var box = document.getElementById("idle-warning");
  if (!limit || !box) { return; }
  // Two minutes before the end; for very short limits, halfway.
  var warnAfter = (limit > 240 ? limit - 120 : limit / 2) * 1000;
  var timers = [];
  function arm() {
    timers.forEach(clearTimeout);
    box.hidden = true;
    timers = [
      setTimeout(function () { box.hidden = false; document.getElementById("idle-stay").focus(); }, warnAfter),
      setTimeout(function () { window.location.assign("/signin?expired=1"); }, limit * 1000)
    ];
  }
  document.getElementById("idle-stay").addEventListener("click", function () {
    fetch("/session/keepalive", { method: "POST", credentials: "same-origin" }).then(function (r) {
      if (r.ok) { arm(); } else { window.location.assign("/signin?expired=1"); }
    });
  });
  // Any request this page makes resets the server's clock; let it reset ours.
  document.addEventListener("goldthread:activity", arm);
  arm();
}
