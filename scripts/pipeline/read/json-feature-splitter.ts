/**
 * An incremental splitter for a large GeoJSON FeatureCollection in UTF-8. A national road network
 * is hundreds of megabytes, more than V8's longest string, so it is pushed in chunks of bytes and
 * never held whole: each element of the top-level `features` array is cut out as soon as its
 * closing bracket arrives and `JSON.parse`d on its own (native and fast), and every other
 * top-level member (`type`, `crs`, `name` …) is parsed and reported the same way.
 *
 * Scanning works on bytes: every character JSON's structure uses is ASCII, and no byte of a
 * multi-byte UTF-8 sequence is below 0x80, so a bracket or quote byte is always that character.
 * The splitter checks the grammar of the levels it walks (the root object and the features
 * array); the text of each value it cuts out is checked by `JSON.parse`, with `locateJsonError`
 * saying where it breaks. Errors carry the byte offset in the file (a streaming reader no longer
 * holds the text to count lines in; `lineAndColumnAt` counts them when needed).
 */
import { locateJsonError } from './json-input';

/** What the splitter reports, in file order. */
export interface FeatureSplitHandler {
  /** A top-level member other than the `features` array, parsed (a non-array `features` too). */
  member(key: string, value: unknown): void;
  /** The `features` array opens: the members before it have been reported. */
  featuresStart(): void;
  /** The next element of the `features` array, parsed. */
  feature(value: unknown): void;
}

/** Invalid JSON at byte `offset` of the input (counted from its first byte, a byte-order mark included). */
export class JsonStreamError extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(`not valid JSON at byte ${offset}: ${reason}`);
    this.name = 'JsonStreamError';
  }
}

/** Bytes that are not UTF-8 (e.g. a GBK file, or UTF-16) in the value starting at byte `offset`. */
export class NotUtf8Error extends Error {
  constructor(readonly offset: number) {
    super(`not UTF-8 text in the value starting at byte ${offset}`);
    this.name = 'NotUtf8Error';
  }
}

/** The top-level value is not an object; `found` says what it is (`an array`, `a number` …). */
export class RootNotObjectError extends Error {
  constructor(readonly found: string) {
    super(`the JSON value is ${found}, not an object`);
    this.name = 'RootNotObjectError';
  }
}

/** Options of `FeatureSplitter`. */
export interface FeatureSplitterOptions {
  /**
   * Longest value (one feature, one member) in bytes (default 2^29 − 24, V8's longest string: a
   * value must be decoded to one string to be parsed). A longer one is a JsonStreamError.
   */
  maxValueBytes?: number;
}

const MAX_VALUE_BYTES = 2 ** 29 - 24;

