#!/usr/bin/env python3
"""Generates the coigraph demo region: the city of Kentau (Turkestan region).

Run from anywhere:  python3 examples/demo/make_demo.py
It rewrites every CSV of the feed (docs/feeds.md) next to this script and
expected_findings.tsv.  Standard library only, no randomness: reruns produce identical files.

The data is declared by hand below (persons, kinship, organizations, staffing table,
commissions, tenders, allocations...).  expected_findings.tsv is computed by a small
independent reading of docs/rules.md at the end of this file, and the script checks it
against the list of planted conflicts (PLANTED) and look-alikes (MUST_NOT_FIRE), so an edit
that breaks the story fails loudly.  See README.md for the story.
"""

import csv
import datetime as dt
import io
import os
import sys

OUT = os.path.dirname(os.path.abspath(__file__))

# --------------------------------------------------------------------------------------------
# IIN / BIN with their check digit (docs/feeds.md, "Identity numbers")
# --------------------------------------------------------------------------------------------


def check_digit(d11):
    digits = [int(c) for c in d11]
    c = sum(d * w for d, w in zip(digits, range(1, 12))) % 11
    if c == 10:
        c = sum(d * w for d, w in zip(digits, [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2])) % 11
        if c == 10:
            return None
    return c


def with_check(first11, bump):
    """first11 ends with a serial; bump the serial until the number has a check digit."""
    head, serial = first11[:-bump], int(first11[-bump:])
    while True:
        d11 = head + str(serial).zfill(bump)
        c = check_digit(d11)
        if c is not None:
            return d11 + str(c)
        serial += 1


_serial = [100]


def make_iin(birth, sex):
    y, m, d = birth.split("-")
    century = {"18": 1, "19": 3, "20": 5}[y[:2]] + (1 if sex == "F" else 0)
    _serial[0] += 7
    return with_check(y[2:] + m + d + str(century) + str(_serial[0]).zfill(4), 4)


def make_bin(yymm, serial, kind="40"):
    return with_check(yymm + kind + str(serial).zfill(5), 5)


# --------------------------------------------------------------------------------------------
# Persons: key, last name, first name, patronymic, birth date, sex[, death date]
# --------------------------------------------------------------------------------------------

PERSONS = [
    # Ахметовы: the first deputy akim's family
    ("serik", "Ахметов", "Серик", "Нурланович", "1947-03-12", "M"),
    ("roza", "Ахметова", "Роза", "Жумабековна", "1950-07-05", "F"),
    ("baurzhan", "Ахметов", "Бауыржан", "Серикович", "1972-05-18", "M"),
    ("dinara", "Ахметова", "Динара", "Кайратовна", "1975-02-14", "F"),
    ("arman", "Ахметов", "Арман", "Бауыржанович", "1998-06-30", "M"),
    ("aliya", "Ахметова", "Алия", "Бауыржановна", "2001-04-09", "F"),
    ("daniyar_a", "Ахметов", "Данияр", "Серикович", "1976-09-02", "M"),
    ("zhanna", "Ахметова", "Жанна", "Маратовна", "1980-01-17", "F"),
    ("timur_a", "Ахметов", "Тимур", "Даниярович", "2005-10-03", "M"),
    # Жұмабаевы: the akim's family
    ("kairat", "Жұмабаев", "Қайрат", "Сейітұлы", "1940-01-20", "M"),
    ("bibigul", "Жұмабаева", "Бибігүл", "Әлімқызы", "1944-05-11", "F"),
    ("murat", "Жұмабаев", "Мұрат", "Қайратұлы", "1970-08-11", "M"),
    ("aigul", "Жұмабаева", "Айгүл", "Сериковна", "1974-11-23", "F"),
    ("nurlan", "Жұмабаев", "Нұрлан", "Мұратұлы", "1996-02-27", "M"),
    ("aruzhan", "Жұмабаева", "Аружан", "Мұратқызы", "1999-12-01", "F"),
    ("erlan_zh", "Жұмабаев", "Ерлан", "Қайратұлы", "1973-04-15", "M"),
    ("saniya", "Жұмабаева", "Сания", "Бекқызы", "1976-09-30", "F"),
    ("olzhas", "Жұмабаев", "Олжас", "Ерланұлы", "1997-07-07", "M"),
    # Нурпеисовы: Динара Ахметова's parents and brother
    ("kairat_n", "Нурпеисов", "Кайрат", "Абенович", "1948-02-02", "M"),
    ("sara", "Нурпеисова", "Сара", "Ахметовна", "1951-06-21", "F"),
    ("erlan_n", "Нурпеисов", "Ерлан", "Кайратович", "1978-08-19", "M"),
    ("madina", "Нурпеисова", "Мадина", "Аскаровна", "1982-03-03", "F"),
    # Ивановы
    ("petr", "Иванов", "Петр", "Иванович", "1950-04-04", "M"),
    ("valentina", "Иванова", "Валентина", "Николаевна", "1953-10-10", "F"),
    ("sergei", "Иванов", "Сергей", "Петрович", "1976-01-25", "M"),
    ("marina", "Ким", "Марина", "Юрьевна", "1979-05-14", "F"),
    ("denis", "Иванов", "Денис", "Сергеевич", "2006-02-12", "M"),
    ("andrei", "Иванов", "Андрей", "Петрович", "1973-07-29", "M"),
    ("elena", "Иванова", "Елена", "Викторовна", "1975-12-08", "F"),
    # Смирновы: Елена Иванова's parents and sister
    ("viktor", "Смирнов", "Виктор", "Павлович", "1949-09-09", "M"),
    ("lyudmila", "Смирнова", "Людмила", "Андреевна", "1952-02-28", "F"),
    ("olga", "Смирнова", "Ольга", "Викторовна", "1978-11-11", "F"),
    # Оспановы
    ("bolat", "Оспанов", "Болат", "Жақсыбекұлы", "1945-03-30", "M", "2019-11-02"),
    ("kulash", "Оспанова", "Күләш", "Нұрмаханқызы", "1948-08-08", "F"),
    ("askhat", "Оспанов", "Асхат", "Болатович", "1971-06-06", "M"),
    ("erbolat", "Оспанов", "Ерболат", "Болатович", "1975-01-31", "M"),
    ("gulmira", "Оспанова", "Гүлмира", "Маратқызы", "1978-04-22", "F"),
    ("aizhan", "Оспанова", "Айжан", "Болатовна", "1983-09-17", "F"),
    # Әбдіровы and Сейітовы: the head of education, her husband, son, daughter-in-law, cousin
    ("abdi", "Әбдіров", "Әбді", "Махмұтұлы", "1938-05-05", "M"),
    ("kanat", "Әбдіров", "Қанат", "Махмұтұлы", "1941-11-19", "M"),
    ("erik", "Әбдіров", "Ерік", "Қанатұлы", "1968-02-14", "M"),
    ("gulnar", "Сейітова", "Гүлнар", "Әбдіқызы", "1966-07-01", "F"),
    ("daniyar_s", "Сейітов", "Данияр", "Ерланович", "1965-03-23", "M"),
    ("bekzat", "Сейітов", "Бекзат", "Даниярович", "1990-10-10", "M"),
    ("kamila", "Сейітова", "Камила", "Руслановна", "1992-12-24", "F"),
    # Абдуллаевы
    ("zhanar", "Абдуллаева", "Жанар", "Тимуровна", "1969-04-12", "F"),
    ("marat_ab", "Абдуллаев", "Марат", "Кенжебекович", "1966-06-16", "M"),
    ("ruslan", "Абдуллаев", "Руслан", "Маратович", "1994-09-05", "M"),
    # Касымовы
    ("talgat", "Касымов", "Талгат", "Ерболович", "1967-01-09", "M"),
    ("gaukhar", "Касымова", "Гаухар", "Сериковна", "1970-03-08", "F"),
    ("asel", "Касымова", "Асель", "Талгатовна", "1998-08-28", "F"),
    # Төлеуовы: the water utility's director, his son and wife
    ("serik_t", "Төлеуов", "Серік", "Нұрланұлы", "1964-12-12", "M"),
    ("saule", "Төлеуова", "Сәуле", "Маратқызы", "1967-05-25", "F"),
    ("aidos", "Төлеуов", "Айдос", "Серікұлы", "1989-03-14", "M"),
    # officials, businessmen and citizens without planted ties
    ("petrov", "Петров", "Андрей", "Николаевич", "1970-10-20", "M"),
    ("ten", "Тен", "Вадим", "Игоревич", "1975-07-13", "M"),
    ("musin", "Мусин", "Тимур", "Ерланович", "1978-02-26", "M"),
    ("li", "Ли", "Виктория", "Сергеевна", "1993-06-19", "F"),
    ("galym", "Бекмұратов", "Ғалым", "Серікұлы", "1980-08-08", "M"),
    ("zhansaya", "Әлиева", "Жансая", "Қанатқызы", "1990-01-30", "F"),
    ("zhaksylykov", "Жақсылықов", "Бекнұр", "Асанұлы", "1985-05-05", "M"),
    ("sarsenbaev", "Сәрсенбаев", "Қуаныш", "Төлегенұлы", "1972-09-27", "M"),
    ("omarov", "Омаров", "Нұржан", "Бекұлы", "1979-11-30", "M"),
    ("ibraimova", "Ибраимова", "Роза", "Темирхановна", "1960-02-17", "F"),
    ("kasenov", "Қасенов", "Бақыт", "Серікұлы", "1983-03-21", "M"),
    ("mamyrov", "Мамыров", "Ербол", "Сапарұлы", "1986-07-15", "M"),
    ("torekhanova", "Төреханова", "Гүлжан", "Маратқызы", "1979-12-05", "F"),
    ("imanbaev", "Иманбаев", "Серік", "Болатұлы", "1981-04-18", "M"),
    ("zholdasbekova", "Жолдасбекова", "Айнұр", "Ерланқызы", "1988-10-02", "F"),
    ("aset", "Нұрмағамбетов", "Әсет", "Қайратұлы", "1980-06-11", "M"),
    ("baizhanova", "Байжанова", "Гүлнар", "Асқарқызы", "1984-01-08", "F"),
    ("ermekov", "Ермеков", "Дәурен", "Маратұлы", "1987-05-29", "M"),
]

