// 窓口 Madoguchi: page behaviour that cannot be markup. The Content-Security-Policy allows no inline
// script, no on* or hx-on attribute and no eval, so it lives here.
"use strict";

// A form marked data-clear-errors drops its previous error marks when htmx sends it again
// (the answer brings the new ones).
document.addEventListener("htmx:beforeRequest", function (event) {
  var target = event.target;
  var form = target && target.closest ? target.closest("[data-clear-errors]") : null;
  if (!form) {
    return;
  }
  form.querySelectorAll("[aria-invalid]").forEach(function (element) {
    element.removeAttribute("aria-invalid");
  });
  form.querySelectorAll(".error-message").forEach(function (element) {
    element.remove();
  });
});
