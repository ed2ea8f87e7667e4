// Progressive enhancement only: every page works without this file.
// Moves focus to an error summary so screen-reader users hear the problems at once.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-autofocus]");
  if (summary) { summary.focus(); }
});
