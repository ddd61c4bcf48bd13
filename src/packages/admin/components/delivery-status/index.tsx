import { View, Text } from '@tarojs/components';
import { useAction } from '../../../../hooks/useAction';

/**
 * 订阅消息送达: for the class roster and the event's statistics, how many WeChat subscribe messages of each kind
 * were sent, are waiting, or failed and why (notify.admin.status).
 */
export default function DeliveryStatus({ subject }: { subject: { classId: number } | { eventId: number } }) {
  const s = useAction('notify.admin.status', subject);
  if (!s.data) return null;
  const kinds = s.data.kinds;
  const none = kinds.every((k) => k.sent + k.pending + k.failed === 0);
  return (
    <View className="card delivery-status">
      <Text className="card-title">订阅消息送达</Text>
      {none && <Text className="hint">还没有要发给会员的订阅消息（会员同意接收后才会发送）</Text>}
      {!none &&
        kinds.map((k) => (
          <View key={k.kind} className="delivery-status__kind">
            <View className="detail-row">
              <Text className="delivery-status__line">{`${k.label}：已送达 ${k.sent} · 等待 ${k.pending} · 失败 ${k.failed}`}</Text>
            </View>
            {k.failures.map((f) => (
              <View key={f.code}>
                <Text className="hint delivery-status__failure">{`失败原因：${f.message || '发送失败'}（${f.code}）× ${f.count}`}</Text>
              </View>
            ))}
          </View>
        ))}
    </View>
  );
}
