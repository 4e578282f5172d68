/**
 * Reading the JSON inputs of a build (footprints, programmes, story, amenities and boundaries
 * GeoJSON) so that every way a file can be wrong ends in one line naming the file: missing, a
 * folder, not text, not JSON (with the line and column, as an editor shows them), or JSON of the
 * wrong shape. `JSON.parse` alone says `Unexpected token } in JSON at position 18453`, or in
 * some Node versions no position at all, from deep inside a stack trace.
 */
import { InputError } from '../table';
import { decodeText, describeInvalidByte } from './encoding';
import { readInputFile } from './input-file';
import { formatBytes } from './zip-guard';

/**
 * The longest string V8 can make is 2^29 − 24 UTF-16 units, and UTF-8 never takes fewer bytes
 * than UTF-16 units, so a file up to this size always decodes; a larger one would fail inside
 * the decoder with a message naming no file.
 */
export const MAX_JSON_BYTES = 2 ** 29 - 24;

/** The bytes and parsed value of a JSON file: `readInputFile`, then `parseJsonInput`. */
export async function readJsonInput(file: string): Promise<{ bytes: Uint8Array; value: unknown }> {
  const bytes = await readInputFile(file);
  return { bytes, value: parseJsonInput(file, bytes) };
}

/**
 * Parses JSON file bytes. Text is decoded as `decodeText` decodes tables (UTF-8 with or without
 * a byte-order mark, UTF-16 with one, else GBK), strictly, so a wrong encoding is an error
 * rather than names full of U+FFFD. Throws InputError naming the file for an empty file, bytes
 * that are no text, a file too large for a string, and invalid JSON, saying what is wrong and at
 * which line and column, e.g. `a.json: not valid JSON at line 3 column 5: expected "," or "}"
 * after a property value, found '"'`.
 */
export function parseJsonInput(file: string, bytes: Uint8Array): unknown {
  if (bytes.length > MAX_JSON_BYTES) {
    throw new InputError(
      `${file}: ${formatBytes(bytes.length)} is too large to read as JSON (the limit is ${formatBytes(MAX_JSON_BYTES)})`,
      file,
    );
  }
  let text: string;
  try {
    text = decodeText(bytes).text;
  } catch {
    throw new InputError(
      `${file}: not UTF-8 text (${describeInvalidByte(bytes)} is neither UTF-8 nor GBK): save the file as UTF-8`,
      file,
    );
  }
  if (text.trim() === '') throw new InputError(`${file}: the file is empty`, file);
  try {
    return JSON.parse(text);
  } catch (error) {
    const found = locateJsonError(text);
    if (!found) throw new InputError(`${file}: not valid JSON (${(error as Error).message})`, file);
    const { line, column } = lineAndColumn(text, found.at);
    throw new InputError(`${file}: not valid JSON at line ${line} column ${column}: ${found.reason}`, file);
  }
}

/**
 * What a JSON value is, for messages: `null`, `an array`, `a string`, `a number`, `a boolean`,
 * `a "Feature" object` (an object with a string `type`), `an object`.
 */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') {
    const type = (value as { type?: unknown }).type;
    return typeof type === 'string' ? `a ${JSON.stringify(type)} object` : 'an object';
  }
  return typeof value === 'number' ? 'a number' : typeof value === 'boolean' ? 'a boolean' : 'a string';
}

/**
 * The features of a GeoJSON FeatureCollection, or of a single Feature when `allowFeature`.
 * Throws InputError naming the file and what was found instead, e.g. `b.geojson: expected a
 * GeoJSON FeatureCollection, found an array`, or `… a FeatureCollection without a "features"
 * array`. The features themselves are not checked: each reader says what it needs of them.
 */
export function geoJsonFeatures(file: string, value: unknown, allowFeature = false): unknown[] {
  const what = allowFeature ? 'a GeoJSON FeatureCollection or Feature' : 'a GeoJSON FeatureCollection';
  const type = value !== null && typeof value === 'object' ? (value as { type?: unknown }).type : undefined;
  if (type === 'FeatureCollection') {
    const features = (value as { features?: unknown }).features;
    if (Array.isArray(features)) return features;
    throw new InputError(
      `${file}: expected ${what}, found a FeatureCollection without a "features" array` +
        (features === undefined ? '' : ` ("features" is ${describeJson(features)})`),
      file,
    );
  }
  if (allowFeature && type === 'Feature') return [value];
  throw new InputError(`${file}: expected ${what}, found ${describeJson(value)}`, file);
}

