// Shared layout styles: Fluent tokens only, so themes and high contrast apply everywhere.
import { makeStyles, shorthands, tokens } from '@fluentui/react-components';

export const useCommonStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, minWidth: 0 },
  tight: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, minWidth: 0 },
  row: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS, alignItems: 'end' },
  grow: { flexGrow: 1, minWidth: '0' },
  section: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: 0,
  },
  hint: { color: tokens.colorNeutralForeground3 },
  scrollX: {
    overflowX: 'auto',
    maxWidth: '100%',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  smallTable: { fontSize: tokens.fontSizeBase200, whiteSpace: 'nowrap' },
  num: { textAlign: 'end', fontVariantNumeric: 'tabular-nums' },
  twoCols: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
    // Grid items and native inputs have an intrinsic minimum width; let them shrink to the column.
    '& > *': { minWidth: 0 },
    '& input': { minWidth: 0, width: '100%' },
    '& .fui-Input': { minWidth: 0, width: '100%' },
    '& .fui-Dropdown': { minWidth: 0, width: '100%' },
  },
  srOnly: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, whiteSpace: 'pre-wrap', wordBreak: 'break-word', margin: 0 },
  errorText: { color: tokens.colorPaletteRedForeground1 },
  fullWidth: { width: '100%', minWidth: 0 },
  // In forced colours (Windows high contrast) Fluent draws a disabled button like an enabled one:
  // use the system's GrayText so Load and Cancel look unavailable when they are.
  hcDisabled: {
    '@media (forced-colors: active)': {
      ':disabled': { color: 'GrayText', ...shorthands.borderColor('GrayText') },
      '&[aria-disabled="true"]': { color: 'GrayText', ...shorthands.borderColor('GrayText') },
    },
  },
});
