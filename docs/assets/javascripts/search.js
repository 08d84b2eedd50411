// Header search backed by Pagefind: one index per <html lang>, with stemming, so a Swedish reader
// who types "upphandlingen" finds pages about "upphandling", and never gets English pages.
(function () {
  "use strict";

  const root = document.querySelector("[data-iop-search]");
  if (!root) return;
  const toggle = document.getElementById("__search");
  const form = root.querySelector("[data-iop-search-form]");
  const input = root.querySelector("[data-iop-search-input]");
  const status = root.querySelector("[data-iop-search-status]");
  const list = root.querySelector("#iop-search-results");
  const rootPath = new URL(root.dataset.iopRoot || ".", window.location.href).pathname;
  // Each language has its own bundle (site/pagefind/, site/en/pagefind/): results never mix languages.
  const bundle = new URL(root.dataset.iopBundle, window.location.href).pathname;
  const placeholder = status.textContent;
  let engine = null;

  function load() {
    if (!engine) {
      engine = import(bundle + "pagefind.js").then(async (pagefind) => {
        await pagefind.options({ baseUrl: rootPath, excerptLength: 24 });
        await pagefind.init();
        return pagefind;
      });
    }
    return engine;
  }

  function open(state) {
    if (toggle && toggle.checked !== state) {
      toggle.checked = state;
      toggle.dispatchEvent(new Event("change"));
    }
  }

  function countText(n) {
    if (n === 0) return status.dataset.none;
    if (n === 1) return status.dataset.one;
    return status.dataset.other.replace("#", String(n));
  }

  function render(results) {
    list.replaceChildren(
      ...results.map((data) => {
        const item = document.createElement("li");
        item.className = "md-search-result__item";
        const link = document.createElement("a");
        link.className = "md-search-result__link";
        link.href = data.url;
        const article = document.createElement("article");
        article.className = "md-search-result__article md-typeset";
        const title = document.createElement("div");
        title.className = "iop-search-title";
        title.textContent = (data.meta && data.meta.title) || data.url;
        const excerpt = document.createElement("p");
        excerpt.innerHTML = data.excerpt; // Pagefind escapes the text; it adds only <mark>
        article.append(title, excerpt);
        link.append(article);
        item.append(link);
        return item;
      })
    );
    status.textContent = countText(results.length);
  }

  async function run() {
    const query = input.value.trim();
    if (!query) {
      list.replaceChildren();
      status.textContent = placeholder;
      return;
    }
    try {
      const pagefind = await load();
      const search = await pagefind.debouncedSearch(query, {}, 120);
      if (search === null) return; // a newer query replaced this one
      const data = await Promise.all(search.results.slice(0, 30).map((r) => r.data()));
      if (input.value.trim() === query) render(data);
    } catch (error) {
      status.textContent = status.dataset.error;
      console.error("search:", error);
    }
  }

  function links() {
    return Array.from(list.querySelectorAll("a"));
  }

  input.addEventListener("focus", () => { open(true); load(); });
  input.addEventListener("input", run);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const first = links()[0];
    if (first) window.location.href = first.href;
  });
  form.addEventListener("reset", () => {
    setTimeout(() => { run(); input.focus(); }, 0);
  });
  if (toggle) {
    toggle.addEventListener("change", () => { if (toggle.checked) input.focus(); });
  }

  root.addEventListener("keydown", (event) => {
    const all = links();
    const index = all.indexOf(document.activeElement);
    if (event.key === "Escape") {
      open(false);
      input.blur();
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
      input.focus();
    }
  });
})();
