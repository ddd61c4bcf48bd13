import Taro from '@tarojs/taro';

/** Lets the admin choose an .xlsx or .csv file; resolves with its name and base64 content. */
export function pickBankFile(): Promise<{ fileName: string; content: string } | null> {
  if (process.env.TARO_ENV === 'h5') {
    return new Promise((resolve) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = '.xlsx,.csv';
      input.className = 'admin-quiz-file';
      input.style.display = 'none';
      document.body.appendChild(input);
      input.onchange = () => {
        const file = input.files?.[0];
        input.remove();
        if (!file) return resolve(null);
        const reader = new FileReader();
        reader.onload = () => resolve({ fileName: file.name, content: String(reader.result).split(',')[1] ?? '' });
        reader.onerror = () => resolve(null);
        reader.readAsDataURL(file);
      };
      input.click();
    });
  }
  return Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] }).then((r) => {
    const f = r.tempFiles[0];
    const content = Taro.getFileSystemManager().readFileSync(f.path, 'base64') as string;
    return { fileName: f.name, content };
  });
}
