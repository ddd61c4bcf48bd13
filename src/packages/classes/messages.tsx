import { View, Text } from '@tarojs/components';
import StateView from '../../components/state-view';
import { useAction } from '../../hooks/useAction';
import ClassesTabs from './tabs';
import './classes.css';
import Screen from '../../components/screen';

/** 消息:候补递补 and 上课提醒 notices. Opening the list marks them read. */
export default function ClassMessagesPage() {
  const msgs = useAction('class.messages', { markRead: true });
  const list = msgs.data?.messages ?? [];
  return (
    <Screen className="page classes-messages">
      <ClassesTabs on="messages" />
      <StateView loading={msgs.loading && !msgs.data} error={msgs.error} onRetry={msgs.reload} empty={list.length === 0} emptyText="暂时没有消息">
        <View className="card">
          {list.map((m) => (
            <View key={m.id} className="msg">
              <Text className={`msg-title ${m.readAt ? '' : 'msg-unread'}`}>{m.title}</Text>
              <Text className="detail-row">{m.body}</Text>
              <Text className="hint">{new Date(m.createdAt).toLocaleString('zh-CN', { hour12: false })}</Text>
            </View>
          ))}
        </View>
      </StateView>
    </Screen>
  );
}
