"""Kleene three-valued logic: the complete truth tables of the spec's conventions."""

import itertools

import pytest

from nkscreen.core.logic import all3, any3, not3

T, F, U = True, False, None
VALUES = [T, F, U]


@pytest.mark.parametrize(("a", "b"), list(itertools.product(VALUES, VALUES)))
def test_and_truth_table(a, b):
    expected = F if F in (a, b) else (U if U in (a, b) else T)
    assert all3([a, b]) is expected


@pytest.mark.parametrize(("a", "b"), list(itertools.product(VALUES, VALUES)))
def test_or_truth_table(a, b):
    expected = T if T in (a, b) else (U if U in (a, b) else F)
    assert any3([a, b]) is expected


def test_not():
    assert not3(T) is F
    assert not3(F) is T
    assert not3(U) is U


def test_empty_and_or():
    assert all3([]) is T
    assert any3([]) is F
