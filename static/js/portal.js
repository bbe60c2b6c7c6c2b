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
  // The request form's similar-request suggestions ask by node code: <div hx-get="..." data-send-place="place">
  // sends the checked place radio's data-code (a courtyard offered near the phone has its code as its value).
  document.addEventListener("htmx:configRequest", function (event) {
    var element = event.detail.elt;
    var name = element && element.getAttribute && element.getAttribute("data-send-place");
    if (!name) { return; }
    var checked = document.querySelector('input[name="' + name + '"]:checked');
    if (checked) { event.detail.parameters.place = checked.getAttribute("data-code") || checked.value; }
  });
  // The request form's "use my location" button: <button data-locate="/requests/new/places/">. Fills the hidden
  // lat/long and adds the courtyards near the phone to the "Where" choices, the nearest one checked.
  function offerPlaces(places) {
    var list = document.getElementById("id_place");
    if (!list) { return; }
    places.forEach(function (place, index) {
      var input = list.querySelector('input[value="' + place.code + '"]');
      if (!input) {
        var row = document.createElement("div"), label = document.createElement("label");
        input = document.createElement("input");
        input.type = "radio"; input.name = "place"; input.value = place.code;
        input.id = "id_place_near_" + index;
        label.htmlFor = input.id;
        label.appendChild(input);
        label.appendChild(document.createTextNode(" " + place.label));
        row.appendChild(label);
        list.appendChild(row);
      }
      if (index === 0) { input.checked = true; }
    });
  }
  function locate(button) {
    var status = document.getElementById("locate-status");
    var say = function (key) { if (status) { status.textContent = button.getAttribute("data-" + key); } };
    if (!navigator.geolocation) { say("failed"); return; }
    say("locating");
    navigator.geolocation.getCurrentPosition(function (position) {
      var lat = position.coords.latitude.toFixed(6), long = position.coords.longitude.toFixed(6);
      document.getElementById("id_lat").value = lat;
      document.getElementById("id_long").value = long;
      fetch(button.getAttribute("data-locate") + "?lat=" + lat + "&long=" + long, {credentials: "same-origin"})
        .then(function (answer) { return answer.json(); })
        .then(function (body) { offerPlaces(body.places || []); say(body.places && body.places.length ? "found" : "none"); })
        .catch(function () { say("none"); });
    }, function () { say("failed"); }, {enableHighAccuracy: true, timeout: 15000, maximumAge: 60000});
  }
  // "Requests near me": <button data-near> in a GET form with hidden lat/long; submits the form with the phone's location.
  function near(button) {
    var form = button.form, status = document.getElementById("locate-status");
    var failed = function () { if (status) { status.textContent = button.getAttribute("data-failed"); } };
    if (!navigator.geolocation || !form) { failed(); return; }
    navigator.geolocation.getCurrentPosition(function (position) {
      form.elements.lat.value = position.coords.latitude.toFixed(6);
      form.elements.long.value = position.coords.longitude.toFixed(6);
      form.submit();
    }, failed, {enableHighAccuracy: true, timeout: 15000, maximumAge: 60000});
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-locate]") : null;
    if (button) { event.preventDefault(); locate(button); }
    var nearButton = event.target.closest ? event.target.closest("button[data-near]") : null;
    if (nearButton) { event.preventDefault(); near(nearButton); }
  });
})();
