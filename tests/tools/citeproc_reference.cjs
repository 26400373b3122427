// The reference engine: citeproc-js (npm "citeproc", the processor in Zotero and Mendeley).
// Reads {"styles": {name: path of an independent CSL style}, "locale": path of
// locales-xx-XX.xml, "lang": "nl-NL", "items": [CSL-JSON items]} on standard input and
// writes {name: {id: {"html": ..., "text": ...}}}: each item's bibliography entry, made
// alone (a page cites one item, so no year suffixes or shared numbering), without the
// citation number a numbered style puts in front of it.
"use strict";
const fs = require("fs");
const CSL = require("citeproc");

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const localeXml = fs.readFileSync(input.locale, "utf8");
const items = Object.fromEntries(input.items.map((item) => [item.id, item]));
const sys = {
  retrieveLocale: (lang) => (lang === input.lang ? localeXml : null),
  retrieveItem: (id) => items[id],
};

function entry(engine, id, format) {
  engine.setOutputFormat(format);
  engine.updateItems([id]);
  const [, entries] = engine.makeBibliography();
  let out = entries.join("").trim();
  if (format === "html") {
    out = out.replace(/^<div class="csl-entry">/, "").replace(/<\/div>$/, "")
      .replace(/<div class="csl-left-margin">[^<]*<\/div>/, "")
      .replace(/^\s*<div class="csl-right-inline">([\s\S]*)<\/div>\s*$/, "$1").trim();
  } else {
    out = out.replace(/^\d+\.\s+/, "");
  }
  return out;
}

const result = {};
for (const [name, path] of Object.entries(input.styles)) {
  // forceLang: the page's language, whatever default-locale the style names.
  const engine = new CSL.Engine(sys, fs.readFileSync(path, "utf8"), input.lang, true);
  result[name] = {};
  for (const id of Object.keys(items)) {
    result[name][id] = { html: entry(engine, id, "html"), text: entry(engine, id, "text") };
  }
}
process.stdout.write(JSON.stringify(result));
