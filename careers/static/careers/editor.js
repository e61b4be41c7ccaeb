// The posting editor's helpers (loaded through the insert_editor_js hook; no inline script).
//
// 1. Filter boxes above long lists (time zones, countries): type part of a name to narrow them.
// 2. A list pasted into one duty or requirement fills that item and adds one item per entry.
(() => {
  const normalise = (text) =>
    text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/_/g, " ")
      .toLowerCase()
      .trim();

  const filterList = (box) => {
    const container = box.closest("[data-careers-filtered]");
    const query = normalise(box.value);
    const select = container.querySelector("select");
    if (select) {
      let shown = 0;
      for (const option of select.options) {
        const match = !query || normalise(option.textContent).includes(query);
        option.hidden = !match;
        shown += match ? 1 : 0;
      }
      for (const group of select.querySelectorAll("optgroup")) {
        group.hidden = !group.querySelector("option:not([hidden])");
      }
      if (query) {
        select.size = Math.max(2, Math.min(10, shown + 1));
      } else {
        select.removeAttribute("size");
      }
      return;
    }
    for (const input of container.querySelectorAll("input[type=checkbox]")) {
      const item = input.closest("li") || input.closest("label") || input.parentElement;
      const label = input.closest("label") || item;
      item.hidden = Boolean(query) && !normalise(label.textContent).includes(query);
    }
  };

  const showChosen = (container) => {
    const summary = container.querySelector("[data-careers-chosen]");
    if (!summary) {
      return;
    }
    const names = [...container.querySelectorAll("input[type=checkbox]:checked")].map((input) =>
      (input.closest("label") || input.parentElement).textContent.trim(),
    );
    summary.textContent = names.length
      ? `${summary.dataset.label} ${names.join(", ")}`
      : summary.dataset.empty;
  };

  const setUpFilters = (root) => {
    for (const box of root.querySelectorAll("[data-careers-filter][hidden]")) {
      box.hidden = false;
      showChosen(box.closest("[data-careers-filtered]"));
    }
  };

  document.addEventListener("input", (event) => {
    if (event.target.matches("[data-careers-filter]")) {
      filterList(event.target);
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.target.matches("[data-careers-filter]") && event.key === "Enter") {
      event.preventDefault();
    }
  });
  document.addEventListener("change", (event) => {
    const container = event.target.closest("[data-careers-filtered]");
    if (container && event.target.type === "checkbox") {
      showChosen(container);
    }
  });

  // Pasting a list into a list item
  const MARKER = /^\s*(?:[•●▪◦‣∙·○■□➢➤►✓✔–—*-]|\(?\d{1,3}[.)]|\(?[A-Za-z]\))\s+/;

  const entriesOf = (clipboard) => {
    let lines = [];
    const html = clipboard.getData("text/html");
    if (html) {
      const doc = new DOMParser().parseFromString(html, "text/html");
      const items = doc.querySelectorAll("li, p");
      lines = [...items].filter((el) => !el.querySelector("li, p")).map((el) => el.textContent);
    }
    if (lines.length < 2) {
      lines = clipboard.getData("text/plain").split(/\r?\n/);
    }
    return lines.map((line) => line.replace(MARKER, "").replace(/\s+/g, " ").trim()).filter(Boolean);
  };

  const sleep = (ms) =>
    new Promise((resolve) => {
      setTimeout(resolve, ms);
    });

  const waitFor = async (find) => {
    for (let tries = 0; tries < 100; tries += 1) {
      const found = find();
      if (found) {
        return found;
      }
      await sleep(30);
    }
    return null;
  };

  // Only the lists whose items split on save too: duties ("…-items-0-value") and requirements
  // ("…-items-0-value-text").
  const LIST_TEXT = /-items-\d+-value(-text)?$/;

  const listItemOf = (editable) => {
    const child = editable.closest("[data-streamfield-child]");
    const field = editable.closest("[data-field-input]")?.querySelector("input[type=hidden]");
    if (!child || !field || !LIST_TEXT.test(field.name)) {
      return null;
    }
    return child.parentElement?.matches("[data-streamfield-list-container]") ? child : null;
  };

  // Draftail inserts the entry as if it were pasted on its own (this event is not trusted, so
  // the listener below lets it through).
  const typeInto = (editable, text) => {
    editable.focus();
    const data = new DataTransfer();
    data.setData("text/plain", text);
    editable.dispatchEvent(
      new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }),
    );
  };

  const addItemAfter = async (child) => {
    const add = child.nextElementSibling;
    if (!add?.matches("[data-streamfield-list-add]")) {
      return null;
    }
    add.click();
    const added = await waitFor(() => {
      const next = add.nextElementSibling;
      return next?.matches("[data-streamfield-child]") && next.querySelector("[contenteditable=true]")
        ? next
        : null;
    });
    return added;
  };

  document.addEventListener(
    "paste",
    async (event) => {
      const editable = event.target.closest?.("[contenteditable=true]");
      const fromClipboard = event.isTrusted && event.clipboardData;
      const child = editable && fromClipboard ? listItemOf(editable) : null;
      if (!child) {
        return;
      }
      const entries = entriesOf(event.clipboardData);
      if (entries.length < 2) {
        return;
      }
      event.preventDefault();
      event.stopPropagation();
      typeInto(editable, entries[0]);
      let current = child;
      for (const entry of entries.slice(1)) {
        current = await addItemAfter(current);
        if (!current) {
          return;
        }
        const editor = [...current.querySelectorAll("[contenteditable=true]")].find(
          (element) => listItemOf(element) === current,
        );
        if (!editor) {
          return;
        }
        typeInto(editor, entry);
      }
    },
    true,
  );

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => setUpFilters(document));
  } else {
    setUpFilters(document);
  }
})();
