import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';

const TABS = [
  { key: 'index', label: '课堂' },
  { key: 'mine', label: '我的报名' },
  { key: 'messages', label: '消息' },
];

export default function ClassesTabs({ on }: { on: string }) {
  return (
    <View className="classes-tabs">
      {TABS.map((t) => (
        <Text
          key={t.key}
          className={`classes-tab ${on === t.key ? 'classes-tab--on' : ''}`}
          onClick={() => on !== t.key && Taro.redirectTo({ url: `/packages/classes/${t.key}` })}
        >
          {t.label}
        </Text>
      ))}
    </View>
  );
}
