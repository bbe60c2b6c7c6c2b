/* The patrol log on a phone: "record my location" takes a position every half minute while the page
   is open (kept in the hidden route field, so the draft keeps it too), and the photo button says how
   many photos were chosen. Texts come from the page's data attributes, translated there. */
(function () {
  "use strict";
  var form = document.getElementById("patrol-log-form");
  if (!form) { return; }
  var route = form.querySelector("input[name=route]");
  var box = form.querySelector("[data-route]");
  var button = document.getElementById("route-button");
  var status = document.getElementById("route-status");
  var EVERY_MS = 30 * 1000;
  var watch = null;
  var lastAt = 0;

  function points() {
    try { return JSON.parse(route.value || "[]"); } catch (e) { return []; }
  }
  function show() {
    var n = points().length;
    if (n) { status.textContent = box.getAttribute("data-count") + n; }
  }
  function keep(position) {
    if (Date.now() - lastAt < EVERY_MS) { return; }
    lastAt = Date.now();
    var list = points();
    list.push([position.coords.latitude, position.coords.longitude, new Date().toISOString()]);
    route.value = JSON.stringify(list);
    form.dispatchEvent(new Event("change"));  // the draft script saves on change
    show();
  }
  function refused() {
    status.textContent = box.getAttribute("data-refused");
    stop();
  }
  function stop() {
    if (watch !== null) { navigator.geolocation.clearWatch(watch); }
    watch = null;
    button.textContent = box.getAttribute("data-idle");
  }
  if (!navigator.geolocation) { box.hidden = true; }
  button.addEventListener("click", function () {
    if (watch !== null) { stop(); return; }
    lastAt = 0;
    watch = navigator.geolocation.watchPosition(keep, refused, { enableHighAccuracy: true, maximumAge: 10000 });
    button.textContent = box.getAttribute("data-recording");
  });
  window.addEventListener("load", show);

  var photos = form.querySelector("input[type=file]");
  var photoStatus = document.getElementById("photo-status");
  if (photos && photoStatus) {
    photos.addEventListener("change", function () {
      photoStatus.textContent = photoStatus.getAttribute("data-chosen") + photos.files.length;
    });
  }
})();
