// storyline's only script: it follows an add job's progress without
// reloading the page (the page reloads itself where scripts do not run),
// and "/" jumps to the search box. Nothing here touches article text.
"use strict";
(function () {
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable)) return;
    var box = document.getElementById("s-q") || document.getElementById("e-q");
    if (!box) { window.location.href = "/search"; return; }
    e.preventDefault();
    box.focus();
  });

  var job = document.getElementById("job");
  if (!job) return;
  var state = job.getAttribute("data-state");
  if (state !== "queued" && state !== "running") return;
  var id = job.getAttribute("data-job");
  var bar = job.querySelector("progress");
  var count = job.querySelector(".count");
  var label = job.querySelector(".state");
  function poll() {
    fetch("/api/jobs/" + encodeURIComponent(id), { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error("status " + r.status); return r.json(); })
      .then(function (j) {
        if (j.state !== "queued" && j.state !== "running") { window.location.reload(); return; }
        if (label) label.textContent = j.state === "queued" ? "Waiting for its turn…" : "Analysing…";
        if (j.total > 0) {
          var pct = Math.min(100, Math.floor(j.done * 100 / j.total));
          if (bar) { bar.value = pct; bar.textContent = pct + "%"; }
          if (count) count.textContent = j.done + " of " + j.total + " done";
        }
        window.setTimeout(poll, 400);
      })
      .catch(function () { window.setTimeout(function () { window.location.reload(); }, 1500); });
  }
  window.setTimeout(poll, 200);
})();
