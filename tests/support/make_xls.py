#!/usr/bin/env python3
"""Writes the .xls roster that sheet_reader_test.cpp reads: BIFF8, as Excel 97-2003 saves it.

No C library in Debian writes .xls, so the test makes its file with xlwt (python3-xlwt).
Usage: make_xls.py OUTPUT.xls
"""
import datetime
import sys

import xlwt

book = xlwt.Workbook(encoding="utf-8")
sheet = book.add_sheet("花名册")
sheet.write_merge(0, 0, 0, 3, "青山镇中心小学留守儿童花名册")
sheet.write(1, 0, "填报单位：青山镇中心小学")
for column, header in enumerate(["班级", "学生姓名", "身份证号码", "出生日期"]):
    sheet.write(3, column, header)
day = xlwt.easyxf(num_format_str="YYYY-MM-DD")
sheet.write(4, 0, "三年级1班")
sheet.write(4, 1, "张小明")
sheet.write(4, 2, "341122201604010012")
sheet.write(4, 3, datetime.date(2016, 4, 1), day)
sheet.write(5, 0, "三年级1班")
sheet.write(5, 1, "李芳")
sheet.write(5, 2, 341122201605060027)  # typed as a number: digits lost
sheet.write(5, 3, 42496)
book.save(sys.argv[1])
