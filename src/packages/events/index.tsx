import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { EventSummary } from '@contracts/events';
import StateView from '../../components/state-view';
import CoverImage from '../../components/cover-image';
import { useAction } from '../../hooks/useAction';
import { fmtRange } from './util';
import { checkinQueue } from './offline';
import './index.css';
import Screen from '../../components/screen';

type When = 'upcoming' | 'past';
type Scope = 'mine' | 'all';

/** 活动通知: notices and events of my organisation and the levels above it (or everything open to all). */
export default function EventsEntryPage() {
  const [when, setWhen] = useState<When>('upcoming');
  const [scope, setScope] = useState<Scope>('all');
  const list = useAction('event.list', { when, scope });
  // Scans saved without a network are submitted when it returns.
  useEffect(() => checkinQueue.watch(), []);

  return (
    <Screen className="page events">
      <View className="events__tabs">
        <Tab active={when === 'upcoming'} label="即将开始" onClick={() => setWhen('upcoming')} />
        <Tab active={when === 'past'} label="往期活动" onClick={() => setWhen('past')} />
      </View>
      <View className="events__filter">
        <Chip active={scope === 'mine'} label="我的地区" onClick={() => setScope('mine')} />
        <Chip active={scope === 'all'} label="全部" onClick={() => setScope('all')} />
        <Text className="tap-link events__mine-link" onClick={() => Taro.navigateTo({ url: '/packages/events/mine/index' })}>
          我的签到 ›
        </Text>
      </View>
      <StateView
        loading={list.loading && !list.data}
        error={list.error}
        onRetry={list.reload}
        empty={list.data?.items.length === 0}
        emptyText={when === 'upcoming' ? '暂时没有即将开始的活动' : '没有往期活动'}
      >
        {list.data?.items.map((e) => (
          <EventItem key={e.id} e={e} />
        ))}
      </StateView>
    </Screen>
  );
}

function EventItem({ e }: { e: EventSummary }) {
  return (
    <View className="card events__item" onClick={() => Taro.navigateTo({ url: `/packages/events/detail/index?id=${e.id}` })}>
      <CoverImage src={e.cover} ratio={2} placeholder={false} className="events__cover" />
      <View className="events__badges">
        <Text className={`badge events__type events__type--${e.kind}`}>{e.kind === 'notice' ? '通知' : e.type}</Text>
        <Text className="hint">{e.org.name}</Text>
      </View>
      <Text className="card-title events__title">{e.title}</Text>
      <Text className="muted events__when">{fmtRange(e.startsAt, e.endsAt)}</Text>
      {e.kind === 'event' && e.venueName && <Text className="muted events__venue">地点：{e.venueName}</Text>}
      {e.kind === 'event' && (
        <Text className="hint">
          {e.intentCount} 人要参加{e.points ? ` · 签到得 ${e.points} 积分` : ''}
        </Text>
      )}
    </View>
  );
}

function Tab({ active, label, onClick }: { active: boolean; label: string; onClick: () => void }) {
  return (
    <View className={`events__tab ${active ? 'events__tab--on' : ''}`} onClick={onClick}>
      <Text>{label}</Text>
    </View>
  );
}
function Chip({ active, label, onClick }: { active: boolean; label: string; onClick: () => void }) {
  return (
    <View className={`events__chip ${active ? 'events__chip--on' : ''}`} onClick={onClick}>
      <Text>{label}</Text>
    </View>
  );
}
