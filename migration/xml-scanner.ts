// A small pull scanner for the XML parts of an XLSX (workbook, relationships, shared strings, sheets): tags, their
// attributes on demand, and text with its character references decoded. It keeps no tree and makes no object per
// token, which is what makes a 5,000-row sheet cheap to read (migration/xlsx-rows.ts). Element names are local
// names (a namespace prefix such as x: is dropped); comments, processing instructions and a document type
// declaration are passed over; CDATA is text. It checks what makes a document unreadable — a tag left open, a
// closing tag that does not match, text or a second element outside the root — and throws XmlSyntaxError for it.

export class XmlSyntaxError extends Error {}

export const OPEN = 1;
export const CLOSE = 2;
export const TEXT = 3;
export const END = 0;
export type Token = typeof OPEN | typeof CLOSE | typeof TEXT | typeof END;

const LT = 60;
const GT = 62;
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const REFERENCE = /&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g;

/** Character and entity references decoded (&amp; &#20013; &#x4E2D;). */
export function decodeXmlText(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(REFERENCE, (_, ref: string) => {
    if (ref.charCodeAt(0) !== 35) return NAMED[ref]!;
    const code = ref.charCodeAt(1) === 120 ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    if (code > 0x10ffff) throw new XmlSyntaxError(`character reference out of range: ${ref}`);
    return String.fromCodePoint(code);
  });
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

export class XmlScanner {
  /** the current tag's local name (OPEN, CLOSE) */
  name = '';
  /** the current OPEN tag closes itself (<c r="A1"/>): no CLOSE follows */
  selfClosing = false;
  /** the current TEXT, decoded */
  text = '';
  private pos = 0;
  private attrFrom = 0;
  private attrTo = 0;
  private readonly open: string[] = [];
  private rootSeen = false;

  constructor(private readonly xml: string) {
    if (xml.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  next(): Token {
    const xml = this.xml;
    for (;;) {
      const at = this.pos;
      if (at >= xml.length) {
        if (this.open.length) throw new XmlSyntaxError(`<${this.open[this.open.length - 1]}> is never closed`);
        if (!this.rootSeen) throw new XmlSyntaxError('no root element');
        return END;
      }
      if (xml.charCodeAt(at) !== LT) {
        let lt = xml.indexOf('<', at);
        if (lt < 0) lt = xml.length;
        this.pos = lt;
        const raw = xml.slice(at, lt);
        if (!this.open.length) {
          if (raw.trim()) throw new XmlSyntaxError('text outside the root element');
          continue;
        }
        this.text = decodeXmlText(raw);
        return TEXT;
      }
      const c = xml.charCodeAt(at + 1);
      if (c === BANG) {
        if (xml.startsWith('<!--', at)) {
          this.pos = this.after('-->', at + 4);
          continue;
        }
        if (xml.startsWith('<![CDATA[', at)) {
          const end = this.after(']]>', at + 9);
          this.text = xml.slice(at + 9, end - 3);
          if (!this.open.length) throw new XmlSyntaxError('CDATA outside the root element');
          return TEXT;
        }
        // <!DOCTYPE …> with or without an internal subset: passed over, nothing in it is used
        const bracket = xml.indexOf('[', at);
        const close = xml.indexOf('>', at);
        this.pos = bracket >= 0 && bracket < close ? this.after(']', bracket) : at;
        this.pos = this.after('>', this.pos);
        continue;
      }
      if (c === QUESTION) {
        this.pos = this.after('?>', at + 2);
        continue;
      }
      if (c === SLASH) {
        const gt = xml.indexOf('>', at);
        if (gt < 0) throw new XmlSyntaxError('a closing tag is cut short');
        const qname = xml.slice(at + 2, gt).trimEnd();
        const expected = this.open.pop();
        if (expected !== qname) throw new XmlSyntaxError(`</${qname}> does not close <${expected ?? ''}>`);
        this.name = localName(qname);
        this.pos = gt + 1;
        return CLOSE;
      }
      // an opening tag: its name, then attributes up to the '>' that is not inside a quoted value
      let i = at + 1;
      const n = xml.length;
      while (i < n) {
        const ch = xml.charCodeAt(i);
        if (isSpace(ch) || ch === SLASH || ch === GT) break;
        i++;
      }
      const qname = xml.slice(at + 1, i);
      if (!qname) throw new XmlSyntaxError('a tag without a name');
      this.attrFrom = i;
      let quote = 0;
      while (i < n) {
        const ch = xml.charCodeAt(i);
        if (quote) {
          if (ch === quote) quote = 0;
        } else if (ch === 34 || ch === 39) quote = ch;
        else if (ch === GT) break;
        else if (ch === LT) throw new XmlSyntaxError(`<${qname}> is cut short`);
        i++;
      }
      if (i >= n) throw new XmlSyntaxError(`<${qname}> is cut short`);
      this.selfClosing = xml.charCodeAt(i - 1) === SLASH;
      this.attrTo = this.selfClosing ? i - 1 : i;
      this.pos = i + 1;
      if (!this.open.length) {
        if (this.rootSeen) throw new XmlSyntaxError('a second root element');
        this.rootSeen = true;
      }
      if (!this.selfClosing) this.open.push(qname);
      this.name = localName(qname);
      return OPEN;
    }
  }

  /** An attribute of the current OPEN tag by its name as written (r, t, ref, r:id), decoded; undefined when absent. */
  attr(name: string): string | undefined {
    const xml = this.xml;
    let i = this.attrFrom;
    const to = this.attrTo;
    while (i < to) {
      while (i < to && isSpace(xml.charCodeAt(i))) i++;
      const eq = xml.indexOf('=', i);
      if (eq < 0 || eq >= to) return undefined;
      const key = xml.slice(i, eq).trim();
      let q = eq + 1;
      while (q < to && isSpace(xml.charCodeAt(q))) q++;
      const quote = xml.charCodeAt(q);
      if (quote !== 34 && quote !== 39) throw new XmlSyntaxError(`attribute ${key} without quotes`);
      const end = xml.indexOf(quote === 34 ? '"' : "'", q + 1);
      if (end < 0 || end >= to) throw new XmlSyntaxError(`attribute ${key} is cut short`);
      if (key === name) return decodeXmlText(xml.slice(q + 1, end));
      i = end + 1;
    }
    return undefined;
  }

  /** An attribute of the current OPEN tag by its local name under whatever prefix it has (r:id, x:id…). */
  prefixedAttr(local: string): string | undefined {
    const m = new RegExp(`\\s[\\w.-]+:${local}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(this.xml.slice(this.attrFrom, this.attrTo));
    return m ? decodeXmlText(m[2] ?? m[3] ?? '') : undefined;
  }

  private after(marker: string, from: number): number {
    const i = this.xml.indexOf(marker, from);
    if (i < 0) throw new XmlSyntaxError(`${marker} missing`);
    return i + marker.length;
  }
}

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}
