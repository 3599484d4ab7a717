#!/usr/bin/python3
"""openpyxl cases of the hostile corpus (Debian: apt-get install -y python3-openpyxl).

Usage: /usr/bin/python3 test/workbook/hostile/gen_openpyxl.py [OUT_DIR]
(default OUT_DIR: test/fixtures/hostile). The data is the same as data.ts: 12 customers, the
orders of data.ts. Timestamps are pinned, so the parts are the same on every run (the zip
entry dates are not: the corpus test compares parts, not bytes).
"""
import datetime
import os
import sys

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule, ColorScaleRule, DataBarRule
from openpyxl.styles import Font, PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..', 'fixtures', 'hostile')
PINNED = datetime.datetime(2024, 1, 1, 0, 0, 0)

CUSTOMER_HEADERS = ['客户ID', '客户名称', '地区', '行业', '规模']
ORDER_HEADERS = ['订单号', '客户ID', '订单日期', '金额', '利润']
REGIONS = ['华东', '华北', '华南', '西南']
INDUSTRIES = ['零售', '制造', '餐饮']
SIZES = ['小型', '中型', '大型']
NAMES = ['上海远航贸易', '北京恒信制造', '广州味道餐饮', '成都天府商行', '杭州云栖科技', "=cmd|' /C calc'!A0",
         '+86 138 0013 8000', '@王总的店', '深圳前海物流', '南京金陵食品', '武汉长江机械', '重庆山城火锅']


def customers():
    return [[f'C{i + 1:03d}', n, REGIONS[i % 4], INDUSTRIES[i % 3], SIZES[(i * 2) % 3]] for i, n in enumerate(NAMES)]


def js_round(x):
    # JavaScript Math.round: half up.
    import math
    return math.floor(x + 0.5)


def orders():
    rows = []
    no = 1000
    for i in range(len(NAMES) - 1):
        for k in range((i % 5) + 1):
            serial = 45292 + ((i * 29 + k * 37) % 330)
            amount = js_round(((i * 7919 + k * 104729) % 4800) + 120.5) + 0.25
            no += 1
            rows.append([f'SO{no}', f'C{i + 1:03d}', serial, amount, js_round(amount * 0.2 * 100) / 100])
    rows.sort(key=lambda r: (r[2], r[0]))
    return rows


def as_date(serial, date1904=False):
    base = datetime.datetime(1904, 1, 1) if date1904 else datetime.datetime(1899, 12, 30)
    return base + datetime.timedelta(days=serial - (1462 if date1904 else 0))


def book():
    wb = Workbook()
    wb.properties.creator = 'Hostile Corpus'
    wb.properties.created = PINNED
    wb.properties.modified = PINNED
    wb.properties.lastModifiedBy = 'Hostile Corpus'
    return wb


def save(wb, name):
    wb.properties.modified = PINNED
    path = os.path.join(OUT, name)
    wb.save(path)
    print(name, os.path.getsize(path), 'bytes')


def customer_sheet(wb, table=True, at=1, ws=None):
    ws = ws or wb.active
    ws.title = '客户'
    for j, h in enumerate(CUSTOMER_HEADERS):
        ws.cell(row=at, column=j + 1, value=h)
    for i, r in enumerate(customers()):
        for j, v in enumerate(r):
            # Text that looks like a formula stays text.
            c = ws.cell(row=at + 1 + i, column=j + 1, value=v)
            if isinstance(v, str) and v[:1] in '=+-@':
                c.data_type = 's'
    if table:
        t = Table(displayName='客户表', ref=f'A{at}:E{at + len(NAMES)}')
        t.tableStyleInfo = TableStyleInfo(name='TableStyleMedium9', showRowStripes=True)
        ws.add_table(t)
    return ws


def order_sheet(wb, date1904=False):
    ws = wb.create_sheet('订单')
    ws.append(ORDER_HEADERS)
    for c in ws[1]:
        c.font = Font(bold=True)
    for r in orders():
        ws.append([r[0], r[1], as_date(r[2], date1904), r[3], r[4]])
    for row in ws.iter_rows(min_row=2, min_col=3, max_col=3):
        for c in row:
            c.number_format = 'yyyy-mm-dd'
    return ws


