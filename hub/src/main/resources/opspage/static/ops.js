// odoo-hub operator's page: the little the page needs besides htmx. No inline script anywhere (the CSP forbids it).
(function () {
  'use strict';
  // every htmx request carries the session's CSRF token, as the forms do in their _csrf field
  document.addEventListener('htmx:configRequest', function (e) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) { e.detail.headers['X-CSRF-Token'] = meta.content; }
  });
  // "select all" on the dead-letter list
  document.addEventListener('change', function (e) {
    if (e.target.classList && e.target.classList.contains('select-all')) {
      document.querySelectorAll('input[type=checkbox][name=id]').forEach(function (box) { box.checked = e.target.checked; });
    }
  });
})();
