import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text, Input, Button, Switch, Textarea } from '@tarojs/components';
import type { FormField } from '@contracts/classes';
import { CLASS_TOPICS } from '@contracts/classes-format';
import { useAction } from '../../../hooks/useAction';
import { call, ApiCallError } from '../../../services/api';
import '../../classes/classes.css';

const pad = (n: number) => String(n).padStart(2, '0');
/** ISO instant -> "2026-12-05 10:00" in China time, and back. */
const toLocal = (iso: string) => {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
};
const fromLocal = (s: string): string | null => {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})\s+(\d{1,2}):(\d{2})$/.exec(s.trim());
  if (!m) return null;
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4] - 8, +m[5])).toISOString();
};

const DEFAULT_FIELDS: FormField[] = [
  { id: 'parent_name', label: '家长姓名', type: 'text', required: true },
  { id: 'phone', label: '联系电话', type: 'phone', required: true },
];

/** Publish or edit a class of my organisation (times in China time). */
export default function AdminClassEditPage() {
  const id = Number(useRouter().params.id) || 0;
  const me = useAction('member.me', {});
  const existing = useAction('class.get', { classId: id || 1 }, { enabled: id > 0 });
  const in7 = new Date(Date.now() + 7 * 86400_000);
  in7.setUTCHours(2, 0, 0, 0);
  const [f, setF] = useState({
    title: '', topic: CLASS_TOPICS[0] as string, teacher: '', description: '', venueName: '', venueAddress: '', onlineUrl: '',
    startsAt: toLocal(in7.toISOString()), hours: '2', capacity: '30', ageMin: '', ageMax: '', cancelHours: '24', waitlistOpen: true,
  });
  const [error, setError] = useState('');
  const set = (k: keyof typeof f) => (e: { detail: { value: string | boolean } }) => setF((s) => ({ ...s, [k]: e.detail.value }));

  useEffect(() => {
    const c = id ? existing.data : undefined;
    if (!c) return;
    setF({
      title: c.title, topic: c.topic, teacher: c.teacher, description: c.description, venueName: c.venue?.name ?? '', venueAddress: c.venue?.address ?? '',
      onlineUrl: c.onlineUrl ?? '', startsAt: toLocal(c.startsAt), hours: String((Date.parse(c.endsAt) - Date.parse(c.startsAt)) / 3600_000),
      capacity: String(c.capacity), ageMin: c.ageMin === null ? '' : String(c.ageMin), ageMax: c.ageMax === null ? '' : String(c.ageMax),
      cancelHours: c.cancelHours === null ? '' : String(c.cancelHours), waitlistOpen: c.waitlistOpen,
    });
  }, [existing.data?.id]);

  const save = async () => {
    setError('');
    const startsAt = fromLocal(f.startsAt);
    if (!startsAt) return setError('开课时间请按“2026-12-05 10:00”填写');
    const start = Date.parse(startsAt);
    const num = (s: string) => (s.trim() === '' ? null : Number(s));
    const common = {
      title: f.title.trim(), topic: f.topic, teacher: f.teacher.trim(), description: f.description.trim(),
      venue: f.venueName.trim() ? { name: f.venueName.trim(), address: f.venueAddress.trim(), lat: null, lng: null } : null,
      onlineUrl: f.onlineUrl.trim() || null,
      startsAt, endsAt: new Date(start + (Number(f.hours) || 2) * 3600_000).toISOString(),
      regClosesAt: new Date(start - 3600_000).toISOString(),
      capacity: Number(f.capacity), ageMin: num(f.ageMin), ageMax: num(f.ageMax), cancelHours: num(f.cancelHours), waitlistOpen: f.waitlistOpen,
    };
    try {
      if (id) {
        await call('class.update', { classId: id, ...common }, { loading: '正在保存', quiet: true });
      } else {
        const orgId = me.data?.adminOrgs[0]?.id;
        if (!orgId) return setError('您不是协会管理员');
        await call('class.publish', { orgId, ...common, regOpensAt: new Date(Math.min(Date.now(), start - 7200_000) - 60_000).toISOString(), fields: DEFAULT_FIELDS }, { loading: '正在发布', quiet: true });
      }
      Taro.showToast({ title: id ? '已保存' : '已发布', icon: 'success' });
      setTimeout(() => Taro.navigateBack(), 500);
    } catch (e) {
      setError((e as ApiCallError).message);
    }
  };

  const input = (k: keyof typeof f, label: string, placeholder = '', type: 'text' | 'number' = 'text') => (
    <View className='field'>
      <Text className='field-label'>{label}</Text>
      <Input className='field-input' name={k} type={type} value={String(f[k])} placeholder={placeholder} onInput={set(k)} />
    </View>
  );

  return (
    <View className='page admin-class-edit'>
      <View className='card'>
        {input('title', '课程名称', '如：科学养育——睡眠与喂养')}
        <View className='field'>
          <Text className='field-label'>主题</Text>
          <View className='chips'>
            {CLASS_TOPICS.map((t) => (
              <Text key={t} className={`chip ${f.topic === t ? 'chip--on' : ''}`} onClick={() => setF((s) => ({ ...s, topic: t }))}>
                {t}
              </Text>
            ))}
          </View>
        </View>
        {input('teacher', '授课老师')}
        <View className='field'>
          <Text className='field-label'>简介</Text>
          <Textarea className='field-input' name='description' value={f.description} maxlength={2000} onInput={set('description')} />
        </View>
        {input('venueName', '上课地点', '如：向日葵亲子小屋')}
        {input('venueAddress', '详细地址')}
        {input('onlineUrl', '线上链接（线上课堂填写）', 'https://')}
        {input('startsAt', '开课时间（北京时间）', '2026-12-05 10:00')}
        {input('hours', '时长（小时）', '2', 'number')}
        {input('capacity', '名额', '30', 'number')}
        {input('ageMin', '孩子最小年龄（选填）', '', 'number')}
        {input('ageMax', '孩子最大年龄（选填）', '', 'number')}
        {input('cancelHours', '开课前几小时前可取消（留空 = 不能取消）', '24', 'number')}
        <View className='field row'>
          <Text className='field-label'>满员后开放候补</Text>
          <Switch checked={f.waitlistOpen} onChange={set('waitlistOpen')} color='#c8102e' />
        </View>
        {error && (
          <Text className='field-error'>
            {error}
          </Text>
        )}
        <Button className='btn-primary' onClick={save}>
          {id ? '保存修改' : '发布课堂'}
        </Button>
      </View>
    </View>
  );
}
