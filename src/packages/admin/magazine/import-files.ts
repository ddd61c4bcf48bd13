import Taro from '@tarojs/taro';

/** What an organiser picked to import: the files of issue folders, or one .zip. */
export type PickedIssue = { kind: 'files'; files: { name: string; text: string }[] } | { kind: 'zip'; name: string; zipBase64: string };

/** The JSON API takes at most 64 KB a request; this leaves room for the envelope. */
export const IMPORT_MAX_BYTES = 62 * 1024;

const wanted = (name: string) => /\.(md|json)$/i.test(name);
const isZip = (name: string) => /\.zip$/i.test(name);

/** UTF-8 size of a request body. */
export function payloadBytes(p: unknown): number {
  const s = JSON.stringify(p);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3;
  }
  return n;
}

const base64OfDataUrl = (url: string) => url.slice(url.indexOf(',') + 1);

function readH5(file: File, as: 'text' | 'base64'): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(as === 'text' ? String(reader.result) : base64OfDataUrl(String(reader.result)));
    reader.onerror = () => reject(reader.error);
    if (as === 'text') reader.readAsText(file, 'utf-8');
    else reader.readAsDataURL(file);
  });
}

/**
 * Lets the organiser choose an issue folder (H5), several files, or a .zip, and reads them, reporting
 * progress as (files read, files to read). Resolves null when nothing usable was chosen.
 */
export async function pickIssueFiles(mode: 'files' | 'folder', onProgress: (done: number, total: number) => void): Promise<PickedIssue | null> {
  let chosen: { name: string; read: (as: 'text' | 'base64') => Promise<string> }[] = [];
  if (process.env.TARO_ENV === 'h5') {
    const files = await new Promise<File[]>((resolve) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.multiple = true;
      if (mode === 'folder') input.setAttribute('webkitdirectory', '');
      else input.accept = '.md,.json,.zip';
      input.style.display = 'none';
      document.body.appendChild(input);
      input.onchange = () => {
        resolve(Array.from(input.files ?? []));
        input.remove();
      };
      input.click();
    });
    chosen = files.map((f) => ({ name: f.webkitRelativePath || f.name, read: (as) => readH5(f, as) }));
  } else {
    const r = await Taro.chooseMessageFile({ count: 100, type: 'file', extension: ['md', 'json', 'zip'] });
    const fsm = Taro.getFileSystemManager();
    chosen = r.tempFiles.map((f) => ({ name: f.name, read: async (as) => fsm.readFileSync(f.path, as === 'text' ? 'utf8' : 'base64') as string }));
  }
  const zip = chosen.find((f) => isZip(f.name));
  if (zip) {
    onProgress(0, 1);
    const zipBase64 = await zip.read('base64');
    onProgress(1, 1);
    return { kind: 'zip', name: zip.name, zipBase64 };
  }
  const texts = chosen.filter((f) => wanted(f.name));
  if (texts.length === 0) return null;
  const files: { name: string; text: string }[] = [];
  for (const f of texts) {
    files.push({ name: f.name, text: (await f.read('text')).replace(/^\uFEFF/, '') });
    onProgress(files.length, texts.length);
  }
  return { kind: 'files', files };
}
