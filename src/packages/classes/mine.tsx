import Taro from '@tarojs/taro';
import { View, Text, Button } from '@tarojs/components';
import { classTime, REGISTRATION_STATUS_LABEL } from '@contracts/classes-format';
import StateView from '../../components/state-view';
import { useAction } from '../../hooks/useAction';
import { call } from '../../services/api';
import QrView from '../../components/qr-view';
import ClassesTabs from './tabs';
import './classes.css';
import Screen from '../../components/screen';

/** 我的报名: status, waitlist position, the entry ticket (QR + code), and cancelling. */
export default function MyRegistrationsPage() {
  const mine = useAction('class.myRegistrations', {});
  const regs = mine.data?.registrations ?? [];

  const cancel = async (id: number, waitlisted: boolean) => {
    const ok = await Taro.showModal({
      title: waitlisted ? '不再排队候补了吗？' : '要取消这次报名吗？',
      content: waitlisted
        ? '退出后您就不在候补名单上了。以后想参加，需要重新报名并重新排队。'
        : '取消后，您的名额会让给排队候补的家长，入场码也不能再用。以后想参加，需要重新报名。',
      confirmText: '确定',
      cancelText: '再想想',
      confirmColor: '#c8102e',
    });
    if (!ok.confirm) return;
    await call('class.cancel', { registrationId: id }, { loading: '正在取消' });
    Taro.showToast({ title: '已取消', icon: 'none' });
    await mine.reload();
  };

  return (
    <Screen className="page classes-mine">
      <ClassesTabs on="mine" />
      <StateView loading={mine.loading && !mine.data} error={mine.error} onRetry={mine.reload} empty={regs.length === 0} emptyText="还没有报名课堂">
        {regs.map((r) => (
          <View key={r.id} className="card my-reg">
            <Text className="card-title" onClick={() => Taro.navigateTo({ url: `/packages/classes/detail?id=${r.classId}` })}>
              {r.classTitle}
            </Text>
            <Text className="detail-row">{classTime(r.startsAt)}</Text>
            {r.venueName && <Text className="detail-row">{r.venueName}</Text>}
            <Text className={`status-big status-big--${r.status}`}>
              {REGISTRATION_STATUS_LABEL[r.status]}
              {r.status === 'waitlisted' ? ` · 候补第 ${r.position} 位` : ''}
              {r.attendedAt ? ' · 已签到' : ''}
            </Text>
            {r.status === 'confirmed' && (
              <View className="ticket">
                <QrView text={r.code} size="360px" className="ticket-qr" label={`入场码 ${r.code}`} />
                <Text className="ticket-code">{r.code}</Text>
                <Text className="hint">入场时出示此码签到</Text>
              </View>
            )}
            {r.status !== 'cancelled' && <Text className="hint">{r.cancelNote}</Text>}
            {r.canCancel && (
              <Button className="btn-plain" onClick={() => cancel(r.id, r.status === 'waitlisted')}>
                {r.status === 'waitlisted' ? '退出候补' : '取消报名'}
              </Button>
            )}
          </View>
        ))}
      </StateView>
    </Screen>
  );
}
