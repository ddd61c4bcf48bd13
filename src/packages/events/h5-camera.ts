import jsQR from 'jsqr';

/**
 * H5 only: reads the organiser's QR code with the phone's camera. The video stream
 * (navigator.mediaDevices.getUserMedia) is drawn to a canvas a few times a second and each frame is
 * decoded with jsQR. The detail page loads this module with a dynamic import inside a
 * `process.env.TARO_ENV === 'h5'` branch, so neither it nor jsqr reaches the weapp build (there
 * Taro.scanCode does the job).
 */
export type CameraScanResult =
  { ok: true; text: string; scannedAt: string } | { ok: false; reason: 'unsupported' | 'denied' | 'nocamera' | 'cancelled' | 'error'; message: string };

const TYPE_INSTEAD = '请输入现场大屏上的 6 位签到码';
export const CAMERA_MESSAGES = {
  unsupported: `这个浏览器不能用摄像头扫码，${TYPE_INSTEAD}`,
  denied: `没有得到使用摄像头的允许，${TYPE_INSTEAD}（如要扫码，请在浏览器设置里允许本网站使用摄像头）`,
  nocamera: `没有找到可用的摄像头，${TYPE_INSTEAD}`,
  error: `摄像头打开失败，${TYPE_INSTEAD}`,
  cancelled: '',
} as const;

export function cameraAvailable(): boolean {
  return typeof navigator !== 'undefined' && !!navigator.mediaDevices && typeof navigator.mediaDevices.getUserMedia === 'function';
}

function failure(reason: Exclude<CameraScanResult, { ok: true }>['reason']): CameraScanResult {
  return { ok: false, reason, message: CAMERA_MESSAGES[reason] };
}

function reasonOf(e: unknown): 'denied' | 'nocamera' | 'error' {
  const name = (e as { name?: string })?.name ?? '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError' || name === 'DevicesNotFoundError') return 'nocamera';
  return 'error';
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, style: Partial<CSSStyleDeclaration>, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  Object.assign(node.style, style);
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * Opens a full-screen camera view until a QR code that `check` accepts is seen (check returns null
 * for a good payload, or a message to show for another QR code), or the member cancels.
 */
export async function scanWithCamera(check: (text: string) => string | null): Promise<CameraScanResult> {
  if (!cameraAvailable()) return failure('unsupported');
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
  } catch (e) {
    return failure(reasonOf(e));
  }

  const overlay = el(
    'div',
    {
      position: 'fixed',
      inset: '0',
      zIndex: '10000',
      background: '#000',
      display: 'flex',
      flexDirection: 'column',
      alignItems: 'center',
      justifyContent: 'center',
    },
    'camera-scan',
  );
  const video = el('video', { width: '100%', maxHeight: '70vh', objectFit: 'contain' }, 'camera-scan__video');
  video.setAttribute('playsinline', 'true');
  video.muted = true;
  const tip = el('div', { color: '#fff', fontSize: '18px', margin: '16px', textAlign: 'center' }, 'camera-scan__tip', '请把现场大屏上的二维码放在画面中间');
  const msg = el('div', { color: '#ffcf5c', fontSize: '17px', minHeight: '24px', margin: '0 16px', textAlign: 'center' }, 'camera-scan__msg');
  const cancel = el(
    'button',
    { marginTop: '20px', padding: '12px 28px', fontSize: '18px', borderRadius: '8px', border: '0', background: '#fff', color: '#333' },
    'camera-scan__cancel',
    '取消，改为输入签到码',
  );
  overlay.append(video, tip, msg, cancel);
  document.body.appendChild(overlay);

  const canvas = document.createElement('canvas');
  const g = canvas.getContext('2d', { willReadFrequently: true });

  return new Promise<CameraScanResult>((resolve) => {
    let done = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (r: CameraScanResult) => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      stream.getTracks().forEach((t) => t.stop());
      overlay.remove();
      resolve(r);
    };
    cancel.onclick = () => finish(failure('cancelled'));

    const tick = () => {
      if (done) return;
      const w = video.videoWidth;
      const h = video.videoHeight;
      if (g && w && h) {
        // At most 640 px wide: enough for a QR on a screen, and quick to decode on a phone.
        const scale = Math.min(1, 640 / w);
        canvas.width = Math.round(w * scale);
        canvas.height = Math.round(h * scale);
        g.drawImage(video, 0, 0, canvas.width, canvas.height);
        const img = g.getImageData(0, 0, canvas.width, canvas.height);
        const found = jsQR(img.data, img.width, img.height, { inversionAttempts: 'attemptBoth' });
        if (found?.data) {
          const problem = check(found.data);
          if (problem === null) return finish({ ok: true, text: found.data.trim(), scannedAt: new Date().toISOString() });
          msg.textContent = problem;
        }
      }
      timer = setTimeout(tick, 150);
    };

    video.srcObject = stream;
    video.play().then(tick, (e) => finish(failure(reasonOf(e))));
  });
}
