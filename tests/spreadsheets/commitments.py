#!/usr/bin/python3
"""Writes the commitments file a department's clerk would send, as real spreadsheet programs store it.

  commitments.py OUT_DIR

OUT_DIR/commitments.csv     the rows as text
OUT_DIR/commitments.xlsx    the same rows written with openpyxl the way Excel stores a sheet
                            typed by hand: the all-digit 身份证号码 and 原系统编号 as numbers,
                            作出日期 as dates
The LibreOffice Calc copy is made by the test with soffice --convert-to xlsx from the CSV.
"""
import csv
import datetime
import os
import sys

import openpyxl

HEADER = ["承诺人名称", "统一社会信用代码", "承诺类型", "承诺事由", "作出日期", "公开类型", "原系统编号"]


def rows():
    return [
        # A company: its code has letters, every program keeps it as text.
        ["南京某某科技有限公司", "91320100748204660Q", "审批替代型", "食品经营许可", "2026-11-20", "可向社会公开", "20261101"],
        # A person whose number ends in X: kept as text.
        ["王某某", "11010519491231002X", "证明事项型", "居住证明", "2026-11-21", "不可公开", "20261102"],
        # A person whose number is all digits: stored as a number, its last digits lost.
        ["李某某", "110105194912310097", "证明事项型", "居住证明", "2026-11-22", "不可公开", "20261103"],
    ]


def main():
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "commitments.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        w.writerows(rows())
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "信用承诺"
    ws.append(HEADER)
    for r in rows():
        typed = list(r)
        if typed[1].isdigit():
            typed[1] = float(typed[1])      # 18 digits as Excel keeps them: a double
        typed[4] = datetime.date.fromisoformat(typed[4])
        typed[6] = int(typed[6])            # the department's number, a number
        ws.append(typed)
    for cell in ws["E"][1:]:
        cell.number_format = "yyyy-mm-dd"
    wb.save(os.path.join(out_dir, "commitments.xlsx"))


if __name__ == "__main__":
    main()
