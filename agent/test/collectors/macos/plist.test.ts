import { describe, expect, it } from 'vitest';
import { PlistData, PlistDate, PlistParseError, isDict, parsePlist } from '../../../src/collectors/plist.parse.js';
import { glpiFixture } from '../fixtures.js';

const wrap = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n${body}\n</plist>\n`;

describe('parsePlist', () => {
  it('reads every value type', () => {
    const doc = parsePlist(
      wrap(`<dict>
  <key>s</key><string>text</string>
  <key>i</key><integer>-42</integer>
  <key>hex</key><integer>0x1F</integer>
  <key>r</key><real>3.25</real>
  <key>t</key><true/>
  <key>f</key><false/>
  <key>d</key><date>2009-06-27T06:18:49Z</date>
  <key>b</key><data>
    SGVs
    bG8=
  </data>
  <key>a</key><array><string>x</string><integer>1</integer></array>
  <key>e</key><dict/>
  <key>ea</key><array/>
  <key>es</key><string/>
</dict>`),
    );
    expect(isDict(doc)).toBe(true);
    expect(doc).toEqual({
      s: 'text', i: -42, hex: 31, r: 3.25, t: true, f: false,
      d: new PlistDate('2009-06-27T06:18:49Z'), b: new PlistData('SGVsbG8='),
      a: ['x', 1], e: {}, ea: [], es: '',
    });
  });

  it('decodes entities, numeric references, CDATA, and skips comments', () => {
    const doc = parsePlist(
      wrap(`<array><!-- c --><string>&amp;&lt;&gt;&quot;&apos; &#169; &#x4E2D;&#25991; AT&amp;T</string><string><![CDATA[<raw> & ]]>tail</string></array>`),
    );
    expect(doc).toEqual(['&<>"\' © 中文 AT&T', '<raw> & tail']);
  });

  it('keeps non-ASCII text and a key named __proto__ as plain data', () => {
    const doc = parsePlist(wrap('<dict><key>__proto__</key><string>Programme d’installation</string></dict>'));
    expect(isDict(doc) && Object.keys(doc)).toEqual(['__proto__']);
    expect(isDict(doc) && doc['__proto__']).toBe('Programme d’installation');
  });

  it('reads a bare value without <plist> and a BOM', () => {
    expect(parsePlist('\uFEFF<string>x</string>')).toBe('x');
  });

  it('reads the real 10.8 system_profiler recording (GLPI)', () => {
    const doc = parsePlist(glpiFixture('macos/system_profiler/10.8-system_profiler_SPApplicationsDataType_-xml.example.xml'));
    expect(Array.isArray(doc)).toBe(true);
    const first = (doc as unknown[])[0];
    expect(isDict(first as never) && (first as Record<string, unknown>)['_dataType']).toBe('SPApplicationsDataType');
  });

  it.each([
    ['truncated', wrap('<dict><key>a</key><string>b').slice(0, -20)],
    ['unknown element', wrap('<dict><key>a</key><blob>b</blob></dict>')],
    ['value without key', wrap('<dict><string>b</string></dict>')],
    ['bad integer', wrap('<integer>12a</integer>')],
    ['text after the value', `${wrap('<string>a</string>')}<string>b</string>`],
    ['empty input', ''],
    ['not XML', 'bplist00\u0000\u0001'],
    ['mismatched close', wrap('<array><string>a</string></dict>')],
  ])('throws E_PLIST for %s', (_what, text) => {
    expect(() => parsePlist(text, 'sample')).toThrow(PlistParseError);
    try {
      parsePlist(text, 'sample');
    } catch (err) {
      expect((err as PlistParseError).code).toBe('E_PLIST');
      expect((err as Error).message).toMatch(/^sample is not a readable XML property list/);
    }
  });

  it('refuses nesting deeper than it can safely follow', () => {
    const deep = `${'<array>'.repeat(500)}${'</array>'.repeat(500)}`;
    expect(() => parsePlist(deep)).toThrow(/nested deeper/);
  });
});
