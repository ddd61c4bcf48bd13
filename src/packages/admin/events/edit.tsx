import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text, Input, Button } from '@tarojs/components';
import { EVENT_TYPES, type EventType } from '@contracts/events-shared';
import { EVENT_FIELD_LABELS as L, readableRefusal } from '@contracts/field-labels';
import OrgPicker from '../../../components/org-picker';
import { useMember } from '../../../hooks/useMember';
import { call, ApiCallError } from '../../../services/api';
import { fromChinaTime, toChinaTime } from '../components/form/datetime';
import DateTimeField from '../components/form/date-time-field';
import MarkdownField from '../components/form/markdown-field';
import { Field, FormError } from '../components/form/field';
import CoverPicker from '../components/media/cover-picker';
import InsertImageButton from '../components/media/insert-image';
import { checkVenue, fixed6, gcj02ToWgs84 } from './venue';
import './index.css';
import Screen from '../../../components/screen';

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
    kind: 'event',
    type: '会员活动日',
    title: '',
    cover: '',
    body: '',
    startsAt: toChinaTime(new Date(start).toISOString()),
    endsAt: toChinaTime(new Date(start + 3 * 3600_000).toISOString()),
    checkinOpensAt: '',
    checkinClosesAt: '',
    venueName: '',
    venueAddress: '',
    lat: '',
    lng: '',
    radius: '500',
    locationRequired: false,
    points: '10',
    audience: 'org',
  };
}

/** Errors by payload path ("title", "venue.radius"), each shown under its field; '' for the form as a whole. */
type Errors = Record<string, string>;

