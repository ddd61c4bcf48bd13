import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Picker } from '@tarojs/components';
import { CLASS_TOPICS } from '@contracts/classes-format';
import StateView from '../../components/state-view';
import { useAction } from '../../hooks/useAction';
import ClassCard from './components/class-card';
import ClassesTabs from './tabs';
import { cardData } from './util';
import './classes.css';
import Screen from '../../components/screen';

const WHERE = [
  { key: 'all', label: '全部' },
  { key: 'org', label: '本单位' },
  { key: 'area', label: '本地区' },
] as const;

/** 家长课堂: upcoming classes first, filtered by my organisation / area, topic and date. */
export default function ClassesPage() {
  const [where, setWhere] = useState<'all' | 'org' | 'area'>('all');
  const [topic, setTopic] = useState<string>('');
  const [date, setDate] = useState<string>('');
  const list = useAction('class.list', { where, ...(topic ? { topic } : {}), ...(date ? { date } : {}) });
  const classes = list.data?.classes ?? [];

  return (
    <Screen className="page classes">
      <ClassesTabs on="index" />
      <View className="chips">
        {WHERE.map((w) => (
          <Text key={w.key} className={`chip ${where === w.key ? 'chip--on' : ''}`} onClick={() => setWhere(w.key)}>
            {w.label}
          </Text>
        ))}
        <Picker mode="date" value={date || new Date().toISOString().slice(0, 10)} onChange={(e) => setDate(e.detail.value)}>
          <Text className={`chip ${date ? 'chip--on' : ''}`}>{date ? `日期 ${date}` : '按日期'}</Text>
        </Picker>
        {date && (
          <Text className="chip" onClick={() => setDate('')}>
            清除日期
          </Text>
        )}
      </View>
      <View className="chips">
        <Text className={`chip ${topic === '' ? 'chip--on' : ''}`} onClick={() => setTopic('')}>
          全部主题
        </Text>
        {CLASS_TOPICS.map((t) => (
          <Text key={t} className={`chip ${topic === t ? 'chip--on' : ''}`} onClick={() => setTopic(t)}>
            {t}
          </Text>
        ))}
      </View>
      <StateView loading={list.loading && !list.data} error={list.error} onRetry={list.reload} empty={classes.length === 0} emptyText="没有符合条件的课堂">
        {classes.map((c) => (
          <ClassCard key={c.id} cls={cardData(c)} onOpen={(id) => Taro.navigateTo({ url: `/packages/classes/detail?id=${id}` })} />
        ))}
      </StateView>
    </Screen>
  );
}