P = {}  # key -> IIN
PERSON_ROWS = []
for rec in PERSONS:
    key, last, first, patr, birth, sex = rec[:6]
    death = rec[6] if len(rec) > 6 else ""
    iin = make_iin(birth, sex)
    assert key not in P
    P[key] = iin
    PERSON_ROWS.append([iin, last, first, patr, birth, sex, death])
NAME = {r[0]: f"{r[1]} {r[2]} {r[3]}" for r in PERSON_ROWS}

# --------------------------------------------------------------------------------------------
# Kinship: (person, relative, relation, valid_from, valid_to); parent = person is the parent
# --------------------------------------------------------------------------------------------


def parents(child, *pars):
    return [(p, child, "parent", "", "") for p in pars]


KINSHIP = [
    ("serik", "roza", "spouse", "1970-09-12", ""),
    *parents("baurzhan", "serik", "roza"),
    *parents("daniyar_a", "serik", "roza"),
    *parents("aigul", "serik", "roza"),
    ("baurzhan", "dinara", "spouse", "1996-08-24", ""),
    *parents("arman", "baurzhan", "dinara"),
    *parents("aliya", "baurzhan", "dinara"),
    ("daniyar_a", "zhanna", "spouse", "2003-06-14", ""),
    *parents("timur_a", "daniyar_a", "zhanna"),
    ("kairat", "bibigul", "spouse", "1965-10-01", ""),
    *parents("murat", "kairat", "bibigul"),
    *parents("erlan_zh", "kairat", "bibigul"),
    ("murat", "aigul", "spouse", "1994-07-30", ""),
    *parents("nurlan", "murat", "aigul"),
    *parents("aruzhan", "murat", "aigul"),
    ("erlan_zh", "saniya", "spouse", "1995-09-09", ""),
    *parents("olzhas", "erlan_zh", "saniya"),
    ("kairat_n", "sara", "spouse", "1972-04-04", ""),
    *parents("dinara", "kairat_n", "sara"),
    *parents("erlan_n", "kairat_n", "sara"),
    ("erlan_n", "madina", "spouse", "2004-05-15", ""),
    ("petr", "valentina", "spouse", "1972-08-19", ""),
    *parents("sergei", "petr", "valentina"),
    *parents("andrei", "petr", "valentina"),
    ("sergei", "marina", "spouse", "2003-09-20", "2020-06-01"),  # divorce
    *parents("denis", "sergei", "marina"),
    ("andrei", "elena", "spouse", "1998-10-03", ""),
    ("viktor", "lyudmila", "spouse", "1973-05-05", ""),
    *parents("elena", "viktor", "lyudmila"),
    *parents("olga", "viktor", "lyudmila"),
    ("bolat", "kulash", "spouse", "1968-03-03", "2019-11-02"),  # ended by death
    *parents("askhat", "bolat", "kulash"),
    *parents("erbolat", "bolat", "kulash"),
    *parents("aizhan", "bolat", "kulash"),
    ("erbolat", "gulmira", "spouse", "2001-09-01", ""),
    ("abdi", "kanat", "sibling", "", ""),  # stated by the registry, their parents are not on file
    *parents("gulnar", "abdi"),
    *parents("erik", "kanat"),
    ("daniyar_s", "gulnar", "spouse", "1988-06-18", ""),
    *parents("bekzat", "daniyar_s", "gulnar"),
    ("bekzat", "kamila", "spouse", "2018-09-15", ""),
    ("marat_ab", "zhanar", "spouse", "1991-11-11", ""),
    *parents("ruslan", "zhanar", "marat_ab"),
    ("talgat", "gaukhar", "spouse", "1993-07-17", ""),
    *parents("asel", "talgat", "gaukhar"),
    ("serik_t", "saule", "spouse", "1987-08-08", ""),
    *parents("aidos", "serik_t", "saule"),
    ("galym", "zhansaya", "spouse", "2022-08-20", ""),  # married while he was her boss
]

# --------------------------------------------------------------------------------------------
# Organizations: key, BIN (or IIN of the entrepreneur), name, kind, parent key
# --------------------------------------------------------------------------------------------

