(function () {
  "use strict";
  var facets = ["venue", "year", "read", "group", "code", "status"];
  var form = document.getElementById("filters");
  var q = document.getElementById("q");
  var sort = document.getElementById("sort");
  var list = document.getElementById("papers");
  var count = document.getElementById("count");
  var none = document.getElementById("none");
  var inputs = Array.prototype.slice.call(form.querySelectorAll("fieldset input[type=checkbox]"));
  var facetBox = document.getElementById("facets");
  // The facets are open beside the list on a wide screen; on a phone they
  // fold under "Filters" so that the papers come first.
  if (window.matchMedia("(min-width: 801px)").matches) { facetBox.open = true; }

  function norm(s) {
    return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function text(li, sel) {
    var e = li.querySelector(sel);
    return e ? e.textContent : "";
  }
  var papers = Array.prototype.slice.call(list.children).map(function (li) {
    return {
      li: li,
      text: norm([".t", ".au", ".abs-text", ".notes"].map(function (s) { return text(li, s); }).join(" \n ")),
      pos: Number(li.dataset.pos),
      year: Number(li.dataset.year) || 0,
      venue: li.dataset.venue,
      title: norm(text(li, ".t").trim())
    };
  });
  var total = papers.length;

  function selected() {
    var sel = {};
    facets.forEach(function (f) { sel[f] = []; });
    inputs.forEach(function (i) { if (i.checked) { sel[i.name].push(i.value); } });
    return sel;
  }

  var comparators = {
    list: function (a, b) { return a.pos - b.pos; },
    year: function (a, b) { return b.year - a.year || a.pos - b.pos; },
    venue: function (a, b) { return a.venue.localeCompare(b.venue) || a.pos - b.pos; },
    title: function (a, b) { return a.title.localeCompare(b.title) || a.pos - b.pos; }
  };

  var sorted = "list"; // the page comes in list order
  function apply(writeURL) {
    var terms = norm(q.value).split(/\s+/).filter(Boolean);
    var sel = selected();
    var counts = {};
    facets.forEach(function (f) { counts[f] = {}; });
    var shown = 0;
    papers.forEach(function (p) {
      var found = terms.every(function (t) { return p.text.indexOf(t) >= 0; });
      var failing = [];
      facets.forEach(function (f) {
        if (sel[f].length && sel[f].indexOf(p.li.dataset[f]) < 0) { failing.push(f); }
      });
      var ok = found && failing.length === 0;
      p.li.hidden = !ok;
      if (ok) { shown++; }
      // A value's count: the papers it would show, the other facets held.
      if (found && failing.length <= 1) {
        facets.forEach(function (f) {
          if (failing.length === 0 || failing[0] === f) {
            var v = p.li.dataset[f];
            counts[f][v] = (counts[f][v] || 0) + 1;
          }
        });
      }
    });
    inputs.forEach(function (i) {
      var n = counts[i.name][i.value] || 0;
      var label = i.parentNode;
      label.querySelector(".n").textContent = String(n);
      label.classList.toggle("zero", n === 0);
    });
    if (sort.value !== sorted) {
      // Move the nodes only when the order changes: a search keeps it.
      sorted = comparators[sort.value] ? sort.value : "list";
      papers.slice().sort(comparators[sorted]).forEach(function (p) { list.appendChild(p.li); });
    }
    count.textContent = shown + " of " + total + " papers";
    none.hidden = shown !== 0;
    if (writeURL) { writeHash(sel); }
  }

  // The filter lives in the URL's fragment (#q=gpu&venue=OSDI&sort=year),
  // so that a link shares it; a fragment without "=" is a plain anchor.
  function writeHash(sel) {
    var params = new URLSearchParams();
    if (q.value.trim()) { params.set("q", q.value.trim()); }
    facets.forEach(function (f) { sel[f].forEach(function (v) { params.append(f, v); }); });
    if (sort.value !== "list") { params.set("sort", sort.value); }
    var s = params.toString();
    var url = location.pathname + location.search + (s ? "#" + s : "");
    if (url !== location.pathname + location.search + location.hash) {
      history.replaceState(null, "", url);
    }
  }
  function readHash() {
    var h = location.hash.slice(1);
    if (h.indexOf("=") < 0) { return false; }
    var params = new URLSearchParams(h);
    q.value = params.get("q") || "";
    inputs.forEach(function (i) {
      i.checked = params.getAll(i.name).indexOf(i.value) >= 0;
      if (i.checked) { facetBox.open = true; }
    });
    var s = params.get("sort") || "list";
    sort.value = comparators[s] ? s : "list";
    return true;
  }
  function clear(e) {
    e.preventDefault();
    q.value = "";
    inputs.forEach(function (i) { i.checked = false; });
    sort.value = "list";
    apply(true);
    q.focus();
  }

  q.addEventListener("input", function () { apply(true); });
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  document.getElementById("clear").addEventListener("click", clear);
  document.getElementById("reset-link").addEventListener("click", clear);
  window.addEventListener("hashchange", function () { if (readHash()) { apply(false); } });
  readHash();
  apply(false);
}());
