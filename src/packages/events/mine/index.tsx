import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import StateView from '../../../components/state-view';
import { useAction } from '../../../hooks/useAction';
import { fmtDateTime } from '../util';
import { checkinQueue } from '../offline';
import '../index.css';
import Screen from '../../../components/screen';

/** 我的签到: every check-in of mine, newest first, and scans still waiting for a network. */
export default function MyCheckinsPage() {
  const list = useAction('event.myCheckins', {});
  const waiting = checkinQueue.list();
  return (
    <Screen className="page events">
      {waiting.length > 0 && (
        <View className="card">
          <Text className="card-title">等待联网提交（{waiting.length}）</Text>
          {waiting.map((q) => (
            <Text key={q.eventId} className="muted" style={{ display: 'block' }}>
              扫码时间 {fmtDateTime(q.scannedAt)}
            </Text>
          ))}
        </View>
      )}
      <StateView loading={list.loading && !list.data} error={list.error} onRetry={list.reload} empty={list.data?.items.length === 0} emptyText="还没有签到记录">
        {list.data?.items.map((c) => (
          <View key={c.eventId} className="card events__item" onClick={() => Taro.navigateTo({ url: `/packages/events/detail/index?id=${c.eventId}` })}>
            <Text className="card-title events__title">{c.title}</Text>
            <Text className="muted" style={{ display: 'block' }}>
              签到时间：{fmtDateTime(c.checkedInAt)}
            </Text>
            <View className="events__badges">
              {c.offline ? <Text className="badge">离线签到</Text> : <Text className="hint">现场签到</Text>}
              <Text className={c.voided ? 'hint' : 'link'}>{c.voided ? '已作废' : c.points ? `+${c.points} 积分` : '有效'}</Text>
            </View>
          </View>
        ))}
      </StateView>
    </Screen>
  );
}
