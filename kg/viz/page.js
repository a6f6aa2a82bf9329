/* govkg graph page.
 * Reads the page model from <script id="govkg-data" type="application/json"> and draws it with
 * vis-network. Every piece of graph text reaches the DOM through textContent (never innerHTML), and
 * vis-network draws labels on a canvas; node/edge "title" tooltips are not used.
 * window.govkg exposes the network and the page's functions (for tests and the console).
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("govkg-data").textContent);

  var UI = {
    zh: {
      search: "搜索实体：中文、英文或别名", edgeLabels: "边标签", hideIsolated: "隐藏孤立节点 ({n})", relayout: "重新布局", fit: "适应窗口",
      lang: "English", legend: "类别", edgeTypes: "关系类型", stats: "统计",
      nodes: "节点", edges: "边", sizeBy: "节点大小依据", pagerank: "PageRank", degree: "度数",
      focus: "焦点", hops: "跳数", cut: "省略节点", type: "类型", cls: "类别", aliases: "别名",
      score: "中心度", degreeL: "连接数", iri: "IRI", value: "数值", unit: "单位", qualifier: "限定词",
      year: "年份", since: "起始年份", until: "截止年份", raw: "原文数值", statement: "描述",
      is_target: "目标值", mentions: "原文出处", relations: "关系", more: "另有 {n} 条未列出",
      noMatch: "无匹配", layout: "布局计算中", noEn: "无英文标签", doc: "文档", chars: "字符",
      close: "关闭", of: " / ", sep: "、", yes: "是", no: "否",
      cutMsg: "按{by}保留最核心的 {shown} 个节点，省略 {cut} 个节点和 {ecut} 条边",
      emptyMsg: "图中没有实体：文本中未识别出行动者、机制、目标或指标",
      examples: "（如：{list}）",
      focusMsg: "以「{list}」为中心，{hops} 跳以内"
    },
    en: {
      search: "Search entities: Chinese, English or alias", edgeLabels: "Edge labels",
      hideIsolated: "Hide isolated nodes ({n})", relayout: "Re-layout",
      fit: "Fit", lang: "中文", legend: "Classes", edgeTypes: "Relation types", stats: "Statistics",
      nodes: "Nodes", edges: "Edges", sizeBy: "Node size by", pagerank: "PageRank", degree: "degree",
      focus: "Focus", hops: "Hops", cut: "Nodes cut", type: "Type", cls: "Class", aliases: "Aliases",
      score: "Centrality", degreeL: "Degree", iri: "IRI", value: "Value", unit: "Unit", qualifier: "Qualifier",
      year: "Year", since: "Since", until: "Until", raw: "As written", statement: "Statement",
      is_target: "Target", mentions: "Source text", relations: "Relations", more: "{n} more not listed",
      noMatch: "No match", layout: "Laying out", noEn: "no English label", doc: "document", chars: "chars",
      close: "Close", of: " / ", sep: ", ", yes: "yes", no: "no",
      cutMsg: "Showing the {shown} most central nodes by {by}; cut {cut} nodes and {ecut} edges",
      emptyMsg: "The graph has no entities: no actor, mechanism, goal or metric was found in the text",
      examples: " (e.g. {list})",
      focusMsg: "Centred on {list}, within {hops} hops"
    }
  };
  var METRIC_FIELDS = ["value", "unit", "qualifier", "year", "since", "until", "raw", "statement", "is_target"];
  var MAX_RELATIONS = 60;
  var MAX_RESULTS = 40;

  var lang = data.lang === "en" ? "en" : "zh";
  var stats = data.stats;
  var legendBy = {};
  data.legend.forEach(function (e) { legendBy[e.key] = e; });
  var typeBy = {};
  data.edge_types.forEach(function (e) { typeBy[e.key] = e; });
  var info = new Map();
  data.nodes.forEach(function (n) { info.set(n.id, n); });
  var edgeList = data.edges.map(function (a) {
    return { id: a[0], from: a[1], to: a[2], key: a[3], curve: a[4] };
  });
  var edgeById = new Map();
  var adjacency = new Map();
  edgeList.forEach(function (e) {
    edgeById.set(e.id, e);
    link(e.from, e);
    if (e.to !== e.from) { link(e.to, e); }
  });
  function link(id, e) {
    var list = adjacency.get(id);
    if (!list) { list = []; adjacency.set(id, list); }
    list.push(e);
  }
  var hiddenClasses = new Set();
  var hiddenEdgeTypes = new Set();
  var classBoxes = new Map();
  var edgeTypeBoxes = new Map();
  var showEdgeLabels = edgeList.length <= 400;
  var hideIsolated = false;
  var isolatedCount = data.nodes.filter(function (n) { return !adjacency.has(n.id); }).length;
  /** Whether a node has an edge on screen: of a shown relation type, to a node of a shown class. */
  function connected(id) {
    return (adjacency.get(id) || []).some(function (e) {
      var other = e.from === id ? e.to : e.from;
      return !hiddenEdgeTypes.has(e.key) && !hiddenClasses.has(info.get(other).cls);
    });
  }
  var panelNode = null;

  // ---------------------------------------------------------------------------------------------
  // small helpers (text only)

  function $(id) { return document.getElementById(id); }
  function t(key) { return UI[lang][key]; }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return String(values[k]); });
  }
  function el(tag, cls, text) {
    var x = document.createElement(tag);
    if (cls) { x.className = cls; }
    if (text !== undefined && text !== null) { x.textContent = String(text); }
    return x;
  }
  function clear(x) { while (x.firstChild) { x.removeChild(x.firstChild); } }
  function clip(s, k) { s = String(s); return s.length > k ? s.slice(0, k - 1) + "…" : s; }
  /** Clip a canvas label to about `k` columns: CJK and other wide characters count two. */
  function clipWide(s, k) {
    s = String(s);
    var w = 0;
    for (var i = 0; i < s.length; i++) {
      w += s.charCodeAt(i) > 0x2e7f ? 2 : 1;
      if (w > k) { return s.slice(0, Math.max(1, i - 1)) + "…"; }
    }
    return s;
  }
  var LABEL_COLUMNS = 36;
  function nameOf(n) { return lang === "en" && n.label_en ? n.label_en : n.label; }
  function otherName(n) { return lang === "en" ? (n.label_en ? n.label : null) : n.label_en; }
  function classLabel(key) { var e = legendBy[key]; return e ? (lang === "en" ? e.label_en : e.label) : key; }
  function typeLabel(n) { return lang === "en" ? n.type_label_en : n.type_label; }
  function edgeLabel(key) { var e = typeBy[key]; return e ? (lang === "en" ? e.label_en : e.label) : key; }
  function fmtScore(x) { return x >= 1 ? String(Math.round(x * 100) / 100) : x.toPrecision(3); }

  var SVG = "http://www.w3.org/2000/svg";
  function swatch(shape, color, border) {
    var s = document.createElementNS(SVG, "svg");
    s.setAttribute("viewBox", "0 0 16 16");
    s.setAttribute("class", "swatch");
    var p;
    var pts = {
      diamond: "8,1 15,8 8,15 1,8",
      triangle: "8,1.5 15,14 1,14",
      triangleDown: "1,2 15,2 8,14.5",
      hexagon: "4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8",
      star: "8,0.8 10.1,5.6 15.3,6 11.3,9.4 12.6,14.6 8,11.8 3.4,14.6 4.7,9.4 0.7,6 5.9,5.6"
    };
    if (shape === "square") {
      p = document.createElementNS(SVG, "rect");
      p.setAttribute("x", "2"); p.setAttribute("y", "2"); p.setAttribute("width", "12"); p.setAttribute("height", "12");
    } else if (pts[shape]) {
      p = document.createElementNS(SVG, "polygon");
      p.setAttribute("points", pts[shape]);
    } else {
      p = document.createElementNS(SVG, "circle");
      p.setAttribute("cx", "8"); p.setAttribute("cy", "8"); p.setAttribute("r", "6.5");
    }
    p.setAttribute("fill", color);
    p.setAttribute("stroke", border);
    p.setAttribute("stroke-width", "1.2");
    s.appendChild(p);
    return s;
  }
  function lineSwatch() {
    var s = document.createElementNS(SVG, "svg");
    s.setAttribute("viewBox", "0 0 16 16");
    s.setAttribute("class", "swatch");
    var l = document.createElementNS(SVG, "path");
    l.setAttribute("d", "M1 8 H11 M9 4.5 L14 8 L9 11.5 Z");
    l.setAttribute("stroke", "#8a94a3");
    l.setAttribute("fill", "#8a94a3");
    l.setAttribute("stroke-width", "1.5");
    s.appendChild(l);
    return s;
  }

  /** The sentence of a mention with the mention in a <mark>; context clipped to `room` characters a side. */
  function sentenceElement(m, tag, cls, room) {
    var box = el(tag, cls);
    var s = m.sentence || "";
    if (m.hl) {
      var a = m.hl[0], b = m.hl[1];
      var before = s.slice(0, a), after = s.slice(b);
      if (room && before.length > room) { before = "…" + before.slice(before.length - room); }
      if (room && after.length > room) { after = after.slice(0, room) + "…"; }
      box.appendChild(document.createTextNode(before));
      box.appendChild(el("mark", null, s.slice(a, b)));
      box.appendChild(document.createTextNode(after));
    } else {
      box.appendChild(document.createTextNode(room ? clip(s, 2 * room) : s));
    }
    return box;
  }

  function metricLine(metric) {
    var parts = [];
    if (metric.qualifier) { parts.push(metric.qualifier); }
    if (metric.value !== undefined) { parts.push(metric.value + (metric.unit || "")); }
    if (metric.year) { parts.push("(" + metric.year + ")"); }
    else if (metric.since) { parts.push("(" + metric.since + "–)"); }
    return parts.join(" ");
  }

  // ---------------------------------------------------------------------------------------------
  // the network

  function visNode(n) {
    var st = legendBy[n.cls];
    var o = {
      id: n.id, label: clipWide(nameOf(n), LABEL_COLUMNS), value: n.value, shape: st.shape,
      color: {
        background: st.color, border: n.focus ? "#1a202c" : st.border,
        highlight: { background: st.color, border: "#1a202c" },
        hover: { background: st.color, border: "#1a202c" }
      }
    };
    if (n.focus) { o.borderWidth = 4; }
    if (n.x !== undefined) { o.x = n.x; o.y = n.y; }
    return o;
  }
  function visEdge(e) {
    var o = { id: e.id, from: e.from, to: e.to, label: showEdgeLabels ? edgeLabel(e.key) : null };
    if (e.curve) {
      o.smooth = { enabled: true, type: e.curve > 0 ? "curvedCW" : "curvedCCW", roundness: Math.abs(e.curve) };
    }
    return o;
  }

  var nodes = new vis.DataSet(data.nodes.map(visNode));
  var edges = new vis.DataSet(edgeList.map(visEdge));
  var nodeView = new vis.DataView(nodes, {
    filter: function (x) {
      return !hiddenClasses.has(info.get(x.id).cls) && !(hideIsolated && !connected(x.id));
    }
  });
  var edgeView = new vis.DataView(edges, {
    filter: function (x) { return !hiddenEdgeTypes.has(edgeById.get(x.id).key); }
  });
  var container = $("graph");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);

  var api = {
    network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView, data: data,
    stabilized: false, ready: false
  };
  window.govkg = api;

  function settle() {
    network.setOptions({ physics: { enabled: false } });
    $("progress").hidden = true;
    // Draw now: vis-network hit-tests hover and clicks against the boxes of the last drawn frame,
    // and it draws no frame during stabilisation, so "settled" means "drawn where it now stands".
    network.redraw();
    api.stabilized = true;
    var focus = data.nodes.filter(function (n) { return n.focus; }).map(function (n) { return n.id; });
    if (focus.length) { network.selectNodes(focus); }
  }

  if (stats.physics && data.nodes.length) {
    $("progress").hidden = false;
    $("progress-text").textContent = t("layout");
    network.on("stabilizationProgress", function (p) {
      $("progress-bar").style.width = Math.round(100 * p.iterations / p.total) + "%";
      $("progress-text").textContent = t("layout") + " " + p.iterations + t("of") + p.total;
    });
    network.once("stabilizationIterationsDone", settle);
  } else {
    network.fit({ animation: false });
    settle();
  }

  /** Run the bounded stabilisation again, then switch physics off. */
  function relayout() {
    var it = (data.options.physics.stabilization || {}).iterations || 300;
    api.stabilized = false;
    $("progress").hidden = false;
    network.setOptions({ physics: { enabled: true } });
    network.once("stabilizationIterationsDone", settle);
    network.stabilize(it);
  }

  // ---------------------------------------------------------------------------------------------
  // tooltip (hover)

  var tip = $("tooltip");
  function placeTip(x, y) {
    var w = tip.offsetWidth, h = tip.offsetHeight;
    var left = x + 14, top = y + 14;
    if (left + w > window.innerWidth - 8) { left = Math.max(8, x - w - 14); }
    if (top + h > window.innerHeight - 8) { top = Math.max(8, y - h - 14); }
    tip.style.left = left + "px";
    tip.style.top = top + "px";
  }
  function showTooltip(id, x, y) {
    var n = info.get(id);
    if (!n) { return null; }
    clear(tip);
    tip.appendChild(el("div", "t-label", nameOf(n)));
    var other = otherName(n);
    if (other) { tip.appendChild(el("div", "t-sub", other)); }
    tip.appendChild(el("div", "t-sub", classLabel(n.cls) + " · " + typeLabel(n)));
    if (n.aliases && n.aliases.length) { tip.appendChild(el("div", "t-sub", t("aliases") + ": " + n.aliases.join(t("sep")))); }
    if (n.metric) { tip.appendChild(el("div", "t-sub", metricLine(n.metric))); }
    if (n.mentions.length) { tip.appendChild(sentenceElement(n.mentions[0], "div", "t-sent", 40)); }
    tip.hidden = false;
    if (x === undefined) {
      var p = network.canvasToDOM(network.getPosition(id));
      var r = container.getBoundingClientRect();
      x = r.left + p.x; y = r.top + p.y;
    }
    placeTip(x, y);
    return tip;
  }
  function showEdgeTooltip(id, x, y) {
    var e = edgeById.get(id);
    if (!e) { return null; }
    clear(tip);
    tip.appendChild(el("div", "t-label", edgeLabel(e.key)));
    tip.appendChild(el("div", "t-sub", nameOf(info.get(e.from)) + " → " + nameOf(info.get(e.to))));
    tip.hidden = false;
    placeTip(x, y);
    return tip;
  }
  function hideTooltip() { tip.hidden = true; }
  function eventXY(p) {
    var r = container.getBoundingClientRect();
    return [r.left + p.pointer.DOM.x, r.top + p.pointer.DOM.y];
  }
  network.on("hoverNode", function (p) { var xy = eventXY(p); showTooltip(p.node, xy[0], xy[1]); });
  network.on("blurNode", hideTooltip);
  network.on("hoverEdge", function (p) { var xy = eventXY(p); showEdgeTooltip(p.edge, xy[0], xy[1]); });
  network.on("blurEdge", hideTooltip);
  network.on("dragStart", hideTooltip);
  network.on("zoom", hideTooltip);

  // ---------------------------------------------------------------------------------------------
  // side panel (click)

  var panel = $("panel"), panelBody = $("panel-body");
  function row(dl, key, value) {
    if (value === undefined || value === null || value === "") { return; }
    dl.appendChild(el("dt", null, t(key)));
    dl.appendChild(el("dd", null, value));
  }
  function chip(n) {
    var c = el("span", "chip");
    var dot = el("span", "dot");
    dot.style.background = legendBy[n.cls].color;
    c.appendChild(dot);
    c.appendChild(document.createTextNode(classLabel(n.cls)));
    return c;
  }
  function openPanel(id) {
    var n = info.get(id);
    if (!n) { return null; }
    panelNode = id;
    clear(panelBody);
    panelBody.appendChild(chip(n));
    panelBody.appendChild(el("h3", null, nameOf(n)));
    var other = otherName(n);
    panelBody.appendChild(el("p", "en", other || (lang === "zh" ? t("noEn") : "")));

    var dl = el("dl");
    row(dl, "type", typeLabel(n) + (lang === "zh" ? " (" + n.type_label_en + ")" : ""));
    if (n.aliases && n.aliases.length) { row(dl, "aliases", n.aliases.join(t("sep"))); }
    if (n.metric) {
      METRIC_FIELDS.forEach(function (k) {
        var v = n.metric[k];
        if (k === "is_target" && v !== undefined) { v = v === "true" ? t("yes") : t("no"); }
        row(dl, k, v);
      });
    }
    row(dl, "score", (stats.size_by === "degree" ? t("degree") : t("pagerank")) + " " + fmtScore(n.score));
    row(dl, "degreeL", n.degree);
    panelBody.appendChild(dl);
    panelBody.appendChild(el("div", "iri", n.iri));

    if (n.mentions.length) {
      panelBody.appendChild(el("h4", null, t("mentions") + " (" + n.mentions_total + ")"));
      n.mentions.forEach(function (m) {
        var box = el("div", "mention");
        box.appendChild(sentenceElement(m, "p", null, 0));
        var src = [];
        if (m.start !== null && m.end !== null) { src.push(t("chars") + " " + m.start + "–" + m.end); }
        if (m.doc) { src.push(t("doc") + " " + (m.title || m.doc)); }
        if (src.length) {
          var line = el("div", "src", src.join(" · "));
          if (m.doc) { line.title = m.doc; }  // the document's IRI on hover; its title is shown
          box.appendChild(line);
        }
        panelBody.appendChild(box);
      });
      if (n.mentions_total > n.mentions.length) {
        panelBody.appendChild(el("div", "more", fill(t("more"), { n: n.mentions_total - n.mentions.length })));
      }
    }

    var rels = adjacency.get(id) || [];
    if (rels.length) {
      panelBody.appendChild(el("h4", null, t("relations") + " (" + rels.length + ")"));
      var ul = el("ul", "rels");
      rels.slice(0, MAX_RELATIONS).forEach(function (e) {
        var outgoing = e.from === id;
        var li = el("li");
        li.appendChild(el("span", "pred", (outgoing ? "→ " : "← ") + edgeLabel(e.key)));
        var target = outgoing ? e.to : e.from;
        var b = el("button", "link", nameOf(info.get(target)));
        b.type = "button";
        b.addEventListener("click", function () { select(target); });
        li.appendChild(b);
        ul.appendChild(li);
      });
      panelBody.appendChild(ul);
      if (rels.length > MAX_RELATIONS) {
        panelBody.appendChild(el("div", "more", fill(t("more"), { n: rels.length - MAX_RELATIONS })));
      }
    }
    if (panel.hidden) {
      panel.hidden = false;
      resized();
    }
    reveal(id);
    return panelBody;
  }
  /** The panel takes room from the graph: let vis-network measure its container again. */
  function resized() {
    network.setSize("100%", "100%");
    network.redraw();
  }
  /** Centre the view on a node that is out of sight (keeping the zoom). */
  function reveal(id) {
    if (!nodeView.get(id)) { return; }
    var p = network.canvasToDOM(network.getPosition(id));
    var w = container.clientWidth, h = container.clientHeight, m = 30;
    if (p.x < m || p.y < m || p.x > w - m || p.y > h - m) {
      network.moveTo({ position: network.getPosition(id), animation: false });
    }
  }
  function closePanel() {
    panelNode = null;
    if (!panel.hidden) {
      panel.hidden = true;
      resized();
    }
  }
  $("panel-close").addEventListener("click", closePanel);

  network.on("click", function (p) {
    hideTooltip();
    if (p.nodes.length) { openPanel(p.nodes[0]); } else if (!p.edges.length) { closePanel(); }
  });

  /** Select a node: make its class visible, focus the view on it and open its panel. */
  function select(id) {
    var n = info.get(id);
    if (!n) { return false; }
    if (hiddenClasses.has(n.cls)) { setClassVisible(n.cls, true); }
    if (hideIsolated && !connected(id)) { setHideIsolated(false); }
    network.selectNodes([id]);
    openPanel(id);
    network.focus(id, {
      scale: Math.max(network.getScale(), 1.1), animation: { duration: 350, easingFunction: "easeInOutQuad" }
    });
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // search

  var index = data.nodes.map(function (n) {
    return {
      id: n.id,
      names: [n.label, n.label_en || ""].concat(n.aliases || []).map(function (s) { return s.toLowerCase(); }),
      iri: n.iri.toLowerCase()
    };
  });
  /** Ids of the nodes matching `query`: exact names first, then prefixes, then substrings (central first). */
  function search(query) {
    var q = String(query).trim().toLowerCase();
    if (!q) { return []; }
    var tiers = [[], [], [], []];
    index.forEach(function (x) {
      var best = 4;
      x.names.forEach(function (s) {
        if (!s) { return; }
        if (s === q) { best = Math.min(best, 0); }
        else if (s.indexOf(q) === 0) { best = Math.min(best, 1); }
        else if (s.indexOf(q) > 0) { best = Math.min(best, 2); }
      });
      if (best === 4 && x.iri === q) { best = 0; }
      if (best === 4 && x.iri.indexOf(q) >= 0) { best = 3; }
      if (best < 4) { tiers[best].push(x.id); }
    });
    return tiers[0].concat(tiers[1], tiers[2], tiers[3]);  // ids are in centrality order already
  }
  var searchInput = $("search"), results = $("search-results");
  var resultIds = [], active = 0;
  function renderResults() {
    clear(results);
    resultIds = search(searchInput.value);
    if (!searchInput.value.trim()) { results.hidden = true; return; }
    if (!resultIds.length) {
      results.appendChild(el("li", "sub", t("noMatch")));
    }
    resultIds.slice(0, MAX_RESULTS).forEach(function (id, i) {
      var n = info.get(id);
      var li = el("li", i === active ? "active" : null);
      li.setAttribute("role", "option");
      var st = legendBy[n.cls];
      li.appendChild(swatch(st.shape, st.color, st.border));
      li.appendChild(el("span", null, nameOf(n)));
      li.appendChild(el("span", "sub", typeLabel(n)));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(id); });
      results.appendChild(li);
    });
    results.hidden = false;
  }
  function pick(id) {
    results.hidden = true;
    searchInput.value = info.get(id).label;
    select(id);
  }
  searchInput.addEventListener("input", function () { active = 0; renderResults(); });
  searchInput.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      var k = Math.min(resultIds.length, MAX_RESULTS);
      if (k) { active = (active + (ev.key === "ArrowDown" ? 1 : k - 1)) % k; renderResults(); }
      ev.preventDefault();
    } else if (ev.key === "Enter") {
      if (resultIds.length) { pick(resultIds[Math.min(active, resultIds.length - 1)]); }
      ev.preventDefault();
    } else if (ev.key === "Escape") {
      results.hidden = true;
    }
  });
  searchInput.addEventListener("blur", function () { results.hidden = true; });
  searchInput.addEventListener("focus", function () { if (searchInput.value.trim()) { renderResults(); } });

  // ---------------------------------------------------------------------------------------------
  // sidebar: legend with class filter, relation types, statistics; banner

  function setClassVisible(key, visible) {
    if (visible) { hiddenClasses.delete(key); } else { hiddenClasses.add(key); }
    var box = classBoxes.get(key);
    if (box) { box.checked = visible; }
    nodeView.refresh();
  }
  function setEdgeTypeVisible(key, visible) {
    if (visible) { hiddenEdgeTypes.delete(key); } else { hiddenEdgeTypes.add(key); }
    var box = edgeTypeBoxes.get(key);
    if (box) { box.checked = visible; }
    edgeView.refresh();
    if (hideIsolated) { nodeView.refresh(); }  // a node whose every edge is now hidden counts as isolated
  }
  function renderLegend() {
    var ul = $("legend");
    clear(ul);
    data.legend.forEach(function (e) {
      var li = el("li"), lab = el("label"), box = el("input");
      box.type = "checkbox";
      box.checked = !hiddenClasses.has(e.key);
      classBoxes.set(e.key, box);
      box.addEventListener("change", function () { setClassVisible(e.key, box.checked); });
      lab.appendChild(box);
      lab.appendChild(swatch(e.shape, e.color, e.border));
      lab.appendChild(el("span", "name", lang === "en" ? e.label_en : e.label));
      lab.appendChild(el("span", "count", e.count));
      li.appendChild(lab);
      ul.appendChild(li);
      var subtypes = data.classes.filter(function (c) { return c.cls === e.key && c.key !== e.key; });
      if (subtypes.length) {
        ul.appendChild(el("li", "types", subtypes.map(function (c) {
          return (lang === "en" ? c.label_en : c.label) + " " + c.count;
        }).join(" · ")));
      }
    });
  }
  function renderEdgeTypes() {
    var ul = $("edge-types");
    clear(ul);
    data.edge_types.forEach(function (e) {
      var li = el("li"), lab = el("label"), box = el("input");
      box.type = "checkbox";
      box.checked = !hiddenEdgeTypes.has(e.key);
      edgeTypeBoxes.set(e.key, box);
      box.addEventListener("change", function () { setEdgeTypeVisible(e.key, box.checked); });
      lab.appendChild(box);
      lab.appendChild(lineSwatch());
      lab.appendChild(el("span", "name", lang === "en" ? e.label_en : e.label));
      lab.appendChild(el("span", "count", e.count));
      li.appendChild(lab);
      ul.appendChild(li);
    });
  }
  function renderStats() {
    var dl = $("stats");
    clear(dl);
    function add(k, v) { dl.appendChild(el("dt", null, t(k))); dl.appendChild(el("dd", null, v)); }
    add("nodes", stats.nodes_shown + t("of") + stats.nodes_total);
    add("edges", stats.edges_shown + t("of") + stats.edges_total);
    add("sizeBy", t(stats.size_by === "degree" ? "degree" : "pagerank"));
    if (stats.focus.length) { add("focus", stats.focus.join(t("sep"))); add("hops", stats.hops); }
    if (stats.nodes_cut) { add("cut", stats.nodes_cut); }
  }
  function renderBanner() {
    var b = $("banner"), parts = [];
    if (stats.focus.length) {
      parts.push(fill(t("focusMsg"), { list: stats.focus.join(t("sep")), hops: stats.hops }));
    }
    if (!data.nodes.length) { parts.push(t("emptyMsg")); }
    if (stats.nodes_cut) {
      var msg = fill(t("cutMsg"), {
        by: t(stats.size_by === "degree" ? "degree" : "pagerank"), shown: stats.nodes_shown,
        cut: stats.nodes_cut, ecut: stats.edges_cut
      });
      if (stats.cut_examples.length) { msg += fill(t("examples"), { list: stats.cut_examples.join(t("sep")) }); }
      parts.push(msg);
    }
    b.textContent = parts.join(lang === "en" ? ". " : "；") + (parts.length ? (lang === "en" ? "." : "。") : "");
    b.hidden = !parts.length;
  }
  function renderChrome() {
    document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
    $("title").textContent = data.title;
    searchInput.placeholder = t("search");
    $("edge-labels-text").textContent = t("edgeLabels");
    $("hide-isolated-text").textContent = fill(t("hideIsolated"), { n: isolatedCount });
    $("isolated-box").hidden = !isolatedCount;
    $("relayout").textContent = t("relayout");
    $("fit").textContent = t("fit");
    $("lang").textContent = t("lang");
    $("panel-close").title = t("close");
    $("legend-title").textContent = t("legend");
    $("edge-types-title").textContent = t("edgeTypes");
    $("stats-title").textContent = t("stats");
    renderLegend();
    renderEdgeTypes();
    renderStats();
    renderBanner();
  }

  function setHideIsolated(on) {
    hideIsolated = !!on;
    $("hide-isolated").checked = hideIsolated;
    nodeView.refresh();
  }
  function setEdgeLabels(on) {
    showEdgeLabels = !!on;
    $("edge-labels").checked = showEdgeLabels;
    edges.update(edgeList.map(function (e) { return { id: e.id, label: showEdgeLabels ? edgeLabel(e.key) : null }; }));
  }
  function setLang(l) {
    lang = l === "en" ? "en" : "zh";
    nodes.update(data.nodes.map(function (n) { return { id: n.id, label: clipWide(nameOf(n), LABEL_COLUMNS) }; }));
    if (showEdgeLabels) { setEdgeLabels(true); }
    renderChrome();
    if (panelNode !== null && !panel.hidden) { openPanel(panelNode); }
    if (!results.hidden) { renderResults(); }
    return lang;
  }

  $("edge-labels").checked = showEdgeLabels;
  $("hide-isolated").addEventListener("change", function () { setHideIsolated($("hide-isolated").checked); });
  $("edge-labels").addEventListener("change", function () { setEdgeLabels($("edge-labels").checked); });
  $("relayout").addEventListener("click", relayout);
  $("fit").addEventListener("click", function () { network.fit({ animation: { duration: 300 } }); });
  $("lang").addEventListener("click", function () { setLang(lang === "en" ? "zh" : "en"); });
  renderChrome();

  api.search = search;
  api.select = select;
  api.openPanel = openPanel;
  api.closePanel = closePanel;
  api.showTooltip = showTooltip;
  api.showEdgeTooltip = showEdgeTooltip;
  api.hideTooltip = hideTooltip;
  api.setLang = setLang;
  api.setClassVisible = setClassVisible;
  api.setEdgeTypeVisible = setEdgeTypeVisible;
  api.setEdgeLabels = setEdgeLabels;
  api.setHideIsolated = setHideIsolated;
  api.relayout = relayout;
  api.lang = function () { return lang; };
  api.ready = true;
}());
