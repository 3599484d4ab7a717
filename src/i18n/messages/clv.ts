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
    'clv.no_profit_column':
      'CLV was not computed: methods.clv.spendFrom is "profit" but the order table has no profit column mapped. Map a profit (margin) column or set spendFrom to "amount".',
    'clv.holdout_before_analysis':
      'CLV was not computed: the holdout end {end} (methods.clv.holdout.end) is not after the analysis date {analysisDate}. Set the analysis date to the end of the calibration period and the holdout end to a later date.',
    'clv.best_needs_holdout':
      'CLV was not computed: methods.clv.model "best" chooses the model by its holdout error, so it needs methods.clv.holdout (with an end after the analysis date).',
    'clv.holdout.verdict_good':
      'Holdout check: the model predicted {predicted} repeat purchases after the analysis date and {actual} happened ({percent} % apart). The fit looks good.',
    'clv.holdout.verdict_poor':
      'Holdout check: the model predicted {predicted} repeat purchases after the analysis date and {actual} happened ({percent} % apart; by purchase-count group {binError} % off). The fit is poor: read the CLV figures with caution.',
    'clv.holdout.title': 'CLV holdout check ({from} to {to})',
    'clv.holdout.bin': 'Repeat purchases before',
    'clv.holdout.customers': 'Customers',
    'clv.holdout.col_predicted': 'Predicted',
    'clv.holdout.col_actual': 'Actual',
    'clv.holdout.predicted': 'Predicted mean',
    'clv.holdout.actual': 'Actual mean',
    'clv.holdout.total': 'Total repeat purchases',
    'clv.holdout.mae': 'Mean absolute error per customer',
    'clv.holdout.ratio': 'Predicted / actual',
    'clv.holdout.week': 'Week ending',
    'clv.holdout.cum_predicted': 'Predicted',
    'clv.holdout.cum_actual': 'Actual',
    'clv.holdout.chart_bins': 'Holdout purchases per customer: predicted vs actual',
    'clv.holdout.chart_cumulative': 'Cumulative repeat purchases: predicted vs actual (calibration to {date})',
    'clv.holdout.axis_purchases': 'Repeat purchases per customer in the holdout',
    'clv.holdout.axis_cumulative': 'Cumulative repeat purchases',
    'out.col.clv_p_no_purchase': 'P(no purchase in horizon)',
    'out.col.clv_expected_purchases_low': 'Expected purchases (low)',
    'out.col.clv_expected_purchases_high': 'Expected purchases (high)',
    'out.col.clv_low': 'CLV (low)',
    'out.col.clv_high': 'CLV (high)',
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
    'clv.no_profit_column': '未计算客户终身价值：methods.clv.spendFrom 为 "profit"，但订单表未映射利润列。请映射利润（毛利）列，或将 spendFrom 设为 "amount"。',
    'clv.holdout_before_analysis':
      '未计算客户终身价值：验证期结束日 {end}（methods.clv.holdout.end）不晚于分析日期 {analysisDate}。请把分析日期设为校准期结束日，并把验证期结束日设为更晚的日期。',
    'clv.best_needs_holdout': '未计算客户终身价值：methods.clv.model 为 "best" 时按验证期误差选择模型，需要设置 methods.clv.holdout（结束日晚于分析日期）。',
    'clv.holdout.verdict_good': '验证期检验：模型预测分析日期之后有 {predicted} 次复购，实际发生 {actual} 次（相差 {percent}%）。拟合良好。',
    'clv.holdout.verdict_poor':
      '验证期检验：模型预测分析日期之后有 {predicted} 次复购，实际发生 {actual} 次（相差 {percent}%；按购买次数分组平均偏差 {binError}%）。拟合较差，请谨慎解读终身价值。',
    'clv.holdout.title': '终身价值验证期检验（{from} 至 {to}）',
    'clv.holdout.bin': '此前复购次数',
    'clv.holdout.customers': '客户数',
    'clv.holdout.col_predicted': '预测',
    'clv.holdout.col_actual': '实际',
    'clv.holdout.predicted': '预测均值',
    'clv.holdout.actual': '实际均值',
    'clv.holdout.total': '复购总次数',
    'clv.holdout.mae': '每位客户平均绝对误差',
    'clv.holdout.ratio': '预测 / 实际',
    'clv.holdout.week': '周末日期',
    'clv.holdout.cum_predicted': '预测',
    'clv.holdout.cum_actual': '实际',
    'clv.holdout.chart_bins': '验证期每位客户购买次数：预测与实际',
    'clv.holdout.chart_cumulative': '累计复购次数：预测与实际（校准期至 {date}）',
    'clv.holdout.axis_purchases': '验证期内每位客户的重复购买次数',
    'clv.holdout.axis_cumulative': '累计重复购买次数',
    'out.col.clv_p_no_purchase': '预测期内不购买的概率',
    'out.col.clv_expected_purchases_low': '预期购买次数（下限）',
    'out.col.clv_expected_purchases_high': '预期购买次数（上限）',
    'out.col.clv_low': '客户终身价值（下限）',
    'out.col.clv_high': '客户终身价值（上限）',
  },
});
