// Keeps a page's live parts current without a reload: every element with data-live="MS" is fetched again
// from this same page every MS milliseconds and replaced by its newer self (matched by id). An element
// whose newer self has no data-live is final (an import that ended) and is not fetched again. Without
// JavaScript the pages still work: a reload shows the same.
(function () {
  function refresh(id, every) {
    setTimeout(function () {
      fetch(window.location.href, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
        .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
        .then(function (html) {
          var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById(id);
          var old = document.getElementById(id);
          if (!fresh || !old) { return; }
          old.replaceWith(fresh);
          var next = parseInt(fresh.getAttribute('data-live'), 10);
          if (next > 0) { refresh(id, next); }
        })
        .catch(function () { refresh(id, every * 2); });
    }, every);
  }
  document.querySelectorAll('[data-live]').forEach(function (el) {
    var every = parseInt(el.getAttribute('data-live'), 10);
    if (el.id && every > 0) { refresh(el.id, every); }
  });
})();
