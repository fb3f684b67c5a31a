// Keeps a page's live parts current without a reload. Every element with an id and data-live="MS" is a
// live part: every MS milliseconds (the smallest on the page) the page is fetched again and each live part
// takes its newer self's content – only where that changed, and keeping the element itself, so a screen
// reader's aria-live region and the keyboard focus elsewhere on the page stay where they are. Once no part
// of the newer page is live (an import that ended, failures all resolved) the page stops asking. A refused
// answer (a session that ended) stops it too; a failed one is tried again later, at most once a minute.
// Without JavaScript the pages still work: a reload shows the same.
(function () {
  function parts(root) {
    return Array.prototype.filter.call(root.querySelectorAll('[data-live]'), function (el) {
      return el.id && parseInt(el.getAttribute('data-live'), 10) > 0;
    });
  }
  function every(live) {
    return Math.min.apply(null, live.map(function (el) { return parseInt(el.getAttribute('data-live'), 10); }));
  }
  function refresh(wait) {
    setTimeout(function () {
      fetch(window.location.href, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
        .then(function (r) {
          if (r.status >= 400 && r.status < 500) { return null; }
          return r.ok ? r.text() : Promise.reject(r.status);
        })
        .then(function (html) {
          if (html === null) { return; }
          var fresh = new DOMParser().parseFromString(html, 'text/html');
          var ids = parts(document).map(function (el) { return el.id; });
          ids.forEach(function (id) {
            var old = document.getElementById(id);
            var next = fresh.getElementById(id);
            if (!old || !next) { return; }
            if (old.innerHTML !== next.innerHTML) {
              old.replaceChildren.apply(old, Array.prototype.slice.call(next.childNodes));
            }
            if (next.hasAttribute('data-live')) {
              old.setAttribute('data-live', next.getAttribute('data-live'));
            } else {
              old.removeAttribute('data-live');
            }
          });
          var live = parts(document);
          if (live.length > 0) { refresh(every(live)); }
        })
        .catch(function () { refresh(Math.min(wait * 2, 60000)); });
    }, wait);
  }
  var live = parts(document);
  if (live.length > 0) { refresh(every(live)); }
})();
