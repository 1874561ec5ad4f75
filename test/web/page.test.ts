// The web page in a real browser: Debian's chromium driven by playwright-core, against the built server.
import { existsSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../support/cli.js";
import { startServer, type RunningServer } from "../support/server.js";

const CHROMIUM = "/usr/bin/chromium";
const FIXTURE = path.join(ROOT, "test/fixtures/xliff/check-untranslated-term-2.0.xlf");
const SCREENSHOTS = path.join(ROOT, "test-output/screenshots");
const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
// tm/un-migration.tmx unit 000-0004 has 联大第60/227号决议请移徙组织为高级别对话作出贡献。
const TM_QUERY = "联大第61/208号决议请移徙组织为高级别对话作出贡献。";
// Page-side expressions are strings: the project's TypeScript has no DOM library, and they run in the browser.
const ACTIVE_ID = "document.activeElement?.id";

let dir: string;
let server: RunningServer;
let context: BrowserContext;
/** Console errors and uncaught exceptions of every page (a CSP violation shows up here). */
const pageErrors: string[] = [];
/** Answers of 400 and above the pages received, as "status path". */
const failedRequests: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    // Not a skip: a machine without the browser must not pass the page's tests by not running them.
    throw new Error(`browser tests need Chromium at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk`);
  }
  dir = await tempDir();
  server = await startServer(["--data-dir", path.join(dir, "store")]);
  context = await chromium.launchPersistentContext(path.join(dir, "chromium-profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: LAPTOP,
    acceptDownloads: true,
  });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], {
    origin: new URL(server.url).origin,
  });
  await mkdir(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await context?.close();
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
  if (context === undefined) return; // beforeAll failed and said why; no page ran
  expect(pageErrors).toEqual([]);
  // Only the broken file's check fails; no asset or API call of the page answers with an error.
  expect(failedRequests).toEqual(["422 /api/xliff/check?format=json&file=hostile-xxe.xlf"]);
});

async function open(hash = "", viewport = LAPTOP): Promise<Page> {
  const page = await context.newPage();
  page.on("console", (m) => {
    // Failed responses are also logged as console errors; they are counted (with their path) in failedRequests.
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) pageErrors.push(m.text());
  });
  page.on("response", (r) => {
    const url = new URL(r.url());
    if (r.status() >= 400) failedRequests.push(`${r.status()} ${url.pathname}${url.search}`);
  });
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.setViewportSize(viewport);
  await page.goto(new URL(`/${hash}`, server.url).href);
  return page;
}

async function lookup(page: Page, query: string): Promise<void> {
  await page.locator("#q").fill(query);
  await page
    .locator("#lookup-status")
    .filter({ hasText: `for “${query}”` })
    .waitFor();
}

async function checkFixture(page: Page): Promise<void> {
  await page.locator("#tab-check").click();
  await page.locator("#xliff-file").setInputFiles(FIXTURE);
  await page.locator("#rule-term-not-translated").waitFor();
}

async function searchTm(page: Page): Promise<void> {
  await page.locator("#tab-tm").click();
  await page.locator("#tm-q").fill(TM_QUERY);
  await page.locator("#tm-q").press("Enter");
  await page.locator("#tm-results .match").first().waitFor();
}

