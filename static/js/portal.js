/* The portal's few behaviours, from a file: the Content-Security-Policy allows no inline script or handler. */
(function () {
  "use strict";
  // A response template fills the note it names: <select data-fills="id_note">.
  document.addEventListener("change", function (event) {
    var picker = event.target.closest ? event.target.closest("select[data-fills]") : null;
    if (!picker || !picker.value) { return; }
    var target = document.getElementById(picker.getAttribute("data-fills"));
    if (target) { target.value = picker.value; }
  });
  // A cascading picker sends its own value under another name: <select hx-get="..." data-send-as="parent">.
  // (htmx's hx-vals="js:..." would need eval, which the policy forbids.)
  document.addEventListener("htmx:configRequest", function (event) {
    var element = event.detail.elt;
    var name = element && element.getAttribute && element.getAttribute("data-send-as");
    if (name) { event.detail.parameters[name] = element.value; }
  });
})();
