#!/usr/bin/env node
// Readability.js as a boilerbench extractor, in one of two modes.
//
//   node readability_cli.js [--url URL] [--options JSON]            < page.html
//     one page of HTML on stdin, the article's text on stdout (nothing when Readability finds
//     no article): a `cmd:` program, one process per page.
//   node readability_cli.js --stream [--url URL] [--options JSON]
//     long-lived (`cmd+stream:`, docs/plugins.md): one JSON request per line on stdin,
//     {"id", "html", "url"}, one JSON answer per line on stdout, {"id", "text"} or
//     {"id", "error"}; it exits at stdin's end. Node and jsdom start once, not once per page.
//
// --url is the document's address (a request's "url" overrides it); --options is a JSON
// object handed to `new Readability(document, options)`, e.g. '{"charThreshold": 250}'.
// --output html writes the article's content HTML instead of its text (in both modes; a
// streamed answer then carries the HTML in "text").
// --dom linkedom (the default) parses each page with jsdom's parser into linkedom's faster DOM
// (dom.js); --dom jsdom into jsdom's own: the same outputs, byte for byte, ~2.5x the time.
// Nothing runs the page's scripts or loads its resources, so this is offline. Both modes give
// the same text for the same page: each page is parsed into a fresh document.
"use strict";

const { readFileSync } = require("node:fs");
const { Readability } = require("@mozilla/readability");
const { parseDocument } = require("./dom.js");

function parseArgs(argv) {
  const args = { url: "http://localhost/", options: {}, output: "text", stream: false, dom: "linkedom" };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === "--stream") {
      args.stream = true;
      continue;
    }
    if (flag === "--output" && (value === "text" || value === "html")) {
      args.output = value;
      i += 1;
      continue;
    }
    if (flag === "--dom" && (value === "linkedom" || value === "jsdom")) {
      args.dom = value;
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
      throw new Error(
        `unknown argument ${flag} (expected --stream, --url URL, --options JSON, --output text|html or --dom linkedom|jsdom)`,
      );
    }
  }
  return args;
}

// --dom jsdom: one jsdom window per document address, kept for every page (a window costs
// ~10 ms to make, and `new JSDOM(html)` also builds what a browsing context needs, a window
// for every <iframe> and parsed <style> sheets, that Readability never reads). Its DOMParser
// parses each page with the same parser (parse5, scripting disabled, as in a JSDOM without
// scripts) into a fresh document whose URL, and so baseURI for the relative links of --output
// html, is the window's: outputs byte for byte those of a JSDOM per page on all of AEB.
const WINDOWS = new Map();
const MAX_WINDOWS = 8;

function windowFor(url) {
  let window = WINDOWS.get(url);
  if (window === undefined) {
    // A silent console: CSS the parser does not understand is not an error of ours.
    const { JSDOM, VirtualConsole } = require("jsdom");
    window = new JSDOM("", { url, virtualConsole: new VirtualConsole() }).window;
    if (WINDOWS.size >= MAX_WINDOWS) {
      const [oldest, old] = WINDOWS.entries().next().value;
      WINDOWS.delete(oldest);
      old.close();
    }
    WINDOWS.set(url, window);
  }
  return window;
}

function parse(html, url, dom) {
  if (dom === "jsdom") {
    return new (windowFor(url).DOMParser)().parseFromString(html, "text/html");
  }
  return parseDocument(html, url);
}

function extractText(html, url, options, output, dom) {
  const document = parse(html, url, dom);
  const article = new Readability(document, options).parse();
  const field = output === "html" ? "content" : "textContent";
  return article && article[field] ? article[field] : "";
}

function describe(error) {
  return `readability_cli: ${error && error.message ? error.message : error}`;
}

function answer(line, args) {
  let id = null;
  let reply;
  try {
    const request = JSON.parse(line);
    id = request.id === undefined ? null : request.id;
    if (typeof request.html !== "string") {
      throw new Error('the request has no "html" string');
    }
    const url = request.url || args.url;
    reply = { id, text: extractText(request.html, url, args.options, args.output, args.dom) };
  } catch (error) {
    reply = { id, error: describe(error) };
  }
  process.stdout.write(`${JSON.stringify(reply)}\n`);
}

function serve(args) {
  // Lines are split on the byte "\n" and decoded whole, so a UTF-8 character cut between two
  // chunks of stdin is never mangled.
  let partial = [];
  process.stdin.on("data", (chunk) => {
    let start = 0;
    let newline = chunk.indexOf(10, start);
    while (newline !== -1) {
      partial.push(chunk.subarray(start, newline));
      const line = Buffer.concat(partial).toString("utf-8");
      partial = [];
      if (line.trim()) {
        answer(line, args);
      }
      start = newline + 1;
      newline = chunk.indexOf(10, start);
    }
    if (start < chunk.length) {
      partial.push(chunk.subarray(start));
    }
  });
  // stdin's end (boilerbench is done, or its worker died): flush and go.
  process.stdin.on("end", () => process.stdout.write("", () => process.exit(0)));
}

try {
  const args = parseArgs(process.argv.slice(2));
  if (args.stream) {
    serve(args);
  } else {
    const html = readFileSync(0, "utf-8");
    process.stdout.write(extractText(html, args.url, args.options, args.output, args.dom));
  }
} catch (error) {
  process.stderr.write(`${describe(error)}\n`);
  process.exit(1);
}
