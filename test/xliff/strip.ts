import type { XliffDocument } from "../../src/xliff/read.js";
import type { Insertion } from "../../src/xliff/splice.js";

/** Removes exactly the inserted spans (as applyInsertions wrote them) from its output. */
export function removeInsertions(doc: XliffDocument, out: string, insertions: readonly Insertion[]): string {
  const order = insertions
    .map((_, i) => i)
    .sort((a, b) => insertions[a]!.offset - insertions[b]!.offset || a - b);
  let body = doc.bom ? out.slice(1) : out;
  const kept: string[] = [];
  let at = 0;
  for (const i of order) {
    const ins = insertions[i]!;
    const written = ins.text.replace(/\n/g, doc.eol);
    const before = ins.offset - at;
    kept.push(body.slice(0, before));
    if (body.slice(before, before + written.length) !== written)
      throw new Error(`insertion ${i} is not at offset ${ins.offset}`);
    body = body.slice(before + written.length);
    at = ins.offset;
  }
  kept.push(body);
  return (doc.bom ? "\ufeff" : "") + kept.join("");
}

const LEAD = String.raw`(?:\r?\n[ \t]*)?`;
/** Our additions, recognised in the output by their shape alone (not from the insertion list). */
const OURS: [RegExp, string][] = [
  // 2.x: our own containers, and entries we put inside the client's containers; each declares its namespace.
  [
    new RegExp(
      `${LEAD}<gls:glossary xmlns:gls="urn:oasis:names:tc:xliff:glossary:2.0"[^>]*>[\\s\\S]*?</gls:glossary>`,
      "g",
    ),
    "",
  ],
  [
    new RegExp(
      `${LEAD}<gls:glossEntry xmlns:gls="urn:oasis:names:tc:xliff:glossary:2.0"[^>]*>[\\s\\S]*?</gls:glossEntry>`,
      "g",
    ),
    "",
  ],
  [
    new RegExp(
      `${LEAD}<mtc:matches xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0"[^>]*>[\\s\\S]*?</mtc:matches>`,
      "g",
    ),
    "",
  ],
  [
    new RegExp(
      `${LEAD}<mtc:match xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0"[^>]*>[\\s\\S]*?</mtc:match>`,
      "g",
    ),
    "",
  ],
  // 2.x pre-translation: the state we add to <segment>, and the <target> we add after its </source>.
  [
    new RegExp(
      `( state="translated" subState="yizhi:exact-match">[\\s\\S]*?</source>)${LEAD}<target>[^<]*</target>`,
      "g",
    ),
    "$1",
  ],
  [/ state="translated" subState="yizhi:exact-match"/g, ""],
  // 1.2: notes from us, alt-trans with our origin, targets we added or filled.
  [new RegExp(`${LEAD}<note from="yizhi" annotates="source">[^<]*</note>`, "g"), ""],
  [new RegExp(`${LEAD}<alt-trans[^>]* origin="yizhi-tm"[^>]*>[\\s\\S]*?</alt-trans>`, "g"), ""],
  [
    new RegExp(
      `${LEAD}<target state="needs-review-translation" state-qualifier="exact-match">[^<]*</target>`,
      "g",
    ),
    "",
  ],
  [
    /(<target[^>]*?) state="needs-review-translation" state-qualifier="exact-match">[^<]*<\/target>/g,
    "$1></target>",
  ],
];

/** Removes every element and attribute yizhi adds, by recognising them, so the test does not trust the plan. */
export function stripOurAdditions(out: string): string {
  return OURS.reduce((s, [re, by]) => s.replace(re, by), out);
}
