import { describe, expect, it } from 'vitest';
import { decodePng } from './png-pixels';
import { chooseFonts, findFonts, renderPng } from './render-png';

const NO_FONTS = { files: [], family: null, cjk: false };

describe('chooseFonts', () => {
  it('prefers a CJK family and takes all its faces', () => {
    const files = [
      '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
      '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
      '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
      '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
    ];
    expect(chooseFonts(files)).toEqual({
      files: [files[1], files[2]],
      family: 'Noto Sans CJK SC',
      cjk: true,
    });
    expect(chooseFonts(['C:\\Windows\\Fonts\\msyh.ttc']).family).toBe('Microsoft YaHei');
  });

  it('falls back to a Latin font, then to none', () => {
    expect(chooseFonts(['/f/DejaVuSans.ttf', '/f/DejaVuSans-Bold.ttf'])).toMatchObject({
      family: 'DejaVu Sans',
      cjk: false,
    });
    expect(chooseFonts(['/f/Something.ttf'])).toEqual(NO_FONTS);
    expect(findFonts(['/nonexistent/fonts'])).toEqual(NO_FONTS);
  });
});

describe('renderPng', () => {
  it('renders an SVG at its size, colours where the SVG puts them', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#dde7ec"/>' +
      '<rect x="20" width="20" height="20" fill="#f0852d"/><text x="2" y="15">小区</text></svg>';
    const { width, height, rgba } = decodePng(await renderPng(svg, NO_FONTS));
    expect([width, height]).toEqual([40, 20]);
    const at = (x: number, y: number) => [...rgba.subarray((y * width + x) * 4, (y * width + x) * 4 + 4)];
    expect(at(30, 10)).toEqual([0xf0, 0x85, 0x2d, 255]);
    expect(at(19, 2)).toEqual([0xdd, 0xe7, 0xec, 255]);
  });

  it('refuses an SVG that is not well-formed (escaping gone wrong shows here)', async () => {
    await expect(
      renderPng('<svg xmlns="http://www.w3.org/2000/svg"><text><b></text></svg>', NO_FONTS),
    ).rejects.toThrow();
  });
});
