import { View } from '@tarojs/components';
import { create } from 'qrcode/lib/core/qrcode';

/** The entry ticket as a QR code, drawn from the qrcode package's module matrix with plain Views (no image service). */
export default function TicketQr({ code, size = 360 }: { code: string; size?: number }) {
  const qr = create(code, { errorCorrectionLevel: 'M' });
  const n: number = qr.modules.size;
  const data: ArrayLike<number> = qr.modules.data;
  const quiet = 2;
  const cell = Math.floor(size / (n + quiet * 2));
  const rows = [];
  for (let y = 0; y < n; y++) {
    const cells = [];
    for (let x = 0; x < n; x++) {
      cells.push(<View key={x} style={{ width: `${cell}px`, height: `${cell}px`, background: data[y * n + x] ? '#000' : '#fff' }} />);
    }
    rows.push(
      <View key={y} style={{ display: 'flex', flexDirection: 'row' }}>
        {cells}
      </View>,
    );
  }
  return (
    <View className='ticket-qr' aria-label={`入场码 ${code}`} style={{ background: '#fff', padding: `${cell * quiet}px`, display: 'inline-flex', flexDirection: 'column' }}>
      {rows}
    </View>
  );
}