const enum State {
  /** Before the root value (a byte-order mark may come first). */
  Root,
  /** After `{`: a key or `}`. */
  FirstKey,
  /** After `,` in the root object: a key. */
  Key,
  /** Inside a key's string. */
  InKey,
  /** After a key: `:`. */
  Colon,
  /** After `:`: a member's value. */
  Value,
  /** Inside a member's value. */
  InValue,
  /** After a member's value: `,` or `}`. */
  AfterMember,
  /** After the features array's `[`: an element or `]`. */
  FirstElement,
  /** After `,` in the features array: an element. */
  Element,
  /** Inside an element. */
  InElement,
  /** After an element: `,` or `]`. */
  AfterElement,
  /** After the root object: only whitespace may follow. */
  Done,
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

const isSpace = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/** Whether byte `b` can start a JSON value. */
const startsValue = (b: number): boolean =>
  b === OPEN_BRACE ||
  b === OPEN_BRACKET ||
  b === QUOTE ||
  b === 0x2d ||
  (b >= 0x30 && b <= 0x39) ||
  b === 0x74 ||
  b === 0x66 ||
  b === 0x6e;

/** What a value starting with byte `b` is, in `describeJson`'s words. */
function describeStart(b: number): string {
  if (b === OPEN_BRACKET) return 'an array';
  if (b === QUOTE) return 'a string';
  if (b === 0x74 || b === 0x66) return 'a boolean';
  if (b === 0x6e) return 'null';
  return 'a number';
}

/** A byte as a message shows it: `"}"`, `'"'`, `U+000A`, `byte 0xE4`. */
function shownByte(b: number | undefined): string {
  if (b === undefined) return 'the end of the file';
  if (b === QUOTE) return `'"'`;
  if (b < 0x20 || b === 0x7f) return `U+${b.toString(16).toUpperCase().padStart(4, '0')}`;
  if (b >= 0x80) return `byte 0x${b.toString(16).toUpperCase()}`;
  return `"${String.fromCharCode(b)}"`;
}

/**
 * Splits a FeatureCollection pushed in chunks of bytes of any size into its members and features.
 * Throws JsonStreamError for invalid JSON (with the byte offset), NotUtf8Error for bytes that are
 * not UTF-8, RootNotObjectError when the top-level value is not an object. Handler errors pass
 * through unchanged.
 */
export class FeatureSplitter {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private readonly maxValueBytes: number;
  /** Unscanned bytes and the value being cut out: `buf[0, length)`, `buf[0]` at file offset `base`. */
  private buf = new Uint8Array(0);
  private length = 0;
  private base = 0;
  /** Next byte to scan, an index into `buf`. */
  private pos = 0;
  private state = State.Root;
  /** Index in `buf` where the key or value being cut out starts; -1 when none is. */
  private start = -1;
  /** The key of the member whose value comes next. */
  private key = '';
  /** Within a value: brackets open, inside a string, a scalar (ends at a delimiter). */
  private depth = 0;
  private inString = false;
  private scalar = false;

  constructor(
    private readonly handler: FeatureSplitHandler,
    options: FeatureSplitterOptions = {},
  ) {
    this.maxValueBytes = options.maxValueBytes ?? MAX_VALUE_BYTES;
  }

  /** Scans the next chunk (the splitter copies what it keeps: the caller may reuse `chunk`). */
  push(chunk: Uint8Array): void {
    this.append(chunk);
    this.scan();
    this.compact();
  }

  /** Ends the input. Throws JsonStreamError when the JSON is not complete. */
  end(): void {
    // A number at the very end of the input is complete only now.
    if (this.state === State.InValue || this.state === State.InElement) {
      if (this.scalar) this.finishValue(this.pos);
    }
    if (this.state !== State.Done) {
      throw new JsonStreamError(this.base + this.length, this.expectation(undefined));
    }
  }

  private append(chunk: Uint8Array): void {
    const needed = this.length + chunk.length;
    if (needed > this.buf.length) {
      const grown = new Uint8Array(Math.max(needed, this.buf.length * 2));
      grown.set(this.buf.subarray(0, this.length));
      this.buf = grown;
    }
    this.buf.set(chunk, this.length);
    this.length = needed;
  }

  /** Drops the bytes before the value being cut out (or all scanned bytes when none is). */
  private compact(): void {
    if (this.start >= 0 && this.length - this.start > this.maxValueBytes) {
      this.fail(
        this.start,
        `a value longer than ${this.maxValueBytes} bytes (the longest this reader can parse)`,
      );
    }
    const keep = this.start >= 0 ? this.start : this.pos;
    if (keep === 0) return;
    this.buf.copyWithin(0, keep, this.length);
    this.length -= keep;
    this.base += keep;
    this.pos -= keep;
    if (this.start >= 0) this.start -= keep;
  }

  private fail(at: number, reason: string): never {
    throw new JsonStreamError(this.base + at, reason);
  }

  /** What the current state expects, for a message about the byte `b` found instead. */
  private expectation(b: number | undefined): string {
    const found = shownByte(b);
    switch (this.state) {
      case State.Root:
        return `expected a value, found ${found}`;
      case State.FirstKey:
      case State.Key:
        return `expected a property name in double quotes, found ${found}`;
      case State.InKey:
        return 'a string that is never closed';
      case State.Colon:
        return `expected ":" after a property name, found ${found}`;
      case State.Value:
      case State.FirstElement:
      case State.Element:
        return `expected a value, found ${found}`;
      case State.InValue:
      case State.InElement:
        return `the file ends inside a value (it starts at byte ${this.base + this.start})`;
      case State.AfterMember:
        return `expected "," or "}" after a property value, found ${found}`;
      case State.AfterElement:
        return `expected "," or "]" after an array element, found ${found}`;
      case State.Done:
        return `more text after the end of the JSON value, starting with ${found}`;
    }
  }

  private scan(): void {
    const buf = this.buf;
    const length = this.length;
    while (this.pos < length) {
      const state = this.state;
      if (state === State.InValue || state === State.InElement || state === State.InKey) {
        if (!this.scanValue()) return;
        continue;
      }
      const b = buf[this.pos]!;
      if (isSpace(b)) {
        this.pos++;
        continue;
      }
      switch (state) {
        case State.Root:
          // A UTF-8 byte-order mark, as Windows editors write one.
          if (this.base + this.pos === 0 && b === 0xef) {
            if (length < 3) return;
            if (buf[1] === 0xbb && buf[2] === 0xbf) {
              this.pos = 3;
              continue;
            }
          }
          if (b === OPEN_BRACE) {
            this.state = State.FirstKey;
            this.pos++;
            continue;
          }
          if (startsValue(b)) throw new RootNotObjectError(describeStart(b));
          if (b === 0xff || b === 0xfe) throw new NotUtf8Error(this.base + this.pos);
          return this.fail(this.pos, this.expectation(b));
        case State.FirstKey:
        case State.Key:
          if (b === QUOTE) {
            this.state = State.InKey;
            this.startValue();
            continue;
          }
          if (state === State.FirstKey && b === CLOSE_BRACE) {
            this.state = State.Done;
            this.pos++;
            continue;
          }
          if (b === CLOSE_BRACE)
            return this.fail(this.pos, 'expected a property name after ",", found "}" (a trailing comma?)');
          return this.fail(this.pos, this.expectation(b));
        case State.Colon:
          if (b !== COLON) return this.fail(this.pos, this.expectation(b));
          this.state = State.Value;
          this.pos++;
          continue;
        case State.Value:
          if (this.key === 'features' && b === OPEN_BRACKET) {
            this.handler.featuresStart();
            this.state = State.FirstElement;
            this.pos++;
            continue;
          }
          if (!startsValue(b)) return this.fail(this.pos, this.expectation(b));
          this.state = State.InValue;
          this.startValue();
          continue;
        case State.AfterMember:
          if (b === COMMA) this.state = State.Key;
          else if (b === CLOSE_BRACE) this.state = State.Done;
          else return this.fail(this.pos, this.expectation(b));
          this.pos++;
          continue;
        case State.FirstElement:
        case State.Element:
          if (state === State.FirstElement && b === CLOSE_BRACKET) {
            this.state = State.AfterMember;
            this.pos++;
            continue;
          }
          if (b === CLOSE_BRACKET)
            return this.fail(this.pos, 'expected a value after ",", found "]" (a trailing comma?)');
          if (!startsValue(b)) return this.fail(this.pos, this.expectation(b));
          this.state = State.InElement;
          this.startValue();
          continue;
        case State.AfterElement:
          if (b === COMMA) this.state = State.Element;
          else if (b === CLOSE_BRACKET) this.state = State.AfterMember;
          else return this.fail(this.pos, this.expectation(b));
          this.pos++;
          continue;
        default:
          return this.fail(this.pos, this.expectation(b));
      }
    }
  }

  /** Marks the value (or key) starting at `pos`, which holds its first byte. */
  private startValue(): void {
    const b = this.buf[this.pos]!;
    this.start = this.pos;
    this.depth = 0;
    this.inString = false;
    this.scalar = !(b === OPEN_BRACE || b === OPEN_BRACKET || b === QUOTE);
    if (!this.scalar) {
      // The opening quote or bracket is consumed here; the loop goes on from the next byte.
      if (b === QUOTE) this.inString = true;
      else this.depth = 1;
      this.pos++;
    }
  }

  /**
   * Scans the value being cut out up to its end or the end of the buffer; true when it ended (and
   * was handed on). Brackets are only counted: `JSON.parse` of the cut-out text finds a mismatch.
   */
  private scanValue(): boolean {
    const buf = this.buf;
    const length = this.length;
    let pos = this.pos;
    if (this.scalar) {
      while (pos < length) {
        const b = buf[pos]!;
        if (b === COMMA || b === CLOSE_BRACE || b === CLOSE_BRACKET || isSpace(b)) {
          this.finishValue(pos);
          return true;
        }
        pos++;
      }
      this.pos = pos;
      return false;
    }
    let depth = this.depth;
    let inString = this.inString;
    while (pos < length) {
      if (inString) {
        // Jump to the next quote; it closes the string unless an odd run of backslashes escapes it.
        const quote = buf.indexOf(QUOTE, pos);
        if (quote === -1 || quote >= length) {
          pos = length;
          break;
        }
        let backslashes = 0;
        while (buf[quote - 1 - backslashes] === BACKSLASH) backslashes++;
        pos = quote + 1;
        if (backslashes % 2 === 1) continue;
        inString = false;
        if (depth === 0) {
          this.finishValue(pos);
          return true;
        }
        continue;
      }
      const b = buf[pos++]!;
      if (b === QUOTE) inString = true;
      else if (b === OPEN_BRACE || b === OPEN_BRACKET) depth++;
      else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
        if (--depth === 0) {
          this.finishValue(pos);
          return true;
        }
      }
    }
    // The quote scan may stop just after a backslash: the escaped byte comes in the next chunk,
    // and the backward count above sees the backslash then.
    this.pos = pos;
    this.depth = depth;
    this.inString = inString;
    return false;
  }

  /** Parses the value in `buf[start, end)` and hands it on. */
  private finishValue(end: number): void {
    const start = this.start;
    const value = this.parse(start, end);
    this.start = -1;
    this.pos = end;
    switch (this.state) {
      case State.InKey:
        this.key = value as string;
        this.state = State.Colon;
        return;
      case State.InValue:
        this.state = State.AfterMember;
        this.handler.member(this.key, value);
        return;
      default:
        this.state = State.AfterElement;
        this.handler.feature(value);
    }
  }

  private parse(start: number, end: number): unknown {
    if (end - start > this.maxValueBytes) {
      this.fail(start, `a value longer than ${this.maxValueBytes} bytes (the longest this reader can parse)`);
    }
    let text: string;
    try {
      text = this.decoder.decode(this.buf.subarray(start, end));
    } catch {
      throw new NotUtf8Error(this.base + start);
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      const found = locateJsonError(text);
      if (!found) return this.fail(start, (error as Error).message);
      return this.fail(start + utf8Length(text, found.at), found.reason);
    }
  }
}

