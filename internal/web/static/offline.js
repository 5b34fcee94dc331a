// Goldthread's offline page (served by the service worker when a page
// cannot load): it shows what was typed on the page the person was on,
// from the device's encrypted copy, lets them keep writing, and goes back
// to the real page as soon as the connection returns, where the copy is
// saved. No third-party code.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var place = document.getElementById("offline-copy");
  var drafts = window.goldthreadDrafts;
  function back() { window.location.reload(); }
  document.getElementById("offline-retry").addEventListener("click", back);
  window.addEventListener("online", back);
  function say(text) {
    var p = document.createElement("p");
    p.textContent = text;
    place.appendChild(p);
    return p;
  }
  if (!drafts || location.pathname === "/offline") { say(place.dataset.none); return; }
  drafts.atURL(location.pathname).then(function (copies) {
    if (!copies.length) { say(place.dataset.none); return; }
    copies.forEach(function (copy) {
      if (copy.locked) { say(place.dataset.locked); return; }
      show(copy);
    });
  }, function () { say(place.dataset.none); });

  // show lays out the copy's text boxes under their labels; what is typed
  // here goes back into the encrypted copy.
  function show(copy) {
    var body = copy.body;
    var h = document.createElement("h2");
    h.textContent = body.title;
    place.appendChild(h);
    say(place.dataset.copy);
    var form = document.createElement("form");
    form.className = "stack";
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    (body.boxes || []).forEach(function (b, i) {
      var field = document.createElement("div");
      field.className = "field";
      var label = document.createElement("label");
      label.htmlFor = "offline-" + i;
      label.textContent = b.label;
      var area = document.createElement("textarea");
      area.id = "offline-" + i;
      area.name = b.name;
      area.rows = 3;
      var pair = body.fields.filter(function (p) { return p[0] === b.name; })[0];
      area.value = pair ? pair[1] : "";
      area.addEventListener("input", function () {
        var found = false;
        body.fields.forEach(function (p) { if (p[0] === b.name && !found) { p[1] = area.value; found = true; } });
        if (!found) { body.fields.push([b.name, area.value]); }
        keep();
      });
      field.appendChild(label);
      field.appendChild(area);
      form.appendChild(field);
    });
    place.appendChild(form);
    var status = say("");
    status.setAttribute("role", "status");
    status.id = "offline-status";
    var t = null;
    function keep() {
      clearTimeout(t);
      t = setTimeout(function () {
        drafts.put(copy.user, copy.key, copy.version, copy.url, body).then(function () { status.textContent = place.dataset.kept; status.dataset.state = "kept"; });
      }, 300);
    }
  }
});
