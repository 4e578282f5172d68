/**
 * Reads zip archives (zipped shapefiles, `.xlsx` workbooks) without trusting them. A zip names
 * its members' sizes in the central directory at its end, so the members worth reading are
 * picked and their declared sizes checked before a byte is inflated; inflation then stops as
 * soon as a member's output passes what it declared, because the declaration is written by
 * whoever made the file and can lie. A 300 KB file that inflates to gigabytes is refused with a
 * message naming the file and the member, instead of taking the build's memory with it.
 *
 * Only stored (0) and deflated (8) members are read: that is what Windows, macOS, Excel, WPS
 * and GIS software write.
 */
import { Inflate } from 'fflate';
import { InputError } from '../table';

/** How much a zip may inflate to. Every field is a plain number so tests can lower them. */
export interface ZipLimits {
  /** Largest uncompressed size of one member read. */
  maxMemberBytes: number;
  /** Largest uncompressed size of all the members read from one file, together. */
  maxTotalBytes: number;
  /** Largest ratio of uncompressed to compressed size for a member above `ratioFloorBytes`. */
  maxRatio: number;
  /** Members declaring less than this are not held to `maxRatio`. */
  ratioFloorBytes: number;
}

const MiB = 1024 * 1024;

/**
 * The limits of a data build. 512 MB: a national ledger of 220,000 rows is about 60 MB as CSV
 * and about 300 MB as worksheet XML; a 4 GB heap cannot parse much more than 512 MB of XML with
 * exceljs anyway, nor hold a larger shapefile as GeoJSON. 200:1: deflate cannot pass about
 * 1,030:1, and real ledgers, workbooks and .dbf files compress 5:1 to 50:1 (a .dbf of
 * space-padded blank fields about 100:1); 200:1 above 8 MB only catches files made of one
 * repeated byte, which is what a zip bomb is. Small members are exempt: a 1 MB styles part of
 * repeated XML may well compress 300:1 and costs nothing.
 */
export const DEFAULT_ZIP_LIMITS: Readonly<ZipLimits> = {
  maxMemberBytes: 512 * MiB,
  maxTotalBytes: 512 * MiB,
  maxRatio: 200,
  ratioFloorBytes: 8 * MiB,
};

/** One member as the central directory describes it. */
export interface ZipMember {
  /** The path inside the zip, decoded (UTF-8 when flagged or valid, else GBK, else Latin-1). */
  name: string;
  /** 0 stored, 8 deflated; others are refused when read. */
  method: number;
  /** General-purpose flags; bit 0 means encrypted. */
  flags: number;
  compressedSize: number;
  /** The uncompressed size the archive declares. */
  size: number;
  /** Offset of the member's local header in the file. */
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

/**
 * Every member the central directory lists, directories included, nothing inflated. `kind`
 * names the format in messages (`zip`, `.xlsx workbook`). Throws InputError naming the file for
 * bytes that are not a zip or whose directory is cut short.
 */
export function listZipMembers(file: string, bytes: Uint8Array, kind = 'zip'): ZipMember[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (reason: string) => new InputError(`${file}: not a readable ${kind} (${reason})`, file);
  // The end record is 22 bytes plus a comment of up to 65,535 bytes, so it is searched for from
  // the end; a signature inside the comment is skipped by checking the comment length fits.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (
      view.getUint32(at, true) === EOCD_SIGNATURE &&
      at + 22 + view.getUint16(at + 20, true) <= bytes.length
    ) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw fail('no end of central directory: the file is not a zip or is cut short');
  let count = view.getUint16(eocd + 10, true);
  let directoryOffset = view.getUint32(eocd + 16, true);
  const locator = eocd - 20;
  if (locator >= 0 && view.getUint32(locator, true) === ZIP64_LOCATOR_SIGNATURE) {
    // ZIP64: the real figures sit in a second end record, which the locator points at.
    const record = safeNumber(view.getBigUint64(locator + 8, true));
    if (record + 56 > bytes.length || view.getUint32(record, true) !== ZIP64_EOCD_SIGNATURE)
      throw fail('the ZIP64 end record is missing');
    count = safeNumber(view.getBigUint64(record + 32, true));
    directoryOffset = safeNumber(view.getBigUint64(record + 48, true));
  }
  const members: ZipMember[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_SIGNATURE)
      throw fail(`central directory entry ${i + 1} of ${count} is missing`);
    const flags = view.getUint16(at + 8, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const end = at + 46 + nameLength + extraLength + commentLength;
    if (end > bytes.length) throw fail(`central directory entry ${i + 1} is cut short`);
    const member: ZipMember = {
      name: decodeName(bytes.subarray(at + 46, at + 46 + nameLength), (flags & 0x800) !== 0),
      method: view.getUint16(at + 10, true),
      flags,
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
    };
    readZip64Extra(view, at + 46 + nameLength, extraLength, member);
    members.push(member);
    at = end;
  }
  return members;
}

