import { useMemo } from 'react';
import { View } from '@tarojs/components';
// The encoder only (no canvas/PNG renderers): the matrix is drawn with Views, the same on weapp and H5.
import { create } from 'qrcode/lib/core/qrcode';

/**
 * A QR code drawn as rows of dark and light runs (widths in %), with the 4-module quiet zone: the
 * organiser's check-in screen and the 家长课堂 entry ticket. Runs keep the View count low on old phones.
 */
export default function QrView({ text, size, className = 'qr', label }: { text: string; size: string; className?: string; label?: string }) {
  const rows = useMemo(() => {
    const m = create(text, { errorCorrectionLevel: 'M' }).modules;
    const n = m.size;
    const out: { dark: boolean; len: number }[][] = [];
    for (let r = 0; r < n; r++) {
      const runs: { dark: boolean; len: number }[] = [];
      for (let c = 0; c < n; c++) {
        const dark = m.data[r * n + c] === 1;
        const last = runs[runs.length - 1];
        if (last && last.dark === dark) last.len++;
        else runs.push({ dark, len: 1 });
      }
      out.push(runs);
    }
    return { n, rows: out };
  }, [text]);
  const unit = 100 / rows.n;
  return (
    <View
      className={className}
      aria-label={label}
      style={{ width: size, height: size, padding: `calc(${size} * ${4 / (rows.n + 8)})`, background: '#fff', boxSizing: 'border-box' }}
      data-qr={text}
    >
      {rows.rows.map((runs, r) => (
        <View key={r} style={{ display: 'flex', height: `${unit}%` }}>
          {runs.map((run, i) => (
            <View key={i} style={{ width: `${run.len * unit}%`, height: '100%', background: run.dark ? '#000' : '#fff' }} />
          ))}
        </View>
      ))}
    </View>
  );
}
