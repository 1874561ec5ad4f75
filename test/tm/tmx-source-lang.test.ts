import { describe, expect, it } from "vitest";
import { parseTmx } from "../../src/tm/tmx.js";

// translate-toolkit's po2tmx writes srclang="en" in the header whatever the source language really is.
const PO2TMX = `<?xml version="1.0" encoding="utf-8"?>
<tmx version="1.4"><header creationtool="Translate Toolkit" creationtoolversion="3.8.4" segtype="sentence" o-tmf="UTF-8" adminlang="en" srclang="en" datatype="PlainText"/>
<body><tu><tuv xml:lang="zh-CN"><seg>联大第60/227号决议请移徙组织为高级别对话作出贡献。</seg></tuv><tuv xml:lang="en"><seg>General Assembly resolution 60/227 invited IOM to contribute to the High-level Dialogue.</seg></tuv></tu></body></tmx>`;

describe("parseTmx preferSourceLang", () => {
  it("takes the header's srclang by default", () => {
    expect(parseTmx(PO2TMX, "po2tmx.tmx")[0]).toMatchObject({ sourceLang: "en", targetLang: "zh-CN" });
  });

  it("takes the Chinese variant as the source when asked, whatever the header says", () => {
    expect(parseTmx(PO2TMX, "po2tmx.tmx", { preferSourceLang: "zh" })[0]).toMatchObject({
      sourceLang: "zh-CN",
      targetLang: "en",
      source: "联大第60/227号决议请移徙组织为高级别对话作出贡献。",
    });
  });
});
