import { useState } from 'react';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { View, Text, Button } from '@tarojs/components';
import { eventIdOfQr } from '@contracts/events-shared';
import StateView from '../../../components/state-view';
import { useAction } from '../../../hooks/useAction';
import { call, ApiCallError } from '../../../services/api';
import Markdown from '../components/markdown';
import CoverImage from '../../../components/cover-image';
import CheckinPanel, { type CheckinPanelProps } from '../components/checkin-panel';
import { fmtDateTime, fmtRange } from '../util';
import { enqueue, queued, watchNetwork } from '../offline';
import '../index.css';
import './index.css';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';

async function currentLocation(): Promise<{ lat: number; lng: number } | null> {
  try {
    const r = await Taro.getLocation({ type: 'wgs84' });
    return { lat: r.latitude, lng: r.longitude };
  } catch {
    return null;
  }
}

export default function EventDetailPage() {
  const id = Number(useRouter().params.id);
  const ev = useAction('event.get', { id }, { enabled: id > 0 });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [intent, setIntent] = useState<{ intending: boolean; intentCount: number } | null>(null);
  const [, setTick] = useState(0);
  watchNetwork(() => void ev.reload());

  useShareAppMessage(() => ({ title: ev.data?.title ?? '活动通知', path: `/packages/events/detail/index?id=${id}` }));

  const e = ev.data;
  const waiting = queued().find((q) => q.eventId === id);

  const submit = async (code: string, scannedAt: string) => {
    setError('');
    setBusy(true);
    const location = await currentLocation();
    try {
      const r = await call('event.checkin', { eventId: id, code, ...(location ? { location } : {}) }, { quiet: true, loading: '正在签到' });
      Taro.showToast({ title: r.firstTime ? '签到成功' : '您已签到过', icon: 'success' });
      await ev.reload();
    } catch (err) {
      const x = err as ApiCallError;
      if (x.code === 'NETWORK') {
        enqueue({ eventId: id, code, scannedAt, location });
        setTick((t) => t + 1);
        Taro.showToast({ title: '网络不通，已保存，联网后自动签到', icon: 'none', duration: 3000 });
      } else setError(x.message);
    } finally {
      setBusy(false);
    }
  };

  const scan = async () => {
    setError('');
    try {
      const r = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      const scannedAt = new Date().toISOString();
      const eventId = eventIdOfQr(r.result);
      if (eventId === null) return setError('这不是会员之家的签到二维码，请扫描现场大屏上的二维码');
      if (eventId !== id) return setError('这是另一场活动的签到码，请扫描本场活动大屏上的二维码');
      await submit(r.result.trim(), scannedAt);
    } catch {
      /* the member closed the scanner */
    }
  };

  const toggleIntent = async () => {
    if (!e) return;
    const now = intent?.intending ?? e.intending;
    setIntent(await call('event.intend', { id, intend: !now }, { loading: '请稍候' }));
  };

  const openMap = () => {
    if (!e || e.venue.lat === null || e.venue.lng === null) return;
    if (IS_WEAPP) Taro.openLocation({ latitude: e.venue.lat, longitude: e.venue.lng, name: e.venue.name, address: e.venue.address, scale: 16 });
    else window.open(`https://uri.amap.com/marker?position=${e.venue.lng},${e.venue.lat}&name=${encodeURIComponent(e.venue.name)}&coordinate=wgs84`, '_blank');
  };

  const share = () => {
    if (IS_WEAPP) Taro.showToast({ title: '请点右上角 ··· 分享给朋友', icon: 'none' });
    else Taro.setClipboardData({ data: window.location.href }).then(() => Taro.showToast({ title: '链接已复制，可粘贴分享', icon: 'none' }));
  };

  let status: CheckinPanelProps['status'] = 'open';
  if (e) {
    const now = Date.now();
    if (e.myCheckin?.voided) status = 'voided';
    else if (e.myCheckin) status = 'done';
    else if (waiting) status = 'queued';
    else if (now < Date.parse(e.checkinOpensAt)) status = 'notOpen';
    else if (now > Date.parse(e.checkinClosesAt)) status = 'closed';
  }

  const intending = intent?.intending ?? e?.intending;
  const intentCount = intent?.intentCount ?? e?.intentCount ?? 0;
  const ended = e ? Date.parse(e.endsAt) < Date.now() : false;

  return (
    <View className='page event-detail'>
      <StateView loading={ev.loading && !e} error={e ? undefined : ev.error} onRetry={ev.reload}>
        {e && (
          <View>
            <CoverImage src={e.cover} label={e.kind === 'notice' ? '通知公告' : e.type} className='event-detail__cover' />
            <View className='card'>
              <View className='events__badges'>
                <Text className='badge'>{e.kind === 'notice' ? '通知' : e.type}</Text>
                <Text className='hint'>{e.org.name}</Text>
              </View>
              <Text className='card-title event-detail__title'>{e.title}</Text>
              <Text className='muted event-detail__line'>时间：{fmtRange(e.startsAt, e.endsAt)}</Text>
              {e.kind === 'event' && (
                <View className='event-detail__line' onClick={openMap}>
                  <Text className='muted'>地点：{e.venue.name}</Text>
                  {e.venue.address && <Text className='hint event-detail__addr'>{e.venue.address}</Text>}
                  {e.venue.lat !== null && <Text className='link event-detail__map'>查看地图 ›</Text>}
                </View>
              )}
              {e.kind === 'event' && e.points > 0 && <Text className='muted event-detail__line'>签到可得 {e.points} 积分</Text>}
              {!e.published && <Text className='checkin__error'>（草稿，会员还看不到）</Text>}
            </View>

            {e.kind === 'event' && (
              <View className='event-detail__actions'>
                {!ended && (
                  <Button className={intending ? 'btn-plain event-detail__intend' : 'btn-primary event-detail__intend'} onClick={toggleIntent}>
                    {intending ? `已报名参加（${intentCount}人）` : `我要参加（${intentCount}人）`}
                  </Button>
                )}
                <Button className='btn-plain event-detail__share' onClick={share}>
                  分享
                </Button>
              </View>
            )}

            {e.kind === 'event' && e.published && (
              <CheckinPanel
                status={status}
                windowText={fmtRange(e.checkinOpensAt, e.checkinClosesAt)}
                checkedInText={e.myCheckin ? fmtDateTime(e.myCheckin.checkedInAt) : waiting ? fmtDateTime(waiting.scannedAt) : undefined}
                offline={e.myCheckin?.offline}
                points={e.myCheckin ? e.points : undefined}
                locationRequired={e.locationRequired}
                canScan={IS_WEAPP}
                busy={busy}
                error={error}
                onScan={scan}
                onSubmitCode={(code) => submit(code, new Date().toISOString())}
              />
            )}

            {e.canManage && e.kind === 'event' && (
              <View className='card'>
                <Text className='card-title'>组织者</Text>
                <Button className='btn-primary' onClick={() => Taro.navigateTo({ url: `/packages/admin/events/screen?id=${e.id}` })}>
                  打开签到大屏
                </Button>
                <Button className='btn-plain' style={{ marginTop: '16px' }} onClick={() => Taro.navigateTo({ url: `/packages/admin/events/stats?id=${e.id}` })}>
                  签到统计与导出
                </Button>
              </View>
            )}

            <View className='card'>
              <Markdown source={e.body} />
            </View>
          </View>
        )}
      </StateView>
    </View>
  );
}
