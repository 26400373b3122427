// "Kopieer" after each reference of the "Citeer" block (partials/lessons-cite.html).
// The buttons are made here, so a page without JavaScript has no button that does
// nothing; the reference text stays selectable either way. The copied text is the
// engine's plain text (data-copy); "Gekopieerd" is announced in the block's role=status
// region. The button's name says which style it copies ("Kopieer APA-verwijzing").

async function copy(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Without the Clipboard API (an address without https): a selection and the old command.
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  const done = document.execCommand("copy");
  area.remove();
  if (!done) throw new Error("copy refused");
}

function mount(block) {
  if (block.dataset.mounted) return;
  block.dataset.mounted = "true";
  const status = block.querySelector(".lessons-cite__status");
  let clear;
  for (const reference of block.querySelectorAll(".lessons-cite__text[data-copy]")) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button lessons-cite__copy";
    button.textContent = "Kopieer";
    button.setAttribute("aria-label", `Kopieer ${reference.dataset.label}-verwijzing`);
    button.dataset.copy = reference.dataset.copy;
    reference.after(button);
    button.addEventListener("click", async () => {
      clearTimeout(clear);
      status.textContent = "";
      try {
        await copy(button.dataset.copy);
        status.textContent = "Gekopieerd";
      } catch {
        status.textContent = "Kopiëren lukte niet: selecteer de tekst en kopieer die zelf.";
      }
      clear = setTimeout(() => { status.textContent = ""; }, 5000);
    });
  }
}

function mountAll() {
  document.querySelectorAll("[data-lessons-cite]").forEach(mount);
}

if (window.document$) window.document$.subscribe(mountAll);  // mkdocs-material's page stream
else mountAll();