REGION = "Туркестанская область"
ORGS = [
    ("akm", make_bin("9904", 1021), "ГУ «Аппарат акима города Кентау»", "state_body", ""),
    ("edu", make_bin("0502", 2217), "ГУ «Отдел образования города Кентау»", "state_body", "akm"),
    ("ksa", make_bin("0311", 3046), "ГКП на ПХВ «Кентау Су Арнасы»", "quasi_state", "akm"),
    ("altyn", make_bin("1006", 11873), "ТОО «Алтын Құрылыс»", "company", ""),
    ("dala", make_bin("0803", 8431), "ТОО «Дала Строй»", "company", ""),
    ("nur", make_bin("0105", 5520), "ТОО «Нур Сервис»", "company", ""),
    ("kaspi", make_bin("1209", 14402), "ТОО «Каспий Тех»", "company", ""),
    ("holding", make_bin("1502", 17731), "ТОО «Оңтүстік Холдинг»", "company", ""),
    ("bereke_inv", make_bin("1507", 18014), "ТОО «Береке Инвест»", "company", "holding"),
    ("bereke_trans", make_bin("1610", 19388), "ТОО «Береке Транс»", "company", "bereke_inv"),
    ("kentau_zhol", make_bin("1103", 12250), "ТОО «Кентау Жол Құрылыс»", "company", ""),
    ("sapa", make_bin("1404", 15967), "ТОО «Сапа Азық»", "company", ""),
    ("zharyk", make_bin("1308", 15101), "ТОО «Жарық Электр»", "company", ""),
    ("stroiinvest", make_bin("1102", 12004), "ТОО «Стройинвест-Юг»", "company", ""),
    ("zhana", make_bin("2107", 29815), "ТОО «Жаңа Құрылыс KZ»", "company", ""),
    ("ip_aigul", P["aigul"], "ИП «Жұмабаева А.С.»", "individual_entrepreneur", ""),
]
O = {k: b for k, b, *_ in ORGS}
ORG_NAME = {b: n for k, b, n, *_ in ORGS}
ORG_KIND = {b: kind for k, b, n, kind, *_ in ORGS}

# --------------------------------------------------------------------------------------------
# Staffing tables: position_id, org, title, reports_to, is_head
# --------------------------------------------------------------------------------------------

POSITIONS = [
    ("AKM-01", "akm", "Аким города", "", "true"),
    ("AKM-02", "akm", "Первый заместитель акима", "AKM-01", "false"),
    ("AKM-03", "akm", "Заместитель акима по социальным вопросам", "AKM-01", "false"),
    ("AKM-04", "akm", "Руководитель аппарата акима", "AKM-01", "false"),
    ("AKM-10", "akm", "Руководитель отдела строительства", "AKM-02", "false"),
    ("AKM-11", "akm", "Руководитель отдела земельных отношений", "AKM-02", "false"),
    ("AKM-12", "akm", "Руководитель отдела ЖКХ и жилищной инспекции", "AKM-02", "false"),
    ("AKM-13", "akm", "Руководитель отдела государственных закупок", "AKM-04", "false"),
    ("AKM-14", "akm", "Руководитель отдела управления персоналом", "AKM-04", "false"),
    ("AKM-20", "akm", "Главный специалист отдела строительства", "AKM-10", "false"),
    ("AKM-21", "akm", "Главный специалист отдела земельных отношений", "AKM-11", "false"),
    ("AKM-22", "akm", "Ведущий специалист отдела государственных закупок", "AKM-13", "false"),
    ("AKM-23", "akm", "Главный специалист отдела управления персоналом", "AKM-14", "false"),
    ("AKM-24", "akm", "Ведущий специалист отдела ЖКХ", "AKM-12", "false"),
    ("AKM-25", "akm", "Специалист аппарата акима", "AKM-04", "false"),
    ("EDU-01", "edu", "Руководитель отдела образования", "", "true"),
    ("EDU-02", "edu", "Заместитель руководителя", "EDU-01", "false"),
    ("EDU-03", "edu", "Главный бухгалтер", "EDU-01", "false"),
    ("EDU-04", "edu", "Главный специалист по государственным закупкам", "EDU-02", "false"),
    ("KSA-01", "ksa", "Директор", "", "true"),
    ("KSA-02", "ksa", "Главный инженер", "KSA-01", "false"),
    ("KSA-03", "ksa", "Мастер участка водоснабжения", "KSA-02", "false"),
    ("KSA-04", "ksa", "Специалист по кадрам", "KSA-01", "false"),
]

# person, position, valid_from, valid_to, appointed_by, selection_commission
EMPLOYMENT = [
    ("murat", "AKM-01", "2019-03-01", "", "", ""),
    ("baurzhan", "AKM-02", "2020-01-15", "", "murat", ""),
    ("elena", "AKM-03", "2019-06-01", "", "murat", ""),
    ("talgat", "AKM-04", "2018-04-02", "", "", ""),
    ("askhat", "AKM-10", "2017-02-01", "", "", ""),
    ("daniyar_s", "AKM-11", "2016-08-01", "", "", ""),
    ("galym", "AKM-12", "2019-01-10", "", "", ""),
    ("musin", "AKM-13", "2018-09-03", "", "", ""),
    ("zhanar", "AKM-14", "2015-03-02", "", "", ""),
    ("aizhan", "AKM-20", "2020-03-02", "", "talgat", "HC-AKM"),
    ("nurlan", "AKM-21", "2019-09-02", "", "talgat", "HC-AKM"),
    ("li", "AKM-22", "2019-04-01", "", "talgat", "HC-AKM"),
    ("ruslan", "AKM-23", "2022-06-01", "", "talgat", "HC-AKM"),
    ("zhansaya", "AKM-24", "2020-02-03", "", "talgat", "HC-AKM"),
    ("arman", "AKM-25", "2021-07-01", "", "talgat", "HC-AKM"),
    ("gulnar", "EDU-01", "2017-01-09", "", "", ""),
    ("erik", "EDU-02", "2018-05-02", "", "gulnar", ""),
    ("kamila", "EDU-03", "2021-02-01", "", "gulnar", ""),
    ("petrov", "EDU-04", "2016-03-01", "", "", ""),
    ("serik_t", "KSA-01", "2015-05-04", "", "", ""),
    ("aidos", "KSA-02", "2018-07-02", "", "serik_t", ""),
    ("asel", "KSA-03", "2023-03-01", "", "serik_t", "HC-KSA"),
    ("zhaksylykov", "KSA-04", "2016-01-11", "", "", ""),
]

# --------------------------------------------------------------------------------------------
# Commissions and yearly seats
# --------------------------------------------------------------------------------------------

COMMISSIONS = [
    ("TC-AKM", "akm", "tender", "Конкурсная комиссия по государственным закупкам акимата"),
    ("TC-EDU", "edu", "tender", "Конкурсная комиссия по государственным закупкам отдела образования"),
    ("LC-AKM", "akm", "land", "Земельная комиссия города Кентау"),
    ("HC-H", "akm", "housing", "Жилищная комиссия акимата"),
    ("HC-AKM", "akm", "hiring", "Конкурсная комиссия по отбору на административные госдолжности"),
    ("HC-KSA", "ksa", "hiring", "Комиссия по отбору персонала ГКП «Кентау Су Арнасы»"),
    ("DC-AKM", "akm", "disciplinary", "Дисциплинарная комиссия акимата"),
    ("DC-EDU", "edu", "disciplinary", "Дисциплинарная комиссия отдела образования"),
    ("BC-AKM", "akm", "bonus", "Комиссия по премированию работников акимата"),
    ("OC-AKM", "akm", "other", "Комиссия по субсидированию сельхозтоваропроизводителей"),
]

