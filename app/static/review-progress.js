// Heard review: while an analysis runs, keep its progress bar current without reloading the
// page (a timed reload would move a screen reader's place and break WCAG 2.2.1). Every few
// seconds the run page is fetched again and only the progress block is swapped in; when the
// run is over, the page loads once to show the themes. Without scripts, "Refresh now" does it.
(() => {
  "use strict";
  const block = document.getElementById("run-progress");
  if (!block || !block.dataset.poll || !window.fetch || !window.DOMParser) return;
  const url = block.dataset.poll;
  const EVERY_MS = 4000;

  const poll = async () => {
    try {
      const response = await fetch(url, {credentials: "same-origin", headers: {Accept: "text/html"}});
      if (!response.ok) return;
      const next = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = next.getElementById("run-progress");
      if (!fresh) {
        window.location.reload();
        return;
      }
      const bar = block.querySelector("progress");
      const freshBar = fresh.querySelector("progress");
      if (bar && freshBar) {
        bar.value = freshBar.value;
        bar.textContent = freshBar.textContent;
      }
      const status = block.querySelector("[role=status]");
      const freshStatus = fresh.querySelector("[role=status]");
      if (status && freshStatus && status.textContent !== freshStatus.textContent) {
        status.textContent = freshStatus.textContent;
      }
    } catch (error) {
      // No connection for a moment: try again at the next tick.
    }
  };
  window.setInterval(poll, EVERY_MS);
})();
