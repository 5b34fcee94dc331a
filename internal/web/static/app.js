// Goldthread's small script. Every page works without it; it only adds
// conveniences. No third-party code.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Move focus to the first field with an error so keyboard and screen
  // reader users land where the fix is needed.
  var invalid = document.querySelector("[aria-invalid=\"true\"]");
  if (invalid) { invalid.focus(); }
});
