// Messages of the workbook port: what either adapter (Excel or .xlsx) reports with a code, and
// the add-in's sentence for anything unexpected. Keys are `workbook.error.<code>`.
import { defineMessages } from '../define';
export const messages = defineMessages({
  en: {
    'workbook.error.sheetNotFound': 'The workbook has no sheet named "{sheet}". It may have been renamed or deleted; check the data source.',
    'workbook.error.tableNotFound': 'The workbook has no table named "{table}". It may have been renamed or deleted; check the data source.',
    'workbook.error.nameNotFound': 'The workbook has no name "{name}". It may have been renamed or deleted; check the data source.',
    'workbook.error.nameUnsupported': 'The name "{name}" does not refer to one range of cells ({reference}); choose a sheet, a table or a range instead.',
    'workbook.error.addressInvalid': '"{address}" is not a range address such as A1:F200.',
    'workbook.error.sheetNameInvalid': '"{sheet}" is not a sheet name Excel allows.',
    'workbook.error.sheetExists': 'The workbook already has a sheet named "{sheet}".',
    'workbook.error.targetNotEmpty': 'The tier columns would go to {range} on sheet "{sheet}", but {count} cells there hold your data ({cells}). Nothing was written. Move those cells elsewhere, or choose a customer range with free columns to its right.',
    'workbook.error.tableExists': 'The workbook already has a table named "{table}".',
    'workbook.error.tableRowsMismatch': 'The table "{table}" has {tableRows} rows, but {rows} rows of values were to be added to it. It may have changed while the add-in was working; try again.',
    'workbook.error.chartNoSeries': 'The chart "{chart}" has no data to show.',
    'workbook.error.fileUnreadable': 'Cannot read {file} as an Excel workbook: {reason}',
    'workbook.error.excelUnavailable': 'Excel is not available: the add-in is not running inside Excel.',
    'workbook.error.unexpected': 'Something went wrong: {message}. Try again; if it keeps happening, reload the add-in.',
  },
  zh: {
    'workbook.error.sheetNotFound': '工作簿中没有名为“{sheet}”的工作表，可能已被重命名或删除。请检查数据来源。',
    'workbook.error.tableNotFound': '工作簿中没有名为“{table}”的表格，可能已被重命名或删除。请检查数据来源。',
    'workbook.error.nameNotFound': '工作簿中没有名称“{name}”，可能已被重命名或删除。请检查数据来源。',
    'workbook.error.nameUnsupported': '名称“{name}”不是指向一个单元格区域（{reference}）；请改选工作表、表格或区域。',
    'workbook.error.addressInvalid': '“{address}”不是区域地址（例如 A1:F200）。',
    'workbook.error.sheetNameInvalid': '“{sheet}”不是 Excel 允许的工作表名称。',
    'workbook.error.sheetExists': '工作簿中已有名为“{sheet}”的工作表。',
    'workbook.error.targetNotEmpty': '分层列将写入工作表“{sheet}”的 {range}，但其中有 {count} 个单元格存有您的数据（{cells}）。未写入任何内容。请把这些单元格移到别处，或选择右侧有空列的客户区域。',
    'workbook.error.tableExists': '工作簿中已有名为“{table}”的表格。',
    'workbook.error.tableRowsMismatch': '表格“{table}”有 {tableRows} 行，但要添加的值有 {rows} 行。表格可能在加载项运行期间被更改，请重试。',
    'workbook.error.chartNoSeries': '图表“{chart}”没有可显示的数据。',
    'workbook.error.fileUnreadable': '无法将 {file} 作为 Excel 工作簿读取：{reason}',
    'workbook.error.excelUnavailable': 'Excel 不可用：加载项不是在 Excel 中运行。',
    'workbook.error.unexpected': '出现问题：{message}。请重试；如果仍然出现，请重新加载加载项。',
  },
});
