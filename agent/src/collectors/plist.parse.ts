// Input: an XML property list (Apple's PropertyList-1.0 DTD), as `plutil -convert xml1`,
// `system_profiler -xml` or a bundle's Info.plist give it:
//   <?xml version="1.0" encoding="UTF-8"?>
//   <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
//   <plist version="1.0">
//   <dict>
//     <key>CFBundleShortVersionString</key>
//     <string>5287</string>
//     <key>lastModified</key>
//     <date>2009-06-27T06:18:49Z</date>
//   </dict>
//   </plist>
// Binary plists (`bplist00…`) are not read here: the agent asks plutil for XML instead.
import { ZhengbanError } from '@zhengban/shared';

/** `<date>`: kept as the ISO text the plist holds (always UTC, `Z`). */
export class PlistDate {
  constructor(readonly iso: string) {}
}

/** `<data>`: kept as base64 with the line breaks removed; callers decode only what they need. */
export class PlistData {
  constructor(readonly base64: string) {}
}

export type PlistValue = string | number | boolean | PlistDate | PlistData | PlistValue[] | PlistDict;
/** A `<dict>`; created without a prototype, so a key such as `__proto__` is just a key. */
export interface PlistDict {
  readonly [key: string]: PlistValue;
}

/** The text is not a well-formed XML property list; `offset` is where reading stopped. */
export class PlistParseError extends ZhengbanError {
  constructor(readonly what: string, readonly offset: number, detail: string) {
    super('E_PLIST', `${what} is not a readable XML property list (at character ${offset}: ${detail})`);
  }
}

/** Real plists nest a few levels; the bound keeps a hostile file from exhausting the stack. */
const MAX_DEPTH = 200;

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Parses the one top-level value of an XML plist. `what` names the input in error messages. */
export function parsePlist(text: string, what = 'property list'): PlistValue {
  const r = new Reader(text, what);
  r.skipProlog();
  let wrapped = false;
  const first = r.peekTag();
  if (first?.name === 'plist') {
    r.openTag('plist');
    wrapped = !first.selfClosing;
    if (!wrapped) throw r.fail('empty <plist/>');
  }
  const value = r.value(0);
  if (wrapped) r.closeTag('plist');
  r.skipMisc();
  if (!r.atEnd()) throw r.fail('text after the top-level value');
  return value;
}

/** Narrowing helpers, so callers read plists without casts. */
export function isDict(v: PlistValue | undefined): v is PlistDict {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof PlistDate) && !(v instanceof PlistData);
}

