// Goldthread autosave: a form marked data-autosave saves itself a moment
// after each change, says whether it is saved, and keeps an encrypted copy
// on the device (drafts.js) until the server has what was typed. A copy
// found when the page opens is put back when it was typed on the version
// the server still has; when the server has moved on, both are shown and
// the person chooses: nothing is overwritten silently. The form works
// without this script (its buttons save). No third-party code.
"use strict";
window.goldthreadFlushers = window.goldthreadFlushers || [];
document.addEventListener("DOMContentLoaded", function () {
  Array.prototype.forEach.call(document.querySelectorAll("form[data-autosave]"), autosave);
});

function autosave(form) {
  var status = document.getElementById(form.dataset.status || "autosave-status");
  var version = form.querySelector("input[name=version]");
  var drafts = window.goldthreadDrafts;
  var user = document.body.dataset.user || "";
  var key = form.dataset.draftKey;
  var timer = null, localTimer = null, saving = null, edits = 0, savedEdits = 0, submitting = false;

  // The messages come from the catalog, as data-msg-* of the status line.
  function msg(state) { return (status && status.dataset["msg" + state.charAt(0).toUpperCase() + state.slice(1)]) || ""; }
  function say(state, text) {
    if (!status) { return; }
    status.dataset.state = state;
    status.textContent = text || msg(state);
  }

  // fields is the form as name/value pairs (the version travels apart).
  // A password, a passkey's proof and anything marked data-nosave (the
  // attestation) are never sent in the background nor kept on the device.
  function fields() {
    var skip = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && (el.type === "password" || el.name === "passkey_proof" || el.closest("[data-nosave]"))) { skip[el.name] = true; }
    });
    var out = [];
    new FormData(form).forEach(function (v, k) { if (k !== "version" && !skip[k] && typeof v === "string") { out.push([k, v]); } });
    return out;
  }
  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
  function restore(list) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "version" || el.type === "submit" || el.type === "button" || el.type === "file" ||
          el.type === "password" || el.type === "hidden") { return; }
      var values = list.filter(function (p) { return p[0] === el.name; }).map(function (p) { return p[1]; });
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = values.indexOf(el.value) >= 0;
      } else if (values.length) {
        // Several text fields may share a name; take them in order.
        var peers = form.querySelectorAll("[name=\"" + el.name + "\"]");
        var i = Array.prototype.indexOf.call(peers, el);
        if (values[i] !== undefined) { el.value = values[i]; }
      }
    });
  }
  // describe keeps, inside the encrypted copy, what the offline page
  // needs to show it: the title, and each text box with its label.
  function describe() {
    var boxes = [];
    Array.prototype.forEach.call(form.querySelectorAll("textarea[name]"), function (el) {
      var label = el.id && form.querySelector("label[for=\"" + el.id + "\"]");
      boxes.push({name: el.name, label: label ? label.textContent.replace(/\s+/g, " ").trim() : el.name});
    });
    var h1 = document.querySelector("h1");
    return {title: h1 ? h1.textContent : document.title, boxes: boxes, fields: fields()};
  }

  // --- the local copy ---------------------------------------------------
  function keepLocal() {
    clearTimeout(localTimer);
    if (!drafts || !key) { return Promise.resolve(false); }
    return drafts.put(user, key, Number(version.value || 0), location.pathname, describe())
      .then(function () { return true; }, function () { return false; });
  }
  function dropLocal() { if (drafts && key) { drafts.remove(user, key).catch(function () {}); } }

  // --- saving -------------------------------------------------------------
  // save sends the form; it resolves true once the server has every edit
  // made before it started.
  function save() {
    if (saving) { return saving.then(function () { return edits === savedEdits ? true : save(); }); }
    clearTimeout(timer);
    var upTo = edits;
    say("saving");
    saving = fetch(form.action, {method: "POST", credentials: "same-origin", redirect: "manual",
      body: new URLSearchParams(fields().concat([["version", version.value]])), headers: {"Accept": "application/json"}})
      .then(function (res) { return res.json().then(function (body) { return {res: res, body: body}; }, function () { return {res: res, body: {}}; }); })
      .then(function (r) {
        // A redirect is the sign-in page: the session has ended.
        if (r.res.type === "opaqueredirect") { return failed(401, {}); }
        if (!r.res.ok || !r.body.version) { return failed(r.res.status, r.body); }
        document.dispatchEvent(new Event("goldthread:activity"));
        version.value = r.body.version;
        form.dataset.note = r.body.id;
        if (r.body.action && form.getAttribute("action") !== r.body.action) {
          // A new draft now exists: later saves go to it, and the local
          // copy follows it under its own key.
          form.setAttribute("action", r.body.action);
          history.replaceState(null, "", r.body.edit);
          if (drafts && key && r.body.draft_key && r.body.draft_key !== key) { dropLocal(); key = r.body.draft_key; form.dataset.draftKey = key; }
        }
        savedEdits = upTo;
        if (edits === upTo) {
          dropLocal();
          say("saved", r.body.saved_text);
        } else {
          keepLocal();
        }
        form.dispatchEvent(new CustomEvent("goldthread:saved", {detail: r.body}));
        return true;
      }, function () {
        // No answer at all: the connection is down.
        return keepLocal().then(function (kept) { say(kept ? "offline" : "nocopy"); return false; });
      })
      .then(function (ok) {
        saving = null;
        if (ok && edits !== savedEdits) { schedule(); }
        return ok;
      });
    return saving;
  }
  function failed(code, body) {
    return keepLocal().then(function () {
      var why = (body && body.error && body.error.message) || "";
      if (code === 409) { say("conflict", msg("conflict") + " " + why); }
      else if (code === 401 || code === 403) { say("signedout"); }
      else { say("failed", msg("failed") + " " + why); }
      return false;
    });
  }
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(save, 1500);
  }
  function changed(e) {
    var el = e && e.target;
    if (el && el.closest && (el.type === "password" || el.closest("[data-nosave]"))) { return; } // not saved, so no change
    edits++;
    say("unsaved");
    clearTimeout(localTimer);
    localTimer = setTimeout(keepLocal, 300);
    schedule();
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  window.addEventListener("online", function () { if (edits !== savedEdits) { save(); } });
  // Leaving the page in the middle of a word: keep it on the device.
  window.addEventListener("pagehide", function () { if (edits !== savedEdits) { keepLocal(); } });

  // flush saves what is pending; the time-out and sign-out wait for it.
  function flush() {
    if (edits === savedEdits && !saving) { return Promise.resolve(true); }
    return keepLocal().then(save);
  }
  window.goldthreadFlushers.push(flush);
  form.goldthreadSave = flush;

  // The buttons submit the form as a page. Save first in the background,
  // so an offline tap keeps the text here instead of losing it to an
  // error page; a refusal (a field to fix) still goes to the page, which
  // shows the error beside its field.
  form.addEventListener("submit", function (e) {
    if (submitting || (edits === savedEdits && !saving)) { return; }
    e.preventDefault();
    var button = e.submitter || null;
    flush().then(function (ok) {
      if (!ok && status && (status.dataset.state === "offline" || status.dataset.state === "conflict")) { return; }
      submitting = true;
      // Not from inside this submit event, which is still being handled
      // when a promise settles at once: the browser would ignore it.
      setTimeout(function () { if (button) { form.requestSubmit(button); } else { form.requestSubmit(); } }, 0);
    });
  });

  // --- on opening: a copy left from before --------------------------------
  if (!drafts || !key) { return; }
  drafts.unlock(user).catch(function () {});
  drafts.get(user, key).then(function (local) {
    if (!local || !local.body) { return; }
    var now = fields();
    if (same(local.body.fields, now)) { dropLocal(); return; }
    if (local.version === Number(version.value || 0)) {
      restore(local.body.fields);
      changed();
      say("restored");
      save();
      return;
    }
    conflict(local);
  });

  // conflict shows the device's copy beside the saved version and lets
  // the person choose which to keep.
  function conflict(local) {
    var box = document.getElementById("draft-conflict");
    if (!box) { return; }
    var list = box.querySelector("dl");
    list.textContent = "";
    (local.body.boxes || []).forEach(function (b) {
      var text = local.body.fields.filter(function (p) { return p[0] === b.name; }).map(function (p) { return p[1]; }).join("\n");
      if (!text) { return; }
      var dt = document.createElement("dt"); dt.textContent = b.label;
      var dd = document.createElement("dd"); dd.textContent = text;
      list.appendChild(dt); list.appendChild(dd);
    });
    box.hidden = false;
    say("conflict");
    box.querySelector("[data-keep=device]").addEventListener("click", function () {
      restore(local.body.fields);
      box.hidden = true;
      changed();
      save();
    });
    box.querySelector("[data-keep=server]").addEventListener("click", function () {
      dropLocal();
      box.hidden = true;
      say("saved", msg("kept"));
    });
  }
}
