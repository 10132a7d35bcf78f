#!/usr/bin/env python3
"""The cast of the rule test feeds: valid IINs and BINs (docs/feeds.md, "Identity numbers").

Every directory under tests/testdata/rules/ uses the same persons.csv (the cast below) and
takes its organizations from ORGS. Run this script to print the cast with its numbers:

    python3 tests/testdata/rules/make_ids.py            # table: key, number, name
    python3 tests/testdata/rules/make_ids.py persons    # persons.csv

The family of the cast:

            MOM (Серикова Г.А.)                 NUF (Нурланов Н.)
            /              \\                     /            \\
    AHM (Ахметов Б.С.)   BRO (Сериков М.С.)   AHW (Ахметова А.Н.)   NUR (Нурланов Е.Н.)
       == AHW (spouse)      |
      /    |    \\           NEP (Сериков А.М.)
    SON   DAU   ADO (adopted by AHM)
     |
    GRD
    BEK: AHW's daughter from an earlier marriage.  KAS, ZHU, OMA: strangers.
    (Each directory states in kinship.csv only the facts it needs.)
"""
import sys

W1 = list(range(1, 12))
W2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]


def check_digit(d11):
    """The 12th digit for 11 digits, or None when the number cannot be valid."""
    digits = [int(c) for c in d11]
    c = sum(w * x for w, x in zip(W1, digits)) % 11
    if c == 10:
        c = sum(w * x for w, x in zip(W2, digits)) % 11
        if c == 10:
            return None
    return c


def first_valid(prefix, serial_width, start=1):
    """prefix + the first serial >= start whose number has a check digit."""
    serial = start
    while True:
        d11 = prefix + str(serial).zfill(serial_width)
        c = check_digit(d11)
        if c is not None:
            return d11 + str(c)
        serial += 1


def iin(birth, sex, start=1):
    """birth 'YYYY-MM-DD', sex 'M'/'F'."""
    y, m, d = birth.split("-")
    century = 3 if y.startswith("19") else 5
    if sex == "F":
        century += 1
    return first_valid(y[2:] + m + d + str(century), 4, start)


def bin_(yymm, start=1):
    return first_valid(yymm + "40", 5, start)


# key, last_name, first_name, patronymic, birth_date, sex
CAST = [
    ("AHM", "Ахметов", "Бауыржан", "Серикович", "1970-03-15", "M"),
    ("AHW", "Ахметова", "Айгуль", "Нурлановна", "1972-05-20", "F"),
    ("NUR", "Нурланов", "Ерлан", "Нурланович", "1975-07-01", "M"),
    ("NUF", "Нурланов", "Нурлан", "Касенович", "1946-02-02", "M"),
    ("SON", "Ахметов", "Данияр", "Бауыржанович", "1995-02-10", "M"),
    ("DAU", "Ахметова", "Дана", "Бауыржановна", "1998-09-09", "F"),
    ("ADO", "Ахметов", "Алмас", "Бауыржанович", "2003-03-03", "M"),
    ("GRD", "Ахметова", "Айша", "Данияровна", "2020-01-20", "F"),
    ("MOM", "Серикова", "Гульнар", "Амановна", "1945-01-01", "F"),
    ("BRO", "Сериков", "Марат", "Серикович", "1968-11-11", "M"),
    ("NEP", "Сериков", "Асан", "Маратович", "1992-04-04", "M"),
    ("BEK", "Бекова", "Асель", "Маратовна", "1990-10-10", "F"),
    ("KAS", "Касымов", "Тимур", "Ерикович", "1980-08-08", "M"),
    ("ZHU", "Жумабаева", "Салтанат", "Ауезовна", "1985-12-12", "F"),
    ("OMA", "Омаров", "Руслан", "Канатович", "2001-06-06", "M"),
]

# key, registration YYMM, name, kind. The order of the BINs follows YYMM.
ORGS = [
    ("AKM", "9912", "Акимат Алатауского района", "state_body"),
    ("UPR", "0102", "Управление образования", "state_body"),
    ("HLD", "0201", "АО «Холдинг Құрылыс Инвест»", "company"),
    ("OLD", "0405", "ТОО «Старый Подрядчик»", "company"),
    ("ALT", "0503", "ТОО «Алтын Құрылыс»", "company"),
    ("BER", "0807", "ТОО «Береке»", "company"),
    ("C0", "1001", "ТОО «Звено-0»", "company"),
    ("C1", "1002", "ТОО «Звено-1»", "company"),
    ("C2", "1003", "ТОО «Звено-2»", "company"),
    ("C3", "1004", "ТОО «Звено-3»", "company"),
    ("C4", "1005", "ТОО «Звено-4»", "company"),
    ("C5", "1006", "ТОО «Звено-5»", "company"),
    ("C6", "1007", "ТОО «Звено-6»", "company"),
    ("NEW", "1906", "ТОО «Новый Подрядчик»", "company"),
]

IDS = {key: iin(birth, sex) for key, _, _, _, birth, sex in CAST}
IDS.update({key: bin_(yymm) for key, yymm, _, _ in ORGS})


def persons_csv():
    lines = ["iin,last_name,first_name,patronymic,birth_date,sex"]
    for key, last, first, patronymic, birth, sex in CAST:
        lines.append(",".join([IDS[key], last, first, patronymic, birth, sex]))
    return "\n".join(lines) + "\n"


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "persons":
        sys.stdout.write(persons_csv())
        return
    names = {c[0]: f"{c[1]} {c[2]} {c[3]}" for c in CAST}
    names.update({o[0]: o[2] for o in ORGS})
    for key, number in IDS.items():
        print(f"{key:4} {number} {names[key]}")


if __name__ == "__main__":
    main()
