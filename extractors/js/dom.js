// Documents for Readability, faster than jsdom's and, for what Readability reads, the same.
//
// jsdom's HTML parser (parse5, scripting disabled) builds the tree, and parse5 serializes it
// (innerHTML, the article's HTML) and parses markup set as innerHTML, as in jsdom; the nodes
// are linkedom's (a DOM on linked lists, ~3x faster for Readability than jsdom's, whose
// every insertion runs the full DOM algorithm: mutation records, live collections). Where
// linkedom's DOM differs from jsdom's in what Readability reads, it is patched below to behave
// as jsdom does: attribute order, `class` as written, `style` parsed by jsdom's CSS parser
// (cssstyle), element names, `document.title`, `baseURI`/`documentURI`.
// The patches change linkedom's classes in this process, which only runs Readability.
// `readability_cli.js --dom jsdom` runs jsdom itself: the reference these documents are
// checked against (tests/extractors/test_readability_js_stream.py, byte for byte).
"use strict";

const path = require("node:path");
const parse5 = require("parse5");
const { CSSStyleDeclaration } = require("cssstyle");
const whatwgURL = require("whatwg-url");
const linkedom = require("linkedom");
// linkedom's own link symbols (its package exports no subpath, so by file)
const { NEXT, PREV } = require(path.join(path.dirname(require.resolve("linkedom")), "shared", "symbols.js"));

const HTML_NS = "http://www.w3.org/1999/xhtml";
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const COMMENT_NODE = 8;
const DOCUMENT_TYPE_NODE = 10;
const PARSE_OPTIONS = { scriptingEnabled: false }; // jsdom's, without runScripts

const FOREIGN = new WeakMap(); // element -> its namespace, for SVG and MathML elements
const TEMPLATES = new WeakMap(); // <template> -> the fragment parse5 gave it

function addAttributes(document, element, attrs) {
  for (const attr of attrs) {
    const name = attr.prefix ? `${attr.prefix}:${attr.name}` : attr.name;
    if (!element.hasAttribute(name)) {
      const node = document.createAttribute(name);
      node.value = attr.value;
      element.setAttributeNode(node);
    }
  }
}

// parse5's tree adapter, building (and reading) linkedom nodes as jsdom's adapter does jsdom's.
function treeAdapter(document) {
  return {
    createDocument: () => document,
    createDocumentFragment: () => document.createDocumentFragment(),
    createElement(tagName, namespaceURI, attrs) {
      let element;
      if (namespaceURI === HTML_NS) {
        element = document.createElement(tagName);
      } else {
        element = document.createElementNS(namespaceURI, tagName);
        FOREIGN.set(element, namespaceURI);
      }
      addAttributes(document, element, attrs);
      return element;
    },
    createCommentNode: (data) => document.createComment(data),
    appendChild: (parent, node) => parent.appendChild(node),
    insertBefore: (parent, node, reference) => parent.insertBefore(node, reference),
    setTemplateContent: (template, fragment) => TEMPLATES.set(template, fragment),
    getTemplateContent: (template) => TEMPLATES.get(template) || template.content,
    setDocumentType() {}, // Readability never reads the doctype
    setDocumentMode() {},
    getDocumentMode: () => "no-quirks",
    detachNode(node) {
      if (node.parentNode) {
        node.parentNode.removeChild(node);
      }
    },
    insertText(parent, text) {
      const last = parent.lastChild;
      if (last && last.nodeType === TEXT_NODE) {
        last.data += text;
      } else {
        parent.appendChild(document.createTextNode(text));
      }
    },
    insertTextBefore(parent, text, reference) {
      const previous = reference.previousSibling;
      if (previous && previous.nodeType === TEXT_NODE) {
        previous.data += text;
      } else {
        // as jsdom 26 does (its `parentNode._append(textNode, referenceNode)` appends): text
        // foster-parented out of a <table> goes to the end of the table's parent
        parent.appendChild(document.createTextNode(text));
      }
    },
    adoptAttributes: (element, attrs) => addAttributes(document, element, attrs),
    getFirstChild: (node) => node.firstChild,
    getChildNodes: (node) => node.childNodes,
    getParentNode: (node) => node.parentNode,
    // qualified names as written: what parse5 writes for a namespaced attribute too
    getAttrList: (element) =>
      Array.from(element.attributes, (a) => ({ name: a.name, value: a.value, namespace: null, prefix: null })),
    getTagName: (element) => element.localName,
    getNamespaceURI: (element) => FOREIGN.get(element) || HTML_NS,
    getTextNodeContent: (node) => node.data,
    getCommentNodeContent: (node) => node.data,
    getDocumentTypeNodeName: (node) => node.name,
    getDocumentTypeNodePublicId: (node) => node.publicId,
    getDocumentTypeNodeSystemId: (node) => node.systemId,
    isTextNode: (node) => node.nodeType === TEXT_NODE,
    isCommentNode: (node) => node.nodeType === COMMENT_NODE,
    isDocumentTypeNode: (node) => node.nodeType === DOCUMENT_TYPE_NODE,
    isElementNode: (node) => node.nodeType === ELEMENT_NODE,
    setNodeSourceCodeLocation() {},
    getNodeSourceCodeLocation() {},
    updateNodeSourceCodeLocation() {},
    onItemPush() {},
    onItemPop() {},
  };
}

