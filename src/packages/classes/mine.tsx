import Taro from '@tarojs/taro';
import { View, Text, Button } from '@tarojs/components';
import { classTime, REGISTRATION_STATUS_LABEL } from '@contracts/classes-format';
import StateView from '../../components/state-view';
import { useAction } from '../../hooks/useAction';
import { call } from '../../services/api';
import QrView from '../../components/qr-view';
import ClassesTabs from './tabs';
import './classes.css';

/** 我的报名: status, waitlist position, the entry ticket (QR + code), and cancelling. */
export default function MyRegistrationsPage() {
  const mine = useAction('class.myRegistrations', {});
  const regs = mine.data?.registrations ?? [];

  const cancel = async (id: number, waitlisted: boolean) => {
    const ok = await Taro.showModal({ title: waitlisted ? '退出候补' : '取消报名', content: waitlisted ? '确定退出候补吗？' : '取消后名额会让给候补的家长，确定取消吗？' });
    if (!ok.confirm) return;
    await call('class.cancel', { registrationId: id }, { loading: '正在取消' });
    Taro.showToast({ title: '已取消', icon: 'none' });
    await mine.reload();
  };

  return (
    <View className='page classes-mine'>
      <ClassesTabs on='mine' />
      <StateView loading={mine.loading && !mine.data} error={mine.error} onRetry={mine.reload} empty={regs.length === 0} emptyText='还没有报名课堂'>
        {regs.map((r) => (
          <View key={r.id} className='card my-reg'>
            <Text className='card-title' onClick={() => Taro.navigateTo({ url: `/packages/classes/detail?id=${r.classId}` })}>
              {r.classTitle}
            </Text>
            <Text className='detail-row'>{classTime(r.startsAt)}</Text>
            {r.venueName && <Text className='detail-row'>{r.venueName}</Text>}
            <Text className={`status-big status-big--${r.status}`}>
              {REGISTRATION_STATUS_LABEL[r.status]}
              {r.status === 'waitlisted' ? ` · 候补第 ${r.position} 位` : ''}
              {r.attendedAt ? ' · 已签到' : ''}
            </Text>
            {r.status === 'confirmed' && (
              <View className='ticket'>
                <QrView text={r.code} size='360px' className='ticket-qr' label={`入场码 ${r.code}`} />
                <Text className='ticket-code'>{r.code}</Text>
                <Text className='hint'>入场时出示此码签到</Text>
              </View>
            )}
            {r.status !== 'cancelled' && <Text className='hint'>{r.cancelNote}</Text>}
            {r.canCancel && (
              <Button className='btn-plain' onClick={() => cancel(r.id, r.status === 'waitlisted')}>
                {r.status === 'waitlisted' ? '退出候补' : '取消报名'}
              </Button>
            )}
          </View>
        ))}
      </StateView>
    </View>
  );
}
