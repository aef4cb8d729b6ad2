// Sends the CSRF token with every htmx request that changes something.
document.addEventListener('htmx:configRequest', function (evt) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    evt.detail.headers[header.content] = token.content;
  }
});
// Confirms destructive actions marked with data-confirm.
document.addEventListener('submit', function (evt) {
  var msg = evt.target.getAttribute('data-confirm');
  if (msg && !window.confirm(msg)) {
    evt.preventDefault();
  }
});
// A one-tap value (the normal temperature on the self-report page) filled into the field it names.
document.addEventListener('click', function (evt) {
  var button = evt.target.closest && evt.target.closest('[data-fill]');
  var field = button && document.getElementById(button.getAttribute('data-fill-target'));
  if (field) {
    field.value = button.getAttribute('data-fill');
  }
});
