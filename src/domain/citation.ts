/**
 * Readable citations of the published documents a programme's figures come from. The seed file
 * name stays the reference id (`ref`) in the data and wherever a reader may want to find the
 * file; everywhere a figure is shown, readers see title, byline or issuer and date instead.
 * Shared by the build (story.json, the programmes file's checks) and the site. Pure: no I/O.
 */

/** A published document a programme's figures come from. */
export interface SourceDocument {
  /** Reference id: the seed file name (000_3984d62c0898ea74.txt), kept in the data and the about panel. */
  ref: string;
  /** As published, e.g. 长沙推动既有小区品质三年行动 (without the book-title marks 《》). */
  title?: string;
  /** An English rendering of the title; always shown marked as a translation, next to the original. */
  title_en?: string;
  /** Authors / reporters as printed: 王文、蒋宏装; 記者 吳燕如 通訊員 夏思萱. */
  byline?: string;
  /** The byline for English readers (names in pinyin, roles translated); English falls back to `byline`. */
  byline_en?: string;
  /** Issuing body as printed: xx区人民政府. */
  issuer?: string;
  /** The issuing body in English; English falls back to `issuer`. */
  issuer_en?: string;
  /** Newspaper, journal or site the document appeared in, as printed (without 《》). */
  publication?: string;
  /** The publication's name in English; English falls back to `publication`. */
  publication_en?: string;
  /** ISO date, year-month or year as printed: 2020-08-24, 2020-08, 2020. */
  date?: string;
  /** When the text gives no title: a plain description, shown marked as such ("报道，标题未载"). */
  description_zh?: string;
  /** The description in English, marked "news report, title not given"; falls back to `description_zh`. */
  description_en?: string;
}

/** Interface language of a citation. */
export type CitationLang = 'zh' | 'en';

/** Options of {@link formatCitation}. */
export interface CitationOptions {
  /** Append the reference id (the seed file name), so the file can be found. Default false. */
  withRef?: boolean;
  /** The ref to show when `doc` is undefined (a source no document describes). Default none: ''. */
  ref?: string;
  /**
   * English only: leave out the translated title (the original stays, as what a reader can
   * search for), for one-line places such as the embed's source line. Default false.
   */
  short?: boolean;
}

/** Every field a document may have, in the order the checks name them. */
export const SOURCE_DOCUMENT_FIELDS = [
  'ref',
  'title',
  'title_en',
  'byline',
  'byline_en',
  'issuer',
  'issuer_en',
  'publication',
  'publication_en',
  'date',
  'description_zh',
  'description_en',
] as const satisfies readonly (keyof SourceDocument)[];

/** Added to a plain description, so nobody takes it for a published title. */
export const UNTITLED_MARK: Readonly<Record<CitationLang, string>> = {
  zh: '报道，标题未载',
  en: 'news report, title not given',
};

/** Follows an English title that is this project's rendering, not the publisher's. */
export const TRANSLATED_MARK = 'translated title';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** True for `YYYY`, `YYYY-MM` or `YYYY-MM-DD` naming a real month and day. */
export function isDocumentDate(date: string): boolean {
  const m = DATE.exec(date);
  if (!m) return false;
  const [, y, mo, d] = m;
  if (mo === undefined) return true;
  const month = Number(mo);
  if (month < 1 || month > 12) return false;
  if (d === undefined) return true;
  // Day 0 of the next month is the last day of this one (UTC, so no time zone shifts it).
  const days = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  return Number(d) >= 1 && Number(d) <= days;
}

/** `2020-08-24` → 2020年8月24日 / 24 Aug 2020; `2020-08` → 2020年8月 / Aug 2020; other text unchanged. */
export function formatDocumentDate(date: string, lang: CitationLang): string {
  const m = DATE.exec(date.trim());
  if (!m) return date;
  const [, y, mo, d] = m;
  const month = mo === undefined ? 0 : Number(mo);
  const day = d === undefined ? 0 : Number(d);
  if (lang === 'zh') return `${y}年${month ? `${month}月` : ''}${day ? `${day}日` : ''}`;
  return [day ? String(day) : '', month ? (MONTHS_EN[month - 1] ?? mo) : '', y].filter(Boolean).join(' ');
}

const bookTitle = (title: string) => `《${title.trim()}》`;

