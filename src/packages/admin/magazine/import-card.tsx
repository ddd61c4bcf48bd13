import { useEffect, useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import type { ImportedIssue } from '@contracts/magazine';
import OrgPicker from '../../../components/org-picker';
import { useMember } from '../../../hooks/useMember';
import { call, ApiCallError } from '../../../services/api';
import { IMPORT_MAX_BYTES, payloadBytes, pickIssueFiles } from './import-files';

type Phase = { step: 'idle' } | { step: 'reading'; done: number; total: number } | { step: 'sending' } | { step: 'done' };

const percent = (p: Phase) =>
  p.step === 'reading' ? Math.round((p.done / Math.max(1, p.total)) * 60) : p.step === 'sending' ? 80 : p.step === 'done' ? 100 : 0;

/**
 * 上传导入: an organiser chooses an issue folder (issue.json + NN-英文短名.md, as seeds/magazine/README.md
 * describes) or a .zip of it; the page reads the files, sends them, and shows what became of every article.
 */
export default function ImportCard({ onImported }: { onImported: () => void }) {
  const { member } = useMember();
  const [org, setOrg] = useState<{ id: string; name: string } | null>(null);
  const [picking, setPicking] = useState(false);
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const [error, setError] = useState('');
  const [report, setReport] = useState<ImportedIssue[]>([]);

  const firstOrg = member?.adminOrgs[0];
  useEffect(() => {
    if (!org && firstOrg) setOrg(firstOrg);
  }, [org, firstOrg]);

  const start = async (mode: 'files' | 'folder') => {
    if (!org) return setError('请先选择发布单位');
    setError('');
    setReport([]);
    try {
      setPhase({ step: 'reading', done: 0, total: 1 });
      const picked = await pickIssueFiles(mode, (done, total) => setPhase({ step: 'reading', done, total }));
      if (!picked) {
        setPhase({ step: 'idle' });
        return setError('没有找到期刊文件：请选择 issue.json 和各篇文章的 .md 文件，或者一个 .zip 压缩包');
      }
      const payload = picked.kind === 'zip' ? { orgId: org.id, zipBase64: picked.zipBase64 } : { orgId: org.id, files: picked.files };
      if (payloadBytes(payload) > IMPORT_MAX_BYTES) {
        setPhase({ step: 'idle' });
        return setError(picked.kind === 'zip' ? '压缩包太大，请每次只打包一期（不要放图片）' : '文件合计太大，请把期刊文件夹打包成 .zip 再上传');
      }
      setPhase({ step: 'sending' });
      const r = await call('magazine.admin.importFiles', payload, { quiet: true });
      setPhase({ step: 'done' });
      setReport(r.issues);
      if (r.issues.some((i) => i.imported)) onImported();
    } catch (e) {
      setPhase({ step: 'idle' });
      setError(e instanceof ApiCallError ? e.message : '没有读到所选的文件，请重新选择');
    }
  };

  if (picking)
    return (
      <View className="card">
        <Text className="card-title">选择发布单位</Text>
        <OrgPicker root={member?.adminOrgs[0]} onPick={(o) => (setOrg(o), setPicking(false))} />
        <Button className="btn-plain" style={{ marginTop: '24px' }} onClick={() => setPicking(false)}>
          取消
        </Button>
      </View>
    );

  const busy = phase.step === 'reading' || phase.step === 'sending';
  return (
    <View className="card amz-import">
      <Text className="card-title">上传导入</Text>
      <Text className="amz__help">
        把一期的 issue.json 和各篇文章（01-英文短名.md …）一起选上，或选整个期刊文件夹，或一个 .zip 压缩包。同一单位、同一年同一期再次导入会更新原来的内容。
      </Text>
      <View className="field">
        <Text className="field-label">发布单位</Text>
        <View className="row">
          <Text>{org?.name ?? '未选择'}</Text>
          <Text className="link amz__tap" onClick={() => !busy && setPicking(true)}>
            更换 ›
          </Text>
        </View>
      </View>
      <View className="amz__actions">
        <Button className="btn-primary" disabled={busy} onClick={() => void start('files')}>
          选择文件或 .zip
        </Button>
        {process.env.TARO_ENV === 'h5' && (
          <Button className="btn-plain" disabled={busy} onClick={() => void start('folder')}>
            选择文件夹
          </Button>
        )}
      </View>
      {phase.step !== 'idle' && (
        <View className="amz-import__progress">
          <View className="progress" role="progressbar" aria-valuenow={percent(phase)} aria-valuemin={0} aria-valuemax={100}>
            <View className="progress-bar" style={{ width: `${percent(phase)}%` }} />
          </View>
          <Text className="muted">
            {phase.step === 'reading' ? `正在读取文件 ${phase.done}/${phase.total}` : phase.step === 'sending' ? '正在上传并导入…' : '导入完成'}
          </Text>
        </View>
      )}
      {error && <Text className="field-error">{error}</Text>}
      {report.map((issue) => (
        <View key={issue.folder + (issue.issueId ?? '')} className="amz-import__issue">
          <Text className={`amz-import__status ${issue.imported ? 'amz-import__status--ok' : 'amz-import__status--bad'}`}>
            {issue.imported
              ? `✓ ${issue.created ? '已导入' : '已更新'}：《${issue.title}》，${issue.articles.length} 篇文章`
              : `✗ 未导入${issue.title ? `《${issue.title}》` : issue.folder ? `（${issue.folder}）` : ''}：请改正下面标出的问题后重新上传`}
          </Text>
          {issue.error && <Text className="field-error">{issue.error}</Text>}
          {issue.articles.map((a) => (
            <View key={a.file} className="amz__item amz-import__article">
              <View className="amz__item-main">
                <Text className="amz__item-title">{`${a.error ? '✗' : '✓'} ${a.title ?? a.file}`}</Text>
                {a.error ? <Text className="field-error">{a.error}</Text> : <Text className="hint">{a.file}</Text>}
              </View>
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}
