import zlib from 'node:zlib';
import type { IssueFile } from './importer';

/**
 * Reads the issue files (issue.json and *.md) out of a .zip an organiser uploads. A zip of a few Markdown
 * files needs little: the central directory, stored or deflated entries, and limits so that a small upload
 * cannot unpack into something huge. No zip64 and no encryption (an issue folder never needs them).
 */

export class ZipError extends Error {}

/** Limits on what one upload may unpack to. */
export const ZIP_MAX_ENTRIES = 500;
export const ZIP_MAX_TOTAL_BYTES = 8 * 1024 * 1024;

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

const wanted = (name: string) => {
  const parts = name.split('/');
  const base = parts[parts.length - 1];
  return !parts.includes('__MACOSX') && !base.startsWith('._') && (base === 'issue.json' || base.endsWith('.md'));
};

export function unzipIssueFiles(zip: Buffer): IssueFile[] {
  // The end record sits in the last 22 bytes plus a comment of up to 64 KiB.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('这个文件不是 .zip 压缩包，或者已经损坏');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || at === 0xffffffff) throw new ZipError('压缩包太大（zip64），请只打包一期的文件');
  if (count > ZIP_MAX_ENTRIES) throw new ZipError(`压缩包里的文件太多（上限 ${ZIP_MAX_ENTRIES} 个）`);
  const files: IssueFile[] = [];
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw new ZipError('压缩包已经损坏，请重新打包');
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    // bit 11: the name is UTF-8; older Windows tools write the local code page, fine for the ASCII names an issue uses
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString(flags & 0x800 ? 'utf8' : 'latin1');
    at += 46 + skip;
    if (name.endsWith('/') || !wanted(name)) continue;
    if (flags & 0x1) throw new ZipError(`${name}：压缩包加了密码，请不加密重新打包`);
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL_SIGNATURE) throw new ZipError('压缩包已经损坏，请重新打包');
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + compressed);
    total += size;
    if (total > ZIP_MAX_TOTAL_BYTES) throw new ZipError(`压缩包解开后太大（上限 ${ZIP_MAX_TOTAL_BYTES / 1024 / 1024} MB）`);
    let bytes: Buffer;
    try {
      if (method === 0) bytes = data;
      else if (method === 8) bytes = zlib.inflateRawSync(data, { maxOutputLength: Math.max(size, 1) });
      else throw new ZipError(`${name}：不支持的压缩方式，请用常见的“压缩”功能重新打包`);
    } catch (e) {
      if (e instanceof ZipError) throw e;
      throw new ZipError(`${name}：解压失败，压缩包可能已经损坏`);
    }
    if (bytes.length !== size) throw new ZipError(`${name}：解压失败，压缩包可能已经损坏`);
    files.push({ name, text: bytes.toString('utf8').replace(/^\uFEFF/, '') });
  }
  return files;
}
