import type { MediaExt } from '../../contracts/media-format';

export interface SniffedImage {
  ext: MediaExt;
  width: number;
  height: number;
}

/**
 * What an upload really is, from its bytes (never from the Content-Type or file name): JPEG, PNG or
 * WebP with readable dimensions, or null. SVG and everything else are refused: an image served
 * from our origin must not be able to run script.
 */
export function sniffImage(b: Uint8Array): SniffedImage | null {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  if (buf.length >= 24 && buf.subarray(0, 8).equals(PNG_SIGNATURE) && buf.toString('latin1', 12, 16) === 'IHDR') {
    return sized('png', buf.readUInt32BE(16), buf.readUInt32BE(20));
  }
  if (buf.length >= 4 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return jpeg(buf);
  if (buf.length >= 30 && buf.toString('latin1', 0, 4) === 'RIFF' && buf.toString('latin1', 8, 12) === 'WEBP') return webp(buf);
  return null;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Beyond this an image is a decompression bomb for a phone, not a cover. */
const MAX_SIDE = 16384;

function sized(ext: MediaExt, width: number, height: number): SniffedImage | null {
  if (!(width > 0 && height > 0 && width <= MAX_SIDE && height <= MAX_SIDE)) return null;
  return { ext, width, height };
}

/** Walks the JPEG segments to the first start-of-frame marker, which carries the dimensions. */
function jpeg(buf: Buffer): SniffedImage | null {
  let i = 2;
  while (i + 9 < buf.length) {
    if (buf[i] !== 0xff) return null;
    const marker = buf[i + 1];
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2; // markers without a length
      continue;
    }
    const len = buf.readUInt16BE(i + 2);
    if (len < 2) return null;
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) return sized('jpg', buf.readUInt16BE(i + 7), buf.readUInt16BE(i + 5));
    if (marker === 0xda || marker === 0xd9) return null; // image data before any frame header
    i += 2 + len;
  }
  return null;
}

function webp(buf: Buffer): SniffedImage | null {
  const chunk = buf.toString('latin1', 12, 16);
  if (chunk === 'VP8 ') {
    if (buf[23] !== 0x9d || buf[24] !== 0x01 || buf[25] !== 0x2a) return null;
    return sized('webp', buf.readUInt16LE(26) & 0x3fff, buf.readUInt16LE(28) & 0x3fff);
  }
  if (chunk === 'VP8L') {
    if (buf[20] !== 0x2f) return null;
    const [b0, b1, b2, b3] = [buf[21], buf[22], buf[23], buf[24]];
    return sized('webp', 1 + (((b1 & 0x3f) << 8) | b0), 1 + (((b3 & 0x0f) << 10) | (b2 << 2) | ((b1 & 0xc0) >> 6)));
  }
  if (chunk === 'VP8X') return sized('webp', 1 + buf.readUIntLE(24, 3), 1 + buf.readUIntLE(27, 3));
  return null;
}
