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
    if (text === null) throw new Error(`invalid ${bom.label} text after a ${bom.label} byte-order mark`);
    return { text, encoding: bom.encoding };
  }
  const utf8 = tryDecode('utf-8', bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  const gb = tryDecode('gb18030', bytes);
  if (gb !== null) return { text: gb, encoding: 'gb18030' };
  throw new Error('text is neither UTF-8 nor GBK/GB18030: save the file as "CSV UTF-8"');
}

/** Decodes strictly, returning null on the first invalid sequence. */
function tryDecode(label: string, bytes: Uint8Array): string | null {
  try {
    // ignoreBOM: the caller has already removed a real BOM; a second one is content, not metadata.
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}
