/* Keeps what a worker typed into a form in localStorage, so a dropped network loses nothing.
   The form names its storage key in data-draft-key; files, passwords and the CSRF token are never
   stored. The hidden idempotency key IS kept: a resubmit after a drop then finds the activity the
   first submit created instead of making a second one. The draft is cleared once the server
   answers with a page that no longer holds the form (the success redirect). */
(function () {
  "use strict";
  var form = document.querySelector("form[data-draft-key]");
  if (!form || !window.localStorage) { return; }
  var key = "draft:" + form.getAttribute("data-draft-key");
  var skip = { file: true, password: true, submit: true, button: true };
  var MAX_AGE_MS = 12 * 60 * 60 * 1000; // a draft from yesterday is not this visit's work

  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && !skip[el.type] && el.name !== "csrfmiddlewaretoken";
    });
  }
  // A checkbox or radio button is kept by whether it is ticked, under its name and value (a group shares a name).
  function ticks(el) { return el.type === "checkbox" || el.type === "radio"; }
  function slot(el) { return ticks(el) ? el.name + "=" + el.value : el.name; }
  function save() {
    var data = {};
    fields().forEach(function (el) { data[slot(el)] = ticks(el) ? el.checked : el.value; });
    try { localStorage.setItem(key, JSON.stringify({ savedAt: Date.now(), fields: data })); } catch (e) { /* storage full or denied */ }
  }
  function restore() {
    var raw = localStorage.getItem(key);
    if (!raw) { return; }
    var data;
    try { data = JSON.parse(raw); } catch (e) { data = null; }
    if (!data || !data.fields || Date.now() - data.savedAt > MAX_AGE_MS) { localStorage.removeItem(key); return; }
    data = data.fields;
    var restored = false;
    fields().forEach(function (el) {
      var name = slot(el), current = ticks(el) ? el.checked : el.value;
      if (Object.prototype.hasOwnProperty.call(data, name) && current !== data[name]) {
        if (ticks(el)) { el.checked = data[name]; } else { el.value = data[name]; }
        restored = true;
        var folded = el.closest("details");
        if (folded) { folded.open = true; }
      }
    });
    var note = document.getElementById("draft-note");
    if (restored && note) { note.hidden = false; }
  }

  // A page that shows server-side errors already holds what was posted: keep the draft in step with it.
  if (form.querySelector(".error, .errors")) { save(); } else { restore(); }
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  form.addEventListener("submit", save);
})();

/* On any page that carries data-draft-clear (the success page), forget the named draft. */
(function () {
  "use strict";
  var marker = document.querySelector("[data-draft-clear]");
  if (marker && window.localStorage) { localStorage.removeItem("draft:" + marker.getAttribute("data-draft-clear")); }
})();
