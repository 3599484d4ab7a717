// Messages of the scale sources (DuckDB for large CSV/Parquet, PostgreSQL) and `customer-tiers sql`.
import { defineMessages } from '../define';
export const messages = defineMessages({
  en: {
    'scale.bad_engine': 'Option --engine must be duckdb or memory, got "{value}".',
    'scale.duckdb_format': 'The DuckDB engine reads CSV and Parquet files; {file} is neither. Use --engine memory for Excel workbooks.',
    'scale.file_missing': 'Cannot read {file}: the file does not exist.',
    'scale.bad_rows':
      '{file}: {bad} of {total} rows cannot be read by the {engine} engine (customer id blank: {id}; date not YYYY-MM-DD: {date}; amount not a plain number with at most 4 decimals: {amount}). Fix these rows, or run with --engine memory for a row-by-row report.',
    'scale.no_rows': '{file}: no usable order rows.',
    'scale.read_failed': '{file}: the {engine} engine could not read the data: {reason}',
    'scale.bad_url': 'The PostgreSQL address "{url}" is not a postgres:// or postgresql:// URL. Write postgres://host:port/database (credentials from PGUSER/PGPASSWORD or ~/.pgpass).',
    'scale.need_table': 'With a PostgreSQL address, give --orders-table <schema.table> or --orders-query <SQL>.',
    'scale.pg_refused': 'Cannot connect to PostgreSQL at {where}: {reason}. Check that the server runs and the address is right.',
    'scale.pg_auth': 'PostgreSQL at {where} refused the login for user "{user}". Set PGUSER/PGPASSWORD or a ~/.pgpass line (the password is never printed).',
    'scale.sql_failed': 'PostgreSQL at {where} reported: {reason}',
    'scale.no_workbook': 'Writing a workbook (--out, --in-place) needs the orders in memory; with --engine duckdb or a database, write --csv and --json.',
    'scale.sql_usage':
      'Usage: customer-tiers sql --dialect duckdb|postgres|spark|bigquery|snowflake|mysql|clickhouse --config <tiers.json> [--table <schema.table>] [--raw] [--lang zh-CN|en-US]\nPrints the customer-facts query with its parameters. Its result has the customer facts table\'s columns and headings (in the chosen language): paste it, headings included, into a sheet and load it in the task pane as "Customer facts". --raw prints the bare query (the golden SQL the conformance check uses).',
    'scale.bad_dialect': 'Option --dialect must be one of {dialects}, got "{value}".',
  },
  zh: {
    'scale.bad_engine': '选项 --engine 只能是 duckdb 或 memory，收到“{value}”。',
    'scale.duckdb_format': 'DuckDB 引擎只读取 CSV 和 Parquet 文件；{file} 两者都不是。Excel 工作簿请使用 --engine memory。',
    'scale.file_missing': '无法读取 {file}：文件不存在。',
    'scale.bad_rows':
      '{file}：共 {total} 行，其中 {bad} 行 {engine} 引擎无法读取（客户编号为空：{id}；日期不是 YYYY-MM-DD：{date}；金额不是最多 4 位小数的普通数字：{amount}）。请修正这些行，或使用 --engine memory 获取逐行报告。',
    'scale.no_rows': '{file}：没有可用的订单行。',
    'scale.read_failed': '{file}：{engine} 引擎无法读取数据：{reason}',
    'scale.bad_url': 'PostgreSQL 地址“{url}”不是 postgres:// 或 postgresql:// 形式。请写成 postgres://主机:端口/数据库（账号密码取自 PGUSER/PGPASSWORD 或 ~/.pgpass）。',
    'scale.need_table': '使用 PostgreSQL 地址时，请提供 --orders-table <模式.表> 或 --orders-query <SQL>。',
    'scale.pg_refused': '无法连接 {where} 上的 PostgreSQL：{reason}。请检查服务器是否运行、地址是否正确。',
    'scale.pg_auth': '{where} 上的 PostgreSQL 拒绝了用户“{user}”的登录。请设置 PGUSER/PGPASSWORD 或 ~/.pgpass（密码不会被打印）。',
    'scale.sql_failed': '{where} 上的 PostgreSQL 报告：{reason}',
    'scale.no_workbook': '写出工作簿（--out、--in-place）需要把订单读入内存；使用 --engine duckdb 或数据库时，请写出 --csv 和 --json。',
    'scale.sql_usage':
      '用法：customer-tiers sql --dialect duckdb|postgres|spark|bigquery|snowflake|mysql|clickhouse --config <tiers.json> [--table <模式.表>] [--raw] [--lang zh-CN|en-US]\n打印计算客户事实的查询及其参数。其结果带有客户事实表的列和表头（所选语言）：连同表头粘贴到工作表，在任务窗格中以“客户事实”载入。--raw 打印不带表头的原始查询（一致性检查所用的标准 SQL）。',
    'scale.bad_dialect': '选项 --dialect 必须是 {dialects} 之一，收到“{value}”。',
  },
});
