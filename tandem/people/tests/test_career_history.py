"""Imports record what changed in people's careers: the raw material of outcome reports."""

import datetime

import pytest

from tandem.people.imports import people_import
from tandem.people.models import CareerEvent, PeopleImport

pytestmark = pytest.mark.django_db

FIRST = (
    "email,first_name,title,department,seniority,is_active\n"
    "ana@example.com,Ana,Analyst,Finance,2,yes\n"
    "tom@example.com,Tom,Engineer,Platform,3,yes\n"
    "eve@example.com,Eve,Designer,Product,3,yes\n"
)
LATER = (
    "email,first_name,title,department,seniority,is_active\n"
    "ana@example.com,Ana,Senior Analyst,Finance,3,yes\n"
    "tom@example.com,Tom,Engineer,Data,3,yes\n"
    "eve@example.com,Eve,Designer,Product,3,no\n"
)


def _events():
    return sorted(
        (e.person.email, e.kind, e.before, e.after, e.on.isoformat())
        for e in CareerEvent.objects.select_related("person")
    )


def test_a_first_import_records_who_joined():
    people_import(data=FIRST, as_of=datetime.date(2026, 1, 5))
    assert [e[:2] for e in _events()] == [
        ("ana@example.com", "joined"),
        ("eve@example.com", "joined"),
        ("tom@example.com", "joined"),
    ]
    assert PeopleImport.objects.get().created == 3


def test_a_later_import_records_promotions_moves_and_departures():
    people_import(data=FIRST, as_of=datetime.date(2026, 1, 5))
    CareerEvent.objects.all().delete()
    people_import(data=LATER, as_of=datetime.date(2026, 7, 1))
    assert _events() == [
        ("ana@example.com", "promoted", "Junior", "Mid-level", "2026-07-01"),
        ("ana@example.com", "title_changed", "Analyst", "Senior Analyst", "2026-07-01"),
        ("eve@example.com", "left", "", "", "2026-07-01"),
        ("tom@example.com", "department_changed", "Platform", "Data", "2026-07-01"),
    ]


def test_the_same_file_twice_records_nothing_new():
    people_import(data=FIRST, as_of=datetime.date(2026, 1, 5))
    people_import(data=FIRST, as_of=datetime.date(2026, 2, 5))
    assert CareerEvent.objects.count() == 3
    assert PeopleImport.objects.count() == 2


def test_a_dry_run_records_nothing():
    people_import(data=FIRST, dry_run=True)
    assert not CareerEvent.objects.exists() and not PeopleImport.objects.exists()


def test_a_file_with_an_error_records_nothing():
    people_import(data=FIRST)
    bad = LATER.replace("Finance,3,yes", "Finance,9,yes")
    assert not people_import(data=bad).ok
    assert CareerEvent.objects.count() == 3
