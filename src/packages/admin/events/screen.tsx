import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text, Button } from '@tarojs/components';
import type { EventCode, EventLive } from '@contracts/events';
import { call, ApiCallError } from '../../../services/api';
import QrView from '../../../components/qr-view';
import { bjClock } from './time';
import './screen.css';

/**
 * 签到大屏: a QR code and a large 6-digit code that change every 30 s (fetched from the server,
 * which signs them), the live count every 3 s with the latest names, and offline check-ins apart.
 */
export default function CheckinScreenPage() {
  const id = Number(useRouter().params.id);
  const [code, setCode] = useState<EventCode>();
  const [live, setLive] = useState<EventLive>();
  const [error, setError] = useState('');
  const [left, setLeft] = useState(30);
  const skew = useRef(0); // server clock minus device clock

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let alive = true;
    const fetchCode = async () => {
      try {
        const c = await call('event.admin.code', { id }, { quiet: true });
        if (!alive) return;
        skew.current = Date.parse(c.serverNow) - Date.now();
        setCode(c);
        setError('');
        timer = setTimeout(fetchCode, Math.max(500, Date.parse(c.rotatesAt) - Date.parse(c.serverNow) + 300));
      } catch (e) {
        if (!alive) return;
        setError((e as ApiCallError).message);
        timer = setTimeout(fetchCode, 3000);
      }
    };
    void fetchCode();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [id]);

  const refreshLive = async () => {
    try {
      setLive(await call('event.admin.live', { id }, { quiet: true }));
    } catch {
      /* the next tick retries */
    }
  };
  useEffect(() => {
    void refreshLive();
    const t = setInterval(refreshLive, 3000);
    return () => clearInterval(t);
    // One poll per event: refreshLive reads only `id`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  useEffect(() => {
    const t = setInterval(() => {
      if (code) setLeft(Math.max(0, Math.ceil((Date.parse(code.rotatesAt) - (Date.now() + skew.current)) / 1000)));
    }, 500);
    return () => clearInterval(t);
    // The countdown restarts when the code rotates; the rest of `code` does not matter to it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [code?.rotatesAt]);

  const voidOne = async (checkinId: number, voided: boolean) => {
    const r = await Taro.showModal({
      title: voided ? '作废这条离线签到？' : '恢复这条离线签到？',
      content: voided ? '作废后不计入签到人数，并扣回签到积分。' : '恢复后重新计入签到人数和积分。',
    });
    if (!r.confirm) return;
    await call('event.admin.voidCheckin', { checkinId, void: voided }, { loading: '请稍候' });
    await refreshLive();
  };

  const latest = live?.latest ?? [];
  const offline = live?.offline ?? [];
  return (
    <View className="checkin-screen">
      <View className="screen__head">
        <Text className="screen__title">{live?.title ?? '签到大屏'}</Text>
        <Button className="screen__back" onClick={() => Taro.navigateBack()}>
          退出
        </Button>
      </View>
      <View className="screen__body">
        <View className="screen__qr-box">
          {code ? <QrView text={code.qr} size="var(--qr-size)" label="签到二维码" /> : <View className="screen__qr-placeholder" />}
          <Text className="screen__scan-hint">微信扫码签到，或在“活动详情”里输入签到码</Text>
        </View>
        <View className="screen__side">
          <View className="screen__figures">
            <View className="screen__figure">
              <Text className="screen__label">签到码</Text>
              <Text className="screen__code" data-testid="checkin-code">
                {code ? `${code.code.slice(0, 3)} ${code.code.slice(3)}` : '--- ---'}
              </Text>
              <Text className="screen__left">{left} 秒后更新</Text>
            </View>
            <View className="screen__figure">
              <Text className="screen__label">已签到</Text>
              <Text className="screen__count" data-testid="checkin-count">
                {live?.count ?? 0}
              </Text>
              <Text className="screen__unit">人{live?.offlineCount ? `（含离线 ${live.offlineCount}）` : ''}</Text>
            </View>
          </View>
          {error && <Text className="screen__error">{error}</Text>}
          <View className="screen__lists">
            <View className="screen__list screen__list--latest">
              <Text className="screen__list-title">最新签到</Text>
              {latest.length ? (
                latest.map((r) => (
                  <View key={r.id} className="screen__row">
                    <Text className="screen__name">{r.name}</Text>
                    <Text className="screen__time">{bjClock(r.checkedInAt)}</Text>
                  </View>
                ))
              ) : (
                <Text className="screen__empty">还没有人签到</Text>
              )}
            </View>
            {offline.length > 0 && (
              <View className="screen__list screen__list--offline">
                <Text className="screen__list-title">离线签到（{offline.length}）</Text>
                {offline.map((r) => (
                  <View key={r.id} className={`screen__row ${r.voided ? 'screen__row--void' : ''}`}>
                    <Text className="screen__name">{r.name}</Text>
                    <Text className="screen__time">扫码 {r.scannedAt ? bjClock(r.scannedAt) : ''}</Text>
                    <Button className="screen__void" onClick={() => voidOne(r.id, !r.voided)}>
                      {r.voided ? '恢复' : '作废'}
                    </Button>
                  </View>
                ))}
              </View>
            )}
          </View>
        </View>
      </View>
    </View>
  );
}
