"""The basic data by year: each year's figure kept with its source and date, the years side by side, the villages'
population with the change from the year before, and the rules of the register."""

from datetime import timedelta

import pytest

from apps.info import figures
from apps.info.resources import FIGURES
from core import resource
from core.errors import Denied, ValidationFailed
from core.thai import fiscal_year, today
from helpers import principal


def test_the_years_stand_side_by_side_each_figure_with_its_source_and_date() -> None:
    last = fiscal_year(today()) - 1
    df = figures.by_year(principal('clerk'))
    assert list(df.columns)[3:6] == [f'ปี {last - 2}', f'ปี {last - 1}', f'ปี {last}']
    population = df[df['ข้อมูล'] == 'ประชากรรวม'].iloc[0]
    villages = figures.villages_by_year(principal('clerk'), last)
    assert population[f'ปี {last}'] == villages['รวม'].sum()  # the LAO's total is its villages' sum
    assert population['แหล่งข้อมูล'].startswith('ทะเบียนราษฎร') and population['ณ วันที่']
    roads = df[df['ข้อมูล'] == 'ถนนคอนกรีต'].iloc[0]
    assert roads[f'ปี {last}'] - roads[f'ปี {last - 1}'] == 1_200
    assert (df['แหล่งข้อมูล'] != '').all() and (df['ณ วันที่'] != '').all()


def test_village_population_says_the_change_from_the_year_before() -> None:
    last = fiscal_year(today()) - 1
    now, before = (figures.villages_by_year(principal('planner'), y) for y in (last, last - 1))
    assert len(now) == 10
    assert (now['รวม'] == now['ชาย'] + now['หญิง']).all()
    assert list(now['เพิ่ม(ลด)จากปีก่อน']) == list(now['รวม'] - before['รวม'])


def test_a_new_year_is_a_new_row_and_the_old_one_stays() -> None:
    planner = principal('planner')
    fy = fiscal_year(today())
    as_of = today() - timedelta(days=1)
    resource.create(FIGURES, planner, {'fiscal_year': str(fy), 'indicator': 'fire_trucks', 'value': '2',
                                       'as_of': f'{as_of.day:02d}/{as_of.month:02d}/{as_of.year + 543}',
                                       'source': 'ทะเบียนทรัพย์สิน (รับมอบรถใหม่)'})
    df = figures.by_year(planner, years=4)
    trucks = df[df['ข้อมูล'] == 'รถดับเพลิง'].iloc[0]
    assert trucks[f'ปี {fy}'] == 2 and trucks[f'ปี {fy - 1}'] == 1
    assert trucks['แหล่งข้อมูล'] == 'ทะเบียนทรัพย์สิน (รับมอบรถใหม่)'


def test_the_register_refuses_a_village_for_a_whole_lao_figure_a_day_to_come_and_the_same_year_twice() -> None:
    planner = principal('planner')
    village = resource.query(resource.REGISTRY['info/villages'], planner).rows[0].id
    later = today() + timedelta(days=3)
    with pytest.raises(ValidationFailed) as refused:
        resource.create(FIGURES, planner, {'fiscal_year': '2569', 'indicator': 'fire_trucks', 'value': '1',
                                           'village_id': str(village), 'source': 'x',
                                           'as_of': f'{later.day:02d}/{later.month:02d}/{later.year + 543}'})
    assert set(refused.value.errors) == {'village_id', 'as_of'}
    last = fiscal_year(today()) - 1
    with pytest.raises(ValidationFailed, match='มีอยู่แล้วในทะเบียน'):
        resource.create(FIGURES, planner, {'fiscal_year': str(last), 'indicator': 'fire_trucks', 'value': '1',
                                           'source': 'ซ้ำ', 'as_of': '30/09/2560'})
    with pytest.raises(Denied):
        resource.create(FIGURES, principal('clerk'), {'fiscal_year': '2569', 'indicator': 'fire_trucks',
                                                      'value': '1', 'source': 'x', 'as_of': '30/09/2560'})
