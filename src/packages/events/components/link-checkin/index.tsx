import { useEffect, useRef, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { checkinLinkOf } from '../../checkin-link';

export interface LinkCheckinProps {
  /** The page's options: WeChat's 扫普通链接二维码打开小程序 puts the scanned link in `q` (URI-encoded) and `scancode_time`. */
  options: Record<string, string | undefined>;
  /** The event the page shows, once loaded (null while loading). */
  eventId: number | null;
  /** Already checked in: the link is not used again. */
  done?: boolean;
  /** Checks in with the link as the scanned code (the page's own submit: location, offline queue, verification on the server). */
  onLink: (link: string, scannedAt: string) => Promise<unknown> | void;
}

/**
 * The check-in page opened from a 大屏 link (WeChat's scanner, or a browser via GET /c/…): decodes `q` and checks in
 * once, exactly as a scan inside the app would. Renders a line only while that happens, or when the link is not one.
 */
export default function LinkCheckin(p: LinkCheckinProps) {
  const [link] = useState(() => checkinLinkOf(p.options));
  const used = useRef(false);
  const [state, setState] = useState<'idle' | 'working' | 'sent'>('idle');
  const hasQ = !!p.options.q;
  const { eventId, done, onLink } = p;
  useEffect(() => {
    // Once per page: the page's submit changes identity on every render.
    if (!link || used.current || eventId === null || done || link.eventId !== eventId) return;
    used.current = true;
    setState('working');
    Promise.resolve(onLink(link.link, link.scannedAt)).finally(() => setState('sent'));
  }, [link, eventId, done, onLink]);
  if (hasQ && !link) return <Text className="checkin__error link-checkin__bad">这不是有效的签到链接，请扫描现场大屏上的二维码</Text>;
  if (link && p.eventId !== null && link.eventId !== p.eventId)
    return <Text className="checkin__error link-checkin__other">这是另一场活动的签到码，请扫描本场活动大屏上的二维码</Text>;
  if (state === 'working')
    return (
      <View className="link-checkin">
        <Text className="link-checkin__working">正在用扫到的签到码签到…</Text>
      </View>
    );
  return null;
}
