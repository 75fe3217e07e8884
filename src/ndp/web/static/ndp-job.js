// Reloads a running job's page every two seconds until the job ends (the finished page has no
// data-job-running element). A static file, so the page's CSP needs no inline script.
const running = document.querySelector("[data-job-running]");
if (running) {
  setTimeout(() => window.location.reload(), 2000);
}
