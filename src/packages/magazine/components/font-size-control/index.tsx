import { View, Text } from '@tarojs/components';
import './index.css';

type Size = 'standard' | 'large' | 'xlarge';

interface Props {
  value: Size;
  night: boolean;
  onChange?: (size: Size) => void;
  onToggleNight?: () => void;
}

const SIZES: { key: Size; label: string }[] = [
  { key: 'standard', label: '标准' },
  { key: 'large', label: '大字' },
  { key: 'xlarge', label: '特大' },
];

/** The reader's font size and night mode switches. Presentational (built as a native component for tests). */
export default function FontSizeControl({ value, night, onChange, onToggleNight }: Props) {
  return (
    <View className={`mz-fs ${night ? 'mz-fs--night' : ''}`}>
      <Text className="mz-fs__label">字号</Text>
      {SIZES.map((s) => (
        <View
          key={s.key}
          className={`mz-fs__btn mz-fs__btn--${s.key} ${value === s.key ? 'mz-fs__btn--on' : ''}`}
          onClick={() => onChange?.(s.key)}
          role="button"
          aria-pressed={value === s.key}
        >
          <Text>{s.label}</Text>
        </View>
      ))}
      <View className={`mz-fs__btn mz-fs__night ${night ? 'mz-fs__btn--on' : ''}`} onClick={() => onToggleNight?.()} role="button" aria-pressed={night}>
        <Text>{night ? '日间' : '夜间'}</Text>
      </View>
    </View>
  );
}