/** 发布 / 编辑 an event or notice. Times are picked in Beijing time. */
export default function AdminEventEditPage() {
  const id = Number(useRouter().params.id ?? 0);
  const { member } = useMember();
  const [f, setF] = useState<Form>(defaults);
  const [org, setOrg] = useState<{ id: string; name: string } | null>(null);
  const [picking, setPicking] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [venueMsg, setVenueMsg] = useState<{ error: boolean; text: string } | null>(null);
  const fail = (field: string, text: string) => setErrors({ [field]: text });
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((x) => ({ ...x, [k]: v }));

  useEffect(() => {
    if (!org && member?.adminOrgs[0]) setOrg(member.adminOrgs[0]);
    // Once per signed-in member: a later org change is the organiser's own pick and must stay.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [member?.id]);
  useEffect(() => {
    if (!id) return;
    call('event.get', { id }, { quiet: true }).then(
      (e) => {
        setOrg(e.org);
        setF({
          kind: e.kind,
          type: e.type,
          title: e.title,
          cover: e.cover ?? '',
          body: e.body,
          startsAt: toChinaTime(e.startsAt),
          endsAt: toChinaTime(e.endsAt),
          checkinOpensAt: toChinaTime(e.checkinOpensAt),
          checkinClosesAt: toChinaTime(e.checkinClosesAt),
          venueName: e.venue.name,
          venueAddress: e.venue.address,
          lat: e.venue.lat === null ? '' : String(e.venue.lat),
          lng: e.venue.lng === null ? '' : String(e.venue.lng),
          radius: String(e.venue.radius),
          locationRequired: e.locationRequired,
          points: String(e.points),
          audience: e.audience,
        });
      },
      (e: ApiCallError) => fail('', e.message),
    );
  }, [id]);

  /** Every problem the form can see before sending, by field. */
  const check = (): { errors: Errors; startsAt: string | null; endsAt: string | null; opens?: string; closes?: string } => {
    const e: Errors = {};
    const title = f.title.trim();
    if (!title) e.title = '请填写标题';
    else if (title.length < 2) e.title = '标题至少 2 个字';
    else if (title.length > 60) e.title = '标题最多 60 个字';
    const startsAt = fromChinaTime(f.startsAt);
    const endsAt = fromChinaTime(f.endsAt);
    if (!startsAt) e.startsAt = '请选择开始日期和时间';
    if (!endsAt) e.endsAt = '请选择结束日期和时间';
    if (startsAt && endsAt && endsAt <= startsAt) e.endsAt = '结束时间须晚于开始时间';
    const opens = f.checkinOpensAt ? (fromChinaTime(f.checkinOpensAt) ?? undefined) : undefined;
    const closes = f.checkinClosesAt ? (fromChinaTime(f.checkinClosesAt) ?? undefined) : undefined;
    if (opens && closes && closes <= opens) e.checkinClosesAt = '签到截止须晚于签到开始';
    if (f.kind === 'event' && !/^\d+$/.test(f.points.trim() || '0')) e.points = '签到积分请填写 0 到 1000 之间的整数';
    else if (Number(f.points) > 1000) e.points = '签到积分最多 1000';
    return { errors: e, startsAt, endsAt, opens, closes };
  };

  const save = async (draft: boolean) => {
    const { errors: problems, startsAt, endsAt, opens, closes } = check();
    const venue = f.kind === 'event' ? checkVenue(f) : { ok: true as const, lat: null, lng: null, radius: 500 };
    if (!venue.ok) problems[`venue.${venue.field}`] = venue.message;
    if (!id && !org) problems.orgId = '请选择发布单位';
    setErrors(problems);
    setVenueMsg(null);
    if (Object.keys(problems).length || !startsAt || !endsAt || !venue.ok) {
      Taro.showToast({ title: '请按红字修改', icon: 'none' });
      return;
    }
    const fields = {
      kind: f.kind,
      type: f.type,
      title: f.title.trim(),
      cover: f.cover.trim() || null,
      body: f.body,
      startsAt,
      endsAt,
      ...(opens ? { checkinOpensAt: opens } : {}),
      ...(closes ? { checkinClosesAt: closes } : {}),
      venue: { name: f.venueName.trim(), address: f.venueAddress.trim(), lat: venue.lat, lng: venue.lng, radius: venue.radius },
      locationRequired: f.locationRequired,
      points: Number(f.points) || 0,
      audience: f.audience,
    };
    try {
      if (id) await call('event.admin.update', { id, ...fields }, { loading: '正在保存', quiet: true });
      else await call('event.admin.publish', { orgId: org!.id, draft, ...fields }, { loading: draft ? '正在保存' : '正在发布', quiet: true });
      Taro.showToast({ title: id ? '已保存' : draft ? '已存为草稿' : '已发布', icon: 'success' });
      setTimeout(() => Taro.navigateBack(), 600);
    } catch (e) {
      const r = readableRefusal(L, (e as ApiCallError).message, (e as ApiCallError).field);
      fail(r.field ?? '', r.text);
    }
  };

  /** 使用当前位置: WeChat's map picker on weapp (the admin can move the pin), the device position on H5. */
  const useHere = async () => {
    setVenueMsg(null);
    try {
      if (process.env.TARO_ENV === 'weapp') {
        const r = await Taro.chooseLocation({});
        const w = gcj02ToWgs84(r.latitude, r.longitude); // the map answers in GCJ-02; phones check in with WGS84
        setF((x) => ({
          ...x,
          lat: fixed6(w.lat),
          lng: fixed6(w.lng),
          venueName: x.venueName || r.name || '',
          venueAddress: x.venueAddress || r.address || '',
        }));
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
      <Screen className="page">
        <Text className="card-title">选择发布单位</Text>
        <OrgPicker onPick={(o) => (setOrg(o), setPicking(false))} />
        <Button className="btn-plain" style={{ marginTop: '24px' }} onClick={() => setPicking(false)}>
          取消
        </Button>
      </Screen>
    );

  /** A text field; `path` is the payload path its errors come back under. */
  const text = (k: keyof Form, label: string, placeholder = '', type: 'text' | 'digit' = 'text', path: string = k, hint?: string) => (
    <Field name={path} label={label} error={errors[path]} hint={hint}>
      <Input
        className="field-input"
        name={k}
        nativeProps={{ 'aria-label': label }}
        type={type}
        value={String(f[k])}
        placeholder={placeholder}
        onInput={(e) => set(k, e.detail.value as never)}
      />
    </Field>
  );
  const time = (k: 'startsAt' | 'endsAt' | 'checkinOpensAt' | 'checkinClosesAt', label: string, emptyText?: string) => (
    <DateTimeField
      name={k}
      label={label}
      value={f[k]}
      onChange={(v) => set(k, v)}
      error={errors[k]}
      emptyText={emptyText}
      defaultTime={k === 'startsAt' ? '09:00' : undefined}
    />
  );
  const chips = <T extends string>(k: keyof Form, options: readonly T[], labels?: Record<string, string>) => (
    <View className="aform__chips">
      {options.map((o) => (
        <Text key={o} className={`aform__chip ${f[k] === o ? 'aform__chip--on' : ''}`} onClick={() => set(k, o as never)}>
          {labels?.[o] ?? o}
        </Text>
      ))}
    </View>
  );

  return (
    <Screen className="page aform">
      <View className="card">
        <Field name="orgId" label={L.orgId} error={errors.orgId}>
          <View className="row">
            <Text>{org?.name ?? '未选择'}</Text>
            {!id && (
              <Text className="link aform__link" onClick={() => setPicking(true)}>
                更换 ›
              </Text>
            )}
          </View>
        </Field>
        <Field name="kind" label={L.kind}>
          {chips('kind', ['event', 'notice'] as const, { event: '活动（可签到）', notice: '通知' })}
        </Field>
        <Field name="type" label={L.type} error={errors.type}>
          {chips('type', EVENT_TYPES)}
        </Field>
        {text('title', L.title, '如：2027年“5·29会员活动日”')}
        {time('startsAt', `${L.startsAt}（北京时间）`)}
        {time('endsAt', L.endsAt)}
        <Field name="audience" label={L.audience}>
          {chips('audience', ['org', 'all'] as const, { org: '本单位及下级会员', all: '所有会员' })}
        </Field>
      </View>
      {f.kind === 'event' && (
        <View className="card">
          {text('venueName', L['venue.name'], '如：新华广场', 'text', 'venue.name')}
          {text('venueAddress', L['venue.address'], '', 'text', 'venue.address')}
          <Field name="venue.lat" label={`${L['venue.lat']} / ${L['venue.lng']}（WGS84，定位签到时必填）`} error={errors['venue.lat'] ?? errors['venue.lng']}>
            <View className="aform__pair">
              <Input
                className="field-input"
                name="lat"
                type="digit"
                value={f.lat}
                placeholder="纬度 40.8175"
                nativeProps={{ 'aria-label': L['venue.lat'] }}
                onInput={(e) => set('lat', e.detail.value)}
              />
              <Input
                className="field-input"
                name="lng"
                type="digit"
                value={f.lng}
                placeholder="经度 111.6708"
                nativeProps={{ 'aria-label': L['venue.lng'] }}
                onInput={(e) => set('lng', e.detail.value)}
              />
            </View>
            <Button className="btn-plain aform__here" onClick={useHere}>
              {process.env.TARO_ENV === 'weapp' ? '使用当前位置（在地图上选点）' : '使用当前位置'}
            </Button>
            {venueMsg && <Text className={venueMsg.error ? 'field-error aform__venue-msg' : 'hint aform__venue-msg'}>{venueMsg.text}</Text>}
          </Field>
          {text('radius', `${L['venue.radius']}（米）`, '500', 'digit', 'venue.radius')}
          <Field name="locationRequired" label="要求在现场定位签到">
            <View className="aform__chips">
              {[true, false].map((on) => (
                <Button
                  key={String(on)}
                  className={`aform__chip ${f.locationRequired === on ? 'aform__chip--on' : ''}`}
                  onClick={() => set('locationRequired', on)}
                >
                  {on ? '要求定位（须在签到范围内）' : '不要求'}
                </Button>
              ))}
            </View>
          </Field>
          {time('checkinOpensAt', L.checkinOpensAt, '留空：活动开始前 1 小时开始签到')}
          {time('checkinClosesAt', L.checkinClosesAt, '留空：活动结束时截止')}
          {text('points', L.points, '10', 'digit')}
        </View>
      )}
      <View className="card">
        <CoverPicker value={f.cover || null} onChange={(url) => set('cover', url ?? '')} />
        {errors.cover && <Text className="field-error">{errors.cover}</Text>}
        <MarkdownField
          name="body"
          label={L.body}
          value={f.body}
          maxlength={20000}
          error={errors.body}
          onChange={(v) => set('body', v)}
          tools={<InsertImageButton onInsert={(md) => setF((x) => ({ ...x, body: `${x.body.trimEnd()}${x.body.trim() ? '\n\n' : ''}${md}\n\n` }))} />}
        />
      </View>
      <FormError message={errors['']} />
      <Button className="btn-primary" style={{ marginTop: '24px' }} onClick={() => save(false)}>
        {id ? '保存' : '发布'}
      </Button>
      {!id && (
        <Button className="btn-plain" style={{ marginTop: '16px' }} onClick={() => save(true)}>
          存为草稿
        </Button>
      )}
    </Screen>
  );
}
