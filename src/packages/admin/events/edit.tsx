import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text, Input, Textarea, Switch, Button } from '@tarojs/components';
import { EVENT_TYPES, type EventType } from '@contracts/events-shared';
import OrgPicker from '../../../components/org-picker';
import { useMember } from '../../../hooks/useMember';
import { call, ApiCallError } from '../../../services/api';
import { fromBjInput, toBjInput } from './time';
import CoverPicker from '../components/media/cover-picker';
import InsertImageButton from '../components/media/insert-image';
import { checkVenue, fixed6, gcj02ToWgs84 } from './venue';
import './index.css';

interface Form {
  kind: 'event' | 'notice';
  type: EventType;
  title: string;
  cover: string;
  body: string;
  startsAt: string;
  endsAt: string;
  checkinOpensAt: string;
  checkinClosesAt: string;
  venueName: string;
  venueAddress: string;
  lat: string;
  lng: string;
  radius: string;
  locationRequired: boolean;
  points: string;
  audience: 'org' | 'all';
}

function defaults(): Form {
  const start = Math.ceil(Date.now() / 3600_000) * 3600_000;
  return {
    kind: 'event', type: '会员活动日', title: '', cover: '', body: '',
    startsAt: toBjInput(new Date(start).toISOString()), endsAt: toBjInput(new Date(start + 3 * 3600_000).toISOString()),
    checkinOpensAt: '', checkinClosesAt: '', venueName: '', venueAddress: '', lat: '', lng: '', radius: '500',
    locationRequired: false, points: '10', audience: 'org',
  };
}

