/**
 * The programme records file (`--programmes`, see src/domain/programmes.ts): a JSON array of
 * programmes, or an object holding one under `programmes`, checked record by record (figures,
 * notes, and the source documents they cite: src/domain/citation.ts) before the build computes a
 * figure from it.
 */
import { programmeIssues, type Programme } from '../../../src/domain/programmes';
import { InputError } from '../table';
import { describeJson } from './json-input';

/** Problems listed in one message; the rest are counted, so a wrong file does not fill a screen. */
const ISSUES_SHOWN = 10;

/**
 * The programmes of a parsed JSON value. Throws InputError naming the file when the value is
 * neither an array nor `{ "programmes": [...] }`, or when a record departs from the programme
 * format, listing each problem with the record's index, e.g. `programmes[2].figures[0].value:
 * expected a number`.
 */
export function readProgrammes(file: string, value: unknown): Programme[] {
  const list =
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as { programmes?: unknown }).programmes
      : value;
  if (!Array.isArray(list)) {
    const found =
      list === undefined ? `${describeJson(value)} without a "programmes" array` : describeJson(list);
    throw new InputError(
      `${file}: expected an array of programmes (or { "programmes": [...] }), found ${found}`,
      file,
    );
  }
  const issues = programmeIssues(list);
  if (issues.length > 0) {
    const more = issues.length > ISSUES_SHOWN ? `\n  … and ${issues.length - ISSUES_SHOWN} more` : '';
    throw new InputError(
      `${file}: ${issues.length === 1 ? 'a problem' : `${issues.length} problems`} in the programme records:\n  ` +
        issues.slice(0, ISSUES_SHOWN).join('\n  ') +
        more,
      file,
    );
  }
  return list as Programme[];
}
