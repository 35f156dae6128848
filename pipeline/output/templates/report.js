/* report.html's reader view: one page of a document at a time, drawn from the JSON embedded
   beside it (inlined by pipeline/output/report.py; nothing is fetched). */
(function () {
  "use strict";
  var readers = {};

  function make(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function Reader(root) {
    var self = this;
    this.root = root;
    this.key = root.getAttribute("data-key");
    this.data = JSON.parse(document.getElementById(this.key + "-data").textContent);
    this.pages = this.data.pages;
    this.notes = this.data.notes;
    this.byNumber = {};
    for (var i = 0; i < this.pages.length; i++) this.byNumber[this.pages[i].n] = i;
    this.at = -1;
    this.el = function (cls) { return root.querySelector("." + cls); };
    this.el("prev").addEventListener("click", function () { self.show(self.at - 1); });
    this.el("next").addEventListener("click", function () { self.show(self.at + 1); });
    this.el("pnum").addEventListener("change", function () { self.goPage(parseInt(this.value, 10)); });
    var chap = this.el("chap");
    if (chap) chap.addEventListener("change", function () {
      if (this.value) self.goPage(parseInt(this.value, 10));
      this.value = "";
    });
    root.querySelectorAll(".toggles input").forEach(function (box) {
      box.addEventListener("change", function () {
        root.classList.toggle("no-" + box.getAttribute("data-k"), !box.checked);
      });
    });
    root.addEventListener("keydown", function (ev) {
      if (ev.target.tagName === "INPUT" || ev.target.tagName === "SELECT") return;
      if (ev.key === "ArrowLeft") { self.show(self.at - 1); ev.preventDefault(); }
      if (ev.key === "ArrowRight") { self.show(self.at + 1); ev.preventDefault(); }
    });
    this.el("rtext").addEventListener("click", function (ev) {
      var sup = ev.target.closest("sup.nm");
      if (sup) self.toggleNote(sup);
    });
    this.el("rtext").addEventListener("keydown", function (ev) {
      var sup = ev.target.closest && ev.target.closest("sup.nm");
      if (sup && (ev.key === "Enter" || ev.key === " ")) { self.toggleNote(sup); ev.preventDefault(); }
    });
    this.goPage(parseInt(root.getAttribute("data-first"), 10), true);
  }

  Reader.prototype.noteTitle = function (k) {
    var n = this.notes[k], chapter = this.data.chapters[n[3]];
    return "Note " + (n[0] === null ? "*" : n[0]) + (chapter ? " (chapter " + (n[3] + 1) + ")" : "") +
      ", printed on page " + n[2];
  };

  Reader.prototype.goPage = function (n, quiet) {
    if (isNaN(n)) return;
    if (n in this.byNumber) return this.show(this.byNumber[n], quiet);
    this.show(n < this.pages[0].n ? 0 : this.pages.length - 1, quiet);
  };

  Reader.prototype.show = function (i, quiet) {
    if (i < 0 || i >= this.pages.length) return;
    var self = this, p = this.pages[i];
    this.at = i;
    this.el("prev").disabled = i === 0;
    this.el("next").disabled = i === this.pages.length - 1;
    this.el("pnum").value = p.n;
    var printed = p.pp === null ? "no printed page number" :
      "printed page " + p.pp + (p.pi ? " (inferred)" : "");
    this.el("pinfo").textContent = "of " + this.pages[this.pages.length - 1].n + " \u00b7 " + printed;
    var chapter = this.data.chapters[p.ch];
    this.el("rchap").textContent = chapter ? "chapter " + (p.ch + 1) + ": " + chapter[0] : "";
    var text = this.el("rtext");
    if (p.h) {
      text.innerHTML = p.h;
    } else {
      text.innerHTML = "";
      text.appendChild(make("p", "empty", "No sentence of body text starts on this page."));
    }
    text.querySelectorAll("sup.nm").forEach(function (sup) {
      var k = +sup.getAttribute("data-f");
      sup.title = self.noteTitle(k) + ": " + self.notes[k][1];
    });
    var notes = this.el("rnotes");
    notes.innerHTML = "";
    if (p.fn.length) {
      notes.appendChild(make("div", "", "Notes printed on this page"));
      var ol = make("ol");
      p.fn.forEach(function (k) {
        var li = make("li");
        li.id = self.key + "-n-" + k;
        li.appendChild(make("span", "nn", self.notes[k][0] === null ? "*" : String(self.notes[k][0])));
        li.appendChild(document.createTextNode(self.notes[k][1]));
        ol.appendChild(li);
      });
      notes.appendChild(ol);
    }
    this.el("rremoved").textContent = p.r.length ? "Removed from this page: " + p.r.join(" | ") : "";
    this.el("sbody").textContent = p.s;
    this.el("sfoot").textContent = p.f;
    this.el("sfoot").style.display = p.f ? "" : "none";
    if (!quiet && history.replaceState) history.replaceState(null, "", "#" + this.key + "-p" + p.n);
  };

  Reader.prototype.toggleNote = function (sup) {
    var k = +sup.getAttribute("data-f"), claim = sup.closest("span.c") || sup;
    var id = this.key + "-np-" + k + "-" + (claim.getAttribute("data-id") || "");
    var open = document.getElementById(id);
    var li = document.getElementById(this.key + "-n-" + k);
    if (open) {
      open.remove();
      sup.classList.remove("open");
      if (li) li.classList.remove("hl");
      return;
    }
    var box = make("span", "np");
    box.id = id;
    box.setAttribute("role", "note");
    box.appendChild(make("span", "nh", this.noteTitle(k)));
    box.appendChild(document.createTextNode(this.notes[k][1]));
    claim.parentNode.insertBefore(box, claim.nextSibling);
    sup.classList.add("open");
    if (li) li.classList.add("hl");
  };

  function route() {
    var m = /^#(d\d+)-p(\d+)$/.exec(location.hash);
    if (!m || !readers[m[1]]) return;
    var r = readers[m[1]];
    r.goPage(parseInt(m[2], 10));
    r.root.scrollIntoView({block: "start"});
    r.root.focus({preventScroll: true});
  }

  var initial = location.hash;
  document.querySelectorAll("div.reader").forEach(function (root) {
    readers[root.getAttribute("data-key")] = new Reader(root);
  });
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest && ev.target.closest("a.goto");
    if (a && a.getAttribute("href") === location.hash) { ev.preventDefault(); route(); }
  });
  window.addEventListener("hashchange", route);
  if (initial) route();
  window.reportReaders = readers;
  document.body.setAttribute("data-ready", "1");
})();
