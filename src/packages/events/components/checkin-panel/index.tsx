import { useState } from 'react';
import { View, Text, Input, Button } from '@tarojs/components';
import './index.css';

export interface CheckinPanelProps {
  /** open: check-in can happen now; notOpen / closed: outside the window; done: checked in; queued: saved offline. */
  status: 'open' | 'notOpen' | 'closed' | 'done' | 'queued' | 'voided';
  /** The check-in period, as text. */
  windowText: string;
  /** When checked in (text), and whether it was an offline check-in. */
  checkedInText?: string;
  offline?: boolean;
  points?: number;
  locationRequired?: boolean;
  /** weapp: scanning with the camera is offered. */
  canScan: boolean;
  busy?: boolean;
  error?: string;
  onScan?: () => void;
  onSubmitCode?: (code: string) => void;
}

/**
 * The check-in panel of an event page. Presentational (props in, callbacks out), so it also builds
 * as a native weapp component for tests/weapp.
 */
export default function CheckinPanel(p: CheckinPanelProps) {
  const [code, setCode] = useState('');
  const valid = /^\d{6}$/.test(code);
  return (
    <View className="checkin">
      <Text className="checkin__title">现场签到</Text>
      <Text className="checkin__window">签到时间：{p.windowText}</Text>
      {p.status === 'done' && (
        <View className="checkin__done">
          <Text className="checkin__ok">✓ 已签到</Text>
          <Text className="checkin__time">{p.checkedInText}</Text>
          {p.offline && <Text className="badge checkin__offline">离线签到</Text>}
          {!!p.points && <Text className="checkin__points">已获得 {p.points} 积分</Text>}
        </View>
      )}
      {p.status === 'voided' && <Text className="checkin__msg checkin__voided">您的离线签到已被组织者作废，如有疑问请联系现场工作人员。</Text>}
      {p.status === 'queued' && (
        <Text className="checkin__msg checkin__queued">已保存扫码记录（{p.checkedInText}），网络恢复后会自动提交签到，请勿删除小程序。</Text>
      )}
      {p.status === 'notOpen' && <Text className="checkin__msg">签到还没开始，请在签到时间到现场签到。</Text>}
      {p.status === 'closed' && <Text className="checkin__msg">签到已结束。</Text>}
      {p.status === 'open' && (
        <View className="checkin__form">
          {p.locationRequired && <Text className="hint checkin__loc">本活动需在现场签到，签到时会获取您的位置。</Text>}
          {p.canScan && (
            <Button className="btn-primary checkin__scan" disabled={p.busy} onClick={() => p.onScan?.()}>
              扫码签到
            </Button>
          )}
          <Text className="checkin__or">{p.canScan ? '或输入大屏上的 6 位签到码' : '请输入现场大屏上的 6 位签到码'}</Text>
          <Input
            className="checkin__input"
            name="checkinCode"
            type="number"
            maxlength={6}
            value={code}
            placeholder="6 位数字"
            onInput={(e) => setCode(e.detail.value.replace(/\D/g, '').slice(0, 6))}
          />
          <Button
            className={p.canScan ? 'btn-plain checkin__submit' : 'btn-primary checkin__submit'}
            disabled={!valid || p.busy}
            onClick={() => valid && p.onSubmitCode?.(code)}
          >
            {p.busy ? '正在签到…' : '签到'}
          </Button>
        </View>
      )}
      {p.error && <Text className="checkin__error">{p.error}</Text>}
    </View>
  );
}
