/**
 * Bytes → text. Detects the encoding (UTF-8 with or without BOM, UTF-16 LE/BE by BOM or by the
 * pattern of NUL bytes, Windows-1252 when the bytes are not valid UTF-8) and refuses binary data.
 * Pure: no I/O, so the HTTP API can use it on request bodies.
 */

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type Decoded =
  | { ok: true; text: string; encoding: Encoding; bom: boolean; /** set when a fallback was guessed */ guessed: boolean }
  | { ok: false; problem: 'binary' | 'empty'; detail: string };

const SAMPLE = 64 * 1024;

const utf8Fatal = new TextDecoder('utf-8', { fatal: true });
const utf16le = new TextDecoder('utf-16le');
const utf16be = new TextDecoder('utf-16be');

/**
 * Windows-1252 bytes 0x80–0x9F (Node's TextDecoder reads them as Latin-1 C1 controls, so the curly
 * quotes and dashes of Windows text would be lost); undefined bytes keep their C1 code point.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];
const C1 = /[\x80-\x9f]/g;

/** Decodes Windows-1252 (a superset of Latin-1's printable range). */
export function decodeCp1252(buf: Uint8Array): string {
  const latin1 = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('latin1');
  return latin1.replace(C1, (c) => String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80]));
}

/**
 * UTF-16 without a BOM: ASCII-range text has a NUL in every other byte. Returns the byte order when
 * at least 30 % of the even (BE) or odd (LE) bytes of the sample are NUL and almost none of the others.
 */
export function sniffUtf16(buf: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(buf.length, SAMPLE) & ~1;
  if (n < 4) return null;
  let even = 0, odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) even++;
    if (buf[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd >= pairs * 0.3 && even <= pairs * 0.02) return 'utf-16le';
  if (even >= pairs * 0.3 && odd <= pairs * 0.02) return 'utf-16be';
  return null;
}

/** Share of C0 control bytes other than tab, LF, VT, FF, CR and ESC in the sample; NUL counted apart. */
function controlStats(buf: Uint8Array): { nul: number; ctrl: number; n: number } {
  const n = Math.min(buf.length, SAMPLE);
  let nul = 0, ctrl = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b === 0) nul++;
    else if (b < 0x20 && b !== 9 && b !== 10 && b !== 11 && b !== 12 && b !== 13 && b !== 27) ctrl++;
    else if (b === 0x7f) ctrl++;
  }
  return { nul, ctrl, n };
}

/** Control characters in decoded text (UTF-16 input is checked after decoding). */
function textControlShare(text: string): number {
  const n = Math.min(text.length, SAMPLE);
  if (!n) return 0;
  let ctrl = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 11 && c !== 12 && c !== 13) || c === 0x7f) ctrl++;
  }
  return ctrl / n;
}

/** More than this share of control bytes makes an input binary. */
export const MAX_CONTROL_SHARE = 0.02;

export function decodeBytes(buf: Uint8Array): Decoded {
  // byte order marks
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return finish(buf, 'utf-8', true);
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return finish16(buf, 'utf-16le', true);
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return finish16(buf, 'utf-16be', true);

  const st = controlStats(buf);
  if (st.nul > 0) {
    const bo = sniffUtf16(buf);
    if (bo) return finish16(buf, bo, false);
    return { ok: false, problem: 'binary', detail: `${st.nul} NUL byte(s) in the first ${st.n} bytes and no UTF-16 pattern` };
  }
  if (st.n && st.ctrl / st.n > MAX_CONTROL_SHARE) {
    return { ok: false, problem: 'binary', detail: `${st.ctrl} control byte(s) in the first ${st.n} bytes` };
  }
  return finish(buf, 'utf-8', false);
}

function finish(buf: Uint8Array, _enc: 'utf-8', bom: boolean): Decoded {
  let text: string;
  let encoding: Encoding = 'utf-8';
  let guessed = false;
  try {
    text = utf8Fatal.decode(buf); // strips a BOM
  } catch {
    text = decodeCp1252(buf);
    encoding = 'windows-1252';
    guessed = true;
  }
  return checkText(text, encoding, bom, guessed);
}

function finish16(buf: Uint8Array, enc: 'utf-16le' | 'utf-16be', bom: boolean): Decoded {
  const text = (enc === 'utf-16le' ? utf16le : utf16be).decode(buf); // strips a BOM
  if (textControlShare(text) > MAX_CONTROL_SHARE) {
    return { ok: false, problem: 'binary', detail: `decoded as ${enc.toUpperCase()}, the text is mostly control characters` };
  }
  return checkText(text, enc, bom, !bom);
}

function checkText(text: string, encoding: Encoding, bom: boolean, guessed: boolean): Decoded {
  if (!/\S/.test(text)) return { ok: false, problem: 'empty', detail: text.length ? 'only whitespace' : 'no bytes' };
  return { ok: true, text, encoding, bom, guessed };
}