/** Numbers past 2^53 cannot be offsets into a file held in memory; they mean a damaged zip. */
function safeNumber(value: bigint): number {
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}

/** Replaces the 0xFFFFFFFF placeholders of a ZIP64 member with the extra field's 64-bit values. */
function readZip64Extra(view: DataView, from: number, length: number, member: ZipMember): void {
  for (let at = from; at + 4 <= from + length;) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 0x0001) {
      let field = at + 4;
      const next = (): number | undefined => {
        if (field + 8 > at + 4 + size) return undefined;
        const value = safeNumber(view.getBigUint64(field, true));
        field += 8;
        return value;
      };
      // The values present are exactly those whose 32-bit field holds the placeholder, in this order.
      if (member.size === 0xffffffff) member.size = next() ?? member.size;
      if (member.compressedSize === 0xffffffff) member.compressedSize = next() ?? member.compressedSize;
      if (member.localHeaderOffset === 0xffffffff)
        member.localHeaderOffset = next() ?? member.localHeaderOffset;
      return;
    }
    at += 4 + size;
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const GBK = new TextDecoder('gb18030', { fatal: true });
const LATIN1 = new TextDecoder('latin1');

/**
 * Names are UTF-8 when flagged so; Windows' built-in zip writes them in the system code page
 * without a flag (GBK on Chinese Windows), and other tools write unflagged UTF-8.
 */
function decodeName(raw: Uint8Array, utf8Flag: boolean): string {
  for (const decoder of utf8Flag ? [UTF8] : [UTF8, GBK]) {
    try {
      return decoder.decode(raw);
    } catch {
      // Not this encoding: try the next one.
    }
  }
  return LATIN1.decode(raw);
}

/**
 * Refuses, before anything is inflated, members that declare more than the limits allow: one
 * member over `maxMemberBytes`, all of them together over `maxTotalBytes`, or a member above
 * `ratioFloorBytes` that would inflate more than `maxRatio` times its compressed size. Also
 * refuses encrypted members and compression methods other than stored and deflate.
 */
export function checkDeclaredSizes(
  file: string,
  members: readonly ZipMember[],
  limits: Readonly<ZipLimits> = DEFAULT_ZIP_LIMITS,
): void {
  let total = 0;
  for (const m of members) {
    if (m.flags & 1)
      throw new InputError(
        `${file}: member "${m.name}" is encrypted: save the file without a password`,
        file,
      );
    if (m.method !== STORED && m.method !== DEFLATED) {
      throw new InputError(
        `${file}: member "${m.name}" is compressed with method ${m.method}, which is not supported: ` +
          'zip it again with ordinary (deflate) compression',
        file,
      );
    }
    if (m.size > limits.maxMemberBytes) {
      throw new InputError(
        `${file}: member "${m.name}" declares ${formatBytes(m.size)}, more than the ` +
          `${formatBytes(limits.maxMemberBytes)} limit for one member: refusing a possible zip bomb`,
        file,
      );
    }
    const ratio = m.size / Math.max(1, m.compressedSize);
    if (m.size > limits.ratioFloorBytes && ratio > limits.maxRatio) {
      throw new InputError(
        `${file}: member "${m.name}" declares ${formatBytes(m.size)} from ${formatBytes(m.compressedSize)} ` +
          `(${Math.round(ratio).toLocaleString('en-US')}:1, more than ${limits.maxRatio}:1): refusing a possible zip bomb`,
        file,
      );
    }
    total += m.size;
  }
  if (total > limits.maxTotalBytes) {
    throw new InputError(
      `${file}: the members to read declare ${formatBytes(total)} in all, more than the ` +
        `${formatBytes(limits.maxTotalBytes)} limit: refusing a possible zip bomb`,
      file,
    );
  }
}

