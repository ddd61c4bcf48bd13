import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useAction } from '../../hooks/useAction';
import { beijingDate, beijingDayNumber, nextMemberDay } from '../../utils/memberDay';

const dateText = (ms: number) => {
  const d = beijingDate(ms);
  return `${d.y}年${d.m}月${d.d}日`;
};

/**
 * 首页: a countdown to the next 5·29 会员活动日 (the published event when there is one, else the date itself),
 * then the next upcoming events. Taps go to the event, or to the list.
 */
export default function EventsCard() {
  const list = useAction('event.list', { when: 'upcoming', scope: 'all', limit: 50 });
  const now = list.data ? Date.parse(list.data.serverNow) : Date.now();
  const events = list.data?.items.filter((e) => e.kind === 'event') ?? [];
  const target = nextMemberDay(now);
  // The published 5·29 event of the coming member day, if any.
  const memberDay = events.find((e) => {
    const d = beijingDate(Date.parse(e.startsAt));
    return e.type === '会员活动日' && d.m === 5 && d.d === 29 && d.y === target.year;
  });
  const days = memberDay ? beijingDayNumber(Date.parse(memberDay.startsAt)) - beijingDayNumber(now) : target.days;
  const others = events.filter((e) => e !== memberDay).slice(0, 2);
  const go = (url: string) => Taro.navigateTo({ url });
  return (
    <View
      className="card home__countdown home__feature--events"
      onClick={() => go(memberDay ? `/packages/events/detail/index?id=${memberDay.id}` : '/packages/events/index')}
    >
      <Text className="home__countdown-label">距 5·29 会员活动日</Text>
      <Text className="home__countdown-days">{days <= 0 ? '就是今天！' : `还有 ${days} 天`}</Text>
      <Text className="hint" style={{ display: 'block' }}>
        {memberDay ? `${dateText(Date.parse(memberDay.startsAt))} · ${memberDay.title}` : `${target.year}年5月29日`}
      </Text>
      {others.map((e) => (
        <View
          key={e.id}
          className="home__event"
          onClick={(ev) => {
            ev.stopPropagation();
            go(`/packages/events/detail/index?id=${e.id}`);
          }}
        >
          <Text className="home__event-title">{e.title}</Text>
          <Text className="hint">{`${dateText(Date.parse(e.startsAt))} · ${e.org.name}`}</Text>
        </View>
      ))}
      <View
        className="home__all-events"
        role="link"
        onClick={(ev) => {
          ev.stopPropagation();
          go('/packages/events/index');
        }}
      >
        <Text>查看全部活动通知 ›</Text>
      </View>
    </View>
  );
}
