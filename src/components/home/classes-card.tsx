import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { classTime, seatLine } from '@contracts/classes-format';
import { useAction } from '../../hooks/useAction';
import './classes-card.css';

/** 首页: 家长课堂 near me (my organisation's area), the next three. */
export default function ClassesHomeCard() {
  const near = useAction('class.list', { where: 'area' });
  const list = (near.data?.classes ?? []).slice(0, 3);
  return (
    <View className="card home__feature home__feature--classes" onClick={() => Taro.navigateTo({ url: '/packages/classes/index' })}>
      <Text className="card-title">家长课堂 · 附近的课堂</Text>
      {list.length === 0 && <Text className="muted">{near.loading ? '正在加载…' : '科学养育、亲子沟通，就近报名向日葵亲子小屋课堂'}</Text>}
      {list.map((c) => (
        <View
          key={c.id}
          className="classes-home__item"
          onClick={(e) => {
            e.stopPropagation();
            Taro.navigateTo({ url: `/packages/classes/detail?id=${c.id}` });
          }}
        >
          <Text className="classes-home__title">{c.title}</Text>
          <Text className="muted">
            {classTime(c.startsAt)} · {seatLine(c)}
          </Text>
        </View>
      ))}
    </View>
  );
}