describe("lookup", () => {
  it("shows the remittances card for 汇款: badges, highlighted context, source and a chart of five documents", async () => {
    const page = await open();
    await lookup(page, "汇款");
    const card = page.locator('.card[data-id="c101"]');
    expect(await page.locator(".card").first().getAttribute("data-id")).toBe("c101");
    expect(await card.locator("h3").textContent()).toBe("remittances");
    expect(await card.locator('.term-list[lang="zh-Hans"] .term').first().textContent()).toBe(
      "汇款 preferred",
    );
    expect(await card.locator('.term-list[lang="en"] .term').first().textContent()).toBe(
      "remittances preferred",
    );
    expect(await card.locator(".context mark").first().textContent()).toBe("汇款");
    expect(await card.locator(".context cite").textContent()).toBe("A/C.2/61/7");

    // The chart draws what GET /api/terms/c101/occurrences says: one labelled row per corpus document.
    const occ = (await (await fetch(new URL("/api/terms/c101/occurrences", server.url))).json()) as {
      documents: { label: string; counts: Record<string, number> }[];
    };
    await card.locator(".occurrences svg").waitFor();
    expect(await card.locator(".occurrences .chart-label").allTextContents()).toEqual(
      occ.documents.map((d) => d.label),
    );
    const totals = occ.documents.map((d) => String(Object.values(d.counts).reduce((a, b) => a + b, 0)));
    expect(await card.locator(".occurrences .chart-count").allTextContents()).toEqual(totals);
    expect(totals.some((t) => t !== "0")).toBe(true);
    expect(await card.locator(".occurrences .legend li").first().textContent()).toBe("汇款preferred");
    await page.close();
  });

  it("finds the same card from traditional 匯款 and from the pinyin huikuan", async () => {
    const page = await open();
    await lookup(page, "匯款");
    expect(await page.locator(".card").first().getAttribute("data-id")).toBe("c101");
    expect(await page.locator(".card .meta").first().textContent()).toContain(
      "found by traditional characters",
    );
    await lookup(page, "huikuan");
    expect(await page.locator('.card[data-id="c101"] .meta').textContent()).toContain("found by pinyin");
    await page.close();
  });

  it("strikes through a deprecated term: 非法移徙 on the card of 非正常移徙", async () => {
    const page = await open();
    await lookup(page, "非法移徙");
    const style = await page.evaluate(`(() => {
      const terms = [...document.querySelector(".card").querySelectorAll(".term.deprecated .term-text")];
      const t = terms.find((n) => n.textContent === "非法移徙");
      return t ? getComputedStyle(t).textDecorationLine : "no deprecated 非法移徙 on the first card";
    })()`);
    expect(style).toBe("line-through");
    expect(await page.locator(".card").first().locator(".badge.preferred").first().textContent()).toBe(
      "preferred",
    );
    await page.close();
  });

  it("copies the English term to the clipboard", async () => {
    const page = await open();
    await lookup(page, "汇款");
    const button = page.locator('.card[data-id="c101"] button.copy');
    expect(await button.getAttribute("aria-label")).toBe("Copy “remittances”");
    await button.click();
    expect(await page.evaluate("navigator.clipboard.readText()")).toBe("remittances");
    expect(await page.locator("#lookup-status").textContent()).toBe("Copied “remittances” to the clipboard");
    await page.close();
  });
});

describe("keyboard", () => {
  it("reaches the search input with Tab, the results after it, and moves between tabs with the arrow keys", async () => {
    const page = await open();
    // The search input has autofocus; a click on the (unfocusable) heading starts Tab order from the top.
    await page.locator("header h1").click();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(ACTIVE_ID)).toBe("tab-lookup");
    await page.keyboard.press("ArrowRight");
    expect(await page.evaluate(`[${ACTIVE_ID}, document.getElementById("view-check").hidden]`)).toEqual([
      "tab-check",
      false,
    ]);
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(ACTIVE_ID)).toBe("q");
    await page.keyboard.type("汇款");
    await page.locator("#lookup-status").filter({ hasText: "for “汇款”" }).waitFor();
    await page.keyboard.press("Tab");
    expect(await page.evaluate('document.activeElement?.closest(".card")?.dataset.id')).toBe("c101");
    await page.close();
  });
});

