// Goldthread note form: live coaching and a start/stop timer (autosave.js
// saves it). The form works without this script (findings show after
// Save); the script only saves taps and waiting. No third-party code.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("note-form");
  if (!form) { return; }
  var dismissed = {};

  function programID() {
    var el = form.querySelector("[name=program_id]");
    return el ? Number(el.value) : Number(form.dataset.program);
  }
  // save is autosave.js's: it resolves once the draft is on the server.
  function save() { return form.goldthreadSave ? form.goldthreadSave() : Promise.resolve(false); }

  // --- live coaching ------------------------------------------------------
  function coachBox(field) { return document.getElementById("coach-" + field); }
  function render(area, findings) {
    var box = coachBox(area.dataset.coach);
    if (!box) { return; }
    box.textContent = "";
    var shown = findings.filter(function (f) { return !dismissed[f.field + "|" + f.rule_id + "|" + f.words.toLowerCase()]; });
    if (!shown.length) { return; }
    var ul = document.createElement("ul");
    ul.className = "findings";
    shown.forEach(function (f) {
      var li = document.createElement("li");
      li.className = "finding sev-" + f.severity;
      var w = document.createElement("strong");
      w.textContent = "“" + f.words + "” ";
      li.appendChild(w);
      li.appendChild(document.createTextNode(f.why + " "));
      var s = document.createElement("span");
      s.className = "suggestion";
      s.textContent = f.suggestion;
      li.appendChild(s);
      var actions = document.createElement("span");
      actions.className = "finding-actions";
      (f.replacements || []).forEach(function (rep) {
        var b = document.createElement("button");
        b.type = "button";
        b.className = "button small-button apply";
        b.textContent = (form.dataset.apply || "Use “%s”").replace("%s", rep.text);
        b.addEventListener("click", function () {
          var t = area.value;
          // The text changed since the coach looked: ask again.
          if (t.slice(rep.start, rep.end) !== rep.was) { coach(area); return; }
          area.value = t.slice(0, rep.start) + rep.text + t.slice(rep.end);
          area.focus();
          area.setSelectionRange(rep.start + rep.text.length, rep.start + rep.text.length);
          area.dispatchEvent(new Event("input", {bubbles: true}));
        });
        actions.appendChild(b);
      });
      if (f.severity !== "block") {
        var d = document.createElement("button");
        d.type = "button";
        d.className = "link dismiss";
        d.textContent = form.dataset.dismiss || "Dismiss";
        d.addEventListener("click", function () { dismiss(area, f); });
        actions.appendChild(d);
      }
      li.appendChild(actions);
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }
  function coach(area) {
    fetch("/notes/coach", {method: "POST", headers: {"Content-Type": "application/json", "Accept": "application/json"},
      body: JSON.stringify({program_id: programID(), participant_id: Number(form.dataset.participant),
        field: area.dataset.coach, text: area.value})})
      .then(function (res) { return res.ok ? res.json() : {findings: []}; })
      .then(function (body) { render(area, body.findings || []); })
      .catch(function () {});
  }
  function dismiss(area, f) {
    var go = function () {
      var body = new URLSearchParams({field: f.field, rule_id: f.rule_id, words: f.words});
      return fetch("/notes/" + form.dataset.note + "/dismiss", {method: "POST", body: body, headers: {"Accept": "application/json"}})
        .then(function (res) {
          if (res.ok) { dismissed[f.field + "|" + f.rule_id + "|" + f.words.toLowerCase()] = true; coach(area); }
        });
    };
    (Number(form.dataset.note) ? Promise.resolve() : save()).then(go);
  }
  Array.prototype.forEach.call(form.querySelectorAll("textarea[data-coach]"), function (area) {
    var t = null;
    area.addEventListener("input", function () { clearTimeout(t); t = setTimeout(function () { coach(area); }, 400); });
    if (area.value) { coach(area); }
  });

  // --- start/stop timer -------------------------------------------------
  var timer = document.getElementById("timer");
  if (timer) {
    var zone = Number(form.dataset.zoneMinutes || 0);
    var running = false;
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    var now = function () { return new Date(Date.now() + zone * 60000); };
    var set = function (name, value) {
      var el = form.querySelector("[name=" + name + "]");
      el.value = value;
      el.dispatchEvent(new Event("input", {bubbles: true}));
    };
    timer.hidden = false;
    timer.addEventListener("click", function () {
      var t = now();
      var hm = pad(t.getUTCHours()) + ":" + pad(t.getUTCMinutes());
      if (!running) {
        set("service_date", t.getUTCFullYear() + "-" + pad(t.getUTCMonth() + 1) + "-" + pad(t.getUTCDate()));
        set("start", hm);
        set("end", "");
        timer.textContent = form.dataset.stopTimer;
      } else {
        set("end", hm);
        timer.textContent = form.dataset.startTimer;
      }
      running = !running;
      timer.setAttribute("aria-pressed", running ? "true" : "false");
    });
  }
});
