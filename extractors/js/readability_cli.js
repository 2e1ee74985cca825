#!/usr/bin/env node
// Readability.js as a boilerbench `cmd:` extractor: one page of HTML on stdin, the article's
// text on stdout (nothing when Readability finds no article). Usage:
//   node readability_cli.js [--url URL] [--options JSON]   < page.html
// --options is a JSON object handed to `new Readability(document, options)`, e.g.
// '{"charThreshold": 250}'. jsdom runs no scripts and loads no resources, so this is offline.
// --output html writes the article's content HTML instead of its text.
"use strict";

const { readFileSync } = require("node:fs");
const { Readability } = require("@mozilla/readability");
const { JSDOM, VirtualConsole } = require("jsdom");

function parseArgs(argv) {
  const args = { url: "http://localhost/", options: {}, output: "text" };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === "--output" && (value === "text" || value === "html")) {
      args.output = value;
      i += 1;
      continue;
    }
    if ((flag === "--url" || flag === "--options") && value === undefined) {
      throw new Error(`${flag} needs a value`);
    }
    if (flag === "--url") {
      args.url = value;
      i += 1;
    } else if (flag === "--options") {
      args.options = JSON.parse(value);
      i += 1;
    } else {
      throw new Error(`unknown argument ${flag} (expected --url URL, --options JSON or --output text|html)`);
    }
  }
  return args;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const html = readFileSync(0, "utf-8");
  // A silent console: CSS the parser does not understand is not an error of ours.
  const dom = new JSDOM(html, { url: args.url, virtualConsole: new VirtualConsole() });
  const article = new Readability(dom.window.document, args.options).parse();
  const field = args.output === "html" ? "content" : "textContent";
  process.stdout.write(article && article[field] ? article[field] : "");
}

try {
  main();
} catch (error) {
  process.stderr.write(`readability_cli: ${error && error.message ? error.message : error}\n`);
  process.exit(1);
}
