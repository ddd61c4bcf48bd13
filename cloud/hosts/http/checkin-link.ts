import type { FastifyInstance } from 'fastify';
import { checkinLinkParts } from '../../contracts/events-shared';

/** Where a check-in link lands in a browser: the H5 check-in page (hash router), the link itself in `q` as WeChat passes it. */
export const h5CheckinPage = (eventId: number, link: string) => `/#/packages/events/detail/index?id=${eventId}&q=${encodeURIComponent(link)}`;

/**
 * GET /c/<event>/<window>/<signature>: the rotating 大屏 QR holds this link (CHECKIN_LINK_BASE). WeChat's scanner opens
 * the mini-program with it (扫普通链接二维码打开小程序); any other scanner opens it here, and the member goes on to
 * the H5 check-in page, which verifies it with the server like the in-app scanner.
 */
export function registerCheckinLinkRoute(server: FastifyInstance): void {
  server.get('/c/*', async (req, reply) => {
    const link = `${req.protocol}://${req.host}${req.url}`;
    const parts = checkinLinkParts(link);
    if (!parts) return reply.code(404).type('text/plain; charset=utf-8').send('这不是有效的签到链接，请扫描现场大屏上的二维码');
    return reply.header('cache-control', 'no-store').redirect(h5CheckinPage(parts.eventId, link), 302);
  });
}