/** 发布 / 编辑 an event or notice. Times are Beijing time, "2027-05-29 09:00". */
export default function AdminEventEditPage() {
  const id = Number(useRouter().params.id ?? 0);
  const { member } = useMember();
  const [f, setF] = useState<Form>(defaults);
  const [org, setOrg] = useState<{ id: string; name: string } | null>(null);
  const [picking, setPicking] = useState(false);
  const [error, setError] = useState('');
  const [venueMsg, setVenueMsg] = useState<{ error: boolean; text: string; field?: string } | null>(null);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((x) => ({ ...x, [k]: v }));

  useEffect(() => {
    if (!org && member?.adminOrgs[0]) setOrg(member.adminOrgs[0]);
  }, [member?.id]);
  useEffect(() => {
    if (!id) return;
    call('event.get', { id }, { quiet: true }).then((e) => {
      setOrg(e.org);
      setF({
        kind: e.kind, type: e.type, title: e.title, cover: e.cover ?? '', body: e.body,
        startsAt: toBjInput(e.startsAt), endsAt: toBjInput(e.endsAt), checkinOpensAt: toBjInput(e.checkinOpensAt), checkinClosesAt: toBjInput(e.checkinClosesAt),
        venueName: e.venue.name, venueAddress: e.venue.address, lat: e.venue.lat === null ? '' : String(e.venue.lat), lng: e.venue.lng === null ? '' : String(e.venue.lng),
        radius: String(e.venue.radius), locationRequired: e.locationRequired, points: String(e.points), audience: e.audience,
      });
    }, (e: ApiCallError) => setError(e.message));
  }, [id]);

  const save = async (draft: boolean) => {
    setError('');
    const startsAt = fromBjInput(f.startsAt);
    const endsAt = fromBjInput(f.endsAt);
    if (!startsAt || !endsAt) return setError('时间请按“2027-05-29 09:00”的格式填写');
    const opens = f.checkinOpensAt.trim() ? fromBjInput(f.checkinOpensAt) : undefined;
    const closes = f.checkinClosesAt.trim() ? fromBjInput(f.checkinClosesAt) : undefined;
    if (opens === null || closes === null) return setError('签到时间请按“2027-05-29 08:30”的格式填写');
    const venue = f.kind === 'event' ? checkVenue(f) : { ok: true as const, lat: null, lng: null, radius: 500 };
    if (!venue.ok) {
      setVenueMsg({ error: true, text: venue.message, field: venue.field });
      return setError(venue.message);
    }
    const fields = {
      kind: f.kind, type: f.type, title: f.title.trim(), cover: f.cover.trim() || null, body: f.body,
      startsAt, endsAt, ...(opens ? { checkinOpensAt: opens } : {}), ...(closes ? { checkinClosesAt: closes } : {}),
      venue: { name: f.venueName.trim(), address: f.venueAddress.trim(), lat: venue.lat, lng: venue.lng, radius: venue.radius },
      locationRequired: f.locationRequired, points: Number(f.points) || 0, audience: f.audience,
    };
    try {
      if (id) await call('event.update', { id, ...fields }, { loading: '正在保存', quiet: true });
      else {
        if (!org) return setError('请选择发布单位');
        await call('event.publish', { orgId: org.id, draft, ...fields }, { loading: draft ? '正在保存' : '正在发布', quiet: true });
      }
      Taro.showToast({ title: id ? '已保存' : draft ? '已存为草稿' : '已发布', icon: 'success' });
      setTimeout(() => Taro.navigateBack(), 600);
    } catch (e) {
      setError((e as ApiCallError).message);
    }
  };

  /** 使用当前位置: WeChat's map picker on weapp (the admin can move the pin), the device position on H5. */
  const useHere = async () => {
    setVenueMsg(null);
    try {
      if (process.env.TARO_ENV === 'weapp') {
        const r = await Taro.chooseLocation({});
        const w = gcj02ToWgs84(r.latitude, r.longitude); // the map answers in GCJ-02; phones check in with WGS84
        setF((x) => ({ ...x, lat: fixed6(w.lat), lng: fixed6(w.lng), venueName: x.venueName || r.name || '', venueAddress: x.venueAddress || r.address || '' }));
        setVenueMsg({ error: false, text: `已选定位置：${r.name || r.address || '地图上的点'}` });
      } else {
        const r = await Promise.race([
          Taro.getLocation({ type: 'wgs84', isHighAccuracy: true }),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 15_000)),
        ]);
        setF((x) => ({ ...x, lat: fixed6(r.latitude), lng: fixed6(r.longitude) }));
        setVenueMsg({ error: false, text: `已填入当前位置${r.accuracy ? `（精度约 ${Math.round(r.accuracy)} 米）` : ''}，请确认您正在活动现场` });
      }
    } catch (e) {
      if (/cancel/i.test((e as { errMsg?: string })?.errMsg ?? '')) return; // closed the map
      setVenueMsg({ error: true, text: '没能获取当前位置：请允许使用位置信息后重试，或直接填写纬度和经度' });
    }
  };

  if (picking)
    return (
      <View className='page'>
        <Text className='card-title'>选择发布单位</Text>
        <OrgPicker onPick={(o) => (setOrg(o), setPicking(false))} />
        <Button className='btn-plain' style={{ marginTop: '24px' }} onClick={() => setPicking(false)}>
          取消
        </Button>
      </View>
    );

  const text = (k: keyof Form, label: string, placeholder = '', type: 'text' | 'digit' = 'text') => (
    <View className='field'>
      <Text className='field-label'>{label}</Text>
      <Input className='field-input' name={k} type={type} value={String(f[k])} placeholder={placeholder} onInput={(e) => set(k, e.detail.value as never)} />
    </View>
  );
  const chips = <T extends string>(k: keyof Form, options: readonly T[], labels?: Record<string, string>) => (
    <View className='aform__chips'>
      {options.map((o) => (
        <Text key={o} className={`aform__chip ${f[k] === o ? 'aform__chip--on' : ''}`} onClick={() => set(k, o as never)}>
          {labels?.[o] ?? o}
        </Text>
      ))}
    </View>
  );

  return (
    <View className='page'>
      <View className='card'>
        <View className='field'>
          <Text className='field-label'>发布单位</Text>
          <View className='row'>
            <Text>{org?.name ?? '未选择'}</Text>
            {!id && (
              <Text className='link' onClick={() => setPicking(true)}>
                更换 ›
              </Text>
            )}
          </View>
        </View>
        <View className='field'>
          <Text className='field-label'>类别</Text>
          {chips('kind', ['event', 'notice'] as const, { event: '活动（可签到）', notice: '通知' })}
        </View>
        <View className='field'>
          <Text className='field-label'>类型</Text>
          {chips('type', EVENT_TYPES)}
        </View>
        {text('title', '标题', '如：2027年“5·29会员活动日”')}
        {text('startsAt', '开始时间（北京时间）', '2027-05-29 09:00')}
        {text('endsAt', '结束时间', '2027-05-29 12:00')}
        <View className='field'>
          <Text className='field-label'>面向</Text>
          {chips('audience', ['org', 'all'] as const, { org: '本单位及下级会员', all: '所有会员' })}
        </View>
      </View>
      {f.kind === 'event' && (
        <View className='card'>
          {text('venueName', '活动地点', '如：新华广场')}
          {text('venueAddress', '详细地址')}
          <View className='field'>
            <Text className='field-label'>纬度 / 经度（WGS84，定位签到时必填）</Text>
            <View className='aform__pair'>
              <Input className='field-input' name='lat' type='digit' value={f.lat} placeholder='纬度 40.8175' onInput={(e) => set('lat', e.detail.value)} />
              <Input className='field-input' name='lng' type='digit' value={f.lng} placeholder='经度 111.6708' onInput={(e) => set('lng', e.detail.value)} />
            </View>
            <Button className='btn-plain aform__here' onClick={useHere}>
              {process.env.TARO_ENV === 'weapp' ? '使用当前位置（在地图上选点）' : '使用当前位置'}
            </Button>
            {venueMsg && venueMsg.field !== 'radius' && <Text className={venueMsg.error ? 'field-error aform__venue-msg' : 'hint aform__venue-msg'}>{venueMsg.text}</Text>}
          </View>
          {text('radius', '签到范围（米）', '500', 'digit')}
          {venueMsg?.field === 'radius' && <Text className='field-error aform__venue-msg'>{venueMsg.text}</Text>}
          <View className='field row'>
            <Text>要求在现场定位签到</Text>
            <Switch checked={f.locationRequired} color='#c8102e' onChange={(e) => set('locationRequired', e.detail.value)} />
          </View>
          {text('checkinOpensAt', '签到开始（留空：活动开始前 1 小时）', '2027-05-29 08:00')}
          {text('checkinClosesAt', '签到截止（留空：活动结束时）', '2027-05-29 12:00')}
          {text('points', '签到积分', '10', 'digit')}
        </View>
      )}
      <View className='card'>
        <CoverPicker value={f.cover || null} onChange={(url) => set('cover', url ?? '')} />
        <View className='field'>
          <Text className='field-label'>正文（支持 Markdown：## 标题、- 列表、**加粗**、![](图片地址)）</Text>
          <InsertImageButton onInsert={(md) => setF((x) => ({ ...x, body: `${x.body.trimEnd()}${x.body.trim() ? '\n\n' : ''}${md}\n\n` }))} />
          <Textarea className='aform__textarea' name='body' value={f.body} maxlength={20000} onInput={(e) => set('body', e.detail.value)} />
        </View>
      </View>
      {error && <Text className='field-error'>{error}</Text>}
      <Button className='btn-primary' style={{ marginTop: '24px' }} onClick={() => save(false)}>
        {id ? '保存' : '发布'}
      </Button>
      {!id && (
        <Button className='btn-plain' style={{ marginTop: '16px' }} onClick={() => save(true)}>
          存为草稿
        </Button>
      )}
    </View>
  );
}
