// Passkeys: add one to your account, sign in with one, or use one as the
// second step after your password. Each is two posts: ask the server for
// options, hand them to the browser, post the browser's answer back. The
// controls stay hidden where the browser cannot use passkeys. Every text
// shown comes from the page (the message catalog), none from here.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var supported = !!(window.PublicKeyCredential && navigator.credentials);
  document.querySelectorAll("[data-passkey-unsupported]").forEach(function (el) { el.hidden = supported; });
  if (!supported) { return; }
  document.querySelectorAll("[data-passkey]").forEach(function (box) {
    box.hidden = false;
    var kind = box.getAttribute("data-passkey");
    if (kind === "register") {
      box.addEventListener("submit", function (e) { e.preventDefault(); register(box); });
    } else if (kind === "reauth") {
      box.querySelector("button").addEventListener("click", function () { reauth(box); });
    } else {
      var start = kind === "signin" ? "/signin/passkey" : "/signin/code/passkey";
      box.querySelector("button").addEventListener("click", function () { signIn(box, start); });
    }
  });
});

function b64ToBytes(s) {
  s = s.replace(/-/g, "+").replace(/_/g, "/");
  while (s.length % 4) { s += "="; }
  var bin = atob(s), out = new Uint8Array(bin.length);
  for (var i = 0; i < bin.length; i++) { out[i] = bin.charCodeAt(i); }
  return out.buffer;
}

function bytesToB64(buf) {
  var bytes = new Uint8Array(buf), bin = "";
  for (var i = 0; i < bytes.length; i++) { bin += String.fromCharCode(bytes[i]); }
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

// creationOptions and requestOptions turn the server's JSON (ids and
// challenges in base64url) into what navigator.credentials expects.
function creationOptions(o) {
  var pk = o.publicKey;
  if (PublicKeyCredential.parseCreationOptionsFromJSON) { return { publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(pk) }; }
  pk.challenge = b64ToBytes(pk.challenge);
  pk.user.id = b64ToBytes(pk.user.id);
  (pk.excludeCredentials || []).forEach(function (c) { c.id = b64ToBytes(c.id); });
  return { publicKey: pk };
}

function requestOptions(o) {
  var pk = o.publicKey;
  if (PublicKeyCredential.parseRequestOptionsFromJSON) { return { publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(pk) }; }
  pk.challenge = b64ToBytes(pk.challenge);
  (pk.allowCredentials || []).forEach(function (c) { c.id = b64ToBytes(c.id); });
  return { publicKey: pk };
}

// answer is the browser's credential as JSON for the server.
function answer(cred) {
  if (cred.toJSON) { return cred.toJSON(); }
  var r = cred.response, out = {
    id: cred.id, rawId: bytesToB64(cred.rawId), type: cred.type,
    authenticatorAttachment: cred.authenticatorAttachment || undefined,
    clientExtensionResults: cred.getClientExtensionResults(), response: { clientDataJSON: bytesToB64(r.clientDataJSON) }
  };
  if (r.attestationObject) {
    out.response.attestationObject = bytesToB64(r.attestationObject);
    out.response.transports = r.getTransports ? r.getTransports() : [];
  } else {
    out.response.authenticatorData = bytesToB64(r.authenticatorData);
    out.response.signature = bytesToB64(r.signature);
    if (r.userHandle) { out.response.userHandle = bytesToB64(r.userHandle); }
  }
  return out;
}

function post(url, body) {
  return fetch(url, {
    method: "POST", credentials: "same-origin",
    headers: { "Content-Type": "application/json", "Accept": "application/json" },
    body: body === undefined ? "{}" : JSON.stringify(body)
  }).then(function (res) {
    return res.json().then(function (data) {
      if (!res.ok) { throw new ServerError(data && data.error ? data.error.message : ""); }
      return data;
    });
  });
}

function ServerError(message) { this.message = message; }

function say(box, text) {
  var status = box.querySelector("[data-passkey-status]");
  if (status) { status.textContent = text; }
}

// failed explains a failure: the server's own words, or the browser's
// (cancelled or timed out), or a general one.
function failed(box, err) {
  var button = box.querySelector("button");
  if (button) { button.disabled = false; }
  if (err instanceof ServerError && err.message) { say(box, err.message); return; }
  if (err && (err.name === "NotAllowedError" || err.name === "AbortError")) { say(box, box.getAttribute("data-msg-cancelled")); return; }
  say(box, box.getAttribute("data-msg-failed"));
}

function busy(box) {
  var button = box.querySelector("button");
  if (button) { button.disabled = true; }
  say(box, box.getAttribute("data-msg-working"));
}

function register(form) {
  var name = form.querySelector("input[name=name]").value.trim();
  busy(form);
  post("/account/passkeys/options", { name: name }).then(function (o) {
    return navigator.credentials.create(creationOptions(o));
  }).then(function (cred) {
    return post("/account/passkeys", { name: name, credential: answer(cred) });
  }).then(function (data) {
    window.location.assign(data.redirect);
  }).catch(function (err) { failed(form, err); });
}

function signIn(box, path) {
  busy(box);
  post(path + "/options").then(function (o) {
    return navigator.credentials.get(requestOptions(o));
  }).then(function (cred) {
    return post(path, answer(cred));
  }).then(function (data) {
    window.location.assign(data.redirect);
  }).catch(function (err) { failed(box, err); });
}

// reauth stands the passkey in for the password on the form around box
// (sign, approve, decide): the rest of the form is checked first, then the
// passkey, then the form is sent with the proof instead of the password.
function reauth(box) {
  var form = box.closest("form"), pw = form.querySelector("input[name=password]");
  if (pw) { pw.required = false; }
  if (!form.reportValidity()) { if (pw) { pw.required = true; } return; }
  busy(box);
  post("/account/passkeys/reauth/options").then(function (o) {
    return navigator.credentials.get(requestOptions(o));
  }).then(function (cred) {
    return post("/account/passkeys/reauth", answer(cred));
  }).then(function (data) {
    box.querySelector("input[name=passkey_proof]").value = data.proof;
    if (pw) { pw.value = ""; }
    var submit = form.querySelector("button[type=submit].primary") || form.querySelector("button[type=submit]");
    if (submit) { submit.click(); } else { form.submit(); }
  }).catch(function (err) {
    if (pw) { pw.required = true; }
    failed(box, err);
  });
}
