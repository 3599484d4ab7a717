// The question a write or refresh asks when the user edited the add-in's output since it was
// written: keep the edited items aside, replace them, or cancel. Nothing is written until the
// answer. A modal dialog: focus moves in, Tab stays inside, Escape cancels.
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Text } from '@fluentui/react-components';
import { useT } from '../i18n';
import { useCommonStyles } from '../styles';

export interface EditsDialogProps {
  /** The edited items as sentences; null: no question (closed). */
  items: string[] | null;
  onAnswer(choice: 'keep' | 'replace' | null): void;
}

export function EditsDialog({ items, onAnswer }: EditsDialogProps) {
  const tr = useT();
  const s = useCommonStyles();
  return (
    <Dialog modalType="alert" open={items !== null} onOpenChange={(_, d) => !d.open && onAnswer(null)}>
      <DialogSurface aria-describedby="edits-desc">
        <DialogBody>
          <DialogTitle>{tr('edits.title')}</DialogTitle>
          <DialogContent id="edits-desc" className={s.tight}>
            <Text>{tr('edits.body')}</Text>
            <ul aria-label={tr('edits.title')} style={{ margin: 0, paddingInlineStart: '1.2em' }}>
              {(items ?? []).map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
            <Text size={200} className={s.hint}>
              {tr('edits.keep')}: {tr('edits.keepHint')}
            </Text>
            <Text size={200} className={s.hint}>
              {tr('edits.replace')}: {tr('edits.replaceHint')}
            </Text>
          </DialogContent>
          <DialogActions>
            {/* Keeping is the safe answer, so it is the first and the primary one. */}
            <Button appearance="primary" onClick={() => onAnswer('keep')}>
              {tr('edits.keep')}
            </Button>
            <Button onClick={() => onAnswer('replace')}>{tr('edits.replace')}</Button>
            <Button appearance="subtle" onClick={() => onAnswer(null)}>
              {tr('edits.cancel')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
