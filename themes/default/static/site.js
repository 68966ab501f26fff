// Progressive enhancement only: every page works without this script.
// 1. The version for the visually impaired: switch without reload, remembered.
// 2. Search: filter the full list on /search/ as you type (the list itself is the index).
// 3. Schools: filter the list by cluster attributes.
// 4. The menu: open on a wide screen.
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "oko-special";
  try { if (localStorage.getItem(KEY) === "1") root.classList.add("special"); } catch (e) {}

  var toggle = document.getElementById("special-toggle");
  if (toggle) {
    toggle.hidden = false;
    var sync = function () {
      var on = root.classList.contains("special");
      toggle.setAttribute("aria-pressed", on ? "true" : "false");
      toggle.textContent = on ? "Обычная версия" : "Версия для слабовидящих";
    };
    sync();
    toggle.addEventListener("click", function () {
      root.classList.toggle("special");
      try { localStorage.setItem(KEY, root.classList.contains("special") ? "1" : "0"); } catch (e) {}
      sync();
    });
  }

  // 4. The menu: open on a wide screen, folded on a phone.
  var menu = document.querySelector("details[data-menu]");
  if (menu && window.matchMedia("(min-width: 40.01rem)").matches) menu.open = true;

  function norm(s) { return s.toLowerCase().replace(/ё/g, "е"); }

  var search = document.getElementById("search-input");
  var results = document.getElementById("search-results");
  if (search && results) {
    var items = Array.prototype.slice.call(results.querySelectorAll("li"));
    var status = document.getElementById("search-status");
    var run = function () {
      var words = norm(search.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (li) {
        var text = norm(li.textContent);
        var hit = words.every(function (w) { return text.indexOf(w) !== -1; });
        li.hidden = !hit;
        if (hit) shown++;
      });
      if (status) status.textContent = words.length ? "Найдено: " + shown : "Всего: " + items.length;
    };
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) search.value = q;
    search.addEventListener("input", run);
    run();
  }

  var filters = document.querySelectorAll("select[data-attribute]");
  if (filters.length) {
    var form = document.getElementById("school-filter");
    if (form) form.hidden = false;
    var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-school]"));
    var count = document.getElementById("filter-status");
    var apply = function () {
      var shown = 0;
      rows.forEach(function (tr) {
        var ok = Array.prototype.every.call(filters, function (sel) {
          return !sel.value || tr.getAttribute("data-" + sel.getAttribute("data-attribute")) === sel.value;
        });
        tr.hidden = !ok;
        if (ok) shown++;
      });
      if (count) count.textContent = "Показано школ: " + shown + " из " + rows.length;
    };
    Array.prototype.forEach.call(filters, function (sel) { sel.addEventListener("change", apply); });
    apply();
  }
})();
