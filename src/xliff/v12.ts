import type { InlineTextBuilder } from "./inline.js";
import type { InlineCode, InlineCodeKind, InlineText, XliffSegment } from "./model.js";
import type { Frame, FormatHandler, ScanContext } from "./scan.js";
import { unitPlacement, type FormatResult } from "./v20.js";
import type { XliffUnit } from "./model.js";

/**
 * XLIFF 1.2 inline elements (§2.4): `g` and `mrk` hold text; `x`, `bx`, `ex` are empty; `bpt`, `ept`, `ph`
 * and `it` hold native code, which is not translatable text (their `sub` is ignored with them).
 */
const INLINE_12: Readonly<Record<string, InlineCodeKind>> = {
  g: "g",
  x: "x",
  bx: "bx",
  ex: "ex",
  bpt: "bpt",
  ept: "ept",
  ph: "ph12",
  it: "it",
  mrk: "mrk",
};
const NATIVE_CODE = new Set(["bpt", "ept", "ph", "it"]);

/** trans-unit children that the strict schema puts before any extension element. */
const CORE_CHILDREN = new Set([
  "source",
  "seg-source",
  "target",
  "context-group",
  "count-group",
  "note",
  "alt-trans",
]);

interface Capture {
  builder: InlineTextBuilder;
  frame: Frame;
  role: "source" | "target" | "seg-source-mrk" | "target-mrk" | "note";
  mid?: string;
}

interface TransUnitDraft {
  frame: Frame;
  translate: boolean;
  source?: InlineText;
  sourceFrame?: Frame;
  sourceEnd?: number;
  segSourceEnd?: number;
  segmented: boolean;
  segSources: { mid: string; text: InlineText; line: number; column: number }[];
  target?: InlineText;
  targetFrame?: Frame;
  targetMrks: Map<string, InlineText>;
  notes: string[];
  moduleInsertAt: number;
}

/** Reads XLIFF 1.2 into the shared model: segments from `<seg-source>` when present, else one per trans-unit. */
export class Xliff12Reader implements FormatHandler {
  private srcLang: string | undefined;
  private trgLang: string | undefined;
  private readonly translateStack: boolean[] = [true];
  private readonly groupPath: string[] = [];
  private fileId: string | undefined;
  private unit: TransUnitDraft | undefined;
  private readonly captures: Capture[] = [];
  private readonly codes = new Map<Frame, [InlineTextBuilder, InlineCode][]>();
  private codeDepth = 0;
  private altTransDepth = 0;

  /** `deliver` receives each unit as its end tag is read; the reader keeps none of them. */
  constructor(
    private readonly ns: string,
    private readonly deliver: (unit: XliffUnit) => void,
  ) {}

  open(frame: Frame, ctx: ScanContext): void {
    if (frame.uri !== this.ns) return;
    const a = frame.attributes;
    const unit = this.unit;
    const parent = ctx.stack[ctx.stack.length - 2];
    if (this.captures.length > 0) {
      const kind = INLINE_12[frame.local];
      if (kind === undefined) return;
      // A segment marker starts a new capture rather than being a code of its own capture.
      if (frame.local === "mrk" && a.mtype === "seg" && a.mid !== undefined && this.codeDepth === 0) {
        const outer = this.captures[0];
        if (outer !== undefined && (outer.role === "target" || outer.role === "source")) {
          this.addCodes(frame, kind);
          if (unit?.segmented || outer.role === "target") {
            const role = outer.role === "target" ? "target-mrk" : "seg-source-mrk";
            this.captures.push({ builder: ctx.startCapture(frame.startTagEnd), frame, role, mid: a.mid });
          }
          return;
        }
      }
      if (this.codeDepth === 0) this.addCodes(frame, kind);
      if (NATIVE_CODE.has(frame.local)) {
        this.codeDepth++;
        ctx.enterCode();
      }
      return;
    }
    if (this.altTransDepth > 0) {
      if (frame.local === "alt-trans") this.altTransDepth++;
      return;
    }
    switch (frame.local) {
      case "xliff":
        break;
      case "file":
        this.fileId = a.original;
        this.srcLang ??= a["source-language"];
        this.trgLang ??= a["target-language"];
        break;
      case "group":
        this.groupPath.push(a.id ?? a.resname ?? "");
        this.translateStack.push(a.translate === undefined ? this.inherited() : a.translate === "yes");
        break;
      case "trans-unit":
        if (a.id === undefined) ctx.fail("<trans-unit> has no id attribute", frame.start);
        ctx.setUnit(a.id);
        this.unit = {
          frame,
          translate: a.translate === undefined ? this.inherited() : a.translate === "yes",
          segmented: false,
          segSources: [],
          targetMrks: new Map(),
          notes: [],
          moduleInsertAt: frame.startTagEnd,
        };
        break;
      case "alt-trans":
        // Earlier matches: read past, never segments (1.2 §2.5).
        if (unit !== undefined) this.altTransDepth = 1;
        break;
      case "source":
      case "target":
      case "note":
        if (unit !== undefined && parent === unit.frame) {
          this.captures.push({ builder: ctx.startCapture(frame.startTagEnd), frame, role: frame.local });
        }
        break;
      case "seg-source":
        if (unit !== undefined && parent === unit.frame) {
          unit.segmented = true;
          // seg-source text outside <mrk mtype="seg"> belongs to no segment: capture it into a throwaway.
          this.captures.push({ builder: ctx.startCapture(frame.startTagEnd), frame, role: "source" });
        }
        break;
      default:
        break;
    }
  }