/** 1-based line and column (in characters, as editors count) of index `at` in `text`. */
export function lineAndColumn(text: string, at: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || (code === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  let column = 1;
  for (let i = lineStart; i < at; i++) {
    // A character outside the BMP is two UTF-16 units but one column.
    const code = text.charCodeAt(i);
    if (!(code >= 0xdc00 && code <= 0xdfff && i > lineStart)) column++;
  }
  return { line, column };
}

/** A syntax error found by `locateJsonError`: where (UTF-16 index) and what. */
export interface JsonSyntaxError {
  at: number;
  reason: string;
}

/** What a character is called in a message: `"}"`, `"'"`, `U+0000`, `end of file`. */
function shown(text: string, at: number): string {
  if (at >= text.length) return 'the end of the file';
  const code = text.codePointAt(at)!;
  if (code < 0x20 || code === 0x7f || code === 0xfeff)
    return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return code === 0x22 ? `'"'` : `"${String.fromCodePoint(code)}"`;
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * Finds the first syntax error in JSON text by RFC 8259's grammar, without recursion (a file of
 * nested brackets cannot exhaust the stack). Reasons are the project's own words, so messages are
 * the same on every Node version. Returns null for valid JSON.
 */
export function locateJsonError(text: string): JsonSyntaxError | null {
  const n = text.length;
  let i = 0;
  const skip = () => {
    while (i < n && WHITESPACE.has(text.charCodeAt(i))) i++;
  };
  const unexpected = (expected: string): JsonSyntaxError => {
    const c = text[i];
    const hint = c === "'" ? ' (JSON strings use double quotes)' : c === '/' ? ' (JSON has no comments)' : '';
    return { at: i, reason: `expected ${expected}, found ${shown(text, i)}${hint}` };
  };
  // Brackets still open: '{' or '['.
  const open: string[] = [];
  // What may come next: a value, a property name (after "{" or ","), or what follows a value.
  type Expect = 'value' | 'first-value' | 'key' | 'first-key' | 'after';
  let expect: Expect = 'value';
  // Past an opening bracket: its first key or element (or its closing bracket) comes next.
  const enter = (bracket: '{' | '['): Expect => {
    open.push(bracket);
    i++;
    return bracket === '{' ? 'first-key' : 'first-value';
  };
  // Past the closing bracket of the innermost open one: a whole value is read, what follows one is next.
  const leave = (): Expect => {
    open.pop();
    i++;
    return 'after';
  };

  for (;;) {
    skip();
    if (expect === 'value' || expect === 'first-value') {
      if (expect === 'first-value' && text[i] === ']') {
        expect = leave();
        continue;
      }
      const c = text[i];
      if (c === '{' || c === '[') {
        expect = enter(c);
        continue;
      }
      const token = c === '"' ? scanString(text, i) : scanScalar(text, i);
      if ('reason' in token) return token.reason === '' ? unexpected('a value') : token;
      i = token.end;
      expect = 'after';
      continue;
    }
    if (expect === 'key' || expect === 'first-key') {
      if (expect === 'first-key' && text[i] === '}') {
        expect = leave();
        continue;
      }
      if (text[i] !== '"') return unexpected('a property name in double quotes');
      const key = scanString(text, i);
      if ('reason' in key) return key;
      i = key.end;
      skip();
      if (text[i] !== ':') return unexpected('":" after a property name');
      i++;
      expect = 'value';
      continue;
    }
    // After a value.
    const inside = open[open.length - 1];
    if (inside === undefined) {
      if (i >= n) return null;
      return { at: i, reason: `more text after the end of the JSON value, starting with ${shown(text, i)}` };
    }
    const close = inside === '{' ? '}' : ']';
    if (text[i] === ',') {
      i++;
      skip();
      if (text[i] === close) {
        const next = inside === '{' ? 'a property name' : 'a value';
        return { at: i, reason: `expected ${next} after ",", found ${shown(text, i)} (a trailing comma?)` };
      }
      expect = inside === '{' ? 'key' : 'value';
      continue;
    }
    if (text[i] === close) {
      expect = leave();
      continue;
    }
    return unexpected(`"," or "${close}" after ${inside === '{' ? 'a property value' : 'an array element'}`);
  }
}

/** A string token starting at the quote at `start`: its end, or the error in it. */
function scanString(text: string, start: number): { end: number } | JsonSyntaxError {
  for (let i = start + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return { end: i + 1 };
    if (code < 0x20) {
      const lineBreak = code === 0x0a || code === 0x0d;
      return {
        at: i,
        reason: lineBreak
          ? 'a line break inside a string (write it as \\n, or close the quote)'
          : `control character ${shown(text, i)} inside a string`,
      };
    }
    if (code === 0x5c) {
      const next = text[i + 1];
      if (next === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
          return { at: i, reason: 'a \\u escape without four hex digits' };
        i += 5;
      } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i++;
      else return { at: i, reason: `invalid escape "\\${next ?? ''}" in a string` };
    }
  }
  return { at: start, reason: 'a string that is never closed' };
}

/** A number or `true` / `false` / `null` at `start`: its end, or the error ('' when no token starts there). */
function scanScalar(text: string, start: number): { end: number } | JsonSyntaxError {
  const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(start, start + 64))?.[0];
  if (word !== undefined) {
    if (word === 'true' || word === 'false' || word === 'null') return { end: start + word.length };
    return { at: start, reason: `expected a value, found the word ${JSON.stringify(word)}` };
  }
  const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(start, start + 400))?.[0];
  if (number === undefined) return { at: start, reason: '' };
  const after = text[start + number.length];
  if (after !== undefined && /[\d.eE+-]/.test(after)) {
    const written = /^[\d.eE+-]+/.exec(text.slice(start, start + 64))![0];
    return { at: start, reason: `invalid number "${written}"` };
  }
  return { end: start + number.length };
}
