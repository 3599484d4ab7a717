// Customer lifetime value (BG/NBD + Gamma-Gamma): failures and fit notes (tier names: core.ts).
import { defineMessages } from '../define';
export const messages = defineMessages({
  en: {
    'clv.column.p_alive': 'Probability alive',
    'clv.column.expected_purchases': 'Expected purchases',
    'clv.column.expected_spend': 'Expected spend per purchase',
    'clv.column.value': 'Customer lifetime value',
    'clv.column.tier': 'CLV tier',
    'clv.column.churn': 'CLV churn flag',
    'clv.no_orders': 'CLV was not computed: no customer has orders up to the analysis date.',
    'clv.no_time':
      'CLV was not computed: every customer made their first purchase on the analysis date, so there is no history to learn from.',
    'clv.no_repeat': 'CLV was not computed: no customer bought on more than one day, so repeat-purchase behaviour cannot be estimated.',
    'clv.too_few_repeat':
      'CLV was not computed: only {count} customers bought on more than one day; the models need at least {min}.',
    'clv.too_few_spenders':
      'CLV was not computed: only {count} repeat customers have a positive average spend; the spend model needs at least {min}.',
    'clv.not_converged':
      'CLV was not computed: the {model} model did not converge after {iterations} iterations; the data may be too few or too uniform to estimate it.',
    'clv.spend_unbounded':
      'CLV was not computed: the fitted spend model has no finite average (q = {q} ≤ 1), usually because a few very large purchases dominate.',
    'clv.degenerate_fit':
      'CLV was not computed: the purchase model ran to a limit (r = {r}, α = {alpha}, a = {a}, b = {b}), so the data say too little about how customers buy and leave. More history or a penalizer above 0 may help.',
    'clv.note.spend_degenerate':
      'Spend per purchase hardly varies within each customer, so the spend model ran to a limit; read expected spend as approximate.',
    'clv.note.excluded_spenders':
      '{count} repeat customers with a zero or negative average spend were left out of the spend model; their CLV is empty.',
    'clv.note.spend_correlation':
      'Purchase frequency and average spend are correlated (r = {corr}); the spend model assumes they are independent, so read CLV with care.',
    'clv.note.orders_ignored': '{count} orders were not used (customer not in the list or dated after the analysis date).',
    'clv.note.single_purchase':
      '{count} customers bought on one day only; the model treats them as alive (probability 1) and never flags them.',
  },
  zh: {
    'clv.column.p_alive': '存活概率',
    'clv.column.expected_purchases': '预期购买次数',
    'clv.column.expected_spend': '预期单次消费',
    'clv.column.value': '客户终身价值',
    'clv.column.tier': '终身价值分层',
    'clv.column.churn': '终身价值流失预警',
    'clv.no_orders': '未计算客户终身价值：截至分析日期没有任何客户有订单。',
    'clv.no_time': '未计算客户终身价值：所有客户都在分析日期当天首次购买，没有可供学习的历史。',
    'clv.no_repeat': '未计算客户终身价值：没有客户在两个或以上不同日期购买，无法估计复购行为。',
    'clv.too_few_repeat': '未计算客户终身价值：只有 {count} 位客户在两个或以上不同日期购买，模型至少需要 {min} 位。',
    'clv.too_few_spenders': '未计算客户终身价值：只有 {count} 位复购客户的平均消费为正，消费模型至少需要 {min} 位。',
    'clv.not_converged': '未计算客户终身价值：{model} 模型迭代 {iterations} 次后仍未收敛；数据可能太少或过于单一，无法估计。',
    'clv.spend_unbounded': '未计算客户终身价值：拟合的消费模型平均值不存在（q = {q} ≤ 1），通常是少数极大额购买所致。',
    'clv.degenerate_fit':
      '未计算客户终身价值：购买模型的参数趋于极限（r = {r}，α = {alpha}，a = {a}，b = {b}），数据不足以说明客户如何购买和流失。更长的历史或大于 0 的惩罚系数可能有帮助。',
    'clv.note.spend_degenerate': '每位客户每次消费金额几乎不变，消费模型参数趋于极限；预期消费仅供参考。',
    'clv.note.excluded_spenders': '{count} 位复购客户的平均消费为零或负数，未纳入消费模型，其终身价值为空。',
    'clv.note.spend_correlation': '购买频次与平均消费相关（r = {corr}）；消费模型假设二者独立，请谨慎解读终身价值。',
    'clv.note.orders_ignored': '{count} 条订单未使用（客户不在列表中或日期晚于分析日期）。',
    'clv.note.single_purchase': '{count} 位客户只在一天购买过；模型视其为存活（概率为 1），不会对其发出预警。',
  },
});
