// Goldthread's local copies: what a person types in a form that saves
// itself is also kept on the device, encrypted, until the server has it,
// so a dropped connection, a reload on a bus or a time-out loses nothing.
//
// Each copy is encrypted with AES-GCM under a key made by Web Crypto as
// non-extractable: the key object lives in IndexedDB, but its bytes can
// never be read out, exported or sent anywhere, so the stored copy is of
// no use off this browser profile. Only ids, versions and times are kept
// in plain text; the fields, the page title and the labels are in the
// ciphertext. Sign-out wipes everything (the server also answers sign-out
// with Clear-Site-Data). A time-out locks the copies: they are still
// saved after the next sign-in, but the offline page no longer shows them.
// No third-party code.
"use strict";
window.goldthreadDrafts = (function () {
  if (!window.indexedDB || !window.crypto || !window.crypto.subtle || !window.isSecureContext) { return null; }
  var DB = "goldthread-drafts";
  var opened = null;

  function open() {
    if (opened) { return opened; }
    opened = new Promise(function (resolve, reject) {
      var req = indexedDB.open(DB, 1);
      req.onupgradeneeded = function () {
        req.result.createObjectStore("keys", {keyPath: "user"});
        req.result.createObjectStore("copies", {keyPath: "id"});
      };
      req.onsuccess = function () {
        var db = req.result;
        // Another tab wiping the database (sign-out) asks us to let go.
        db.onversionchange = function () { db.close(); opened = null; };
        resolve(db);
      };
      req.onerror = function () { reject(req.error); };
      req.onblocked = function () { reject(new Error("blocked")); };
    });
    opened.catch(function () { opened = null; });
    return opened;
  }

  // run performs fn on the named stores in one transaction and resolves
  // with what fn's last request produced, once the transaction commits.
  function run(stores, mode, fn) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(stores, mode);
        var out;
        var req = fn(tx);
        if (req) { req.onsuccess = function () { out = req.result; }; }
        tx.oncomplete = function () { resolve(out); };
        tx.onerror = tx.onabort = function () { reject(tx.error); };
      });
    });
  }

  // keyFor returns the person's key, making one the first time.
  function keyFor(user) {
    return run(["keys"], "readonly", function (tx) { return tx.objectStore("keys").get(user); }).then(function (rec) {
      if (rec) { return rec.key; }
      return crypto.subtle.generateKey({name: "AES-GCM", length: 256}, false, ["encrypt", "decrypt"]).then(function (key) {
        return run(["keys"], "readwrite", function (tx) { return tx.objectStore("keys").put({user: user, key: key}); })
          .then(function () { return key; });
      });
    });
  }

  function idOf(user, key) { return user + "|" + key; }
  var enc = new TextEncoder(), dec = new TextDecoder();

  // put keeps body (fields, title, labels: anything JSON) for the form
  // key of user, noting the server version it was typed on.
  function put(user, key, version, url, body) {
    var iv = crypto.getRandomValues(new Uint8Array(12));
    var id = idOf(user, key);
    return keyFor(user).then(function (k) {
      return crypto.subtle.encrypt({name: "AES-GCM", iv: iv, additionalData: enc.encode(id)}, k, enc.encode(JSON.stringify(body)));
    }).then(function (data) {
      return run(["copies"], "readwrite", function (tx) {
        return tx.objectStore("copies").put({id: id, user: user, key: key, version: version, url: url, at: Date.now(), iv: iv, data: data});
      });
    });
  }

  // read decrypts a stored copy: {key, version, url, at, locked, body}.
  function read(rec) {
    return run(["keys"], "readonly", function (tx) { return tx.objectStore("keys").get(rec.user); }).then(function (k) {
      if (!k) { return null; }
      return crypto.subtle.decrypt({name: "AES-GCM", iv: rec.iv, additionalData: enc.encode(rec.id)}, k.key, rec.data).then(function (plain) {
        return {user: rec.user, key: rec.key, version: rec.version, url: rec.url, at: rec.at, locked: !!k.locked, body: JSON.parse(dec.decode(plain))};
      });
    }).catch(function () { return null; });
  }

  function get(user, key) {
    return run(["copies"], "readonly", function (tx) { return tx.objectStore("copies").get(idOf(user, key)); })
      .then(function (rec) { return rec ? read(rec) : null; });
  }

  // atURL finds the copies typed on the page at url (the offline page).
  function atURL(url) {
    return run(["copies"], "readonly", function (tx) { return tx.objectStore("copies").getAll(); }).then(function (all) {
      return Promise.all((all || []).filter(function (r) { return r.url === url; }).map(read));
    }).then(function (list) { return list.filter(Boolean); });
  }

  function remove(user, key) {
    return run(["copies"], "readwrite", function (tx) { return tx.objectStore("copies").delete(idOf(user, key)); });
  }

  // lock marks user's copies as not to be shown until they sign in again
  // (a time-out); unlock undoes it on a signed-in page.
  function setLocked(user, locked) {
    return run(["keys"], "readwrite", function (tx) {
      var store = tx.objectStore("keys");
      var req = store.get(user);
      req.onsuccess = function () {
        if (req.result && !!req.result.locked !== locked) { req.result.locked = locked; store.put(req.result); }
      };
      return null;
    });
  }

  // wipe deletes every copy and key on this device (sign-out).
  function wipe() {
    var close = opened ? opened.then(function (db) { db.close(); }, function () {}) : Promise.resolve();
    opened = null;
    return close.then(function () {
      return new Promise(function (resolve) {
        var req = indexedDB.deleteDatabase(DB);
        req.onsuccess = req.onerror = req.onblocked = function () { resolve(); };
      });
    });
  }

  return {put: put, get: get, atURL: atURL, remove: remove, lock: function (u) { return setLocked(u, true); },
    unlock: function (u) { return setLocked(u, false); }, wipe: wipe};
})();
