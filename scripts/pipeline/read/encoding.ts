/**
 * Text decoding for bureau files. Chinese Excel saves "CSV" in the system code page (GBK) unless
 * told otherwise, "CSV UTF-8" with a byte-order mark, and "Unicode text" as UTF-16 with a BOM, so
 * the encoding is detected from the bytes rather than assumed.
 */

/** Encodings `decodeText` can report. */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** Result of decoding a file. */
export interface DecodedText {
  /** The text, without a byte-order mark. */
  text: string;
  encoding: TextEncodingName;
}

const BOMS: readonly { bytes: readonly number[]; label: string; encoding: TextEncodingName }[] = [
  { bytes: [0xef, 0xbb, 0xbf], label: 'utf-8', encoding: 'utf-8-bom' },
  { bytes: [0xff, 0xfe], label: 'utf-16le', encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], label: 'utf-16be', encoding: 'utf-16be' },
];

/**
 * Decodes file bytes to text, detecting the encoding:
 * 1. a byte-order mark decides (UTF-8, or UTF-16 from Excel's "Unicode text" export);
 * 2. bytes that are valid UTF-8 are UTF-8 (pure ASCII included, identical in every candidate);
 * 3. anything else is GB18030, the superset of GBK and GB2312 that Chinese Windows writes.
 *
 * Throws when the bytes are not valid GB18030 either: guessing further would produce mojibake.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const bom = BOMS.find((b) => b.bytes.every((byte, i) => bytes[i] === byte));
  if (bom) {
    const text = tryDecode(bom.label, bytes.subarray(bom.bytes.length));
    if (text !== null) return { text, encoding: bom.encoding };
    // Usually GBK text that an editor saved with a UTF-8 mark in front: say where it breaks.
    const where =
      bom.label === 'utf-8' ? `, but ${describeInvalidByte(bytes)} is not` : ' but the text is not';
    throw new Error(
      `the file starts with a ${bom.label.toUpperCase()} byte-order mark${where} ${bom.label.toUpperCase()}: ` +
        'save it again as "CSV UTF-8"',
    );
  }
  const utf8 = tryDecode('utf-8', bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  const gb = tryDecode('gb18030', bytes);
  if (gb !== null) return { text: gb, encoding: 'gb18030' };
  throw new Error(
    `text is neither UTF-8 nor GBK/GB18030 (UTF-8 breaks at ${describeInvalidByte(bytes)}): save the file as "CSV UTF-8"`,
  );
}

/**
 * Where UTF-8 first breaks, as a person can find it: `byte 0xD6 on line 3` (lines counted by
 * LF). Describes the last byte when the bytes are valid UTF-8.
 */
export function describeInvalidByte(bytes: Uint8Array): string {
  const at = firstInvalidUtf8(bytes);
  let line = 1;
  for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
  const hex = (bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  return `byte 0x${hex} on line ${line}`;
}

/** Index of the first byte that breaks UTF-8 (after a UTF-8 byte-order mark); the last byte when none does. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    // The second byte's range is narrower after E0, ED, F0 and F4: no overlong forms, no surrogates.
    const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    const second = bytes[i + 1] ?? 0;
    if (length > 1 && !(second >= low && second <= high)) return i;
    for (let k = 2; k < length; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += length;
  }
  return Math.max(0, bytes.length - 1);
}

/** Decodes strictly, returning null on the first invalid sequence. */
function tryDecode(label: string, bytes: Uint8Array): string | null {
  try {
    // ignoreBOM: the caller has already removed a real BOM; a second one is content, not metadata.
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (e) {
    // Past V8's longest string (~512 M characters) no encoding would do: say so, not "not UTF-8".
    if ((e as { code?: unknown }).code === 'ERR_STRING_TOO_LONG')
      throw new Error(
        `the file is too large to read as one text (${bytes.byteLength} bytes decode to over ` +
          "V8's limit of about 512 million characters): split the ledger into several files and " +
          'pass them, or their folder, to --communities',
        { cause: e },
      );
    return null;
  }
}