# commission, person, role, first year, last year (inclusive), public representative
SEATS = [
    ("TC-AKM", "talgat", "chair", 2019, 2019, False),
    ("TC-AKM", "baurzhan", "chair", 2020, 2024, False),
    ("TC-AKM", "askhat", "member", 2019, 2022, False),
    ("TC-AKM", "musin", "secretary", 2019, 2024, False),
    ("TC-AKM", "li", "expert", 2019, 2024, False),
    ("TC-EDU", "erik", "chair", 2019, 2024, False),
    ("TC-EDU", "petrov", "member", 2019, 2024, False),
    ("TC-EDU", "kamila", "secretary", 2021, 2024, False),
    ("LC-AKM", "daniyar_s", "chair", 2019, 2024, False),
    ("LC-AKM", "nurlan", "secretary", 2020, 2024, False),
    ("LC-AKM", "askhat", "member", 2019, 2020, False),
    ("LC-AKM", "galym", "member", 2021, 2024, False),
    ("LC-AKM", "ibraimova", "member", 2019, 2024, True),
    ("HC-H", "elena", "chair", 2019, 2024, False),
    ("HC-H", "galym", "member", 2019, 2024, False),
    ("HC-H", "li", "secretary", 2019, 2024, False),
    ("HC-H", "ibraimova", "member", 2019, 2024, True),
    ("HC-AKM", "talgat", "chair", 2019, 2024, False),
    ("HC-AKM", "zhanar", "secretary", 2019, 2024, False),
    ("HC-AKM", "musin", "member", 2019, 2024, False),
    ("HC-AKM", "askhat", "member", 2020, 2020, False),
    ("HC-KSA", "serik_t", "chair", 2019, 2024, False),
    ("HC-KSA", "zhaksylykov", "secretary", 2019, 2024, False),
    ("HC-KSA", "talgat", "member", 2020, 2022, False),  # the akimat's delegate, until 2023
    ("DC-AKM", "talgat", "chair", 2019, 2024, False),
    ("DC-AKM", "musin", "member", 2019, 2024, False),
    ("DC-EDU", "gulnar", "chair", 2019, 2024, False),
    ("DC-EDU", "erik", "member", 2019, 2024, False),
    ("DC-EDU", "petrov", "secretary", 2019, 2024, False),
    ("BC-AKM", "murat", "chair", 2019, 2024, False),
    ("BC-AKM", "talgat", "member", 2019, 2024, False),
    ("BC-AKM", "zhanar", "secretary", 2019, 2024, False),
    ("OC-AKM", "talgat", "chair", 2019, 2024, False),
    ("OC-AKM", "nurlan", "secretary", 2021, 2024, False),
    ("OC-AKM", "musin", "member", 2019, 2024, False),
]

# --------------------------------------------------------------------------------------------
# Company roles: company, role, holder (person key or ("org", key)), share, from, to
# --------------------------------------------------------------------------------------------

ROLES = [
    ("altyn", "founder", "erlan_n", "60", "2010-06-14", ""),
    ("altyn", "founder", "madina", "40", "2010-06-14", ""),
    ("altyn", "director", "madina", "", "2010-06-14", ""),
    ("dala", "founder", "sergei", "100", "2008-03-11", ""),
    ("dala", "director", "sergei", "", "2008-03-11", ""),
    ("nur", "founder", "petr", "100", "2001-05-22", ""),
    ("kaspi", "founder", "ten", "100", "2012-09-03", ""),
    ("kaspi", "director", "marina", "", "2015-02-02", ""),
    ("holding", "founder", "daniyar_a", "100", "2015-02-10", ""),
    ("bereke_inv", "founder", ("org", "holding"), "100", "2015-07-01", ""),
    ("bereke_inv", "director", "omarov", "", "2015-07-01", ""),
    ("bereke_trans", "founder", ("org", "bereke_inv"), "70", "2016-10-05", ""),
    ("bereke_trans", "founder", "omarov", "30", "2016-10-05", ""),
    ("kentau_zhol", "founder", "sarsenbaev", "100", "2011-03-15", ""),
    ("sapa", "founder", "petrov", "51", "2014-04-08", ""),
    ("sapa", "founder", "ten", "49", "2014-04-08", ""),
    ("zharyk", "founder", "ten", "100", "2013-08-20", ""),
    ("zharyk", "director", "saule", "", "2019-01-14", ""),
    ("stroiinvest", "founder", "erbolat", "100", "2011-02-07", ""),
    ("stroiinvest", "director", "erbolat", "", "2011-02-07", ""),
    ("zhana", "founder", "gulmira", "100", "2021-07-12", ""),
]

BLACKLIST = [
    ("stroiinvest", "2021-05-01", "2023-05-01",
     "Неисполнение договора о государственных закупках № 2020-112 (строительство школы)"),
]

# --------------------------------------------------------------------------------------------
# Procurement
# --------------------------------------------------------------------------------------------

# tender_id, customer, method, announced, commission, title, amount
TENDERS = [
    ("T-2019-014", "akm", "open_tender", "2019-08-05", "TC-AKM", "Средний ремонт дорог по ул. Абая", 85000000),
    ("T-2021-007", "akm", "open_tender", "2021-03-15", "TC-AKM", "Капитальный ремонт СШ № 5", 240000000),
    ("T-2022-003", "akm", "open_tender", "2022-02-10", "TC-AKM", "Подвоз учащихся сельских школ", 60000000),
    ("T-2022-011", "edu", "open_tender", "2022-08-01", "TC-EDU", "Организация горячего питания в школах", 120000000),
    ("T-2022-020", "akm", "request_for_quotations", "2022-09-12", "TC-AKM", "Благоустройство парка им. Абая", 45000000),
    ("T-2022-027", "akm", "open_tender", "2022-10-03", "TC-AKM", "Уличное освещение мкр. Юбилейный", 30000000),
    ("T-2022-031", "akm", "open_tender", "2022-11-21", "TC-AKM", "Строительство котельной мкр. Ащысай", 180000000),
    ("T-2023-009", "akm", "open_tender", "2023-06-15", "TC-AKM", "Ремонт тротуаров по пр. Яссауи", 52000000),
]

# tender, supplier, outcome, submitted, amount
BIDS = [
    ("T-2019-014", "dala", "won", "2019-08-19", 83500000),
    ("T-2019-014", "kaspi", "lost", "2019-08-20", 84900000),
    ("T-2021-007", "altyn", "won", "2021-03-29", 236000000),
    ("T-2021-007", "dala", "lost", "2021-03-30", 238500000),
    ("T-2022-003", "bereke_trans", "won", "2022-02-24", 59000000),
    ("T-2022-003", "kentau_zhol", "lost", "2022-02-24", 59800000),
    ("T-2022-011", "sapa", "won", "2022-08-15", 118000000),
    ("T-2022-011", "ip_aigul", "lost", "2022-08-16", 119500000),
    ("T-2022-020", "dala", "won", "2022-09-19", 44000000),
    ("T-2022-020", "nur", "lost", "2022-09-19", 44700000),
    ("T-2022-027", "kaspi", "won", "2022-10-17", 29000000),
    ("T-2022-027", "dala", "lost", "2022-10-17", 29500000),
    ("T-2022-027", "zharyk", "rejected", "2022-10-18", 28000000),
    ("T-2022-031", "zhana", "won", "2022-12-05", 176000000),
    ("T-2022-031", "altyn", "lost", "2022-12-05", 178000000),
    ("T-2023-009", "zhana", "won", "2023-06-29", 51000000),
    ("T-2023-009", "kentau_zhol", "lost", "2023-06-29", 51500000),
]

