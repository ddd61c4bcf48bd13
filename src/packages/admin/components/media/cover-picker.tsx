import { View, Text, Image } from '@tarojs/components';
import { mediaSrc } from '../../../../services/media';
import { MAX_SIDE } from './upload';
import { useImageUpload } from './use-image-upload';
import './index.css';

interface Props {
  value: string | null;
  onChange: (url: string | null) => void;
  label?: string;
}

/** 封面: choose an image, see it upload (progress) and the result; change or remove it. */
export default function CoverPicker({ value, onChange, label = '封面图片（选填）' }: Props) {
  const up = useImageUpload(onChange, 'cover-file');
  const shown = up.uploading && up.preview ? up.preview : mediaSrc(value);
  return (
    <View className="field media-cover">
      <Text className="field-label">{label}</Text>
      <View className="media-cover__frame" onClick={up.choose} aria-label="选择封面图片">
        {shown ? (
          <Image className="media-cover__img" src={shown} mode="aspectFill" />
        ) : (
          <View className="media-cover__empty">
            <Text className="media-cover__plus">＋</Text>
            <Text>点击选择封面图片</Text>
          </View>
        )}
        {up.uploading && (
          <View className="media-cover__progress">
            <Text>{`正在上传 ${up.progress ?? 0}%`}</Text>
            <View className="progress">
              <View className="progress-bar" style={{ width: `${up.progress ?? 0}%` }} />
            </View>
          </View>
        )}
      </View>
      {up.error && <Text className="field-error media-cover__error">{up.error}</Text>}
      <View className="media-cover__actions">
        <Text className="link" onClick={up.choose}>
          {value ? '更换图片' : '选择图片'}
        </Text>
        {value && !up.uploading && (
          <Text className="link media-cover__remove" onClick={() => onChange(null)}>
            移除封面
          </Text>
        )}
      </View>
      <Text className="hint">{`支持 JPG、PNG、WebP，上传前自动缩小到 ${MAX_SIDE} 像素以内，省流量`}</Text>
      {up.input}
    </View>
  );
}
