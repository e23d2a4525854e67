// Import a clerk's 花名册 (xlsx or CSV): a dry run first, then all-or-nothing or valid rows only.
import { useState } from 'react';
import { Alert, Button, Flex, Progress, Radio, Table, Typography, Upload, type UploadFile } from 'antd';
import { DateField } from './DateField';
import { uploadWithProgress } from './upload';

interface RowError {
  row: number;
  column: string;
  message: string;
}
interface ImportResult {
  mode: 'all_or_nothing' | 'valid_rows_only';
  dryRun: boolean;
  written: boolean;
  rows: number;
  imported: number;
  created: number;
  updated: number;
  unchanged: number;
  refused: RowError[];
  message: string;
}

export function ImportView() {
  const [file, setFile] = useState<File | null>(null);
  const [date, setDate] = useState('');
  const [mode, setMode] = useState<'all_or_nothing' | 'valid_rows_only'>('all_or_nothing');
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [checked, setChecked] = useState(false);

  const send = async (dryRun: boolean) => {
    if (!file) return;
    const form = new FormData();
    form.append('file', file, file.name);
    form.append('mode', dryRun ? 'valid_rows_only' : mode);
    form.append('dryRun', String(dryRun));
    if (date) form.append('date', date);
    setProgress(0);
    setError(null);
    setResult(null);
    try {
      const r = await uploadWithProgress<ImportResult & { message?: string | string[] }>('/vetting/roster/import', form, setProgress);
      if (r.status === 200 || (r.status === 422 && r.body && 'refused' in r.body)) {
        setResult(r.body);
        if (dryRun) setChecked(true);
      } else {
        const m = r.body?.message;
        setError(Array.isArray(m) ? m.join('；') : m || `导入失败（${r.status}）`);
      }
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setProgress(null);
    }
  };

  const uploadList: UploadFile[] = file ? [{ uid: 'f', name: file.name, status: 'done' }] : [];
  return (
    <Flex vertical gap={16} data-testid="roster-import">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        支持 Excel（.xlsx）或 CSV（UTF-8 / GBK / UTF-16），表头须含：村代码（或村名）、姓名、身份证号、学历、政治面貌、职务等。先“试导入”检查每一行，无误后再正式导入。
      </Typography.Paragraph>
      <Flex gap={16} wrap align="center">
        <Upload
          accept=".xlsx,.csv"
          maxCount={1}
          fileList={uploadList}
          beforeUpload={(f) => {
            setFile(f);
            setChecked(false);
            setResult(null);
            return false;
          }}
          onRemove={() => {
            setFile(null);
            setChecked(false);
            setResult(null);
          }}
        >
          <Button data-testid="roster-import-file">选择花名册文件</Button>
        </Upload>
        <span>
          任职起始日期 <DateField value={date} onChange={setDate} allowClear />
        </span>
      </Flex>
      <Flex gap={16} wrap align="center">
        <Button disabled={!file || progress !== null} onClick={() => send(true)} data-testid="roster-import-dry-run">
          试导入（不写入）
        </Button>
        <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)}>
          <Radio value="all_or_nothing">有错误则全部不导入</Radio>
          <Radio value="valid_rows_only">只导入无误的行</Radio>
        </Radio.Group>
        <Button type="primary" disabled={!file || !checked || progress !== null} onClick={() => send(false)} data-testid="roster-import-submit">
          正式导入
        </Button>
        {!checked && file && <Typography.Text type="secondary">请先试导入</Typography.Text>}
      </Flex>
      {progress !== null && <Progress percent={progress} status="active" data-testid="roster-import-progress" />}
      {error && <Alert type="error" title={error} />}
      {result && (
        <>
          <Alert
            type={result.refused.length ? (result.written || result.dryRun ? 'warning' : 'error') : 'success'}
            title={result.dryRun ? '试导入结果（未写入）' : result.written ? '导入完成' : '未导入'}
            description={`共 ${result.rows} 行；${result.dryRun ? '可导入' : '已导入'} ${result.imported} 行（新增 ${result.created}，更新 ${result.updated}，无变化 ${result.unchanged}）；有问题 ${new Set(result.refused.map((r) => r.row)).size} 行。`}
            data-testid="roster-import-result"
          />
          {result.refused.length > 0 && (
            <Table<RowError>
              rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
              size="small"
              dataSource={result.refused}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              data-testid="roster-import-errors"
              columns={[
                { title: '行号', dataIndex: 'row', width: 80 },
                { title: '列', dataIndex: 'column', width: 140 },
                { title: '问题', dataIndex: 'message' },
              ]}
            />
          )}
        </>
      )}
    </Flex>
  );
}