/**
 * Input handed to the inflater at a time. Deflate inflates at most about 1,030 times, so a
 * 16 KB push yields at most about 16 MB before the output is counted: the overshoot past a limit.
 */
const PUSH_BYTES = 16 * 1024;

/**
 * Streams one member's uncompressed bytes to `onChunk`, in order, without keeping them. Throws
 * InputError when the output passes the member's declared size (a lying header: the declared
 * size has already passed `checkDeclaredSizes`, so this enforces the limits too), when it falls
 * short of it, or when the compressed data is damaged; what `onChunk` throws passes through as
 * it is.
 */
export function streamMember(
  file: string,
  bytes: Uint8Array,
  member: ZipMember,
  onChunk: (chunk: Uint8Array) => void,
): void {
  const data = memberData(file, bytes, member);
  const damaged = (reason: string) =>
    new InputError(`${file}: member "${member.name}" is damaged (${reason})`, file);
  if (member.method === STORED) {
    if (data.length !== member.size) throw damaged(`stored ${data.length} bytes, declares ${member.size}`);
    onChunk(data);
    return;
  }
  let produced = 0;
  // What `onChunk` throws is the caller's own error (its parser refusing the content), not damage.
  let callerError: unknown;
  const inflate = new Inflate((chunk) => {
    produced += chunk.length;
    if (produced > member.size) {
      throw new InputError(
        `${file}: member "${member.name}" inflates to more than the ${formatBytes(member.size)} it declares: ` +
          'refusing a possible zip bomb',
        file,
      );
    }
    if (chunk.length === 0) return;
    try {
      onChunk(chunk);
    } catch (error) {
      callerError = error;
      throw error;
    }
  });
  try {
    for (let at = 0; at < data.length || at === 0; at += PUSH_BYTES) {
      const end = Math.min(data.length, at + PUSH_BYTES);
      inflate.push(data.subarray(at, end), end === data.length);
    }
  } catch (error) {
    if (error instanceof InputError || (callerError !== undefined && error === callerError)) throw error;
    throw damaged((error as Error).message);
  }
  if (produced !== member.size) throw damaged(`inflates to ${produced} bytes, declares ${member.size}`);
}

/** One member's uncompressed bytes, inflated under the guard of `streamMember`. */
export function inflateMember(file: string, bytes: Uint8Array, member: ZipMember): Uint8Array {
  if (member.method === STORED) {
    let stored: Uint8Array = new Uint8Array(0);
    streamMember(file, bytes, member, (chunk) => (stored = chunk));
    return stored;
  }
  // The declared size is allocated at once: it has passed the limits, and the output may not pass it.
  const out = new Uint8Array(member.size);
  let at = 0;
  streamMember(file, bytes, member, (chunk) => {
    out.set(chunk, at);
    at += chunk.length;
  });
  return out;
}

/** The compressed bytes of a member, located through its local header. */
function memberData(file: string, bytes: Uint8Array, member: ZipMember): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = member.localHeaderOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_SIGNATURE)
    throw new InputError(`${file}: member "${member.name}" is missing from the zip (no local header)`, file);
  // The local header's own name and extra lengths may differ from the central directory's.
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + member.compressedSize;
  if (end > bytes.length) throw new InputError(`${file}: member "${member.name}" is cut short`, file);
  return bytes.subarray(start, end);
}

/** `512 MB`, `300 KB`, `120 bytes`: sizes in binary units, as file managers show them. */
export function formatBytes(n: number): string {
  const units = ['KB', 'MB', 'GB', 'TB'];
  if (n < 1024) return `${n} bytes`;
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = value >= 10 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${shown} ${units[unit]}`;
}
