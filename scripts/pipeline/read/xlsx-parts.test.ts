import { describe, expect, it } from 'vitest';
import { isDateFormat, readWorkbookXml, SharedStringsReader, StylesReader } from './xlsx-parts';
import { XmlScanner, type XmlHandler } from './xml-scanner';

function feed<T extends XmlHandler>(handler: T, xml: string): T {
  const scanner = new XmlScanner(handler);
  scanner.push(new TextEncoder().encode(xml));
  scanner.end();
  return handler;
}

describe('SharedStringsReader', () => {
  it('reads plain and rich strings, leaves out phonetic guides, and an empty <si/> as null', () => {
    const { strings } = feed(
      new SharedStringsReader(),
      '<sst><si><t>幸福里</t><rPh sb="0" eb="1"><t>xingfu</t></rPh></si>' +
        '<si><r><t>光明</t></r><r><rPr><b/></rPr><t xml:space="preserve">路 1_x000D_</t></r></si><si/><si><t/></si></sst>',
    );
    expect(strings).toEqual(['幸福里', '光明路 1\r', null, '']);
  });
});

describe('StylesReader and isDateFormat', () => {
  it('finds the cell styles whose format shows a date: built-in ids and custom codes', () => {
    const styles = feed(
      new StylesReader(),
      '<styleSheet><numFmts><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/>' +
        '<numFmt numFmtId="165" formatCode="0.00&quot;万元&quot;"/></numFmts>' +
        '<cellStyleXfs><xf numFmtId="14"/></cellStyleXfs>' +
        '<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="31"/><xf numFmtId="4"/></cellXfs></styleSheet>',
    );
    // 31 is an East Asian built-in date, which exceljs never read as a date: kept so.
    expect([...styles.dateStyles]).toEqual([1, 2]);
    expect(isDateFormat('[Red]0.00"d"')).toBe(false);
    expect(isDateFormat('yyyy-mm-dd')).toBe(true);
  });
});

describe('readWorkbookXml', () => {
  it('lists sheets in order with their parts and state, and reads date1904', () => {
    const read = readWorkbookXml(
      '<workbook><workbookPr date1904="1"/><sheets><sheet name="说明" sheetId="2" state="hidden" r:id="rId2"/>' +
        '<sheet name="A&amp;B" sheetId="1" r:id="rId1"/></sheets></workbook>',
      '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/>' +
        '<Relationship Id="rId2" Target="/xl/worksheets/sheet2.xml"/></Relationships>',
    );
    expect(read).toEqual({
      date1904: true,
      sheets: [
        { name: '说明', state: 'hidden', part: 'xl/worksheets/sheet2.xml' },
        { name: 'A&B', state: 'visible', part: 'xl/worksheets/sheet1.xml' },
      ],
    });
  });
});
