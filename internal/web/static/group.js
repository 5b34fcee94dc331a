// Goldthread group form: after each save (autosave.js), the list of what
// would stop signing is replaced by the server's, so the facilitator sees
// it shrink as the lines are filled in. No third-party code.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("group-form");
  var box = document.getElementById("group-problems");
  if (!form || !box) { return; }
  form.addEventListener("goldthread:saved", function (e) {
    var list = e.detail && e.detail.problems;
    if (!list) { return; }
    box.textContent = "";
    if (!list.length) { return; }
    var h = document.createElement("h3");
    h.textContent = e.detail.problems_title;
    var ul = document.createElement("ul");
    ul.className = "presign-list";
    list.forEach(function (text) {
      var li = document.createElement("li");
      li.textContent = text;
      ul.appendChild(li);
    });
    box.appendChild(h);
    box.appendChild(ul);
  });
});
