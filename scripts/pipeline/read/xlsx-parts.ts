/**
 * The workbook parts a worksheet's cells depend on, read the way exceljs's full reader read
 * them: the shared string table, which cell styles show dates, and the sheet list. Each part is
 * read by a handler fed to an `XmlScanner` as the zip guard inflates it.
 */
import { xmlAttributes, type XmlHandler } from './xml-scanner';

/** A shared string: its text (rich runs joined), or null for an `<si>` holding no text at all. */
export type SharedString = string | null;

const X_ESCAPE = /_x([0-9A-F]{4})_/g;

/** Text of a `<t>` as exceljs's text reader gave it: `_x000D_` escapes decoded. */
export function decodeXEscapes(text: string): string {
  return text.includes('_x')
    ? text.replace(X_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : text;
}

/**
 * The rich-text runs (`<r>`) of one string item, a shared string's `<si>` or a cell's inline
 * `<is>`, with phonetic guides (`<rPh>`) marked so their text is left out: both readers track
 * them this one way. The caller says when an item starts (`reset`) and feeds run text while
 * `inRun`.
 */
export class RichTextRuns {
  /** True inside an `<rPh>`, whose `<t>` is not part of the text. */
  inPhonetic = false;
  /** True inside an `<r>`: `<t>` text goes to `addRunText`. */
  inRun = false;
  private runs: string[] | undefined;
  private runText = '';

  /** A new item: no runs yet. */
  reset(): void {
    this.runs = undefined;
  }

  openRun(): void {
    this.inRun = true;
    this.runText = '';
  }

  addRunText(text: string): void {
    this.runText += text;
  }

  /** Ends a run: its text, `_x…_` escapes decoded, joins the item's runs. */
  closeRun(): void {
    (this.runs ??= []).push(decodeXEscapes(this.runText));
    this.inRun = false;
  }

  /** The item's runs joined, or undefined when it had none. */
  joined(): string | undefined {
    return this.runs?.join('');
  }
}

/**
 * Reads `xl/sharedStrings.xml`: each `<si>` as its `<t>` text, or its rich runs joined, or null
 * when it holds neither (exceljs read `<si/>` as an empty object, which showed as an empty cell).
 * Phonetic guides (`<rPh>`) are not part of the text.
 */
export class SharedStringsReader implements XmlHandler {
  /** The table, in order. */
  readonly strings: SharedString[] = [];
  wantsText = false;
  private plain: string | undefined;
  private readonly rich = new RichTextRuns();

  open(name: string): void {
    switch (name) {
      case 'si':
        this.plain = undefined;
        this.rich.reset();
        return;
      case 'r':
        this.rich.openRun();
        return;
      case 'rPh':
        this.rich.inPhonetic = true;
        return;
      case 't':
        if (!this.rich.inPhonetic) {
          this.wantsText = true;
          if (!this.rich.inRun) this.plain ??= '';
        }
        return;
      default:
        return;
    }
  }

  text(text: string): void {
    if (this.rich.inRun) this.rich.addRunText(text);
    else this.plain += text;
  }

  close(name: string): void {
    switch (name) {
      case 't':
        this.wantsText = false;
        return;
      case 'r':
        this.rich.closeRun();
        return;
      case 'rPh':
        this.rich.inPhonetic = false;
        return;
      case 'si':
        this.strings.push(
          this.rich.joined() ?? (this.plain === undefined ? null : decodeXEscapes(this.plain)),
        );
        return;
      default:
        return;
    }
  }
}

/**
 * Excel's built-in number formats that exceljs knew by id and that show a date or time (its
 * `defaultnumformats` entries with one format code: 14–22 and 45–47). The East Asian built-ins
 * (27–36, 50–58) it kept per locale and never treated as dates, so neither does this.
 */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** Whether a number format code shows a date or time (exceljs's `utils.isDateFmt`). */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(bare);
}

/**
 * Reads `xl/styles.xml` into the set of cell style indices (`<c s>`) whose number format shows
 * a date: `dateStyles` after the part has been fed.
 */
export class StylesReader implements XmlHandler {
  readonly wantsText = false;
  private readonly customFormats = new Map<number, string>();
  private readonly styleFormats: number[] = [];
  private inCellXfs = false;
  private readonly attributes: Record<string, string> = {};

  open(name: string, raw: string): void {
    if (name === 'numFmt') {
      const a = xmlAttributes(raw, this.attributes);
      if (a.numFmtId !== undefined && a.formatCode !== undefined)
        this.customFormats.set(parseInt(a.numFmtId, 10), a.formatCode.replace(/[\\](.)/g, '$1'));
    } else if (name === 'cellXfs') this.inCellXfs = true;
    else if (name === 'xf' && this.inCellXfs) {
      const id = xmlAttributes(raw, this.attributes).numFmtId;
      this.styleFormats.push(id === undefined ? 0 : parseInt(id, 10));
    }
  }

  close(name: string): void {
    if (name === 'cellXfs') this.inCellXfs = false;
  }

  text(): void {}

  /** Indices of the cell styles that show dates. */
  get dateStyles(): Set<number> {
    const dates = new Set<number>();
    this.styleFormats.forEach((id, index) => {
      if (!id) return;
      const custom = this.customFormats.get(id);
      if (custom !== undefined ? isDateFormat(custom) : BUILT_IN_DATE_FORMATS.has(id)) dates.add(index);
    });
    return dates;
  }
}

/** One sheet as the workbook lists it. */
export interface WorkbookSheet {
  name: string;
  /** `visible`, `hidden` or `veryHidden`. */
  state: string;
  /** The worksheet part's path in the zip (`xl/worksheets/sheet1.xml`), or undefined if unresolved. */
  part: string | undefined;
}

/**
 * The sheets of `xl/workbook.xml` in workbook order, their parts found through
 * `xl/_rels/workbook.xml.rels` (resolved as exceljs resolved them), and whether dates count
 * from 1904.
 */
export function readWorkbookXml(
  workbookXml: string,
  relsXml: string,
): { sheets: WorkbookSheet[]; date1904: boolean } {
  const targets = new Map<string, string>();
  for (const tag of relsXml.match(/<Relationship\b[^>]*>/g) ?? []) {
    const a = xmlAttributes(tag);
    if (a.Id !== undefined && a.Target !== undefined) targets.set(a.Id, a.Target);
  }
  const sheets: WorkbookSheet[] = [];
  for (const tag of workbookXml.match(/<sheet\b[^>]*>/g) ?? []) {
    const a = xmlAttributes(tag);
    const rId = Object.entries(a).find(([key]) => key.endsWith(':id'))?.[1];
    const target = rId === undefined ? undefined : targets.get(rId);
    if (a.name === undefined) continue;
    sheets.push({
      name: a.name,
      state: a.state ?? 'visible',
      part: target === undefined ? undefined : `xl/${target.replace(/^(\s|\/xl\/)+/, '')}`,
    });
  }
  const properties = /<workbookPr\b[^>]*>/.exec(workbookXml);
  const date1904 = properties ? xmlAttributes(properties[0]).date1904 === '1' : false;
  return { sheets, date1904 };
}
