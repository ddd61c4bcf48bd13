import Taro from '@tarojs/taro';
import { drawPoster, POSTER_H, POSTER_W, type PosterCanvas, type PosterData } from './poster-draw';

export { posterDataOf, type PosterData } from './poster-draw';

/** H5: draws on an off-screen <canvas> and returns a PNG data URL (shown, and saved with the download link). */
export function posterDataUrlH5(d: PosterData): string {
  const canvas = document.createElement('canvas');
  canvas.width = POSTER_W;
  canvas.height = POSTER_H;
  drawPoster(canvas.getContext('2d') as PosterCanvas, d);
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
export async function posterFileWeapp(canvasId: string, d: PosterData): Promise<string> {
  const node = await new Promise<any>((resolve) =>
    Taro.createSelectorQuery().select(`#${canvasId}`).fields({ node: true, size: true }).exec((r) => resolve(r[0]?.node)),
  );
  if (!node) throw new Error('canvas not ready');
  node.width = POSTER_W;
  node.height = POSTER_H;
  drawPoster(node.getContext('2d') as PosterCanvas, d);
  const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas: node } as any);
  return tempFilePath;
}
