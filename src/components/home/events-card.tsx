import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useAction } from '../../hooks/useAction';

const DAY = 86400_000;
/** Whole days between two instants, counted on Beijing calendar dates. */
const bjDay = (ms: number) => Math.floor((ms + 8 * 3600_000) / DAY);

/** 首页: the next 5·29 会员活动日 as published, with a countdown; taps through to the event. */
export default function EventsCard() {
  const list = useAction('event.list', { when: 'upcoming', scope: 'all', limit: 50 });
  const memberDays = list.data?.items.filter((e) => e.kind === 'event' && e.type === '会员活动日') ?? [];
  // The 5·29 itself (Beijing date), else any upcoming 会员活动日.
  const next = memberDays.find((e) => new Date(Date.parse(e.startsAt) + 8 * 3600_000).toISOString().slice(5, 10) === '05-29') ?? memberDays[0];
  const now = list.data ? Date.parse(list.data.serverNow) : Date.now();
  const days = next ? bjDay(Date.parse(next.startsAt)) - bjDay(now) : null;
  const d = next ? new Date(Date.parse(next.startsAt) + 8 * 3600_000) : null;
  const url = next ? `/packages/events/detail/index?id=${next.id}` : '/packages/events/index';
  return (
    <View className='card home__countdown home__feature--events' onClick={() => Taro.navigateTo({ url })}>
      <Text className='home__countdown-label'>距 5·29 会员活动日</Text>
      <Text className='home__countdown-days'>{days === null ? '敬请期待' : days <= 0 ? '就是今天！' : `还有 ${days} 天`}</Text>
      {next && d && (
        <Text className='hint'>
          {`${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 · ${next.title}`}
        </Text>
      )}
      <Text className='hint' style={{ display: 'block', marginTop: '8px' }}>
        查看全部活动通知 ›
      </Text>
    </View>
  );
}
