// Persona path highlighting and zoom for the Rehearsal report. Bound here, never through inline handlers,
// so the page runs under a Content-Security-Policy that allows only this script's hash.
(function () {
  'use strict';
  var svg = document.getElementById('graph');
  if (!svg) return;
  var status = document.getElementById('path-status');
  var buttons = Array.prototype.slice.call(document.querySelectorAll('.persona-select'));

  function clear() {
    Array.prototype.forEach.call(document.querySelectorAll('.on-path'), function (el) { el.classList.remove('on-path'); });
    svg.classList.remove('highlighting');
    buttons.forEach(function (b) { b.setAttribute('aria-pressed', 'false'); });
    status.textContent = '';
  }

  function mark(ids) {
    (ids || '').split(' ').forEach(function (id) {
      var el = id && document.getElementById(id);
      if (el) el.classList.add('on-path');
    });
  }

  buttons.forEach(function (b) {
    b.addEventListener('click', function () {
      var wasOn = b.getAttribute('aria-pressed') === 'true';
      clear();
      if (wasOn) return;
      b.setAttribute('aria-pressed', 'true');
      svg.classList.add('highlighting');
      mark(b.getAttribute('data-edges'));
      mark(b.getAttribute('data-nodes'));
      var steps = (b.getAttribute('data-nodes') || '').split(' ').filter(Boolean).length;
      status.textContent = 'Showing ' + b.textContent + '\u2019s path: ' + steps + ' steps. Press Escape to clear.';
    });
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') clear();
  });

  var width = parseFloat(svg.getAttribute('data-width'));
  var height = parseFloat(svg.getAttribute('data-height'));
  var scroller = svg.parentNode;
  var zoom = 1;
  function apply() {
    svg.setAttribute('width', String(width * zoom));
    svg.setAttribute('height', String(height * zoom));
  }
  function fit() {
    zoom = Math.min(1, Math.max(0.1, (scroller.clientWidth - 8) / width));
    apply();
  }
  document.getElementById('zoom-in').addEventListener('click', function () { zoom = Math.min(4, zoom * 1.25); apply(); });
  document.getElementById('zoom-out').addEventListener('click', function () { zoom = Math.max(0.1, zoom / 1.25); apply(); });
  document.getElementById('zoom-fit').addEventListener('click', fit);
  // Open at the width of the page, but never so small that step names cannot be read: long workflows scroll.
  fit();
  if (zoom < 0.6) { zoom = 0.6; apply(); }
  var start = svg.querySelector('.node.start rect');
  if (start && scroller.scrollWidth > scroller.clientWidth) {
    scroller.scrollLeft = Math.max(0, parseFloat(start.getAttribute('x')) * zoom - scroller.clientWidth / 3);
  }
})();
