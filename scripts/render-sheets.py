#!/usr/bin/python3
"""Renders every sheet of a workbook the way a screen shows it, with LibreOffice: one PDF per
sheet (the other sheets hidden, the print area cut to columns A:L and the first rows, fitted to
the page width), then PNGs 1366 px wide. Used for the docs/render-*.png images:

    /usr/bin/python3 scripts/render-sheets.py demo/customer-tiers-demo-tiered.xlsx docs/render zh
"""
import os, re, shutil, subprocess, sys, tempfile, zipfile
from xml.sax.saxutils import escape

src, outdir, tag = sys.argv[1], sys.argv[2], sys.argv[3]
only = sys.argv[4] if len(sys.argv) > 4 else None
ROWS = {0: 120}  # the summary (first sheet the add-in writes) gets more rows
os.makedirs(outdir, exist_ok=True)
with zipfile.ZipFile(src) as z:
    names = z.namelist()
    files = {n: z.read(n) for n in names}
wb = files['xl/workbook.xml'].decode()
sheets = re.findall(r'<sheet [^>]*name="([^"]+)"[^>]*/>', wb)
tmp = tempfile.mkdtemp()
for i, name in enumerate(sheets):
    if only and only not in name:
        continue
    if name in ("订单", "Orders") and i < 2:
        continue  # the user's own data (the customer sheet is shown: the tier block and its actions are beside it)
    w = wb
    w = re.sub(r'<sheet ([^>]*?)(?: state="[a-z]+")?/>', lambda m: '<sheet %s state="hidden"/>' % m.group(1), w)
    w = w.replace('<sheet name="%s" ' % name, '<sheet name="%s" ' % name, 1)
    w = re.sub(r'(<sheet name="%s"[^>]*?) state="hidden"/>' % re.escape(name), r'\1/>', w)
    w = re.sub(r'<workbookView[^>]*/>', '<workbookView activeTab="%d" firstSheet="%d"/>' % (i, i), w)
    rows = 120 if re.search(r'汇总|Summary|历史|History', name) else 45  # the history's detail table is below its trend table
    area = "<definedName name=\"_xlnm.Print_Area\" localSheetId=\"%d\">'%s'!$A$1:$L$%d</definedName>" % (i, escape(name).replace("'", "''"), rows)
    if '<definedNames>' in w:
        w = w.replace('<definedNames>', '<definedNames>' + area, 1)
    else:
        w = w.replace('</sheets>', '</sheets><definedNames>' + area + '</definedNames>', 1)
    path = os.path.join(tmp, 'sheet%d.xlsx' % i)
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for n in names:
            z.writestr(n, w.encode() if n == 'xl/workbook.xml' else files[n])
    prof = 'file://' + os.path.join(tmp, 'profile')
    subprocess.run(['soffice', '-env:UserInstallation=' + prof, '--headless', '--convert-to', 'pdf', '--outdir', tmp, path], check=True, capture_output=True, timeout=300)
    pdf = path[:-5] + '.pdf'
    slug = re.sub(r'[^\w\u4e00-\u9fff-]+', '_', name)
    prefix = os.path.join(outdir, 'render-%s-%02d-%s' % (tag, i, slug))
    subprocess.run(['pdftoppm', '-png', '-scale-to-x', '1366', '-scale-to-y', '-1', '-l', '3', pdf, prefix], check=True)
    print(name, sorted(f for f in os.listdir(outdir) if f.startswith(os.path.basename(prefix))))
shutil.rmtree(tmp)
