import { Button } from '@tarojs/components';
import { fixFor } from '../../services/fixes';

/** Under a refusal the member can fix: the button that fixes it (nothing otherwise). */
export default function FixButton({ error, className = 'btn-primary fix-button' }: { error: { code?: string } | undefined | null; className?: string }) {
  const fix = fixFor(error);
  if (!fix) return null;
  return (
    <Button className={className} style={{ marginTop: '12px' }} onClick={fix.run}>
      {fix.label}
    </Button>
  );
}