# contract, customer, supplier, signed, tender, signed_by, amount
CONTRACTS = [
    ("D-2019-031", "akm", "dala", "2019-09-10", "T-2019-014", "talgat", 83500000),
    ("D-2021-019", "akm", "altyn", "2021-04-20", "T-2021-007", "murat", 236000000),
    ("D-2022-008", "akm", "bereke_trans", "2022-03-14", "T-2022-003", "musin", 59000000),
    ("D-2022-044", "edu", "sapa", "2022-09-01", "T-2022-011", "gulnar", 118000000),
    ("D-2022-052", "akm", "dala", "2022-10-03", "T-2022-020", "musin", 44000000),
    ("D-2022-061", "akm", "kaspi", "2022-11-07", "T-2022-027", "musin", 29000000),
    ("D-2023-002", "akm", "zhana", "2023-01-09", "T-2022-031", "baurzhan", 176000000),
    ("KSA-2023-005", "ksa", "zharyk", "2023-03-01", "", "serik_t", 14800000),
    ("D-2023-012", "akm", "ip_aigul", "2023-05-10", "", "baurzhan", 4500000),
    ("D-2023-040", "akm", "zhana", "2023-07-20", "T-2023-009", "baurzhan", 51000000),
]

# --------------------------------------------------------------------------------------------
# Waiting lists and allocations
# --------------------------------------------------------------------------------------------

# commission, person, queue number, registered, removed
WAITING = [
    ("LC-AKM", "kasenov", 1, "2016-02-01", ""),
    ("LC-AKM", "daniyar_s", 2, "2016-05-04", ""),
    ("LC-AKM", "mamyrov", 3, "2017-01-10", ""),
    ("LC-AKM", "torekhanova", 4, "2017-03-15", "2020-01-13"),
    ("LC-AKM", "imanbaev", 5, "2018-02-20", ""),
    ("LC-AKM", "zholdasbekova", 6, "2018-11-05", ""),
    ("LC-AKM", "aliya", 7, "2019-06-03", ""),
    ("LC-AKM", "olzhas", 8, "2019-08-01", ""),
    ("LC-AKM", "aizhan", 9, "2020-02-10", ""),
    ("HC-H", "aset", 1, "2014-03-03", ""),
    ("HC-H", "olga", 2, "2015-06-01", ""),
    ("HC-H", "petr", 3, "2015-09-14", ""),
    ("HC-H", "baizhanova", 4, "2016-04-18", ""),
    ("HC-H", "ermekov", 5, "2017-10-09", ""),
]

# decision, kind, commission, recipient, date, object, queue number, approved_by
ALLOCATIONS = [
    ("ZK-2021-031", "land", "LC-AKM", "kasenov", "2021-05-10", "19:297:001:0412", 1, "baurzhan"),
    ("ZK-2021-058", "land", "LC-AKM", "daniyar_s", "2021-09-15", "19:297:001:0419", 2, "baurzhan"),
    ("ZK-2022-012", "land", "LC-AKM", "aliya", "2022-03-10", "19:297:002:0077", 7, "baurzhan"),
    ("ZK-2022-064", "land", "LC-AKM", "aizhan", "2022-11-01", "19:297:002:0091", 9, "baurzhan"),
    ("ZK-2023-020", "land", "LC-AKM", "olzhas", "2023-05-15", "19:297:003:0005", 8, "baurzhan"),
    ("ZhK-2021-004", "housing", "HC-H", "olga", "2021-04-10", "ул. Яссауи 14, кв. 27", 2, "murat"),
    ("ZhK-2021-011", "housing", "HC-H", "aset", "2021-09-01", "ул. Яссауи 14, кв. 31", 1, "murat"),
    ("ZhK-2022-006", "housing", "HC-H", "petr", "2022-06-15", "ул. Ленина 3, кв. 8", 3, "murat"),
    ("SUB-2023-017", "other", "OC-AKM", "kairat", "2023-04-20", "субсидия на приобретение племенного скота", "", "murat"),
    ("SUB-2023-018", "other", "OC-AKM", "mamyrov", "2023-04-20", "субсидия на удешевление ГСМ", "", "murat"),
]

# case, subject, opened, investigator, commission, outcome
DISCIPLINARY = [
    ("DR-2023-002", "ruslan", "2023-02-01", "zhanar", "DC-AKM", "замечание не объявлено"),
    ("DR-2023-019", "kamila", "2023-10-05", "", "DC-EDU", "прекращено"),
    ("DR-2024-001", "erik", "2024-01-22", "gulnar", "", "выговор"),
]

# bonus, recipient, approved_by, org, date, amount
BONUSES = [
    ("PR-2021-120", "baurzhan", "murat", "akm", "2021-12-20", 350000),
    ("PR-2021-121", "arman", "murat", "akm", "2021-12-20", 120000),
    ("PR-KSA-2022-09", "aidos", "serik_t", "ksa", "2022-12-26", 450000),
]

RESIDENCE = [
    ("serik", "KNT-ABAI-12", "1975-01-01"), ("roza", "KNT-ABAI-12", "1975-01-01"),
    ("baurzhan", "KNT-YASSAUI-5-14", "1997-03-01"), ("dinara", "KNT-YASSAUI-5-14", "1997-03-01"),
    ("arman", "KNT-YASSAUI-5-14", "1998-07-15"), ("aliya", "KNT-YASSAUI-5-14", "2001-05-01"),
    ("daniyar_a", "KNT-ABAI-12", "1976-10-01"),
    ("kairat", "KNT-BAIDIBEK-7", "1970-01-01"), ("bibigul", "KNT-BAIDIBEK-7", "1970-01-01"),
    ("murat", "KNT-TAUKE-21", "1995-01-01"), ("aigul", "KNT-TAUKE-21", "1995-01-01"),
    ("nurlan", "KNT-TAUKE-21", "1996-03-15"), ("olzhas", "KNT-BAIDIBEK-7", "1997-08-01"),
    ("erlan_n", "SHYM-TOLE-BI-88", "2004-06-01"), ("madina", "SHYM-TOLE-BI-88", "2004-06-01"),
    ("sergei", "KNT-LENINA-3-8", "2003-10-01"), ("marina", "KNT-LENINA-3-8", "2003-10-01"),
    ("petr", "KNT-LENINA-3-2", "1980-01-01"), ("valentina", "KNT-LENINA-3-2", "1980-01-01"),
    ("andrei", "KNT-MIRA-9", "1998-11-01"), ("elena", "KNT-MIRA-9", "1998-11-01"),
    ("olga", "KNT-MIRA-11", "2005-04-01"),
    ("askhat", "KNT-ASHYSAI-2", "1995-01-01"), ("erbolat", "KNT-ASHYSAI-4", "2001-10-01"),
    ("gulmira", "KNT-ASHYSAI-4", "2001-10-01"), ("aizhan", "KNT-ASHYSAI-2", "1983-10-01"),
    ("gulnar", "KNT-KAZYBEK-30", "1988-07-01"), ("daniyar_s", "KNT-KAZYBEK-30", "1988-07-01"),
    ("bekzat", "KNT-KAZYBEK-30", "1990-11-01"), ("kamila", "KNT-KAZYBEK-30", "2018-10-01"),
    ("zhanar", "KNT-ABAI-40", "1992-01-01"), ("ruslan", "KNT-ABAI-40", "1994-10-01"),
    ("talgat", "KNT-TAUKE-3", "1993-08-01"), ("asel", "KNT-TAUKE-3", "1998-09-15"),
    ("serik_t", "KNT-AYTEKE-1", "1988-01-01"), ("saule", "KNT-AYTEKE-1", "1988-01-01"),
    ("galym", "KNT-MIRA-20", "2015-05-01"), ("zhansaya", "KNT-MIRA-20", "2022-09-01"),
]

