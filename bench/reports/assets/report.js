// boilerbench HTML report: the per-page view. Plain JS, no libraries, no network.
(function () {
  "use strict";
  var dataNode = document.getElementById("pages-data");
  if (!dataNode) return;
  var data = JSON.parse(dataNode.textContent);
  var pages = data.pages;
  // the run's headline field, its direction and the fields to show (from the metric)
  var metric = data.metric ||
    {headline: "f1", label: "F1", higher_is_better: true, fields: [["f1", "F1"]]};
  var select = document.getElementById("pv-select");
  var view = document.getElementById("pv-view");
  var prev = document.getElementById("pv-prev");
  var next = document.getElementById("pv-next");
  var counter = document.getElementById("pv-counter");

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  // The text with the given [start, end) ranges wrapped in <mark class=cls>.
  function marked(text, ranges, cls) {
    var box = el("div", "pv-text");
    var at = 0;
    ranges.forEach(function (r) {
      if (r[0] > at) box.appendChild(document.createTextNode(text.slice(at, r[0])));
      box.appendChild(el("mark", cls, text.slice(r[0], r[1])));
      at = r[1];
    });
    if (at < text.length) box.appendChild(document.createTextNode(text.slice(at)));
    return box;
  }

  // The gold's and the output's blocks side by side (the structure metric's alignment):
  // paired blocks plain, missed gold blocks and extra output blocks marked, missed headings,
  // tables and code marked strongly.
  function structureView(s) {
    var box = el("details", "pv-structure");
    var title = "blocks: gold and output side by side";
    if (s.missed.length) title += " — missed: " + s.missed.join(", ");
    box.appendChild(el("summary", s.missed.length ? "bad" : null, title));
    var cols = el("div", "pv-cols");
    [["gold (missed blocks marked)", s.gold], ["output (blocks not in gold marked)", s.output]]
      .forEach(function (side) {
        var col = el("div", "pv-col");
        col.appendChild(el("h4", null, side[0] + " — " + side[1].length));
        var list = el("ol", "pv-blocks");
        side[1].forEach(function (b) {
          var strong = b[2] === "missed" && /^(h\d?|table|code)$/.test(b[0]);
          var item = el("li", "blk " + b[2] + (strong ? " strong" : ""));
          item.appendChild(el("span", "tag", b[0]));
          item.appendChild(document.createTextNode(" " + b[1]));
          list.appendChild(item);
        });
        col.appendChild(list);
        cols.appendChild(col);
      });
    box.appendChild(cols);
    if (s.cut) box.appendChild(el("p", "meta", "(long pages: the first blocks only)"));
    return box;
  }

  function fmt(value) {
    return typeof value === "number" ? value.toFixed(3) : "–";
  }

  function render(index) {
    var page = pages[index];
    view.textContent = "";
    view.dataset.page = page.id;
    var head = el("div", "pv-head");
    head.appendChild(el("h3", null, page.title || page.id));
    if (page.url) head.appendChild(el("div", "url", page.url));
    head.appendChild(el("div", "meta", "page " + page.id));
    var chips = el("div");
    Object.keys(page.labels).forEach(function (key) {
      chips.appendChild(el("span", "chip", key + ": " + page.labels[key]));
    });
    if (page.noise.length) chips.appendChild(el("span", "chip", "noise: " + page.noise.join(", ")));
    head.appendChild(chips);
    view.appendChild(head);

    page.extractors.forEach(function (ex) {
      var pair = el("section", "pv-pair");
      pair.dataset.extractor = ex.name;
      var bar = el("div", "bar");
      bar.appendChild(el("b", null, ex.name));
      var s = ex.scores || {};
      bar.appendChild(el("span", null, metric.fields.map(function (f) {
        return f[1] + " " + fmt(s[f[0]]);
      }).join(" · ")));
      if (ex.error) bar.appendChild(el("span", "chip bad", "failed: " + ex.error));
      else if (ex.empty) bar.appendChild(el("span", "chip bad", "empty output"));
      if (ex.leaked.length) bar.appendChild(el("span", "chip bad", "leaked: " + ex.leaked.join(", ")));
      pair.appendChild(bar);
      if (ex.log) {
        var log = el("details", "pv-log");
        log.appendChild(el("summary", null, "what " + ex.name + " wrote to stderr on this page"));
        log.appendChild(el("pre", null, ex.log));
        pair.appendChild(log);
      }
      var cols = el("div", "pv-cols");
      var left = el("div", "pv-col");
      left.appendChild(el("h4", null, "gold — missed text marked (" + ex.missed.length + ")"));
      left.appendChild(marked(page.gold, ex.missed, "miss"));
      var right = el("div", "pv-col");
      right.appendChild(el("h4", null, "output — text not in gold marked (" + ex.extra.length + ")"));
      if (ex.text) right.appendChild(marked(ex.text, ex.extra, "extra"));
      else right.appendChild(el("div", "pv-text empty-out", ex.error ? "(failed)" : "(empty output)"));
      cols.appendChild(left);
      cols.appendChild(right);
      pair.appendChild(cols);
      if (ex.structure) pair.appendChild(structureView(ex.structure));
      view.appendChild(pair);
    });
    select.value = String(index);
    counter.textContent = (index + 1) + " / " + pages.length;
    prev.disabled = index === 0;
    next.disabled = index === pages.length - 1;
    if (history.replaceState) history.replaceState(null, "", "#page=" + encodeURIComponent(page.id));
  }

  pages.forEach(function (page, i) {
    var values = page.extractors.map(function (e) {
      return e.scores && typeof e.scores[metric.headline] === "number" ?
        e.scores[metric.headline] : null;
    }).filter(function (v) { return v !== null; });
    var worst = values.length ?
      (metric.higher_is_better ? Math.min : Math.max).apply(null, values) : null;
    var label = (i + 1) + ". " + (page.title || page.url || page.id);
    if (label.length > 90) label = label.slice(0, 87) + "…";
    var option = el("option", null, label + (worst === null ? "" :
      "  (" + (metric.higher_is_better ? "lowest " : "highest ") + metric.label + " " +
      worst.toFixed(2) + ")"));
    option.value = String(i);
    select.appendChild(option);
  });
  select.addEventListener("change", function () { render(Number(select.value)); });
  prev.addEventListener("click", function () { render(Math.max(0, Number(select.value) - 1)); });
  next.addEventListener("click", function () {
    render(Math.min(pages.length - 1, Number(select.value) + 1));
  });
  document.addEventListener("keydown", function (event) {
    if (event.target && /^(INPUT|SELECT|TEXTAREA)$/.test(event.target.tagName)) return;
    if (event.key === "ArrowRight" && !next.disabled) next.click();
    if (event.key === "ArrowLeft" && !prev.disabled) prev.click();
  });

  var start = 0;
  var match = /#page=([^&]+)/.exec(location.hash);
  if (match) {
    var wanted = decodeURIComponent(match[1]);
    pages.forEach(function (page, i) { if (page.id === wanted) start = i; });
  }
  if (pages.length) render(start);
})();