function emptyDocument() {
  return new linkedom.DOMParser().parseFromString("", "text/html");
}

// -- linkedom, made to behave as jsdom does ------------------------------------------------

function patch(prototype, name, descriptor) {
  Object.defineProperty(prototype, name, { configurable: true, ...descriptor });
}

const innerHTML = {
  get() {
    return parse5.serialize(this, { ...PARSE_OPTIONS, treeAdapter: treeAdapter(this.ownerDocument) });
  },
  set(markup) {
    const adapter = treeAdapter(this.ownerDocument);
    const fragment = parse5.parseFragment(this, String(markup), { ...PARSE_OPTIONS, treeAdapter: adapter });
    while (this.firstChild) {
      this.removeChild(this.firstChild);
    }
    this.appendChild(fragment);
  },
};
// every class with its own innerHTML (linkedom's <script>, <style>, <title>… give raw text)
for (const value of Object.values(linkedom)) {
  const prototype = typeof value === "function" ? value.prototype : null;
  if (prototype && Object.getOwnPropertyDescriptor(prototype, "innerHTML")) {
    patch(prototype, "innerHTML", innerHTML);
  }
}

const elementPrototype = linkedom.Element.prototype;

// linkedom links a new attribute before the others; the DOM keeps insertion order, so the
// list read backwards is the DOM's.
const linkedAttributes = Object.getOwnPropertyDescriptor(elementPrototype, "attributes").get;
patch(elementPrototype, "attributes", {
  get() {
    const list = linkedAttributes.call(this);
    list.reverse();
    return list;
  },
});

// The DOM replaces an attribute of the same name where it stands; linkedom unlinks the old
// one and links the new one first.
const linkAttribute = elementPrototype.setAttributeNode;
elementPrototype.setAttributeNode = function setAttributeNode(attr) {
  const previous = this.getAttributeNode(attr.name);
  if (!previous || previous === attr) {
    return linkAttribute.call(this, attr);
  }
  if (attr.ownerElement) {
    attr.ownerElement.removeAttributeNode(attr);
  }
  const before = previous[PREV];
  const after = previous[NEXT];
  before[NEXT] = attr;
  attr[PREV] = before;
  attr[NEXT] = after;
  after[PREV] = attr;
  previous[PREV] = null;
  previous[NEXT] = null;
  previous.ownerElement = null;
  attr.ownerElement = this;
  if (attr.name === "class") {
    this.className = attr.value;
  }
  return previous;
};

// Names: an SVG or MathML element's tagName is its name as written ("svg", "foreignObject"),
// not upper-cased as an HTML element's.
for (const name of ["tagName", "nodeName"]) {
  const htmlName = Object.getOwnPropertyDescriptor(elementPrototype, name).get;
  patch(elementPrototype, name, {
    get() {
      return FOREIGN.has(this) ? this.localName : htmlName.call(this);
    },
  });
}

// An SVG element's className is an SVGAnimatedString (the same object each time), as in jsdom:
// Readability reads it as "[object SVGAnimatedString]" and gives it no class weight. Its
// class attribute is read and written as any element's (linkedom's SVG elements keep a token
// list instead).
class SVGAnimatedString {
  constructor(element) {
    this.element = element;
  }

  get baseVal() {
    return this.element.getAttribute("class") ?? "";
  }

  get animVal() {
    return this.baseVal;
  }

  get [Symbol.toStringTag]() {
    return "SVGAnimatedString";
  }
}
const SVG_NS = "http://www.w3.org/2000/svg";
const ANIMATED = new WeakMap();
let svgPrototype = Object.getPrototypeOf(emptyDocument().createElementNS(SVG_NS, "svg"));
while (!Object.getOwnPropertyDescriptor(svgPrototype, "className")) {
  svgPrototype = Object.getPrototypeOf(svgPrototype);
}
for (const name of ["className", "getAttribute", "setAttribute"]) {
  delete svgPrototype[name];
}

