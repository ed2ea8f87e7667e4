// Front-desk pages: progressive enhancement only; every page works without this file.
// * terminal: focus on the code field (a QR scanner types into it), reset when idle;
// * ticket: print button, back to the start after a short time;
// * display: live calls over SSE, gong and optional speech for new calls, reconnects;
// * follow: the citizen's ticket, live over SSE;
// * desk: one key per action, and the lists reload when the queue changes.
(function () {
  "use strict";

  function role() {
    var el = document.querySelector("[data-role]");
    return el ? el : null;
  }

  // EventSource reconnects by itself; this also reconnects after the server closed the
  // stream and reports the connection state.
  function live(url, onState, onStatus) {
    var source;
    var retry = 1000;
    function connect() {
      source = new EventSource(url);
      source.addEventListener("state", function (e) {
        retry = 1000;
        if (onStatus) { onStatus(true); }
        try { onState(JSON.parse(e.data)); } catch (err) { /* a malformed message is skipped */ }
      });
      source.onerror = function () {
        if (onStatus) { onStatus(false); }
        if (source.readyState === EventSource.CLOSED) {
          setTimeout(connect, retry);
          retry = Math.min(retry * 2, 30000);
        }
      };
    }
    connect();
  }

  function idleReset(seconds, target) {
    var timer;
    function arm() {
      clearTimeout(timer);
      timer = setTimeout(function () { window.location.replace(target); }, seconds * 1000);
    }
    ["keydown", "pointerdown", "input", "touchstart"].forEach(function (ev) {
      document.addEventListener(ev, arm, { passive: true });
    });
    arm();
  }

  function terminal() {
    var input = document.querySelector("[data-autofocus-input]");
    if (input) { input.focus(); }
    // Back to an empty start screen when nobody touches it for a minute.
    if (input && input.value) { idleReset(60, "/terminal"); } else { idleReset(120, "/terminal"); }
  }

  function ticket() {
    var print = document.querySelector("[data-print]");
    if (print) {
      print.hidden = false;
      print.addEventListener("click", function () { window.print(); });
    }
    // Nothing of the citizen stays on screen: the start page replaces the ticket.
    idleReset(30, "/terminal");
  }

  function text(el, value) { if (el) { el.textContent = value || ""; } }

  function follow(root) {
    var template = document.getElementById("position-template");
    var hint = document.querySelector("[data-static-hint]");
    if (hint) { hint.hidden = true; }
    live(root.getAttribute("data-live"), function (s) {
      text(root.querySelector("[data-field=headline]"), s.headline);
      text(root.querySelector("[data-field=detail]"), s.detail);
      var position = "";
      if (s.position && template) { position = template.innerHTML.replace("{position}", s.position); }
      text(root.querySelector("[data-field=position]"), position);
      var soon = root.querySelector("[data-field=soon]");
      if (soon) {
        soon.hidden = !s.soon;
        text(soon, s.soon);
      }
    });
  }

  function gong(ctx) {
    if (!ctx) { return; }
    [660, 523].forEach(function (freq, i) {
      var osc = ctx.createOscillator();
      var gain = ctx.createGain();
      var start = ctx.currentTime + i * 0.45;
      osc.frequency.value = freq;
      osc.type = "sine";
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.6, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 1.2);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start);
      osc.stop(start + 1.3);
    });
  }

  function speak(call) {
    if (!("speechSynthesis" in window)) { return; }
    [["de-DE", call.say_de], ["en-GB", call.say_en]].forEach(function (pair) {
      var u = new SpeechSynthesisUtterance(pair[1]);
      u.lang = pair[0];
      window.speechSynthesis.speak(u);
    });
  }

  function display(root) {
    var grid = root.querySelector("[data-live]");
    var toText = (document.getElementById("to-template") || {}).innerHTML || "";
    var offline = (document.getElementById("offline-template") || {}).innerHTML || "";
    var waitingTemplate = (document.getElementById("waiting-template") || {}).innerHTML || "{count}";
    var seen = 0;
    document.querySelectorAll("[data-list] li[data-id]").forEach(function (li) {
      seen = Math.max(seen, parseInt(li.getAttribute("data-id"), 10) || 0);
    });
    var audio = null;
    var soundButton = root.querySelector("[data-sound]");
    var speechBox = root.querySelector("[data-speech]");
    var speechLabel = root.querySelector("[data-speech-label]");
    if (window.AudioContext) {
      soundButton.hidden = false;
      soundButton.addEventListener("click", function () {
        audio = audio || new AudioContext();
        audio.resume();
        soundButton.hidden = true;
        if ("speechSynthesis" in window) { speechLabel.hidden = false; }
        gong(audio);
      });
    }
    var clock = root.querySelector("[data-clock]");
    function tick() {
      var d = new Date();
      text(clock, ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2));
    }
    tick();
    setInterval(tick, 10000);

    function item(call, withTo) {
      var li = document.createElement("li");
      li.setAttribute("data-id", call.id);
      var number = document.createElement("span");
      number.className = "call-number";
      number.textContent = call.label;
      var arrow = document.createElement("span");
      arrow.className = "call-arrow";
      arrow.setAttribute("aria-hidden", "true");
      arrow.textContent = "→";
      var counter = document.createElement("span");
      counter.className = "call-counter";
      if (withTo) {
        var hidden = document.createElement("span");
        hidden.className = "visually-hidden";
        hidden.textContent = toText + " ";
        counter.appendChild(hidden);
      }
      counter.appendChild(document.createTextNode(call.counter));
      li.appendChild(number);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(arrow);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(counter);
      return li;
    }
    function fill(list, calls, withTo) {
      while (list.firstChild) { list.removeChild(list.firstChild); }
      calls.forEach(function (c) { list.appendChild(item(c, withTo)); });
    }
    var status = root.querySelector("[data-connection]");
    live(grid.getAttribute("data-live"), function (board) {
      fill(root.querySelector("[data-list=current]"), board.current, true);
      fill(root.querySelector("[data-list=recent]"), board.recent, false);
      root.querySelector("[data-empty]").hidden = board.current.length > 0;
      text(root.querySelector("[data-field=waiting]"), waitingTemplate.replace("{count}", board.waiting));
      text(root.querySelector("[data-field=wait]"), board.wait_text);
      var fresh = board.current.filter(function (c) { return c.id > seen; });
      if (fresh.length) {
        gong(audio);
        if (speechBox && speechBox.checked) { fresh.forEach(speak); }
        document.body.classList.add("display-flash");
        setTimeout(function () { document.body.classList.remove("display-flash"); }, 3000);
      }
      board.current.concat(board.recent).forEach(function (c) { seen = Math.max(seen, c.id); });
    }, function (ok) { text(status, ok ? "" : offline); });
  }

  function desk(root) {
    document.addEventListener("keydown", function (e) {
      if (e.ctrlKey || e.metaKey || e.altKey) { return; }
      var t = e.target;
      if (t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA" || t.isContentEditable)) { return; }
      var key = (e.key || "").toLowerCase();
      var target = root.querySelector("[data-key='" + key + "']");
      if (!target || target.disabled) { return; }
      e.preventDefault();
      if (target.tagName === "SUMMARY") {
        var box = target.parentElement;
        box.open = true;
        var first = box.querySelector("select, input, button");
        if (first) { first.focus(); }
      } else {
        target.click();
      }
    });
    var lists = document.getElementById("queue-lists");
    var last = null;
    live(root.getAttribute("data-live"), function (s) {
      if (last !== null && s.v !== last && lists) {
        fetch("/schalter", { credentials: "same-origin" }).then(function (r) { return r.text(); }).then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var fresh = doc.getElementById("queue-lists");
          if (fresh && !lists.contains(document.activeElement)) { lists.innerHTML = fresh.innerHTML; }
        });
      }
      last = s.v;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var el = role();
    if (!el) { return; }
    switch (el.getAttribute("data-role")) {
      case "terminal": terminal(); break;
      case "ticket": ticket(); break;
      case "display": display(el); break;
      case "follow": follow(el); break;
      case "desk": desk(el); break;
    }
  });
})();
