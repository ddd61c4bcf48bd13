import fs from 'node:fs';
import path from 'node:path';
import { sniffImage } from '../../cloud/features/media/sniff';
import { pngImage } from '../support/images';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../fixtures/media', name));

function riff(chunk: string, body: number[]): Buffer {
  const b = Buffer.alloc(40);
  b.write('RIFF', 0, 'latin1');
  b.writeUInt32LE(32, 4);
  b.write('WEBP', 8, 'latin1');
  b.write(chunk, 12, 'latin1');
  b.writeUInt32LE(20, 16);
  Buffer.from(body).copy(b, 20);
  return b;
}

test('PNG, JPEG and WebP are recognised by their bytes, with their dimensions', () => {
  expect(sniffImage(pngImage(321, 123))).toEqual({ ext: 'png', width: 321, height: 123 });
  expect(sniffImage(fixture('cover-96x54.jpg'))).toEqual({ ext: 'jpg', width: 96, height: 54 });
  expect(sniffImage(fixture('cover-64x32.webp'))).toEqual({ ext: 'webp', width: 64, height: 32 });
  // Lossy (VP8) and lossless (VP8L) WebP headers.
  expect(sniffImage(riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, 200, 0, 100, 0]))).toEqual({ ext: 'webp', width: 200, height: 100 });
  expect(sniffImage(riff('VP8L', [0x2f, 99, 64, 12, 0]))).toEqual({ ext: 'webp', width: 100, height: 50 });
});

test('anything else is not an image we keep', () => {
  expect(sniffImage(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'latin1'))).toBeNull();
  expect(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
  expect(sniffImage(Buffer.from('这不是图片'))).toBeNull();
  expect(sniffImage(Buffer.alloc(0))).toBeNull();
  // Truncated headers.
  expect(sniffImage(pngImage(10, 10).subarray(0, 20))).toBeNull();
  expect(sniffImage(fixture('cover-96x54.jpg').subarray(0, 40))).toBeNull();
  expect(sniffImage(riff('VP8 ', [0, 0, 0, 0, 0, 0, 1, 0, 1, 0]))).toBeNull();
  // Zero or absurd dimensions (a decompression bomb for a phone).
  const zero = pngImage(1, 1);
  zero.writeUInt32BE(0, 16);
  expect(sniffImage(zero)).toBeNull();
  const huge = pngImage(1, 1);
  huge.writeUInt32BE(100_000, 16);
  expect(sniffImage(huge)).toBeNull();
});