  close(frame: Frame, endTagStart: number, endTagEnd: number, ctx: ScanContext): void {
    if (frame.uri !== this.ns) return;
    const unit = this.unit;
    if (this.altTransDepth > 0) {
      if (frame.local === "alt-trans") this.altTransDepth--;
      if (this.altTransDepth === 0 && unit !== undefined) unit.moduleInsertAt = endTagEnd;
      return;
    }
    const top = this.captures[this.captures.length - 1];
    if (top !== undefined && top.frame === frame) {
      this.captures.pop();
      ctx.endCapture(top.builder);
      const text = top.builder.build(frame.selfClosing ? frame.startTagEnd : endTagStart);
      if (unit !== undefined) {
        this.finishCapture(top, text, unit, endTagEnd);
        if (ctx.stack[ctx.stack.length - 2] === unit.frame) unit.moduleInsertAt = endTagEnd;
      }
      // The segment marker is also a code of the enclosing whole-target capture.
      if (top.role !== "target-mrk" && top.role !== "seg-source-mrk") return;
    }
    if (this.captures.length > 0) {
      for (const [builder, code] of this.codes.get(frame) ?? []) builder.closeCode(code, endTagEnd);
      this.codes.delete(frame);
      if (NATIVE_CODE.has(frame.local) && this.codeDepth > 0) {
        this.codeDepth--;
        ctx.leaveCode();
      }
      return;
    }
    if (
      unit !== undefined &&
      ctx.stack[ctx.stack.length - 2] === unit.frame &&
      CORE_CHILDREN.has(frame.local)
    ) {
      // 1.2 strict schema: notes and alt-trans follow source/seg-source/target, before extension elements.
      unit.moduleInsertAt = endTagEnd;
    }
    switch (frame.local) {
      case "file":
        this.fileId = undefined;
        break;
      case "group":
        this.translateStack.pop();
        this.groupPath.pop();
        break;
      case "trans-unit":
        if (unit !== undefined) this.finishUnit(unit, endTagEnd, ctx);
        this.unit = undefined;
        ctx.setUnit(undefined);
        break;
      default:
        break;
    }
  }

  result(): FormatResult {
    return {
      srcLang: this.srcLang ?? "",
      ...(this.trgLang !== undefined ? { trgLang: this.trgLang } : {}),
    };
  }

  private inherited(): boolean {
    return this.translateStack[this.translateStack.length - 1] ?? true;
  }

  private addCodes(frame: Frame, kind: InlineCodeKind): void {
    const list: [InlineTextBuilder, InlineCode][] = [];
    for (const c of this.captures)
      list.push([c.builder, c.builder.openCode(kind, frame.attributes, frame.start, frame.startTagEnd)]);
    this.codes.set(frame, list);
  }

  private finishCapture(capture: Capture, text: InlineText, unit: TransUnitDraft, endTagEnd: number): void {
    const { frame } = capture;
    switch (capture.role) {
      case "source":
        if (frame.local === "seg-source") unit.segSourceEnd = endTagEnd;
        else {
          unit.source = text;
          unit.sourceFrame = frame;
          unit.sourceEnd = endTagEnd;
        }
        break;
      case "target":
        unit.target = text;
        unit.targetFrame = frame;
        break;
      case "note":
        unit.notes.push(text.text);
        break;
      case "seg-source-mrk":
        unit.segSources.push({ mid: capture.mid ?? "", text, line: frame.line, column: frame.column });
        break;
      case "target-mrk":
        unit.targetMrks.set(capture.mid ?? "", text);
        break;
    }
  }

  private finishUnit(draft: TransUnitDraft, endTagEnd: number, ctx: ScanContext): void {
    const { frame } = draft;
    if (draft.source === undefined || draft.sourceFrame === undefined || draft.sourceEnd === undefined) {
      ctx.fail("<trans-unit> has no <source>", frame.start);
    }
    const tf = draft.targetFrame;
    const ta = tf?.attributes ?? {};
    const stateFields = {
      ...(ta.state !== undefined ? { state: ta.state } : {}),
      ...(ta["state-qualifier"] !== undefined ? { subState: ta["state-qualifier"] } : {}),
      targetInsertAt: draft.segSourceEnd ?? draft.sourceEnd,
      sourceLeadingSpace: draft.sourceFrame.leadingSpace,
      ...(tf !== undefined && !tf.selfClosing ? { stateAttributeInsertAt: tf.startTagEnd - 1 } : {}),
      targetSelfClosing: tf?.selfClosing ?? false,
      hasStateAttribute: ta.state !== undefined || ta["state-qualifier"] !== undefined,
    };
    let segments: XliffSegment[];
    if (draft.segmented) {
      const whole = draft.segSources.length === 1 && draft.targetMrks.size === 0 ? draft.target : undefined;
      segments = draft.segSources.map((s) => {
        const target = draft.targetMrks.get(s.mid) ?? whole;
        return {
          id: s.mid,
          source: s.text,
          ...(target !== undefined ? { target } : {}),
          line: s.line,
          column: s.column,
          ...stateFields,
        };
      });
    } else {
      segments = [
        {
          source: draft.source,
          ...(draft.target !== undefined ? { target: draft.target } : {}),
          line: draft.sourceFrame.line,
          column: draft.sourceFrame.column,
          ...stateFields,
        },
      ];
    }
    const a = frame.attributes;
    this.deliver({
      id: a.id ?? "",
      ...(a.resname !== undefined ? { name: a.resname } : {}),
      translate: draft.translate,
      segments,
      ignorables: [],
      notes: draft.notes,
      groupPath: [...this.groupPath],
      ...(this.fileId !== undefined ? { fileId: this.fileId } : {}),
      originalData: {},
      ...unitPlacement(frame, endTagEnd, this.ns),
      moduleInsertAt: draft.moduleInsertAt,
      segmented: draft.segmented,
    });
  }
}
