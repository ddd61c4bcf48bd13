import { useEffect, useState } from 'react';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { View, Text, Button } from '@tarojs/components';
import { eventIdOfQr } from '@contracts/events-shared';
import StateView from '../../../components/state-view';
import { useAction } from '../../../hooks/useAction';
import { call, ApiCallError } from '../../../services/api';
import Markdown from '../../../components/markdown';
import CoverImage from '../../../components/cover-image';
import CheckinPanel, { type CheckinPanelProps } from '../components/checkin-panel';
import LinkCheckin from '../components/link-checkin';
import { fmtDateTime, fmtRange } from '../util';
import { checkinQueue } from '../offline';
import { checkinLinkOf } from '../checkin-link';
import { askEventReminder } from '../remind';
import FixButton from '../../../components/fix-button';
import '../index.css';
import './index.css';
import Screen from '../../../components/screen';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';
/** H5: the camera can be offered where the browser has getUserMedia (a secure page). */
const H5_CAMERA =
  process.env.TARO_ENV === 'h5' && typeof navigator !== 'undefined' && !!navigator.mediaDevices && typeof navigator.mediaDevices.getUserMedia === 'function';

/**
 * H5 only: the camera scanner (and jsqr) as a separate chunk. A constant conditional at module level, so
 * the weapp build drops the import (inside the async scan() it would survive: babel turns that into a
 * state machine whose branches webpack cannot see are dead).
 */
const loadCamera = process.env.TARO_ENV === 'h5' ? () => import('../h5-camera') : null;

const LOCATION_REFUSED = IS_WEAPP
  ? '本活动需要确认您在活动现场：请允许小程序使用您的位置（右上角 ··· › 设置 › 位置信息）后再签到，或请现场工作人员帮助'
  : '本活动需要确认您在活动现场：请允许浏览器获取您的位置（地址栏旁的位置图标或浏览器设置）后再签到，或请现场工作人员帮助';

async function currentLocation(): Promise<{ lat: number; lng: number } | null> {
  try {
    // A member who never answers the browser's prompt is not left waiting forever.
    const r = await Promise.race([
      Taro.getLocation({ type: 'wgs84' }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 15_000)),
    ]);
    return { lat: r.latitude, lng: r.longitude };
  } catch {
    return null;
  }
}

/** Why a scanned text is not this event's check-in QR code, or null when it is. */
function qrProblem(text: string, id: number): string | null {
  const eventId = eventIdOfQr(text);
  if (eventId === null) return '这不是会员之家的签到二维码，请扫描现场大屏上的二维码';
  if (eventId !== id) return '这是另一场活动的签到码，请扫描本场活动大屏上的二维码';
  return null;
}

