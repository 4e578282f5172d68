/**
 * Text carried inside a PNG file (an `iTXt` chunk, UTF-8): an exported picture keeps the legend
 * it draws and where it drew it, so whoever receives the file (and the browser tests) can read
 * what its colours mean without reading pixels. Pure: bytes in, bytes out.
 */

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

let crcTable: Uint32Array | null = null;

/** CRC-32 (ISO 3309) of `bytes`, as PNG chunks carry it. */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const b of bytes) crc = crcTable[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function checkSignature(png: Uint8Array): void {
  if (png.length < 8 || SIGNATURE.some((b, i) => png[i] !== b)) throw new Error('not a PNG file');
}

const readU32 = (png: Uint8Array, at: number) =>
  ((png[at]! << 24) | (png[at + 1]! << 16) | (png[at + 2]! << 8) | png[at + 3]!) >>> 0;

/**
 * `png` with an `iTXt` chunk `keyword` = `text` inserted before `IEND`. The keyword is 1–79
 * printable Latin-1 characters, as the PNG specification requires.
 */
export function withTextChunk(png: Uint8Array, keyword: string, text: string): Uint8Array<ArrayBuffer> {
  checkSignature(png);
  if (!/^[\x20-\x7e]{1,79}$/.test(keyword)) throw new Error(`invalid PNG text keyword: ${keyword}`);
  const encoder = new TextEncoder();
  // keyword \0, compression flag 0, method 0, empty language tag \0, empty translated keyword \0, text.
  const data = new Uint8Array([...encoder.encode(keyword), 0, 0, 0, 0, 0, ...encoder.encode(text)]);
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  chunk.set(encoder.encode('iTXt'), 4);
  chunk.set(data, 8);
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  const iend = png.length - 12;
  if (String.fromCharCode(...png.subarray(iend + 4, iend + 8)) !== 'IEND')
    throw new Error('PNG does not end in IEND');
  const out = new Uint8Array(png.length + chunk.length);
  out.set(png.subarray(0, iend));
  out.set(chunk, iend);
  out.set(png.subarray(iend), iend + chunk.length);
  return out;
}

/** The uncompressed `iTXt` chunks of a PNG, keyword → text. Chunks with a bad CRC are an error. */
export function readTextChunks(png: Uint8Array): Map<string, string> {
  checkSignature(png);
  const out = new Map<string, string>();
  const decoder = new TextDecoder();
  let at = 8;
  while (at + 12 <= png.length) {
    const length = readU32(png, at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const end = at + 8 + length;
    if (end + 4 > png.length) throw new Error(`PNG chunk ${type} runs past the end of the file`);
    if (type === 'iTXt') {
      if (crc32(png.subarray(at + 4, end)) !== readU32(png, end))
        throw new Error('PNG iTXt chunk has a bad CRC');
      const data = png.subarray(at + 8, end);
      const zero = data.indexOf(0);
      const keyword = decoder.decode(data.subarray(0, zero));
      const compressed = data[zero + 1];
      // Skip the language tag and the translated keyword, each ending in \0.
      const lang = data.indexOf(0, zero + 3);
      const translated = data.indexOf(0, lang + 1);
      if (compressed === 0) out.set(keyword, decoder.decode(data.subarray(translated + 1)));
    }
    if (type === 'IEND') break;
    at = end + 4;
  }
  return out;
}
