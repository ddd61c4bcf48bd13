import { View, Text } from '@tarojs/components';
import { classTime, seatLine, REGISTRATION_STATUS_LABEL, type RegistrationStatus } from '@contracts/classes-format';
import './index.css';

export interface ClassCardData {
  id: number;
  title: string;
  topic: string;
  teacher: string;
  orgName: string;
  place: string;
  startsAt: string;
  capacity: number;
  confirmedCount: number;
  waitlistCount: number;
  waitlistOpen: boolean;
  registration: 'open' | 'notYet' | 'closed';
  myStatus: RegistrationStatus | null;
}

interface Props {
  cls: ClassCardData;
  onOpen?: (id: number) => void;
}

/** One class in a list: what, when, where, and how many seats are left (or how many wait). Presentational. */
export default function ClassCard({ cls, onOpen }: Props) {
  const full = cls.confirmedCount >= cls.capacity;
  return (
    <View className="class-card" onClick={() => onOpen?.(cls.id)}>
      <View className="class-card__head">
        <Text className="class-card__topic">{cls.topic}</Text>
        {cls.myStatus && <Text className={`class-card__mine class-card__mine--${cls.myStatus}`}>{REGISTRATION_STATUS_LABEL[cls.myStatus]}</Text>}
      </View>
      <Text className="class-card__title">{cls.title}</Text>
      <Text className="class-card__time">{classTime(cls.startsAt)}</Text>
      <Text className="class-card__place">{cls.place}</Text>
      <Text className="class-card__org">
        {cls.orgName} · {cls.teacher}
      </Text>
      <View className="class-card__foot">
        <Text className={`class-card__seats ${full ? 'class-card__seats--full' : ''}`}>{seatLine(cls)}</Text>
        <Text className="class-card__state">{cls.registration === 'open' ? '报名中' : cls.registration === 'notYet' ? '未开始报名' : '报名已截止'}</Text>
      </View>
    </View>
  );
}
