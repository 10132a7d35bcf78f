#!/usr/bin/env python3
"""Writes a small feed (docs/feeds.md) that once made the engine slow or blind.

  python3 bench/odd_feed.py siblings N OUT     N children of one parent, each in a post right
                                               below the parent's (the parent heads them all)
  python3 bench/odd_feed.py placeholder N OUT  N children of one parent who holds no post (a
                                               registry's placeholder for "unknown parent");
                                               every second child reports to the one before
  python3 bench/odd_feed.py depth N OUT        a chain of N posts, the parent at the top, the
                                               child at the bottom (one HIRE_CHAIN finding)

Then: /usr/bin/time build/bin/coigraph scan OUT (docs/performance.md, "One parent with many
children").
"""
import datetime
import os
import sys

def check_digit(d11):
    digits = [int(c) for c in d11]
    c = sum(d * w for d, w in zip(digits, range(1, 12))) % 11
    if c == 10:
        c = sum(d * w for d, w in zip(digits, [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2])) % 11
        if c == 10: return None
    return c
def iin(i, sex='M', year=1980):
    day = datetime.date(year,1,1)+datetime.timedelta(days=i//900)
    serial = 100 + (i % 900)*10
    while True:
        d11 = day.strftime('%y%m%d') + ('3' if sex=='M' else '4') + str(serial).zfill(4)
        c = check_digit(d11)
        if c is not None: return d11+str(c), day.isoformat()
        serial += 1
mode, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(out, exist_ok=True)
BIN = '990440010213'
open(f'{out}/organizations.csv','w').write('bin,name,kind,parent_bin,region\n%s,ГУ «Аппарат»,state_body,,Область\n' % BIN)
P = ['iin,last_name,first_name,patronymic,birth_date,sex,death_date']
K = ['person_iin,relative_iin,relation,valid_from,valid_to']
POS = ['position_id,org_bin,title,reports_to,is_head']
E = ['person_iin,position_id,valid_from,valid_to,appointed_by_iin,selection_commission_id']
parent, pb = iin(0, 'M', 1940)
P.append(f'{parent},Неизвестный,Родитель,,{pb},M,')
if mode == 'siblings':
    POS.append(f'HEAD,{BIN},Руководитель,,true')
    E.append(f'{parent},HEAD,2020-01-01,,,')
    for i in range(1, n+1):
        c, b = iin(i, 'M', 1980)
        P.append(f'{c},Ребёнок,Номер{i},,{b},M,')
        K.append(f'{parent},{c},parent,,')
        POS.append(f'P{i},{BIN},Специалист,HEAD,false')
        E.append(f'{c},P{i},2020-01-01,,,')
elif mode == 'placeholder':
    other, ob = iin(5, 'M', 1950)
    P.append(f'{other},Начальник,Чужой,,{ob},M,')
    POS.append(f'HEAD,{BIN},Руководитель,,true')
    E.append(f'{other},HEAD,2020-01-01,,,')
    for i in range(1, n+1):
        c, b = iin(i, 'M', 1980)
        P.append(f'{c},Ребёнок,Номер{i},,{b},M,')
        K.append(f'{parent},{c},parent,,')
        up = 'HEAD' if i % 2 else f'P{i-1}'
        POS.append(f'P{i},{BIN},Специалист,{up},false')
        E.append(f'{c},P{i},2020-01-01,,,')
else:  # depth: a chain of n posts, the parent at the top, the child at the bottom
    for i in range(n):
        POS.append(f'C{i},{BIN},Пост {i},{"" if i == 0 else "C%d" % (i-1)},{"true" if i == 0 else "false"}')
    E.append(f'{parent},C0,2020-01-01,,,')
    c, b = iin(1, 'M', 1980)
    P.append(f'{c},Ребёнок,Один,,{b},M,')
    K.append(f'{parent},{c},parent,,')
    E.append(f'{c},C{n-1},2020-01-01,,,')
for name, rows in [('persons',P),('kinship',K),('positions',POS),('employment',E)]:
    open(f'{out}/{name}.csv','w').write('\n'.join(rows)+'\n')
