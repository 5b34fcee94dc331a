// CSV exports with progress: the form works without this script (a plain
// download); with it, the file is fetched as a stream, the rows received
// are counted against X-Export-Rows and shown, then saved under the name
// the server gave.
(function () {
  'use strict';
  document.querySelectorAll('form[data-export]').forEach(function (form) {
    var status = form.querySelector('[data-export-status]');
    var bar = form.querySelector('[data-export-progress]');
    var button = form.querySelector('button[type="submit"]');
    // The page's words, from the server's catalog: "%d of %d %{row|rows}".
    // A plural choice agrees with the count before it (the first count
    // when none comes before it), as goldthread.Sprintf writes them.
    function fill(msg, nums) {
      var k = 0, before = [], c = 0, d = 0;
      msg.replace(/%d|%\{[^}]*\}/g, function (m) { if (m === '%d') k++; else before.push(k); return m; });
      return msg.replace(/%d|%\{([^|}]*)\|([^}]*)\}/g, function (m, one, other) {
        if (m === '%d') return String(nums[d++]);
        return nums[Math.max(before[c++] - 1, 0)] === 1 ? one : other;
      });
    }
    function progress(rows, total) { return fill(form.dataset.msgProgress, [rows, total]); }
    form.addEventListener('submit', function (ev) {
      if (!window.fetch || !window.ReadableStream) return; // plain download
      ev.preventDefault();
      button.disabled = true;
      status.textContent = form.dataset.msgPreparing;
      fetch(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form)), credentials: 'same-origin' })
        .then(function (res) {
          if (!res.ok || !res.body) { form.submit(); return null; } // let the server's page explain
          var total = parseInt(res.headers.get('X-Export-Rows') || '0', 10);
          var name = (/filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') || '') || [])[1] || 'export.csv';
          var reader = res.body.getReader(), chunks = [], lines = 0, shown = 0;
          bar.hidden = false;
          bar.max = Math.max(total, 1);
          function pump() {
            return reader.read().then(function (r) {
              if (r.done) return;
              chunks.push(r.value);
              for (var i = 0; i < r.value.length; i++) if (r.value[i] === 10) lines++;
              var rows = Math.max(0, Math.min(lines - 1, total)); // the first line is the header
              bar.value = rows;
              if (rows - shown >= Math.max(1, total / 20) || rows === total) {
                shown = rows;
                status.textContent = progress(rows, total);
              }
              return pump();
            });
          }
          return pump().then(function () {
            var url = URL.createObjectURL(new Blob(chunks, { type: 'text/csv' }));
            var a = document.createElement('a');
            a.href = url; a.download = name; document.body.appendChild(a); a.click(); a.remove();
            setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
            status.textContent = fill(form.dataset.msgDone, [total]);
          });
        })
        .catch(function () { status.textContent = form.dataset.msgFailed; })
        .then(function () { button.disabled = false; });
    });
  });
})();