/** Bytes of the UTF-8 encoding of `text`'s first `units` UTF-16 units. */
function utf8Length(text: string, units: number): number {
  return Buffer.byteLength(text.slice(0, units), 'utf8');
}

/**
 * Counts lines and columns through bytes pushed in chunks, to turn a byte offset into the line and
 * column an editor shows (columns in characters; a leading UTF-8 byte-order mark is not counted),
 * as `lineAndColumn` does for a whole text.
 */
export class LineCounter {
  private line = 1;
  private column = 1;
  private seen = 0;
  /** The last byte counted was a CR: a line break unless an LF follows (CR LF is one break). */
  private pendingCr = false;
  private bom = false;

  constructor(private readonly target: number) {}

  /** Counts through the next chunk; true once the target offset is reached. */
  push(chunk: Uint8Array): boolean {
    if (this.seen === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) this.bom = true;
    if (this.pendingCr && chunk.length > 0) this.afterCr(chunk[0]!);
    for (let i = 0; i < chunk.length && this.seen < this.target; i++, this.seen++) {
      const b = chunk[i]!;
      if (b === 0x0d) {
        if (i + 1 < chunk.length) this.afterCr(chunk[i + 1]!);
        else this.pendingCr = true;
      } else if (b === 0x0a) this.newLine();
      else if ((b & 0xc0) !== 0x80) this.column++;
    }
    return this.seen >= this.target && !this.pendingCr;
  }

  /** Counts a CR, knowing the byte after it. */
  private afterCr(next: number): void {
    this.pendingCr = false;
    if (next === 0x0a) this.column++;
    else this.newLine();
  }

  private newLine(): void {
    this.line++;
    this.column = 1;
  }

  /** The line and column of the target offset. */
  get at(): { line: number; column: number } {
    // A CR at the end of the input is a line break.
    if (this.pendingCr) return { line: this.line + 1, column: 1 };
    // The byte-order mark's first byte was counted as a character of line 1.
    const column = this.bom && this.line === 1 ? this.column - 1 : this.column;
    return { line: this.line, column };
  }
}
