import { describe, expect, it } from 'vitest';
import { decodeXmlText, xmlAttribute, xmlAttributes, XmlScanner, type XmlHandler } from './xml-scanner';

/** Records every token; text only inside <t> and <v>, as the workbook readers ask for it. */
class Recorder implements XmlHandler {
  events: string[] = [];
  wantsText = false;
  open(name: string, attributes: string) {
    this.events.push(`<${name}${attributes.trim() ? ` ${JSON.stringify(xmlAttributes(attributes))}` : ''}>`);
    if (name === 't' || name === 'v') this.wantsText = true;
  }
  close(name: string) {
    this.events.push(`</${name}>`);
    if (name === 't' || name === 'v') this.wantsText = false;
  }
  text(text: string) {
    // Text may arrive in pieces; join neighbours so chunking does not show.
    const last = this.events.length - 1;
    if (this.events[last]?.startsWith('"'))
      this.events[last] = JSON.stringify(JSON.parse(this.events[last]!) + text);
    else this.events.push(JSON.stringify(text));
  }
}

const XML =
  '<?xml version="1.0" encoding="UTF-8"?>\n<!-- a comment with <tags> -->' +
  '<sst a="1" b=\'x>y\'><si><t xml:space="preserve"> 台账 &amp; &lt;a&gt; &#x41;&#66; &quot;</t></si>' +
  '<si><v><![CDATA[<raw & text>]]></v></si><empty/>\n  <x:row r="3"/></sst>';

function scan(bytes: Uint8Array, size: number): string[] {
  const recorder = new Recorder();
  const scanner = new XmlScanner(recorder);
  for (let at = 0; at < bytes.length; at += size) scanner.push(bytes.subarray(at, at + size));
  scanner.end();
  return recorder.events;
}

describe('XmlScanner', () => {
  it('reads tags, attributes, entities and CDATA the same however the bytes are cut', () => {
    const bytes = new TextEncoder().encode(XML);
    const whole = scan(bytes, bytes.length);
    expect(whole).toEqual([
      '<sst {"a":"1","b":"x>y"}>',
      '<si>',
      '<t {"xml:space":"preserve"}>',
      '" 台账 & <a> AB \\""',
      '</t>',
      '</si>',
      '<si>',
      '<v>',
      '"<raw & text>"',
      '</v>',
      '</si>',
      '<empty>',
      '</empty>',
      '<x:row {"r":"3"}>',
      '</x:row>',
      '</sst>',
    ]);
    // Every cut, down to one byte at a time (which splits the UTF-8 of 台账 too).
    for (const size of [1, 2, 3, 5, 7, 16, 64]) expect(scan(bytes, size)).toEqual(whole);
  });

  it('refuses input that ends inside a tag', () => {
    const scanner = new XmlScanner(new Recorder());
    scanner.push(new TextEncoder().encode('<a><b attr="1"'));
    expect(() => scanner.end()).toThrow('the XML ends inside a tag');
  });
});

describe('decodeXmlText and xmlAttribute', () => {
  it('decodes the named and numeric entities and keeps impossible ones as written', () => {
    expect(decodeXmlText('a &amp;amp; &#x1F600; &#1114112; &nbsp;')).toBe('a &amp; 😀 &#1114112; &nbsp;');
    expect(xmlAttribute(' r="B7" t="s" s="3"', 't')).toBe('s');
    expect(xmlAttribute(' x:t="s"', 't')).toBeUndefined();
  });
});
