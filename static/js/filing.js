/* The request form (requests/request_new.html): says which photos were chosen under 添加照片, and keeps the
   folded place panel's summary naming the place that will be posted (also after "use my location" adds some). */
(function () {
  "use strict";
  var form = document.getElementById("request-form");
  if (!form) { return; }
  var photos = form.querySelector("input[type=file][name=photos]");
  var chosen = document.getElementById("photo-chosen");
  function showPhotos() {
    var files = Array.prototype.map.call(photos.files || [], function (file) { return file.name; });
    if (!files.length) { chosen.textContent = ""; return; }
    var lead = files.length === 1 ? chosen.getAttribute("data-one") : chosen.getAttribute("data-many").replace("{n}", files.length);
    chosen.textContent = lead + (lead.slice(-1) === "：" ? "" : " ") + files.join("、");  // no space after a full-width colon
  }
  if (photos && chosen) { photos.addEventListener("change", showPhotos); }

  var places = document.getElementById("id_place"), summary = document.getElementById("place-summary");
  function showPlace() {
    var checked = places.querySelector("input[name=place]:checked");
    var label = checked && checked.closest("label");
    if (label) { summary.textContent = label.textContent.trim(); }
  }
  if (places && summary) {
    places.addEventListener("change", showPlace);
    var status = document.getElementById("locate-status");
    if (window.MutationObserver && status) { new MutationObserver(showPlace).observe(status, {childList: true, characterData: true, subtree: true}); }
  }
})();
