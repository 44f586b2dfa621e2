"""Benchmarking (M-P7): the LAOs a user may read side by side, each figure its app's own report, ranked, per capita
within the peer group; Excel through the kit."""

import io
from decimal import Decimal

import openpyxl
import pandas as pd

from apps.admin import install
from apps.elaas import links as elaas
from apps.eplan import links as eplan
from apps.info import benchmark
from core.report import export
from helpers import principal


def _province_of_two() -> None:
    it = principal('admin')
    install.create_lao(it, dla_code='6300116', size='small', admin_full_name='นายสอง', admin_username='adm2')
    install.create_reader(it, org_id=it.org_id, reach='province', full_name='นายตรวจ', username='reader_p')


def test_an_lao_user_compares_only_its_own_lao() -> None:
    _province_of_two()
    mayor = principal('mayor')
    fy = benchmark._latest(mayor)  # noqa: SLF001
    frame = benchmark.compare(mayor, fy)
    assert list(frame['อปท.']) == ['องค์การบริหารส่วนตำบลบ้านตัวอย่าง']
    row = frame.iloc[0]
    execution = elaas.execution_by_program(mayor, fy)  # the figures equal e-LAAS's and e-Plan's own reports
    assert row['งบประมาณ (บาท)'] == sum(execution['งบประมาณ'], Decimal('0')) > 0
    assert row['เบิกจ่าย (บาท)'] == sum(execution['เบิกจ่าย'], Decimal('0'))
    assert row['รายได้จัดเก็บ (บาท)'] == elaas.revenue_collected(mayor, fy)
    done, planned = eplan.projects_done(mayor, fy)
    assert row['โครงการแล้วเสร็จ'] == f'{done:,}/{planned:,}'
    assert row['ประชากร (คน)'] and row['งบประมาณต่อหัว (บาท)'] == (
        row['งบประมาณ (บาท)'] / row['ประชากร (คน)']).quantize(Decimal('0.01'))
    assert row['งบประมาณต่อหัว เทียบกลุ่ม (%)'] == Decimal('100.00')  # alone in its group: the group's mean


def test_the_provincial_reader_compares_the_laos_of_its_province_ranked(demo_province) -> None:
    _province_of_two()
    reader = principal('reader_p')
    fy = benchmark._latest(principal('mayor'))  # noqa: SLF001
    frame = benchmark.compare(reader, fy, 'เบิกจ่าย (%)')
    assert set(frame['อปท.']) == {'องค์การบริหารส่วนตำบลบ้านตัวอย่าง', 'องค์การบริหารส่วนตำบลบ้านเกาะ',
                                  'องค์การบริหารส่วนตำบลสีมุม', 'เทศบาลตำบลหัวทะเล'}
    assert list(frame['อันดับ'])[0] == 1  # the demo LAO disbursed; the new one has no budget and comes last, unranked
    assert frame.iloc[0]['อปท.'] == 'องค์การบริหารส่วนตำบลบ้านตัวอย่าง' and pd.isna(frame.iloc[-1]['อันดับ'])
    assert frame.iloc[-1]['อปท.'] == 'องค์การบริหารส่วนตำบลบ้านเกาะ'
    assert set(frame['ประเภทและขนาด']) == {'อบต. ขนาดกลาง', 'อบต. ขนาดเล็ก', 'ทต. ขนาดกลาง'}  # peer groups
    peers = frame.set_index('อปท.')
    assert peers.loc['เทศบาลตำบลหัวทะเล', 'งบประมาณ (บาท)'] > 0  # the demo peers' budgets were announced
    assert peers.loc['องค์การบริหารส่วนตำบลสีมุม', 'รายได้จัดเก็บ (บาท)'] > 0
    small = peers[peers['ประเภทและขนาด'] == 'อบต. ขนาดเล็ก']  # สีมุม alone with figures in its group: its mean
    assert small.loc['องค์การบริหารส่วนตำบลสีมุม', 'งบประมาณต่อหัว เทียบกลุ่ม (%)'] == Decimal('100.00')
    workbook = openpyxl.load_workbook(io.BytesIO(export('info/benchmark', reader, {'fy': fy}, 'xlsx')))
    cells = [c.value for row in workbook.active.iter_rows() for c in row]
    assert 'องค์การบริหารส่วนตำบลบ้านเกาะ' in cells and 'องค์การบริหารส่วนตำบลบ้านตัวอย่าง' in cells


def test_ranking_is_competition_ranking_and_less_is_better_where_it_should_be() -> None:
    values = pd.Series([Decimal('30'), None, Decimal('50'), Decimal('30')])
    assert benchmark._rank(values, True) == [2, None, 1, 2]  # noqa: SLF001
    assert benchmark._rank(values, False) == [1, None, 3, 1]  # noqa: SLF001