# --------------------------------------------------------------------------------------------
# The planted conflicts (rule, object_id, official, counterparty, relation) and look-alikes
# (rule, object_id, official, counterparty) that must not fire.  Keys are person/org keys.
# --------------------------------------------------------------------------------------------

PLANTED = [
    ("HIRE_SUBORDINATION", "AKM-02", "murat", "baurzhan", "spouse.sibling"),
    ("HIRE_SUBORDINATION", "AKM-20", "askhat", "aizhan", "sibling"),
    ("HIRE_SUBORDINATION", "AKM-23", "zhanar", "ruslan", "child"),
    ("HIRE_SUBORDINATION", "AKM-24", "galym", "zhansaya", "spouse"),
    ("HIRE_SUBORDINATION", "EDU-03", "gulnar", "kamila", "child.spouse"),
    ("HIRE_SUBORDINATION", "KSA-02", "serik_t", "aidos", "child"),
    ("HIRE_CHAIN", "AKM-21", "murat", "nurlan", "child"),
    ("HIRE_APPOINTER", "AKM-02", "murat", "baurzhan", "spouse.sibling"),
    ("HIRE_APPOINTER", "EDU-03", "gulnar", "kamila", "child.spouse"),
    ("HIRE_APPOINTER", "KSA-02", "serik_t", "aidos", "child"),
    ("HIRE_COMMISSION", "AKM-20", "askhat", "aizhan", "sibling"),
    ("HIRE_COMMISSION", "AKM-23", "zhanar", "ruslan", "child"),
    ("TENDER_COMMISSION", "T-2021-007", "baurzhan", "altyn", "spouse.sibling>founder"),
    ("TENDER_COMMISSION", "T-2022-003", "baurzhan", "bereke_trans", "sibling>founder"),
    ("TENDER_COMMISSION", "T-2022-011", "petrov", "sapa", "self>founder"),
    ("TENDER_COMMISSION", "T-2022-031", "baurzhan", "altyn", "spouse.sibling>founder"),
    ("TENDER_COMMISSION", "T-2022-031", "askhat", "zhana", "sibling.spouse>founder"),
    ("TENDER_SIGNATORY", "KSA-2023-005", "serik_t", "zharyk", "spouse>director"),
    ("TENDER_SIGNATORY", "D-2023-012", "baurzhan", "ip_aigul", "sibling>owner"),
    ("TENDER_AFFILIATED_BIDDERS", "T-2019-014", "dala", "kaspi", "founder<spouse>director"),
    ("TENDER_AFFILIATED_BIDDERS", "T-2022-020", "nur", "dala", "founder<child>founder"),
    ("TENDER_AFFILIATED_BIDDERS", "T-2022-027", "kaspi", "zharyk", "founder<self>founder"),
    ("TENDER_BLACKLIST_SUCCESSOR", "T-2022-031", "zhana", "stroiinvest", "founder<spouse>founder"),
    ("LAND_COMMISSION", "ZK-2021-058", "daniyar_s", "daniyar_s", "self"),
    ("LAND_COMMISSION", "ZK-2022-012", "baurzhan", "aliya", "child"),
    ("HOUSING_COMMISSION", "ZhK-2021-004", "elena", "olga", "sibling"),
    ("HOUSING_COMMISSION", "ZhK-2022-006", "elena", "petr", "spouse.parent"),
    ("LAND_QUEUE_JUMP", "ZK-2022-012", "baurzhan", "aliya", "child"),
    ("HOUSING_QUEUE_JUMP", "ZhK-2021-004", "elena", "olga", "sibling"),
    ("DISCIPLINARY_INTERESTED", "DR-2023-002", "zhanar", "ruslan", "child"),
    ("DISCIPLINARY_INTERESTED", "DR-2023-019", "gulnar", "kamila", "child.spouse"),
    ("BONUS_RELATIVE", "PR-2021-120", "murat", "baurzhan", "spouse.sibling"),
    ("BONUS_RELATIVE", "PR-KSA-2022-09", "serik_t", "aidos", "child"),
    ("COMMISSION_OTHER", "SUB-2023-017", "murat", "kairat", "parent"),
    ("COMMISSION_OTHER", "SUB-2023-017", "nurlan", "kairat", "parent.parent"),
]

MUST_NOT_FIRE = [
    ("HIRE_SUBORDINATION", "EDU-02", "gulnar", "erik"),  # cousins
    ("HIRE_APPOINTER", "EDU-02", "gulnar", "erik"),  # cousins
    ("HIRE_CHAIN", "AKM-21", "baurzhan", "nurlan"),  # uncle and nephew
    ("HIRE_CHAIN", "AKM-25", "murat", "arman"),  # uncle by marriage and nephew
    ("HIRE_COMMISSION", "KSA-03", "talgat", "asel"),  # father's seat ended on 2023-01-01
    ("TENDER_AFFILIATED_BIDDERS", "T-2022-027", "dala", "kaspi"),  # divorced on 2020-06-01
    ("TENDER_SIGNATORY", "D-2021-019", "murat", "altyn"),  # wife's brother's wife's brother
    ("TENDER_COMMISSION", "T-2023-009", "baurzhan", "zhana"),  # not kin
    ("TENDER_BLACKLIST_SUCCESSOR", "T-2023-009", "zhana", "stroiinvest"),  # blacklist ended
    ("LAND_QUEUE_JUMP", "ZK-2021-058", "daniyar_s", "daniyar_s"),  # nobody ahead was waiting
    ("LAND_COMMISSION", "ZK-2022-064", "askhat", "aizhan"),  # brother's seat ended 2021-01-01
    ("LAND_COMMISSION", "ZK-2023-020", "nurlan", "olzhas"),  # cousins
    ("HOUSING_QUEUE_JUMP", "ZhK-2022-006", "elena", "petr"),  # served in turn
    ("DISCIPLINARY_INTERESTED", "DR-2024-001", "gulnar", "erik"),  # cousins
    ("BONUS_RELATIVE", "PR-2021-121", "murat", "arman"),  # nephew
]

# --------------------------------------------------------------------------------------------
# Writing the feed
# --------------------------------------------------------------------------------------------


def ref(k):
    """A person key, an org key, or ("org", key) -> IIN/BIN."""
    if isinstance(k, tuple):
        return O[k[1]]
    return P[k] if k in P else O[k]


def year_seats():
    for c, who, role, y0, y1, public in SEATS:
        for y in range(y0, y1 + 1):
            yield (c, P[who], role, f"{y}-01-01", f"{y + 1}-01-01", "true" if public else "false")


def amount(v):
    return "" if v == "" else f"{v:.2f}"


