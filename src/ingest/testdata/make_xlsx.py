#!/usr/bin/env python3
"""Writes penalties.xlsx, the XLSX fixture of src/ingest/xlsx_reader_test.cc.

The parts are laid out the way Excel 2016 for Chinese Windows writes them: namespace
declarations and mc:Ignorable attributes, a workbook with two sheets, shared strings with a
rich-text run and a phonetic run, styles with built-in and custom date formats, blank rows
above the header, spans and x14ac attributes on rows, a merged cell.
Run from anywhere:  python3 src/ingest/testdata/make_xlsx.py
"""
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"""

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""

APP = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application></Properties>"""

CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>市场监管局</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2024-03-01T08:00:00Z</dcterms:created></cp:coreProperties>"""

# The sheet listed first is "行政处罚" (rId2 -> sheet2.xml): workbook order, not file name,
# decides which sheet is read.
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15 xr xr6 xr10 xr2" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" xmlns:xr6="http://schemas.microsoft.com/office/spreadsheetml/2016/revision6" xmlns:xr10="http://schemas.microsoft.com/office/spreadsheetml/2016/revision10" xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2"><fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="22228"/><workbookPr filterPrivacy="1" defaultThemeVersion="164011"/><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="x15"><x15ac:absPath url="C:\\Users\\user\\Desktop\\" xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac"/></mc:Choice></mc:AlternateContent><bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300" xr2:uid="{00000000-000D-0000-FFFF-FFFF00000000}"/></bookViews><sheets><sheet name="行政处罚" sheetId="2" r:id="rId2"/><sheet name="说明" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="171027"/></workbook>"""

WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"""

# cellXfs: 0 General, 1 built-in 14 (yyyy/m/d), 2 custom 176 yyyy"年"m"月"d"日",
# 3 custom 177 0.00_ (a number), 4 built-in 49 (@ text), 5 built-in 22 (date and time).
STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac x16r2" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"><numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;;@"/><numFmt numFmtId="177" formatCode="0.00_ "/></numFmts><fonts count="1" x14ac:knownFonts="1"><font><sz val="11"/><color theme="1"/><name val="等线"/><family val="2"/><charset val="134"/><scheme val="minor"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="14" fontId="0" fillId="0" borderId="0"><alignment vertical="center"/></xf></cellStyleXfs><cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"><alignment vertical="center"/></xf><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"><alignment vertical="center"/></xf><xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="177" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>"""

SHARED = [
    "<si><t>未使用</t></si>",                                        # 0 unused
    "<si><t xml:space=\"preserve\"> 行政相对人名称 </t></si>",       # 1 header (spaces trimmed)
    "<si><t>统一社会信用代码</t></si>",                              # 2
    "<si><t>处罚决定日期</t></si>",                                  # 3
    "<si><t>罚款金额（万元）</t></si>",                              # 4
    "<si><t>备注</t></si>",                                          # 5
    "<si><r><rPr><b/><sz val=\"11\"/></rPr><t>南京</t></r><r><t>某某有限公司</t></r></si>",  # 6
    "<si><t>91320100748204660Q</t><rPh sb=\"0\" eb=\"2\"><t>ナンキン</t></rPh>"
    "<phoneticPr fontId=\"1\" type=\"noConversion\"/></si>",          # 7
    "<si><t>苏州某某科技有限公司</t></si>",                            # 8
    "<si><t>第一行&#10;第二行</t></si>",                              # 9
    "<si><t>处罚决定时间</t></si>",                                  # 10
]
SHARED_STRINGS = ("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">"""
                  % (len(SHARED), len(SHARED)) + "".join(SHARED) + "</sst>")

SHEET_HEAD = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac xr xr2 xr3" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" xr:uid="{00000000-0001-0000-0000-000000000000}">"""

# Rows 1 and 2 hold only styles and white space (the first row with content is the header,
# row 3), rows 4..6 data, row 7 empty, row 8 data with an inline string.
SHEET_PENALTIES = SHEET_HEAD + """<dimension ref="A1:F8"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"><selection activeCell="A4" sqref="A4"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="14.25" x14ac:dyDescent="0.2"/><cols><col min="1" max="1" width="30.625" customWidth="1"/></cols><sheetData><row r="1" spans="1:6" x14ac:dyDescent="0.2"><c r="A1" s="1"/><c r="B1" t="inlineStr"><is><t xml:space="preserve">  </t></is></c></row><row r="2" spans="1:6" x14ac:dyDescent="0.2"><c r="A2" s="1"/><c r="B2" s="1"/></row><row r="3" spans="1:6" x14ac:dyDescent="0.2"><c r="A3" t="s"><v>1</v></c><c r="B3" t="s"><v>2</v></c><c r="C3" t="s"><v>3</v></c><c r="D3" t="s"><v>4</v></c><c r="E3" t="s"><v>5</v></c><c r="F3" t="s"><v>10</v></c></row><row r="4" spans="1:6" x14ac:dyDescent="0.2"><c r="A4" t="s"><v>6</v></c><c r="B4" t="s"><v>7</v></c><c r="C4" s="1"><v>45352</v></c><c r="D4" s="3"><v>1.5</v></c><c r="E4" t="s"><v>9</v></c><c r="F4" s="5"><v>45352.604166666664</v></c></row><row r="5" spans="1:6" x14ac:dyDescent="0.2"><c r="A5" t="s"><v>8</v></c><c r="B5" s="4" t="s"><v>7</v></c><c r="C5" s="2"><v>45658</v></c><c r="D5"><v>20</v></c></row><row r="6" spans="1:6" x14ac:dyDescent="0.2"><c r="A6" t="str"><f>A4&amp;"分公司"</f><v>南京某某有限公司分公司</v></c><c r="C6" s="1"><v>45000</v></c><c r="D6"><v>0.30000000000000004</v></c></row><row r="7" spans="1:6" x14ac:dyDescent="0.2"><c r="A7" s="1"/></row><row r="8" spans="1:6" x14ac:dyDescent="0.2"><c r="A8" t="inlineStr"><is><t>无锡某某商行</t></is></c><c r="D8"><v>1.2E-2</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:F1"/></mergeCells><phoneticPr fontId="1" type="noConversion"/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="portrait" r:id="rId1"/></worksheet>"""

SHEET_NOTES = SHEET_HEAD + """<dimension ref="A1"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>这一页不应被读取</t></is></c></row></sheetData></worksheet>"""


def main():
    path = os.path.join(HERE, "penalties.xlsx")
    members = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("docProps/app.xml", APP),
        ("docProps/core.xml", CORE),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/styles.xml", STYLES),
        ("xl/sharedStrings.xml", SHARED_STRINGS),
        ("xl/worksheets/sheet1.xml", SHEET_NOTES),
        ("xl/worksheets/sheet2.xml", SHEET_PENALTIES),
    ]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in members:
            info = zipfile.ZipInfo(name, date_time=(2024, 3, 1, 8, 0, 0))  # reproducible bytes
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    print("wrote", path)


if __name__ == "__main__":
    main()
