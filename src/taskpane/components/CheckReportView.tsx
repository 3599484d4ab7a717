// "Check this workbook": the report as lists a screen reader reads in order — what a refresh
// and Remove results would touch, what was edited, what is left alone and why, what blocks.
import { Button, MessageBar, MessageBarBody, Subtitle2, Text } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import type { MessageKey } from '../../i18n';
import type { CheckReport } from '../../workbook/check';
import { useT } from '../i18n';
import { useCommonStyles } from '../styles';

export interface CheckReportViewProps {
  report: CheckReport;
  onClose(): void;
}

function Section({ id, title, lines, always }: { id: string; title: MessageKey; lines: string[]; always?: boolean }) {
  const tr = useT();
  if (!lines.length && !always) return null;
  return (
    <div className={useCommonStyles().tight}>
      <Text as="h3" id={id} weight="semibold" size={200} style={{ margin: 0 }}>
        {tr(title)}
      </Text>
      <ul aria-labelledby={id} style={{ margin: 0, paddingInlineStart: '1.2em', overflowWrap: 'anywhere' }}>
        {(lines.length ? lines : [tr('out.check.none')]).map((x, i) => (
          <li key={i}>{x}</li>
        ))}
      </ul>
    </div>
  );
}

export function CheckReportView({ report, onClose }: CheckReportViewProps) {
  const tr = useT();
  const s = useCommonStyles();
  const attention = report.edited.length + report.unproven.length + report.blocked.length;
  return (
    <section className={s.section} aria-labelledby="check-title" lang={report.locale}>
      <div className={s.row} style={{ alignItems: 'center' }}>
        <Subtitle2 as="h2" id="check-title" className={s.grow} style={{ margin: 0 }}>
          {tr('check.heading')}
        </Subtitle2>
        <Button size="small" appearance="subtle" icon={<DismissRegular />} aria-label={tr('check.close')} onClick={onClose} />
      </div>
      <MessageBar intent={report.ok ? 'success' : 'warning'} layout="multiline">
        <MessageBarBody>{report.ok ? tr('out.check.ok') : tr('out.check.attention', { count: attention })}</MessageBarBody>
      </MessageBar>
      <Section id="check-blocked" title="out.check.blocked" lines={report.blocked} />
      <Section id="check-edited" title="out.check.edited" lines={report.edited.map((p) => p.message)} />
      <Section id="check-unproven" title="out.check.unproven" lines={report.unproven.map((p) => p.message)} />
      <Section id="check-refresh" title="out.check.refresh" lines={report.refresh.map((e) => e.text)} always />
      <Section id="check-remove" title="out.check.remove" lines={report.remove.map((e) => e.text)} always />
    </section>
  );
}
