// Names that would silently merge two groups are refused with a message per field.
import { parseConfig } from '../../src/config';

const errorsOf = (methods: Record<string, unknown>, locale: 'en-US' | 'zh-CN' = 'en-US') => {
  const res = parseConfig({ version: 1, methods }, locale);
  return res.ok ? [] : res.errors;
};

test('duplicate ABC labels ["A","A","C"] are refused, naming the label', () => {
  expect(errorsOf({ abc: { cuts: [0.2, 0.7], labels: ['A', 'A', 'C'] } })).toEqual([{ path: 'methods.abc.labels.1', message: 'the label "A" is used twice; each class needs its own label' }]);
  expect(errorsOf({ abc: { cuts: [0.2, 0.7], labels: ['A', ' a ', 'C'] } }, 'zh-CN')[0].message).toBe('类别名称“ a ”用了两次；每个类别需要自己的名称');
  expect(errorsOf({ abc: { cuts: [0.2, 0.7], labels: ['A', 'B', 'C'] } })).toEqual([]);
});

test('a segment named like the fallback (Others, 其他) or twice the same is refused', () => {
  const seg = (name: string) => ({ name, r: [4, 5], f: [4, 5], m: [4, 5] });
  expect(errorsOf({ rfm: { segments: [seg('Champions'), seg('Others')] } })).toEqual([
    { path: 'methods.rfm.segments.1.name', message: 'the segment name "Others" is reserved for customers no segment matches; choose another name' },
  ]);
  expect(errorsOf({ rfm: { segments: [seg('其他')] } }, 'zh-CN')).toEqual([{ path: 'methods.rfm.segments.0.name', message: '分群名称“其他”保留给未匹配任何分群的客户；请换一个名称' }]);
  expect(errorsOf({ rfm: { segments: [seg('Top'), seg('top')] } })).toEqual([{ path: 'methods.rfm.segments.1.name', message: 'the segment name "top" is used twice' }]);
  expect(errorsOf({ rfm: { segments: [seg('Top'), seg('Other customers')] } })).toEqual([]);
});