export function plistString(v: PlistValue | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

interface Tag {
  name: string;
  selfClosing: boolean;
  closing: boolean;
  end: number;
}

class Reader {
  private pos = 0;

  constructor(private readonly text: string, private readonly what: string) {}

  fail(detail: string): PlistParseError {
    return new PlistParseError(this.what, this.pos, detail);
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  /** BOM, XML declaration, DOCTYPE, comments and whitespace before the first element. */
  skipProlog(): void {
    if (this.text.charCodeAt(0) === 0xfeff) this.pos = 1;
    for (;;) {
      this.skipMisc();
      if (this.text.startsWith('<?', this.pos)) this.skipPast('?>');
      else if (this.text.startsWith('<!DOCTYPE', this.pos)) this.skipPast('>');
      else return;
    }
  }

  /** Whitespace and comments. */
  skipMisc(): void {
    for (;;) {
      while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
      if (this.text.startsWith('<!--', this.pos)) this.skipPast('-->');
      else return;
    }
  }

  private skipPast(marker: string): void {
    const at = this.text.indexOf(marker, this.pos);
    if (at < 0) throw this.fail(`unterminated ${marker === '-->' ? 'comment' : 'declaration'}`);
    this.pos = at + marker.length;
  }

  /** The next tag after whitespace and comments, without consuming it. */
  peekTag(): Tag | undefined {
    this.skipMisc();
    if (this.text[this.pos] !== '<') return undefined;
    const end = this.text.indexOf('>', this.pos);
    if (end < 0) throw this.fail('unterminated tag');
    const inner = this.text.slice(this.pos + 1, end);
    const closing = inner.startsWith('/');
    const selfClosing = inner.endsWith('/');
    const name = /^\/?([A-Za-z][\w.-]*)/.exec(inner)?.[1];
    if (!name) throw this.fail(`unreadable tag <${inner.slice(0, 40)}>`);
    return { name, selfClosing, closing, end };
  }

  openTag(name: string): Tag {
    const tag = this.peekTag();
    if (!tag || tag.closing || tag.name !== name) throw this.fail(`expected <${name}>`);
    this.pos = tag.end + 1;
    return tag;
  }

  closeTag(name: string): void {
    const tag = this.peekTag();
    if (!tag || !tag.closing || tag.name !== name) throw this.fail(`expected </${name}>`);
    this.pos = tag.end + 1;
  }

  value(depth: number): PlistValue {
    if (depth > MAX_DEPTH) throw this.fail(`nested deeper than ${MAX_DEPTH} levels`);
    const tag = this.peekTag();
    if (!tag) throw this.fail(this.atEnd() ? 'input ends where a value was expected' : 'text where a value was expected');
    if (tag.closing) throw this.fail(`unexpected </${tag.name}>`);
    this.pos = tag.end + 1;
    switch (tag.name) {
      case 'dict':
        return tag.selfClosing ? Object.create(null) : this.dict(depth);
      case 'array':
        return tag.selfClosing ? [] : this.array(depth);
      case 'true':
      case 'false':
        if (!tag.selfClosing) this.closeTag(tag.name);
        return tag.name === 'true';
      case 'string':
        return tag.selfClosing ? '' : this.textUntil('string');
      case 'integer':
        return this.integer(tag);
      case 'real':
        return this.real(tag);
      case 'date':
        return new PlistDate(tag.selfClosing ? '' : this.textUntil('date').trim());
      case 'data':
        return new PlistData(tag.selfClosing ? '' : this.textUntil('data').replace(/\s+/g, ''));
      default:
        throw this.fail(`unknown element <${tag.name}>`);
    }
  }

  private dict(depth: number): PlistDict {
    const out: Record<string, PlistValue> = Object.create(null);
    for (;;) {
      const tag = this.peekTag();
      if (tag?.closing && tag.name === 'dict') {
        this.pos = tag.end + 1;
        return out;
      }
      if (!tag || tag.name !== 'key' || tag.closing) throw this.fail('expected <key> or </dict>');
      this.pos = tag.end + 1;
      const key = tag.selfClosing ? '' : this.textUntil('key');
      out[key] = this.value(depth + 1);
    }
  }

  private array(depth: number): PlistValue[] {
    const out: PlistValue[] = [];
    for (;;) {
      const tag = this.peekTag();
      if (tag?.closing && tag.name === 'array') {
        this.pos = tag.end + 1;
        return out;
      }
      out.push(this.value(depth + 1));
    }
  }

  private integer(tag: Tag): number {
    const raw = tag.selfClosing ? '' : this.textUntil('integer').trim();
    // Hex (0x…) is allowed by CFPropertyList; values past 2^53 lose precision, as in JavaScript anywhere.
    const n = /^[+-]?0x[0-9a-f]+$/i.test(raw) ? Number.parseInt(raw, 16) : /^[+-]?\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (Number.isNaN(n)) throw this.fail(`<integer> holds ${JSON.stringify(raw.slice(0, 40))}`);
    return n;
  }

  private real(tag: Tag): number {
    const raw = tag.selfClosing ? '' : this.textUntil('real').trim();
    const n = /^[+-]?inf(inity)?$/i.test(raw) ? (raw.startsWith('-') ? -Infinity : Infinity) : Number(raw);
    if (raw === '' || Number.isNaN(n)) {
      if (/^nan$/i.test(raw)) return Number.NaN;
      throw this.fail(`<real> holds ${JSON.stringify(raw.slice(0, 40))}`);
    }
    return n;
  }

  /** Character data up to `</name>`, with entities and CDATA sections decoded. */
  private textUntil(name: string): string {
    let out = '';
    for (;;) {
      const lt = this.text.indexOf('<', this.pos);
      if (lt < 0) throw this.fail(`unterminated <${name}>`);
      out += this.decode(this.text.slice(this.pos, lt));
      this.pos = lt;
      if (this.text.startsWith('<![CDATA[', lt)) {
        const end = this.text.indexOf(']]>', lt);
        if (end < 0) throw this.fail('unterminated CDATA section');
        out += this.text.slice(lt + 9, end);
        this.pos = end + 3;
        continue;
      }
      if (this.text.startsWith('<!--', lt)) {
        this.skipPast('-->');
        continue;
      }
      this.closeTag(name);
      return out;
    }
  }

  private decode(raw: string): string {
    if (!raw.includes('&')) return raw;
    return raw.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);?/g, (whole, ref: string) => {
      if (ref.startsWith('#')) {
        const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
        return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[ref] ?? whole;
    });
  }
}
