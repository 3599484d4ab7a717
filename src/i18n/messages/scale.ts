// Messages of the scale sources (DuckDB for large CSV/Parquet, PostgreSQL) and `customer-tiers sql`.
import { defineMessages } from '../define';
export const messages = defineMessages({
  en: {
    'scale.bad_engine': 'Option --engine must be duckdb or memory, got "{value}".',
    'scale.duckdb_format': 'The DuckDB engine reads CSV and Parquet files; {file} is neither. Use --engine memory for Excel workbooks.',
    'scale.file_missing': 'Cannot read {file}: the file does not exist.',
    'scale.no_rows': '{file}: no usable order rows.',
    'scale.not_plain_id':
      '{file}: {count} of {total} customer ids in column "{column}" are blank, an Excel error, or end in a tab or other whitespace (e.g. "{value}"). The {engine} engine does not read them as the in-memory reader does, so nothing was classified. Fix the ids, or run with --engine memory for a row-by-row report.',
    'scale.not_plain_date':
      '{file}: {count} of {total} dates in column "{column}" are blank, not a real day, or written in a form the {engine} engine does not read as the in-memory reader does (e.g. "{value}"; it reads 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305 and 3/5/2024 with the day/month order of the column). Nothing was classified. Write these dates as YYYY-MM-DD, or run with --engine memory.',
    'scale.not_plain_amount':
      '{file}: {count} of {total} amounts in column "{column}" are blank or not plain numbers with at most 4 decimals (e.g. "{value}"; currency signs, thousands separators and decimal commas are read only in memory). Nothing was classified. Write plain numbers such as 1234.50, or run with --engine memory.',
    'scale.not_plain_profit':
      '{file}: {count} of {total} profits in column "{column}" are not plain numbers with at most 4 decimals (e.g. "{value}"). Nothing was classified. Write plain numbers such as 12.50 (blank is 0), or run with --engine memory.',
    'scale.not_plain_order_id':
      '{file}: {count} of {total} order ids in column "{column}" are blank or end in a tab or other whitespace. Nothing was classified. Fill them in, or run with --engine memory (which counts each such row as its own order and lists it).',
    'scale.not_plain_lines':
      '{file}: {count} rows have order dates after today or far beyond the other orders, and the file has blank lines or line breaks inside fields, so the {engine} engine cannot name their lines. Nothing was classified. Run with --engine memory for the list of those rows.',
    'scale.not_plain_file': '{file}: the file is not a plain UTF-8 CSV with the header on line 1 ({why}); the DuckDB engine reads only such files. Convert it, or run with --engine memory.',
    'scale.fallback': 'Read in memory instead of with DuckDB: {reason}',
    'scale.read_failed': '{file}: the {engine} engine could not read the data: {reason}',
    'scale.bad_url': 'The PostgreSQL address "{url}" is not a postgres:// or postgresql:// URL. Write postgres://host:port/database (credentials from PGUSER/PGPASSWORD or ~/.pgpass).',
    'scale.need_table': 'With a PostgreSQL address, give --orders-table <schema.table> or --orders-query <SQL>.',
    'scale.pg_refused': 'Cannot connect to PostgreSQL at {where}: {reason}. Check that the server runs and the address is right.',
    'scale.pg_auth': 'PostgreSQL at {where} refused the login for user "{user}". Set PGUSER/PGPASSWORD or a ~/.pgpass line (the password is never printed).',
    'scale.sql_failed': 'PostgreSQL at {where} reported: {reason}',
    'scale.no_workbook': 'Writing a workbook (--out, --in-place) needs the orders in memory; with --engine duckdb or a database, write --csv and --json.',
    'scale.sql_usage':
      'Usage: customer-tiers sql --dialect duckdb|postgres|spark|bigquery|snowflake|mysql|clickhouse --config <tiers.json> [--table <schema.table>]\nPrints the customer-facts query with its parameters.',
    'scale.bad_dialect': 'Option --dialect must be one of {dialects}, got "{value}".',
  },
  zh: {
    'scale.bad_engine': '选项 --engine 只能是 duckdb 或 memory，收到“{value}”。',
    'scale.duckdb_format': 'DuckDB 引擎只读取 CSV 和 Parquet 文件；{file} 两者都不是。Excel 工作簿请使用 --engine memory。',
    'scale.file_missing': '无法读取 {file}：文件不存在。',
    'scale.no_rows': '{file}：没有可用的订单行。',
    'scale.not_plain_id':
      '{file}：“{column}”列的 {total} 个客户编号中有 {count} 个为空、是 Excel 错误值，或首尾带有制表符等空白（例如“{value}”）。{engine} 引擎无法按内存读取器的方式读取它们，因此没有进行分级。请修正这些编号，或使用 --engine memory 获取逐行报告。',
    'scale.not_plain_date':
      '{file}：“{column}”列的 {total} 个日期中有 {count} 个为空、不是真实日期，或其写法 {engine} 引擎无法按内存读取器的方式读取（例如“{value}”；可读取 2024-03-05、2024/3/5、2024.3.5、2024年3月5日、20240305，以及按该列日/月顺序读取的 3/5/2024）。没有进行分级。请把这些日期写成 YYYY-MM-DD，或使用 --engine memory。',
    'scale.not_plain_amount':
      '{file}：“{column}”列的 {total} 个金额中有 {count} 个为空，或不是最多 4 位小数的普通数字（例如“{value}”；货币符号、千位分隔符和小数逗号只在内存模式中读取）。没有进行分级。请写成 1234.50 这样的普通数字，或使用 --engine memory。',
    'scale.not_plain_profit':
      '{file}：“{column}”列的 {total} 个利润中有 {count} 个不是最多 4 位小数的普通数字（例如“{value}”）。没有进行分级。请写成 12.50 这样的普通数字（空白按 0 计），或使用 --engine memory。',
    'scale.not_plain_order_id':
      '{file}：“{column}”列的 {total} 个订单编号中有 {count} 个为空或首尾带有制表符等空白。没有进行分级。请补全它们，或使用 --engine memory（它把每个这样的行算作单独一笔订单并逐行列出）。',
    'scale.not_plain_lines':
      '{file}：有 {count} 行的订单日期晚于今天或远远超出其他订单，而文件含有空行或字段内换行，{engine} 引擎无法指出它们所在的行。没有进行分级。请使用 --engine memory 查看这些行的列表。',
    'scale.not_plain_file': '{file}：该文件不是表头在第 1 行的普通 UTF-8 CSV（{why}）；DuckDB 引擎只读取这样的文件。请转换文件，或使用 --engine memory。',
    'scale.fallback': '改为在内存中读取，而不是用 DuckDB：{reason}',
    'scale.read_failed': '{file}：{engine} 引擎无法读取数据：{reason}',
    'scale.bad_url': 'PostgreSQL 地址“{url}”不是 postgres:// 或 postgresql:// 形式。请写成 postgres://主机:端口/数据库（账号密码取自 PGUSER/PGPASSWORD 或 ~/.pgpass）。',
    'scale.need_table': '使用 PostgreSQL 地址时，请提供 --orders-table <模式.表> 或 --orders-query <SQL>。',
    'scale.pg_refused': '无法连接 {where} 上的 PostgreSQL：{reason}。请检查服务器是否运行、地址是否正确。',
    'scale.pg_auth': '{where} 上的 PostgreSQL 拒绝了用户“{user}”的登录。请设置 PGUSER/PGPASSWORD 或 ~/.pgpass（密码不会被打印）。',
    'scale.sql_failed': '{where} 上的 PostgreSQL 报告：{reason}',
    'scale.no_workbook': '写出工作簿（--out、--in-place）需要把订单读入内存；使用 --engine duckdb 或数据库时，请写出 --csv 和 --json。',
    'scale.sql_usage':
      '用法：customer-tiers sql --dialect duckdb|postgres|spark|bigquery|snowflake|mysql|clickhouse --config <tiers.json> [--table <模式.表>]\n打印计算客户事实的查询及其参数。',
    'scale.bad_dialect': '选项 --dialect 必须是 {dialects} 之一，收到“{value}”。',
  },
});