def tables():
    t = {}
    t["persons.csv"] = (["iin", "last_name", "first_name", "patronymic", "birth_date", "sex",
                         "death_date"], PERSON_ROWS)
    t["kinship.csv"] = (["person_iin", "relative_iin", "relation", "valid_from", "valid_to"],
                        [[P[a], P[b], r, f, to] for a, b, r, f, to in KINSHIP])
    t["organizations.csv"] = (["bin", "name", "kind", "parent_bin", "region"],
                              [[b, n, kind, O[p] if p else "", REGION]
                               for k, b, n, kind, p in ORGS])
    t["positions.csv"] = (["position_id", "org_bin", "title", "reports_to", "is_head"],
                          [[i, O[o], title, up, head] for i, o, title, up, head in POSITIONS])
    t["employment.csv"] = (["person_iin", "position_id", "valid_from", "valid_to",
                            "appointed_by_iin", "selection_commission_id"],
                           [[P[p], pos, f, to, P[a] if a else "", sc]
                            for p, pos, f, to, a, sc in EMPLOYMENT])
    t["commissions.csv"] = (["commission_id", "org_bin", "kind", "title", "valid_from", "valid_to"],
                            [[c, O[o], kind, title, "2015-01-01", ""]
                             for c, o, kind, title in COMMISSIONS])
    t["commission_members.csv"] = (["commission_id", "person_iin", "role", "valid_from",
                                    "valid_to", "public_representative"], list(year_seats()))
    rows = []
    for comp, role, holder, share, f, to in ROLES:
        hi = "" if isinstance(holder, tuple) else P[holder]
        hb = O[holder[1]] if isinstance(holder, tuple) else ""
        rows.append([O[comp], role, hi, hb, share, f, to])
    t["company_roles.csv"] = (["company_bin", "role", "holder_iin", "holder_bin", "share_pct",
                               "valid_from", "valid_to"], rows)
    t["tenders.csv"] = (["tender_id", "customer_bin", "method", "announced_date", "commission_id",
                         "title", "amount_kzt"],
                        [[i, O[c], m, d, com, title, amount(a)]
                         for i, c, m, d, com, title, a in TENDERS])
    t["bids.csv"] = (["tender_id", "supplier_bin", "outcome", "submitted_date", "amount_kzt"],
                     [[tid, O[s], o, d, amount(a)] for tid, s, o, d, a in BIDS])
    t["contracts.csv"] = (["contract_id", "customer_bin", "supplier_bin", "signed_date",
                           "tender_id", "signed_by_iin", "amount_kzt"],
                          [[i, O[c], O[s], d, tid, P[by], amount(a)]
                           for i, c, s, d, tid, by, a in CONTRACTS])
    t["waiting_list.csv"] = (["commission_id", "person_iin", "queue_number", "registered_date",
                              "removed_date"],
                             [[c, P[p], q, r, rm] for c, p, q, r, rm in WAITING])
    t["allocations.csv"] = (["decision_id", "kind", "commission_id", "recipient_iin",
                             "decision_date", "object_id", "queue_number", "approved_by_iin"],
                            [[i, k, c, P[r], d, obj, q, P[a] if a else ""]
                             for i, k, c, r, d, obj, q, a in ALLOCATIONS])
    t["disciplinary.csv"] = (["case_id", "subject_iin", "opened_date", "investigator_iin",
                              "commission_id", "outcome"],
                             [[i, P[s], d, P[inv] if inv else "", c, out]
                              for i, s, d, inv, c, out in DISCIPLINARY])
    t["bonuses.csv"] = (["bonus_id", "recipient_iin", "approved_by_iin", "org_bin", "date",
                         "amount_kzt"],
                        [[i, P[r], P[a], O[o], d, amount(x)] for i, r, a, o, d, x in BONUSES])
    t["blacklist.csv"] = (["supplier_bin", "valid_from", "valid_to", "reason"],
                          [[O[s], f, to, why] for s, f, to, why in BLACKLIST])
    t["residence.csv"] = (["person_iin", "address_id", "valid_from", "valid_to"],
                          [[P[p], a, f, ""] for p, a, f in RESIDENCE])
    return t


