/**
 * A small push tokenizer for the XML parts of a workbook (worksheet, shared strings, styles). A
 * national worksheet is hundreds of megabytes of XML, so it is fed in the chunks the zip guard
 * inflates and never held as one string; each tag and each run of text is handed to a handler
 * as soon as it is complete. Only what SpreadsheetML uses is understood: elements, attributes,
 * text with the five named and numeric entities, CDATA; comments, processing instructions and
 * the DOCTYPE are skipped.
 */

/** What a scanner reports. Names are as written, prefix included (`x:row` is not `row`). */
export interface XmlHandler {
  /** A start tag; `attributes` is the raw text after the name (read it with `xmlAttribute`). */
  open(name: string, attributes: string): void;
  /** An end tag, and right after `open` for a self-closing tag. */
  close(name: string): void;
  /** Text between tags, entities decoded; one text node may arrive in several calls. */
  text(text: string): void;
  /** When false, text is skipped without being decoded or copied (most text is whitespace between rows). */
  readonly wantsText: boolean;
}

/** Longest tag carried from one chunk to the next before the part is refused as not XML. */
const MAX_TAG_CHARACTERS = 1024 * 1024;

/**
 * Tokenizes XML pushed in chunks of bytes (UTF-8) of any size. A tag or a text run cut by a
 * chunk's end is carried into the next chunk, so text always arrives with whole entities.
 */
export class XmlScanner {
  private readonly decoder = new TextDecoder('utf-8');
  private carry = '';

  constructor(private readonly handler: XmlHandler) {}

  /** Scans the next chunk. Throws Error for a tag longer than a megabyte (not XML). */
  push(chunk: Uint8Array): void {
    const decoded = this.decoder.decode(chunk, { stream: true });
    this.carry = this.scan(this.carry === '' ? decoded : this.carry + decoded);
    if (this.carry.length > MAX_TAG_CHARACTERS && this.carry.charCodeAt(0) === LT)
      throw new Error(`a tag longer than ${MAX_TAG_CHARACTERS} characters: not XML`);
  }

  /** Ends the input: what is left is text after the root element, which no part holds. */
  end(): void {
    const rest = this.carry + this.decoder.decode();
    this.carry = '';
    if (rest.trim() !== '' && rest.includes('<')) throw new Error('the XML ends inside a tag');
  }

  /** Handles every complete token of `buf`; returns the unfinished rest. */
  private scan(buf: string): string {
    const h = this.handler;
    let pos = 0;
    const length = buf.length;
    while (pos < length) {
      const lt = buf.indexOf('<', pos);
      // Text up to the end of the chunk may stop inside an entity: wait for the next '<'.
      if (lt === -1) return buf.slice(pos);
      if (lt > pos && h.wantsText) h.text(decodeXmlText(buf.slice(pos, lt)));
      const next = buf.charCodeAt(lt + 1);
      if (Number.isNaN(next)) return buf.slice(lt);
      if (next === BANG || next === QUESTION) {
        const end = this.special(buf, lt);
        if (end === -1) return buf.slice(lt);
        pos = end;
        continue;
      }
      const gt = tagEnd(buf, lt + 1);
      if (gt === -1) return buf.slice(lt);
      if (next === SLASH) {
        const name = buf.slice(lt + 2, gt);
        h.close(isSpace(name.charCodeAt(name.length - 1)) ? name.trim() : name);
      } else {
        const selfClosing = buf.charCodeAt(gt - 1) === SLASH;
        const inner = buf.slice(lt + 1, selfClosing ? gt - 1 : gt);
        let nameEnd = 0;
        while (nameEnd < inner.length && !isSpace(inner.charCodeAt(nameEnd))) nameEnd++;
        const name = inner.slice(0, nameEnd);
        h.open(name, inner.slice(nameEnd));
        if (selfClosing) h.close(name);
      }
      pos = gt + 1;
    }
    return '';
  }

  /** Skips a comment, processing instruction or DOCTYPE, or hands on CDATA; -1 when it is cut. */
  private special(buf: string, lt: number): number {
    if (buf.startsWith('<![CDATA[', lt)) {
      const end = buf.indexOf(']]>', lt + 9);
      if (end === -1) return -1;
      if (this.handler.wantsText) this.handler.text(buf.slice(lt + 9, end));
      return end + 3;
    }
    if (buf.startsWith('<!--', lt)) {
      const end = buf.indexOf('-->', lt + 4);
      return end === -1 ? -1 : end + 3;
    }
    if (buf.length < lt + 9) return -1;
    const end = buf.indexOf(buf.charCodeAt(lt + 1) === QUESTION ? '?>' : '>', lt + 2);
    return end === -1 ? -1 : end + (buf.charCodeAt(lt + 1) === QUESTION ? 2 : 1);
  }
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const DQUOTE = 0x22;
const SQUOTE = 0x27;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Index of the `>` closing the tag that starts before `from`, skipping quoted values; -1 if cut. */
function tagEnd(buf: string, from: number): number {
  const gt = buf.indexOf('>', from);
  if (gt === -1) return -1;
  // Fast path: no quote before the first '>' means no attribute value holds one.
  let quote = 0;
  for (let i = from; i < gt; i++) {
    const c = buf.charCodeAt(i);
    if (c === DQUOTE || c === SQUOTE) {
      quote = i;
      break;
    }
  }
  if (quote === 0) return gt;
  let open = 0;
  for (let i = from; i < buf.length; i++) {
    const c = buf.charCodeAt(i);
    if (open !== 0) {
      if (c === open) open = 0;
    } else if (c === DQUOTE || c === SQUOTE) open = c;
    else if (c === GT) return i;
  }
  return -1;
}

const ENTITY = /&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g;
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML text or attribute value with its entities decoded; an unknown or impossible one is kept as written. */
export function decodeXmlText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, entity: string) => {
    if (entity[0] !== '#') return NAMED[entity]!;
    const code = entity[1] === 'x' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1));
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * Every attribute of a start tag's raw attribute text, values decoded, into `into` (cleared
 * first, so one object can be reused tag after tag).
 */
export function xmlAttributes(raw: string, into: Record<string, string> = {}): Record<string, string> {
  for (const key of Object.keys(into)) delete into[key];
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(raw); m; m = ATTRIBUTE.exec(raw))
    into[m[1]!] = decodeXmlText(m[2] ?? m[3] ?? '');
  return into;
}

/**
 * One attribute of a start tag's raw attribute text, decoded, or undefined. Looked up without a
 * regular expression when written the usual way (` name="value"`): a worksheet has one `<c>` per
 * cell, and this is what reads their `r`, `t` and `s`.
 */
export function xmlAttribute(raw: string, name: string): string | undefined {
  const key = name + '="';
  for (let at = raw.indexOf(key); at !== -1; at = raw.indexOf(key, at + 1)) {
    // Only a whole name: ` t="` but not ` x:t="` nor ` fmt="`.
    if (at > 0 && !isSpace(raw.charCodeAt(at - 1))) continue;
    const start = at + key.length;
    const end = raw.indexOf('"', start);
    if (end === -1) break;
    return decodeXmlText(raw.slice(start, end));
  }
  // Single quotes or spaces around '=': the general reading.
  if (!raw.includes("'") && !/\s=|=\s/.test(raw)) return undefined;
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(raw); m; m = ATTRIBUTE.exec(raw))
    if (m[1] === name) return decodeXmlText(m[2] ?? m[3] ?? '');
  return undefined;
}
