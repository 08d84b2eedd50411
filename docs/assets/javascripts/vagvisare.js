// Route finder (vägvisaren): one question at a time, the route the answers lead to, and a dated
// written assessment that prints, downloads as Markdown and comes back from a link.
// It works on the page's own HTML, made from docs/_data/vagvisare.yml by hooks/iopkit/route.py;
// without this script the page reads as numbered questions with "go to question N" links.
// Nothing leaves the browser: the answers live in the page and in the link's #fragment, which browsers
// never send to a server. Text is only ever set with textContent or copied as DOM nodes, never as HTML.
(function () {
  "use strict";

  const root = document.querySelector("[data-route-finder]");
  if (!root) return;
  const sheet = document.getElementById("bedomning");
  const final = document.querySelector(".route-final");
  const routes = root.querySelector(".route-routes");
  const status = root.querySelector(".route-status");
  const notice = root.querySelector(".route-notice");
  const caseInput = document.getElementById("route-case");
  const notesInput = document.getElementById("route-notes");
  const linkInput = document.getElementById("route-link");
  const msg = root.dataset;
  const questions = new Map();
  root.querySelectorAll("fieldset[data-question]").forEach((f) => questions.set(f.dataset.question, f));
  const outcomes = new Map();
  root.querySelectorAll(".route-outcome[data-route]").forEach((s) => outcomes.set(s.dataset.route, s));
  const DATE = /^\d{4}-\d{2}-\d{2}$/;
  let date = null; // the assessment's date: today once answers change, the link's date when restored
  let preview = null; // a route opened by its anchor (#vag-iop, from the process page) before any answer

  root.classList.add("route-js");

  function today() {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function text(el) {
    const copy = el.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach((a) => a.remove());
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function noteFor(id) {
    return document.getElementById("anteckning-" + id);
  }

  // The questions on the path the answers take, and the route it ends in (null while unfinished).
  function walk() {
    const steps = [];
    let id = root.dataset.start;
    while (id && questions.has(id) && steps.length <= questions.size) {
      const fieldset = questions.get(id);
      const input = fieldset.querySelector("input[type=radio]:checked");
      steps.push({ id, fieldset, input });
      if (!input) return { steps, route: null };
      if (input.dataset.outcome) return { steps, route: input.dataset.outcome };
      id = input.dataset.next;
    }
    return { steps, route: null };
  }

  function update() {
    const { steps, route } = walk();
    const onPath = new Set(steps.map((s) => s.id));
    questions.forEach((fieldset, id) => { fieldset.hidden = !onPath.has(id); });
    const shown = route || (steps[0].input ? null : preview);
    outcomes.forEach((section, id) => {
      section.hidden = id !== shown;
      section.querySelector("[data-part=reasons]").hidden = id !== route; // reasons only for answers given
    });
    routes.hidden = !shown;
    final.hidden = sheet.hidden = !route;
    root.dataset.result = route || "";
    if (route) fill(steps, route);
    syncToc();
    syncLink(steps);
    return { steps, route };
  }

  // The page's table of contents should not point at routes that are hidden.
  function syncToc() {
    document.querySelectorAll(".md-nav--secondary a[href^='#']").forEach((a) => {
      const target = document.getElementById(decodeURIComponent(a.hash.slice(1)));
      const item = a.closest("li");
      if (target && item && root.contains(target)) item.hidden = target.closest("[hidden]") !== null;
    });
  }

  function element(tag, content, className) {
    const el = document.createElement(tag);
    if (content) el.textContent = content;
    if (className) el.className = className;
    return el;
  }

  function fill(steps, route) {
    const outcome = outcomes.get(route);
    const reasons = steps.map((s) => s.input.dataset.reason);
    const reasonPart = outcome.querySelector("[data-part=reasons]");
    reasonPart.querySelector("ul").replaceChildren(...reasons.map((r) => element("li", r)));

    field("date").textContent = date || today();
    const caseText = caseInput.value.trim();
    field("case").replaceChildren(caseText ? document.createTextNode(caseText) : blank());
    field("answers").replaceChildren(...steps.map((s) => {
      const item = element("li");
      const question = element("p", "", "route-q");
      question.appendChild(element("strong", text(s.fieldset.querySelector("legend"))));
      item.append(question, labelled(msg.msgAnswer, text(s.input.closest("label"))));
      const note = noteFor(s.id).value.trim();
      if (note) item.appendChild(labelled(msg.msgNote, note));
      return item;
    }));
    field("route").textContent = text(outcome.querySelector("h3"));
    sheet.dataset.route = route;
    const details = [outcome.querySelector(".route-summary").cloneNode(true)];
    outcome.querySelectorAll(".route-part").forEach((part) => {
      details.push(element("h4", text(part.querySelector(".route-part-title"))));
      for (const child of part.children) {
        if (!child.classList.contains("route-part-title")) details.push(child.cloneNode(true));
      }
    });
    field("details").replaceChildren(...details);
    const notes = notesInput.value.trim();
    field("notes").hidden = !notes;
    field("notes").querySelector("p").textContent = notes;
  }

  function field(name) {
    return sheet.querySelector("[data-field=" + name + "]");
  }

  function labelled(label, value) {
    const p = element("p");
    p.append(element("span", label + ": ", "route-label"), document.createTextNode(value));
    return p;
  }

  function blank() {
    return sheet.querySelector(".route-blank").cloneNode(true);
  }

  // --- the link that carries the answers ---------------------------------------------------------

  function state(steps) {
    const params = new URLSearchParams();
    const answered = steps.filter((s) => s.input);
    if (!answered.length) return null;
    params.set("svar", answered.map((s) => s.id + ":" + s.input.value).join(";"));
    params.set("datum", date || today());
    params.set("version", root.dataset.version);
    if (caseInput.value.trim()) params.set("arende", caseInput.value.trim());
    answered.forEach((s) => {
      const note = noteFor(s.id).value.trim();
      if (note) params.set("anteckning-" + s.id, note);
    });
    if (notesInput.value.trim()) params.set("ovrigt", notesInput.value.trim());
    return params;
  }

  function syncLink(steps) {
    const params = state(steps);
    const url = new URL(window.location.href);
    if (!params && !url.hash.includes("svar=")) return; // leave ordinary #anchors alone
    url.hash = params ? params.toString() : "";
    const link = params ? url.href : url.href.replace(/#$/, "");
    linkInput.value = link;
    history.replaceState(history.state, "", link);
  }

  function restore() {
    const hash = window.location.hash.slice(1);
    if (!hash.includes("svar=")) return false;
    const params = new URLSearchParams(hash);
    clear();
    const answers = new Map((params.get("svar") || "").split(";").map((pair) => pair.split(":")));
    answers.forEach((value, id) => {
      const fieldset = questions.get(id);
      const input = fieldset && [...fieldset.querySelectorAll("input[type=radio]")].find((i) => i.value === value);
      if (input) input.checked = true;
      const note = params.get("anteckning-" + id);
      if (fieldset && note) noteFor(id).value = note;
    });
    caseInput.value = params.get("arende") || "";
    notesInput.value = params.get("ovrigt") || "";
    const linked = params.get("datum");
    date = linked && DATE.test(linked) ? linked : today();
    const parts = [msg.msgRestored + " " + date + "."];
    const version = params.get("version");
    if (version && version !== root.dataset.version) {
      parts.push(msg.msgVersionDiffers + " " + version + ". " + msg.msgVersionNow + " " + root.dataset.version + ".");
    }
    notice.textContent = parts.join(" ");
    notice.hidden = false;
    return true;
  }

  // --- what the reader does ----------------------------------------------------------------------

  function changed() {
    date = today();
    preview = null;
    notice.hidden = true;
  }

  root.addEventListener("change", (event) => {
    if (event.target.type !== "radio") return;
    changed();
    const { steps, route } = update();
    if (route) {
      announce(msg.msgResultShown + ": " + text(outcomes.get(route).querySelector("h3")));
    } else {
      announce(msg.msgNextQuestion + ": " + text(steps[steps.length - 1].fieldset.querySelector("legend")));
    }
  });

  document.addEventListener("input", (event) => {
    if (event.target.matches("textarea, #route-case")) {
      changed();
      update();
    }
  });

  function announce(message) {
    status.textContent = "";
    window.setTimeout(() => { status.textContent = message; }, 50); // a fresh text is read out again
  }

  final.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const action = button.dataset.action;
    if (action === "print") {
      update();
      window.print();
    } else if (action === "download") {
      download();
    } else if (action === "copy") {
      copy();
    } else if (action === "restart") {
      restart();
    }
  });

  function download() {
    const { route } = update();
    if (!route) return;
    const blob = new Blob([markdown()], { type: "text/markdown;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = msg.msgFileName + "-" + (date || today()) + ".md";
    document.body.appendChild(a);
    a.click();
    a.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function copy() {
    const done = () => announce(msg.msgCopied);
    const fallback = () => {
      linkInput.select();
      if (document.execCommand("copy")) done();
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(linkInput.value).then(done, fallback);
    } else {
      fallback();
    }
  }

  function clear() {
    root.querySelectorAll("input[type=radio]").forEach((input) => { input.checked = false; });
    document.querySelectorAll(".iop-route textarea, .route-final textarea").forEach((t) => { t.value = ""; });
    caseInput.value = "";
    date = null;
    preview = null;
    notice.hidden = true;
  }

  function restart() {
    clear();
    update();
    questions.get(root.dataset.start).querySelector("input[type=radio]").focus();
  }

  // --- the assessment as Markdown: the same text as on paper, links written out --------------------

  function markdown() {
    const lines = [];
    walkBlocks(sheet, lines);
    lines.push("", msg.msgLinkLabel + ": " + linkInput.value, "");
    return lines.join("\n").replace(/\n{3,}/g, "\n\n").trim() + "\n";
  }

  function inline(el) {
    return inlineText(el).replace(/\s+/g, " ").trim();
  }

  function inlineText(el) {
    let out = "";
    el.childNodes.forEach((node) => {
      if (node.nodeType === Node.TEXT_NODE) {
        out += node.nodeValue;
      } else if (node.nodeType === Node.ELEMENT_NODE) {
        if (node.classList.contains("headerlink")) return;
        if (node.classList.contains("route-blank")) {
          out += "____________________";
        } else if (node.tagName === "A" && node.getAttribute("href")) {
          out += inlineText(node) + " (" + node.href + ")";
        } else if (node.tagName === "STRONG") {
          out += "**" + inlineText(node).trim() + "**";
        } else {
          out += inlineText(node);
        }
      }
    });
    return out;
  }

  function walkBlocks(el, lines) {
    for (const child of el.children) {
      if (child.hidden) continue;
      const tag = child.tagName;
      if (/^H[2-6]$/.test(tag)) {
        lines.push("", "#".repeat(Number(tag[1]) - 1) + " " + inline(child), "");
      } else if (tag === "P") {
        lines.push(inline(child), "");
      } else if (tag === "UL" || tag === "OL") {
        [...child.children].forEach((li, i) => {
          const mark = tag === "OL" ? (i + 1) + ". " : "- ";
          const paras = li.querySelectorAll(":scope > p");
          const parts = paras.length ? [...paras].map(inline) : [inline(li)];
          lines.push(mark + parts.join("\n" + " ".repeat(mark.length)));
        });
        lines.push("");
      } else if (tag === "TABLE") {
        child.querySelectorAll("tbody tr").forEach((tr) => {
          const cells = [...tr.children].map(inline);
          lines.push("- " + cells[0] + ": " + cells.slice(1).join(" "));
        });
        lines.push("");
      } else {
        walkBlocks(child, lines);
      }
    }
  }

  // On load, and when a link is pasted into a tab that already shows the page.
  function arrive() {
    if (!restore()) {
      const anchored = window.location.hash.match(/^#vag-([a-z-]+)$/);
      if (anchored && outcomes.has(anchored[1]) && !walk().steps[0].input) preview = anchored[1];
    }
    update();
    if (preview) outcomes.get(preview).scrollIntoView();
  }

  window.addEventListener("hashchange", arrive);
  arrive();
})();