def write_csv(name, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


# --------------------------------------------------------------------------------------------
# An independent reading of docs/rules.md, to compute expected_findings.tsv
# --------------------------------------------------------------------------------------------

D = dt.date.fromisoformat
MIN, MAX = dt.date.min, dt.date.max


def holds(f, to, day):
    return (not f or D(f) <= day) and (not to or day < D(to))


KIN_ORDER = ["self", "spouse", "parent", "child", "sibling", "parent.parent", "child.child",
             "spouse.parent", "spouse.sibling", "spouse.child", "child.spouse",
             "sibling.spouse", "parent.spouse"]
ROLE_ORDER = ["founder", "owner", "beneficial_owner", "director", "board_member"]
OWNERSHIP = {"founder", "owner", "beneficial_owner"}


def steps(p, day):
    """(step, person) pairs out of IIN p on day."""
    out = set()
    par = {}  # child -> parents holding on day
    for a, b, rel, f, to in ((P[a], P[b], r, f, to) for a, b, r, f, to in KINSHIP):
        if not holds(f, to, day):
            continue
        if rel in ("parent", "adoptive_parent"):
            par.setdefault(b, set()).add(a)
            if a == p:
                out.add(("child", b))
            if b == p:
                out.add(("parent", a))
        elif rel in ("spouse", "sibling"):
            if a == p:
                out.add((rel, b))
            if b == p:
                out.add((rel, a))
    for c, ps in par.items():
        if c == p:
            continue
        if ps & par.get(p, set()):
            out.add(("sibling", c))
    return {(s, q) for s, q in out if q != p}


def legal_kin(p, day):
    best = {}
    for s1, q1 in steps(p, day):
        cands = [(s1, q1)] + [(f"{s1}.{s2}", q2) for s2, q2 in steps(q1, day)]
        for path, q in cands:
            if q == p or path not in KIN_ORDER:
                continue
            if q not in best or KIN_ORDER.index(path) < KIN_ORDER.index(best[q]):
                best[q] = path
    return best


def kin_between(a, b, day):
    return "self" if a == b else legal_kin(a, day).get(b)


def companies_of(person, day):
    """company BIN -> (links, role) of the closest business tie of a person."""
    best = {}

    def offer(c, links, role):
        key = (links, ROLE_ORDER.index(role))
        if c not in best or key < (best[c][0], ROLE_ORDER.index(best[c][1])):
            best[c] = (links, role)

    tops = []
    for comp, role, holder, share, f, to in ROLES:
        if isinstance(holder, tuple) or P[holder] != person or not holds(f, to, day):
            continue
        offer(O[comp], 0, role)
        if role in OWNERSHIP:
            tops.append((O[comp], role))
    if ORG_KIND.get(person) == "individual_entrepreneur":
        offer(person, 0, "owner")
        tops.append((person, "owner"))
    for top, role in tops:
        frontier = [top]
        for links in range(1, 6):
            nxt = []
            for c in frontier:
                for comp, r, holder, share, f, to in ROLES:
                    if (isinstance(holder, tuple) and O[holder[1]] == c and r in OWNERSHIP
                            and holds(f, to, day)):
                        offer(O[comp], links, role)
                        nxt.append(O[comp])
            frontier = nxt
    return best


def holders_of(company, day):
    out = []
    for iin in P.values():
        t = companies_of(iin, day).get(company)
        if t:
            out.append((iin, t[0], t[1]))
    return out


def person_to_company(official, company, day):
    best = None
    for q, links, role in holders_of(company, day):
        k = kin_between(official, q, day)
        if k is None:
            continue
        key = (KIN_ORDER.index(k), links, ROLE_ORDER.index(role), q)
        if best is None or key < best[0]:
            best = (key, f"{k}>{role}")
    return best and best[1]


def company_to_company(x, y, day):
    best = None
    for p, lp, rp in holders_of(x, day):
        for q, lq, rq in holders_of(y, day):
            k = kin_between(p, q, day)
            if k is None:
                continue
            key = (KIN_ORDER.index(k), lp + lq, ROLE_ORDER.index(rp), ROLE_ORDER.index(rq), p, q)
            if best is None or key < best[0]:
                best = (key, f"{rp}<{k}>{rq}")
    return best and best[1]


def members(commission, day):
    return sorted({P[who] for c, who, role, y0, y1, pub in SEATS
                   if c == commission and y0 <= day.year <= y1})


def findings():
    out = {}

    def add(rule, obj, day, off, cp, rel):
        key = (rule, obj, off, cp)
        if key not in out or day < out[key][0]:
            out[key] = (day, rel)

    pos = {i: (o, up) for i, o, title, up, head in POSITIONS}
    emps = [(P[p], i, D(f), D(to) if to else MAX, a, sc) for p, i, f, to, a, sc in EMPLOYMENT]
    for low, lpos, lf, lt, a, sc in emps:
        up, dist = pos[lpos][1], 1
        while up:
            for hi, hpos, hf, ht, *_ in emps:
                if hpos != up or hi == low:
                    continue
                start, end = max(lf, hf), min(lt, ht)
                # kinship changes only at its facts' ends: try the start and those days
                days = sorted({start} | {D(x) for *_, f, to in KINSHIP for x in (f, to)
                                         if x and start < D(x) < end})
                for day in days:
                    k = kin_between(hi, low, day)
                    if k:
                        add("HIRE_SUBORDINATION" if dist == 1 else "HIRE_CHAIN", lpos, day,
                            hi, low, k)
                        break
            up, dist = pos[up][1], dist + 1
        if a:
            k = kin_between(P[a], low, lf)
            if k:
                add("HIRE_APPOINTER", lpos, lf, P[a], low, k)
        if sc:
            for m in members(sc, lf):
                k = kin_between(m, low, lf)
                if k:
                    add("HIRE_COMMISSION", lpos, lf, m, low, k)

    blacklisted = lambda b, day: any(O[s] == b and holds(f, to, day) for s, f, to, _ in BLACKLIST)
    for tid, cust, m, ann, com, title, amt in TENDERS:
        day = D(ann)
        bidders = sorted({O[s] for t, s, o, *_ in BIDS if t == tid})
        winners = sorted({O[s] for t, s, o, *_ in BIDS if t == tid and o == "won"})
        for mem in members(com, day):
            for b in bidders:
                rel = person_to_company(mem, b, day)
                if rel:
                    add("TENDER_COMMISSION", tid, day, mem, b, rel)
        for i, x in enumerate(bidders):
            for y in bidders[i + 1:]:
                rel = company_to_company(x, y, day)
                if rel:
                    add("TENDER_AFFILIATED_BIDDERS", tid, day, x, y, rel)
        for w in winners:
            for b in O.values():
                if b != w and blacklisted(b, day):
                    rel = company_to_company(w, b, day)
                    if rel:
                        add("TENDER_BLACKLIST_SUCCESSOR", tid, day, w, b, rel)
    for cid, cust, sup, signed, tid, by, amt in CONTRACTS:
        rel = person_to_company(P[by], O[sup], D(signed))
        if rel:
            add("TENDER_SIGNATORY", cid, D(signed), P[by], O[sup], rel)

    for did, kind, com, rec, date, obj, q, appr in ALLOCATIONS:
        day, rec = D(date), P[rec]
        officials = set(members(com, day)) | ({P[appr]} if appr else set())
        jumped = False
        if kind in ("land", "housing") and q != "":
            for c, who, qn, reg, rm in WAITING:
                if c != com or P[who] == rec or qn >= q:
                    continue
                if not (D(reg) <= day and (not rm or D(rm) > day)):
                    continue
                served = any(c2 == com and P[r2] == P[who] and D(d2) <= day
                             for _, _, c2, r2, d2, *_ in ALLOCATIONS)
                jumped = jumped or not served
        rule = {"land": "LAND_COMMISSION", "housing": "HOUSING_COMMISSION"}.get(kind,
                                                                                  "COMMISSION_OTHER")
        for off in officials:
            k = kin_between(off, rec, day)
            if k:
                add(rule, did, day, off, rec, k)
                if jumped:
                    add(kind.upper() + "_QUEUE_JUMP", did, day, off, rec, k)

    for cid, subj, opened, inv, com, outcome in DISCIPLINARY:
        day = D(opened)
        officials = set(members(com, day) if com else []) | ({P[inv]} if inv else set())
        for off in officials:
            k = kin_between(off, P[subj], day)
            if k:
                add("DISCIPLINARY_INTERESTED", cid, day, off, P[subj], k)
    for bid, rec, appr, org, date, amt in BONUSES:
        k = kin_between(P[appr], P[rec], D(date))
        if k:
            add("BONUS_RELATIVE", bid, D(date), P[appr], P[rec], k)
    return out


RULE_ORDER = ["HIRE_SUBORDINATION", "HIRE_CHAIN", "HIRE_APPOINTER", "HIRE_COMMISSION",
              "TENDER_COMMISSION", "TENDER_SIGNATORY", "TENDER_AFFILIATED_BIDDERS",
              "TENDER_BLACKLIST_SUCCESSOR", "LAND_COMMISSION", "HOUSING_COMMISSION",
              "LAND_QUEUE_JUMP", "HOUSING_QUEUE_JUMP", "DISCIPLINARY_INTERESTED",
              "BONUS_RELATIVE", "COMMISSION_OTHER"]


def main():
    for name, (header, rows) in tables().items():
        write_csv(name, header, rows)
    found = findings()
    ok = True
    planted = {(r, o, ref(a), ref(b)): rel for r, o, a, b, rel in PLANTED}
    for key, rel in planted.items():
        if key not in found or found[key][1] != rel:
            print("planted conflict missing or different:", key, rel, found.get(key),
                  file=sys.stderr)
            ok = False
    for key in found:
        if key not in planted:
            print("unplanned finding:", key, found[key], file=sys.stderr)
            ok = False
    for r, o, a, b in MUST_NOT_FIRE:
        if (r, o, ref(a), ref(b)) in found:
            print("look-alike fires:", r, o, a, b, file=sys.stderr)
            ok = False
    rules = {r for r, *_ in found}
    for r in RULE_ORDER:
        if r not in rules:
            print("rule never fires:", r, file=sys.stderr)
            ok = False
    lines = sorted(found.items(), key=lambda kv: (RULE_ORDER.index(kv[0][0]),) + kv[0][1:])
    with open(os.path.join(OUT, "expected_findings.tsv"), "w", encoding="utf-8") as f:
        f.write("rule\tobject_id\tdate\tofficial\tcounterparty\trelation\n")
        for (rule, obj, off, cp), (day, rel) in lines:
            f.write(f"{rule}\t{obj}\t{day.isoformat()}\t{off}\t{cp}\t{rel}\n")
    print(f"{len(PERSON_ROWS)} persons, {len(ORGS)} organizations, {len(found)} expected findings")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
