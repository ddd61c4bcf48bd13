import { useRef, useState, type ChangeEvent } from 'react';
import { ACCEPT_ATTR, UploadError, UPLOAD_MESSAGES, pickAndUploadWeapp, uploadFileH5, type UploadHooks } from './upload';

const IS_H5 = process.env.TARO_ENV === 'h5';

/**
 * Choose → downscale → upload, with progress, a local preview and a Chinese error. On H5 a real
 * <input type=file> (rendered by the caller as `input`) opens the picker; on weapp chooseMedia does.
 */
export function useImageUpload(onUploaded: (url: string) => void, inputName = 'image-file') {
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState('');
  const [preview, setPreview] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);

  const run = async (job: (hooks: UploadHooks) => Promise<string>) => {
    setError('');
    setProgress(0);
    try {
      const url = await job({ onProgress: setProgress, onPreview: setPreview });
      setProgress(100);
      onUploaded(url);
    } catch (e) {
      setPreview('');
      setError(e instanceof UploadError ? e.message : UPLOAD_MESSAGES.network);
    } finally {
      setProgress(null);
    }
  };

  const choose = () => {
    if (progress !== null) return;
    if (IS_H5) inputRef.current?.click();
    else void run(pickAndUploadWeapp);
  };

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = ''; // choosing the same file again fires change again
    if (file) void run((hooks) => uploadFileH5(file, hooks));
  };

  const input = IS_H5 ? <input ref={inputRef} className="media-file-input" type="file" name={inputName} accept={ACCEPT_ATTR} onChange={onFile} /> : null;
  return { choose, input, progress, uploading: progress !== null, error, preview, clearPreview: () => setPreview('') };
}
