// Custom rules: the rule editor, in its accordion item.
import { AccordionHeader, AccordionItem, AccordionPanel } from '@fluentui/react-components';
import { useT } from '../../i18n';
import { RuleEditor, type RuleEditorProps } from '../RuleEditor';

export function RulesPanel(props: RuleEditorProps) {
  const tr = useT();
  return (
    <AccordionItem value="rules">
      <AccordionHeader as="h2">
        {tr('methods.rules')} · {props.ruleSets.length}
      </AccordionHeader>
      <AccordionPanel>
        <RuleEditor {...props} />
      </AccordionPanel>
    </AccordionItem>
  );
}