function head(doc: SourceDocument, lang: CitationLang, short: boolean): string | undefined {
  if (lang === 'zh') {
    if (doc.title) return bookTitle(doc.title);
    if (doc.description_zh) return `${doc.description_zh}（${UNTITLED_MARK.zh}）`;
    return undefined;
  }
  // The original title stays beside the translation: it is what a reader can search for.
  if (doc.title && doc.title_en && !short)
    return `“${doc.title_en}” (${TRANSLATED_MARK}) ${bookTitle(doc.title)}`;
  if (doc.title) return bookTitle(doc.title);
  const description = doc.description_en ?? doc.description_zh;
  return description ? `${description} (${UNTITLED_MARK.en})` : undefined;
}

/**
 * One-line readable citation in the language, e.g. 《聚焦共同缔造彰显智慧美好》，xx区人民政府，2020年8月24日 /
 * "Focus on co-creation…" (translated title) 《聚焦共同缔造彰显智慧美好》, xx District People's
 * Government, 24 Aug 2020. Falls back to the ref when the document is unknown (`opts.ref`) or
 * describes nothing readable.
 */
export function formatCitation(
  doc: SourceDocument | undefined,
  lang: CitationLang,
  opts: CitationOptions = {},
): string {
  if (!doc) return opts.ref ?? '';
  const zh = lang === 'zh';
  const publication = zh ? doc.publication : (doc.publication_en ?? doc.publication);
  const parts = [
    head(doc, lang, opts.short === true),
    zh ? doc.byline : (doc.byline_en ?? doc.byline),
    zh ? doc.issuer : (doc.issuer_en ?? doc.issuer),
    publication && (zh ? bookTitle(publication) : publication),
    doc.date && formatDocumentDate(doc.date, lang),
  ].filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  if (parts.length === 0) return doc.ref;
  const text = parts.join(zh ? '，' : ', ');
  if (!opts.withRef) return text;
  return zh ? `${text}（文件 ${doc.ref}）` : `${text} (file ${doc.ref})`;
}

/** Finds the document for a ref among the programmes' documents. */
export function documentFor(ref: string, documents: readonly SourceDocument[]): SourceDocument | undefined {
  return documents.find((d) => d.ref === ref);
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Every way `value` departs from a {@link SourceDocument}, as `path.field: problem` lines (empty
 * when it conforms). Strict about unknown fields, so a misspelt `titel` is not silently dropped.
 */
export function sourceDocumentIssues(value: unknown, path: string): string[] {
  if (!isRecord(value)) return [`${path}: expected a document object { ref, title | description_zh, … }`];
  const issues: string[] = [];
  const known = SOURCE_DOCUMENT_FIELDS as readonly string[];
  for (const key of Object.keys(value)) {
    if (!known.includes(key))
      issues.push(`${path}.${key}: unknown field; a document has ${SOURCE_DOCUMENT_FIELDS.join(', ')}`);
  }
  for (const key of SOURCE_DOCUMENT_FIELDS) {
    const v = value[key];
    if (v === undefined && key !== 'ref') continue;
    if (typeof v !== 'string' || v.trim() === '') {
      issues.push(
        key === 'ref'
          ? `${path}.ref: expected the file name the figures cite as their source`
          : `${path}.${key}: expected a non-empty string (leave the field out when the document has none)`,
      );
    }
  }
  const str = (key: keyof SourceDocument) =>
    typeof value[key] === 'string' && value[key].trim() !== '' ? value[key] : undefined;
  const title = str('title');
  if (title !== undefined && /^《.*》$/u.test(title.trim()))
    issues.push(`${path}.title: write the title without 《》 (the citation adds them)`);
  if (str('publication')?.trim().startsWith('《'))
    issues.push(`${path}.publication: write the name without 《》 (the citation adds them)`);
  if (title === undefined && str('description_zh') === undefined)
    issues.push(
      `${path}: give the title as published, or, when the text has none, a description_zh (shown marked "${UNTITLED_MARK.zh}")`,
    );
  if (title !== undefined && (str('description_zh') ?? str('description_en')) !== undefined)
    issues.push(
      `${path}: description_zh / description_en are for a document without a title; this one has one`,
    );
  if (title === undefined && str('title_en') !== undefined)
    issues.push(`${path}.title_en: an English title needs the original title it renders`);
  if (str('description_zh') === undefined && str('description_en') !== undefined)
    issues.push(`${path}.description_en: needs the description_zh it renders`);
  const date = str('date');
  if (date !== undefined && !isDocumentDate(date))
    issues.push(`${path}.date: ${JSON.stringify(date)} is not a date YYYY, YYYY-MM or YYYY-MM-DD`);
  return issues;
}
