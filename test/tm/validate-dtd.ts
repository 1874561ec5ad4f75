import { readFileSync } from "node:fs";
import { SaxesParser } from "saxes";

/**
 * Validates a document against a DTD's element and attribute declarations (XML 1.0 §3: content models,
 * mixed content, #REQUIRED, enumerations, #FIXED). xmllint-wasm 5 cannot do this: its xmllint build has
 * no `--valid`/`--dtdvalid` option ("Unknown option --dtdvalid"), only `--schema` and `--relaxng`. So the
 * declarations are read from the DTD file itself — nothing hand-copied — and checked over a saxes parse.
 * Covers what TMX 1.4b's DTD uses: parameter entities, EMPTY, mixed content, sequences/choices with ? * +.
 */

interface ElementDecl {
  readonly mixed: boolean;
  readonly empty: boolean;
  /** For mixed content: allowed children; for element content: a RegExp over `<name>` tokens. */
  readonly allowed: ReadonlySet<string>;
  readonly model?: RegExp;
}

interface AttrDecl {
  readonly enumeration?: readonly string[];
  readonly required: boolean;
  readonly fixed?: string;
}

export interface Dtd {
  readonly elements: ReadonlyMap<string, ElementDecl>;
  readonly attributes: ReadonlyMap<string, ReadonlyMap<string, AttrDecl>>;
}

/** Reads ELEMENT and ATTLIST declarations from DTD text. */
export function parseDtd(text: string): Dtd {
  let t = text.replace(/<!--[\s\S]*?-->/g, " ");
  const params = new Map<string, string>();
  for (const m of t.matchAll(/<!ENTITY\s+%\s+([\w.-]+)\s+"([^"]*)"\s*>/g))
    params.set(m[1] as string, m[2] as string);
  t = t.replace(/%([\w.-]+);/g, (_, n: string) => params.get(n) ?? "");

  const elements = new Map<string, ElementDecl>();
  for (const m of t.matchAll(/<!ELEMENT\s+([\w:.-]+)\s+([^>]*)>/g)) {
    const name = m[1] as string;
    const spec = (m[2] as string).replace(/\s+/g, "");
    if (spec === "EMPTY") elements.set(name, { mixed: false, empty: true, allowed: new Set() });
    else if (spec.includes("#PCDATA")) {
      const names = spec
        .replace(/[()*]/g, "")
        .split("|")
        .filter((n) => n !== "#PCDATA");
      elements.set(name, { mixed: true, empty: false, allowed: new Set(names) });
    } else {
      const names = new Set(spec.match(/[\w:.-]+/g) ?? []);
      const source = spec.replace(/[\w:.-]+/g, (n) => `(?:<${n}>)`).replace(/,/g, "");
      elements.set(name, {
        mixed: false,
        empty: false,
        allowed: names,
        model: new RegExp(`^(?:${source})$`),
      });
    }
  }

  const attributes = new Map<string, Map<string, AttrDecl>>();
  for (const m of t.matchAll(/<!ATTLIST\s+([\w:.-]+)([^>]*)>/g)) {
    const el = m[1] as string;
    const map = attributes.get(el) ?? new Map<string, AttrDecl>();
    const re =
      /([\w:.-]+)\s+(CDATA|NMTOKENS?|ID|IDREFS?|\([^)]*\))\s+(#REQUIRED|#IMPLIED|#FIXED\s+"[^"]*"|"[^"]*")/g;
    for (const a of (m[2] as string).matchAll(re)) {
      const type = a[2] as string;
      const dflt = a[3] as string;
      const decl: AttrDecl = {
        required: dflt === "#REQUIRED",
        ...(type.startsWith("(")
          ? {
              enumeration: type
                .slice(1, -1)
                .split("|")
                .map((s) => s.trim()),
            }
          : {}),
        ...(dflt.startsWith("#FIXED") ? { fixed: /"([^"]*)"/.exec(dflt)?.[1] ?? "" } : {}),
      };
      map.set(a[1] as string, decl);
    }
    attributes.set(el, map);
  }
  return { elements, attributes };
}

/** Validates `xml` against `dtd`; returns one message per problem (empty when valid). */
export function validateAgainstDtd(xml: string, dtd: Dtd, rootName: string): string[] {
  const errors: string[] = [];
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: { name: string; children: string[]; text: boolean }[] = [];
  let sawRoot = false;
  const at = () => `line ${parser.line}`;
  parser.on("error", (e) => {
    errors.push(`not well-formed: ${e.message}`);
  });
  parser.on("opentag", (tag) => {
    const decl = dtd.elements.get(tag.name);
    if (!sawRoot) {
      sawRoot = true;
      if (tag.name !== rootName) errors.push(`${at()}: root is <${tag.name}>, DOCTYPE says <${rootName}>`);
    }
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(tag.name);
    if (!decl) errors.push(`${at()}: element <${tag.name}> is not declared`);
    const attrs = dtd.attributes.get(tag.name) ?? new Map<string, AttrDecl>();
    for (const [name, value] of Object.entries(tag.attributes)) {
      const a = attrs.get(name);
      if (!a) errors.push(`${at()}: <${tag.name}> has undeclared attribute ${name}`);
      else if (a.enumeration && !a.enumeration.includes(value))
        errors.push(`${at()}: <${tag.name} ${name}="${value}"> not in (${a.enumeration.join("|")})`);
      else if (a.fixed !== undefined && a.fixed !== value)
        errors.push(`${at()}: <${tag.name} ${name}> must be "${a.fixed}"`);
    }
    for (const [name, a] of attrs) {
      if (a.required && !(name in tag.attributes))
        errors.push(`${at()}: <${tag.name}> lacks required attribute ${name}`);
    }
    stack.push({ name: tag.name, children: [], text: false });
  });
  const onText = (text: string) => {
    const top = stack[stack.length - 1];
    if (top && text.trim() !== "") top.text = true;
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  parser.on("closetag", () => {
    const top = stack.pop();
    if (!top) return;
    const decl = dtd.elements.get(top.name);
    if (!decl) return;
    if (decl.empty) {
      if (top.children.length > 0 || top.text) errors.push(`${at()}: <${top.name}> must be empty`);
    } else if (decl.mixed) {
      for (const c of top.children)
        if (!decl.allowed.has(c)) errors.push(`${at()}: <${c}> not allowed in <${top.name}>`);
    } else {
      if (top.text) errors.push(`${at()}: text not allowed in <${top.name}>`);
      const seq = top.children.map((c) => `<${c}>`).join("");
      if (!decl.model?.test(seq))
        errors.push(
          `${at()}: content of <${top.name}> (${top.children.join(", ") || "empty"}) does not match its model`,
        );
    }
  });
  parser.write(xml).close();
  return errors;
}

const TMX_DTD = new URL("../schemas/tmx/tmx14.dtd", import.meta.url);

/** Validates a TMX document against the shipped TMX 1.4b DTD (test/schemas/tmx/tmx14.dtd). */
export function validateTmx(xml: string): string[] {
  return validateAgainstDtd(xml, parseDtd(readFileSync(TMX_DTD, "utf8")), "tmx");
}
