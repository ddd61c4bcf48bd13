import crypto from 'node:crypto';
import { defineAction } from '../context';
import { notFound } from '../../core/errors';
import { CAMPAIGN_CODE_PAGE, campaignCodeInput, campaignScene } from '../../contracts/notify';
import { MEDIA_TYPES, mediaPath } from '../../contracts/media-format';
import { sniffImage } from '../media/sniff';

/**
 * The 小程序码 of a quiz campaign for its share poster: made once with wxacode.getUnlimited (scene "c=<id>", which
 * the quiz page decodes), kept in media storage and remembered by campaign, so later posters reuse it. Without a
 * way to WeChat (H5 hosts, no credentials) or when WeChat refuses, image is null and the client draws an
 * ordinary QR of the H5 link instead.
 */
export const wechatCampaignCode = defineAction({
  name: 'wechat.campaignCode',
  input: campaignCodeInput,
  auth: 'member',
  async handler(ctx, { campaignId }) {
    const campaign = await ctx.store.quiz.getCampaign(campaignId);
    if (!campaign) throw notFound('竞赛');
    const scene = campaignScene(campaignId);
    const answer = { page: CAMPAIGN_CODE_PAGE, scene };
    const key = `campaign:${campaignId}`;
    const cached = await ctx.store.notify.cachedCode(key);
    if (cached) return { image: cached, ...answer };
    if (!ctx.wechat) return { image: null, ...answer };
    let made;
    try {
      made = await ctx.wechat.getUnlimitedCode({ scene, page: CAMPAIGN_CODE_PAGE, width: 280 });
    } catch (e) {
      console.warn('[wechat] getUnlimited unreachable:', (e as Error).message);
      return { image: null, ...answer };
    }
    if (!made.ok) {
      console.warn(`[wechat] getUnlimited refused: ${made.errcode} ${made.errmsg}`);
      return { image: null, ...answer };
    }
    const image = sniffImage(made.image);
    if (!image) return { image: null, ...answer };
    const sha256 = crypto.createHash('sha256').update(made.image).digest('hex');
    await ctx.store.media.put({
      sha256,
      type: MEDIA_TYPES[image.ext],
      data: made.image,
      width: image.width,
      height: image.height,
      memberId: ctx.member.id,
      orgId: null,
      at: ctx.now(),
    });
    return { image: await ctx.store.notify.cacheCode(key, mediaPath(sha256, image.ext), ctx.now()), ...answer };
  },
});
