import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { encodeGbk } from '../../fixtures/gbk-encode';
import { rawZip, zip64SizeExtra } from '../../fixtures/make-bad-fixtures';
import { InputError } from '../table';
import {
  checkDeclaredSizes,
  DEFAULT_ZIP_LIMITS,
  formatBytes,
  inflateMember,
  listZipMembers,
  streamMember,
  type ZipLimits,
  type ZipMember,
} from './zip-guard';

const utf8 = (text: string) => new TextEncoder().encode(text);
const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** Small limits, so an inflate-time breach needs only a few megabytes. */
const SMALL: ZipLimits = {
  maxMemberBytes: 2 * MiB,
  maxTotalBytes: 3 * MiB,
  maxRatio: 50,
  ratioFloorBytes: MiB,
};

/** The members `pick` keeps, checked and inflated, by name: what a reader of a zip does. */
function readZipMembers(
  file: string,
  zip: Uint8Array,
  pick: (members: ZipMember[]) => ZipMember[],
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Map<string, Uint8Array> {
  const picked = pick(listZipMembers(file, zip));
  checkDeclaredSizes(file, picked, limits);
  return new Map(picked.map((m) => [m.name, inflateMember(file, zip, m)]));
}

const member = (m: Partial<ZipMember>): ZipMember => ({
  name: 'x.dbf',
  method: 8,
  flags: 0,
  compressedSize: 1000,
  size: 1000,
  localHeaderOffset: 0,
  ...m,
});

describe('listZipMembers', () => {
  it('lists names and declared sizes from the central directory, inflating nothing', () => {
    const zip = zipSync({ 'a.txt': [utf8('hello'), { level: 0 }], 'dir/b.bin': new Uint8Array(5000) });
    const members = listZipMembers('z.zip', zip);
    expect(members.map((m) => [m.name, m.size, m.method])).toEqual([
      ['a.txt', 5, 0],
      ['dir/b.bin', 5000, 8],
    ]);
  });

  it('decodes names written in GBK without the UTF-8 flag, as Chinese Windows writes them', () => {
    const zip = rawZip([{ name: '', nameBytes: encodeGbk('街道.shp'), flags: 0, content: utf8('x') }]);
    expect(listZipMembers('z.zip', zip)[0]!.name).toBe('街道.shp');
  });

  it('reads a ZIP64 size from the extra field', () => {
    const zip = rawZip([
      {
        name: 'huge.dbf',
        content: utf8('x'),
        declaredSize: 0xffffffff,
        extra: zip64SizeExtra(5 * GiB),
      },
    ]);
    expect(listZipMembers('z.zip', zip)[0]!.size).toBe(5 * GiB);
  });

  it.each([
    ['bytes that are not a zip', utf8('a,b\n1,2\n'), 'no end of central directory'],
    ['a zip cut short', zipSync({ 'a.txt': utf8('hello') }).subarray(0, 40), 'no end of central directory'],
    ['an empty file', new Uint8Array(0), 'no end of central directory'],
  ])('refuses %s, naming the file', (_, bytes, reason) => {
    expect(() => listZipMembers('z.zip', bytes)).toThrow(InputError);
    expect(() => listZipMembers('z.zip', bytes, '.xlsx workbook')).toThrow(
      new RegExp(`^z\\.zip: not a readable \\.xlsx workbook \\(${reason}`),
    );
  });
});

describe('checkDeclaredSizes', () => {
  const check =
    (members: ZipMember[], limits = DEFAULT_ZIP_LIMITS) =>
    () =>
      checkDeclaredSizes('b.zip', members, limits);

  it('passes ordinary members, and small ones whatever their ratio', () => {
    expect(check([member({ size: 100 * MiB, compressedSize: 10 * MiB })])).not.toThrow();
    expect(check([member({ size: 4 * MiB, compressedSize: 4 * 1024 })])).not.toThrow();
  });

  // [members, message]: with the real limits, refused before a byte is inflated.
  const refused: [string, ZipMember[], string][] = [
    [
      'a member over 512 MB',
      [member({ size: 600 * MiB, compressedSize: 600 * MiB })],
      'b.zip: member "x.dbf" declares 600 MB, more than the 512 MB limit for one member: refusing a possible zip bomb',
    ],
    [
      'a member declaring 4 GB (ZIP64 or a forged directory)',
      [member({ size: 4 * GiB, compressedSize: 1000 })],
      'b.zip: member "x.dbf" declares 4 GB, more than the 512 MB limit for one member: refusing a possible zip bomb',
    ],
    [
      'a 1,000:1 member over 8 MB',
      [member({ size: 314 * MiB, compressedSize: 300 * 1024 })],
      'b.zip: member "x.dbf" declares 314 MB from 300 KB (1,072:1, more than 200:1): refusing a possible zip bomb',
    ],
    [
      'members over 512 MB together',
      [
        member({ size: 300 * MiB, compressedSize: 100 * MiB }),
        member({ name: 'y.shp', size: 300 * MiB, compressedSize: 100 * MiB }),
      ],
      'b.zip: the members to read declare 600 MB in all, more than the 512 MB limit: refusing a possible zip bomb',
    ],
    [
      'an encrypted member',
      [member({ flags: 1 })],
      'b.zip: member "x.dbf" is encrypted: save the file without a password',
    ],
    [
      'another compression method',
      [member({ method: 12 })],
      'b.zip: member "x.dbf" is compressed with method 12, which is not supported: zip it again with ordinary (deflate) compression',
    ],
  ];
  it.each(refused)('refuses %s', (_, members, message) => {
    expect(check(members)).toThrow(new InputError(message, 'b.zip'));
  });
});

describe('streamMember and inflateMember', () => {
  it('inflates deflated and stored members to exactly their bytes', () => {
    const text = utf8('和平里街道,'.repeat(10000));
    const zip = zipSync({ 'd.txt': [text, { level: 9 }], 's.txt': [text, { level: 0 }] });
    for (const m of listZipMembers('z.zip', zip)) expect(inflateMember('z.zip', zip, m)).toEqual(text);
  });

  it('stops as soon as a member inflates past the size it declares', () => {
    // 20 MB of zeros that the directory says is 1,000 bytes: not a byte more is handed on.
    const zip = rawZip([{ name: 'big.bin', content: new Uint8Array(20 * MiB), declaredSize: 1000 }]);
    const [m] = listZipMembers('z.zip', zip);
    let seen = 0;
    expect(() => streamMember('z.zip', zip, m!, (chunk) => (seen += chunk.length))).toThrow(
      'z.zip: member "big.bin" inflates to more than the 1000 bytes it declares: refusing a possible zip bomb',
    );
    expect(seen).toBeLessThanOrEqual(1000);
  });

  it('enforces lowered limits while inflating: declared sizes pass, the output does not', () => {
    // Declares 1 MB (within SMALL), inflates to 8 MB.
    const zip = rawZip([{ name: 'x.dbf', content: new Uint8Array(8 * MiB), declaredSize: MiB }]);
    expect(() => readZipMembers('z.zip', zip, (all) => all, SMALL)).toThrow(
      'z.zip: member "x.dbf" inflates to more than the 1 MB it declares: refusing a possible zip bomb',
    );
    // Honest, the same member is refused before inflating by the lowered per-member limit.
    const honest = rawZip([{ name: 'x.dbf', content: new Uint8Array(8 * MiB) }]);
    expect(() => readZipMembers('z.zip', honest, (all) => all, SMALL)).toThrow(
      'z.zip: member "x.dbf" declares 8 MB, more than the 2 MB limit for one member: refusing a possible zip bomb',
    );
  });

  it('says a member is damaged when it inflates to less than it declares, or is not deflate data', () => {
    const short = rawZip([{ name: 'x.dbf', content: utf8('abc'), declaredSize: 10 }]);
    expect(() => readZipMembers('z.zip', short, (all) => all)).toThrow(
      'z.zip: member "x.dbf" is damaged (inflates to 3 bytes, declares 10)',
    );
    // Stored bytes that are no deflate stream, read as if the directory said deflated.
    const garbage = rawZip([{ name: 'x.dbf', content: new Uint8Array([0xff, 0xff, 0xff]), method: 0 }]);
    const [m] = listZipMembers('z.zip', garbage);
    expect(() => inflateMember('z.zip', garbage, { ...m!, method: 8 })).toThrow(
      /^z\.zip: member "x\.dbf" is damaged \(/,
    );
  });

  it('reads only the members picked: another member declaring 4 GB is never looked at', () => {
    const zip = rawZip([
      { name: 'a.shp', content: utf8('shape') },
      { name: 'junk.bin', content: new Uint8Array(MiB), declaredSize: 0xfffffff0 },
    ]);
    const read = readZipMembers('z.zip', zip, (all) => all.filter((m) => m.name.endsWith('.shp')));
    expect([...read.keys()]).toEqual(['a.shp']);
    expect(new TextDecoder().decode(read.get('a.shp'))).toBe('shape');
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 bytes'],
    [1023, '1023 bytes'],
    [1024, '1 KB'],
    [1536, '1.5 KB'],
    [300 * 1024, '300 KB'],
    [314 * MiB, '314 MB'],
    [512 * MiB, '512 MB'],
    [5 * GiB, '5 GB'],
  ])('%d bytes read as %s', (n, text) => {
    expect(formatBytes(n)).toBe(text);
  });
});
