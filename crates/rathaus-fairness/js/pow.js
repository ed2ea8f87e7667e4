// rathaus proof of work (ALTCHA v1 format), progressive enhancement only.
//
// HTML contract: a form contains
//   <input type="hidden" name="altcha" value="" data-challenge='{"algorithm":"SHA-256",...}'>
// and optionally an element [data-pow-status] (aria-live) with the texts
// data-text-working and data-text-done. On load the challenge is solved with Web Crypto,
// in batches so the page stays responsive, and the base64 solution is written into the
// input. Submitting early waits for the solution. Without Web Crypto (no JavaScript, old
// browser, plain http) nothing happens and the server's slower no-JavaScript pass applies.
// No inline code, no eval, no network requests: works under a strict CSP.
(function () {
  "use strict";

  var subtle = typeof crypto !== "undefined" && crypto.subtle ? crypto.subtle : null;
  var encoder = typeof TextEncoder !== "undefined" ? new TextEncoder() : null;

  function hex(buffer) {
    var bytes = new Uint8Array(buffer);
    var out = "";
    for (var i = 0; i < bytes.length; i++) {
      out += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
    }
    return out;
  }

  function toBase64(text) {
    if (typeof btoa === "function") {
      return btoa(unescape(encodeURIComponent(text)));
    }
    return Buffer.from(text, "utf-8").toString("base64");
  }

  // Finds the number whose SHA-256(salt + number) is the challenge; resolves to the
  // base64 payload, or null if none in 0..maxnumber.
  async function solve(c) {
    if (!subtle || !encoder || c.algorithm !== "SHA-256") { return null; }
    var batch = 64;
    for (var start = 0; start <= c.maxnumber; start += batch) {
      var jobs = [];
      for (var n = start; n < start + batch && n <= c.maxnumber; n++) {
        jobs.push(subtle.digest("SHA-256", encoder.encode(c.salt + n)));
      }
      var digests = await Promise.all(jobs);
      for (var k = 0; k < digests.length; k++) {
        if (hex(digests[k]) === c.challenge) {
          return toBase64(JSON.stringify({
            algorithm: c.algorithm, challenge: c.challenge, number: start + k,
            salt: c.salt, signature: c.signature
          }));
        }
      }
      if (start % 4096 === 0) { await new Promise(function (r) { setTimeout(r, 0); }); }
    }
    return null;
  }

  function enhance(input) {
    var challenge;
    try { challenge = JSON.parse(input.getAttribute("data-challenge")); } catch (e) { return; }
    var form = input.form;
    var status = form ? form.querySelector("[data-pow-status]") : null;
    if (status) { status.textContent = status.getAttribute("data-text-working") || ""; }
    var done = solve(challenge).then(function (payload) {
      if (payload) { input.value = payload; }
      if (status) { status.textContent = payload ? (status.getAttribute("data-text-done") || "") : ""; }
      return payload;
    });
    if (!form) { return; }
    var waiting = false;
    form.addEventListener("submit", function (event) {
      if (input.value || waiting) { return; }
      event.preventDefault();
      waiting = true;
      done.then(function () { form.submit(); });
    });
  }

  if (typeof document !== "undefined") {
    var start = function () {
      var inputs = document.querySelectorAll("input[name=altcha][data-challenge]");
      for (var i = 0; i < inputs.length; i++) { enhance(inputs[i]); }
    };
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", start);
    } else {
      start();
    }
  }
  if (typeof module !== "undefined" && module.exports) {
    module.exports = { solve: solve };
  }
})();
