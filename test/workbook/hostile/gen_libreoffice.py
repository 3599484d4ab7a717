#!/usr/bin/python3
"""LibreOffice cases of the hostile corpus: files saved by LibreOffice Calc.

Usage: /usr/bin/python3 test/workbook/hostile/gen_libreoffice.py
Needs `soffice` (Debian: libreoffice-calc-nogui) and the jszip/openpyxl files already in
test/fixtures/hostile/ (npx tsx test/workbook/hostile/generate.ts; gen_openpyxl.py).
soffice stamps its build, the time and random ids into what it writes, so these files are not
compared with a fresh run by the test; rerun this script to remake them.
"""
import os
import shutil
import subprocess
import sys
import tempfile
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(__file__))
from gen_openpyxl import CUSTOMER_HEADERS, ORDER_HEADERS, customers, orders  # noqa: E402

FIX = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'fixtures', 'hostile')


def convert(src, dest_name, work):
    profile = 'file://' + os.path.join(work, 'profile')
    out = os.path.join(work, 'out')
    os.makedirs(out, exist_ok=True)
    subprocess.run(['soffice', f'-env:UserInstallation={profile}', '--headless', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', out, src],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
    produced = os.path.join(out, os.path.splitext(os.path.basename(src))[0] + '.xlsx')
    shutil.move(produced, os.path.join(FIX, dest_name))
    print(dest_name, os.path.getsize(os.path.join(FIX, dest_name)), 'bytes')


def cell(v):
    if v is None:
        return '<table:table-cell/>'
    if isinstance(v, (int, float)):
        return f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(v))}</text:p></table:table-cell>'


def fods():
    rows = []
    # A merged title, a note row, then the customers (A3:E15) and an annotation on B4.
    rows.append('<table:table-row><table:table-cell table:number-columns-spanned="5" office:value-type="string"><text:p>客户名录（LibreOffice）</text:p></table:table-cell>'
                '<table:covered-table-cell table:number-columns-repeated="4"/></table:table-row>')
    rows.append('<table:table-row>' + cell('来自 CRM 导出') + '</table:table-row>')
    rows.append('<table:table-row>' + ''.join(cell(h) for h in CUSTOMER_HEADERS) + '</table:table-row>')
    for i, r in enumerate(customers()):
        cells = [cell(v) for v in r]
        if i == 0:
            cells[1] = cells[1].replace('<text:p>', '<office:annotation><dc:creator>张经理</dc:creator><text:p>老客户</text:p></office:annotation><text:p>', 1)
        rows.append('<table:table-row>' + ''.join(cells) + '</table:table-row>')
    cust = f'<table:table table:name="客户">{"".join(rows)}</table:table>'
    orows = ['<table:table-row>' + ''.join(cell(h) for h in ORDER_HEADERS) + '</table:table-row>']
    for r in orders():
        date = f'<table:table-cell office:value-type="float" office:value="{r[2]}"><text:p>{r[2]}</text:p></table:table-cell>'
        orows.append('<table:table-row>' + cell(r[0]) + cell(r[1]) + date + cell(r[3]) + cell(r[4]) + '</table:table-row>')
    ords = f'<table:table table:name="订单">{"".join(orows)}</table:table>'
    hidden = '<table:table table:name="隐藏" table:style-name="ta_hidden"><table:table-row>' + cell('隐藏的数据') + '</table:table-row></table:table>'
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles><style:style style:name="ta_hidden" style:family="table"><style:table-properties table:display="false"/></style:style></office:automatic-styles>
<office:body><office:spreadsheet>{cust}{ords}{hidden}
<table:named-expressions><table:named-range table:name="客户区域" table:base-cell-address="$客户.$A$3" table:cell-range-address="$客户.$A$3:.$E$15"/></table:named-expressions>
</office:spreadsheet></office:body></office:document>
'''


def main():
    work = tempfile.mkdtemp(prefix='hostile-lo-')
    try:
        for src, dest in [('baseline-table.xlsx', 'libreoffice-baseline.xlsx'), ('comments.xlsx', 'libreoffice-comments-cf.xlsx'), ('openpyxl-charts.xlsx', 'libreoffice-openpyxl-charts.xlsx')]:
            tmp = os.path.join(work, 'in-' + dest)
            shutil.copy(os.path.join(FIX, src), tmp)
            convert(tmp, dest, work)
        f = os.path.join(work, 'libreoffice-ods-range.fods')
        with open(f, 'w', encoding='utf-8') as fh:
            fh.write(fods())
        convert(f, 'libreoffice-ods-range.xlsx', work)
        tmp = os.path.join(work, 'in-libreoffice-conditional-formats.xlsx')
        shutil.copy(os.path.join(FIX, 'conditional-formats.xlsx'), tmp)
        convert(tmp, 'libreoffice-conditional-formats.xlsx', work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    main()