def case_table():
    wb = book()
    customer_sheet(wb)
    order_sheet(wb)
    save(wb, 'openpyxl-table.xlsx')


def case_charts():
    wb = book()
    customer_sheet(wb)
    order_sheet(wb)
    ws = wb.create_sheet('销售图')
    ws.append(['月份', '销售额', '订单数'])
    for m, (s, n) in enumerate([(100, 3), (140, 5), (90, 2), (160, 6)]):
        ws.append([f'{m + 1}月', s, n])
    bar = BarChart()
    bar.title = '月度销售'
    bar.add_data(Reference(ws, min_col=2, min_row=1, max_row=5), titles_from_data=True)
    bar.set_categories(Reference(ws, min_col=1, min_row=2, max_row=5))
    ws.add_chart(bar, 'E2')
    line = LineChart()
    line.title = '订单数'
    line.add_data(Reference(ws, min_col=3, min_row=1, max_row=5), titles_from_data=True)
    ws.add_chart(line, 'E20')
    save(wb, 'openpyxl-charts.xlsx')


def case_validation_cf():
    wb = book()
    ws = customer_sheet(wb)
    dv = DataValidation(type='list', formula1='"华东,华北,华南,西南"', allow_blank=True)
    dv.add('C2:C13')
    ws.add_data_validation(dv)
    ws['B2'].comment = Comment('老客户，2019 年起合作', '张经理')
    ws['A6'].comment = Comment('名字看起来像公式', '张经理')
    o = order_sheet(wb)
    red = PatternFill(start_color='FFC7CE', end_color='FFC7CE', fill_type='solid')
    o.conditional_formatting.add('E2:E60', CellIsRule(operator='lessThan', formula=['0'], fill=red))
    o.conditional_formatting.add('D2:D60', ColorScaleRule(start_type='min', start_color='F8696B', end_type='max', end_color='63BE7B'))
    o.conditional_formatting.add('D2:D60', DataBarRule(start_type='min', end_type='max', color='638EC6'))
    dv2 = DataValidation(type='decimal', operator='greaterThan', formula1='-100000')
    dv2.add('D2:E200')
    o.add_data_validation(dv2)
    save(wb, 'openpyxl-validation-cf.xlsx')


def case_names_merged():
    wb = book()
    ws = customer_sheet(wb, at=3)
    ws['A1'] = '2024 年客户名录（内部）'
    ws['A1'].font = Font(bold=True, size=14)
    ws.merge_cells('A1:E1')
    ws.freeze_panes = 'C4'
    o = order_sheet(wb)
    o.print_title_rows = '1:1'
    o.print_area = 'A1:E60'
    wb.defined_names.append(DefinedName('税率', attr_text='0.13'))
    wb.defined_names.append(DefinedName('客户区域', attr_text="'客户'!$A$3:$E$15"))
    wb.defined_names.append(DefinedName('本表金额', localSheetId=1, attr_text="'订单'!$D$2:$D$60"))
    save(wb, 'openpyxl-names-merged.xlsx')


def case_range_hidden():
    wb = book()
    customer_sheet(wb, table=False)
    order_sheet(wb)
    h = wb.create_sheet('隐藏')
    h.append(['隐藏的数据'])
    h.sheet_state = 'hidden'
    v = wb.create_sheet('机密')
    v.append(['密钥'])
    v.append(['不要动'])
    v.sheet_state = 'veryHidden'
    p = wb.create_sheet('说明')
    p.append(['只读说明'])
    p.protection.sheet = True
    p.protection.password = 'secret'
    save(wb, 'openpyxl-range-hidden.xlsx')


def case_1904():
    wb = book()
    wb.epoch = datetime.datetime(1904, 1, 1)  # openpyxl's switch for date1904
    customer_sheet(wb)
    order_sheet(wb, date1904=True)
    save(wb, 'openpyxl-1904-inline.xlsx')


if __name__ == '__main__':
    os.makedirs(OUT, exist_ok=True)
    case_table()
    case_charts()
    case_validation_cf()
    case_names_merged()
    case_range_hidden()
    case_1904()
