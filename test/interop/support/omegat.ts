import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { OMEGAT_JAR, runTool, type ToolResult } from "../tools.js";

/**
 * An OmegaT 3.6 project on disk and a headless run of it (`--mode=console-translate`), shared by the OmegaT
 * interoperability tests.
 */

/** How long one OmegaT run may take before it is killed. */
export const OMEGAT_TIMEOUT_MS = 120_000;

/** omegat.project for Chinese (zh-CN) → English with OmegaT's default folders and sentence segmentation. */
export const OMEGAT_PROJECT_FILE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>zh-CN</source_lang>
    <target_lang>en</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneSmartChineseTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
    <sentence_seg>true</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
`;

/** Creates the project folder with omegat.project and its default sub-folders (tm/auto/ included). */
export async function createOmegatProject(project: string): Promise<void> {
  for (const sub of ["source", "target", "tm/auto", "glossary", "omegat", "dictionary"])
    await mkdir(path.join(project, sub), { recursive: true });
  await writeFile(path.join(project, "omegat.project"), OMEGAT_PROJECT_FILE);
}

/**
 * Runs OmegaT's console translation of a project with an optional Groovy script for project events. OmegaT
 * writes its preferences and logs under the config dir and reads HOME: both stay in `dir`.
 */
export function runOmegatConsole(project: string, dir: string, script?: string): Promise<ToolResult> {
  return runTool(
    "java",
    [
      "-Djava.awt.headless=true",
      "-jar",
      OMEGAT_JAR,
      project,
      "--mode=console-translate",
      `--config-dir=${path.join(dir, "omegat-config")}`,
      ...(script !== undefined ? [`--script=${script}`] : []),
      "--quiet",
      "--no-team",
      "--disable-project-locking",
    ],
    { cwd: dir, env: { HOME: dir }, timeoutMs: OMEGAT_TIMEOUT_MS },
  );
}
