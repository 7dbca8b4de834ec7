/* The login form: posts the name and password as JSON, then goes back where the person was going. */
(function () {
  'use strict';
  document.getElementById('login').addEventListener('submit', function (e) {
    e.preventDefault();
    var result = document.getElementById('result');
    result.textContent = 'Checking…';
    fetch('/api/login', {
      method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: document.getElementById('name').value, password: document.getElementById('password').value })
    }).then(function (r) {
      if (!r.ok) { result.textContent = 'Unknown name or wrong password.'; return; }
      var next = new URLSearchParams(window.location.search).get('next') || '/';
      // Only paths on this console: never a redirect to another site.
      window.location = /^\/[A-Za-z0-9_\/.-]*$/.test(next) && next.indexOf('//') < 0 ? next : '/';
    });
  });
}());
