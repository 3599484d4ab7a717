# Renders corpus.ts's workbook descriptions the way pandas/openpyxl users' files are written:
# openpyxl's own writer (inline strings, its table parts, its 1904 epoch). Input: a JSON list of
# {book, file}. Run by generate.ts with /usr/bin/python3.
import datetime
import json
import sys

from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from openpyxl.utils.cell import coordinate_from_string, column_index_from_string
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.table import Table, TableStyleInfo


def value(v):
    if isinstance(v, dict):
        return datetime.datetime.strptime(v["date"], "%Y-%m-%d")
    return v


def render(book, file):
    wb = Workbook()
    wb.remove(wb.active)
    if book.get("date1904"):
        wb.epoch = CALENDAR_MAC_1904
    for s in book["sheets"]:
        ws = wb.create_sheet(s["name"])
        if s.get("hidden"):
            ws.sheet_state = "hidden"
        for block in s["cells"]:
            letters, row = coordinate_from_string(block["at"])
            col = column_index_from_string(letters)
            for i, r in enumerate(block["rows"]):
                for j, v in enumerate(r):
                    if v is None:
                        continue
                    c = ws.cell(row=row + i, column=col + j, value=value(v))
                    if isinstance(v, dict):
                        c.number_format = "yyyy-mm-dd"
        t = s.get("table")
        if t:
            table = Table(displayName=t["name"], ref=t["ref"])
            table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium9", showRowStripes=True)
            if t.get("totals"):
                table.totalsRowCount = 1
            ws.add_table(table)
        for m in s.get("merges", []):
            ws.merge_cells(m)
        for r in s.get("hiddenRows", []):
            ws.row_dimensions[r].hidden = True
        if s.get("autoFilter"):
            ws.auto_filter.ref = s["autoFilter"]
    for n in book.get("names", []):
        wb.defined_names.append(DefinedName(n["name"], attr_text=n["ref"]))
    wb.save(file)


for job in json.load(open(sys.argv[1], encoding="utf-8")):
    render(job["book"], job["file"])
