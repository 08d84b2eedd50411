// Header search backed by Pagefind: one index per <html lang>, with stemming, so a Swedish reader
// who types "upphandlingen" finds pages about "upphandling", and never gets English pages.
//
// Focus model (one for every way in): the field opens the panel; typing searches; ArrowDown and
// ArrowUp move through the result links; Enter follows a link; Escape closes, clears and puts focus
// back on the field (on phones, on the header's search button); Tab out of the box closes it.
// Results are grouped by page with the matching sections; each page appears as soon as its
// Pagefind fragment arrives. Also: the language switch keeps the #fragment where it exists.
(function () {
  "use strict";

  const MAX_PAGES = 30;     // pages listed for one query
  const MAX_SECTIONS = 3;   // matching sections shown under each page

  const root = document.querySelector("[data-iop-search]");
  if (root) setupSearch(root);
  setupLanguageSwitch();
  setupTables();

  function setupSearch(root) {
    const toggle = document.getElementById("__search");
    const form = root.querySelector("[data-iop-search-form]");
    const input = root.querySelector("[data-iop-search-input]");
    const status = root.querySelector("[data-iop-search-status]");
    const list = root.querySelector("#iop-search-results");
    const opener = document.querySelector("[data-iop-search-open]");
    const off = root.hasAttribute("data-iop-search-off");
    const rootPath = new URL(root.dataset.iopRoot || ".", window.location.href).pathname;
    // Each language has its own bundle (site/pagefind/, site/en/pagefind/): results never mix languages.
    const bundle = new URL(root.dataset.iopBundle, window.location.href).pathname;
    const text = status.dataset;
    let engine = null;
    let generation = 0;       // bumps with every query; stale fragments are dropped
    let closing = false;      // focus returning to the field must not reopen the panel
    const wide = window.matchMedia("(min-width: 60em)");

    function load() {
      if (off) return Promise.reject(new Error("search is off in the live preview"));
      if (!engine) {
        engine = import(bundle + "pagefind.js").then(async (pagefind) => {
          // Long reference pages (the legal appendix) should not lose to short ones for their own
          // subject: page length and repetition count for less than Pagefind's defaults, and a
          // match in the title or the page's navigation name (overrides/main.html) for more.
          await pagefind.options({
            baseUrl: rootPath, excerptLength: 22,
            ranking: { pageLength: 0.1, termFrequency: 0.5, metaWeights: { title: 5, nav: 10 } },
          });
          await pagefind.init();
          return pagefind;
        });
      }
      return engine;
    }

    function isOpen() { return !!toggle && toggle.checked; }

    function setOpen(state) {
      if (toggle && toggle.checked !== state) {
        toggle.checked = state;
        toggle.dispatchEvent(new Event("change"));
      }
    }

    function setStatus(message) {
      if (status.textContent !== message) status.textContent = message;
    }

    function reset() {
      generation += 1;
      input.value = "";
      list.replaceChildren();
      setStatus(off ? text.off : text.placeholder);
    }

    // Close the panel with a fresh state for next time; focus goes back where the reader came from.
    function close(returnFocus) {
      reset();
      setOpen(false);
      if (!returnFocus) return;
      closing = true;
      // Below 60em Material hides the closed search box: the header button is where the reader was.
      const target = wide.matches || !opener ? input : opener;
      if (target) target.focus();
      setTimeout(() => { closing = false; }, 0);
    }

    function countText(n) {
      const shown = Math.min(n, MAX_PAGES);
      let message = n === 0 ? text.none : n === 1 ? text.one : text.other.replace("#", String(n));
      if (n > shown) message += " (" + text.more.replace("#", String(shown)) + ")";
      return message;
    }

    // Pagefind cuts excerpts out of the middle of the text: say so with ellipses.
    function withEllipses(html, whole) {
      const plain = html.replace(/<[^>]*>/g, "").trim();
      if (!plain) return "";
      const start = whole ? whole.trim().startsWith(plain.slice(0, 20)) : /^[A-ZÅÄÖ0-9]/.test(plain);
      const end = /[.!?:)”"]$/.test(plain);
      return (start ? "" : "… ") + html.trim() + (end ? "" : " …");
    }

    function element(tag, className, textContent) {
      const el = document.createElement(tag);
      if (className) el.className = className;
      if (textContent) el.textContent = textContent;
      return el;
    }

    function excerptParagraph(html, whole) {
      const p = element("p", "iop-search-excerpt");
      p.innerHTML = withEllipses(html, whole); // Pagefind escapes the text; it adds only <mark>
      return p;
    }

    function pageTitle(data) {
      return ((data.meta && data.meta.title) || data.url).replace(/\s*¶\s*$/, "");
    }

    function fillItem(item, data) {
      const title = pageTitle(data);
      const link = element("a", "md-search-result__link");
      link.href = data.url;
      const article = element("article", "md-search-result__article md-typeset");
      article.append(element("div", "iop-search-title", title));
      // The page's own lead text, unless a section below says more.
      const sections = (data.sub_results || []).filter((s) => s.anchor && s.anchor.element !== "h1" && s.url !== data.url);
      if (!sections.length) article.append(excerptParagraph(data.excerpt, data.content));
      link.append(article);
      item.replaceChildren(link);
      if (sections.length) {
        const sub = element("ul", "iop-search-sections");
        sections.slice(0, MAX_SECTIONS).forEach((section) => {
          const li = element("li", "iop-search-section");
          const a = element("a", "md-search-result__link iop-search-section__link");
          a.href = section.url;
          const heading = element("span", "iop-search-section__title", section.title.replace(/\s*¶\s*$/, ""));
          a.append(heading, excerptParagraph(section.excerpt));
          // Screen readers hear which page the section belongs to.
          a.setAttribute("aria-label", section.title.replace(/\s*¶\s*$/, "") + " – " + title + ": " + a.textContent.slice(heading.textContent.length));
          li.append(a);
          sub.append(li);
        });
        item.append(sub);
      }
      item.removeAttribute("aria-busy");
    }

    // A query of several words that contains short words ("de minimis") is tried as an exact
    // phrase first, so "de" alone does not match half the site.
    async function find(pagefind, query) {
      const words = query.split(/\s+/);
      const ranked = await pagefind.search(query);
      if (words.length > 1 && !/"/.test(query) && words.some((w) => w.length <= 3)) {
        // Exact phrase matches all score alike: keep them in the ranked search's order.
        const exact = await pagefind.search('"' + query + '"');
        if (exact && exact.results.length) {
          const phrase = new Set(exact.results.map((r) => r.id));
          const order = ranked.results.filter((r) => phrase.has(r.id));
          const seen = new Set(order.map((r) => r.id));
          return { results: order.concat(exact.results.filter((r) => !seen.has(r.id))) };
        }
      }
      return ranked;
    }

    async function run() {
      const query = input.value.trim();
      const mine = ++generation;
      if (!query) {
        list.replaceChildren();
        setStatus(off ? text.off : text.placeholder);
        return;
      }
      if (!isOpen()) setOpen(true);
      if (off) return;
      try {
        const pagefind = await load();
        await new Promise((resolve) => setTimeout(resolve, 120)); // let the reader finish typing
        if (mine !== generation) return;
        const search = await find(pagefind, query);
        if (mine !== generation) return;
        const results = search.results.slice(0, MAX_PAGES);
        // One placeholder per page in rank order, each filled as its fragment arrives.
        const items = results.map(() => {
          const li = element("li", "md-search-result__item");
          li.setAttribute("aria-busy", "true");
          return li;
        });
        list.replaceChildren(...items);
        if (!results.length) setStatus(countText(0));
        let arrived = 0;
        await Promise.all(results.map((result, i) => result.data().then((data) => {
          if (mine !== generation) return;
          fillItem(items[i], data);
          arrived += 1;
          if (arrived === 1) setStatus(countText(search.results.length));
        })));
      } catch (error) {
        if (mine === generation) setStatus(text.error);
        console.error("search:", error);
      }
    }

    function links() {
      return Array.from(list.querySelectorAll("a"));
    }

    input.addEventListener("focus", () => {
      if (closing) return;
      setOpen(true);
      load().catch(() => {});
    });
    input.addEventListener("input", run);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const first = links()[0];
      if (first) window.location.href = first.href;
    });
    form.addEventListener("reset", (event) => {
      event.preventDefault();
      reset();
      input.focus();
    });
    if (opener) {
      opener.addEventListener("click", () => {
        setOpen(true);
        input.focus();
      });
    }
    if (toggle) {
      toggle.addEventListener("change", () => {
        if (toggle.checked && !closing) input.focus();
        if (!toggle.checked) reset();
      });
    }
    // Tab out of the search box (or a click elsewhere that moves focus) closes it.
    root.addEventListener("focusout", (event) => {
      const next = event.relatedTarget;
      if (isOpen() && next && !root.contains(next) && next !== opener) close(false);
    });

    root.addEventListener("keydown", (event) => {
      const all = links();
      const index = all.indexOf(document.activeElement);
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        close(true);
      } else if (event.key === "ArrowDown" && all.length) {
        event.preventDefault();
        all[Math.min(index + 1, all.length - 1)].focus();
      } else if (event.key === "ArrowUp" && index >= 0) {
        event.preventDefault();
        (index === 0 ? input : all[index - 1]).focus();
      }
    });

    document.addEventListener("keydown", (event) => {
      const target = event.target;
      const typing = target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        setOpen(true);
        input.focus();
      }
    });

    reset();
  }

  // The other language's page may have the same anchor (clause ids are shared): keep the
  // #fragment then, and drop it otherwise, by asking the target page (same site) first.
  function setupLanguageSwitch() {
    document.querySelectorAll("a.iop-lang__link:not([aria-current])").forEach((link) => {
      link.addEventListener("click", async (event) => {
        const hash = window.location.hash;
        if (!hash || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        const target = new URL(link.href);
        try {
          const response = await fetch(target.href);
          const doc = new DOMParser().parseFromString(await response.text(), "text/html");
          if (doc.getElementById(decodeURIComponent(hash.slice(1)))) target.hash = hash;
        } catch (error) {
          // Go without the fragment.
        }
        window.location.href = target.href;
      });
    });
  }

  // Wide tables scroll inside their own region (hooks/reading.py wraps them). The region is a tab
  // stop only while it actually scrolls, with a visible cue.
  function setupTables() {
    const regions = Array.from(document.querySelectorAll(".iop-table-scroll"));
    if (!regions.length) return;
    const update = () => regions.forEach((region) => {
      const scrolls = region.scrollWidth > region.clientWidth + 1;
      region.classList.toggle("iop-table-scroll--active", scrolls);
      if (scrolls) region.setAttribute("tabindex", "0");
      else region.removeAttribute("tabindex");
    });
    update();
    if ("ResizeObserver" in window) {
      const observer = new ResizeObserver(update);
      regions.forEach((region) => observer.observe(region));
    } else {
      window.addEventListener("resize", update);
    }
  }
})();