// `class` is the attribute's text as written (linkedom's is its de-duplicated token list).
const getAttribute = elementPrototype.getAttribute;
elementPrototype.getAttribute = function (name) {
  if (name === "class") {
    const attr = this.getAttributeNode("class");
    return attr ? attr.value : null;
  }
  return getAttribute.call(this, name);
};
patch(elementPrototype, "className", {
  get() {
    if (FOREIGN.get(this) === SVG_NS) {
      let animated = ANIMATED.get(this);
      if (animated === undefined) {
        animated = new SVGAnimatedString(this);
        ANIMATED.set(this, animated);
      }
      return animated;
    }
    const attr = this.getAttributeNode("class");
    return attr ? attr.value : "";
  },
  set(value) {
    const text = String(value);
    const attr = this.getAttributeNode("class");
    if (attr === null) {
      const created = this.ownerDocument.createAttribute("class");
      created.value = text;
      linkAttribute.call(this, created);
    } else if (attr.value !== text) {
      attr.value = text;
    }
  },
});

// `style` as jsdom's: the style attribute parsed by cssstyle, none on MathML elements (read
// only: Readability reads display and visibility, and never writes a style). Kept per element
// while its attribute stays the same; elements without one share an empty declaration.
const MATHML_NS = "http://www.w3.org/1998/Math/MathML";
const NO_STYLE = new CSSStyleDeclaration();
const STYLES = new WeakMap(); // element -> [its style attribute, that attribute parsed]
patch(elementPrototype, "style", {
  get() {
    if (FOREIGN.get(this) === MATHML_NS) {
      return undefined;
    }
    const text = this.getAttribute("style");
    if (text === null) {
      return NO_STYLE;
    }
    const cached = STYLES.get(this);
    if (cached !== undefined && cached[0] === text) {
      return cached[1];
    }
    const style = new CSSStyleDeclaration();
    style.cssText = text;
    STYLES.set(this, [text, style]);
    return style;
  },
});

// HTML documents lower-case the names given to createElement (Readability makes "DIV"s).
const documentPrototype = Object.getPrototypeOf(emptyDocument());
const createElement = documentPrototype.createElement;
documentPrototype.createElement = function (name, options) {
  return createElement.call(this, String(name).replace(/[A-Z]+/g, (c) => c.toLowerCase()), options);
};

function firstElement(root, test) {
  for (let node = root.firstElementChild; node; node = node.nextElementSibling) {
    if (test(node)) {
      return node;
    }
    const found = firstElement(node, test);
    if (found) {
      return found;
    }
  }
  return null;
}

const isHtml = (element) => !FOREIGN.has(element);

// jsdom's document.title: the first HTML <title>'s own text, ASCII white space collapsed.
function title() {
  const element = firstElement(this, (e) => e.localName === "title" && isHtml(e));
  let text = "";
  for (let node = element ? element.firstChild : null; node; node = node.nextSibling) {
    if (node.nodeType === TEXT_NODE) {
      text += node.data;
    }
  }
  return text.replace(/[ \t\n\f\r]+/g, " ").replace(/^ /, "").replace(/ $/, "");
}

// jsdom's document base URL: the first <base href> resolved against the document's URL.
function baseURI(documentURL) {
  return function () {
    const base = firstElement(this, (e) => e.localName === "base" && e.hasAttribute("href"));
    if (base === null) {
      return whatwgURL.serializeURL(documentURL);
    }
    const parsed = whatwgURL.parseURL(base.getAttribute("href"), { baseURL: documentURL });
    return whatwgURL.serializeURL(parsed === null ? documentURL : parsed);
  };
}

/** A document for Readability: `html` parsed as jsdom parses it, at address `url`. */
function parseDocument(html, url) {
  const documentURL = whatwgURL.parseURL(url);
  if (documentURL === null) {
    throw new TypeError(`Invalid URL: ${url}`);
  }
  const document = emptyDocument();
  parse5.parse(html, { ...PARSE_OPTIONS, treeAdapter: treeAdapter(document) });
  patch(document, "title", { get: title });
  patch(document, "documentURI", { value: whatwgURL.serializeURL(documentURL) });
  patch(document, "baseURI", { get: baseURI(documentURL) });
  return document;
}

module.exports = { parseDocument };