export default function EventDetailPage() {
  const params = useRouter().params;
  // Opened from a 大屏 check-in link (WeChat's scanner or a browser): the link is in `q`, checked in once the event is loaded.
  const id = Number(params.id) || checkinLinkOf(params)?.eventId || 0;
  const ev = useAction('event.get', { id }, { enabled: id > 0 });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [errorCode, setErrorCode] = useState<string>();
  const [intent, setIntent] = useState<{ intending: boolean; intentCount: number } | null>(null);
  const [, setTick] = useState(0);
  useEffect(
    () =>
      checkinQueue.watch((r) => {
        const mine = r.refused.find((x) => x.eventId === id);
        if (mine) setError(`离线签到未被接受：${mine.reason}`);
        void ev.reload();
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [id],
  );

  useShareAppMessage(() => ({ title: ev.data?.title ?? '活动通知', path: `/packages/events/detail/index?id=${id}` }));

  const e = ev.data;
  const waiting = checkinQueue.list().find((q) => q.eventId === id);

  const submit = async (code: string, scannedAt: string) => {
    setError('');
    setErrorCode(undefined);
    setBusy(true);
    try {
      // The position is asked for only when the event requires it (it is stored with the check-in).
      const location = e?.locationRequired ? await currentLocation() : null;
      if (e?.locationRequired && !location) {
        setErrorCode('LOCATION_REQUIRED');
        return setError(LOCATION_REFUSED);
      }
      const r = await checkinQueue.checkIn({ eventId: id, code, scannedAt, location });
      if (r.queued) {
        setTick((t) => t + 1);
        Taro.showToast({ title: '网络不通，已保存扫码记录，恢复后自动签到', icon: 'none', duration: 3000 });
      } else {
        Taro.showToast({ title: (r.result as { firstTime: boolean }).firstTime ? '签到成功' : '您已签到过', icon: 'success' });
        await ev.reload();
      }
    } catch (err) {
      setError((err as ApiCallError).message);
      setErrorCode((err as ApiCallError).code);
    } finally {
      setBusy(false);
    }
  };

  const scan = async () => {
    setError('');
    if (loadCamera) {
      const { scanWithCamera } = await loadCamera();
      const r = await scanWithCamera((text) => qrProblem(text, id));
      if (r.ok) await submit(r.text, r.scannedAt);
      else if (r.reason !== 'cancelled') setError(r.message);
      return;
    }
    let result: string;
    try {
      result = (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result;
    } catch {
      return; // the member closed the scanner
    }
    const scannedAt = new Date().toISOString();
    const problem = qrProblem(result, id);
    if (problem) return setError(problem);
    await submit(result.trim(), scannedAt);
  };

  const toggleIntent = async () => {
    if (!e) return;
    const now = intent?.intending ?? e.intending;
    // Asked first, inside the tap: WeChat shows the subscribe dialog only there.
    const remind = now ? null : await askEventReminder();
    const r = await call('event.intend', { id, intend: !now }, { loading: '请稍候' });
    setIntent(r);
    if (r.intending && remind !== null) await call('notify.eventRemind', { eventId: id, accepted: remind }, { quiet: true }).catch(() => undefined);
  };

  const openMap = () => {
    if (!e || e.venue.lat === null || e.venue.lng === null) return;
    if (IS_WEAPP) Taro.openLocation({ latitude: e.venue.lat, longitude: e.venue.lng, name: e.venue.name, address: e.venue.address, scale: 16 });
    else window.open(`https://uri.amap.com/marker?position=${e.venue.lng},${e.venue.lat}&name=${encodeURIComponent(e.venue.name)}&coordinate=wgs84`, '_blank');
  };

  const share = () => {
    if (IS_WEAPP) Taro.showToast({ title: '请点右上角 ··· 分享给朋友', icon: 'none' });
    else Taro.setClipboardData({ data: window.location.href }).then(() => Taro.showToast({ title: '链接已复制，可以发给亲友', icon: 'none', duration: 2500 }));
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
    <Screen className="page event-detail">
      <StateView loading={ev.loading && !e} error={e ? undefined : ev.error} onRetry={ev.reload}>
        {e && (
          <View>
            <CoverImage src={e.cover} label={e.kind === 'notice' ? '通知公告' : e.type} className="event-detail__cover" />
            <View className="card">
              <View className="events__badges">
                <Text className="badge">{e.kind === 'notice' ? '通知' : e.type}</Text>
                <Text className="hint">{e.org.name}</Text>
              </View>
              <Text className="card-title event-detail__title">{e.title}</Text>
              <Text className="muted event-detail__line">时间：{fmtRange(e.startsAt, e.endsAt)}</Text>
              {e.kind === 'event' && (
                <View className="event-detail__line" onClick={openMap}>
                  <Text className="muted">地点：{e.venue.name}</Text>
                  {e.venue.address && <Text className="hint event-detail__addr">{e.venue.address}</Text>}
                  {e.venue.lat !== null && <Text className="tap-link event-detail__map">查看地图 ›</Text>}
                </View>
              )}
              {e.kind === 'event' && e.points > 0 && <Text className="muted event-detail__line">签到可得 {e.points} 积分</Text>}
              {!e.published && <Text className="checkin__error">（草稿，会员还看不到）</Text>}
            </View>

            {e.kind === 'event' && (
              <View className="event-detail__actions">
                {!ended && (
                  <Button className={intending ? 'btn-plain event-detail__intend' : 'btn-primary event-detail__intend'} onClick={toggleIntent}>
                    {intending ? `已报名参加（${intentCount}人）` : `我要参加（${intentCount}人）`}
                  </Button>
                )}
                <Button className="btn-plain event-detail__share" onClick={share}>
                  分享
                </Button>
              </View>
            )}

            {e.kind === 'event' && e.published && <LinkCheckin options={params} eventId={e.id} done={!!e.myCheckin} onLink={submit} />}
            {e.kind === 'event' && e.published && (
              <CheckinPanel
                status={status}
                windowText={fmtRange(e.checkinOpensAt, e.checkinClosesAt)}
                checkedInText={e.myCheckin ? fmtDateTime(e.myCheckin.checkedInAt) : waiting ? fmtDateTime(waiting.scannedAt) : undefined}
                offline={e.myCheckin?.offline}
                points={e.myCheckin ? e.points : undefined}
                locationRequired={e.locationRequired}
                canScan={IS_WEAPP || H5_CAMERA}
                busy={busy}
                error={error}
                onScan={scan}
                onSubmitCode={(code) => submit(code, new Date().toISOString())}
              />
            )}

            {error && <FixButton error={{ code: errorCode }} />}

            {e.canManage && e.kind === 'event' && (
              <View className="card">
                <Text className="card-title">组织者</Text>
                <Button className="btn-primary" onClick={() => Taro.navigateTo({ url: `/packages/admin/events/screen?id=${e.id}` })}>
                  打开签到大屏
                </Button>
                <Button className="btn-plain" style={{ marginTop: '16px' }} onClick={() => Taro.navigateTo({ url: `/packages/admin/events/stats?id=${e.id}` })}>
                  签到统计与导出
                </Button>
              </View>
            )}

            {e.body.trim() !== '' && (
              <View className="card">
                <Markdown source={e.body} />
              </View>
            )}
          </View>
        )}
      </StateView>
    </Screen>
  );
}
