import type { XliffDocument } from "../xliff/read.js";
import { isUntranslatedSegment } from "../xliff/states.js";
import type { TranslationUnit } from "./model.js";


/**
 * The translated segments of an XLIFF file as translation units: one per segment that `isUntranslatedSegment`
 * does not call untranslated (a copy of the source awaiting translation is not imported). Ids are stable per
 * file, unit and segment, so importing the same file again updates instead of duplicating. `skip` leaves out
 * segments the caller refuses (e.g. with error findings).
 */
export function unitsFromXliff(
  doc: XliffDocument,
  fileName: string,
  now: string,
  skip: (unitId: string, segmentIndex: number) => boolean = () => false,
): TranslationUnit[] {
  const units: TranslationUnit[] = [];
  let previousSource: string | undefined;
  for (const unit of doc.units) {
    unit.segments.forEach((segment, index) => {
      const source = segment.source.text;
      const target = segment.target?.text ?? "";
      const translated = unit.translate && !isUntranslatedSegment({ source, target, state: segment.state });
      if (translated && !skip(unit.id, index)) {
        units.push({
          id: `${fileName}#${unit.id}/${segment.id ?? index + 1}`,
          source,
          target,
          sourceLang: doc.srcLang,
          targetLang: doc.trgLang ?? "en",
          origin: { file: fileName, unit: unit.id, line: segment.line },
          previousSource,
          createdAt: now,
          changedAt: now,
        });
      }
      previousSource = source;
    });
  }
  return units;
}
