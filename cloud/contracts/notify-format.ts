/** WeChat values the client needs at run time, kept free of zod so they can ship in the weapp bundle. */

/** The `scene` of a campaign's 小程序码 (at most 32 characters, WeChat's rule), and its inverse for the page. */
export const campaignScene = (campaignId: number) => `c=${campaignId}`;
export function campaignIdOfScene(scene: string | undefined): number | null {
  if (!scene) return null;
  let s = scene;
  try {
    s = decodeURIComponent(scene);
  } catch {
    return null;
  }
  const m = /^c=(\d{1,9})$/.exec(s);
  return m ? Number(m[1]) : null;
}
export const CAMPAIGN_CODE_PAGE = 'packages/quiz/index';
