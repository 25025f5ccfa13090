#!/usr/bin/python3
"""Writes the 行政处罚 file a clerk would send, the ways real spreadsheet programs store it.

  make.py OUT_DIR

OUT_DIR/clerk.csv     the template filled in as text (what the platform's CSV template gives)
OUT_DIR/openpyxl.xlsx the same rows written with openpyxl the way Excel stores a sheet typed by
                      hand: 证件类型 and the all-digit 证件号码 as numbers (an 18-digit number
                      as a double, 15 significant digits), dates as dates
The LibreOffice Calc copy (clerk.xlsx) is made by the test with soffice --convert-to xlsx
from clerk.csv, as a clerk opening the CSV and saving it as .xlsx does.
"""
import csv
import datetime
import os
import sys

import openpyxl

HEADER = ["行政相对人名称", "行政相对人类别", "统一社会信用代码", "法定代表人", "证件类型", "证件号码",
          "决定书文号", "违法行为类型", "违法事实", "处罚依据", "处罚类别", "处罚内容", "罚款金额(万元)",
          "处罚决定日期", "处罚机关", "处罚机关统一社会信用代码", "数据来源单位", "数据来源单位统一社会信用代码"]

DEP = "11320100MB1886843H"
COMMON = ["虚假宣传", "发布虚假广告", "《中华人民共和国广告法》第五十五条", "罚款", "罚款"]


def rows():
    out = []
    # A company: its code has letters, every program keeps it as text.
    out.append(["南京某某科技有限公司", "法人及非法人组织", "91320100748204660Q", "张三", "", "",
                "宁市监罚〔2026〕101号"] + COMMON + ["2.5", "2026-11-20", "南京市市场监督管理局", DEP,
                                                 "南京市市场监督管理局", DEP])
    # A person whose number ends in X: kept as text; 证件类型 01 becomes the number 1.
    out.append(["王某某", "自然人", "", "", "01", "11010519491231002X", "宁市监罚〔2026〕102号"]
               + COMMON + ["0.5", "2026-11-21", "南京市市场监督管理局", DEP, "南京市市场监督管理局", DEP])
    # A person whose number is all digits: stored as a number, its last digits lost.
    out.append(["李某某", "自然人", "", "", "01", "110105194912310097", "宁市监罚〔2026〕103号"]
               + COMMON + ["0.5", "2026-11-22", "南京市市场监督管理局", DEP, "南京市市场监督管理局", DEP])
    return out


def main():
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "clerk.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        w.writerows(rows())

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "行政处罚"
    ws.append(HEADER)
    for r in rows():
        typed = list(r)
        if typed[4]:
            typed[4] = int(typed[4])            # 证件类型: 1
        if typed[5].isdigit():
            typed[5] = float(typed[5])          # 18 digits as Excel keeps them: a double
        typed[12] = float(typed[12])            # the amount, a number
        typed[13] = datetime.date.fromisoformat(typed[13])
        ws.append(typed)
    for cell in ws["N"][1:]:
        cell.number_format = "yyyy-mm-dd"
    wb.save(os.path.join(out_dir, "openpyxl.xlsx"))


if __name__ == "__main__":
    main()
