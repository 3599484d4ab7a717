// Messages about sources: which sheet, table or range was read, where the header row was found,
// rows left out or kept, how the amount was computed and where names came from. Notes name the
// user's own header texts and sheet rows, never internal keys.
import { defineMessages } from '../define';
export const messages = defineMessages({
  en: {
    'warning.source_sheet_chosen': 'The orders were read from sheet "{sheet}" of {file} (the first sheet with order headers). Add #SheetName to the file name to read another.',
    'warning.source_header_row': 'In "{sheet}" the header row is row {row}; the {skipped} row(s) above it (such as "{title}") were skipped.',
    'warning.source_totals_row': 'Row {row} of "{sheet}" is a totals row; it was left out.',
    'warning.source_hidden_rows': '{count} hidden or filtered row(s) of "{sheet}" were read like the others (first: row {row}).',
    'warning.source_merged': '"{sheet}" has merged cells ({areas}); as in Excel, only the top-left cell of each holds its value.',
    'warning.amount_computed': 'There is no amount column: each order line\'s amount is "{quantity}" × "{unitPrice}".',
    'warning.amount_computed_discount':
      'There is no amount column: each order line\'s amount is "{quantity}" × "{unitPrice}" − "{discount}" (the discount is taken off as an amount of money).',
    'warning.names_from_orders': 'Customer names were taken from the orders\' column "{column}" (the first name given for each customer).',
    'warning.names_several':
      '{count} customer(s) appear under more than one name in "{column}", e.g. {customer}: "{name}" and "{other}"; the first name was kept.',

    'issue.line_value_blank.problem': '"{column}" is empty, so the line\'s amount cannot be computed; the row was left out.',
    'issue.line_value_blank.action': 'Fill in "{column}" (0 if nothing was sold), or add an amount column.',
    'issue.line_value_not_number.problem': '"{value}" in "{column}" is not a number, so the line\'s amount cannot be computed; the row was left out.',
    'issue.line_value_not_number.action': 'Write "{column}" as a number, e.g. 3 or 19.90.',
    'issue.discount_rate.problem': 'The discount "{value}" in "{column}" is a rate, not an amount of money; the line\'s amount was not guessed and the row was left out.',
    'issue.discount_rate.action': 'Write the money taken off (e.g. 5.00) in "{column}", or add a column with the amount actually paid.',
    'error.discount_is_rate':
      'The column "{column}" in "{sheet}" holds discount rates (such as {value}), not amounts of money, so amounts cannot be computed as quantity × unit price − discount. Add a column with the discount amount or with the amount paid (金额/amount), or choose another discount column in the settings (columns.orders.discount).',

    'cli.source_missing':
      'The workbook {file} has no sheet, table or named range "{source}". Sheets: {sheets}. Tables: {tables}. Named ranges: {names}.',
    'cli.source_bad_address': '"{source}" in {file} is not a range address such as 订单!B3:G403 or \'Q1 2024\'!B3:F50.',
    'field.orders.unitPrice': 'Unit price',
    'field.orders.discount': 'Discount (amount)',
    'field.orders.customerName': 'Customer name',
  },
  zh: {
    'warning.source_sheet_chosen': '订单读自 {file} 的工作表“{sheet}”（第一个带有订单表头的工作表）。如需读取其他工作表，请在文件名后加 #工作表名。',
    'warning.source_header_row': '“{sheet}”的表头在第 {row} 行；其上方的 {skipped} 行（如“{title}”）已跳过。',
    'warning.source_totals_row': '“{sheet}”第 {row} 行是合计行，未计入。',
    'warning.source_hidden_rows': '“{sheet}”中有 {count} 行被隐藏或筛选掉，已照常读取（第一行：第 {row} 行）。',
    'warning.source_merged': '“{sheet}”中有合并单元格（{areas}）；与 Excel 相同，每个合并区域只有左上角单元格有值。',
    'warning.amount_computed': '没有金额列：每行订单的金额按“{quantity}”×“{unitPrice}”计算。',
    'warning.amount_computed_discount': '没有金额列：每行订单的金额按“{quantity}”×“{unitPrice}”−“{discount}”计算（折扣按金额扣减）。',
    'warning.names_from_orders': '客户名称取自订单的“{column}”列（每位客户第一次出现的名称）。',
    'warning.names_several': '有 {count} 位客户在“{column}”列中有不止一个名称，例如 {customer}：“{name}”和“{other}”；已保留第一个名称。',

    'issue.line_value_blank.problem': '“{column}”为空，无法计算该行金额，该行未计入。',
    'issue.line_value_blank.action': '请填写“{column}”（没有销售填 0），或增加金额列。',
    'issue.line_value_not_number.problem': '“{column}”中的“{value}”不是数字，无法计算该行金额，该行未计入。',
    'issue.line_value_not_number.action': '请把“{column}”写成数字，例如 3 或 19.90。',
    'issue.discount_rate.problem': '“{column}”中的折扣“{value}”是折扣率而不是金额；不会猜测该行金额，该行未计入。',
    'issue.discount_rate.action': '请在“{column}”中填写优惠的金额（如 5.00），或增加一列实付金额。',
    'error.discount_is_rate':
      '“{sheet}”的“{column}”列是折扣率（如 {value}），不是金额，无法按 数量 × 单价 − 折扣 计算金额。请增加一列折扣金额或实付金额（金额），或在设置中另选折扣列（columns.orders.discount）。',

    'cli.source_missing': '工作簿 {file} 中没有名为“{source}”的工作表、表格或名称。工作表：{sheets}。表格：{tables}。名称：{names}。',
    'cli.source_bad_address': '{file} 中的“{source}”不是区域地址，应写成 订单!B3:G403 或 \'Q1 2024\'!B3:F50 这样。',
    'field.orders.unitPrice': '单价',
    'field.orders.discount': '折扣（金额）',
    'field.orders.customerName': '客户名称',
  },
});
