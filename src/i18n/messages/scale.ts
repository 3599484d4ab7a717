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
      'Usage: customer-tiers sql --dialect duckdb|postgres|spark|bigquery|snowflake|mysql|clickhouse --config <tiers.json> [--table <schema.table>] [--raw] [--lang zh-CN|en-US]\nPrints the customer-facts query with its parameters. Its result has the customer facts table\'s columns and headings (in the chosen language): paste it, headings included, into a sheet and load it in the task pane as "Customer facts". --raw prints the bare query (the golden SQL the conformance check uses).\n\n  --tiers [--into <schema.table>]   print the SQL that computes the tiers inside the warehouse: phase 2 (a histogram of recency and order counts, the money values at the positions the type-7 quantiles read) and phase 3 (CREATE TABLE … AS, cut points as named parameters). ABC, RFM, activity, churn and rules; not CLV, which needs numerical fitting: run classify on the facts for it.\n  --run --orders <file.csv|file.parquet|postgres://…> --into <table>   run all phases (dialect duckdb for a file, postgres for an address; --orders-table or --orders-query with PostgreSQL). The engine computes the cut points between phases; only the result table is created. DuckDB: the table goes to --database <file.duckdb> and/or --csv <out.csv>.',
    'scale.bad_dialect': 'Option --dialect must be one of {dialects}, got "{value}".',
    'scale.tiers_header': 'customer-tiers warehouse tiers, dialect {dialect}. Run the statements in order with the parameters listed above each (bound, never pasted into the SQL).',
    'scale.tiers_no_clv': 'CLV is not computed in SQL (it needs numerical fitting): run `customer-tiers classify` on the customer facts for it.',
    'scale.tiers_phase2a': 'Phase 2a: customers with orders (part n) and the value histograms of recency days (part r) and order counts (part f).',
    'scale.tiers_phase2b': 'Phase 2b: the money (part m) and average order values (part s) at the 1-based positions the type-7 quantiles read.',
    'scale.tiers_phase3': 'Phase 3: the tiers of every customer, written to the result table (CREATE TABLE … AS; it must not exist yet).',
    'scale.tiers_params': 'Parameters:',
    'scale.tiers_positional': 'Placeholders are "?": bind one value per occurrence, in this order:',
    'scale.tiers_param_pos': 'a position the type-7 quantile reads among the N customers of phase 2a (customer-tiers sql --run computes it: for p, ⌊(N−1)·p⌋+1 and the next)',
    'scale.tiers_param_hist_cut': 'cut point {k}: the engine\'s type-7 quantile at {k}/bins of the phase 2a histogram (+1 for scoring "quantile")',
    'scale.tiers_param_money_cut': 'cut point {k}: the engine\'s type-7 quantile at {k}/bins from the phase 2b values (part m) (+1 for scoring "quantile")',
    'scale.tiers_param_spend': 'the engine\'s type-7 quantile of the average order value from the phase 2b values (part s)',
    'scale.tiers_rule_invalid': 'Rule set "{ruleSet}" cannot be compiled to SQL:',
    'scale.tiers_rule_field': 'Rule {rule} of rule set "{ruleSet}" uses the column {what}, which the warehouse SQL does not compute (it computes the order metrics, the ABC, RFM and activity tiers of enabled methods; not names, dimensions, preferences or CLV). Use classify on the facts for this rule.',
    'scale.tiers_rule_function': 'Rule {rule} of rule set "{ruleSet}" uses {what}, which the warehouse SQL cannot compute exactly as the engine does. Compare without rounding (e.g. revenue >= 99.995), or use classify on the facts.',
    'scale.tiers_rule_boolean': 'Rule {rule} of rule set "{ruleSet}" compares true/false values ({what}), which the warehouse SQL does not support. Write the condition directly (e.g. "not (x > 1)" instead of "(x > 1) = false").',
    'scale.tiers_need_orders': 'With --run, give --orders <file.csv|file.parquet|postgres://…>.',
    'scale.tiers_need_into': 'With --run, give --into <table>: the result table to create (an existing table is never replaced).',
    'scale.tiers_need_output': 'With --run on a file, give --database <file.duckdb> to keep the result table, and/or --csv <out.csv>.',
    'scale.tiers_run_dialect': '--run executes with DuckDB (a CSV or Parquet file, --dialect duckdb) or PostgreSQL (a postgres:// address, --dialect postgres); the orders given do not fit --dialect {dialect}. Print the script without --run for other warehouses.',
    'scale.tiers_done': 'Created table {table}: {rows} customers, {scored} of them with orders scored.',
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
      '用法：customer-tiers sql --dialect duckdb|postgres|spark|bigquery|snowflake|mysql|clickhouse --config <tiers.json> [--table <模式.表>] [--raw] [--lang zh-CN|en-US]\n打印计算客户事实的查询及其参数。其结果带有客户事实表的列和表头（所选语言）：连同表头粘贴到工作表，在任务窗格中以“客户事实”载入。--raw 打印不带表头的原始查询（一致性检查所用的标准 SQL）。\n\n  --tiers [--into <模式.表>]   打印在数据仓库内计算分层的 SQL：第 2 阶段（最近购买天数与订单数的取值直方图、type-7 分位数所读位置上的金额）和第 3 阶段（CREATE TABLE … AS，切分点为具名参数）。包括 ABC、RFM、活跃度、流失预警和规则；不含 CLV（需要数值拟合）：请对客户事实运行 classify 计算 CLV。\n  --run --orders <文件.csv|文件.parquet|postgres://…> --into <表>   执行全部阶段（文件用 duckdb 方言，数据库地址用 postgres 方言；PostgreSQL 还需 --orders-table 或 --orders-query）。切分点由引擎在两阶段之间计算；只创建结果表。DuckDB：结果表写入 --database <文件.duckdb> 和/或 --csv <输出.csv>。',
    'scale.bad_dialect': '选项 --dialect 必须是 {dialects} 之一，收到“{value}”。',
    'scale.tiers_header': 'customer-tiers 数据仓库分层，方言 {dialect}。请按顺序执行各语句，并绑定每条语句上方列出的参数（参数绑定，从不拼接进 SQL）。',
    'scale.tiers_no_clv': 'CLV 不在 SQL 中计算（需要数值拟合）：请对客户事实运行 `customer-tiers classify` 计算 CLV。',
    'scale.tiers_phase2a': '第 2a 阶段：有订单的客户数（part n），以及最近购买天数（part r）和订单数（part f）的取值直方图。',
    'scale.tiers_phase2b': '第 2b 阶段：type-7 分位数所读的（从 1 开始的）位置上的金额（part m）和客单价（part s）。',
    'scale.tiers_phase3': '第 3 阶段：每位客户的分层，写入结果表（CREATE TABLE … AS；该表必须尚不存在）。',
    'scale.tiers_params': '参数：',
    'scale.tiers_positional': '占位符为“?”：每次出现绑定一个值，顺序如下：',
    'scale.tiers_param_pos': '第 2a 阶段 N 位客户中 type-7 分位数读取的位置（customer-tiers sql --run 会计算：对 p 取 ⌊(N−1)·p⌋+1 及其后一位）',
    'scale.tiers_param_hist_cut': '切分点 {k}：引擎按第 2a 阶段直方图计算的 {k}/bins 处 type-7 分位数（评分方式 "quantile" 时加 1）',
    'scale.tiers_param_money_cut': '切分点 {k}：引擎按第 2b 阶段取值（part m）计算的 {k}/bins 处 type-7 分位数（评分方式 "quantile" 时加 1）',
    'scale.tiers_param_spend': '引擎按第 2b 阶段取值（part s）计算的客单价 type-7 分位数',
    'scale.tiers_rule_invalid': '规则集“{ruleSet}”无法编译为 SQL：',
    'scale.tiers_rule_field': '规则集“{ruleSet}”的第 {rule} 条规则使用了列 {what}，数据仓库 SQL 不计算该列（它计算订单指标及已启用方法的 ABC、RFM、活跃度分层；不含名称、维度、偏好或 CLV）。请对客户事实运行 classify 来使用这条规则。',
    'scale.tiers_rule_function': '规则集“{ruleSet}”的第 {rule} 条规则使用了 {what}，数据仓库 SQL 无法与引擎完全一致地计算它。请不取整直接比较（如 revenue >= 99.995），或对客户事实运行 classify。',
    'scale.tiers_rule_boolean': '规则集“{ruleSet}”的第 {rule} 条规则比较了真/假值（{what}），数据仓库 SQL 不支持。请直接写条件（如用 "not (x > 1)" 代替 "(x > 1) = false"）。',
    'scale.tiers_need_orders': '使用 --run 时，请给出 --orders <文件.csv|文件.parquet|postgres://…>。',
    'scale.tiers_need_into': '使用 --run 时，请给出 --into <表>：要创建的结果表（不会替换已存在的表）。',
    'scale.tiers_need_output': '对文件使用 --run 时，请给出 --database <文件.duckdb> 以保存结果表，和/或 --csv <输出.csv>。',
    'scale.tiers_run_dialect': '--run 只能用 DuckDB（CSV 或 Parquet 文件，--dialect duckdb）或 PostgreSQL（postgres:// 地址，--dialect postgres）执行；给出的订单来源与 --dialect {dialect} 不符。其他数据仓库请去掉 --run 打印脚本。',
    'scale.tiers_done': '已创建表 {table}：{rows} 位客户，其中 {scored} 位有订单并已评分。',
  },
});
