import Taro from '@tarojs/taro';
import { drawPoster, POSTER_H, POSTER_W, type PosterCanvas, type PosterData } from './poster-draw';
import { drawQr } from './poster-code';

/** The code a poster carries: a 小程序码 image (a URL the canvas can load) or the text of an ordinary QR. */
export type PosterCode = { image: string } | { qrText: string } | null;

export { posterDataOf, type PosterData } from './poster-draw';

/** H5: draws on an off-screen <canvas> and returns a PNG data URL (shown, and saved with the download link). */
export function posterDataUrlH5(d: PosterData, code: PosterCode = null): string {
  const canvas = document.createElement('canvas');
  canvas.width = POSTER_W;
  canvas.height = POSTER_H;
  const ctx = canvas.getContext('2d') as PosterCanvas;
  // H5 carries an ordinary QR of the H5 link (a 小程序码 means nothing to a browser's scanner).
  drawPoster(ctx, d, code && 'qrText' in code ? true : undefined);
  if (code && 'qrText' in code) drawQr(ctx, code.qrText);
  return canvas.toDataURL('image/png');
}

/** H5: saves the poster PNG as a file (the browser's download). */
export function downloadPosterH5(dataUrl: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = dataUrl;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** Weapp: draws on the page's <Canvas type='2d' id=…> and returns a temp file path for save / share. */
export async function posterFileWeapp(canvasId: string, d: PosterData, code: PosterCode = null): Promise<string> {
  const node = await new Promise<any>((resolve) =>
    Taro.createSelectorQuery()
      .select(`#${canvasId}`)
      .fields({ node: true, size: true })
      .exec((r) => resolve(r[0]?.node)),
  );
  if (!node) throw new Error('canvas not ready');
  node.width = POSTER_W;
  node.height = POSTER_H;
  const ctx = node.getContext('2d') as PosterCanvas;
  let image: unknown;
  if (code && 'image' in code) {
    // The campaign's 小程序码 (made once on the server); a poster without it is still a poster.
    image = await new Promise((resolve) => {
      const img = node.createImage();
      img.onload = () => resolve(img);
      img.onerror = () => resolve(undefined);
      img.src = code.image;
    });
  }
  drawPoster(ctx, d, image ?? (code && 'qrText' in code ? true : undefined));
  if (!image && code && 'qrText' in code) drawQr(ctx, code.qrText);
  const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas: node } as any);
  return tempFilePath;
}