describe("check", () => {
  it("shows the term-not-translated finding for unit u1 with 汇款 highlighted, and a summary chart", async () => {
    const page = await open();
    await checkFixture(page);
    expect(await page.locator("#check-status").textContent()).toBe(
      "check-untranslated-term-2.0.xlf: 1 finding in 3 units",
    );
    const group = page.locator("#rule-term-not-translated");
    expect(await group.locator("h3").textContent()).toBe("term-not-translated 1 finding");
    const finding = group.locator(".finding");
    expect(await finding.count()).toBe(1);
    expect(await finding.locator(".where").textContent()).toBe("unit u1 · segment s1");
    expect(await finding.locator(".message").textContent()).toBe(
      '"汇款" should be translated as "remittances"',
    );
    expect(await finding.locator(".seg.source mark").textContent()).toBe("汇款");
    expect(await finding.locator(".seg.source").textContent()).toBe(
      "source积极影响包括移徙者汇款的经济影响、知识、经验交流和能力建设。",
    );
    expect(await finding.locator(".seg.target").textContent()).toContain("migrants' money transfers");
    expect(await page.locator("#check-summary .chart-label").allTextContents()).toEqual([
      "term-not-translated",
    ]);
    expect(await page.locator("#check-summary .chart-count").allTextContents()).toEqual(["1"]);
    await page.close();
  });

  it("downloads the HTML report and the annotated XLIFF", async () => {
    const page = await open();
    await checkFixture(page);
    const [html] = await Promise.all([page.waitForEvent("download"), page.locator("#download-html").click()]);
    expect(html.suggestedFilename()).toBe("check-untranslated-term-2.0.report.html");
    expect(await readFile(await html.path(), "utf8")).toContain(
      "积极影响包括移徙者<mark>汇款</mark>的经济影响",
    );
    const [xliff] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("#download-xliff").click(),
    ]);
    expect(xliff.suggestedFilename()).toBe("check-untranslated-term-2.0.annotated.xlf");
    const annotated = await readFile(await xliff.path(), "utf8");
    expect(annotated).toContain('<gls:term source="yizhi:c101">汇款</gls:term>');
    await page.close();
  });

  it("names the line and column of a broken file", async () => {
    const page = await open("#check");
    await page.locator("#xliff-file").setInputFiles(path.join(ROOT, "test/fixtures/xliff/hostile-xxe.xlf"));
    await page.locator("#check-error").waitFor();
    expect(await page.locator("#check-error").textContent()).toBe(
      "hostile-xxe.xlf cannot be checked: hostile-xxe.xlf:2:1: DOCTYPE declarations are not accepted (external entities and entity expansion are refused)",
    );
    await page.close();
  });
});

describe("tm search", () => {
  it("shows the shipped memory's match with the diff from the query to its source highlighted", async () => {
    const page = await open();
    await searchTm(page);
    const match = page.locator("#tm-results .match").first();
    expect(await match.locator(".target").textContent()).toBe(
      "General Assembly resolution 60/227 invited IOM to contribute to the High-level Dialogue.",
    );
    const res = await fetch(new URL(`/api/tm/search?q=${encodeURIComponent(TM_QUERY)}&limit=10`, server.url));
    const first = (
      (await res.json()) as {
        matches: { score: number; source: string; diff: { op: string; text: string }[] }[];
      }
    ).matches[0];
    expect(await match.locator(".score").textContent()).toBe(`${Math.round((first?.score ?? 0) * 100)}%`);
    expect(await match.locator(".diff ins").allTextContents()).toEqual(
      first?.diff.filter((d) => d.op === "insert").map((d) => d.text),
    );
    expect(await match.locator(".diff del").allTextContents()).toEqual(
      first?.diff.filter((d) => d.op === "delete").map((d) => d.text),
    );
    expect(await match.locator(".diff ins").count()).toBeGreaterThan(0);
    // Without the deletions the line reads as the memory's source; without the insertions, as the query.
    const line = await page.evaluate(`(() => {
      const p = document.querySelector("#tm-results .match .diff");
      const keep = (skip) => [...p.childNodes].filter((n) => n.nodeName.toLowerCase() !== skip).map((n) => n.textContent).join("");
      return { source: keep("del"), query: keep("ins") };
    })()`);
    expect(line).toEqual({ source: first?.source, query: TM_QUERY });
    await page.close();
  });
});

describe("screenshots", () => {
  for (const [name, viewport] of [
    ["laptop", LAPTOP],
    ["phone", PHONE],
  ] as const) {
    it(`takes a screenshot of each view at ${name} size (${viewport.width}×${viewport.height})`, async () => {
      const page = await open("", viewport);
      await lookup(page, "汇款");
      await page.locator('.card[data-id="c101"] .occurrences svg').waitFor();
      await page.screenshot({ path: path.join(SCREENSHOTS, `lookup-${name}.png`), fullPage: true });
      await checkFixture(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, `check-${name}.png`), fullPage: true });
      await searchTm(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, `tm-${name}.png`), fullPage: true });
      // Nothing wider than the viewport: a phone reader never scrolls sideways.
      expect(await page.evaluate("document.documentElement.scrollWidth")).toBe(viewport.width);
      await page.close();
    });
  }
});
