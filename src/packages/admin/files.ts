import Taro from '@tarojs/taro';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Saves a file an admin action answered with (base64 content; .xlsx unless a type is given): H5 downloads it;
 * the mini-program writes it and opens it (with 转发/保存 in the menu).
 */
export async function saveFile(f: { fileName: string; content: string; mimeType?: string }) {
  if (process.env.TARO_ENV === 'h5') {
    const bytes = Uint8Array.from(atob(f.content), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: f.mimeType ?? XLSX_MIME }));
    const a = document.createElement('a');
    a.href = url;
    a.download = f.fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return;
  }
  const filePath = `${(Taro as any).env.USER_DATA_PATH}/${f.fileName}`;
  Taro.getFileSystemManager().writeFileSync(filePath, f.content, 'base64');
  await Taro.openDocument({ filePath, fileType: f.fileName.endsWith('.csv') ? undefined : 'xlsx', showMenu: true } as never);
}
